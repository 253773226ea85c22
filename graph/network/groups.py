"""The four groups every page counts agreements in: one definition for every figure.

An agreement falls into exactly one group by its kind and the kinds broader
than it (the ontology's ``skos:broader``):

==========  ==============================================================
sister      ``sister`` or a narrower kind (``chinseon``, 친선도시)
friendship  ``friendship`` or a narrower kind
mou         ``mou`` or a narrower kind
other       every other kind (cooperation, exchange, declaration, other)
==========  ==============================================================

The home page, the agreements page, the timeline, the network visual's legend,
the REST API (``/api/stats``) and the README count with :func:`group_of`, so
the same group has the same number everywhere.

Examples
--------
>>> group_of("chinseon", ("sister",)), group_of("cooperation", ()), group_of(None, ())
('sister', 'other', 'other')
>>> group_labels()["sister"], group_labels()["other"]
(('sister city', '자매도시'), ('other kinds of agreement', '그 밖의 협약'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from citygraph.ontology import labels

__all__ = ["GROUPS", "OTHER_LABELS", "FocusAgreement", "focus_agreements", "group_labels",
           "group_of"]

#: The groups, in the order every page lists them.
GROUPS = ("sister", "friendship", "mou", "other")

#: The name of the group of every other kind: not the kind ``other`` (type not stated).
OTHER_LABELS = ("other kinds of agreement", "그 밖의 협약")


def group_of(kind: str | None, broader: Iterable[str]) -> str:
    """The group of an agreement of ``kind`` whose broader kinds are ``broader``."""
    kinds = {kind, *broader}
    return next((g for g in GROUPS[:-1] if g in kinds), "other")


def group_labels() -> dict[str, tuple[str, str]]:
    """Each group's English and Korean name: its kind's label in the ontology."""
    known = labels("agreement")
    return {g: OTHER_LABELS if g == "other" else known.get(g, (g, g)) for g in GROUPS}


@dataclass(frozen=True, slots=True)
class FocusAgreement:
    """One agreement of the focus city, as every figure counts it."""

    iri: str
    kind: str
    kind_en: str | None
    kind_ko: str | None
    group: str
    year: int | None
    """The year of the earliest reading; ``None`` when no source dates it."""
    partners: tuple[str, ...]
    """IRIs of the other parties."""
    continent: str | None
    """The continent code of the first partner."""


def focus_agreements(g: nx.MultiGraph, focus: str) -> list[FocusAgreement]:
    """The focus city's agreements in a city network, each once (by IRI), sorted by IRI.

    ``g`` is a :func:`~citygraph.graph.network.project.city_network` graph; an
    agreement of several partners is one agreement.

    >>> from citygraph.graph.network.analysis import example_network
    >>> [(a.kind, a.group, a.year) for a in focus_agreements(example_network(),
    ...                                                       "https://example.org/seoul")]
    [('sister', 'sister', 1968), ('mou', 'mou', 2014)]
    """
    found: dict[str, tuple[dict[str, Any], list[str]]] = {}
    if focus not in g:
        return []
    for _, other, d in g.edges(focus, data=True):
        if d.get("relation") == "agreement" and other != focus:
            found.setdefault(str(d["agreement"]), (d, []))[1].append(other)
    result = []
    for iri, (d, others) in sorted(found.items()):
        partners = tuple(sorted(set(others)))
        year = d.get("year")
        continent = g.nodes[partners[0]].get("continent")
        result.append(FocusAgreement(
            iri, str(d.get("kind")), d.get("kind_label"), d.get("kind_label_ko"),
            group_of(d.get("kind"), d.get("broader", ())),
            year if isinstance(year, int) else None, partners,
            str(continent) if continent else None))
    return result
