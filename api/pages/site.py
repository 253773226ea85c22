"""The staff pages' shared machinery: language, templates, HTML or JSON, errors.

Every page is a route that gathers its data (frozen dataclasses of
:mod:`citygraph.graph.read`, or a page's own) and calls :func:`respond`,
which answers the same data as JSON when the URL ends in ``.json`` or the
client asks for ``application/json``, and otherwise renders the page's
template (Jinja2, autoescaped, our own CSS, no script from other hosts)
inside ``base.html``: navigation, search box, language switch.

Language: ``?lang=ko|en`` (kept in a cookie), else the cookie, else
``Accept-Language``, else English.  Templates write their own words with
``tr("English", "한국어")`` and names with ``name(x)``, which picks the Korean
or English name of anything that has ``name_ko``/``name_en`` (or
``label_ko``/``label_en``), falling back to the other.

Examples
--------
>>> strip_json("wellington.json"), strip_json("wcsmf-2023-seoul.ko")
(('wellington', True), ('wcsmf-2023-seoul.ko', False))
>>> pick_name({"name_en": "Seoul", "name_ko": "서울"}, "ko")
'서울'
>>> pick_name({"name_en": "Kyiv", "name_ko": None}, "ko")
'Kyiv'
>>> ui_language(None, "ko-KR,ko;q=0.9,en-US;q=0.8"), ui_language(None, "fr-FR, en;q=0.5")
('ko', 'en')
>>> ui_language("ko", "en")
'ko'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from citygraph.api.negotiation import wants_json
from citygraph.api.pages.nav import NAV
from citygraph.api.pages.timeline_chart import svg_number
from citygraph.graph import read
from citygraph.graph.store.guarded import OwnQueries, graph_version
from citygraph.ingest.errors import CitygraphError
from citygraph.ontology.vocab import ID, local_path

__all__ = ["LANGUAGES", "LANG_COOKIE", "NAV", "PAGE_HEADERS", "ErrorShown", "city_href",
           "class_namer", "environment", "error_page", "is_web", "language", "pick_name", "render",
           "respond", "row_anchor", "source_href", "source_items", "source_label",
           "source_namer", "strip_json", "templates", "ui_language"]

LANGUAGES = ("en", "ko")

LANG_COOKIE = "citygraph_lang"

PAGE_HEADERS: Mapping[str, str] = {
    # our own script, style and images only; the visual is framed from this server
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def strip_json(id_: str) -> tuple[str, bool]:
    """Split a trailing ``.json`` off a path parameter: ``(id, asked_for_json)``."""
    return (id_[:-5], True) if id_.endswith(".json") else (id_, False)


def ui_language(asked: str | None, accept_language: str) -> str:
    """Choose the page's language: ``?lang=``, else the browser's preference, else English.

    The visitor's own choice, kept in the browser's ``localStorage``, wins
    over both once the script runs.
    """
    if asked in LANGUAGES:
        return asked
    best, best_q = "en", 0.0
    for i, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        q -= i * 1e-6  # equal weights: the first listed wins
        if q > best_q:
            best, best_q = primary, q
    return best


def language(request: Request) -> str:
    """The page's language: ``?lang=``, the cookie, ``Accept-Language``, English."""
    asked = request.query_params.get("lang")
    if asked not in LANGUAGES:
        asked = request.cookies.get(LANG_COOKIE)
    return ui_language(asked, request.headers.get("accept-language", ""))


def pick_name(item: Any, lang: str) -> str:
    """The name of ``item`` (object or mapping) in ``lang``, else in the other language."""
    def get(field: str) -> str | None:
        value = item.get(field) if isinstance(item, Mapping) else getattr(item, field, None)
        return value if isinstance(value, str) and value else None

    other = "en" if lang == "ko" else "ko"
    for field in (f"name_{lang}", f"label_{lang}", f"name_{other}", f"label_{other}", "label",
                  "name", "id", "code"):
        value = get(field)
        if value:
            return value
    return ""


def is_web(url: object) -> bool:
    """Whether a link may go to ``url``: only http(s) addresses (no ``javascript:``, ``data:``).

    >>> is_web("https://www.wikidata.org/entity/Q64"), is_web("javascript:alert(1)")
    (True, False)
    """
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def city_href(ref: Any) -> str:
    """The staff page of a city or region (anything with an ``id``)."""
    return f"/cities/{getattr(ref, 'id', ref)}"


def row_anchor(file: str | None, line: int) -> str:
    """The anchor of one curated data row on a source's page: its file and line.

    >>> row_anchor("partners/agreements.csv", 31)
    'row-partners-agreements-csv-31'
    """
    slug = re.sub(r"[^0-9a-z]+", "-", (file or "").lower()).strip("-")
    return f"row-{slug}-{line}" if slug else f"row-{line}"


def source_href(evidence: Any) -> str:
    """The source view of one statement: the document, scrolled to the statement.

    An ingested document's span is anchored ``#span-START-END``; a curated
    row by its file and line (:func:`row_anchor`), since one source is often
    cited on the same line of several files.
    """
    base = f"/sources/{evidence.source_id}"
    if getattr(evidence, "start", None) is not None:
        return f"{base}#span-{evidence.start}-{evidence.end}"
    if getattr(evidence, "line", None) is not None:
        return f"{base}#{row_anchor(getattr(evidence, 'file', None), evidence.line)}"
    return base


def source_label(iri: str) -> str:
    """A short name for a source: a citygraph document's key, else the web site's host.

    >>> source_label("https://www.sfseoul.com/about")
    'sfseoul.com'
    >>> source_label("https://w3id.org/citygraph/id/source/wcsmf-2023-seoul.ko")
    'wcsmf-2023-seoul.ko'
    """
    documents = f"{ID}source/"
    if iri.startswith(documents):
        return iri[len(documents):]
    host = urlsplit(iri).hostname or iri
    return host.removeprefix("www.")


def source_namer(items: Mapping[str, Any], lang: str) -> Callable[[str], str]:
    """Name sources as people know them: title, publisher and date; else publisher and kind.

    ``items`` maps a source's IRI to its :class:`~citygraph.graph.read.SourceItem`;
    a source it lacks is named by :func:`source_label`.

    >>> kind = read.Kind("news_article", "x", "news article", "언론 기사")
    >>> item = read.SourceItem("a", "https://e.org/a", None, "서울신문", "2013-05-04", "ko",
    ...     "https://e.org/a", kind, False, (), (), (), 1, False, False)
    >>> name = source_namer({item.iri: item}, "ko")
    >>> name("https://e.org/a"), name("https://www.sfseoul.com/about")
    ('서울신문 · 언론 기사 · 2013-05-04', 'sfseoul.com')
    """
    def name(iri: str) -> str:
        item = items.get(iri)
        if item is None:
            return source_label(iri)
        date = f" · {item.issued}" if item.issued else ""
        if item.title:
            return f"{item.title} · {item.publisher}{date}" if item.publisher else (
                f"{item.title}{date}")
        kind = pick_name(item.kind, lang) if item.kind is not None else ""
        parts = [p for p in (item.publisher or source_label(iri), kind) if p]
        return " · ".join(parts) + date

    return name


def class_namer(classes: Mapping[str, read.Kind], lang: str) -> Callable[[str | None], str]:
    """Name classes (``City``, ``PrizeAward`` ...) as the ontology does, capitalised.

    ``classes`` is :func:`citygraph.graph.read.read.class_labels` of the store;
    a class it does not know keeps its own name, and ``None`` is empty.

    >>> name = class_namer({"City": read.Kind("City", "x", "city", "도시")}, "en")
    >>> name("City"), name("Thing"), name(None)
    ('City', 'Thing', '')
    """
    def name(type_: str | None) -> str:
        known = classes.get(type_ or "")
        label = pick_name(known, lang) if known is not None else (type_ or "")
        return label[:1].upper() + label[1:]

    return name


def environment() -> Environment:
    """The one Jinja environment of every page, made once per app (in its lifespan).

    Autoescaped, strict about undefined names, with the helpers every
    template may call (links to cities and sources, the navigation) and the
    filter ``svg_number`` (a coordinate with at most two decimals).
    """
    env = Environment(loader=PackageLoader("citygraph.api", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(city_href=city_href, source_href=source_href, row_anchor=row_anchor,
                       source_label=source_label, nav=NAV, local_path=local_path, is_web=is_web)
    env.filters["svg_number"] = svg_number
    return env


def templates(request: Request) -> Environment:
    """The app's Jinja environment."""
    env: Environment = request.app.state.runtime.templates
    return env


def source_items(request: Request) -> Mapping[str, read.SourceItem]:
    """Every source document by IRI, kept per graph version (none when the store fails)."""
    runtime = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return {}
    store = runtime.store
    try:
        found: Mapping[str, read.SourceItem] = runtime.cache.get(
            "sources", store.version or graph_version(store.store),
            lambda: read.source_items(OwnQueries(store)))
    except CitygraphError:
        return {}
    return found


def _with_lang(request: Request, lang: str) -> str:
    params = dict(request.query_params)
    params["lang"] = lang
    return f"{request.url.path}?{urlencode(params)}"


def respond(request: Request, template: str, data: Any, *, title: tuple[str, str],
            status: int = 200, **context: Any) -> Response:
    """Answer a page: JSON of ``data`` when asked, else ``template`` rendered.

    Parameters
    ----------
    request
        The request: its path, ``Accept``, ``?lang=`` and cookie.
    template
        The page's template, which extends ``base.html``.
    data
        What the page shows, as dataclasses, mappings and lists: the JSON
        twin, and ``data`` in the template.
    title
        The page's title in English and Korean.
    status
        The HTTP status (an error page passes its own).
    context
        More names for the template.
    """
    if wants_json(request.url.path, request.headers.get("accept")):
        return JSONResponse(jsonable_encoder(data), status, headers={"Vary": "Accept"})
    return render(request, template, data, title=title, status=status, **context)


def render(request: Request, template: str, data: Any, *, title: tuple[str, str],
           status: int = 200, json_url: str | None = None, **context: Any) -> HTMLResponse:
    """Render ``template`` inside ``base.html``, in the request's language (see :func:`respond`).

    ``json_url`` is where the page's data is as JSON (the footer links it);
    by default the page's address with ``.json``.
    """
    lang = language(request)
    en, ko = title
    if json_url is None:
        json_url = (("/index" if request.url.path == "/" else request.url.path) + ".json"
                    + (f"?{request.url.query}" if request.url.query else ""))

    def tr(english: str, korean: str) -> str:
        return korean if lang == "ko" else english

    items: dict[str, Mapping[str, read.SourceItem]] = {}

    def source_name(iri: str) -> str:
        if "all" not in items:  # read once, and only by pages that name sources
            items["all"] = source_items(request)
        return source_namer(items["all"], lang)(iri)

    def source_info(iri: str) -> read.SourceItem | None:
        if "all" not in items:
            items["all"] = source_items(request)
        return items["all"].get(iri)

    html = templates(request).get_template(template).render(
        data=data, lang=lang, tr=tr, name=lambda item: pick_name(item, lang),
        source_label=source_name, source_info=source_info,
        title=ko if lang == "ko" else en, path=request.url.path,
        lang_url={code: _with_lang(request, code) for code in LANGUAGES}, json_url=json_url,
        **context,
    )
    response = HTMLResponse(html, status, headers={**PAGE_HEADERS, "Vary": "Accept, Cookie"})
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


@dataclass(frozen=True, slots=True)
class ErrorShown:
    """What the error page shows: the status, the error code and the sentence."""

    status: int
    code: str
    message: str


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    """The site's error page (see :mod:`citygraph.api.errors`, which decides when)."""
    return render(request, "error.html", None, title=("Not available", "볼 수 없음"),
                  status=status, error=ErrorShown(status, code, message))
