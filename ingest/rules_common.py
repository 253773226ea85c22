"""Helpers the rule-based extractors share: places, names, spans.

Examples
--------
>>> initials("Centre for Liveable Cities"), initials("URBAN REDEVELOPMENT AUTHORITY")
('CLC', 'URA')
>>> norm("Centre for LiveableCities") == norm("CENTRE for Liveable Cities")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from citygraph.ingest.extraction import Collector, EntityType
from citygraph.ingest.gazetteer import Entry, PlaceKind

__all__ = ["Mention", "add_place", "initials", "main_event", "norm", "overlaps"]

_KINDS = {
    PlaceKind.CITY: EntityType.CITY,
    PlaceKind.REGION: EntityType.REGION,
    PlaceKind.COUNTRY: EntityType.COUNTRY,
}
_SMALL = {"for", "of", "the", "and", "de", "du", "la", "le", "des", "in", "on", "at", "to"}


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found at a span."""

    start: int
    end: int
    id: str
    type: EntityType


def norm(name: str) -> str:
    """A comparison key: NFKC, case-folded, without spaces and punctuation."""
    name = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "", name)


def initials(phrase: str) -> str:
    """The acronym a phrase spells, ignoring small words."""
    return "".join(
        w[0].upper() for w in re.findall(r"[A-Za-z][\w'-]*", phrase) if w.lower() not in _SMALL
    )


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def add_place(found: Collector, entry: Entry, span: tuple[int, int]) -> Mention:
    """Add a gazetteer place (with its identifiers) as an entity mention."""
    same_as = []
    if entry.geonames:
        same_as.append(f"https://sws.geonames.org/{entry.geonames}/")
    if entry.wikidata:
        same_as.append(f"http://www.wikidata.org/entity/{entry.wikidata}")
    extra = {}
    if entry.lat is not None and entry.lon is not None:
        extra = {"lat": repr(entry.lat), "lon": repr(entry.lon)}
    type_ = _KINDS[entry.kind]
    eid = found.entity(
        type_,
        key=entry.key,
        en=entry.name_en,
        ko=entry.name_ko,
        span=span,
        same_as=tuple(same_as),
        country=entry.country,
        attributes=extra,
    )
    return Mention(span[0], span[1], eid, type_)


def main_event(found: Collector, text: str, title: str | None, *, skip: set[str]) -> str | None:
    """Choose the event the document is about: one its title names, else the most mentioned.

    The choice is kept on the collector (``found.main_event``) for later rules.
    """
    events = [e for e in found.ids(EntityType.EVENT) if e not in skip]
    if not events:
        return None
    at = text.find(title) if title else -1
    if at >= 0:
        titled = [
            e
            for e in events
            for m in found.mentions_of(e)
            if at <= m.start and m.end <= at + len(title or "")
        ]
        if titled:
            found.main_event = titled[0]
            return titled[0]
    found.main_event = max((len(found.mentions_of(e)), e) for e in events)[1]
    return found.main_event
