"""Review files: what the extractors found, as YAML a person corrects before ingesting.

A review file is a YAML list of extractions in the documented format
(``docs/extraction-format.md``), each relation with two more fields:
``accept`` (true when its best confidence reaches the threshold) and, in
each piece of evidence, ``quote``, the text its offsets point at.  The
reviewer sets ``accept: false`` on what is wrong, corrects labels and
attributes, and hands the file back; :func:`parse_review` (or
:func:`read_review`) returns the accepted relations only, with each
document read again from its path.

Only data here (no rdflib), so the command line and the web pages share it.

Examples
--------
>>> from citygraph.ingest.pipeline import extract_text
>>> from citygraph.ingest.reader import read_bytes
>>> text = "Seoul and Wellington signed a friendship agreement on 3 May 2024."
>>> source = read_bytes(text.encode(), "note.txt")
>>> review = review_text([(source, extract_text(text, doc_id="note"))], threshold=0.6)
>>> print(review.splitlines()[0])
# citygraph review file: what was read from the documents below.
>>> print(review[review.index("  evidence:"):review.index("  warnings:")].rstrip())
  evidence:
    - start: 10
      end: 50
      rule: en.agreement
      confidence: 0.85
      quote: Wellington signed a friendship agreement
    accept: true
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from citygraph.ingest.errors import Conflict
from citygraph.ingest.extraction import Extraction, ExtractionFormatError, from_json, to_json
from citygraph.ingest.reader import DEFAULT_MAX_BYTES, Source, read

__all__ = [
    "REVIEW_HEADER",
    "ReviewOutdated",
    "ReviewSummary",
    "parse_review",
    "read_review",
    "review_text",
    "write_review",
]

REVIEW_HEADER = """\
# citygraph review file: what was read from the documents below.
# Set `accept: false` on a relation to leave it out, or `true` to keep it; correct
# labels and attributes where needed; then run:  citygraph ingest --accept THIS_FILE
# Offsets (start, end) point into the document's text; `quote` shows that text.
"""


class ReviewOutdated(Conflict):
    """A document changed after its review file was written."""


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """What a review file holds: documents, and relations marked ``accept`` of all."""

    documents: int
    accepted: int
    relations: int


def _reviewed(source: Source, x: Extraction, threshold: float) -> dict[str, Any]:
    data = to_json(x)
    for r in data["relations"]:
        for ev in r["evidence"]:
            ev["quote"] = source.raw[ev["start"] : ev["end"]]
        r["accept"] = max((ev["confidence"] for ev in r["evidence"]), default=0.0) >= threshold
    return data


def review_text(pairs: Sequence[tuple[Source, Extraction]], threshold: float) -> str:
    """The review file of documents and their extractions, as YAML with a header.

    Relations whose best confidence reaches ``threshold`` are marked
    ``accept: true``, the others ``false``.
    """
    docs = [_reviewed(source, x, threshold) for source, x in pairs]
    body: str = yaml.safe_dump(docs, allow_unicode=True, sort_keys=False, width=100)
    return REVIEW_HEADER + body


def write_review(path: Path, pairs: Sequence[tuple[Source, Extraction]],
                 threshold: float) -> ReviewSummary:
    """Write the review file of ``pairs`` to ``path`` (see :func:`review_text`)."""
    path.write_text(review_text(pairs, threshold), encoding="utf-8")
    return ReviewSummary(
        documents=len(pairs),
        accepted=sum(r.confidence >= threshold for _, x in pairs for r in x.relations),
        relations=sum(len(x.relations) for _, x in pairs),
    )


def _accepted(relations: Any, where: str) -> Any:
    """The accepted relations without the review's own fields (others left to from_json)."""
    if not isinstance(relations, list):
        return relations
    kept = []
    for j, r in enumerate(relations):
        if not isinstance(r, dict):
            kept.append(r)
            continue
        accept = r.pop("accept", True)
        if not isinstance(accept, bool):
            raise ExtractionFormatError(f"{where}.relations[{j}].accept",
                                        "must be true or false")
        if accept:
            for ev in r.get("evidence") or []:
                if isinstance(ev, dict):
                    ev.pop("quote", None)
            kept.append(r)
    return kept


def parse_review(text: str, *, where: str,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[Source, Extraction]]:
    """The accepted extractions of a review file's text, with their documents read again.

    Parameters
    ----------
    text
        The review file's text.
    where
        Its name in error messages (the file's path).
    max_bytes
        The largest document to read again.

    Raises
    ------
    citygraph.ingest.extraction.ExtractionFormatError
        Not YAML (with line and column), or a field that does not follow the
        format (named as ``FILE: document 1.relations[0].accept``).
    ReviewOutdated
        A document's file changed since the review was written.
    citygraph.ingest.reader.ReadError
        A document cannot be read again.

    Examples
    --------
    >>> parse_review("- document: [", where="r.yaml")
    Traceback (most recent call last):
    ...
    citygraph.ingest.extraction.ExtractionFormatError: r.yaml, line 1, column 14: is not valid...
    >>> parse_review("[]", where="r.yaml")
    []
    """
    try:
        docs = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ExtractionFormatError(
            f"{where}{at}", f"is not valid YAML ({getattr(e, 'problem', e)})"
        ) from None
    if not isinstance(docs, list):
        raise ExtractionFormatError(where, "must hold a list of documents")
    pairs = []
    for i, data in enumerate(docs):
        at = f"{where}: document {i + 1}"
        if not isinstance(data, dict):
            raise ExtractionFormatError(at, "must be a mapping")
        data["relations"] = _accepted(data.get("relations") or [], at)
        x = from_json(data, where=at)
        source = read(Path(x.document.path), max_bytes=max_bytes)
        if source.sha256 != x.document.sha256:
            raise ReviewOutdated(
                f"{at}: {x.document.path} changed since the review was written; "
                "run `citygraph ingest --review` again"
            )
        pairs.append((source, x))
    return pairs


def read_review(path: Path, *,
                max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[Source, Extraction]]:
    """The accepted extractions of the review file at ``path`` (see :func:`parse_review`)."""
    return parse_review(path.read_text(encoding="utf-8"), where=str(path), max_bytes=max_bytes)
