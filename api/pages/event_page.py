"""The events pages' data: forums, prizes and laureates; a forum's programme by day.

:func:`events_overview` gathers ``/events``: the top-level events (the World
Cities Summit Mayors Forum editions first) with their sources, and every
prize with its laureates by year (:func:`citygraph.graph.read.read.list_awards`,
the awards as a city's page lists its own).  The queries are constants:
nothing a user types reaches them.

The pure helpers shape an :class:`~citygraph.graph.read.read.EventDetail` for
its page: :func:`programme` groups its parts by day, :func:`by_kind` by
kind, :func:`by_role` its participants by role; :func:`date_range` and
:func:`day_label` write dates in English or Korean.

Examples
--------
>>> date_range("2023-09-24", "2023-09-26", "en"), date_range("2023-09-24", "2023-09-26", "ko")
('24–26 September 2023', '2023년 9월 24일–26일')
>>> day_label("2023-09-25", "ko")
'2023년 9월 25일 (월)'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from citygraph.graph import read
from citygraph.graph.store.base import SelectResult, Store, Term
from citygraph.ingest.errors import TooLarge

__all__ = ["Day", "EventsOverview", "Forum", "Group", "PrizeLaureates", "ProgrammeItem",
           "by_kind", "by_role", "date_range", "day_label", "events_overview",
           "focus_first", "ordinal", "programme"]

FORUM = "forum"
ROLE_ORDER = ("host", "organizer", "presenter", "speaker", "participant")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = (("Monday", "월"), ("Tuesday", "화"), ("Wednesday", "수"), ("Thursday", "목"),
            ("Friday", "금"), ("Saturday", "토"), ("Sunday", "일"))
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

# -- what the pages show ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forum:
    """A top-level event in the list, with the sources of its edition, dates and host."""

    event: read.EventSummary
    sources: tuple[read.SourceRef, ...]


@dataclass(frozen=True, slots=True)
class PrizeLaureates:
    """A prize and its awards, by year."""

    prize: read.Ref
    awards: tuple[read.Award, ...]


@dataclass(frozen=True, slots=True)
class EventsOverview:
    """``/events``: the forum editions, other top-level events, prizes and laureates."""

    forums: tuple[Forum, ...]
    other_events: tuple[Forum, ...]
    prizes: tuple[PrizeLaureates, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeItem:
    """A part of an event with its own parts (at any depth), in programme order."""

    event: read.EventSummary
    parts: tuple[read.EventSummary, ...]


@dataclass(frozen=True, slots=True)
class Day:
    """The parts of an event that start on one day (``None``: no date stated)."""

    date: str | None
    items: tuple[ProgrammeItem, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """Items under one key (an event kind or a participation role)."""

    key: str
    items: tuple[Any, ...]


# -- queries -----------------------------------------------------------------------------

SOURCES = """
SELECT DISTINCT ?node ?source ?locator WHERE {
  ?node a cg:Event FILTER NOT EXISTS { ?node schema:superEvent ?up }
  ?node cg:evidence ?ev .
  GRAPH ?g { ?ev dcterms:source ?source }
  OPTIONAL { ?ev cg:locator ?locator }
}
"""


def _select(store: Store, sparql: str) -> list[dict[str, Term]]:
    result = store.query(read.PREFIXES + sparql, max_rows=read.MAX_ROWS)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    if result.truncated:
        raise TooLarge(f"the store cut an answer at {len(result.rows):,} rows (its row "
                             "cap); raise CITYGRAPH_ROW_CAP to list this page")
    return result.rows


def _first(values: Iterable[str]) -> str | None:
    found = sorted(v for v in values if v)
    return found[0] if found else None


def _sources(store: Store) -> dict[str, tuple[read.SourceRef, ...]]:
    """The sources of every top-level event, by the event's IRI."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _select(store, SOURCES):
        locators = found[row["node"].value][row["source"].value]
        if "locator" in row:
            locators.add(row["locator"].value)
    return {
        node: tuple(sorted((read.SourceRef(read.source_id(iri), iri, tuple(sorted(loc)))
                            for iri, loc in by_source.items()), key=lambda s: (s.id, s.iri)))
        for node, by_source in found.items()
    }


def events_overview(store: Store) -> EventsOverview:
    """``/events``: top-level events (forums apart) with sources; prizes with laureates."""
    cited = _sources(store)
    top = [e for e in read.list_events(store, limit=read.MAX_ROWS).items if e.part_of is None]
    forums = tuple(Forum(e, cited.get(e.iri, ())) for e in top if e.kind == FORUM)
    others = tuple(Forum(e, cited.get(e.iri, ())) for e in top if e.kind != FORUM)
    by_prize: dict[str, list[read.Award]] = defaultdict(list)
    for award in read.list_awards(store):
        by_prize[award.prize.iri].append(award)
    prizes = sorted((PrizeLaureates(awards[0].prize, tuple(awards))
                     for awards in by_prize.values()),
                    key=lambda p: (p.prize.name_en or p.prize.name_ko or p.prize.id))
    return EventsOverview(forums, others, tuple(prizes))


# -- shaping an event for its page ---------------------------------------------------------


def programme(event_id: str, parts: Sequence[read.EventSummary]) -> tuple[Day, ...]:
    """The direct parts of ``event_id`` grouped by start day, each with its own parts.

    Days in date order, the parts without a date last; ``parts`` keep their
    order (the views sort them by start date and name).

    >>> from citygraph.graph.read import EventSummary
    >>> def ev(id_, start, part_of="f"):
    ...     return EventSummary(id_, id_, None, None, None, start, None, None, part_of, ())
    >>> days = programme("f", [ev("visit", "2023-09-25"), ev("museum", "2023-09-25", "visit"),
    ...                        ev("show", None), ev("open", "2023-09-24")])
    >>> [(d.date, [(i.event.id, [p.id for p in i.parts]) for i in d.items]) for d in days]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2023-09-24', [('open', [])]), ('2023-09-25', [('visit', ['museum'])]),
     (None, [('show', [])])]
    """
    known = {p.id for p in parts}
    children: dict[str, list[read.EventSummary]] = defaultdict(list)
    for p in parts:
        if p.part_of != event_id and p.part_of in known:
            children[p.part_of].append(p)

    def below(id_: str, seen: frozenset[str]) -> list[read.EventSummary]:
        found = []
        for child in children.get(id_, ()):
            if child.id not in seen:
                found += [child, *below(child.id, seen | {child.id})]
        return found

    days: dict[str | None, list[ProgrammeItem]] = defaultdict(list)
    for p in parts:
        if p.part_of == event_id or p.part_of not in known:
            days[p.start[:10] if p.start else None].append(
                ProgrammeItem(p, tuple(below(p.id, frozenset({p.id})))))
    order = sorted(days, key=lambda d: (d is None, d or ""))
    return tuple(Day(d, tuple(days[d])) for d in order)


def by_kind(items: Iterable[ProgrammeItem]) -> tuple[Group, ...]:
    """Programme items grouped by the kind of event, kinds in alphabetical order of code.

    >>> from citygraph.graph.read import EventSummary
    >>> def item(id_, kind):
    ...     return ProgrammeItem(EventSummary(id_, id_, None, None, kind, None, None, None,
    ...                                       None, ()), ())
    >>> [(g.key, [i.event.id for i in g.items]) for g in by_kind(
    ...     [item("v1", "site_visit"), item("dinner", "ceremony"), item("v2", "site_visit")])]
    [('ceremony', ['dinner']), ('site_visit', ['v1', 'v2'])]
    """
    found: dict[str, list[ProgrammeItem]] = defaultdict(list)
    for item in items:
        found[item.event.kind or "other"].append(item)
    return tuple(Group(k, tuple(found[k])) for k in sorted(found))


def by_role(participants: Iterable[read.ParticipationView]) -> tuple[Group, ...]:
    """Participations grouped by role: hosts, organisers, presenters, speakers, the rest.

    A participant listed as a plain participant of an event in which it also has
    a named role (presenter, speaker ...) is listed once, under that role.

    >>> from citygraph.graph.read import EventSummary, Kind, ParticipationView, Ref
    >>> forum = EventSummary("f", "f", None, None, None, None, None, None, None, ())
    >>> def took(who, role):
    ...     return ParticipationView(forum, Ref(who, who), Kind(role, role), ())
    >>> [(g.key, [p.participant.id for p in g.items]) for g in by_role(
    ...     [took("wellington", "participant"), took("wellington", "presenter"),
    ...      took("kyiv", "participant")])]
    [('presenter', ['wellington']), ('participant', ['kyiv'])]
    """
    participants = list(participants)
    named = {(p.participant.iri, p.event.iri) for p in participants
             if p.role.code != "participant"}
    found: dict[str, list[read.ParticipationView]] = defaultdict(list)
    for p in participants:
        if p.role.code == "participant" and (p.participant.iri, p.event.iri) in named:
            continue
        found[p.role.code].append(p)

    def order(code: str) -> tuple[int, str]:
        return (ROLE_ORDER.index(code) if code in ROLE_ORDER else len(ROLE_ORDER), code)

    return tuple(Group(code, tuple(found[code])) for code in sorted(found, key=order))


def focus_first(parties: Iterable[read.Ref], focus: str) -> tuple[read.Ref, ...]:
    """The parties of an agreement with the focus city first, the others in their order.

    >>> [r.id for r in focus_first([read.Ref("kyiv", "k"), read.Ref("seoul", "s")], "s")]
    ['seoul', 'kyiv']
    """
    parties = tuple(parties)
    return (*(p for p in parties if p.iri == focus), *(p for p in parties if p.iri != focus))


def _parts(text: str) -> tuple[int, int | None, int | None] | None:
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _one(parts: tuple[int, int | None, int | None], lang: str, *, year: bool = True) -> str:
    y, m, d = parts
    if lang == "ko":
        text = (f"{y}년 " if year else "") + (f"{m}월 " if m else "") + (f"{d}일" if d else "")
        return text.strip()
    text = " ".join(x for x in (str(d) if d else "", MONTHS[m - 1] if m else "",
                                str(y) if year else "") if x)
    return text


def date_range(start: str | None, end: str | None, lang: str) -> str:
    """A date or a span of dates, as people write it in ``lang``.

    >>> date_range("2022-07-31", "2022-08-03", "en"), date_range("2022-07-31", "2022-08-03", "ko")
    ('31 July – 3 August 2022', '2022년 7월 31일–8월 3일')
    >>> date_range("2019-07", None, "en"), date_range("2010", None, "ko")
    ('July 2019', '2010년')
    >>> date_range("2023-12-30", "2024-01-02", "en"), date_range(None, None, "en")
    ('30 December 2023 – 2 January 2024', '')
    """
    first = _parts(start) if start else None
    if first is None:
        return start or ""
    last = _parts(end) if end and end != start else None
    if last is None:
        return _one(first, lang)
    if lang == "ko":
        if first[0] != last[0]:
            return f"{_one(first, lang)}–{_one(last, lang)}"
        if first[1] == last[1] and first[2] and last[2]:
            return f"{_one(first, lang)}–{last[2]}일"
        return f"{_one(first, lang)}–{_one(last, lang, year=False)}"
    if first[0] != last[0]:
        return f"{_one(first, lang)} – {_one(last, lang)}"
    if first[1] == last[1] and first[2] and last[2]:
        return f"{first[2]}–{_one(last, lang)}"
    return f"{_one(first, lang, year=False)} – {_one(last, lang)}"


def day_label(day: str | None, lang: str) -> str:
    """A day of a programme with its weekday: ``Sunday 24 September 2023``.

    >>> day_label("2023-09-24", "en"), day_label(None, "ko"), day_label("2023-09", "en")
    ('Sunday 24 September 2023', '날짜 미상', 'September 2023')
    """
    if day is None:
        return "날짜 미상" if lang == "ko" else "Date not stated"
    parts = _parts(day)
    if parts is None:
        return day
    y, m, d = parts
    if m is None or d is None:
        return date_range(day, None, lang)
    try:
        weekday = WEEKDAYS[date(y, m, d).weekday()]
    except ValueError:
        return date_range(day, None, lang)
    if lang == "ko":
        return f"{_one(parts, lang)} ({weekday[1]})"
    return f"{weekday[0]} {_one(parts, lang)}"


def ordinal(n: int) -> str:
    """An English ordinal: ``1st``, ``12th``, ``22nd``.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
