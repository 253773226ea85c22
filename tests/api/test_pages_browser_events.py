"""The events pages in a browser: from ``/events`` to the 2023 forum, by keyboard, in Korean."""

from __future__ import annotations

from typing import Any

import pytest

from ..browser import open_page

FORUM = "/events/wcsmf-12"
SECTIONS = ("about", "numbers", "sessions", "programme", "participants", "exhibitors",
            "side-events", "agreements", "sources")


def tab_to(page: Any, href: str, limit: int = 80) -> None:
    """Press Tab until the link to ``href`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == href:
            return
    raise AssertionError(f"{limit} presses of Tab never reached the link to {href}")


@pytest.mark.e2e
def test_from_the_list_to_the_forum_by_keyboard_and_in_korean(site: str, chromium: Any) -> None:
    page, watch = open_page(chromium, f"{site}/events?lang=en")
    assert page.locator("h1").inner_text() == "Forums and prizes"
    assert page.locator("#forums ~ table tbody tr").count() == 12
    assert page.locator("#prize-lky-prize ~ table a[href^='/cities/']").count() == 7

    # follow the 2023 forum's link with the keyboard
    tab_to(page, FORUM)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(FORUM)
    assert page.locator("h1").inner_text() == "World Cities Summit Mayors Forum 2023"
    for section in SECTIONS:
        assert page.locator(f"h2#{section}").is_visible(), section
    assert page.locator("section.zone").count() == 5
    assert page.locator("section.zone ul.exhibitors > li").count() == 27
    assert page.locator("section.day:not(.undated)").count() == 3

    # the skip link, then "On this page" takes the keyboard to the exhibitors
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    tab_to(page, "#exhibitors")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#exhibitors'")
    top = page.evaluate("document.getElementById('exhibitors').getBoundingClientRect().top")
    assert 0 <= top < 200
    # every link and the language switch can take the focus
    assert page.locator("main a[tabindex='-1']").count() == 0

    # switch to Korean: the page and the next one stay in Korean
    with page.expect_navigation():
        page.locator(".lang-switch a[hreflang='ko']").click()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text() == "2023 세계도시정상회의 시장포럼"
    assert page.locator("h2#exhibitors").inner_text() == "주제별 전시 참가"
    assert "2023년 9월 24일–26일" in page.locator("#about ~ dl").inner_text()
    assert page.locator(".outcome-list a[href='/cities/kyiv']").first.inner_text() == "키이우"
    with page.expect_navigation():
        page.locator("nav.site-nav a[href='/events']").click()
    assert page.locator("h1").inner_text() == "포럼과 상"
    watch.assert_clean()
