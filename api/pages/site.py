"""The staff pages' shared machinery: language, templates, HTML or JSON, errors.

Every page is a route that gathers its data (frozen dataclasses of
:mod:`citygraph.graph.views`, or a page's own) and calls :func:`respond`,
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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from citygraph.api.negotiation import choose
from citygraph.api.pages.nav import NAV
from citygraph.api.pages.sparql_page import LANGUAGES, ui_language
from citygraph.graph import views
from citygraph.graph.guard import QueryTimeout
from citygraph.graph.store import QueryError
from citygraph.ontology.vocab import ID

__all__ = ["LANG_COOKIE", "NAV", "PAGE_HEADERS", "PageError", "answers", "city_href", "class_namer",
           "error_response", "language", "pick_name", "respond", "row_anchor", "source_href",
           "source_label", "strip_json", "wants_json"]

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


class PageError(Exception):
    """A page that cannot be shown: answered as an HTML error page or JSON."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@contextmanager
def answers() -> Iterator[None]:
    """Map the views' errors to :class:`PageError`, once for every page."""
    try:
        yield
    except views.NotFound as err:
        raise PageError(404, "not_found", str(err)) from None
    except views.TooLarge as err:
        raise PageError(503, "too_large", str(err)) from None
    except QueryTimeout as err:
        raise PageError(503, "timeout", str(err)) from None
    except QueryError as err:
        raise PageError(503, "store_error", str(err)) from None


def strip_json(id_: str) -> tuple[str, bool]:
    """Split a trailing ``.json`` off a path parameter: ``(id, asked_for_json)``."""
    return (id_[:-5], True) if id_.endswith(".json") else (id_, False)


def wants_json(request: Request) -> bool:
    """Whether to answer JSON: a ``.json`` path, or ``Accept`` preferring JSON to HTML."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return bool(accept) and choose(accept, ("text/html", "application/json")) == (
        "application/json")


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


def class_namer(classes: Mapping[str, views.Kind], lang: str) -> Callable[[str | None], str]:
    """Name classes (``City``, ``PrizeAward`` ...) as the ontology does, capitalised.

    ``classes`` is :func:`citygraph.graph.views.class_labels` of the store;
    a class it does not know keeps its own name, and ``None`` is empty.

    >>> name = class_namer({"City": views.Kind("City", "x", "city", "도시")}, "en")
    >>> name("City"), name("Thing"), name(None)
    ('City', 'Thing', '')
    """
    def name(type_: str | None) -> str:
        known = classes.get(type_ or "")
        label = pick_name(known, lang) if known is not None else (type_ or "")
        return label[:1].upper() + label[1:]

    return name


def _environment(request: Request) -> Environment:
    env: Environment | None = getattr(request.app.state, "site_templates", None)
    if env is None:
        env = Environment(loader=PackageLoader("citygraph.api", "templates"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        env.globals.update(city_href=city_href, source_href=source_href, row_anchor=row_anchor,
                           source_label=source_label, nav=NAV)
        request.app.state.site_templates = env
    return env


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
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data), status, headers={"Vary": "Accept"})
    lang = language(request)
    en, ko = title

    def tr(english: str, korean: str) -> str:
        return korean if lang == "ko" else english

    html = _environment(request).get_template(template).render(
        data=data, lang=lang, tr=tr, name=lambda item: pick_name(item, lang),
        title=ko if lang == "ko" else en, path=request.url.path,
        lang_url={code: _with_lang(request, code) for code in LANGUAGES},
        json_url=("/index" if request.url.path == "/" else request.url.path) + ".json"
        + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    response = HTMLResponse(html, status, headers={**PAGE_HEADERS, "Vary": "Accept, Cookie"})
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def error_response(request: Request, error: PageError) -> Response:
    """The error as JSON ``{"error", "message"}`` or as an HTML page."""
    if wants_json(request):
        return JSONResponse({"error": error.code, "message": error.message}, error.status)
    return respond(request, "error.html", None, title=("Not available", "볼 수 없음"),
                   status=error.status, error=error)
