"""Shared state and helpers of the English rules."""

from __future__ import annotations

import re

from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector, EntityType
from citygraph.ingest.rules_common import Mention, add_place, overlaps


class Base:
    """The state one run over one document shares, and the helpers every rule uses."""

    def __init__(self, doc: Doc, found: Collector) -> None:
        self.doc = doc
        self.text = doc.text
        self.found = found
        self.gaz = doc.gazetteer
        self.mentions: list[Mention] = []
        self.main_event: str | None = None
        self.session_ids: list[str] = []

    def free(self, start: int, end: int, *, over_places: bool = False) -> bool:
        """No mention overlaps the span (places inside it are fine with ``over_places``)."""
        return not any(
            overlaps((start, end), (m.start, m.end))
            and not (
                over_places
                and m.type in (EntityType.CITY, EntityType.COUNTRY, EntityType.REGION)
                and m.end - m.start < end - start
            )
            for m in self.mentions
        )

    def place(self, name: str, start: int, end: int, region: bool = False) -> Mention | None:
        """Mention the gazetteer place a name means, if any.

        With ``region``, a name the gazetteer does not know is a region all the
        same (``Gyeonggi Province``), mentioned wherever it recurs.
        """
        entry = self.gaz.resolve(name)
        if entry is None and region:
            eid = self.found.entity(EntityType.REGION, en=name, span=(start, end))
            m = Mention(start, end, eid, EntityType.REGION)
            for again in re.finditer(rf"\b{re.escape(name)}\b", self.text):
                if self.free(again.start(), again.end()):
                    self.found.mention(eid, (again.start(), again.end()))
                    self.mentions.append(
                        Mention(again.start(), again.end(), eid, EntityType.REGION)
                    )
        elif entry is None:
            return None
        else:
            m = add_place(self.found, entry, (start, end))
            if name != entry.name_en:
                self.found.entity(m.type, key=entry.key, aliases=(name,))
        self.mentions.append(m)
        return m

    def merge(self, keep: str, drop: str) -> None:
        """Fold one entity into another, here and in the collector."""
        self.found.merge(keep, drop)
        self.mentions = [
            Mention(m.start, m.end, keep if m.id == drop else m.id, m.type) for m in self.mentions
        ]

    def in_span(self, start: int, end: int, *types: EntityType) -> list[Mention]:
        """Mentions inside a span, in order; a place inside a longer name is left out."""
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        found = {
            (m.start, m.end, m.id): m
            for m in inside
            if (not types or m.type in types)
            and not any(
                o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                for o in inside
            )
        }
        return [found[k] for k in sorted(found)]

    def focus_id(self) -> str | None:
        """The id of the focus city, once it has been mentioned."""
        entry = self.gaz.get(self.doc.focus)
        return (
            f"city/{entry.key}"
            if entry and any(m.id == f"city/{entry.key}" for m in self.mentions)
            else None
        )

