"""The query page: its example queries, its HTML, its static files."""

from __future__ import annotations

import re
import tomllib
from html import escape, unescape
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from citygraph.api.examples import EXAMPLES, EXAMPLES_BY_KEY, Example
from citygraph.api.pages.site import ui_language
from citygraph.api.pages.sparql_page import LABELS, render
from citygraph.graph.read.lookup import entity_iri
from citygraph.graph.store.base import SelectResult
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guard import inspect
from citygraph.ontology.vocab import ID, local_path

from ..conftest import ROOT

MALICIOUS = "<img src=x onerror=alert(1)>"
STATIC = Path(str(files("citygraph.api") / "static"))
TEMPLATES = Path(str(files("citygraph.api") / "templates"))
URL = re.compile(r"https?://", re.IGNORECASE)


@pytest.fixture(scope="module")
def focus(bundled_store: OxigraphStore) -> str:
    return entity_iri(bundled_store, "seoul")




@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    r = client.get("/query", headers={"accept-language": "en"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def request_for(client: TestClient, query_string: bytes = b"",
                headers: list[tuple[bytes, bytes]] | None = None) -> Request:
    """A bare request to the test app, for calling :func:`render` directly."""
    return Request({"type": "http", "app": client.app, "method": "GET", "path": "/query",
                    "query_string": query_string, "headers": headers or []})


class _Page(HTMLParser):
    """Collects the page's links, scripts, styles and the editor's text."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.textarea = ""
        self._in_textarea = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "poster", "srcset") and value is not None:
                self.urls.append(value)
        self._in_textarea = tag == "textarea"

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._in_textarea = False

    def handle_data(self, data: str) -> None:
        if self._in_textarea:
            self.textarea += data


def parse(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


def without_iris(html: str) -> str:
    """The page without the query text and the IRI namespace (data, never fetched)."""
    html = re.sub(r"<textarea\b[^>]*>.*?</textarea>", "", html, flags=re.DOTALL)
    return html.replace(f'data-local-iri="{ID}"', "")


# --- the examples --------------------------------------------------------------------------


def test_at_least_15_examples_with_both_languages() -> None:
    assert len(EXAMPLES) >= 15
    assert len(EXAMPLES_BY_KEY) == len(EXAMPLES), "keys must be unique"
    assert {"sister-cities", "forum-agreements", "forum-exhibitors"} <= set(EXAMPLES_BY_KEY)
    assert EXAMPLES[0].key == "sister-cities"  # other tests take the first one
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for ex in EXAMPLES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ex.key), ex.key
        assert ex.title_en and ex.title_ko and ex.description_en and ex.description_ko, ex.key
        assert hangul.search(ex.title_ko) and hangul.search(ex.description_ko), ex.key
        for description in (ex.description_en, ex.description_ko):
            # one sentence
            assert description.endswith("."), (ex.key, description)
            assert description.count(". ") == 0, (ex.key, description)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_every_example_runs_on_the_bundled_graph(example: Example,
                                                  bundled_store: OxigraphStore,
                                                  focus: str) -> None:
    sparql = example.sparql(focus)
    assert "{focus}" not in sparql
    assert inspect(sparql) == "select"
    result = bundled_store.query(sparql)
    assert isinstance(result, SelectResult)
    assert len(result.rows) >= 1, f"{example.key} has no rows on the bundled graph"
    # every variable the query selects is bound in some row: no column is always empty
    for var in result.variables:
        assert any(var in row for row in result.rows), f"{example.key}: ?{var} never bound"


def test_example_answers_worth_knowing(bundled_store: OxigraphStore, focus: str) -> None:
    def rows(key: str) -> list[dict[str, str]]:
        result = bundled_store.query(EXAMPLES_BY_KEY[key].sparql(focus))
        assert isinstance(result, SelectResult)
        return [{k: v.value for k, v in row.items()} for row in result.rows]

    conflicts = {(r["partner"], r["date_1"], r["date_2"]) for r in rows("date-conflicts")}
    assert ("San Francisco", "1975", "1976") in conflicts
    # a more precise date is not a disagreement
    assert not any(d2.startswith(d1) for _, d1, d2 in conflicts)
    upgrades = {(r["partner"], r["from"], r["to"]) for r in rows("upgrades")}
    assert ("Wellington", "friendship", "chinseon") in upgrades
    assert ("Tashkent", "friendship", "sister") in upgrades
    presenters = {r["person"]: r.get("of") for r in rows("forum-presenters")}
    assert presenters["Tory Whanau"] == "Wellington"
    assert presenters["Oh Se-hoon"] == "Seoul"
    met = {r["city"] for r in rows("met-without-agreement")}
    assert "Suzhou" in met and "Wellington" not in met
    zones = rows("exhibitors-by-zone")
    assert len(zones) == 27  # the same 27 as forum-exhibitors counts


def test_every_example_runs_through_the_endpoint(client: TestClient, page: str) -> None:
    links = [u for u in parse(page).urls if u.startswith("/sparql?query=")]
    assert len(links) == len(EXAMPLES)
    for link in links:
        r = client.get(link + "&format=json",
                       headers={"accept": "application/sparql-results+json"})
        assert r.status_code == 200, (link, r.text)
        assert r.json()["results"]["bindings"], parse_qs(urlsplit(link).query)["query"]


# --- the page ------------------------------------------------------------------------------


def test_page_lists_every_example_in_both_languages(page: str) -> None:
    for ex in EXAMPLES:
        for text in (ex.title_en, ex.title_ko, ex.description_en, ex.description_ko):
            assert text in unescape(page), text
        assert f'data-example="{ex.key}"' in page


def test_page_has_the_parts_of_the_query_page(page: str, focus: str) -> None:
    doc = parse(page)
    for part in ('<textarea id="editor"', '<label for="editor"', 'id="run"', 'id="output"',
                 'id="download-csv"', 'id="download-json"', 'id="share-url"', 'id="truncated"',
                 'role="alert"', 'role="status"', 'data-set-lang="ko"', 'data-set-lang="en"',
                 'href="#editor"'):
        assert part in page, part
    assert "/sparql?query=" in page  # the examples are links that work without the script
    assert 'data-autorun="false"' in page
    # with no query given, the editor holds the first example
    assert doc.textarea.strip() == EXAMPLES[0].sparql(focus).strip()
    # the focus city is named in both languages, linked to its local description
    assert "서울특별시" in page and ">Seoul<" in page
    assert f'href="{local_path(focus)}"' in page


def test_page_loads_only_its_own_files(page: str, client: TestClient) -> None:
    doc = parse(page)
    assert "/static/query.js" in doc.urls and "/static/style.css" in doc.urls
    for url in doc.urls:
        assert url.startswith(("/", "#")) and not url.startswith("//"), url
    assert not URL.search(without_iris(page))
    js = client.get("/static/query.js").text
    css = client.get("/static/style.css").text
    assert not URL.search(js) and not URL.search(css)
    assert "@import" not in css and "url(" not in css  # no fonts or images from anywhere
    # no inline script or style: the Content-Security-Policy forbids them
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", page)
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+=", page), "no inline event handlers"
    csp = client.get("/query").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp


def test_static_files_are_served(client: TestClient) -> None:
    for path, media in (("/static/query.js", "javascript"), ("/static/style.css", "text/css")):
        r = client.get(path)
        assert r.status_code == 200
        assert media in r.headers["content-type"]
        assert r.text


def test_script_never_parses_data_as_html() -> None:
    js = (STATIC / "query.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setAttribute(\"on", "srcdoc"):
        assert sink not in js, sink
    assert "textContent" in js


def test_every_label_the_page_and_script_use_exists() -> None:
    html = (TEMPLATES / "sparql.html").read_text(encoding="utf-8")
    js = (STATIC / "query.js").read_text(encoding="utf-8")
    used = set(re.findall(r'data-i18n="([a-z_]+)"', html))
    used |= set(re.findall(r'\bt\("([a-z_]+)"', js))
    used |= set(re.findall(r'\bsay\("[a-z-]+", "([a-z_]+)"', js))
    assert used - set(LABELS) == set()
    for key, words in LABELS.items():
        assert set(words) == {"en", "ko"} and all(words.values()), key


def test_a_shared_query_is_escaped_and_runs_on_opening(client: TestClient) -> None:
    r = client.get("/query", params={"query": MALICIOUS})
    assert r.status_code == 200
    assert MALICIOUS not in r.text
    assert escape(MALICIOUS, quote=False) in r.text
    assert parse(r.text).textarea.strip() == MALICIOUS  # the browser shows it as typed
    assert 'data-autorun="true"' in r.text


def test_render_escapes_every_string(client: TestClient) -> None:
    evil = Example(MALICIOUS, MALICIOUS, MALICIOUS + "ko", "SELECT * { ?s ?p ?o } # </textarea>"
                   + MALICIOUS, description_en=MALICIOUS, description_ko='"><script>x</script>')
    response = render(request_for(client), "https://example.org/city", "</textarea>" + MALICIOUS,
                      examples=[evil], focus_names={"en": MALICIOUS, "ko": "</p><b>서울</b>"})
    html = response.body.decode()
    assert "<img" not in html and "<b>" not in html and "<script>x" not in html
    assert html.count("</textarea>") == 1
    assert "&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("query_string", "accept", "expected"),
    [
        (b"", "", "en"),
        (b"", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"),
        (b"", "en-US,en;q=0.9,ko;q=0.8", "en"),
        (b"", "ja, ko;q=0.5", "ko"),
        (b"", "fr", "en"),
        (b"lang=ko", "en", "ko"),
        (b"lang=xx", "ko", "ko"),
    ],
)
def test_page_language(client: TestClient, query_string: bytes, accept: str,
                       expected: str) -> None:
    html = render(request_for(client, query_string, [(b"accept-language", accept.encode())]),
                  "https://example.org/city", None).body.decode()
    assert f'<html lang="{expected}" data-ui="{expected}">' in html
    assert f"<title data-i18n=\"page_title\">{escape(LABELS['page_title'][expected])}" in html


def test_ui_language_weights() -> None:
    assert ui_language(None, "ko;q=0.2, en;q=0.9") == "en"
    assert ui_language(None, "ko;q=bad, en;q=0.1") == "en"
    assert ui_language("en", "ko") == "en"


def test_local_path() -> None:
    assert local_path(f"{ID}agreement/gn1--gn2/sister") == "/id/agreement/gn1--gn2/sister"
    assert local_path(str(ID)) is None
    assert local_path("https://example.org/id/x") is None


def test_packaging_ships_the_pages() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    assert "citygraph.api.pages" in setuptools["packages"]
    assert setuptools["package-dir"]["citygraph.api.pages"] == "api/pages"
    data = setuptools["package-data"]["citygraph.api"]
    assert "static/*" in data and "templates/*" in data
    assert any(d.startswith("jinja2") for d in project["project"]["dependencies"])


def test_the_example_queries_as_json(client: TestClient) -> None:
    examples = client.get("/query.json").json()
    assert len(examples) == len(EXAMPLES) == 23
    assert all(e["sparql"].strip() and e["href"].startswith("/sparql?query=") for e in examples)
    assert all(e["title_en"] and e["title_ko"] for e in examples)


def test_the_copy_button_and_header_read_like_every_page(client: TestClient) -> None:
    # before: the button read "<built-in method copy of dict object at 0x...>" (t.copy is
    # the dict's own method), and the header had no site search and "English | 한국어"
    html = client.get("/query", params={"lang": "ko"}).text
    client.cookies.clear()
    assert '<button type="button" id="copy-link" data-i18n="copy">링크 복사</button>' in html
    assert "built-in method" not in html
    assert '<form class="site-search" role="search" action="/search"' in html
    assert html.index('data-set-lang="ko"') < html.index('data-set-lang="en"')


def test_korean_examples_name_things_in_korean(client: TestClient, bundled_store: OxigraphStore,
                                               focus: str) -> None:
    # before: the results of the Korean page's examples named every city in English
    example = EXAMPLES_BY_KEY["sister-cities"]
    english = bundled_store.query(example.sparql(focus))
    korean = bundled_store.query(example.sparql(focus, "ko"))
    assert isinstance(english, SelectResult) and isinstance(korean, SelectResult)
    assert len(korean.rows) == len(english.rows)
    names = {r["name"].value for r in korean.rows}
    assert "웰링턴" in names and "Wellington" not in names
    html = client.get("/query", params={"lang": "ko"}).text
    client.cookies.clear()
    link = re.search(r'<a class="example" href="([^"]+)" data-example="sister-cities">', html)
    assert link and '= "ko")' in parse_qs(urlsplit(unescape(link.group(1))).query)["query"][0]
