"""The audit page's sentence for one publication (no write path: the graph's wording, in Python)."""

from __future__ import annotations

from citygraph.graph.write.documents import Publication

__all__ = ["describe"]


def describe(p: Publication) -> dict[str, str]:
    """What a publication did, in English and Korean.

    >>> describe(Publication(2, "kim", "", "", "rollback", restored=1))["ko"]
    '버전 1로 되돌림'
    """
    if p.action == "rollback":
        return {"en": f"rolled back to version {p.restored}", "ko": f"버전 {p.restored}로 되돌림"}
    if p.action == "ingest":
        return {"en": "ingested (citygraph ingest)", "ko": "명령줄 수집 (citygraph ingest)"}
    return {"en": "published", "ko": "게시"}
