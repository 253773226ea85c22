"""Graph: facts -> RDF -> a store, and everything read from it.

Rooms by role, each importing only those below it (import-linter holds it):

``write/``    facts -> RDF (mapping), SHACL validation, the build, ingested
              documents, SPARQL Update
``publish/``  SPARQL result formats, RDF dumps, the service description
``read/``     the read model the pages and the REST API show (one module per
              resource), lookup, search, linked data, consistency checks
``network/``  projections onto NetworkX, analytics, network exports
``store/``    one Store protocol; the embedded and remote stores, the guard,
              the worker pool, opening the store a setting names
``home``      the home folder's layout (current link, stores, documents)

Reading never imports writing, so a server starts without pyshacl or the
extractors.
"""
