"""The site's navigation, shared by the staff pages and the query page.

>>> [path for path, _, _ in NAV][:2]
['/', '/agreements']
"""

from __future__ import annotations

__all__ = ["NAV"]

#: The navigation: path, English, Korean.
NAV = (
    ("/", "Home", "처음"),
    ("/agreements", "Agreements", "협약"),
    ("/events", "Forums and prizes", "포럼과 상"),
    ("/timeline", "Timeline", "연표"),
    ("/sources", "Sources", "출처"),
    ("/visual", "Network", "네트워크"),
    ("/query", "SPARQL", "SPARQL"),
)
