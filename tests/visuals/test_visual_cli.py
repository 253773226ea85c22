"""``citygraph visual``: the HTML file and the PNG, made as a user makes them."""

from pathlib import Path

import pytest

from citygraph.visuals.model import FOCUS_COLOR

from ..api.test_cli import citygraph
from ..browser import open_page
from .pixels import png_pixels, png_size


def test_writes_an_offline_page(built_home: Path, tmp_path: Path, chromium) -> None:
    out = tmp_path / "seoul-network.html"
    result = citygraph("visual", "--layout", "force", "--lang", "en", "-o", str(out),
                       home=built_home)
    assert result.returncode == 0, result.stderr
    assert "opens offline" in result.stderr
    page, watch = open_page(chromium, out.as_uri())
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert page.evaluate("window.citygraph.visibleNodes()") > 30
    assert "Seoul" in page.inner_text("body")
    watch.assert_clean()


def test_default_file_is_named_after_the_focus(built_home: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "from citygraph.api.cli import main; main()", "visual",
         "--data-dir", str(built_home), "--kinds", "sister,friendship"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "seoul-network.html").stat().st_size > 100_000


@pytest.mark.parametrize(("args", "message"), [
    (["--layout", "round"], "layout 'round' is not one of: geo, force"),
    (["--kinds", "sister,cousin"], "cousin"),
    (["--lang", "fr"], "lang 'fr'"),
    (["--as-of", "99"], "as-of year 99"),
    (["--png", "x.png", "--size", "huge"], "size 'huge' is not WIDTHxHEIGHT"),
    (["--focus", "atlantis"], "atlantis"),
])
def test_bad_options_are_named(built_home: Path, tmp_path: Path, args: list[str],
                               message: str) -> None:
    result = citygraph("visual", "-o", str(tmp_path / "v.html"), *args, home=built_home)
    assert result.returncode != 0
    assert message in " ".join(result.stderr.split()), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "v.html").exists()


@pytest.mark.parametrize("size", ["1920x1080", "3840x2160"])
def test_png_for_slides(built_home: Path, tmp_path: Path, chromium, size: str) -> None:
    png = tmp_path / "seoul.png"
    result = citygraph("visual", "--png", str(png), "--size", size, home=built_home)
    assert result.returncode == 0, result.stderr
    assert png_size(png) == tuple(int(x) for x in size.split("x"))
    seen = png_pixels(chromium, png, FOCUS_COLOR)
    assert seen["colours"] > 200  # a map, nodes, edges and text, not a blank page
    assert seen["matching"] > 50  # the focus city's disc is drawn
