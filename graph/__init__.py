"""Graph: facts -> RDF, validation, stores, and the build that ties them together."""
