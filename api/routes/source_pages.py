"""``/sources/{id}``: a source document with the evidence of its facts highlighted.

``/sources`` lists every source document.  An ingested document with kept
text shows the whole text, each evidence span a ``<mark id="span-START-END">``,
beside the list of its facts (each links to its span); a curated source shows
the data rows that cite it, each anchored by its file and line
(``#row-partners-agreements-csv-31``).  Both answer JSON at ``.json``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from citygraph.api.pages import source_page as sp
from citygraph.api.pages.agreements_page import kind_label
from citygraph.api.pages.event_page import focus_first
from citygraph.api.pages.site import class_namer, language, respond, source_namer, strip_json
from citygraph.api.settings import Settings
from citygraph.api.state import FocusDep, SettingsDep, StoreDep
from citygraph.graph import read
from citygraph.graph.home import documents_dir
from citygraph.graph.store.opening import home_of
from citygraph.ingest.errors import NotFound

__all__ = ["router"]

router = APIRouter(tags=["pages"])

ALL = 1_000_000


def _documents(settings: Settings) -> Path:
    return documents_dir(home_of(settings.store, settings.home))


@router.get("/sources", response_class=HTMLResponse)
@router.get("/sources.json", include_in_schema=False)
def sources(request: Request, store: StoreDep, focus: FocusDep,
            settings: SettingsDep) -> Response:
    """Every source document: title, publisher, date, datasets, how many facts cite it."""
    q = request.query_params.get("q", "").strip()[:200] or None
    page = read.list_sources(store, _documents(settings), q=q, limit=ALL)
    page = replace(page, items=tuple(sorted(page.items, key=sp.source_order)))
    return respond(request, "sources.html", page, title=("Sources", "출처"), q=q or "",
                   weak=read.weak_facts(store),
                   agreements={a.iri: a for a in read.list_agreements(store, focus,
                                                                      limit=ALL).items},
                   parties=lambda a: focus_first(a.parties, focus),
                   untitled=sum(1 for s in page.items if not s.title),
                   type_label=class_namer(read.class_labels(store), language(request)))


@router.get("/sources/{id_}", response_class=HTMLResponse)
def source(id_: str, request: Request, store: StoreDep, focus: FocusDep,
           settings: SettingsDep) -> Response:
    """One source: its text with the evidence marked, or the data rows that cite it."""
    id_, _ = strip_json(id_)
    if not id_ or len(id_) > 300:
        raise NotFound(f"no source document has the id {id_!r}")
    detail = read.source_detail(store, id_, _documents(settings))
    agreements = {a.iri: a for a in read.list_agreements(store, focus, limit=ALL).items}
    classes = read.class_labels(store)
    lang = language(request)
    spans = sp.document_spans(detail)
    text = sp.document_text(_documents(settings), detail.id) if spans else None
    blocks, hidden = (sp.markdown_structure(text) if text is not None
                      and sp.is_markdown(_documents(settings), detail.id) else ([], []))
    facts = {f.iri: f for f in detail.facts}

    def partner(fact: read.FactView) -> read.Ref | None:
        a = agreements.get(fact.iri)
        if a is None:
            return None
        others = [p for p in a.parties if p.iri != focus]
        return others[0] if others else None

    def agreement_of(fact: read.FactView) -> read.AgreementView | None:
        return agreements.get(fact.iri)

    title = detail.title or source_namer({detail.iri: detail}, lang)(detail.iri)
    return respond(
        request, "source.html", detail, title=(title, title),
        document=(sp.highlight(text, spans, blocks=blocks, hidden=hidden)
                  if text is not None else None),
        spans=set(spans), anchor=sp.anchor, rows=sp.sorted_rows(detail.rows), facts=facts,
        partner=partner, agreement_of=agreement_of, fact_href=lambda f: sp.fact_href(
            f, partner(f)), kind_label=lambda k: kind_label(k, lang),
        type_label=class_namer(classes, lang),
    )
