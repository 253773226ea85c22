"""The English extractor: :class:`EnglishRules`."""

from __future__ import annotations

from citygraph.ingest.doc import Doc
from citygraph.ingest.english.formal import Formal
from citygraph.ingest.english.names import Names
from citygraph.ingest.english.relations import Relations
from citygraph.ingest.english.structure import Structure
from citygraph.ingest.extraction import Collector


class EnglishRules:
    """Rule-based extraction for English documents (see the package docs)."""

    name = "en-rules"

    def supports(self, language: str) -> bool:
        """English only."""
        return language == "en"

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add what the rules find in ``doc`` to ``found``."""
        Run(doc, found).run()


class Run(Names, Structure, Formal, Relations):
    """One pass of every English rule over one document."""

    def run(self) -> None:
        """Run every rule in order: people, places, names, structure, then sentences."""
        self.people()
        self.titled_people()
        self.state_officials()
        self.signature_blocks()
        self.own_officials()
        self.title_references()
        self.places()
        self.names()
        self.policies()
        self.sessions()
        self.same_events()
        self.choose_main_event()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        for start, end in self.doc.sentences:
            self.sentence(start, end)
            self.invited_visits(start, end)
        self.titled_agreements()
