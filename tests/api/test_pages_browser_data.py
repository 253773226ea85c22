"""The data pages in a browser: agreement facets and their CSV, a source's marked span."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citygraph.api.settings import bundled_sources
from citygraph.graph.write.build import build

from ..browser import open_page
from .serving import serving

#: Our own short press release, ingested with the real CLI.
RELEASE = """\
SEOUL METROPOLITAN GOVERNMENT
For immediate release: 4 November 2024

Seoul and Lisbon Sign Friendship City Agreement

Seoul Mayor Han Dong-min and Lisbon Mayor Carlos Moedas signed a friendship city \
agreement at Seoul City Hall on November 4 (Mon).

The two cities will share work on riverside parks, tram heritage and tile museums.
"""


def rows(page: Any) -> list[str]:
    return [str(x) for x in page.locator("tr.agreement").evaluate_all(
        "rows => rows.map(r => r.dataset.id)")]


def count(page: Any, name: str) -> int:
    """The count beside the facet link called ``name``."""
    link = page.locator("nav.facets a", has_text=name).first
    return int(link.locator("xpath=following-sibling::span[@class='count']").inner_text())


@pytest.mark.e2e
def test_facets_filter_the_table_and_the_csv_has_its_rows(site: str, chromium: Any,
                                                          tmp_path: Path) -> None:
    # before: choosing a kind changed nothing until "Show", far down the form, was pressed
    page, watch = open_page(chromium, f"{site}/agreements?lang=en")
    everything = rows(page)
    assert len(everything) >= 60
    assert count(page, "Any kind") == len(everything)
    assert page.locator("#result-count").inner_text() == (
        f"Showing {len(everything)} of {len(everything)} agreements")

    # click a kind: it applies at once
    friendship = count(page, "friendship city")
    with page.expect_navigation():
        page.locator("nav.facets a", has_text="friendship city").first.click()
    assert "group=friendship" in page.url
    assert len(rows(page)) == friendship < len(everything)
    assert page.locator("#result-count").inner_text() == (
        f"Showing {friendship} of {len(everything)} agreements")
    sisters_link = page.locator("nav.facets a", has_text="sister city").first
    sisters = count(page, "sister city")
    with page.expect_navigation():
        sisters_link.click()
    shown = rows(page)
    assert len(shown) == sisters < len(everything)
    assert "gn1835848--gn2179537/chinseon" in shown  # sister takes chinseon
    assert page.locator("nav.facets a[aria-current='true']").first.inner_text() == "sister city"

    # then a continent: the kind stays, and the count beside it is what the table then shows
    europe = count(page, "Europe")
    with page.expect_navigation():
        page.locator("nav.facets a", has_text="Europe").click()
    shown = rows(page)
    assert len(shown) == europe < sisters
    assert "continent=EU" in page.url and "group=sister" in page.url
    assert page.locator("#result-count").inner_text() == (
        f"Showing {europe} of {len(everything)} agreements")

    # the CSV link carries the filters: its rows are the table's rows
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    download = info.value
    assert download.suggested_filename == "agreements.csv"
    saved = tmp_path / "agreements.csv"
    download.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in table] == shown
    assert {r["continent"] for r in table} == {"EU"}
    assert {r["kind"] for r in table} <= {"sister", "chinseon"}
    watch.assert_clean()


@pytest.fixture(scope="module")
def ingested_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("ingested-site")
    build(bundled_sources(), home)
    doc = tmp_path_factory.mktemp("release") / "seoul-lisbon.en.txt"
    doc.write_text(RELEASE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "from citygraph.api.cli import main; main()", "ingest",
         str(doc), "--data-dir", str(home)],
        capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    with serving(home) as url:
        yield url


AGREEMENT_ROW = "#row-wcsmf-2023-seoul-agreements-csv-2"
EVENT_ROW = "#row-wcsmf-2023-seoul-events-csv-2"  # the same line of another file


def background(page: Any, selector: str) -> str:
    return str(page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor"))


def in_view(page: Any, selector: str) -> bool:
    return bool(page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"))


@pytest.mark.e2e
def test_a_fact_link_opens_its_span_highlighted(ingested_site: str, chromium: Any) -> None:
    # from the agreements table: the Lisbon agreement's source link goes to its span
    page, watch = open_page(chromium, f"{ingested_site}/agreements?lang=en&country=PT",
                            height=600)
    assert rows(page) == ["gn1835848--gn2267057/friendship"]
    link = page.locator("tr.agreement .readings a").first
    href = link.get_attribute("href")
    assert href is not None and href.startswith("/sources/seoul-lisbon.en#span-")
    target = "#" + href.split("#", 1)[1]
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(href)
    assert page.locator(f"mark{target}").evaluate("e => e.matches(':target')")
    plain = background(page, "#span-0-5")
    assert background(page, target) != plain
    assert in_view(page, target)
    quote = page.locator(target).inner_text()
    assert "Lisbon" in quote

    # the facts beside the text: choosing the mayor's office moves the mark
    office = page.locator(".facts-panel a[href='#span-148-174']")
    office.click()
    page.wait_for_function("location.hash === '#span-148-174'")
    assert page.locator("#span-148-174").evaluate("e => e.matches(':target')")
    assert not page.locator(target).evaluate("e => e.matches(':target')")
    assert background(page, "#span-148-174") != plain
    assert in_view(page, "#span-148-174")
    assert page.locator("#span-148-174").inner_text() == "Lisbon Mayor Carlos Moedas"
    watch.assert_clean()


@pytest.mark.e2e
def test_a_curated_row_is_highlighted_and_the_timeline_draws(site: str, chromium: Any) -> None:
    # Wellington's 2023 upgrade, stated by the forum's press release on line 2
    page, watch = open_page(chromium, f"{site}/sources/wcsmf-2023-seoul.ko?lang=ko{AGREEMENT_ROW}",
                            height=600)
    assert page.locator(AGREEMENT_ROW).evaluate("e => e.matches(':target')")
    assert in_view(page, f"{AGREEMENT_ROW} .fact-names")
    assert background(page, AGREEMENT_ROW) != background(page, EVENT_ROW)
    assert "웰링턴" in page.locator(AGREEMENT_ROW).inner_text()
    with page.expect_navigation():
        page.locator(".site-nav a[href='/timeline']").click()
    chart = page.locator("figure.chart svg[role=img]")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 1000
    assert page.locator("rect.bar").count() > 20
    assert page.locator("rect.bar title").first.text_content()
    watch.assert_clean()
