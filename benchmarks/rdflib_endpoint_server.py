"""Serve an N-Quads file with rdflib-endpoint, for ``benchmarks/serving.py`` to compare against.

It does what ``rdflib-endpoint serve FILE`` does (an rdflib ``Dataset`` with
``default_union=True``, so that queries without ``GRAPH`` see every named
graph, behind ``SparqlEndpoint``; SPARQL at ``/``), with uvicorn's access log
off as for ``citygraph serve``::

    python benchmarks/rdflib_endpoint_server.py FILE.nq HOST PORT
"""

from __future__ import annotations

import sys

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def main(path: str, host: str, port: int) -> None:
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    uvicorn.run(SparqlEndpoint(graph=dataset), host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
