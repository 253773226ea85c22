"""``/sources`` and ``/sources/{id}``: marked evidence spans, and the rows citing a source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from citygraph.api.app import create_app
from citygraph.api.pages import source_page as sp
from citygraph.api.pages.site import row_anchor
from citygraph.api.settings import Settings, bundled_sources
from citygraph.graph.write.build import build
from citygraph.graph.write.documents import write
from citygraph.ingest.documents import keep
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import read

#: Our own short press release (not one of the shared sources).
RELEASE = """\
SEOUL METROPOLITAN GOVERNMENT
For immediate release: 4 November 2024

Seoul and Lisbon Sign Friendship City Agreement

Seoul Mayor Han Dong-min and Lisbon Mayor Carlos Moedas signed a friendship city \
agreement at Seoul City Hall on November 4 (Mon).

The two cities will share work on riverside parks, tram heritage & tile <museums>.
"""
DOC = "seoul-lisbon.en"

#: The same release as Markdown, as press releases often come.
MARKDOWN = """\
## SEOUL METROPOLITAN GOVERNMENT

For immediate release: 4 November 2024

### Seoul and Lisbon Sign Friendship City Agreement

- **Seoul** Mayor Han Dong-min and Lisbon Mayor Carlos Moedas signed a friendship city \
agreement at Seoul City Hall on November 4 (Mon).
- The two cities will share work on riverside parks \\* tram heritage.
"""
MD_DOC = "seoul-lisbon-md.en"


class Marks(HTMLParser):
    """Checks that marks nest properly; collects the text, ids and hrefs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text = ""
        self.ids: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data


def parsed(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    p.close()
    assert not p.stack, p.stack
    return p


# -- the pure functions ----------------------------------------------------------------------


def test_segments_cut_at_every_boundary() -> None:
    segs = sp.segments(12, [(2, 8), (4, 6), (6, 12), (4, 6)])
    assert [(s.start, s.end) for s in segs] == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 12)]
    assert [s.spans for s in segs] == [(), ((2, 8),), ((2, 8), (4, 6)), ((2, 8), (6, 12)),
                                       ((6, 12),)]
    # spans beyond the text are clipped, empty ones cover nothing
    assert [(s.start, s.end, s.spans) for s in sp.segments(5, [(3, 9), (1, 1)])] == [
        (0, 3, ()), (3, 5, ((3, 5),))]


@pytest.mark.parametrize("spans", [
    [(0, 5), (8, 14)],                      # apart
    [(0, 14), (0, 5), (2, 3)],              # nested, same start
    [(0, 6), (3, 10), (5, 14)],             # a chain of overlaps
    [(2, 9), (2, 9), (9, 9), (0, 0), (14, 14)],  # duplicates and empty spans
    [(1, 13), (3, 11), (5, 9), (4, 12)],    # nested and crossing
])
def test_highlight_is_valid_html_that_keeps_the_text(spans: list[tuple[int, int]]) -> None:
    text = "Seoul <&> Lisb"
    html = str(sp.highlight(text, spans))
    p = parsed(html)
    assert p.text == text  # escaped, nothing lost or doubled
    assert "<&>" not in html
    # one mark with the id of every span, and ids are unique
    assert sorted(p.ids) == sorted({sp.anchor(s) for s in spans})
    for s, e in set(spans):
        if s < e:  # the id's mark starts where the span starts
            start = html.rindex("<", 0, html.index(f'id="{sp.anchor((s, e))}">'))
            before = re.sub(r"<[^>]+>", "", html[:start])
            assert len(unescape(before)) == s


def test_a_crossing_span_is_reopened_without_its_id() -> None:
    html = str(sp.highlight("abcdefghij", [(0, 6), (3, 10)]))
    assert html == ('<mark class="evidence" id="span-0-6">abc<mark class="evidence" '
                    'id="span-3-10">def</mark></mark><mark class="evidence cont" '
                    'data-span="3-10">ghij</mark>')


def test_markdown_reads_as_text_structure_with_its_spans_kept() -> None:
    # before: the page showed the raw marks (##, **, \\*)
    text = "## Title\n- an **item** \\* with *Seoul*\n"
    blocks, hidden = sp.markdown_structure(text)
    spans = [(14, 18), (28, 35)]  # "item", "*Seoul*" (its marks are hidden, its words kept)
    html = str(sp.highlight(text, spans, blocks=blocks, hidden=hidden))
    p = parsed(html)
    assert p.text == "Title\nan item * with Seoul\n"
    assert '<span class="md md-h2">' in html and '<span class="md md-li">' in html
    assert sorted(p.ids) == [sp.anchor(s) for s in spans]


# -- the pages -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    home = tmp_path_factory.mktemp("source-home")
    path = tmp_path_factory.mktemp("docs") / f"{DOC}.txt"
    path.write_text(RELEASE, encoding="utf-8")
    source = read(path)
    found = keep(extract(source, focus="seoul"), 0.6)
    md_path = path.parent / f"{MD_DOC}.md"
    md_path.write_text(MARKDOWN, encoding="utf-8")
    md_source = read(md_path)
    md_found = keep(extract(md_source, focus="seoul"), 0.6)
    build(bundled_sources(), home, documents=[found, md_found])
    write(home, [(found, source.raw), (md_found, md_source.raw)])
    with TestClient(create_app(Settings.from_env({"CITYGRAPH_HOME": str(home)}))) as c:
        yield c


def test_an_ingested_document_shows_its_text_with_every_span_marked(client: TestClient) -> None:
    r = client.get(f"/sources/{DOC}", params={"lang": "en"})
    assert r.status_code == 200
    html = r.text
    data = client.get(f"/sources/{DOC}.json").json()
    assert data["ingested"] and data["text_available"]
    spans = {(e["start"], e["end"]) for f in data["facts"] for e in f["evidence"]
             if e["quote"] is not None}
    assert len(spans) >= 5
    assert (148, 174) in spans and (148, 199) in spans  # nested: an office in the agreement
    pre = re.search(r'<pre class="document-text" lang="en">(.*?)</pre>', html, re.DOTALL)
    assert pre
    text = parsed(pre.group(1))
    assert text.text == RELEASE
    assert "&amp; tile &lt;museums&gt;" in pre.group(1)
    assert sorted(text.ids) == sorted(sp.anchor(s) for s in spans)
    # every fact links to its span(s), and every link has its target
    links = set(re.findall(r'href="#(span-\d+-\d+)"', html))
    assert links == {sp.anchor(s) for s in spans}
    for f in data["facts"]:
        for e in f["evidence"]:
            quote = RELEASE[e["start"]:e["end"]]
            assert e["quote"] == quote
    assert "Lisbon – Seoul · friendship city" in unescape(html)
    assert 'href="/cities/lisbon"' in html


def test_a_markdown_document_shows_structure_not_marks(client: TestClient) -> None:
    html = client.get(f"/sources/{MD_DOC}", params={"lang": "en"}).text
    text = html[html.index('<pre class="document-text"'):html.index("</pre>")]
    shown = unescape(re.sub(r"<[^>]+>", "", text))
    assert "##" not in shown and "**" not in shown and "\\*" not in shown
    assert "Seoul and Lisbon Sign Friendship City Agreement" in shown
    assert '<span class="md md-h3">' in text and '<span class="md md-li">' in text
    assert 'class="evidence" id="span-' in text
    parsed(text + "</pre>")


def test_a_curated_source_lists_the_rows_citing_it(client: TestClient) -> None:
    # the 2023 forum's press release: agreements.csv and events.csv both cite it on line 2
    r = client.get("/sources/wcsmf-2023-seoul.ko", params={"lang": "ko"})
    assert r.status_code == 200
    html = r.text
    p = parsed(html[html.index("<main"):html.index("</main>") + 7])
    assert len(p.ids) == len(set(p.ids)), "ids are unique"
    # the same line of two files: each row has its own anchor
    agreement = '<li id="row-wcsmf-2023-seoul-agreements-csv-2">'
    assert agreement in html and '<li id="row-wcsmf-2023-seoul-events-csv-2">' in html
    row2 = html[html.index(agreement):]
    row2 = row2[:row2.index("</details>")]
    assert "웰링턴" in row2 and "친선도시" in row2
    assert "본문: 양자회담 및 결연" in row2  # the locator: where in the source
    # the data file and line are behind the row's disclosure
    shown, hidden = row2.split("<details", 1)
    assert "agreements.csv" not in shown and "wcsmf-2023-seoul/agreements.csv" in hidden
    assert "events.csv" not in row2
    assert "<pre" not in html
    data = client.get("/sources/wcsmf-2023-seoul.ko.json").json()
    assert data["rows"] and not data["ingested"]
    for row in data["rows"]:
        assert f'<li id="{row_anchor(row["file"], row["line"])}">' in html
    # the count of facts is the length of the list under it
    assert f"<dd>{len(data['facts'])}</dd>" in html
    assert f"({len(data['facts'])})</h2>" in html


def test_a_web_source_links_out_and_back(client: TestClient) -> None:
    listed = client.get("/sources.json").json()
    web = next(s for s in listed["items"] if s["id"] == "url-5ccfb24ac2c9")  # sfseoul.com
    html = client.get(f"/sources/{web['id']}", params={"lang": "en"}).text
    assert f'<a href="{web["url"]}" rel="noopener noreferrer"' in html
    assert '<li id="row-partners-agreements-csv-5">' in html
    assert "San Francisco–Seoul Sister City Committee" in html and "organiser" in html
    assert 'href="/cities/san-francisco"' in html


def test_the_list_of_sources(client: TestClient) -> None:
    html = client.get("/sources", params={"lang": "en"}).text
    data = client.get("/sources.json").json()
    assert data["total"] == len(data["items"]) > 50
    for s in data["items"]:
        assert f'href="/sources/{s["id"]}"' in html
    found = client.get("/sources.json", params={"q": "lisbon"}).json()
    assert sorted(s["id"] for s in found["items"]) == [MD_DOC, DOC]


def test_sources_are_named_and_weak_ones_counted(client: TestClient) -> None:
    # before: 75 of 84 had no title, the list began with "GitHub code search hit: ..."
    data = client.get("/sources.json").json()
    curated = [s for s in data["items"] if not s["ingested"]]
    assert all(s["publisher"] and s["kind"] for s in curated)
    html = client.get("/sources", params={"lang": "ko"}).text
    rows = re.findall(r'<th scope="row"><a href="/sources/([^"]+)">', html)
    kinds = {s["id"]: s["kind"]["code"] for s in curated}
    first = [kinds.get(r) for r in rows[:3]]
    assert "code" not in first and "web_page" not in first
    weak = [s for s in curated if s["weak"]]
    assert {s["kind"]["code"] for s in weak} == {"code", "web_page"}
    assert "GitHub code search hit" not in html.split('<table class="data sources', 1)[1].split(
        "</tr>", 3)[2]
    assert html.count('<span class="tag tag-weak">약한 출처</span>') == len(weak)
    count = int(re.search(r'<strong id="weak-count">(\d+)</strong>', html).group(1))  # type: ignore[union-attr]
    assert count == len(re.findall(r'<li><span class="fact-type">', html.split(
        'class="weak-facts"', 1)[1].split("</ul>", 1)[0])) > 0


@pytest.mark.parametrize("id_", ["nope", "seoul-lisbon", "url-000000000000"])
def test_unknown_sources_are_404(client: TestClient, id_: str) -> None:
    r = client.get(f"/sources/{id_}")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    j = client.get(f"/sources/{id_}.json")
    assert j.status_code == 404 and j.json()["error"] == "not_found"
