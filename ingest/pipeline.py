"""From a file to an :class:`~citygraph.ingest.extraction.Extraction`.

The pipeline reads the file (:mod:`.reader`), works out its language,
title and publication date, finds its dates (:mod:`.dates`), then hands the
:class:`~citygraph.ingest.doc.Doc` to each registered :class:`Extractor`,
which adds what it finds to one :class:`~citygraph.ingest.extraction.Collector`.
Extractors are plug-ins: a class with a ``name``, a ``supports(language)``
test and an ``extract(doc, found)`` method; pass your own list to
:func:`extract`.

Examples
--------
>>> text = "서울시는 2016년 웰링턴과 우호도시 협정을 맺었다."
>>> x = extract_text(text, doc_id="note", published=date(2023, 9, 25))
>>> [(r.type.value, r.target, r.attributes["kind"]) for r in x.relations]
[('agreement', 'city/wellington', 'friendship')]
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from citygraph.ingest.chat import from_environment
from citygraph.ingest.coreference import drop_back_references
from citygraph.ingest.dates import find_dates, publication_date
from citygraph.ingest.doc import Doc
from citygraph.ingest.english import EnglishRules
from citygraph.ingest.extraction import Collector, DocumentInfo, Extraction
from citygraph.ingest.gazetteer import Gazetteer
from citygraph.ingest.korean import KoreanLinks, KoreanRules
from citygraph.ingest.reader import Source, read, read_bytes
from citygraph.ingest.relation_model import LearnedRelations
from citygraph.ingest.rules_tables import TableRules

__all__ = [
    "Extractor",
    "default_extractors",
    "extract",
    "extract_file",
    "extract_text",
    "language_of",
]

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_GENERIC_TITLES = re.compile(
    r"^(보도\s*(참고\s*)?자료|press\s+release|news\s+release|붙임.*)$", re.IGNORECASE
)


_NOT_TITLES = re.compile(
    r"보도\s*자료|담당\s*부서|보도일시|배포|press release|for immediate release|"
    r"issued by|^date\b|^contact|\||"
    r"^\w+ \d{1,2}, \d{4}",
    re.IGNORECASE,
)


def language_of(text: str) -> str:
    """``ko`` when Hangul letters make up a fifth of the letters, else ``en``.

    >>> language_of("서울시는 Seoul을"), language_of("Seoul and 서울")
    ('ko', 'en')
    """
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    return "ko" if hangul * 5 > hangul + latin else "en"


def _title(text: str) -> str | None:
    for m in re.finditer(r"^[ \t]*#{1,4}[ \t]*(.+?)[ \t]*$", text, re.MULTILINE):
        title = m.group(1).strip(" *")
        if title and not _GENERIC_TITLES.match(title):
            return title
    for line in text.splitlines():
        line = line.strip(" *\t-")
        if (
            len(line) > 15
            and not re.match(r"^[\d.\s()월화수목금토일]+", line)
            and not line.isupper()
            and not _NOT_TITLES.search(line)
        ):
            return line
    return None


class Extractor(Protocol):
    """A plug-in that adds what it finds in a document to a collector."""

    name: str

    def supports(self, language: str) -> bool:
        """Whether it reads documents in this language."""
        ...

    def extract(self, doc: Doc, found: Collector) -> None:
        """Add entities, relations and warnings for ``doc`` to ``found``."""
        ...


def default_extractors(environ: Mapping[str, str] | None = None) -> list[Extractor]:
    """The rules for Korean, English and tables, then the learned relation model.

    With ``CITYGRAPH_CHAT_URL`` and ``CITYGRAPH_CHAT_MODEL`` in the environment
    (``os.environ`` unless given), a chat-completions server is asked last
    (:mod:`.chat`); it is off by default.
    """
    found: list[Extractor] = [
        KoreanRules(), EnglishRules(), TableRules(), KoreanLinks(), LearnedRelations()
    ]
    chat = from_environment(os.environ if environ is None else environ)
    return [*found, chat] if chat else found


def extract(
    source: Source,
    *,
    doc_id: str | None = None,
    focus: str = "seoul",
    published: date | None = None,
    gazetteer: Gazetteer | None = None,
    extractors: Sequence[Extractor] | None = None,
) -> Extraction:
    """Run the extractors over a read document.

    Parameters
    ----------
    source
        The document, from :func:`~citygraph.ingest.reader.read`.
    doc_id
        Its id; by default the file name without extensions.
    focus
        The gazetteer key of the focus city: the party that agreements in the
        text are made by when the sentence names only the other city.
    published
        The publication date, when the text does not state it.
    gazetteer
        The place names to recognise; the bundled gazetteer by default.
    extractors
        The plug-ins to run, in order; :func:`default_extractors` by default.
    """
    language = language_of(source.text)
    stated = publication_date(source.text)
    when = stated or published
    name = doc_id or re.sub(
        r"\.(txt|md|markdown|html?|text)$", "", Path(source.path).name, flags=re.IGNORECASE
    )
    info = DocumentInfo(
        name,
        source.path,
        source.sha256,
        language,
        _title(source.text if source.format == "html" else source.raw),
        when.isoformat() if when else None,
    )
    doc = Doc(source, info, when, gazetteer or Gazetteer.load(), focus)
    doc.dates = find_dates(source.text, when, language=language)
    found = Collector()
    for d in doc.dates:
        if d.problem:
            found.warn(d.problem, (d.start, d.end))
    if when is None:
        found.warn("no publication date found: relative dates were not resolved")
    for extractor in extractors if extractors is not None else default_extractors():
        if extractor.supports(language):
            extractor.extract(doc, found)
    # "이번 협약", "this agreement": the agreement already found, not another one
    return drop_back_references(found.result(info), source.text)


def extract_file(path: str | Path, *, max_bytes: int = 5_000_000, **options: object) -> Extraction:
    """Read a file and extract from it (see :func:`extract` for the options)."""
    return extract(read(path, max_bytes=max_bytes), **options)  # type: ignore[arg-type]


def extract_text(text: str, *, doc_id: str = "text", **options: object) -> Extraction:
    """Extract from a string, as if it were a UTF-8 text file named ``doc_id``."""
    source = read_bytes(text.encode("utf-8"), f"{doc_id}.txt")
    return extract(source, doc_id=doc_id, **options)  # type: ignore[arg-type]
