"""The city page's data: its ties with the focus city as a dated list, and a mini map.

:func:`city_timeline` turns a :class:`~citygraph.graph.read.CityDetail` into
one ordered list of :class:`Entry`: agreements (an upgrade names the
agreement it upgrades), forums, meetings and other events the city, its
mayor or its government took part in (grouped per event, ``shared`` when the
focus city was there too), and prizes.  Every entry keeps its sources.

:func:`mini_map` places the city and the focus city on an equirectangular
map (SVG user units: ``x`` = longitude, ``y`` = minus latitude), drawn by the
template over :func:`land_path`.

Examples
--------
>>> conflicting(("1975", "1976")), conflicting(("2023-09", "2023-09-26"))
(True, False)
>>> shown_date(("2023-09", "2023-09-26")), shown_date(("1975", "1976")), shown_date(())
('2023-09-26', '1975 / 1976', None)
>>> mini_map(-41.3, 174.8, 37.6, 127.0).city
(174.8, 41.3)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from citygraph.graph.network.groups import GROUPS, group_of
from citygraph.graph.read import (
    AgreementView,
    Award,
    CityDetail,
    EventSummary,
    ParticipationView,
    SourceRef,
)
from citygraph.visuals.world import land

__all__ = ["Entry", "MiniMap", "Tie", "agreement_anchor", "city_timeline", "conflicting",
           "current_ties", "land_path", "mini_map", "shown_date"]


#: Order of entries on the same date.
_ORDER = {"agreement": 0, "upgrade": 0, "meeting": 1, "event": 2, "prize": 3}


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated fact of the city's ties: an agreement, an event or a prize.

    ``date`` is what the page shows (``1975 / 1976`` when sources disagree),
    ``sort`` orders the list; ``anchor`` is the entry's HTML id.
    """

    kind: str  # agreement, upgrade, meeting, event, prize
    date: str | None
    sort: str
    anchor: str
    disputed: bool = False
    agreement: AgreementView | None = None
    upgrade_of: tuple[AgreementView, ...] = ()
    upgraded_to: tuple[AgreementView, ...] = ()
    event: EventSummary | None = None
    participations: tuple[ParticipationView, ...] = ()
    shared: bool = False
    award: Award | None = None
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Tie:
    """A tie in force with the focus city: the agreement, since when, what it upgraded."""

    agreement: AgreementView
    since: str | None
    """The date to show (``2016-07 / 2016-08`` when sources disagree)."""
    disputed: bool
    earlier: tuple[AgreementView, ...]
    """The agreements it upgraded, each with its own dates and sources."""
    anchor: str
    """The HTML id of its entry in the list of ties."""


def current_ties(city: CityDetail) -> tuple[Tie, ...]:
    """The city's agreements with the focus city that no later agreement upgraded, by rank.

    Sister-level ties first, then friendship, MOUs and the others; each with
    the agreements it upgraded.
    """
    by_id = {a.id: a for a in city.agreements}
    found = []
    for a in city.agreements:
        if not a.with_focus or any(u in by_id for u in a.upgraded_by):
            continue
        dates = a.dates or ((str(a.year),) if a.year is not None else ())
        found.append(Tie(a, shown_date(dates), conflicting(dates),
                         tuple(by_id[u] for u in a.upgrades if u in by_id),
                         _anchor("agreement", a.id)))
    rank = {g: i for i, g in enumerate(GROUPS)}
    found.sort(key=lambda t: (rank[group_of(t.agreement.kind.code, t.agreement.kind.broader)],
                              t.agreement.year or 9999, t.agreement.id))
    return tuple(found)


def conflicting(dates: Iterable[str]) -> bool:
    """Whether two of the dates disagree (neither is a prefix of the other).

    >>> conflicting(("2016-07", "2016-08")), conflicting(("2006",))
    (True, False)
    """
    found = sorted(set(dates))
    return any(not b.startswith(a) for a, b in pairwise(found))


def shown_date(dates: Sequence[str]) -> str | None:
    """The date to show: the most precise one, or every one when sources disagree."""
    if not dates:
        return None
    if conflicting(dates):
        return " / ".join(sorted(set(dates)))
    return max(dates, key=len)


def agreement_anchor(id_: str) -> str:
    """The HTML id of an agreement's entry."""
    return _anchor("agreement", id_)


def _anchor(prefix: str, id_: str) -> str:
    """An HTML id from an entity id.

    >>> _anchor("agreement", "gn1835848--gn2179537/chinseon")
    'agreement-gn1835848--gn2179537-chinseon'
    """
    return f"{prefix}-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in id_)


def _agreement_entry(a: AgreementView, by_id: dict[str, AgreementView]) -> Entry:
    dates = a.dates or ((str(a.year),) if a.year is not None else ())
    disputed = conflicting(dates)
    earlier = tuple(by_id[u] for u in a.upgrades if u in by_id)
    later = tuple(by_id[u] for u in a.upgraded_by if u in by_id)
    date = shown_date(dates)
    sort = (sorted(dates)[0] if disputed else date) or "9999"
    return Entry("upgrade" if a.upgrades else "agreement", date, sort,
                 _anchor("agreement", a.id), disputed, agreement=a, upgrade_of=earlier,
                 upgraded_to=later,
                 sources=a.sources)


def _event_entries(participations: Iterable[ParticipationView], kind: str,
                   shared: frozenset[str], focus: str) -> list[Entry]:
    grouped: dict[str, list[ParticipationView]] = defaultdict(list)
    for p in participations:
        grouped[p.event.iri].append(p)
    entries = []
    for iri, group in grouped.items():
        event = group[0].event
        sources = {s.iri: s for p in group for s in p.sources}
        together = iri in shared or any(loc.iri == focus for loc in event.locations)
        entries.append(Entry(kind, event.start, event.start or "9999", _anchor(kind, event.id),
                             event=event, participations=tuple(group), shared=together,
                             sources=tuple(sorted(sources.values(), key=lambda s: s.id))))
    return entries


def city_timeline(city: CityDetail, focus: str,
                  shared_events: Iterable[str] = ()) -> tuple[Entry, ...]:
    """The city's agreements, meetings, events and prizes, oldest first, undated last.

    ``shared_events`` are the IRIs of events the focus city took part in too.
    """
    by_id = {a.id: a for a in city.agreements}
    shared = frozenset(shared_events)
    entries = [_agreement_entry(a, by_id) for a in city.agreements]
    entries += _event_entries(city.meetings, "meeting", shared, focus)
    entries += _event_entries(city.events, "event", shared, focus)
    for award in city.prizes:
        year = str(award.year) if award.year is not None else None
        entries.append(Entry("prize", year, year or "9999",
                             _anchor("prize", f"{award.prize.id}-{year}"), award=award,
                             sources=award.sources))
    entries.sort(key=lambda e: (e.sort, _ORDER[e.kind], e.anchor))
    return tuple(entries)


# -- the mini map ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MiniMap:
    """Points on the mini map, in SVG units (``x`` = lon, ``y`` = -lat)."""

    city: tuple[float, float] | None
    focus: tuple[float, float] | None


def _point(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    if lat is None or lon is None:
        return None
    return (round(lon, 2), round(-lat, 2) + 0.0)


def mini_map(lat: float | None, lon: float | None, focus_lat: float | None,
             focus_lon: float | None) -> MiniMap:
    """Where the city and the focus city go on the map (``None`` when not known)."""
    return MiniMap(_point(lat, lon), _point(focus_lat, focus_lon))


@cache
def land_path() -> str:
    """The land as one SVG path, simplified to whole degrees (drawn once, kept).

    >>> land_path().startswith("M") and land_path().endswith("Z")
    True
    """
    parts = []
    for ring in land():
        points: list[tuple[int, int]] = []
        for lon, lat in ring:
            p = (round(lon), round(-lat))
            if not points or points[-1] != p:
                points.append(p)
        if len(set(points)) < 3:
            continue
        # a ring that crosses the date line jumps across the map: lift the pen there
        path = f"M{points[0][0]} {points[0][1]}"
        for (px, py), (x, y) in pairwise(points):
            path += f"M{x} {y}" if abs(x - px) > 90 else f"l{x - px} {y - py}"
        parts.append(path + ("" if "M" in path[1:] else "Z"))
    return "".join(parts)
