"""Search, the city network, paths, centralities and recommendations, as JSON.

===================================  ===========================================
``GET /api/search?q=&limit=&type=``  entities by name (Korean or English,
                                     prefixes and typos forgiven)
``GET /api/network/ego?city=&hops=`` the places within 1-3 ties of a city
``GET /api/network/path?from=&to=``  how two places are connected, hop by hop
``GET /api/network/centrality``      degree, betweenness or eigenvector, top N
``GET /api/recommendations?city=``   suggested partners (default: the focus city)
===================================  ===========================================

Cities are given by data key (``seoul``), IRI or English or Korean label.
The projected network and the search index are built on first use and kept
per app and graph version (:mod:`citygraph.api.cache`).
"""

from __future__ import annotations

from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from citygraph.api.cache import Derived
from citygraph.api.samples import responses
from citygraph.api.state import CacheDep, FocusDep
from citygraph.graph.network import analysis, answers
from citygraph.graph.read.search import SearchResults
from citygraph.ingest.errors import InvalidParameter
from citygraph.ontology.vocab import iri_of

router = APIRouter()

PLACE_TYPES = ("City", "Region", "Country")
Measure = Literal["degree", "betweenness", "eigenvector"]
EntityType = Literal["City", "Region", "Country", "Person", "Organization", "Event", "Prize",
                     "Policy", "Venue"]


@router.get("/api/search", tags=["search"], responses=responses(SearchResults))
async def search(
    derived: CacheDep,
    q: Annotated[str, Query(min_length=1, max_length=200,
                            description="A name or part of one, in Korean or English.")],
    limit: Annotated[int, Query(ge=1, le=100, description="Most results.")] = 10,
    type: Annotated[list[EntityType] | None, Query(
        description="Keep only these kinds (repeat the parameter for several).")] = None,
) -> SearchResults:
    """Find entities by name, in Korean or English: `웰링` and `welington` find Wellington.

    Cities, regions, countries, people, organisations, events, prizes,
    policies and venues; prefixes and typos are forgiven.
    """
    index = await derived.index()
    hits = await run_in_threadpool(index.search, q, limit, types=type)
    return SearchResults(q, len(hits), tuple(hits))


async def _resolve(derived: Derived, g: nx.Graph, name: str) -> str:
    """The node a name gives, or :class:`~analysis.UnknownPlace` suggesting near names."""
    wanted = name.strip()
    if wanted.startswith(("/id/", "/kind/")):
        wanted = iri_of(wanted) or wanted
    try:
        return analysis.resolve(g, wanted)
    except (analysis.UnknownPlace, InvalidParameter) as err:
        message = err.message
    index = await derived.index()
    near = [h for h in index.search(wanted, 5, types=PLACE_TYPES) if h.iri in g][:3]
    if near:
        names = ", ".join(f"{h.label_en} ({h.id or h.iri})" for h in near)
        message += f"; did you mean {names}?"
    raise analysis.UnknownPlace(message)


@router.get("/api/network/ego", tags=["network"],
            responses=responses(answers.EgoNetwork, 404))
async def ego(
    derived: CacheDep,
    city: Annotated[str, Query(min_length=1, description="Data key, IRI or label.")],
    hops: Annotated[int, Query(ge=1, le=3, description="How many ties out.")] = 1,
) -> answers.EgoNetwork:
    """The places within `hops` ties of a city, with every tie between them."""
    g = await derived.network()
    center = await _resolve(derived, g, city)
    return await run_in_threadpool(answers.ego_network, g, center, hops)


@router.get("/api/network/path", tags=["network"],
            responses=responses(answers.PathResult, 404))
async def path(
    derived: CacheDep,
    source: Annotated[str, Query(alias="from", min_length=1,
                                 description="Data key, IRI or label.")],
    target: Annotated[str, Query(alias="to", min_length=1,
                                 description="Data key, IRI or label.")],
) -> answers.PathResult:
    """How two places are connected, each hop explained in English and Korean."""
    g = await derived.network()
    u = await _resolve(derived, g, source)
    v = await _resolve(derived, g, target)
    try:
        return await run_in_threadpool(answers.path_between, g, u, v)
    except analysis.NoConnection as err:
        text = err.message  # "no connection between A and B"
        raise analysis.NoConnection(f"{text[:1].upper()}{text[1:]} in the graph.") from None


_MEASURES = {"degree": analysis.degree, "betweenness": analysis.betweenness,
             "eigenvector": analysis.eigenvector}


@router.get("/api/network/centrality", tags=["network"],
            responses=responses(answers.Centrality))
async def centrality(
    derived: CacheDep,
    measure: Annotated[Measure, Query(description="Which centrality.")] = "degree",
    limit: Annotated[int, Query(ge=1, le=1000, description="Most places.")] = 10,
) -> answers.Centrality:
    """The most central places (parallel ties collapsed; ties broken by IRI)."""
    g = await derived.network()
    scores = await derived.get(f"centrality:{measure}", lambda: _MEASURES[measure](g))
    return answers.centrality(g, measure, scores, limit)


@router.get("/api/recommendations", tags=["network"],
            responses=responses(answers.Recommendations, 404))
async def recommendations(
    derived: CacheDep,
    focus: FocusDep,
    city: Annotated[str | None, Query(description="Data key, IRI or label; "
                                                  "the focus city by default.")] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Most suggestions.")] = 10,
) -> answers.Recommendations:
    """Places the city has no agreement with, ranked, each with its reasons."""
    g = await derived.network()
    node = await _resolve(derived, g, city) if city else focus
    if node not in g:
        raise analysis.UnknownPlace(f"The focus city {node} is not in the network.")
    return await run_in_threadpool(answers.recommendations, g, node, limit)
