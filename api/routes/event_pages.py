"""``/events`` and ``/events/{id}``: forums, prizes and laureates; a forum's page."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["pages"])
