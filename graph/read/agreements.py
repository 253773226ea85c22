"""Agreements: their kinds, parties, readings (dates by source) and upgrades.

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> page = list_agreements(example_store(), "https://w3id.org/citygraph/id/place/seoul")
>>> [(a.kind.code, a.year, [p.id for p in a.parties]) for a in page.items]
[('sister', None, ['seoul', 'taipei'])]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from citygraph.graph.read.common import (
    CG_NS,
    KIND_NS,
    Evidence,
    Kind,
    Page,
    Ref,
    SourceRef,
    as_int,
    find,
    paginate,
    path_id,
    read_evidence,
    read_nodes,
    sources_of,
    year_of,
)
from citygraph.graph.read.concepts import Concepts
from citygraph.graph.store.base import Store, Term


@dataclass(frozen=True, slots=True)
class AgreementView:
    """An agreement with its history: readings (dates by source) and upgrades."""

    id: str
    """The IRI's path after id/agreement/."""
    iri: str
    kind: Kind
    parties: tuple[Ref, ...]
    with_focus: bool
    """The focus city is a party."""
    dates: tuple[str, ...]
    """Every date the sources give, earliest first."""
    year: int | None
    """The year of the earliest reading."""
    wording: tuple[str, ...]
    """The sources' own words for the tie."""
    fields: tuple[str, ...]
    signatories: tuple[Ref, ...]
    signed_at: tuple[Ref, ...]
    upgrades: tuple[str, ...]
    """Ids of the agreements this one raises."""
    upgraded_by: tuple[str, ...]
    """Ids of the agreements that raise this one."""
    notes: tuple[str, ...]
    """The curators' notes in English."""
    notes_ko: tuple[str, ...]
    """The same notes in Korean."""
    readings: tuple[Evidence, ...]
    """One per source statement, with its date."""
    sources: tuple[SourceRef, ...]


def read_agreements(store: Store, concepts: Concepts, where: str,
                bindings: Mapping[str, Term], focus: str) -> list[AgreementView]:
    """Agreements ``where`` binds to ``?node``, with readings and upgrades."""
    nodes = read_nodes(store, where, bindings)
    evidence = read_evidence(store, where, bindings)
    upgraded_by: dict[str, set[str]] = defaultdict(set)
    for node in nodes.nodes.values():
        for earlier in node.iris(CG_NS + "upgrades"):
            upgraded_by[earlier].add(path_id(node.iri))
    views = []
    for iri, node in nodes.nodes.items():
        kinds = [concepts.kind(k) for k in node.iris(CG_NS + "agreementKind")]
        kind = kinds[0] if kinds else Kind("other", KIND_NS + "agreement/other")
        dates = tuple(node.texts(CG_NS + "dateSigned"))
        years = sorted(y for y in (as_int(v) for v in node.texts(CG_NS + "yearSigned")) if y)
        readings = evidence.get(iri, ())
        parties = nodes.refs_of(node, CG_NS + "party")
        views.append(AgreementView(
            id=path_id(iri), iri=iri, kind=kind, parties=parties,
            with_focus=focus in node.iris(CG_NS + "party"),
            dates=tuple(sorted(dates, key=date_order)),
            year=years[0] if years else None,
            wording=tuple(node.texts(CG_NS + "wording")),
            fields=tuple(node.texts(CG_NS + "field")),
            signatories=nodes.refs_of(node, CG_NS + "signatory"),
            signed_at=nodes.refs_of(node, CG_NS + "signedAt"),
            upgrades=tuple(sorted(path_id(i) for i in node.iris(CG_NS + "upgrades"))),
            upgraded_by=tuple(sorted(upgraded_by.get(iri, ()))),
            notes=tuple(node.texts_in(CG_NS + "note", "en")),
            notes_ko=tuple(node.texts_in(CG_NS + "note", "ko")),
            readings=readings,
            sources=sources_of(readings),
        ))
    return views


def date_order(date: str) -> tuple[int, str]:
    """Sort partial dates by year, then as written."""
    return (year_of(date) or 0, date)


def agreement_order(a: AgreementView) -> tuple[bool, int, str, str]:
    """Sort agreements: the focus city's first, then by earliest reading, kind and id."""
    first = a.dates[0] if a.dates else "9999"
    return (not a.with_focus, a.year if a.year is not None else 9999, first, a.id)


AGREEMENTS = "?node a cg:Agreement ."


def list_agreements(
    store: Store,
    focus: str,
    *,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    party: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[AgreementView]:
    """Agreements, filtered, sorted by year (earliest reading), one page of them.

    ``kind`` takes narrower kinds too; ``since``/``until`` keep agreements
    with a reading in the range; ``party`` is the id of a city, region,
    country or organisation (unknown: :class:`NotFound`).
    """
    party_iri = None
    if party is not None:
        party_iri = find(store, party, ("City", "Region", "Country", "Organization"),
                          ("place/", "country/", "org/"), "party")
    concepts = Concepts(store)
    found = []
    for a in read_agreements(store, concepts, AGREEMENTS, {}, focus):
        if kind and kind != a.kind.code and kind not in a.kind.broader:
            continue
        years = {year_of(d) for d in a.dates} - {None}
        if (since is not None or until is not None) and not any(
            (since is None or y >= since) and (until is None or y <= until)
            for y in years if y is not None
        ):
            continue
        if party_iri and party_iri not in {p.iri for p in a.parties}:
            continue
        found.append(a)
    found.sort(key=lambda a: (a.year if a.year is not None else 9999,
                              a.dates[0] if a.dates else "", a.id))
    return paginate(found, limit, offset)
