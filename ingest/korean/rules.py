"""The Korean extractors: :class:`KoreanRules` and :class:`KoreanLinks`."""

from __future__ import annotations

import re

from citygraph.ingest import hangul
from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector, EntityType, RelationType
from citygraph.ingest.korean.names import Names
from citygraph.ingest.korean.people import People
from citygraph.ingest.korean.relations import Relations
from citygraph.ingest.korean.structure import Structure
from citygraph.ingest.rules_common import norm


class KoreanRules:
    """Rule-based extraction for Korean documents (see the module docs)."""

    name = "ko-rules"

    def supports(self, language: str) -> bool:
        """Korean only."""
        return language == "ko"

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add what the rules find in ``doc`` to ``found``."""
        Run(doc, found).run()


class KoreanLinks:
    """Links read after tables: venues of numbered visits (``첫 번째 현장방문``).

    It runs after :class:`~citygraph.ingest.rules_tables.TableRules`, which
    reads the programme (현장 방문 I, II) these visits refer to.
    """

    name = "ko-links"

    def supports(self, language: str) -> bool:
        """Korean only."""
        return language == "ko"

    def extract(self, doc: Doc, found: Collector) -> None:
        """Relate each numbered visit to the venues visited."""
        ordinals = {"첫": 1, "두": 2, "세": 3, "네": 4}
        roman = {1: "i", 2: "ii", 3: "iii", 4: "iv"}
        names = found.names()
        venues = [
            (m.start, m.end, eid)
            for eid in found.ids(EntityType.VENUE)
            for m in found.mentions_of(eid)
        ]
        current: str | None = None
        for start, end in doc.sentences:
            s = doc.text[start:end]
            m = re.search(r"(첫|두|세|네)\s?번째\s?([가-힣 ]{2,8}?)(?:에서|일정|을|를|은|는|\s)", s)
            if m:
                base = norm(m.group(2)) + roman[ordinals[m.group(1)]]
                current = next(
                    (
                        eid
                        for eid, ns in names.items()
                        if found.type_of(eid) is EntityType.EVENT and base in map(norm, ns)
                    ),
                    None,
                )
            if current is None or not re.search(r"방문|찾아|견학", s):
                continue
            for vs, ve, vid in venues:
                if start <= vs and ve <= end:
                    found.relate(
                        RelationType.LOCATED_IN, current, vid, (vs, end), "ko.visit.venue", 0.7
                    )


class Run(Names, Structure, People, Relations):
    """One pass of every Korean rule over one document."""

    def run(self) -> None:
        """Run every rule in order: names, people, structure, then sentences."""
        names = hangul.proper_nouns(self.gaz.curated_names("ko"))
        self.tokens = hangul.analyzer(names).tokens(self.text)
        self.last_tag = {t.end: t.tag for t in self.tokens}
        self.starts = [t.start for t in self.tokens]
        self.places()
        self.pairs()
        self.people()
        self.officials()
        self.same_people()
        self.quoted()
        self.sessions()
        self.enumerations()
        self.expand_acronyms()
        self.repeat_mentions()
        self.unquoted()
        self.join_venues()
        self.repeat_mentions()
        self.choose_main_event()
        self.parenthetical_venues()
        self.subsidiaries()
        self.side_events()
        for start, end in self.doc.sentences:
            self.sentence(start, end)
        self.overview_lines()
