"""Writing the graph: facts -> RDF, SHACL validation, the build, documents, ingest, updates."""
