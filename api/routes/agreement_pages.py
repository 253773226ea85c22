"""``/agreements``: agreements with facets (kind, years, continent, country); CSV and JSON."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["pages"])
