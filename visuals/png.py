"""Export the visual as a PNG for slides, through the machine's headless chromium.

Playwright drives an installed chromium (Debian's ``chromium`` package; no
browser is downloaded): the page is opened from a temporary file with every
request other than ``file:`` and ``data:`` refused, citygraph waits until
the page says it has drawn (``document.body.dataset.ready``), and the
viewport is captured at the size asked.  Korean labels need CJK fonts
(Debian: ``fonts-noto-cjk``); without them they render as boxes.

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
REFERENCE_WIDTH = 1920  # wider pictures are this page drawn at a higher density


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
    scale, viewport = _layout_scale(width, height)
    with tempfile.TemporaryDirectory(prefix="citygraph-png-") as tmp:
        page_file = Path(tmp) / "visual.html"
        page_file.write_text(html, encoding="utf-8")
        shot = Path(tmp) / "visual.png"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=executable, headless=True,
                                            args=list(FLAGS))
                try:
                    page = browser.new_page(viewport=viewport, device_scale_factor=scale)
                    page.route("**/*", _local_only)
                    page.goto(page_file.as_uri() + "?export=1", wait_until="load")
                    page.wait_for_function("document.body.dataset.ready === 'true'",
                                           timeout=timeout * 1000)
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


def _layout_scale(width: int, height: int) -> tuple[float, ViewportSize]:
    """Draw sizes above 1920 wide as the 1920-wide page at a higher pixel density.

    A 3840x2160 slide is then the 1920x1080 picture with every line and letter
    twice as sharp, not a page whose title and legend shrink to a quarter.

    >>> _layout_scale(3840, 2160)
    (2.0, {'width': 1920, 'height': 1080})
    >>> _layout_scale(1366, 768)
    (1.0, {'width': 1366, 'height': 768})
    """
    scale = width / REFERENCE_WIDTH
    if scale > 1 and (height / scale).is_integer():
        return scale, {"width": REFERENCE_WIDTH, "height": int(height / scale)}
    return 1.0, {"width": width, "height": height}


def _local_only(route: Any) -> None:
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()
