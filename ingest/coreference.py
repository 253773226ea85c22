"""Back-references: "이번 협약", "this agreement" name an agreement already found.

Releases announce an agreement once, then refer back to it: "이번 협약으로 양
도시는 ..." ("with this agreement the two cities ..."), "Under the agreement,
...".  A rule that reads every agreement word as an agreement would count
such a phrase as a second one.  :func:`drop_back_references` is one small
step after extraction, for every extractor and document: an agreement
relation whose every evidence span is a back-reference (a determiner such as
이번, 동, 해당, this or the said right before the agreement word) is left out
when the same two parties have another agreement in the document that was
stated outright; the phrase names that one.  An agreement that only back
-references state (nothing to refer back to) stays.

Examples
--------
>>> is_back_reference("양 도시는 이번 협약으로 교류를 넓힌다", 9, 11)
True
>>> is_back_reference("서울시장이 협약을 맺었다", 6, 8)
False
>>> is_back_reference("Under this agreement, both cities", 11, 20)
True
>>> is_back_reference("signed a friendship agreement", 9, 29)
False
"""

from __future__ import annotations

import re
from dataclasses import replace

from citygraph.ingest.extraction import Extraction, Relation, RelationType

__all__ = ["drop_back_references", "is_back_reference"]

# a determiner that points back, standing as its own word (after a space or a mark)
_KO_BACK = r"(?:이번|금번|동|해당|본|이|그|위|상기|같은)"
_EN_BACK = r"(?:this|that|these|the\s+said|said|the\s+same|such)"
_BEFORE = re.compile(
    rf"(?:^|[\s(\[“\"'‘·,.])(?:{_KO_BACK}|(?i:{_EN_BACK}))[ \t]*$"
)
_INSIDE = re.compile(rf"^(?:{_KO_BACK}|(?i:{_EN_BACK}))[ \t]+\S")
#: how far before a span a determiner may stand
_WINDOW = 16


def is_back_reference(text: str, start: int, end: int) -> bool:
    """Whether the span ``text[start:end]`` names an agreement by referring back to it.

    True when a back-pointing determiner (이번, 금번, 동, 해당, 본, 이, 그, 위,
    상기; this, that, the said, such ...) stands right before the span, or the
    span itself starts with one.
    """
    before = text[max(0, start - _WINDOW):start]
    return bool(_BEFORE.search(before) or _INSIDE.match(text[start:end]))


def _stated_outright(r: Relation, text: str) -> bool:
    return any(not is_back_reference(text, e.start, e.end) for e in r.evidence)


def drop_back_references(x: Extraction, text: str) -> Extraction:
    """Leave out agreements only back-references state, when they name one already found.

    Parameters
    ----------
    x
        An extraction of ``text``.
    text
        The text its offsets count (the extraction view or the raw text).

    Returns
    -------
    Extraction
        ``x`` without those agreements; everything else as it was.

    Examples
    --------
    >>> from citygraph.ingest.extraction import DocumentInfo, Evidence
    >>> text = "서울과 리스본이 우호도시 협약을 맺었다. 이번 협약으로 교류가 는다."
    >>> def agreement(kind, start, end):
    ...     return Relation(RelationType.AGREEMENT, "city/seoul", "city/lisbon", {"kind": kind},
    ...                     (Evidence(start, end, "test", 0.8),))
    >>> x = Extraction(DocumentInfo("d", "", "", "ko"), (), (agreement("friendship", 9, 16),
    ...                agreement("mou", 26, 28)))
    >>> [r.attributes["kind"] for r in drop_back_references(x, text).relations]
    ['friendship']
    """
    outright: set[frozenset[str]] = {
        frozenset((r.source, r.target)) for r in x.relations
        if r.type is RelationType.AGREEMENT and _stated_outright(r, text)
    }
    kept = tuple(
        r for r in x.relations
        if r.type is not RelationType.AGREEMENT or _stated_outright(r, text)
        or frozenset((r.source, r.target)) not in outright
    )
    return x if len(kept) == len(x.relations) else replace(x, relations=kept)
