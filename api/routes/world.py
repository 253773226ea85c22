"""The world's twinning network for researchers, as JSON with paging.

Every partnership in the graph (with the world's twin-town list built in, its
24,000 ties; else the curated graph's) is one edge
(:mod:`citygraph.graph.network.world`).  The network and each measure are
built on first use and kept per app and graph version.

===========================================  =========================================
``GET /api/world/degree``                    partners per place, most first
``GET /api/world/eigenvector``               eigenvector centrality
``GET /api/world/betweenness``               approximate betweenness (200 sources)
``GET /api/world/communities``               Louvain communities, largest first
``GET /api/world/countries``                 ties per pair of countries
``GET /api/world/second-degree?city=``       partners of the city's partners
``GET /api/world/shared-partners?city=``     places sharing most partners with it
===========================================  =========================================

Each takes ``limit`` and ``offset``; ``city`` is a data key (the focus city
by default).
"""

from __future__ import annotations

from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from citygraph.api.cache import Derived
from citygraph.api.errors import documented
from citygraph.api.state import CacheDep, FocusDep, StoreDep
from citygraph.graph.network import world
from citygraph.graph.read.lookup import entity_iri

__all__ = ["router"]

router = APIRouter(prefix="/api/world", tags=["world"])

Limit = Annotated[int, Query(ge=1, le=1000, description="Most items.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
City = Annotated[str | None, Query(max_length=300, description=(
    "Data key of a city (`seoul`); the focus city by default."))]
RankMeasure = Literal["degree", "eigenvector", "betweenness"]

_MEASURES = {"degree": world.degree, "eigenvector": world.eigenvector,
             "betweenness": world.betweenness}


async def _network(derived: Derived) -> nx.Graph:
    return await derived.get("world", lambda: world.world_network(derived.source))


async def _ranked(derived: Derived, measure: RankMeasure) -> list[world.WorldRank]:
    g = await _network(derived)
    return await derived.get(f"world:{measure}", lambda: _MEASURES[measure](g))


def _page_of(items: list[world.WorldRank], limit: int,
             offset: int) -> world.WorldPage[world.WorldRank]:
    return world.page(items, limit, offset)


@router.get("/degree", responses=documented(422, 503))
async def degree(derived: CacheDep, limit: Limit = 50,
                 offset: Offset = 0) -> world.WorldPage[world.WorldRank]:
    """Places by number of partners (every partnership: listed or curated)."""
    return _page_of(await _ranked(derived, "degree"), limit, offset)


@router.get("/eigenvector", responses=documented(422, 503))
async def eigenvector(derived: CacheDep, limit: Limit = 50,
                      offset: Offset = 0) -> world.WorldPage[world.WorldRank]:
    """Places by eigenvector centrality (unit norm): tied to places that are themselves tied."""
    return _page_of(await _ranked(derived, "eigenvector"), limit, offset)


@router.get("/betweenness", responses=documented(422, 503))
async def betweenness(derived: CacheDep, limit: Limit = 50,
                      offset: Offset = 0) -> world.WorldPage[world.WorldRank]:
    """Places by approximate betweenness (Brandes from 200 sampled sources, seeded).

    Its error against the exact figure, measured on a sample, is in the README.
    """
    return _page_of(await _ranked(derived, "betweenness"), limit, offset)


@router.get("/communities", responses=documented(422, 503))
async def communities(derived: CacheDep, limit: Limit = 20,
                      offset: Offset = 0) -> world.WorldPage[world.Community]:
    """Louvain communities, largest first, with their countries and best-connected members."""
    g = await _network(derived)
    found = await derived.get("world:communities", lambda: world.communities(g))
    return world.page(found, limit, offset)


@router.get("/countries", responses=documented(422, 503))
async def countries(derived: CacheDep, limit: Limit = 100,
                    offset: Offset = 0) -> world.WorldPage[world.CountryCell]:
    """Ties per pair of countries (ISO codes; a pair once, `a` before `b`), most first."""
    g = await _network(derived)
    cells = await derived.get("world:countries", lambda: world.country_matrix(g))
    return world.page(cells, limit, offset)


async def _city(store: StoreDep, focus: str, city: str | None) -> str:
    if not city:
        return focus
    return await run_in_threadpool(entity_iri, store, city)


@router.get("/second-degree", responses=documented(404, 422, 503))
async def second_degree(derived: CacheDep, store: StoreDep, focus: FocusDep, city: City = None,
                        limit: Limit = 100,
                        offset: Offset = 0) -> world.WorldPage[world.SecondDegree]:
    """The partners of the city's partners (not its own), most shared ties first."""
    node = await _city(store, focus, city)
    g = await _network(derived)
    return world.page(world.second_degree(g, node), limit, offset)


@router.get("/shared-partners", responses=documented(404, 422, 503))
async def shared_partners(derived: CacheDep, store: StoreDep, focus: FocusDep,
                          city: City = None, limit: Limit = 50,
                          offset: Offset = 0) -> world.WorldPage[world.WorldRank]:
    """Places sharing most partners with the city (`value`: partners shared)."""
    node = await _city(store, focus, city)
    g = await _network(derived)
    return world.page(world.shared_partners(g, node), limit, offset)
