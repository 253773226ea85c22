"""Counts: the focus city's agreements over time, and the size of the graph."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from citygraph.graph.network.groups import GROUPS, focus_agreements
from citygraph.graph.network.project import city_network
from citygraph.graph.read.common import (
    UNKNOWN,
    Ref,
    as_int,
    first_of,
    focus_ref,
    graph_key,
    local_name,
    select,
)
from citygraph.graph.read.figures import Figures, figures
from citygraph.graph.store.base import Store


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """Agreements of the focus city in one year, of one kind, on one continent."""

    year: int | None
    kind: str
    group: str
    """The kind's group (:mod:`citygraph.graph.network.groups`): sister takes chinseon."""
    continent: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The focus city's agreements counted per year, kind and continent."""

    focus: Ref
    total: int
    rows: tuple[TimelineRow, ...]
    """Sum them over any column."""
    by_year: dict[str, int]
    """'unknown' for agreements no source dates."""
    by_kind: dict[str, int]
    by_group: dict[str, int]
    """The figures' groups: sister (with chinseon), friendship, mou, other."""
    by_continent: dict[str, int]


@dataclass(frozen=True, slots=True)
class GraphCount:
    """A named graph and its size."""

    iri: str
    key: str
    title: str | None
    triples: int


@dataclass(frozen=True, slots=True)
class Stats:
    """How big the graph is (per class, per named graph), and the focus city's figures."""

    quads: int
    version: str | None
    """The built graph's version, when the store is an embedded one built by citygraph."""
    focus: Ref
    classes: dict[str, int]
    """Resources per citygraph class."""
    figures: Figures
    """The focus city's key figures, each with what it counts (as every page shows them)."""
    graphs: tuple[GraphCount, ...]


def timeline(store: Store, focus: str) -> Timeline:
    """The focus city's agreements counted per year, kind and partner continent.

    Each agreement counts once (:func:`citygraph.graph.network.groups.focus_agreements`
    over :func:`citygraph.graph.network.project.city_network`, as every figure),
    in the year of its earliest reading (``unknown`` when no source dates it),
    under its own kind and its group (``chinseon`` is in the group ``sister``).

    Raises
    ------
    TooLarge
        The store cut the projection at its row cap.
    """
    g = city_network(store, kinds={"agreement"})
    counts: Counter[tuple[int | None, str, str, str | None]] = Counter(
        (a.year, a.kind, a.group, a.continent) for a in focus_agreements(g, focus))
    rows = sorted((TimelineRow(y, k, grp, c, n) for (y, k, grp, c), n in counts.items()),
                  key=lambda r: (r.year is None, r.year or 0, r.kind, r.continent or ""))
    by_year: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_group: Counter[str] = Counter()
    by_continent: Counter[str] = Counter()
    for r in rows:
        by_year[str(r.year) if r.year is not None else UNKNOWN] += r.count
        by_kind[r.kind] += r.count
        by_group[r.group] += r.count
        by_continent[r.continent or UNKNOWN] += r.count
    return Timeline(
        focus=focus_ref(store, focus), total=sum(r.count for r in rows), rows=tuple(rows),
        by_year=dict(sorted(by_year.items())), by_kind=dict(sorted(by_kind.items())),
        by_group={g: by_group[g] for g in GROUPS}, by_continent=dict(sorted(by_continent.items())),
    )


CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(cg:)))
} GROUP BY ?class
"""


GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


GRAPH_TITLES = "SELECT DISTINCT ?g ?title WHERE { GRAPH ?g { ?g dcterms:title ?title } }"


def stats(store: Store, focus: str, *, quads: int,
          version: str | None = None) -> Stats:
    """Entities per class, the focus city's key figures, triples per named graph."""
    classes = {local_name(r["class"].value): as_int(r["n"].value) or 0
               for r in select(store, CLASS_COUNTS)}
    titles: dict[str, set[str]] = defaultdict(set)
    for r in select(store, GRAPH_TITLES):
        titles[r["g"].value].add(r["title"].value)
    graphs = [
        GraphCount(r["g"].value, graph_key(r["g"].value), first_of(titles.get(r["g"].value, ())),
                   as_int(r["n"].value) or 0)
        for r in select(store, GRAPH_COUNTS)
    ]
    graphs.sort(key=lambda g: g.iri)
    return Stats(quads=quads, version=version, focus=focus_ref(store, focus),
                 classes=dict(sorted(classes.items())), figures=figures(store, focus),
                 graphs=tuple(graphs))
