"""Events: forums, sessions, exhibitions, visits and meetings; who took part; prizes.

:func:`event_detail` gathers an event's sessions, side events, participants
by role, exhibitors by zone, the numbers sources state about it and the
agreements signed at it; :func:`list_awards` the prize laureates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from citygraph.graph.read.agreements import (
    AgreementView,
    agreement_order,
    date_order,
    read_agreements,
)
from citygraph.graph.read.common import (
    CG_NS,
    RDFS_LABEL,
    SCHEMA_NS,
    Kind,
    Name,
    Node,
    Nodes,
    Page,
    Ref,
    SourceRef,
    as_int,
    code_of,
    find,
    local_name,
    matches_text,
    name_order,
    paginate,
    read_evidence,
    read_nodes,
    sources_of,
    uri_term,
    year_of,
)
from citygraph.graph.read.concepts import Concepts
from citygraph.graph.store.base import Store, Term


@dataclass(frozen=True, slots=True)
class EventSummary:
    """An event: kind, dates, edition, the event it is part of, where."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    kind: str | None
    """forum, forum_session, exhibition, site_visit ..."""
    start: str | None
    end: str | None
    edition: int | None
    part_of: str | None
    """Id of the enclosing event."""
    locations: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class ParticipationView:
    """Who took part in which event, in which role."""

    event: EventSummary
    participant: Ref
    role: Kind
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Award:
    """A prize given to a laureate in a year."""

    prize: Ref
    laureate: Ref
    year: int | None
    notes: tuple[str, ...]
    """The curators' notes in English."""
    notes_ko: tuple[str, ...]
    """The same notes in Korean."""
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class ExhibitorZone:
    """The exhibitors of one exhibition or theme zone."""

    zone: Ref
    part_of: str | None
    count: int
    exhibitors: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class StatedCount:
    """A number a source states about an event (cities, exhibitors ...)."""

    measure: Kind
    value: int
    approximate: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event with its parts, participants, exhibitors and side events."""

    id: str
    iri: str
    name_en: str | None
    name_ko: str | None
    names: tuple[Name, ...]
    kind: Kind | None
    start: str | None
    end: str | None
    edition: int | None
    themes: tuple[Name, ...]
    part_of: Ref | None
    locations: tuple[Ref, ...]
    sessions: tuple[EventSummary, ...]
    """Its direct parts of kind forum_session."""
    side_events: tuple[EventSummary, ...]
    """Every other part, at any depth (part_of gives the tree)."""
    participants: tuple[ParticipationView, ...]
    """Participations in it or its parts, exhibitors aside."""
    exhibitors: tuple[ExhibitorZone, ...]
    """Exhibitors by exhibition or zone."""
    stated_counts: tuple[StatedCount, ...]
    agreements: tuple[AgreementView, ...]
    """Agreements signed at it or its parts."""
    sources: tuple[SourceRef, ...]


EVENTS = "?node a cg:Event ."


def _event_summary(node: Node, nodes: Nodes) -> EventSummary:
    parents = node.iris(SCHEMA_NS + "superEvent")
    kinds = node.iris(CG_NS + "eventKind")
    starts = sorted(node.texts(SCHEMA_NS + "startDate"), key=date_order)
    ends = sorted(node.texts(SCHEMA_NS + "endDate"), key=date_order)
    return EventSummary(
        id=node.id, iri=node.iri, name_en=node.name_en, name_ko=node.name_ko,
        kind=code_of(kinds[0]) if kinds else None,
        start=starts[0] if starts else None,
        end=ends[-1] if ends else None,
        edition=as_int(node.first(CG_NS + "edition")),
        part_of=nodes.ref(parents[0]).id if parents else None,
        locations=nodes.refs_of(node, SCHEMA_NS + "location"),
    )


def _event_order(e: EventSummary) -> tuple[str, bool, str, str]:
    return (e.start or "9999", *name_order(e.name_en, e.name_ko, e.id))


def list_events(
    store: Store,
    *,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    part_of: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[EventSummary]:
    """Events, filtered, sorted by start date, one page of them.

    ``since``/``until`` are years of the start date (events without one are
    left out when either is given); ``part_of`` is the id of the enclosing
    event (direct parts only); ``q`` matches the English or Korean names.
    """
    nodes = read_nodes(store, EVENTS)
    found = []
    for node in nodes.nodes.values():
        event = _event_summary(node, nodes)
        if kind and event.kind != kind:
            continue
        year = year_of(event.start) if event.start else None
        if since is not None and (year is None or year < since):
            continue
        if until is not None and (year is None or year > until):
            continue
        if part_of is not None and event.part_of != part_of:
            continue
        if not matches_text(q, node.texts(RDFS_LABEL)):
            continue
        found.append(event)
    found.sort(key=_event_order)
    return paginate(found, limit, offset)


PARTS = "?node schema:superEvent+ ?event ."


EVENT_PARTICIPATIONS = """
?node a cg:Participation ; cg:event ?at .
?at schema:superEvent* ?event .
"""


EVENT_PARTICIPATION_EVENTS = """
?p0 a cg:Participation ; cg:event ?node .
?node schema:superEvent* ?event .
"""


EVENT_COUNTS = "?node a cg:StatedCount ; cg:event ?event ."


EVENT_AGREEMENTS = "?node a cg:Agreement ; cg:signedAt ?at . ?at schema:superEvent* ?event ."


SESSION = "forum_session"


EXHIBITOR = "exhibitor"


def read_participations(store: Store, concepts: Concepts, where: str, events_where: str,
                    bindings: Mapping[str, Term]) -> list[ParticipationView]:
    """Participations ``where`` binds to ``?node``, with their events (``events_where``)."""
    nodes = read_nodes(store, where, bindings)
    events = read_nodes(store, events_where, bindings)
    evidence = read_evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        event_iris = node.iris(CG_NS + "event")
        who = node.iris(CG_NS + "participant")
        roles = node.iris(CG_NS + "participationRole")
        if not event_iris or not who or not roles:
            continue
        event_node = events.nodes.get(event_iris[0])
        event = (_event_summary(event_node, events) if event_node else
                 EventSummary(local_name(event_iris[0]), event_iris[0], None, None, None, None,
                              None, None, None, ()))
        found.append(ParticipationView(event, nodes.ref(who[0]), concepts.kind(roles[0]),
                                       sources_of(evidence.get(iri, ()))))
    found.sort(key=lambda p: (*_event_order(p.event), p.role.code,
                              *name_order(p.participant.name_en, p.participant.name_ko,
                                         p.participant.id)))
    return found


def event_detail(store: Store, focus: str, id_: str) -> EventDetail:
    """An event with its sessions, side events, participants and exhibitors by zone.

    ``sessions`` are the direct parts of kind ``forum_session``;
    ``side_events`` every other part, at any depth (``part_of`` gives the
    tree); ``participants`` every participation in the event or its parts
    except exhibitors, who are grouped by the exhibition or zone they are
    listed under in ``exhibitors``; ``agreements`` those signed at it.

    Raises
    ------
    NotFound
        No event has the id.
    """
    iri = find(store, id_, ("Event",), ("event/",), "event")
    bound = {"event": uri_term(iri)}
    concepts = Concepts(store)
    own = read_nodes(store, "", {"node": uri_term(iri)})
    node = own.nodes[iri]
    summary = _event_summary(node, own)
    parts = read_nodes(store, PARTS, bound)
    sub = sorted((_event_summary(n, parts) for n in parts.nodes.values()), key=_event_order)
    sessions = tuple(e for e in sub if e.part_of == summary.id and e.kind == SESSION)
    side = tuple(e for e in sub if e not in sessions)
    participations = read_participations(store, concepts, EVENT_PARTICIPATIONS,
                                     EVENT_PARTICIPATION_EVENTS, bound)
    zones: dict[str, list[Ref]] = defaultdict(list)
    zone_events: dict[str, EventSummary] = {}
    for p in participations:
        if p.role.code == EXHIBITOR:
            zones[p.event.iri].append(p.participant)
            zone_events[p.event.iri] = p.event
    exhibitors = [
        ExhibitorZone(
            Ref(zone_events[z].id, z, "Event", zone_events[z].name_en, zone_events[z].name_ko),
            zone_events[z].part_of, len(set(refs)),
            tuple(sorted(set(refs), key=lambda r: name_order(r.name_en, r.name_ko, r.id))),
        )
        for z, refs in zones.items()
    ]
    exhibitors.sort(key=lambda z: name_order(z.zone.name_en, z.zone.name_ko, z.zone.id))
    counts_nodes = read_nodes(store, EVENT_COUNTS, bound)
    counts_evidence = read_evidence(store, EVENT_COUNTS, bound)
    counts = []
    for c_iri, c in counts_nodes.nodes.items():
        measures = c.iris(CG_NS + "measure")
        value = as_int(c.first(CG_NS + "value"))
        if not measures or value is None:
            continue
        counts.append(StatedCount(concepts.kind(measures[0]), value,
                                  c.first(CG_NS + "approximate") in ("true", "1"),
                                  sources_of(counts_evidence.get(c_iri, ()))))
    counts.sort(key=lambda c: (c.measure.code, c.value))
    agreements = sorted(read_agreements(store, concepts, EVENT_AGREEMENTS, bound, focus),
                        key=agreement_order)
    evidence = read_evidence(store, "", {"node": uri_term(iri)})
    kinds = node.iris(CG_NS + "eventKind")
    parents = node.iris(SCHEMA_NS + "superEvent")
    themes = tuple(sorted(
        (Name(t.value, t.lang, "theme") for t in node.values(CG_NS + "theme")),
        key=lambda n: (n.lang or "", n.value)))
    return EventDetail(
        id=summary.id, iri=iri, name_en=summary.name_en, name_ko=summary.name_ko,
        names=node.names(), kind=concepts.kind(kinds[0]) if kinds else None,
        start=summary.start, end=summary.end, edition=summary.edition, themes=themes,
        part_of=own.ref(parents[0]) if parents else None, locations=summary.locations,
        sessions=sessions, side_events=side,
        participants=tuple(p for p in participations if p.role.code != EXHIBITOR),
        exhibitors=tuple(exhibitors), stated_counts=tuple(counts),
        agreements=tuple(agreements), sources=sources_of(evidence.get(iri, ())),
    )


def read_awards(store: Store, where: str, bindings: Mapping[str, Term]) -> list[Award]:
    """Prize awards ``where`` binds to ``?node``, by year."""
    nodes = read_nodes(store, where, bindings)
    evidence = read_evidence(store, where, bindings)
    found = []
    for iri, node in nodes.nodes.items():
        prizes = node.iris(CG_NS + "prize")
        laureates = node.iris(CG_NS + "laureate")
        if not prizes or not laureates:
            continue
        found.append(Award(nodes.ref(prizes[0]), nodes.ref(laureates[0]),
                           as_int(node.first(CG_NS + "awardYear")),
                           tuple(node.texts_in(CG_NS + "note", "en")),
                           tuple(node.texts_in(CG_NS + "note", "ko")),
                           sources_of(evidence.get(iri, ()))))
    found.sort(key=lambda a: (a.year or 0, a.prize.id, a.laureate.id))
    return found


ALL_AWARDS = "?node a cg:PrizeAward ."


def list_awards(store: Store) -> list[Award]:
    """Every prize award, by year, prize and laureate, each with its sources.

    >>> from citygraph.graph.network.project import example_store
    >>> list_awards(example_store())
    []
    """
    return read_awards(store, ALL_AWARDS, {})
