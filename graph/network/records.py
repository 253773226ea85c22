"""The projected network's nodes and edges as frozen records, for answers and pages.

:func:`place` reads a node of a :func:`~citygraph.graph.network.project.city_network`
graph into a :class:`Place`, :func:`tie` an edge into a :class:`Tie`; both
carry the path at which the server describes the IRI they name.

Examples
--------
>>> from citygraph.graph.network.analysis import example_network
>>> g = example_network()
>>> place(g, "https://example.org/seoul").label
'Seoul'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from citygraph.ontology.vocab import local_path

__all__ = ["Place", "Tie", "place", "tie"]


@dataclass(frozen=True, slots=True)
class Place:
    """A node of the city network: a city, region or country."""

    iri: str
    id: str | None
    """The data key, e.g. 'seoul'."""
    label: str
    """The English name (the IRI when there is none)."""
    label_ko: str
    """The Korean name (the English one, or the IRI, when there is none)."""
    type: str
    """City, Region or Country."""
    country: str | None = None
    """The IRI of its country."""
    country_label: str | None = None
    continent: str | None = None
    """AF, AN, AS, EU, NA, OC or SA."""
    lat: float | None = None
    lon: float | None = None
    url: str | None = None
    """Its linked-data page on this server."""


@dataclass(frozen=True, slots=True)
class Tie:
    """An edge of the city network: one agreement, shared event or shared prize."""

    source: str
    target: str
    relation: str
    """agreement, forum, meeting or prize."""
    kind: str | None
    """The agreement kind (sister, mou, ...) or the event kind."""
    via: str
    """The IRI of the agreement, event or prize behind the tie."""
    via_url: str | None
    """Its linked-data page on this server."""
    label: str | None = None
    label_ko: str | None = None
    year: int | None = None
    date: str | None = None


def place(g: nx.Graph, iri: str) -> Place:
    """The record of one node of the network."""
    d = g.nodes[iri]
    return Place(
        iri=iri, id=d.get("key") or None, label=str(d.get("label") or iri),
        label_ko=str(d.get("label_ko") or d.get("label") or iri), type=str(d.get("type") or ""),
        country=d.get("country"), country_label=d.get("country_label"),
        continent=d.get("continent"), lat=d.get("lat"), lon=d.get("lon"), url=local_path(iri),
    )


def tie(u: str, v: str, d: Mapping[str, Any]) -> Tie:
    """The record of one edge of the network (the attributes ``d`` between ``u`` and ``v``)."""
    relation = str(d.get("relation") or "")
    via = str(d.get("agreement") or d.get("event") or d.get("prize") or "")
    label = d.get("kind_label") or d.get("event_label") or d.get("prize_label")
    label_ko = d.get("kind_label_ko") or d.get("event_label_ko") or d.get("prize_label_ko")
    year = d.get("year")
    return Tie(source=u, target=v, relation=relation,
               kind=d.get("kind") if relation == "agreement" else d.get("event_kind"),
               via=via, via_url=local_path(via), label=label or None, label_ko=label_ko or None,
               year=year if isinstance(year, int) else None, date=d.get("date"))
