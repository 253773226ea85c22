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

from typing import Annotated, Any, Literal

import networkx as nx
from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from citygraph.api.cache import Derived
from citygraph.api.errors import documented
from citygraph.api.models_network import (
    Centrality,
    EgoNetwork,
    PathHop,
    PathResult,
    Place,
    Ranked,
    Recommendations,
    Recommended,
    SearchHit,
    SearchResults,
    Tie,
)
from citygraph.api.state import CacheDep, FocusDep
from citygraph.graph.network import analysis
from citygraph.ingest.errors import InvalidParameter
from citygraph.ontology.vocab import iri_of, local_path

router = APIRouter()

PLACE_TYPES = ("City", "Region", "Country")
_ERRORS = documented(404, 422, 503)
Measure = Literal["degree", "betweenness", "eigenvector"]
EntityType = Literal["City", "Region", "Country", "Person", "Organization", "Event", "Prize",
                     "Policy", "Venue"]


@router.get("/api/search", tags=["search"], response_model=SearchResults)
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
    results = [SearchHit(id=h.key, iri=h.iri, type=h.type, label_en=h.label_en,
                         label_ko=h.label_ko, score=h.score, matched=h.matched, url=h.url)
               for h in hits]
    return SearchResults(query=q, count=len(results), results=results)


def _place(g: nx.Graph, iri: str) -> Place:
    d = g.nodes[iri]
    return Place(
        iri=iri, id=d.get("key") or None, label=str(d.get("label") or iri),
        label_ko=str(d.get("label_ko") or d.get("label") or iri), type=str(d.get("type") or ""),
        country=d.get("country"), country_label=d.get("country_label"),
        continent=d.get("continent"), lat=d.get("lat"), lon=d.get("lon"), url=local_path(iri),
    )


async def _resolve(derived: Derived, g: nx.Graph, name: str, what: str) -> str:
    """The node a name gives, or a 404 that suggests near names."""
    wanted = name.strip()
    if wanted.startswith(("/id/", "/kind/")):
        wanted = iri_of(wanted) or wanted
    try:
        return analysis.resolve(g, wanted)
    except (analysis.UnknownPlace, InvalidParameter) as err:
        message = str(err)
    index = await derived.index()
    near = [h for h in index.search(wanted, 5, types=PLACE_TYPES) if h.iri in g][:3]
    if near:
        names = ", ".join(f"{h.label_en} ({h.key or h.iri})" for h in near)
        message += f"; did you mean {names}?"
    raise analysis.UnknownPlace(message)


def _tie(u: str, v: str, d: dict[str, Any]) -> Tie:
    relation = str(d.get("relation") or "")
    via = str(d.get("agreement") or d.get("event") or d.get("prize") or "")
    label = d.get("kind_label") or d.get("event_label") or d.get("prize_label")
    label_ko = d.get("kind_label_ko") or d.get("event_label_ko") or d.get("prize_label_ko")
    year = d.get("year")
    return Tie(source=u, target=v, relation=relation,
               kind=d.get("kind") if relation == "agreement" else d.get("event_kind"),
               via=via, via_url=local_path(via), label=label or None, label_ko=label_ko or None,
               year=year if isinstance(year, int) else None, date=d.get("date"))


@router.get("/api/network/ego", tags=["network"], response_model=EgoNetwork,
            responses=_ERRORS)
async def ego(
    derived: CacheDep,
    city: Annotated[str, Query(min_length=1, description="Data key, IRI or label.")],
    hops: Annotated[int, Query(ge=1, le=3, description="How many ties out.")] = 1,
) -> EgoNetwork:
    """The places within `hops` ties of a city, with every tie between them."""
    g = await derived.network()
    center = await _resolve(derived, g, city, "city")
    sub = await run_in_threadpool(analysis.ego, g, center, hops)
    nodes = [_place(g, n) for n in sorted(sub, key=lambda n: (n != center, str(n)))]
    edges = sorted((_tie(u, v, d) for u, v, d in sub.edges(data=True)),
                   key=lambda t: (t.source, t.target, t.relation, t.via))
    return EgoNetwork(center=_place(g, center), hops=hops, nodes=nodes, edges=edges)


@router.get("/api/network/path", tags=["network"], response_model=PathResult,
            responses=_ERRORS)
async def path(
    derived: CacheDep,
    source: Annotated[str, Query(alias="from", min_length=1,
                                 description="Data key, IRI or label.")],
    target: Annotated[str, Query(alias="to", min_length=1,
                                 description="Data key, IRI or label.")],
) -> PathResult:
    """How two places are connected, each hop explained in English and Korean."""
    g = await derived.network()
    u = await _resolve(derived, g, source, "city")
    v = await _resolve(derived, g, target, "city")
    try:
        hops = await run_in_threadpool(analysis.explain_path, g, u, v)
    except analysis.NoConnection as err:
        text = err.message  # "no connection between A and B"
        raise analysis.NoConnection(f"{text[:1].upper()}{text[1:]} in the graph.") from None
    return PathResult(
        source=_place(g, u), target=_place(g, v), length=len(hops),
        hops=[PathHop(source=h.from_iri, target=h.to_iri, relation=h.relation, kind=h.kind,
                      year=h.year, en=h.en, ko=h.ko, via=h.via, via_url=local_path(h.via))
              for h in hops],
    )


_MEASURES = {"degree": analysis.degree, "betweenness": analysis.betweenness,
             "eigenvector": analysis.eigenvector}


@router.get("/api/network/centrality", tags=["network"], response_model=Centrality)
async def centrality(
    derived: CacheDep,
    measure: Annotated[Measure, Query(description="Which centrality.")] = "degree",
    limit: Annotated[int, Query(ge=1, le=1000, description="Most places.")] = 10,
) -> Centrality:
    """The most central places (parallel ties collapsed; ties broken by IRI)."""
    g = await derived.network()
    scores = await derived.get(f"centrality:{measure}", lambda: _MEASURES[measure](g))
    ranked = [Ranked(rank=i, score=round(score, 6), place=_place(g, iri))
              for i, (iri, score) in enumerate(analysis.top(scores, limit), start=1)]
    return Centrality(measure=measure, count=g.number_of_nodes(), results=ranked)


@router.get("/api/recommendations", tags=["network"], response_model=Recommendations,
            responses=_ERRORS)
async def recommendations(
    derived: CacheDep,
    focus: FocusDep,
    city: Annotated[str | None, Query(description="Data key, IRI or label; "
                                                  "the focus city by default.")] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Most suggestions.")] = 10,
) -> Recommendations:
    """Places the city has no agreement with, ranked, each with its reasons."""
    g = await derived.network()
    node = await _resolve(derived, g, city, "city") if city else focus
    if node not in g:
        raise analysis.UnknownPlace(f"The focus city {node} is not in the network.")
    found = await run_in_threadpool(analysis.recommend, g, node, limit)
    return Recommendations(city=_place(g, node), results=[
        Recommended(place=_place(g, r.iri), score=r.score, reasons=list(r.reasons),
                    reasons_ko=list(r.reasons_ko))
        for r in found
    ])
