"""Issue 14's "Done when", in real chromium against a real ``citygraph serve``.

An editor signs in, uploads a Korean release about a new partner (Lisbon, in
Portugal: neither is in the curated data), rejects one fact, adds the missed
meeting by selecting its sentence and picking both cities (one with the
site's search), and publishes; within 5 s, without a restart, Lisbon's city
page shows the agreement and the meeting, and the source link opens the text
with the added span highlighted.  An admin then rolls the document back.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from citygraph.api.settings import bundled_sources
from citygraph.graph.write.build import build

from ..browser import open_page
from ..conftest import TEST_DATA
from .serving import serving

pytestmark = pytest.mark.e2e

LISBON = TEST_DATA / "curation" / "seoul-lisbon.ko.txt"
SENTENCE = "이튿날 두 시장은 리스본 해양박물관에서 다시 만나 청년 교류 사업을 논의했다."


def add_user(home: Path, name: str, role: str, password: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from citygraph.api.cli import main; main()", "users", "add",
         name, "--role", role, "--password-stdin", "--data-dir", str(home)],
        input=password + "\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"Added {name} ({role})" in done.stdout


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = tmp_path_factory.mktemp("curation") / "home"
    build(bundled_sources(), home)
    add_user(home, "kim", "editor", "editor-password")
    add_user(home, "vic", "viewer", "viewer-password")
    add_user(home, "boss", "admin", "admin-password")
    with serving(home) as url:
        yield url, home


def sign_in(page: Any, url: str, name: str, password: str) -> None:
    page.goto(f"{url}/login?lang=ko")
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    page.click("button[type=submit]:has-text('로그인')")
    page.wait_for_load_state("load")


def assert_accessible(page: Any) -> None:
    """axe-core's rules hold on the page (as for every staff page)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def select_words(page: Any, words: str) -> None:
    """Select ``words`` in the document's text as a reader does (a DOM range), then let go."""
    page.evaluate("""(words) => {
      const text = document.getElementById("doc-text");
      const at = text.textContent.indexOf(words);
      const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      let seen = 0, range = document.createRange(), node;
      while ((node = walker.nextNode())) {
        const n = node.textContent.length;
        if (seen <= at && at < seen + n) range.setStart(node, at - seen);
        if (seen < at + words.length && at + words.length <= seen + n) {
          range.setEnd(node, at + words.length - seen);
        }
        seen += n;
      }
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      text.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    }""", words)


def test_an_editor_publishes_a_release_live(chromium: Any, served: tuple[str, Path]) -> None:
    url, _ = served
    page, watch = open_page(chromium)
    sign_in(page, url, "kim", "editor-password")
    assert page.url.endswith("/curation")
    cookie = next(c for c in page.context.cookies() if c["name"] == "citygraph_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert_accessible(page)

    page.set_input_files("#upload-file", str(LISBON))
    page.click("button:has-text('올리고 추출하기')")
    page.wait_for_selector("#progress, #doc-text")
    page.wait_for_selector("#doc-text", timeout=90_000)  # the page reloads itself when done
    assert "포르투갈 리스본" in page.inner_text("#doc-text")
    assert page.locator("#doc-text .m-entity").count() >= 3  # entities marked in the text
    assert_accessible(page)

    # reject one fact: the mayors' meeting of the signing (say the reviewer doubts it)
    facts = page.locator(".fact")
    meeting = facts.filter(has_text="회담")
    assert meeting.count() == 1
    meeting.locator("input[value=rejected]").check()
    page.click("#save-decisions")
    page.wait_for_load_state("load")
    assert page.locator(".fact.review-rejected").count() == 1

    # add the missed meeting: its sentence selected, Seoul found with the site's search
    select_words(page, SENTENCE)
    assert page.input_value("#add-start") != ""
    assert page.text_content("#add-evidence") == SENTENCE
    page.select_option("#add-type", "meeting")
    page.fill("#add-source-q", "서울")
    page.keyboard.press("Enter")
    page.locator("#add-source-results button").first.wait_for()
    seoul = page.locator("#add-source-results button", has_text="서울").first
    seoul.focus()
    page.keyboard.press("Enter")  # keyboard-usable: a result is a button
    assert page.input_value("#add-source").startswith("graph|")
    page.select_option("#add-target", "city/lisbon")
    page.fill("#add-date", "2024-05-14")
    page.click("#add-fact")
    page.wait_for_load_state("load")
    added = page.locator(".fact.review-added")
    assert added.count() == 1 and SENTENCE in added.inner_text()
    assert page.locator("#doc-text .m-added").count() >= 1

    page.click("#publish")
    page.wait_for_load_state("load")
    assert "/audit" in page.url
    published = time.monotonic()
    assert_accessible(page)

    # live within 5 s, without a restart
    while True:
        answer = httpx.get(f"{url}/cities/lisbon.json", timeout=10)
        if answer.status_code == 200:
            break
        assert time.monotonic() - published < 5, "Lisbon's page did not go live within 5 s"
        time.sleep(0.2)
    page.goto(f"{url}/cities/lisbon?lang=ko")
    body = page.inner_text("main")
    assert "우호" in body or "friendship" in body.lower()
    assert "회담" in body  # the meeting added
    link = page.locator("a[href*='/sources/seoul-lisbon.ko#span-']").last
    href = link.get_attribute("href")
    start = LISBON.read_text(encoding="utf-8").index(SENTENCE)
    anchors = [a.get_attribute("href") for a in
               page.locator("a[href*='/sources/seoul-lisbon.ko#span-']").all()]
    target = next(a for a in anchors if a.endswith(f"#span-{start}-{start + len(SENTENCE)}"))
    assert href is not None and target
    page.goto(url + target)
    mark = page.locator(f"mark#span-{start}-{start + len(SENTENCE)}")
    assert mark.inner_text() == SENTENCE
    watch.assert_clean()


def test_an_admin_rolls_back_and_the_pages_follow(chromium: Any,
                                                 served: tuple[str, Path]) -> None:
    url, _ = served
    page, watch = open_page(chromium)
    sign_in(page, url, "boss", "admin-password")
    page.goto(f"{url}/curation/documents/seoul-lisbon.ko/audit?lang=en")
    assert page.locator("table.audit tbody tr").count() >= 1
    # publish once more as is, then roll back to version 1
    page.goto(f"{url}/curation/documents/seoul-lisbon.ko?lang=en")
    page.focus(".fact.review-added input[value=accepted]")  # by keyboard: the radio group
    page.keyboard.press("ArrowRight")
    assert page.is_checked(".fact.review-added input[value=rejected]")
    page.focus("#save-decisions")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".fact.review-rejected").count() == 2
    page.click("#publish")
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 5
    while "회담" in httpx.get(f"{url}/cities/lisbon?lang=ko", timeout=10).text:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    page.click("button:has-text('Roll back to this version 1')")
    page.wait_for_load_state("load")
    assert "rolled back to version 1" in page.inner_text("table.audit")
    deadline = time.monotonic() + 5
    while True:
        page_ = httpx.get(f"{url}/cities/lisbon?lang=ko", timeout=10).text
        if "회담" in page_:
            break
        assert time.monotonic() < deadline, "the rollback did not go live within 5 s"
        time.sleep(0.2)
    watch.assert_clean()
