"""The world network's analytics against networkx's own figures on small graphs."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from citygraph.graph.network import world


@pytest.fixture(scope="module")
def g() -> nx.Graph:
    graph = nx.karate_club_graph()
    return nx.relabel_nodes(graph, {n: f"p{n}" for n in graph})


def test_eigenvector_is_networkx_s(g) -> None:
    ours = {r.iri: r.value for r in world.eigenvector(g)}
    theirs = nx.eigenvector_centrality(g, tol=1e-12, max_iter=5000)
    assert all(math.isclose(ours[n], theirs[n], abs_tol=1e-6) for n in g)


def test_exact_betweenness_is_networkx_s_and_the_sample_approaches_it(g) -> None:
    exact = {r.iri: r.value for r in world.betweenness(g, k=None)}
    assert exact == pytest.approx(nx.betweenness_centrality(g, normalized=True))
    approx = world.betweenness(g, k=20)
    assert world.spearman(world.betweenness(g, k=None), approx) > 0.8


def test_second_degree_and_shared_partners() -> None:
    g = nx.Graph([("f", "a"), ("f", "b"), ("a", "x"), ("b", "x"), ("a", "y"), ("x", "z")])
    assert [(s.iri, s.via) for s in world.second_degree(g, "f")] == [
        ("x", ("a", "b")), ("y", ("a",))]
    assert [(r.iri, r.value) for r in world.shared_partners(g, "f")] == [("x", 2.0), ("y", 1.0)]
    assert world.second_degree(g, "nowhere") == []


def test_country_matrix_counts_each_pair_once() -> None:
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c")])
    nx.set_node_attributes(g, {"a": "KR", "b": "JP", "c": "KR"}, "country")
    assert [(c.a, c.b, c.ties) for c in world.country_matrix(g)] == [
        ("JP", "KR", 2), ("KR", "KR", 1)]


def test_communities_are_seeded_and_cover_the_graph(g) -> None:
    first, again = world.communities(g), world.communities(g)
    assert first == again
    assert sum(c.size for c in first) == g.number_of_nodes()


def test_paging() -> None:
    p = world.page(list(range(10)), 3, 6)
    assert (p.total, p.items) == (10, (6, 7, 8))
