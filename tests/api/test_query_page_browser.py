"""The SPARQL query page in a real browser: examples run, results show, languages switch."""

from typing import Any

import pytest

from ..browser import open_page


@pytest.mark.e2e
def test_an_example_runs_and_fills_the_table(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/query?lang=en")
    assert page.locator(".site-nav a[href='/agreements'] [lang=en]").is_visible()
    assert not page.locator(".site-nav a[href='/agreements'] [lang=ko]").is_visible()
    page.locator("a.example").first.click()
    page.wait_for_selector("#output table tbody tr")
    rows = page.locator("#output table tbody tr").count()
    assert rows > 0
    assert "rows" in page.locator("#status").inner_text()
    assert page.locator("#download-csv").is_visible()
    page.locator("button[data-set-lang=ko]").click()
    assert page.locator(".site-nav a[href='/agreements'] [lang=ko]").is_visible()
    assert page.locator("#run").inner_text() == "실행"
    watch.assert_clean()


@pytest.mark.e2e
def test_a_typed_query_with_a_label_is_shown_as_text(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/query?lang=en")
    page.locator("#editor").fill('SELECT ?x WHERE { BIND("<img src=x onerror=alert(1)>" AS ?x) }')
    page.locator("#run").click()
    cell = page.locator("#output table tbody td").first
    cell.wait_for()
    assert cell.inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator("#output img").count() == 0
    watch.assert_clean()
