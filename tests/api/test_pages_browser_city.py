"""The home page, search and a city page in a browser: from ``/`` to Wellington, by keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from ..browser import open_page


def ties(page: Any) -> list[str]:
    """The texts of the city page's ties, in page order."""
    return [str(t) for t in page.locator("ol.ties > li").all_inner_texts()]


@pytest.mark.e2e
def test_search_from_home_to_wellington_and_its_timeline(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/?lang=en")
    assert page.locator("h1").inner_text() == "City partnerships of Seoul"
    assert page.locator("iframe.network-frame").get_attribute("src") == "/visual?embed=1&lang=en"

    # keyboard: the skip link comes first; following it, Tab reaches the search box
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "home-q"

    # type part of the Korean name and submit
    page.keyboard.type("웰링")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search?q=" in page.url
    first = page.locator("ol.results > li").first
    assert "Wellington" in first.inner_text() and "웰링턴" in first.inner_text()
    assert "New Zealand" in first.inner_text()

    # follow the result to Wellington's page
    with page.expect_navigation():
        first.locator("a.result-name").click()
    assert page.url.endswith("/cities/wellington")
    assert page.locator("h1").inner_text().startswith("Wellington")
    assert page.locator(".mini-map svg circle.city-dot").count() == 1

    # the timeline: the 2016 friendship agreement, then the forum, then the 2023 upgrade
    entries = ties(page)
    assert len(entries) == 3
    assert entries[0].startswith("2016-07 / 2016-08")
    assert "Friendship city agreement" in entries[0]
    assert "Sources disagree on the date" in entries[0]
    assert entries[2].startswith("2023-09-26")
    assert "Upgrade" in entries[2] and "Sister-level city (chinseon) agreement" in entries[2]
    assert "Upgrades the 2016 friendship city agreement" in entries[2]
    # the upgrade's link to the earlier agreement scrolls to it
    page.locator("ol.ties > li.tie-upgrade a[href^='#agreement-']").first.click()
    page.wait_for_function("location.hash === '#agreement-gn1835848--gn2179537-friendship'")
    top = page.evaluate("document.getElementById("
                        "'agreement-gn1835848--gn2179537-friendship').getBoundingClientRect().top")
    assert -2 <= top < 200

    # the language switch: to Korean and back
    with page.expect_navigation():
        page.locator(".lang-switch a[hreflang='ko']").click()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text().startswith("웰링턴")
    assert page.locator("#rel-h").inner_text() == "서울특별시와의 관계"
    korean = ties(page)
    assert "우호도시 협약" in korean[0] and "친선도시 협약" in korean[2] and "격상" in korean[2]
    with page.expect_navigation():
        page.locator(".lang-switch a[hreflang='en']").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#rel-h").inner_text() == "Relationship with Seoul"
    watch.assert_clean()


@pytest.mark.e2e
def test_san_francisco_shows_both_readings_and_links_to_the_sources(site: str,
                                                                     chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/cities/san-francisco?lang=en")
    (entry,) = ties(page)
    assert entry.startswith("1975 / 1976")
    readings = page.locator("ol.ties ul.readings > li").all_inner_texts()
    assert [r.split()[0] for r in readings] == ["1975", "1976"]
    hrefs = page.locator("ol.ties ul.readings a").evaluate_all("as => as.map(a => a.href)")
    assert [h.split("/sources/", 1)[1] for h in hrefs] == [
        "url-03bf8fa3b744#row-partners-agreements-csv-6",
        "url-5ccfb24ac2c9#row-partners-agreements-csv-5"]
    watch.assert_clean()


@pytest.mark.e2e
def test_empty_and_too_long_searches_explain_themselves(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/search?lang=en")
    assert "Type a name to search for" in page.locator("main").inner_text()
    page.locator("#search-q").fill("x" * 201)
    with page.expect_navigation():
        page.locator("#search-q").press("Enter")
    assert "too long: 201 characters" in page.locator("[role=alert]").inner_text()
    watch.console_errors = [e for e in watch.console_errors if "422" not in e]
    watch.assert_clean()


@pytest.mark.e2e
def test_the_error_page_reads_as_a_page(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/cities/atlantis?lang=ko")
    message = page.locator(".error-message")
    assert message.is_visible()
    assert "이 주소에는 페이지나 항목이 없습니다." in message.inner_text()
    style = message.evaluate(
        "e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).fontFamily]")
    assert style[0] == "normal" and "mono" not in style[1].lower(), style
    assert message.bounding_box()["height"] < 200  # type: ignore[index]  (no template whitespace)
    # the 404 itself is the one console message a browser logs here
    assert not watch.outside and not watch.page_errors and not watch.dialogs
    assert all("404" in m for m in watch.console_errors), watch.console_errors
