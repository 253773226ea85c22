r"""The source view's own logic: a document's text with its evidence spans marked.

:func:`highlight` escapes the text and wraps every evidence span in
``<mark class="evidence" id="span-START-END">``.  Spans may nest or overlap:
the text is cut into segments at every span boundary (:func:`segments`), and
the marks open and close around the segments so that the HTML stays valid.
A span that crosses the end of another is closed there and reopened after it
(the reopened part has ``class="evidence cont"`` and no id); the first part
keeps the id, so ``#span-START-END`` always finds it.

Examples
--------
>>> print(str(highlight("Seoul & Lisbon", [(0, 5), (8, 14)])).replace("> ", ">\n"))
<mark class="evidence" id="span-0-5">Seoul</mark>
&amp; <mark class="evidence" id="span-8-14">Lisbon</mark>
>>> [(s.start, s.end, s.spans) for s in segments(10, [(0, 6), (3, 10)])]
[(0, 3, ((0, 6),)), (3, 6, ((0, 6), (3, 10))), (6, 10, ((3, 10),))]
>>> print(str(highlight("abcdefghij", [(0, 6), (3, 10)])).replace("</mark><", "</mark>\n<"))
<mark class="evidence" id="span-0-6">abc<mark class="evidence" id="span-3-10">def</mark>
</mark><mark class="evidence cont" data-span="3-10">ghij</mark>
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from markupsafe import Markup, escape

from citygraph.graph import read

__all__ = ["Segment", "anchor", "document_spans", "document_text", "fact_href", "highlight",
           "segments", "sorted_rows",]

Span = tuple[int, int]



@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text and the spans that cover it, outermost first."""

    start: int
    end: int
    spans: tuple[Span, ...]


def anchor(span: Span) -> str:
    """The id of a span's mark: ``span-START-END`` (what ``source_href`` links to)."""
    return f"span-{span[0]}-{span[1]}"


def _order(span: Span) -> tuple[int, int]:
    # outer first: earlier start, then longer
    return (span[0], -span[1])


def segments(length: int, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``range(length)`` at every boundary of ``spans`` (clipped to the text).

    Each segment lists the spans covering it, outermost first; duplicate spans
    count once and empty spans cover nothing.
    """
    kept = sorted({(max(0, s), min(length, e)) for s, e in spans if s < e and s < length
                   and e > 0}, key=_order)
    cuts = sorted({0, length, *(b for span in kept for b in span)})
    out = []
    for start, end in pairwise(cuts):
        if start < end:
            out.append(Segment(start, end, tuple(s for s in kept if s[0] <= start and end <= s[1])))
    return out


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """The escaped text with every span in a ``<mark>``, valid however spans overlap.

    An empty span (``start == end``) inside the text is an empty mark, so that
    its anchor still exists.
    """
    spans = set(spans)
    empty = sorted({s for s in spans if s[0] == s[1] and 0 <= s[0] <= len(text)})
    parts: list[str] = []
    stack: list[Span] = []
    opened: set[Span] = set()
    empties = iter(empty)
    pending = next(empties, None)

    def close_to(depth: int) -> None:
        while len(stack) > depth:
            stack.pop()
            parts.append("</mark>")

    def flush_empty(at: int) -> None:
        nonlocal pending
        while pending is not None and pending[0] <= at:
            parts.append(f'<mark class="evidence empty" id="{anchor(pending)}"></mark>')
            opened.add(pending)
            pending = next(empties, None)

    for seg in segments(len(text), spans):
        depth = 0
        while depth < len(stack) and depth < len(seg.spans) and stack[depth] == seg.spans[depth]:
            depth += 1
        close_to(depth)
        flush_empty(seg.start)
        for span in seg.spans[depth:]:
            if span in opened:
                parts.append(f'<mark class="evidence cont" data-span="{span[0]}-{span[1]}">')
            else:
                parts.append(f'<mark class="evidence" id="{anchor(span)}">')
                opened.add(span)
            stack.append(span)
        parts.append(str(escape(text[seg.start:seg.end])))
    close_to(0)
    flush_empty(len(text))
    return Markup("".join(parts))  # noqa: S704 - every piece of text is escaped above


def document_text(documents: Path, id_: str) -> str | None:
    """The kept text of an ingested document, as its offsets count it (CRLF kept).

    ``None`` when the id is not a plain file name or the text is missing or unreadable.
    """
    if Path(id_).name != id_ or id_ in {"", ".", ".."}:
        return None
    try:
        with (documents / f"{id_}.txt").open(encoding="utf-8", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def document_spans(detail: read.SourceDetail) -> list[Span]:
    """The spans of the document's own evidence that fall inside its kept text."""
    own = f"document/{detail.id}"
    return sorted({(e.start, e.end) for f in detail.facts for e in f.evidence
                   if e.dataset == own and e.start is not None and e.end is not None
                   and e.quote is not None})


def sorted_rows(rows: Sequence[read.RowCitation]) -> list[read.RowCitation]:
    """Citing rows by file, then line: each is anchored by both (``site.row_anchor``).

    >>> r = [read.RowCitation("a", "a/x.csv", 3, (), ()), read.RowCitation("b", "b/y.csv", 2,
    ...      (), ()), read.RowCitation("a", "a/x.csv", 1, (), ())]
    >>> [(c.file, c.line) for c in sorted_rows(r)]
    [('a/x.csv', 1), ('a/x.csv', 3), ('b/y.csv', 2)]
    """
    return sorted(rows, key=lambda row: (row.file, row.line))


def fact_href(fact: read.FactView, partner: read.Ref | None = None) -> str | None:
    """The staff page of a fact: a city's or event's page, an agreement's partner's page.

    >>> fact_href(read.FactView("wellington", "x", "City", None, None, ()))
    '/cities/wellington'
    >>> fact_href(read.FactView("wcsmf-12", "x", "Event", None, None, ()))
    '/events/wcsmf-12'
    """
    if fact.type in ("City", "Region"):
        return f"/cities/{fact.id}"
    if fact.type == "Event":
        return f"/events/{fact.id}"
    if fact.type == "Agreement" and partner is not None:
        return f"/cities/{partner.id}"
    return None
