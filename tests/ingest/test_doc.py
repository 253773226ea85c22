"""The document extractors read: its sentences, as the pipeline hands them over."""

from __future__ import annotations

from datetime import date

import pytest

from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector
from citygraph.ingest.pipeline import extract_text

PUBLISHED = date(2023, 9, 25)


class _Sentences:
    """A plug-in that only records the sentences the pipeline gives extractors."""

    name = "sentences"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def supports(self, language: str) -> bool:
        return True

    def extract(self, doc: Doc, found: Collector) -> None:
        self.seen = [doc.text[s:e] for s, e in doc.sentences]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The forum opens on Nov. 24 in Seoul. Mr. Kim gives the welcome. Dr. Lee closes it.",
            ["The forum opens on Nov. 24 in Seoul.", "Mr. Kim gives the welcome.",
             "Dr. Lee closes it."],
        ),
        (
            "Delegates met Prof. Park at 10 a.m. on Monday. Did it go well? It did!",
            ["Delegates met Prof. Park at 10 a.m. on Monday.", "Did it go well?", "It did!"],
        ),
        (
            "Seoul grew 2.5 percent.\nThe U.S. team came too.",
            ["Seoul grew 2.5 percent.", "The U.S. team came too."],
        ),
        (
            'She said "we agree." Then they signed.',
            ['She said "we agree."', "Then they signed."],
        ),
    ],
)
def test_sentences_do_not_end_at_abbreviations(text: str, sentences: list[str]) -> None:
    probe = _Sentences()
    extract_text(text, published=PUBLISHED, extractors=[probe])
    assert probe.seen == sentences
