"""The bare engine behind FastAPI, for ``benchmarks/serving.py`` to compare against.

pyoxigraph on the same store that ``citygraph serve`` reads, opened read-only,
behind one FastAPI route: no guard, no worker processes, no time limit, no
row cap, no cache.  It is what citygraph's serving path costs on top of::

    python benchmarks/bare_engine_server.py STORE_FOLDER HOST PORT
"""

from __future__ import annotations

import sys

import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI, Query
from fastapi.responses import Response


def app(folder: str) -> FastAPI:
    store = ox.Store.read_only(folder)
    made = FastAPI()

    @made.get("/sparql")
    def sparql(query: str = Query()) -> Response:  # a plain def: FastAPI runs it in threads
        answer = store.query(query, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryTriples):
            body = answer.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
            return Response(body, media_type="application/n-triples")
        body = answer.serialize(format=ox.QueryResultsFormat.JSON) or b""
        return Response(body, media_type="application/sparql-results+json")

    return made


if __name__ == "__main__":
    uvicorn.run(app(sys.argv[1]), host=sys.argv[2], port=int(sys.argv[3]), log_level="warning")
