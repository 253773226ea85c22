"""PNG export: sizes, the browser it needs, and a failure that leaves nothing behind."""

from pathlib import Path

import pytest

from citygraph.ingest.errors import InvalidParameter
from citygraph.visuals.png import PngError, export_png, find_chromium, parse_size


@pytest.mark.parametrize("text", ["1920x1080", "3840x2160", " 1280 X 720 ", "800×600"])
def test_sizes(text: str) -> None:
    width, height = parse_size(text)
    assert 200 <= width <= 8192 and 200 <= height <= 8192


@pytest.mark.parametrize("text", ["", "1920", "1920x", "100x100", "99999x1080", "axb"])
def test_bad_sizes(text: str) -> None:
    with pytest.raises(InvalidParameter, match="size"):
        parse_size(text)


def test_a_configured_browser_must_exist() -> None:
    with pytest.raises(PngError, match="is not an executable"):
        find_chromium("/nonexistent/chromium")


def test_no_browser_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PngError, match="apt-get install chromium fonts-noto-cjk"):
        find_chromium()


def test_a_page_that_never_draws_fails_in_time(tmp_path: Path, chromium) -> None:
    out = tmp_path / "never.png"
    with pytest.raises(PngError, match="could not draw"):
        export_png("<!doctype html><title>x</title><p>no network here</p>", out,
                   size=(400, 300), timeout=1)
    assert not out.exists()
