"""The curation pages' guards, in-process: roles, CSRF tokens, login limits, cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from citygraph.api.accounts import Accounts
from citygraph.api.app import create_app
from citygraph.api.drafts import Drafts
from citygraph.api.routes.curation import segments
from citygraph.api.settings import Settings
from citygraph.graph.home import curation_db
from citygraph.graph.write.build import build
from citygraph.ingest.extraction import (
    DocumentInfo,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Labels,
    Relation,
    RelationType,
    Span,
)

from ..conftest import TEST_DATA

TINY = TEST_DATA / "tiny"
TEXT = "서울과 리스본이 우호도시 협약을 맺었다. 두 시장은 다음 날 다시 만났다."


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = tmp_path_factory.mktemp("curation") / "home"
    build(TINY, made)
    accounts = Accounts(curation_db(made))
    accounts.add_user("kim", "editor", "editor-password")
    accounts.add_user("vic", "viewer", "viewer-password")
    accounts.add_user("boss", "admin", "admin-password")
    accounts.close()
    x = Extraction(DocumentInfo("note", "note.txt", "ab", "ko"), (
        Entity("city/seoul", EntityType.CITY, Labels("Seoul", "서울"), mentions=(Span(0, 2),)),
        Entity("city/lisbon", EntityType.CITY, Labels("Lisbon", "리스본"),
               mentions=(Span(4, 7),))),
        (Relation(RelationType.AGREEMENT, "city/seoul", "city/lisbon", {"kind": "friendship"},
                  (Evidence(9, 17, "test", 0.9),)),))
    drafts = Drafts(curation_db(made))
    drafts.create("note", "note.txt", "", who="kim")
    drafts.save("note", x, who="kim", text=TEXT)
    drafts.close()
    return made


def client_of(home: Path, *, url: str = "http://testserver",
              **settings: object) -> Iterator[TestClient]:
    app = create_app(Settings.from_env({}, home=home, sources=TINY, **settings))
    with TestClient(app, base_url=url, follow_redirects=False) as c:
        yield c


@pytest.fixture
def client(home: Path) -> Iterator[TestClient]:
    yield from client_of(home)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str) -> int:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf": token}).status_code


def test_the_curation_pages_need_an_editor(client: TestClient) -> None:
    page = client.get("/curation", headers={"accept": "text/html"})
    assert page.status_code == 401  # a browser is told to sign in, with the way there
    assert "for signed-in staff" in page.text and 'href="/login"' in page.text
    assert "could not answer" not in page.text
    assert client.get("/curation/documents/note").status_code == 401
    assert sign_in(client, "vic", "viewer-password") == 303
    for path in ("/curation", "/curation/documents/note", "/curation/documents/note/audit"):
        answer = client.get(path, headers={"accept": "application/json"})
        assert answer.status_code == 403, path
        assert answer.json()["error"] == "forbidden"
    page = client.get("/curation", headers={"accept": "text/html"})
    assert page.status_code == 403 and "may not use this page" in page.text
    assert client.get("/cities/seoul").status_code == 200  # reading stays public


def test_an_editor_reviews_but_only_an_admin_rolls_back(client: TestClient) -> None:
    assert sign_in(client, "kim", "editor-password") == 303
    page = client.get("/curation/documents/note?lang=en")
    assert page.status_code == 200
    assert '<span data-o="4" class="m-entity ">리스본</span>' in page.text
    answer = client.post("/curation/documents/note/rollback",
                         data={"csrf": csrf_of(page.text), "version": "1"})
    assert answer.status_code == 403


def test_a_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    assert sign_in(client, "kim", "editor-password") == 303
    page = client.get("/curation/documents/note")
    token = csrf_of(page.text)
    revision = re.search(r'name="revision" value="(\d+)"', page.text)
    assert revision is not None
    for sent in ({}, {"csrf": "forged"}, {"csrf": token[:-1]}):
        answer = client.post("/curation/documents/note/decisions",
                             data={**sent, "revision": revision.group(1),
                                   "decision-0": "rejected"},
                             headers={"accept": "application/json"})
        assert answer.status_code == 403 and answer.json()["error"] == "bad_csrf"
    assert "review-rejected" not in client.get("/curation/documents/note").text
    done = client.post("/curation/documents/note/decisions",
                       data={"csrf": token, "revision": revision.group(1),
                             "decision-0": "rejected"})
    assert done.status_code == 303
    assert "review-rejected" in client.get("/curation/documents/note").text
    # the sign-in form has its own token, bound to the visitor's cookie
    client.cookies.clear()
    assert client.post("/login", data={"name": "kim", "password": "editor-password"},
                       headers={"accept": "application/json"}).status_code == 403


def test_the_sixth_wrong_password_in_a_minute_is_refused(client: TestClient) -> None:
    for _ in range(5):
        assert sign_in(client, "boss", "wrong-password") == 401
    assert sign_in(client, "boss", "admin-password") == 429  # even the right one, for now
    assert sign_in(client, "kim", "editor-password") == 303  # another name is not held up


def test_the_session_cookie_is_http_only_and_same_site(home: Path) -> None:
    for url, secure in (("http://testserver", False), ("https://testserver", True)):
        for client in client_of(home, url=url):
            token = csrf_of(client.get("/login").text)
            answer = client.post("/login", data={"name": "kim", "password": "editor-password",
                                                 "csrf": token})
            cookie = answer.headers["set-cookie"]
            assert cookie.startswith("citygraph_session=")
            assert "HttpOnly" in cookie and "SameSite=strict" in cookie
            assert ("Secure" in cookie) is secure


def test_segments_mark_entities_and_evidence() -> None:
    x = Extraction(DocumentInfo("d", "", "", "ko"), (
        Entity("city/a", EntityType.CITY, Labels("A"), mentions=(Span(0, 2),)),
        Entity("city/b", EntityType.CITY, Labels("B"), mentions=(Span(4, 7),))),
        (Relation(RelationType.MEETING, "city/a", "city/b", {},
                  (Evidence(24, 41, "review.added", 1.0),), "added"),
         Relation(RelationType.AGREEMENT, "city/a", "city/b", {},
                  (Evidence(9, 17, "t", 0.9),), "rejected")))
    found = segments(TEXT, x)
    assert "".join(s.text for s in found) == TEXT
    assert [s.text for s in found if s.entity] == ["서울", "리스본"]
    assert [s.text for s in found if s.added] == [TEXT[24:41]]
    assert not any(s.relation for s in found if s.start == 9)  # a rejected fact is not marked


def test_merge_two_entities_then_split_a_mention_off(home: Path, client: TestClient) -> None:
    text = "오세훈 시장은 ... 오 시장은 ... 오세훈 시장은"
    x = Extraction(DocumentInfo("people", "people.txt", "cd", "ko"), (
        Entity("person/a", EntityType.PERSON, Labels(ko="오세훈"),
               mentions=(Span(0, 3), Span(24, 27))),
        Entity("person/b", EntityType.PERSON, Labels(ko="오 시장"), mentions=(Span(12, 16),)),
        Entity("city/seoul", EntityType.CITY, Labels("Seoul", "서울"))),
        (Relation(RelationType.OFFICE, "person/b", "city/seoul", {"role": "mayor"},
                  (Evidence(12, 16, "t", 0.9),)),))
    drafts = Drafts(curation_db(home))
    drafts.create("people", "people.txt", "", who="kim")
    revision = drafts.save("people", x, who="kim", text=text).revision
    assert sign_in(client, "kim", "editor-password") == 303
    token = csrf_of(client.get("/curation/documents/people").text)
    done = client.post("/curation/documents/people/merge", data={
        "csrf": token, "revision": str(revision), "keep": "person/a", "drop": "person/b"})
    assert done.status_code == 303
    merged = drafts.get("people").extraction
    assert merged is not None
    person = merged.entity("person/a")
    assert [e.id for e in merged.entities] == ["person/a", "city/seoul"]
    assert person.aliases == ("오 시장",) and len(person.mentions) == 3
    assert merged.relations[0].source == "person/a"
    stale = client.post("/curation/documents/people/split", data={
        "csrf": token, "revision": str(revision), "mention": "person/a@12"})
    assert stale.status_code == 409  # made on the revision before the merge
    done = client.post("/curation/documents/people/split", data={
        "csrf": token, "revision": str(revision + 1), "mention": "person/a@12"})
    assert done.status_code == 303
    split = drafts.get("people").extraction
    assert split is not None
    assert [e.id for e in split.entities] == ["person/a", "city/seoul", "person/오-시장-12"]
    assert split.relations[0].source == "person/오-시장-12"  # its evidence holds the mention
    drafts.close()


def test_an_operator_can_make_reading_private(home: Path) -> None:
    for client in client_of(home, private=True):
        assert client.get("/cities/seoul.json").status_code == 401
        assert client.get("/api/cities").status_code == 401
        page = client.get("/cities/seoul", headers={"accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/cities/seoul"
        assert client.get("/health").status_code == 200
        assert client.get("/static/curation.css").status_code == 200
        assert sign_in(client, "vic", "viewer-password") == 303  # a viewer may read
        assert client.get("/cities/seoul.json").status_code == 200
        assert client.get("/curation").status_code == 403  # but not curate


def wait_extracted(client: TestClient, doc: str) -> dict[str, str]:
    import time

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        progress = client.get(f"/curation/documents/{doc}/progress.json").json()
        if progress["state"] != "extracting":
            return progress
        time.sleep(0.3)
    raise AssertionError(f"{doc} was not extracted within 90 s")


def test_uploads_are_read_as_ingest_reads_them(client: TestClient) -> None:
    assert sign_in(client, "kim", "editor-password") == 303
    token = csrf_of(client.get("/curation").text)
    release = ("서울시, 리스본과 우호도시 협약\n\n오세훈 서울시장은 5월 13일 리스본에서 카를루스 "
               "모에다스 리스본 시장과 우호도시 협약을 체결했다.\n")
    sent = client.post("/curation/documents", data={"csrf": token},
                       files={"file": ("lisbon-cp949.txt", release.encode("cp949"),
                                       "text/plain")})
    assert sent.status_code == 303 and sent.headers["location"].endswith("/lisbon-cp949")
    assert wait_extracted(client, "lisbon-cp949")["state"] == "ready"
    page = client.get("/curation/documents/lisbon-cp949?lang=en").text
    assert "카를루스 모에다스" in page and "agreement" in page
    pasted = client.post("/curation/documents", data={"csrf": token, "name": "pasted-note",
                                                      "text": release})
    assert pasted.status_code == 303
    assert wait_extracted(client, "pasted-note")["state"] == "ready"
    again = client.post("/curation/documents", data={"csrf": token, "name": "pasted-note",
                                                     "text": release},
                        headers={"accept": "application/json"})
    assert again.status_code == 409  # one id, one draft
    broken = client.post("/curation/documents", data={"csrf": token},
                         files={"file": ("broken.txt", b"\x00\x01\x02" * 50, "text/plain")})
    assert broken.status_code == 303
    failed = wait_extracted(client, "broken")
    assert failed["state"] == "failed" and "broken.txt" in failed["error"]
    queue = client.get("/curation?lang=en").text
    assert "failed" in queue and "new" in queue


def test_the_text_and_the_facts_are_escaped(home: Path, client: TestClient) -> None:
    text = 'Seoul <script>alert("x")</script> & Lisbon'
    x = Extraction(DocumentInfo("markup", "markup.txt", "ef", "en"), (
        Entity("city/seoul", EntityType.CITY, Labels("<b>Seoul</b>"), mentions=(Span(0, 5),)),
        Entity("city/lisbon", EntityType.CITY, Labels("Lisbon"), mentions=(Span(37, 43),))),
        (Relation(RelationType.MEETING, "city/seoul", "city/lisbon", {"date": "<i>2024</i>"},
                  (Evidence(0, 43, "t", 0.9),)),))
    drafts = Drafts(curation_db(home))
    drafts.create("markup", "markup.txt", "", who="kim")
    drafts.save("markup", x, who="kim", text=text)
    drafts.close()
    assert sign_in(client, "kim", "editor-password") == 303
    page = client.get("/curation/documents/markup").text
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Seoul</b>" not in page and "&lt;b&gt;Seoul&lt;/b&gt;" in page
    assert "<i>2024</i>" not in page
