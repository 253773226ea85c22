"""The document the extractors read: :class:`Doc`, its text, facts and sentences.

The pipeline (:mod:`.pipeline`) makes one :class:`Doc` per file and hands it
to every extractor, which adds what it finds to a
:class:`~citygraph.ingest.extraction.Collector`.

Examples
--------
>>> from citygraph.ingest.reader import read_bytes
>>> source = read_bytes("Mr. Kim met Dr. Lee. They signed an MOU.".encode(), "note.txt")
>>> info = DocumentInfo("note", source.path, source.sha256, "en")
>>> doc = Doc(source, info, published=None, gazetteer=Gazetteer([]))
>>> [doc.text[s:e] for s, e in doc.sentences]
['Mr. Kim met Dr. Lee.', 'They signed an MOU.']
>>> source = read_bytes("Ties date from 2006. They grew.".encode(), "note.txt")
>>> [source.text[s:e] for s, e in Doc(source, info, None, Gazetteer([])).sentences]
['Ties date from 2006.', 'They grew.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from citygraph.ingest.dates import DateMention
from citygraph.ingest.extraction import DocumentInfo
from citygraph.ingest.gazetteer import Gazetteer
from citygraph.ingest.reader import Source

__all__ = ["Doc"]

_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Gov|Sen|Rep|Co|Inc|Ltd|Corp|vs|etc|e\.g|i\.e|U\.S|U\.K|a\.m|p\.m)\.$"
)


# a sentence ends at . ? ! after a word or a year ("since 2006."), not after "No. 5."
_END = re.compile(r"(?:(?<=[^\d\s.][.?!])|(?<=[^\d.][12]\d{3}\.))[\"'”’)]?(?=\s)")


@dataclass
class Doc:
    """One document prepared for extractors: its text and what is known about it."""

    source: Source
    info: DocumentInfo
    published: date | None
    gazetteer: Gazetteer
    focus: str = "seoul"
    dates: list[DateMention] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The extraction view of the text (same offsets as the file text)."""
        return self.source.text

    @property
    def language(self) -> str:
        """``ko`` or ``en``."""
        return self.info.language

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans: lines, split after sentence-final punctuation."""
        spans = []
        for line in re.finditer(r"[^\n]+", self.text):
            start = line.start()
            for end in _END.finditer(line.group()):
                stop = line.start() + end.end()
                if _abbreviation(self.text, stop):
                    continue
                spans.append(_strip(self.text, start, stop))
                start = stop
            spans.append(_strip(self.text, start, line.end()))
        return [s for s in spans if s[1] > s[0]]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """The date mentions inside a span."""
        return [d for d in self.dates if start <= d.start and d.end <= end]


def _abbreviation(text: str, stop: int) -> bool:
    return bool(_ABBREVIATIONS.search(text[max(0, stop - 8) : stop]))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
