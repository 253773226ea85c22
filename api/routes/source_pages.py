"""``/sources/{id}``: a source document with the evidence of its facts highlighted."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["pages"])
