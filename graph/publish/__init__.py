"""Publishing: SPARQL result formats, RDF dumps and the SPARQL service description."""
