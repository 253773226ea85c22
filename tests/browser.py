"""Drive Debian's chromium, headless, through Playwright: the real browser for page tests.

:func:`open_page` opens a URL (``http://127.0.0.1:...`` or ``file://...``) in
a fresh page and returns it with a :class:`Watch` that records what a test
must check: every request that would leave the machine (it is blocked and
recorded), console errors, uncaught exceptions and dialogs (``alert``).

The ``chromium`` fixture (``tests/conftest.py``) skips, with the reason, on a
machine without Playwright or a chromium; in CI nothing may skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

LOCAL = ("http://127.0.0.1", "file://", "data:", "blob:", "about:")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-default-apps", "--disable-sync",
         "--no-first-run", "--disable-features=Translate,MediaRouter"]


def chromium_path() -> str | None:
    """The chromium to drive: ``CITYGRAPH_CHROMIUM``, else the first on ``PATH``."""
    configured = os.environ.get("CITYGRAPH_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def launch() -> Iterator[Any]:
    """Start headless chromium; yield the Playwright ``Browser``."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What happened in a page: requests that left the machine, errors, dialogs."""

    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Fail with everything recorded, unless nothing was."""
        assert not self.outside, f"requests left 127.0.0.1: {self.outside}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


def open_page(browser: Any, url: str | None = None, *, width: int = 1366, height: int = 768,
              allowed: tuple[str, ...] = LOCAL) -> tuple[Any, Watch]:
    """A new page (its own context) watched by a :class:`Watch`; ``url`` is opened if given.

    Requests to anything but ``allowed`` prefixes are aborted and recorded.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    watch = Watch()

    def route(r: Any) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: watch.console_errors.append(m.text)
            if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

    def dialog(d: Any) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    if url is not None:
        page.goto(url, wait_until="load")
    return page, watch
