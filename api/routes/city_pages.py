"""``/cities/{id}``: a city's page: names, map, identifiers, its ties and their sources."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["pages"])
