"""``/timeline``: agreements per year by kind, as a server-drawn SVG chart."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["pages"])
