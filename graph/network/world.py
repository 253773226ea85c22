"""The world's twinning network: one node per place, one edge per partnership.

:func:`world_network` projects every ``cg:Partnership`` (a list's tie, or the
tie the agreements between two places share) with two SPARQL SELECTs into an
undirected :class:`networkx.Graph`; the functions below are the researchers'
analytics on it, each a pure function of the graph:

=======================  ====================================================
:func:`degree`           partners per place
:func:`eigenvector`      eigenvector centrality (power iteration in numpy)
:func:`betweenness`      approximate betweenness: Brandes from ``k`` sampled
                         sources (exact when ``k`` is None); see the README
                         for its error against the exact figure
:func:`communities`      Louvain communities (seeded, so reproducible)
:func:`country_matrix`   ties per pair of countries
:func:`second_degree`    the focus city's partners' partners
:func:`shared_partners`  places sharing most partners with the focus city
=======================  ====================================================

Examples
--------
>>> g = nx.Graph()
>>> g.add_edges_from([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
>>> [(r.iri, r.value) for r in degree(g)[:2]]
[('c', 3.0), ('a', 2.0)]
>>> [(r.iri, r.via) for r in second_degree(g, "d")]
[('a', ('c',)), ('b', ('c',))]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import networkx as nx

from citygraph.graph.store.base import SelectResult, Store
from citygraph.ontology.vocab import sparql_prefixes

__all__ = [
    "Community",
    "CountryCell",
    "SecondDegree",
    "WorldPage",
    "WorldRank",
    "betweenness",
    "communities",
    "country_matrix",
    "degree",
    "eigenvector",
    "page",
    "second_degree",
    "shared_partners",
    "world_network",
]

T = TypeVar("T")

TIES = sparql_prefixes("cg") + """
SELECT ?a ?b WHERE {
  ?tie a cg:Partnership ; cg:party ?a, ?b .
  FILTER(STR(?a) < STR(?b))
}
"""

PLACES = sparql_prefixes("cg", "rdfs", "dcterms", "geo") + """
SELECT ?s ?key ?label ?ko ?country ?lat ?lon WHERE {
  { SELECT DISTINCT ?s WHERE { ?tie a cg:Partnership ; cg:party ?s } }
  OPTIONAL { ?s dcterms:identifier ?key }
  OPTIONAL { ?s rdfs:label ?label FILTER(LANG(?label) = "en") }
  OPTIONAL { ?s rdfs:label ?ko FILTER(LANG(?ko) = "ko") }
  OPTIONAL { ?s cg:country ?country }
  OPTIONAL { ?s geo:lat ?lat ; geo:long ?lon }
}
"""


def _rows(store: Store, sparql: str) -> list[dict[str, Any]]:
    result = store.query(sparql, max_rows=10_000_000)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    return result.rows


def world_network(store: Store) -> nx.Graph:
    """Project every partnership; a node is a place (``key``, ``label``, ``country``, ``lat``)."""
    g = nx.Graph()
    for row in _rows(store, TIES):
        g.add_edge(row["a"].value, row["b"].value)
    for row in _rows(store, PLACES):
        node = g.nodes[row["s"].value]
        for name, var in (("key", "key"), ("label", "label"), ("label_ko", "ko")):
            if var in row and name not in node:
                node[name] = row[var].value
        if "country" in row:
            node["country"] = row["country"].value.rsplit("/", 1)[-1]
        if "lat" in row and "lat" not in node:
            node["lat"], node["lon"] = float(row["lat"].value), float(row["lon"].value)
    return g


@dataclass(frozen=True, slots=True)
class WorldRank:
    """A place with a figure (degree, a centrality, shared partners)."""

    iri: str
    id: str
    name_en: str | None
    name_ko: str | None
    country: str | None
    value: float


@dataclass(frozen=True, slots=True)
class SecondDegree:
    """A partner of the focus city's partners, and through which of them."""

    iri: str
    id: str
    name_en: str | None
    country: str | None
    via: tuple[str, ...]
    """The focus city's partners it is tied to (IRIs)."""


@dataclass(frozen=True, slots=True)
class Community:
    """One Louvain community: its size, countries, and its best-connected members."""

    number: int
    size: int
    countries: dict[str, int]
    """Members per country, most first (the top ten)."""
    top: tuple[WorldRank, ...]
    """Its ten members with most partners."""


@dataclass(frozen=True, slots=True)
class CountryCell:
    """Ties between places of two countries (``a <= b``; ``a == b`` within one)."""

    a: str
    b: str
    ties: int


@dataclass(frozen=True, slots=True)
class WorldPage(Generic[T]):
    """One page of a ranked list."""

    total: int
    limit: int
    offset: int
    items: tuple[T, ...]


def page(items: Sequence[T], limit: int, offset: int) -> WorldPage[T]:
    """The page ``offset .. offset + limit`` of ``items``."""
    return WorldPage(len(items), limit, offset, tuple(items[offset:offset + limit]))


def _ranked(g: nx.Graph, scores: dict[str, float]) -> list[WorldRank]:
    out = [WorldRank(n, str(g.nodes[n].get("key") or n.rsplit("/", 1)[-1]),
                  g.nodes[n].get("label"), g.nodes[n].get("label_ko"),
                  g.nodes[n].get("country"), float(v)) for n, v in scores.items()]
    return sorted(out, key=lambda r: (-r.value, r.name_en or "", r.iri))


def degree(g: nx.Graph) -> list[WorldRank]:
    """Partners per place, most first."""
    return _ranked(g, {n: float(d) for n, d in g.degree()})


def eigenvector(g: nx.Graph, *, tol: float = 1e-10, max_iter: int = 2000) -> list[WorldRank]:
    """Eigenvector centrality, most central first (unit Euclidean norm, as networkx's).

    Power iteration on ``A + I`` (the same eigenvector; the shift makes it
    converge on bipartite parts), with numpy over the edge list.
    """
    import numpy as np

    nodes = list(g)
    if not nodes:
        return []
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in g.edges()], dtype=np.int64).reshape(-1, 2)
    src = np.concatenate([edges[:, 0], edges[:, 1]])
    dst = np.concatenate([edges[:, 1], edges[:, 0]])
    x = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(max_iter):
        y = x + np.bincount(dst, weights=x[src], minlength=len(nodes)).astype(np.float64)
        y = y / float(np.linalg.norm(y))
        if np.abs(y - x).sum() < len(nodes) * tol:
            x = y
            break
        x = y
    return _ranked(g, dict(zip(nodes, x.tolist(), strict=True)))


def betweenness(g: nx.Graph, *, k: int | None = 200, seed: int = 16) -> list[WorldRank]:
    """Betweenness centrality (normalised), from ``k`` sampled sources; exact when None."""
    k = None if k is None or k >= g.number_of_nodes() else k
    return _ranked(g, nx.betweenness_centrality(g, k=k, seed=seed, normalized=True))


def communities(g: nx.Graph, *, seed: int = 16) -> list[Community]:
    """Louvain communities, largest first, each with its countries and best-connected members."""
    found = nx.community.louvain_communities(g, seed=seed)
    found.sort(key=lambda c: (-len(c), min(c)))
    out = []
    for i, members in enumerate(found, start=1):
        countries = Counter(str(g.nodes[n].get("country") or "unknown") for n in members)
        top = _ranked(g, {n: float(g.degree(n)) for n in members})[:10]
        out.append(Community(i, len(members), dict(countries.most_common(10)), tuple(top)))
    return out


def country_matrix(g: nx.Graph) -> list[CountryCell]:
    """Ties per pair of countries, most first."""
    cells: Counter[tuple[str, str]] = Counter()
    for u, v in g.edges():
        a = str(g.nodes[u].get("country") or "unknown")
        b = str(g.nodes[v].get("country") or "unknown")
        cells[(min(a, b), max(a, b))] += 1
    return [CountryCell(a, b, n) for (a, b), n in
            sorted(cells.items(), key=lambda kv: (-kv[1], kv[0]))]


def second_degree(g: nx.Graph, focus: str) -> list[SecondDegree]:
    """The partners of the focus city's partners that are not its partners, most ties first."""
    if focus not in g:
        return []
    first = set(g[focus])
    via: dict[str, set[str]] = {}
    for p in first:
        for q in g[p]:
            if q != focus and q not in first:
                via.setdefault(q, set()).add(p)
    out = [SecondDegree(n, str(g.nodes[n].get("key") or n.rsplit("/", 1)[-1]),
                        g.nodes[n].get("label"), g.nodes[n].get("country"),
                        tuple(sorted(v))) for n, v in via.items()]
    return sorted(out, key=lambda s: (-len(s.via), s.name_en or "", s.iri))


def shared_partners(g: nx.Graph, focus: str) -> list[WorldRank]:
    """Places sharing partners with the focus city, by how many they share."""
    if focus not in g:
        return []
    mine = set(g[focus])
    counts: Counter[str] = Counter()
    for p in mine:
        for q in g[p]:
            if q != focus:
                counts[q] += 1
    return _ranked(g, {n: float(c) for n, c in counts.items()})


def spearman(a: Iterable[WorldRank], b: Iterable[WorldRank]) -> float:
    """Spearman's rank correlation of two rankings of the same places (ties broken by order)."""
    ra = {r.iri: i for i, r in enumerate(a)}
    rb = {r.iri: i for i, r in enumerate(b)}
    common = [n for n in ra if n in rb]
    n = len(common)
    if n < 2:
        return 1.0
    d2 = sum((ra[x] - rb[x]) ** 2 for x in common)
    return 1 - 6 * d2 / (n * (n * n - 1))
