"""What the network endpoints answer: ego networks, paths, centralities, recommendations.

Each builder takes a projected :func:`~citygraph.graph.network.project.city_network`
graph and returns a frozen dataclass made of :mod:`.records` and
:mod:`.analysis` values; the web API returns them as they are.

Examples
--------
>>> from citygraph.graph.network.analysis import example_network
>>> g = example_network()
>>> ego_network(g, "https://example.org/seoul", 1).center.label
'Seoul'
>>> [h.en for h in path_between(g, "https://example.org/seoul", "https://example.org/dublin").hops]
['Seoul and Dublin both took part in World Cities Summit Mayors Forum 2023.']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from citygraph.graph.network import analysis
from citygraph.graph.network.records import Place, Tie, place, tie

__all__ = [
    "Centrality",
    "EgoNetwork",
    "PathResult",
    "Ranked",
    "Recommendations",
    "centrality",
    "ego_network",
    "path_between",
    "recommendations",
]


@dataclass(frozen=True, slots=True)
class EgoNetwork:
    """The places within ``hops`` ties of a city, and every tie between them."""

    center: Place
    hops: int
    nodes: tuple[Place, ...]
    """The centre first, then by IRI."""
    edges: tuple[Tie, ...]


@dataclass(frozen=True, slots=True)
class PathResult:
    """How two places are connected: the fewest hops, agreements preferred."""

    source: Place
    target: Place
    length: int
    hops: tuple[analysis.Hop, ...]


@dataclass(frozen=True, slots=True)
class Ranked:
    """A place and its centrality score."""

    rank: int
    score: float
    place: Place


@dataclass(frozen=True, slots=True)
class Centrality:
    """The most central places of the network."""

    measure: str
    """degree, betweenness or eigenvector."""
    count: int
    """Places in the network."""
    results: tuple[Ranked, ...]


@dataclass(frozen=True, slots=True)
class Recommendations:
    """Suggested partners of a city, best first."""

    city: Place
    results: tuple[analysis.Recommendation, ...]


def ego_network(g: nx.MultiGraph, center: str, hops: int) -> EgoNetwork:
    """The places within ``hops`` ties of ``center`` (an IRI), with every tie between them."""
    sub = analysis.ego(g, center, hops)
    nodes = tuple(place(g, n) for n in sorted(sub, key=lambda n: (n != center, str(n))))
    edges = sorted((tie(u, v, d) for u, v, d in sub.edges(data=True)),
                   key=lambda t: (t.source, t.target, t.relation, t.via))
    return EgoNetwork(place(g, center), hops, nodes, tuple(edges))


def path_between(g: nx.MultiGraph, source: str, target: str) -> PathResult:
    """How two places (IRIs) are connected, each hop explained in English and Korean.

    Raises
    ------
    citygraph.graph.network.analysis.NoConnection
        No path links them.
    """
    hops = analysis.explain_path(g, source, target)
    return PathResult(place(g, source), place(g, target), len(hops), tuple(hops))


def centrality(g: nx.Graph, measure: str, scores: Mapping[str, float],
               limit: int) -> Centrality:
    """The ``limit`` places with the highest ``scores`` (ties broken by IRI)."""
    ranked = tuple(Ranked(rank=i, score=round(score, 6), place=place(g, iri))
                   for i, (iri, score) in enumerate(analysis.top(scores, limit), start=1))
    return Centrality(measure, g.number_of_nodes(), ranked)


def recommendations(g: nx.MultiGraph, city: str, limit: int) -> Recommendations:
    """Places ``city`` (an IRI) has no agreement with, ranked, each with its reasons."""
    return Recommendations(place(g, city), tuple(analysis.recommend(g, city, limit)))
