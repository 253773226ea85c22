"""``/`` and ``/search``: the home page (search, key figures, the network) and search results."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["pages"])
