"""Export the visual as a PNG for slides, through the machine's headless chromium.

Playwright drives an installed chromium (Debian's ``chromium`` package; no
browser is downloaded): the page is opened from a temporary file with every
request other than ``file:`` and ``data:`` refused, citygraph waits until
the page says it has drawn (``document.body.dataset.ready``), and the
viewport is captured at the size asked.  The page (``?export=1``) composes
the slide for that window: title, subtitle, legend, footer and city labels
sized from its height (labels 2.6 % of it: 28 px at 1080, 56 px at 2160),
labels placed without collisions, lines and outlines thickened, so a
3840x2160 slide is drawn for its size, not a smaller picture scaled up.
Korean labels need CJK fonts (Debian: ``fonts-noto-cjk``); without them
they render as boxes.

Examples
--------
>>> parse_size("1920x1080"), parse_size("3840X2160")
((1920, 1080), (3840, 2160))
>>> parse_size("big")
Traceback (most recent call last):
...
citygraph.ingest.errors.InvalidParameter: size 'big' is not WIDTHxHEIGHT (e.g. 1920x1080)
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citygraph.ingest.errors import CitygraphError, InvalidParameter

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

__all__ = ["BROWSERS", "PngError", "export_png", "find_chromium", "parse_size"]

#: Executable names tried, in order, when no chromium is configured.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--hide-scrollbars", "--font-render-hinting=none")
MAX_SIDE = 8192
_SETTLED = """document.fonts.ready.then(() => new Promise(r => setTimeout(() =>
  requestAnimationFrame(() => requestAnimationFrame(r)), 150)))"""


class PngError(CitygraphError):
    """The PNG could not be made; the message says why and what to do."""


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> ``(1920, 1080)``; sides from 200 to 8192 pixels."""
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise InvalidParameter(f"size {text!r} is not WIDTHxHEIGHT (e.g. 1920x1080)")
    width, height = int(match[1]), int(match[2])
    if not (200 <= width <= MAX_SIDE and 200 <= height <= MAX_SIDE):
        raise InvalidParameter(f"size {text!r}: each side must be 200 to {MAX_SIDE} pixels")
    return width, height


def find_chromium(configured: str | None = None) -> str:
    """The chromium to drive: ``configured`` (a path or a name on PATH), else the first found.

    Raises
    ------
    PngError
        When none is installed, with the command that installs one.
    """
    if configured:
        found = shutil.which(configured) or (configured if os.access(configured, os.X_OK)
                                             else None)
        if not found:
            raise PngError(f"the configured chromium {configured!r} is not an executable")
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise PngError("no chromium is installed to draw the PNG; install one (Debian: "
                   "apt-get install chromium fonts-noto-cjk) or set CITYGRAPH_CHROMIUM")


def export_png(html: str, out: Path, *, size: tuple[int, int] = (1920, 1080),
               chromium: str | None = None, timeout: float = 60.0) -> Path:
    """Draw the visual's HTML in headless chromium and save the viewport as a PNG.

    Parameters
    ----------
    html
        A self-contained page from :func:`citygraph.visuals.page.render_page`.
    out
        The PNG to write; written only once the picture is complete.
    size
        Width and height in pixels.
    chromium
        Path or name of the browser; found on ``PATH`` when ``None``.
    timeout
        Seconds to wait for the page to draw.

    Raises
    ------
    PngError
        No browser, a page that does not draw in time, or an unwritable file.
    """
    executable = find_chromium(chromium)
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - a dependency of citygraph
        raise PngError("the PNG export needs Playwright (pip install playwright)") from e
    width, height = size
    viewport: ViewportSize = {"width": width, "height": height}
    with tempfile.TemporaryDirectory(prefix="citygraph-png-") as tmp:
        page_file = Path(tmp) / "visual.html"
        page_file.write_text(html, encoding="utf-8")
        shot = Path(tmp) / "visual.png"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=executable, headless=True,
                                            args=list(FLAGS))
                try:
                    page = browser.new_page(viewport=viewport, device_scale_factor=1)
                    page.route("**/*", _local_only)
                    page.goto(page_file.as_uri() + "?export=1", wait_until="load")
                    page.wait_for_function("document.body.dataset.ready === 'true'",
                                           timeout=timeout * 1000)
                    page.evaluate(_SETTLED)  # fonts loaded, labels placed, last refit drawn
                    page.screenshot(path=str(shot), full_page=False)
                finally:
                    browser.close()
        except PlaywrightError as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise PngError(f"chromium could not draw the visual: {first}") from None
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(shot), out)
        except OSError as e:
            raise PngError(f"cannot write {out}: {e.strerror or e}") from None
    return out


def _local_only(route: Any) -> None:
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()
