"""Dependencies shared by the routers, and the one error type they raise."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from citygraph.api.settings import Settings
from citygraph.graph.guard import GuardedStore

__all__ = ["ApiError", "FocusDep", "SettingsDep", "StoreDep"]


class ApiError(Exception):
    """An error answered as JSON ``{"error": code, "message": ...}``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def get_store(request: Request) -> GuardedStore:
    """Return the guarded store opened by the app's lifespan."""
    store: GuardedStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_focus(request: Request) -> str:
    """Return the IRI of the focus city, found at start-up."""
    focus: str = request.app.state.focus
    return focus


StoreDep = Annotated[GuardedStore, Depends(get_store)]
FocusDep = Annotated[str, Depends(get_focus)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
