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

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from markupsafe import Markup, escape

from citygraph.graph import read

__all__ = ["Block", "Segment", "anchor", "document_spans", "document_text", "fact_href",
           "highlight", "is_markdown", "markdown_structure", "segments", "sorted_rows",
           "source_order"]

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


def segments(length: int, spans: Iterable[Span], cuts: Iterable[int] = ()) -> list[Segment]:
    """Cut ``range(length)`` at every boundary of ``spans`` (clipped to the text) and ``cuts``.

    Each segment lists the spans covering it, outermost first; duplicate spans
    count once and empty spans cover nothing.
    """
    kept = sorted({(max(0, s), min(length, e)) for s, e in spans if s < e and s < length
                   and e > 0}, key=_order)
    cuts = sorted({0, length, *(b for span in kept for b in span),
                   *(c for c in cuts if 0 < c < length)})
    out = []
    for start, end in pairwise(cuts):
        if start < end:
            out.append(Segment(start, end, tuple(s for s in kept if s[0] <= start and end <= s[1])))
    return out


@dataclass(frozen=True, slots=True)
class Block:
    """A line of a Markdown text and what it is: ``h1`` to ``h6``, ``li``, ``quote``, ``p``."""

    start: int
    kind: str


_HEADING = re.compile(r"(#{1,6})[ \t]+")
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+")
_QUOTE = re.compile(r"[ \t]*>[ \t]?")
_RULE = re.compile(r"[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*\w])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![*\w])")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"(\[)([^\]\n]+)(\]\([^)\s]*\))")


def markdown_structure(text: str) -> tuple[list[Block], list[Span]]:
    r"""Read a Markdown text's lines as blocks, and the marks to hide, by offset.

    The text stays as it is (the evidence spans count its characters); what
    the page hides are the marks: heading and list markers, ``**``, ``_``,
    backslash escapes, a link's brackets and address, rules.

    >>> blocks, hidden = markdown_structure("## Title\n- an **item** \\* x")
    >>> [(b.start, b.kind) for b in blocks], hidden
    ([(0, 'h2'), (9, 'li')], [(0, 3), (9, 11), (14, 16), (20, 22), (23, 24)])
    """
    blocks: list[Block] = []
    hidden: list[Span] = []
    at = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        kind, skip = "p", 0
        if m := _HEADING.match(body):
            kind, skip = f"h{len(m.group(1))}", m.end()
        elif _RULE.match(body):
            kind, skip = "rule", len(body)
        elif m := _BULLET.match(body):
            kind, skip = "li", m.end()
        elif m := _QUOTE.match(body):
            kind, skip = "quote", m.end()
        blocks.append(Block(at, kind))
        if skip:
            hidden.append((at, at + skip))
        for m in _STRONG.finditer(body, skip):
            hidden += [(at + m.start(), at + m.start() + 2), (at + m.end() - 2, at + m.end())]
        for m in _EMPHASIS.finditer(body, skip):
            hidden += [(at + m.start(), at + m.start() + 1), (at + m.end() - 1, at + m.end())]
        for m in _LINK.finditer(body, skip):
            hidden += [(at + m.start(1), at + m.end(1)), (at + m.start(3), at + m.end(3))]
        hidden += [(at + m.start(), at + m.start() + 1) for m in _ESCAPE.finditer(body, skip)]
        at += len(line)
    return blocks, sorted(set(hidden))


def highlight(text: str, spans: Iterable[Span], *, blocks: Sequence[Block] = (),
              hidden: Iterable[Span] = ()) -> Markup:
    """The escaped text with every span in a ``<mark>``, valid however spans overlap.

    An empty span (``start == end``) inside the text is an empty mark, so that
    its anchor still exists.  ``blocks`` (from :func:`markdown_structure`) wrap
    each line in ``<span class="md md-KIND">`` (marks close and reopen around
    them); the characters of ``hidden`` are left out.
    """
    spans = set(spans)
    starts = {b.start: b.kind for b in blocks}
    hide = sorted(hidden)
    in_block = False
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

    def shown(start: int, end: int) -> str:
        out, at = [], start
        for a, b in hide:
            if b <= at or a >= end:
                continue
            out.append(text[at:max(at, a)])
            at = max(at, min(b, end))
        out.append(text[at:end])
        return "".join(out)

    cuts = [*starts, *(b for h in hide for b in h)]
    for seg in segments(len(text), spans, cuts):
        depth = 0
        while depth < len(stack) and depth < len(seg.spans) and stack[depth] == seg.spans[depth]:
            depth += 1
        if seg.start in starts:
            depth = 0
            close_to(0)
            parts.append(("</span>" if in_block else "")
                         + f'<span class="md md-{starts[seg.start]}">')
            in_block = True
        close_to(depth)
        flush_empty(seg.start)
        for span in seg.spans[depth:]:
            if span in opened:
                parts.append(f'<mark class="evidence cont" data-span="{span[0]}-{span[1]}">')
            else:
                parts.append(f'<mark class="evidence" id="{anchor(span)}">')
                opened.add(span)
            stack.append(span)
        parts.append(str(escape(shown(seg.start, seg.end))))
    close_to(0)
    flush_empty(len(text))
    if in_block:
        parts.append("</span>")
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


def is_markdown(documents: Path, id_: str) -> bool:
    """Whether an ingested document was a Markdown file (its kept extraction names the file)."""
    if Path(id_).name != id_ or id_ in {"", ".", ".."}:
        return False
    try:
        kept = json.loads((documents / f"{id_}.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    path = str(kept.get("document", {}).get("path", "")) if isinstance(kept, dict) else ""
    return path.lower().endswith((".md", ".markdown"))


def source_order(item: read.SourceItem) -> tuple[int, bool, str, str, str]:
    """Sources as staff scan them: by kind (releases first, weak ones last), publisher, title."""
    kinds = ("press_release", "government_page", "government_list", "organiser_page",
             "news_article", "reference_data", "code", "web_page")
    code = item.kind.code if item.kind is not None else ""
    return (kinds.index(code) if code in kinds else len(kinds), not item.title,
            item.publisher or "", item.title or "", item.id)


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
