"""Shared state and helpers of the Korean rules."""

from __future__ import annotations

import re
from bisect import bisect_left

from citygraph.ingest import hangul
from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector, EntityType
from citygraph.ingest.gazetteer import Entry
from citygraph.ingest.korean.lexicon import (
    _STOP_WORDS,
)
from citygraph.ingest.rules_common import Mention, overlaps


class Base:
    """The state one run over one document shares, and the helpers every rule uses."""

    def __init__(self, doc: Doc, found: Collector) -> None:
        self.doc = doc
        self.text = doc.text
        self.found = found
        self.gaz = doc.gazetteer
        self.mentions: list[Mention] = []
        self.focus: str | None = None
        self.last_subject: str | None = None
        self.main_event: str | None = None
        self.tokens: list[hangul.Token] = []
        self.starts: list[int] = []
        self.last_tag: dict[int, str] = {}
        self.session_ids: list[str] = []
        self.pair_spans: list[tuple[int, int, str, str]] = []
        self.persons: dict[str, str] = {}

    def tokens_in(self, start: int, end: int) -> list[hangul.Token]:
        """The tokens that start in ``[start, end)``."""
        return self.tokens[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def free(self, start: int, end: int) -> bool:
        """Whether no mention overlaps the span."""
        return not any(overlaps((start, end), (m.start, m.end)) for m in self.mentions)

    def add(self, m: Mention) -> Mention:
        """Record a mention and return it."""
        self.mentions.append(m)
        return m

    def resolve(self, name: str, near: tuple[str, ...] = ()) -> Entry | None:
        """The gazetteer place a name means (also with a trailing 시), if any."""
        entry = self.gaz.resolve(name, near=near or self.countries())
        if entry is None and name.endswith("시") and len(name) > 2:
            entry = self.gaz.resolve(name[:-1], near=near or self.countries())
        return entry

    def countries(self) -> tuple[str, ...]:
        """Codes of the countries mentioned so far (to disambiguate places)."""
        return tuple(
            sorted(
                {
                    c
                    for m in self.mentions
                    if m.type is EntityType.COUNTRY
                    for c in [m.id.split("/", 1)[1].upper()]
                }
            )
        )

    def place_at(self, start: int, end: int) -> Mention | None:
        """The first place mentioned inside a span."""
        for m in self.mentions:
            if (
                m.start >= start
                and m.end <= end
                and m.type in (EntityType.CITY, EntityType.REGION, EntityType.COUNTRY)
            ):
                return m
        return None

    def name_words(self, end: int, count: int, *, adnominal: bool = False) -> int:
        """Where a name of up to ``count`` words ending at ``end`` starts.

        Words are taken right to left until one ends in a particle or a verb
        ending (an adnominal ending such as 살기좋은 is allowed when
        ``adnominal``), is a function word, holds digits, or is glued to
        punctuation on its left.
        """
        spans = [w for w in hangul.words(self.text, max(0, end - 60), end) if w[1] <= end]
        start = end
        taken = 0
        for ws, we in reversed(spans):
            word = self.text[ws:we]
            gap = self.text[we:start]
            if taken and (gap.strip() or "\n" in gap):
                break
            if taken >= count or word in _STOP_WORDS or re.search(r"\d", word):
                break
            if not re.fullmatch(r"[가-힣·]+", word):
                break
            last = self.last_tag.get(we, "")
            if taken and (
                last.startswith("J") or (last.startswith("E") and not (adnominal and last == "ETM"))
            ):
                break
            start = ws
            taken += 1  # noqa: SIM113 - counts words taken, not words seen
            if ws > 0 and not self.text[ws - 1].isspace():
                break
        return start

    def sentence_at(self, at: int) -> str:
        """The sentence containing a position."""
        for s, e in self.doc.sentences:
            if s <= at < e:
                return self.text[s:e]
        return ""

    def merge(self, keep: str, drop: str) -> None:
        """Fold one entity into another, here and in the collector."""
        self.found.merge(keep, drop)
        self.mentions = [
            Mention(m.start, m.end, keep if m.id == drop else m.id, m.type) for m in self.mentions
        ]

    def in_span(self, start: int, end: int, *types: EntityType) -> list[Mention]:
        """Mentions inside a span (of the given types), in order.

        A place inside a longer name (싱가포르 in 싱가포르 도시개발청) is left out.
        """
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        found = {
            (m.start, m.end, m.id): m
            for m in inside
            if (not types or m.type in types)
            and not (
                m.type in (EntityType.CITY, EntityType.COUNTRY, EntityType.REGION)
                and any(
                    o.start <= m.start
                    and m.end <= o.end
                    and o.end - o.start > m.end - m.start
                    and o.type not in (EntityType.CITY, EntityType.COUNTRY, EntityType.REGION)
                    for o in inside
                )
            )
        }
        return [found[k] for k in sorted(found)]

    def focus_id(self) -> str | None:
        """The id of the focus city, once it has been mentioned."""
        entry = self.gaz.get(self.doc.focus)
        if entry is None:
            return None
        for m in self.mentions:
            if m.id.endswith("/" + entry.key) and m.type is EntityType.CITY:
                return m.id
        return None

    def subject(self, start: int, end: int) -> str | None:
        """The first city that is the subject (은/는/이/가) of a span."""
        for m in self.in_span(start, end, EntityType.CITY):
            if re.match(
                r"시?(?:\([^()\n]{1,20}\))?(?:은|는|이|가)(?![가-힣])",
                self.text[m.end : m.end + 25],
            ):
                return m.id
        return None

    def last_subject_city(self, start: int, end: int) -> str | None:
        """The last city that is a subject in a span."""
        cities = [
            m
            for m in self.in_span(start, end, EntityType.CITY)
            if re.match(r"시?(?:은|는|이|가)(?![가-힣])", self.text[m.end : m.end + 3])
        ]
        return cities[-1].id if cities else None

    def section_session(self, at: int) -> str | None:
        """The session whose heading opens the section ``at`` is in, if any."""
        headings = [
            m.start()
            for m in re.finditer(r"^#{1,6}\s", self.doc.source.raw, re.MULTILINE)
            if m.start() < at
        ]
        if not headings:
            return None
        last = headings[-1]
        for m in self.mentions:
            if m.id in self.session_ids and last <= m.start < last + 12:
                return m.id
        return None


def squeeze(text: str) -> tuple[str, list[int]]:
    """The text without spaces and quotes, and where each kept character was."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace() and c not in "‘’'“”\""]
    return "".join(c for _, c in kept), [i for i, _ in kept]
