"""The SPARQL query page: an editor, the example queries and a results table.

The page is server-rendered HTML (``templates/sparql.html``, autoescaped) that
loads only ``/static/query.js`` and ``/static/style.css``: no inline script
or style, nothing from other hosts, so it works offline and under a strict
Content-Security-Policy.  The script runs queries against ``/sparql`` with
``fetch`` and builds the results with DOM calls (``textContent``), so no label
or literal from the graph is ever parsed as HTML.

Call :func:`render` from a route that answers ``text/html``::

    @router.get("/sparql")
    async def page(request: Request, focus: FocusDep, query: str | None = None):
        return render(request, focus, query)

Examples
--------
>>> sorted(LABELS["run"])
['en', 'ko']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from citygraph.api.examples import EXAMPLES, Example
from citygraph.api.pages.nav import NAV
from citygraph.api.pages.site import LANGUAGES, language, templates
from citygraph.graph.store.base import SelectResult, Store, Term
from citygraph.ontology.vocab import ID, local_path

__all__ = ["LABELS", "SECURITY_HEADERS", "example_link", "load_focus_names", "render"]
ENDPOINT = "/sparql"

# The page's own words.  ``{n}``-style fields are filled in by query.js.
LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    key: MappingProxyType({"en": en, "ko": ko})
    for key, en, ko in (
        ("page_title", "citygraph: SPARQL query", "citygraph: SPARQL 질의"),
        ("heading", "SPARQL query", "SPARQL 질의"),
        ("skip", "Skip to the query editor", "질의 편집기로 건너뛰기"),
        ("language", "Language of the page", "화면 언어"),
        ("intro", "Ask the graph of city partnerships in SPARQL 1.1. The examples are "
         "written for the focus city; choose one, change it, and run it.",
         "도시 교류 그래프에 SPARQL 1.1로 질의합니다. 예시 질의는 기준 도시에 맞춰져 "
         "있습니다. 하나를 골라 고치고 실행해 보세요."),
        ("focus", "Focus city:", "기준 도시:"),
        ("editor_label", "Query", "질의"),
        ("editor_help", "Ctrl+Enter (⌘+Enter on a Mac) runs the query.",
         "Ctrl+Enter(Mac은 ⌘+Enter)로 실행합니다."),
        ("position", "Line {line}, column {column}", "{line}행 {column}열"),
        ("run", "Run", "실행"),
        ("running", "Running…", "실행 중…"),
        ("examples", "Example queries", "예시 질의"),
        ("examples_hint", "Choosing one puts it in the editor and runs it.",
         "하나를 고르면 편집기에 넣고 실행합니다."),
        ("results", "Results", "결과"),
        ("results_empty", "Run a query to see its results here.",
         "질의를 실행하면 결과가 여기에 나옵니다."),
        ("rows", "{n} rows in {seconds} s", "{n}행, {seconds}초"),
        ("triples", "{n} triples in {seconds} s", "트리플 {n}개, {seconds}초"),
        ("no_rows", "No rows: nothing in the graph matches the query.",
         "결과가 없습니다: 질의에 맞는 내용이 그래프에 없습니다."),
        ("ask_true", "Yes: the pattern is in the graph (true).",
         "예: 그래프에 있습니다 (true)."),
        ("ask_false", "No: the pattern is not in the graph (false).",
         "아니요: 그래프에 없습니다 (false)."),
        ("truncated", "Only the first rows are shown: the result reached the endpoint's "
         "row limit. Narrow the query (LIMIT, FILTER) to see the rest.",
         "결과가 행 수 한도에 걸려 앞부분만 보여 줍니다. 나머지를 보려면 질의를 "
         "좁혀 주세요 (LIMIT, FILTER)."),
        ("drawn", "The table shows the first {shown} of {n} rows; the downloads have them all.",
         "표에는 {n}행 중 앞의 {shown}행만 보여 줍니다. 내려받으면 모두 있습니다."),
        ("error", "The query failed", "질의가 실패했습니다"),
        ("network_error", "The server could not be reached.", "서버에 연결할 수 없습니다."),
        ("empty_query", "Write a query first.", "먼저 질의를 입력하세요."),
        ("go_to_error", "Show the place in the editor", "편집기에서 위치 보기"),
        ("downloads", "Download the results:", "결과 내려받기:"),
        ("download_csv", "CSV", "CSV"),
        ("download_json", "JSON", "JSON"),
        ("download_ntriples", "N-Triples", "N-Triples"),
        ("share", "Link to this query", "이 질의의 링크"),
        ("copy", "Copy link", "링크 복사"),
        ("copied", "Link copied.", "링크를 복사했습니다."),
        ("copy_failed", "Select the link and copy it.", "링크를 선택해 복사하세요."),
        ("loaded", "Loaded: {title}", "불러옴: {title}"),
        ("endpoint", "Endpoint for programs:", "프로그램용 엔드포인트:"),
        ("endpoint_help", "GET ?query= or POST; JSON, or CSV with &format=csv.",
         "GET ?query= 또는 POST; JSON, 또는 &format=csv로 CSV."),
        ("home", "Home", "처음으로"),
    )
})

SECURITY_HEADERS: Mapping[str, str] = MappingProxyType({
    # only our own files: no inline script or style, no other hosts
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # the page URL holds the query: do not send it to the sites that results link to
    "Referrer-Policy": "same-origin",
})


FOCUS_NAMES = (
    "SELECT ?focus ?name WHERE { ?focus <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
)


def load_focus_names(store: Store, focus: str) -> dict[str, str]:
    """The focus city's names by language, e.g. ``{"en": "Seoul", "ko": "서울특별시"}``.

    This queries the store and blocks: call it from a thread
    (``run_in_threadpool``), then pass the names to :func:`render`.
    """
    result = store.query(FOCUS_NAMES, bindings={"focus": Term("uri", focus)})
    names: dict[str, str] = {}
    if isinstance(result, SelectResult):
        for row in result.rows:
            name = row.get("name")
            if name is not None and name.lang in LANGUAGES:
                names.setdefault(name.lang, name.value)
    return names


def example_link(example: Example, focus: str, lang: str = "en") -> str:
    """The URL that opens the page with this example in the editor (and runs it).

    In Korean the example names things in Korean where it can (:meth:`Example.sparql`).

    >>> from citygraph.api.examples import EXAMPLES_BY_KEY
    >>> example_link(EXAMPLES_BY_KEY["upgrades"], "https://example.org/c")[:15]
    '/sparql?query=P'
    """
    return f"{ENDPOINT}?{urlencode({'query': example.sparql(focus, lang)})}"


def render(request: Request, focus: str, query: str | None, *,
           examples: Sequence[Example] = EXAMPLES,
           focus_names: Mapping[str, str] | None = None) -> HTMLResponse:
    """Render the query page.

    Parameters
    ----------
    request
        The request: its ``?lang=`` and ``Accept-Language`` pick the language
        the page opens in.
    focus
        The focus city's IRI, written into the example queries.
    query
        A query to put in the editor and run as soon as the page opens (from
        a shared ``?query=`` link); ``None`` or empty puts the first example
        in the editor and waits.
    examples
        The example queries listed beside the editor.
    focus_names
        The focus city's names by language (see :func:`load_focus_names`), shown
        at the top of the page; left out when not given.

    Returns
    -------
    HTMLResponse
        The page, with a Content-Security-Policy that allows only this
        server's scripts, styles and ``fetch`` calls.
    """
    lang = language(request)
    given = query if query and query.strip() else None
    listed = [
        {
            "key": ex.key,
            "title_en": ex.title_en,
            "title_ko": ex.title_ko,
            "description_en": ex.description_en,
            "description_ko": ex.description_ko,
            "href": example_link(ex, focus, lang),
        }
        for ex in examples
    ]
    text = given if given is not None else (examples[0].sparql(focus, lang) if examples else "")
    html = templates(request).get_template("sparql.html").render(
        lang=lang,
        t={key: words[lang] for key, words in LABELS.items()},
        labels={key: dict(words) for key, words in LABELS.items()},
        examples=listed,
        query=text,
        autorun=given is not None,
        endpoint=ENDPOINT,
        focus=focus,
        focus_path=local_path(focus),
        focus_names=dict(focus_names or {}),
        local_iri=str(ID),
        nav=NAV,
    )
    return HTMLResponse(html, headers=dict(SECURITY_HEADERS))
