"""What a running app holds, typed, and the dependencies that hand it to routes.

:func:`citygraph.api.app.create_app`'s lifespan makes one :class:`Runtime`
when the app starts (opening the store, finding the focus city, building the
template environment) and puts it on ``app.state.runtime``; nothing else is
kept on ``app.state``.  Routes never read ``app.state`` themselves: they
declare what they need with the aliases below (``StoreDep``, ``FocusDep``
...), all resolved through :func:`runtime`, so that a test can replace the
whole runtime with one dependency override.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from jinja2 import Environment

from citygraph.api.accounts import Accounts
from citygraph.api.cache import AppCache, Derived, warm
from citygraph.api.drafts import Drafts
from citygraph.api.settings import Settings
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.write.update import Updater

__all__ = [
    "CacheDep",
    "FocusDep",
    "Runtime",
    "RuntimeDep",
    "SettingsDep",
    "StoreDep",
    "runtime",
]


@dataclass(eq=False)
class Runtime:
    """Everything a running app shares between requests.

    Attributes
    ----------
    settings
        The settings the app was created with.
    store
        The guarded store, opened at start-up.
    focus
        The IRI of the focus city, found at start-up.
    templates
        The one Jinja environment of every page.
    updater
        Applies SPARQL Update; ``None`` unless the operator set an update token.
    cache
        Values derived from the graph, kept per graph version.
    accounts, drafts
        The curation pages' users and sessions, and their queue of documents
        (one SQLite database in the home folder); None for an app over a store
        given by a test.
    """

    settings: Settings
    store: GuardedStore
    focus: str
    templates: Environment
    updater: Updater | None = None
    cache: AppCache = field(default_factory=AppCache)
    accounts: Accounts | None = None
    drafts: Drafts | None = None
    _warming: asyncio.Task[None] | None = field(default=None, repr=False)

    def warm(self) -> None:
        """Make the busiest pages' values for the current graph version in the background.

        Call it on the event loop whenever a new version goes live; a warm-up
        still running for an older version is cancelled first.
        """
        self.stop_warming()
        self._warming = asyncio.get_running_loop().create_task(
            warm(self.cache, self.store, self.focus))

    def stop_warming(self) -> None:
        """Cancel a warm-up in progress (a value being built in a thread still finishes)."""
        if self._warming is not None:
            self._warming.cancel()
            self._warming = None


def runtime(request: Request) -> Runtime:
    """The app's runtime (made by the lifespan)."""
    found: Runtime = request.app.state.runtime
    return found


RuntimeDep = Annotated[Runtime, Depends(runtime)]


def _store(state: RuntimeDep) -> GuardedStore:
    return state.store


def _focus(state: RuntimeDep) -> str:
    return state.focus


def _settings(state: RuntimeDep) -> Settings:
    return state.settings


StoreDep = Annotated[GuardedStore, Depends(_store)]
FocusDep = Annotated[str, Depends(_focus)]
SettingsDep = Annotated[Settings, Depends(_settings)]


def _derived(state: RuntimeDep) -> Derived:
    return Derived(state.cache, state.store)


CacheDep = Annotated[Derived, Depends(_derived)]
