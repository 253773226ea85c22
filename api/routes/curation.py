"""Curation pages: sign in, upload a release, review its facts, add what was missed, publish.

Every page here is for signed-in staff (an editor; rollback needs an admin):
a viewer gets 403, a visitor not signed in 401 with a link to ``/login``.
Every form carries its session's CSRF token and a post without it is
refused (403).  Extraction runs in the background and the page shows its
progress; publishing calls :func:`citygraph.graph.write.publish.publish`,
the function ``citygraph ingest`` calls, under the home's writer lock, and
the server follows the new store within a second.  Both run in a worker
process (:mod:`citygraph.api.curation_worker`): the server never loads the
write path (extractors, SHACL).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import sys
from dataclasses import dataclass, fields, replace
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from citygraph.api.accounts import BadCsrf, Forbidden, Session, SignInRequired
from citygraph.api.drafts import Draft
from citygraph.api.pages.site import render
from citygraph.api.settings import Settings
from citygraph.api.state import RuntimeDep
from citygraph.graph.home import documents_dir
from citygraph.graph.store.opening import home_of
from citygraph.graph.write.documents import Publication, history_in
from citygraph.ingest.errors import BadInput, InvalidParameter
from citygraph.ingest.extraction import (
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Labels,
    Relation,
    RelationType,
    slug,
)

__all__ = ["SESSION_COOKIE", "router"]

router = APIRouter(include_in_schema=False)

SESSION_COOKIE = "citygraph_session"
VISITOR_COOKIE = "citygraph_visitor"

#: the attributes a reviewer may edit, by relation type
EDITABLE: dict[str, tuple[str, ...]] = {
    "agreement": ("kind", "date", "upgrade_from"),
    "meeting": ("date",),
    "office": ("role",),
    "award": ("year",),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "kind": ("sister", "friendship", "mou", "cooperation", "declaration", "exchange", "other"),
    "upgrade_from": ("", "sister", "friendship", "mou", "cooperation", "declaration",
                     "exchange", "other"),
    "role": ("mayor", "vice_mayor", "deputy_mayor", "lord_mayor", "governor", "minister",
             "council_speaker", "other"),
}
#: relation types, entity types and attributes in English and Korean, as the pages name them
NAMES: dict[str, tuple[str, str]] = {
    "agreement": ("agreement", "협약"), "meeting": ("meeting", "회담"),
    "office": ("office", "재직"), "participation": ("participation", "참가"),
    "organizer": ("organizer", "주최"), "host": ("host", "개최"), "award": ("award", "수상"),
    "policy": ("policy", "정책"), "exhibitor": ("exhibitor", "전시 참가"),
    "located_in": ("located in", "위치"), "part_of": ("part of", "소속"),
    "presentation": ("presentation", "발표"),
    "City": ("city", "도시"), "Region": ("region", "지역"), "Country": ("country", "국가"),
    "Person": ("person", "인물"), "Organization": ("organisation", "기관"),
    "Event": ("event", "행사"), "Prize": ("prize", "상"), "Policy": ("policy", "정책"),
    "Venue": ("venue", "장소"),
    "kind": ("kind", "종류"), "date": ("date", "날짜"), "role": ("role", "직위"),
    "upgrade_from": ("upgrade of", "격상 전 관계"), "year": ("year", "연도"),
}
_DOC_ID = re.compile(r"[^0-9A-Za-z가-힣._-]+")


# -- sessions ----------------------------------------------------------------------------

def _secure(request: Request, state: RuntimeDep) -> bool:
    return request.url.scheme == "https" or state.settings.base_url.startswith("https://")


def current_session(request: Request, state: RuntimeDep) -> Session | None:
    """The session of the request's cookie, if it is live."""
    assert state.accounts is not None  # noqa: S101 - made by the lifespan
    return state.accounts.session(request.cookies.get(SESSION_COOKIE, ""))


SessionDep = Annotated[Session | None, Depends(current_session)]


def _need(session: Session | None, role: str) -> Session:
    if session is None:
        raise SignInRequired("Sign in at /login to use the curation pages.")
    if not session.user.may(role):
        raise Forbidden(f"The curation pages need the role {role}; {session.name} is a "
                        f"{session.role}.")
    return session


def editor(session: SessionDep) -> Session:
    """The signed-in editor (or admin); 401 without a session, 403 for a viewer."""
    return _need(session, "editor")


def admin(session: SessionDep) -> Session:
    """The signed-in admin."""
    return _need(session, "admin")


EditorDep = Annotated[Session, Depends(editor)]
AdminDep = Annotated[Session, Depends(admin)]


def _check_csrf(session: Session, token: str) -> None:
    if not token or not secrets.compare_digest(token, session.csrf):
        raise BadCsrf("The form was sent without its security token; reload the page and "
                      "send it again.")


def _page(request: Request, template: str, data: Any, title: tuple[str, str],
          session: Session | None, **context: Any) -> Response:
    return render(request, template, data, title=title, json_url="", user=session,
                  csrf=session.csrf if session else "", **context)


# -- sign in and out ---------------------------------------------------------------------

@router.get("/login")
async def login_page(request: Request, state: RuntimeDep, session: SessionDep,
                     next: str = "/curation") -> Response:
    """The sign-in form."""
    assert state.accounts is not None  # noqa: S101
    visitor = request.cookies.get(VISITOR_COOKIE) or secrets.token_urlsafe(24)
    response = _page(request, "login.html", {}, ("Sign in", "로그인"), session,
                     login_csrf=state.accounts.anonymous_csrf(visitor), next=_local(next))
    response.set_cookie(VISITOR_COOKIE, visitor, httponly=True, samesite="strict",
                        secure=_secure(request, state))
    return response


def _local(url: str) -> str:
    return url if url.startswith("/") and not url.startswith("//") else "/curation"


@router.post("/login")
async def login(request: Request, state: RuntimeDep, name: Annotated[str, Form()] = "",
                password: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = "/curation") -> Response:
    """Check the password (rate-limited) and start a session."""
    accounts = state.accounts
    assert accounts is not None  # noqa: S101
    visitor = request.cookies.get(VISITOR_COOKIE, "")
    if not visitor or not secrets.compare_digest(csrf, accounts.anonymous_csrf(visitor)):
        raise BadCsrf("The sign-in form was sent without its security token; reload it.")
    user = await run_in_threadpool(accounts.verify, name, password)
    token, _ = accounts.open_session(user.name)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                        secure=_secure(request, state), max_age=12 * 3600)
    return response


@router.post("/logout")
async def logout(request: Request, state: RuntimeDep, session: SessionDep,
                 csrf: Annotated[str, Form()] = "") -> Response:
    """End the session."""
    assert state.accounts is not None  # noqa: S101
    if session is not None:
        _check_csrf(session, csrf)
        state.accounts.close_session(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- the queue ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class QueueItem:
    """One row of the queue."""

    id: str
    title: str
    state: str
    """``extracting``, ``failed``, ``new``, ``in review`` or ``published``."""
    updated_by: str
    version: int
    """The last published version (0: never published)."""


def _home(state: RuntimeDep) -> Path:
    return home_of(state.settings.store, state.settings.home)


def _state_of(draft: Draft, past: list[Publication]) -> str:
    if draft.state != "ready":
        return draft.state
    if past and past[-1].draft == draft.revision:
        return "published"
    return "new" if draft.revision == 1 and not past else "in review"


@router.get("/curation")
async def queue(request: Request, state: RuntimeDep, session: EditorDep) -> Response:
    """The documents in curation, with their state and who touched them last."""
    assert state.drafts is not None  # noqa: S101
    kept = documents_dir(_home(state))
    items = []
    for d in state.drafts.all():
        past = history_in(kept, d.id)
        items.append(QueueItem(d.id, d.title, _state_of(d, past), d.updated_by,
                               past[-1].version if past else 0))
    return _page(request, "curation_queue.html", {"documents": items},
                 ("Curation", "자료 검토"), session)


def _worker_env(settings: Settings) -> dict[str, str]:
    """The environment of a worker: this server's settings, as ``CITYGRAPH_*`` variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYGRAPH_")}
    for f in fields(settings):
        value = getattr(settings, f.name)
        env[f"CITYGRAPH_{f.name.upper()}"] = (
            ("true" if value else "false") if isinstance(value, bool) else str(value))
    return env


async def _run_worker(settings: Settings, *args: str) -> str:
    """Run :mod:`citygraph.api.curation_worker`; its output, or its error raised."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "citygraph.api.curation_worker", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env=_worker_env(settings))
    out, err = await process.communicate()
    if process.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        said = next((line[7:] for line in reversed(lines) if line.startswith("error: ")), None)
        raise WorkFailed(said or f"The {args[0]} failed (status {process.returncode}): "
                         + " ".join(lines[-1:]))
    return out.decode().strip()


class WorkFailed(BadInput):
    """Extracting, publishing or rolling back failed; the graph and the queue are as they were."""


#: the extraction workers running, so that they are awaited (and not collected)
_running: set[asyncio.Task[None]] = set()


def _extract_in_background(state: RuntimeDep, doc: str, raw: bytes, name: str,
                           who: str) -> None:
    drafts = state.drafts
    assert drafts is not None  # noqa: S101
    uploads = _home(state) / ".uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    file = uploads / secrets.token_hex(8)
    file.write_bytes(raw)

    async def run() -> None:
        try:
            await _run_worker(state.settings, "extract", doc, str(file), name, who)
        except WorkFailed as e:
            if drafts.get(doc).state == "extracting":  # a worker killed before it could say
                drafts.failed(doc, e.message)
        finally:
            file.unlink(missing_ok=True)

    task = asyncio.get_running_loop().create_task(run())
    _running.add(task)
    task.add_done_callback(_running.discard)


@router.post("/curation/documents")
async def upload(request: Request, state: RuntimeDep, session: EditorDep,
                 csrf: Annotated[str, Form()] = "",
                 file: Annotated[UploadFile | None, File()] = None,
                 text: Annotated[str, Form()] = "",
                 name: Annotated[str, Form()] = "") -> Response:
    """Take an uploaded file or pasted text; extract it in the background."""
    _check_csrf(session, csrf)
    assert state.drafts is not None  # noqa: S101
    if file is not None and file.filename:
        raw = await file.read(state.settings.max_document + 1)
        filename = Path(file.filename).name
    elif text.strip():
        raw = text.encode("utf-8")
        filename = (name.strip() or "pasted") + ".txt"
    else:
        raise InvalidParameter("Choose a file to upload or paste the text of a release.")
    if len(raw) > state.settings.max_document:
        raise InvalidParameter(f"The document is larger than {state.settings.max_document:,} "
                               "bytes (CITYGRAPH_MAX_DOCUMENT).")
    doc = _DOC_ID.sub("-", filename.split(".")[0] + "".join(
        f".{s}" for s in filename.split(".")[1:-1])).strip("-.") or "document"
    await run_in_threadpool(state.drafts.create, doc, filename, "", who=session.name)
    _extract_in_background(state, doc, raw, filename, session.name)
    return RedirectResponse(f"/curation/documents/{quote(doc)}", status_code=303)


# -- one document ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the text with the same marks."""

    start: int
    text: str
    entity: bool
    relation: bool
    added: bool


def segments(text: str, x: Extraction) -> list[Segment]:
    """The text cut where a mention or an evidence span starts or ends.

    >>> from citygraph.ingest.extraction import DocumentInfo, Span
    >>> x = Extraction(DocumentInfo("d", "", "", "ko"), (Entity("city/a", EntityType.CITY,
    ...     Labels("A"), mentions=(Span(0, 1),)),))
    >>> [(s.text, s.entity) for s in segments("A b", x)]
    [('A', True), (' b', False)]
    """
    entity = [(m.start, m.end) for e in x.entities for m in e.mentions]
    relation = [(v.start, v.end, r.review == "added") for r in x.relations
                if r.review != "rejected" for v in r.evidence]
    cuts = sorted({0, len(text), *(p for s, e in entity for p in (s, e)),
                   *(p for s, e, _ in relation for p in (s, e))})
    out = []
    for a, b in pairwise(cuts):
        if not 0 <= a < b <= len(text):
            continue
        out.append(Segment(a, text[a:b], any(s <= a and b <= e for s, e in entity),
                           any(s <= a and b <= e for s, e, _ in relation),
                           any(s <= a and b <= e and add for s, e, add in relation)))
    return out


def _label(x: Extraction, entity_id: str) -> str:
    e = x.entity(entity_id)
    return " / ".join(n for n in (e.labels.ko, e.labels.en) if n) or entity_id


@router.get("/curation/documents/{doc}")
async def document(request: Request, state: RuntimeDep, session: EditorDep,
                   doc: str) -> Response:
    """A document: progress while it is extracted, then its text and facts to review."""
    assert state.drafts is not None  # noqa: S101
    draft = state.drafts.get(doc)
    past = history_in(documents_dir(_home(state)), doc)
    x = draft.extraction
    facts = []
    if x is not None:
        for i, r in enumerate(x.relations):
            quotes = [draft.text[v.start:v.end] for v in r.evidence]
            facts.append({"index": i, "type": r.type.value, "source": _label(x, r.source),
                          "target": _label(x, r.target), "attributes": dict(r.attributes),
                          "editable": EDITABLE.get(r.type.value, ()),
                          "confidence": round(r.confidence, 2), "review": r.review or "accepted",
                          "quote": " … ".join(quotes)})
    return _page(request, "curation_document.html", {
        "draft": draft, "state": _state_of(draft, past), "facts": facts,
        "segments": segments(draft.text, x) if x else [],
        "entities": [(e.id, e.type.value, _label(x, e.id)) for e in x.entities] if x else [],
        "mentions": [(f"{e.id}@{m.start}", f"{_label(x, e.id)}: {draft.text[m.start:m.end]} "
                      f"@{m.start}") for e in x.entities if len(e.mentions) > 1
                     for m in e.mentions] if x else [],
    }, (f"Review: {draft.title}", f"검토: {draft.title}"), session,
        choices=CHOICES, names=NAMES, relation_types=[t.value for t in RelationType],
        entity_types=[t.value for t in EntityType], history=past)


@router.get("/curation/documents/{doc}/progress.json")
async def progress(state: RuntimeDep, session: EditorDep, doc: str) -> Response:
    """How the extraction of a document is going."""
    assert state.drafts is not None  # noqa: S101
    draft = state.drafts.get(doc)
    return JSONResponse({"state": draft.state, "step": draft.step, "error": draft.error})


def _revision(form: Any) -> int:
    try:
        return int(form.get("revision", ""))
    except ValueError:
        raise InvalidParameter("The form has no revision; reload the page.") from None


@router.post("/curation/documents/{doc}/decisions")
async def decide(request: Request, state: RuntimeDep, session: EditorDep,
                 doc: str) -> Response:
    """Accept, reject or edit each fact."""
    form = await request.form()
    _check_csrf(session, str(form.get("csrf", "")))
    assert state.drafts is not None  # noqa: S101
    draft = state.drafts.get(doc)
    if draft.extraction is None:
        raise InvalidParameter("The document is still being extracted.")
    relations = []
    for i, r in enumerate(draft.extraction.relations):
        decision = str(form.get(f"decision-{i}", r.review or "accepted"))
        attributes = dict(r.attributes)
        for name in EDITABLE.get(r.type.value, ()):
            value = str(form.get(f"{name}-{i}", attributes.get(name, ""))).strip()
            if name in CHOICES and value not in CHOICES[name]:
                raise InvalidParameter(f"fact {i + 1}: {name} {value!r} is not one of "
                                       + ", ".join(c for c in CHOICES[name] if c))
            if value:
                attributes[name] = value
            else:
                attributes.pop(name, None)
        edited = attributes != dict(r.attributes)
        if decision == "rejected":
            review = "rejected"
        elif r.review == "added":
            review = "added"
        elif edited or r.review == "edited":
            review = "edited"
        else:
            review = "accepted"
        relations.append(replace(r, attributes=attributes, review=review))
    state.drafts.save(doc, replace(draft.extraction, relations=tuple(relations)),
                      who=session.name, expect=_revision(form))
    return RedirectResponse(f"/curation/documents/{quote(doc)}#facts", status_code=303)


_TYPES = {t.value: t for t in EntityType}


def _end(x: Extraction, value: str) -> tuple[Extraction, str]:
    """An end of a new fact: an entity of the document, or a thing of the graph found by search.

    A thing of the graph (``graph|Type|key|English|Korean``) becomes an entity
    of the document, with the key the reviewer picked (``attributes["key"]``).
    """
    ids = {e.id for e in x.entities}
    if value in ids:
        return x, value
    parts = value.split("|")
    if len(parts) != 5 or parts[0] != "graph":
        raise InvalidParameter(f"{value!r} is neither an entity of the document nor a search "
                               "result; pick each end of the fact again.")
    _, kind, key, en, ko = parts
    type_ = next((t for name, t in _TYPES.items() if kind.endswith(name)), None)
    if type_ is None:
        raise InvalidParameter(f"a {kind} cannot be an end of a fact")
    entity_id = f"{type_.value.lower()}/{slug(key) or slug(en or ko)}"
    if entity_id in ids:
        return x, entity_id
    entity = Entity(entity_id, type_, Labels(en or None, ko or None), attributes={"key": key})
    return replace(x, entities=(*x.entities, entity)), entity_id


@router.post("/curation/documents/{doc}/facts")
async def add_fact(request: Request, state: RuntimeDep, session: EditorDep,
                   doc: str) -> Response:
    """Add a fact the extractor missed; the selected words are its evidence."""
    form = await request.form()
    _check_csrf(session, str(form.get("csrf", "")))
    assert state.drafts is not None  # noqa: S101
    draft = state.drafts.get(doc)
    x = draft.extraction
    if x is None:
        raise InvalidParameter("The document is still being extracted.")
    kind = str(form.get("type", ""))
    if kind not in {t.value for t in RelationType}:
        raise InvalidParameter(f"{kind!r} is not a type of fact")
    try:
        start, end = int(str(form.get("start", ""))), int(str(form.get("end", "")))
    except ValueError:
        raise InvalidParameter("Select the words that state the fact (its evidence).") from None
    if not 0 <= start < end <= len(draft.text):
        raise InvalidParameter(f"The evidence {start}-{end} is not within the text "
                               f"(0-{len(draft.text)}).")
    x, source = _end(x, str(form.get("source", "")))
    x, target = _end(x, str(form.get("target", "")))
    if source == target:
        raise InvalidParameter("A fact needs two different ends.")
    attributes = {name: str(form.get(name, "")).strip()
                  for name in EDITABLE.get(kind, ()) if str(form.get(name, "")).strip()}
    relation = Relation(RelationType(kind), source, target, attributes,
                        (Evidence(start, end, "review.added", 1.0),), "added")
    state.drafts.save(doc, replace(x, relations=(*x.relations, relation)), who=session.name,
                      expect=_revision(form))
    return RedirectResponse(f"/curation/documents/{quote(doc)}#facts", status_code=303)


@router.post("/curation/documents/{doc}/entities")
async def add_entity(request: Request, state: RuntimeDep, session: EditorDep,
                     doc: str) -> Response:
    """Create an entity the graph lacks; GeoNames and Wikidata ids come from the gazetteer."""
    form = await request.form()
    _check_csrf(session, str(form.get("csrf", "")))
    assert state.drafts is not None  # noqa: S101
    type_ = _TYPES.get(str(form.get("type", "")))
    en, ko = str(form.get("en", "")).strip(), str(form.get("ko", "")).strip()
    country = str(form.get("country", "")).strip().upper()
    if type_ is None or not (en or ko):
        raise InvalidParameter("A new entity needs a type and a Korean or English name.")
    await _run_worker(state.settings, "entity", doc, str(_revision(form)), type_.value, en, ko,
                      country, session.name)
    return RedirectResponse(f"/curation/documents/{quote(doc)}#add", status_code=303)


@router.post("/curation/documents/{doc}/publish")
async def publish_document(request: Request, state: RuntimeDep, session: EditorDep,
                           doc: str, csrf: Annotated[str, Form()] = "") -> Response:
    """Publish the document as reviewed: live within seconds."""
    _check_csrf(session, csrf)
    assert state.drafts is not None  # noqa: S101
    draft = state.drafts.get(doc)
    if draft.extraction is None:
        raise InvalidParameter("The document is still being extracted.")
    version = await _run_worker(state.settings, "publish", doc, session.name)
    return RedirectResponse(f"/curation/documents/{quote(doc)}/audit?published={version}",
                            status_code=303)


@router.get("/curation/documents/{doc}/audit")
async def audit(request: Request, state: RuntimeDep, session: EditorDep, doc: str) -> Response:
    """Every publish of a document: who, when, what was decided; an admin may roll back."""
    from citygraph.api.pages.curation_audit import describe

    past = history_in(documents_dir(_home(state)), doc)
    return _page(request, "curation_audit.html",
                 {"document": doc, "history": [(p, describe(p)) for p in reversed(past)]},
                 (f"Publications of {doc}", f"{doc} 게시 기록"), session,
                 published=request.query_params.get("published", ""))


@router.post("/curation/documents/{doc}/rollback")
async def roll_back(request: Request, state: RuntimeDep, session: AdminDep, doc: str,
                    version: Annotated[int, Form()], csrf: Annotated[str, Form()] = ""
                    ) -> Response:
    """Publish an earlier version again (an admin only); the draft becomes that version."""
    _check_csrf(session, csrf)
    done = await _run_worker(state.settings, "rollback", doc, str(version), session.name)
    return RedirectResponse(f"/curation/documents/{quote(doc)}/audit?published={done}",
                            status_code=303)


def merge_entities(x: Extraction, keep: str, drop: str) -> Extraction:
    """``drop`` becomes an alias of ``keep``: its names, mentions and relations move to it.

    >>> from citygraph.ingest.extraction import DocumentInfo, Span
    >>> x = Extraction(DocumentInfo("d", "", "", "ko"), (
    ...     Entity("person/a", EntityType.PERSON, Labels(ko="오세훈"), mentions=(Span(0, 3),)),
    ...     Entity("person/b", EntityType.PERSON, Labels(ko="오 시장"), mentions=(Span(9, 13),))),
    ...     (Relation(RelationType.OFFICE, "person/b", "person/a"),))
    >>> merged = merge_entities(x, "person/a", "person/b")
    >>> [(e.id, e.aliases, len(e.mentions)) for e in merged.entities]
    [('person/a', ('오 시장',), 2)]
    >>> merged.relations
    ()
    """
    if keep == drop:
        raise InvalidParameter("Choose two different entities to merge.")
    kept, dropped = x.entity(keep), x.entity(drop)
    if kept.type is not dropped.type:
        raise InvalidParameter(f"A {kept.type.value} and a {dropped.type.value} cannot be "
                               "merged: they are not the same thing.")
    names = [n for n in (dropped.labels.ko, dropped.labels.en, *dropped.aliases)
             if n and n not in (kept.labels.ko, kept.labels.en, *kept.aliases)]
    merged = replace(kept, aliases=(*kept.aliases, *dict.fromkeys(names)),
                     same_as=tuple(dict.fromkeys((*kept.same_as, *dropped.same_as))),
                     mentions=tuple(sorted({*kept.mentions, *dropped.mentions},
                                           key=lambda m: (m.start, m.end))))
    entities = tuple(merged if e.id == keep else e for e in x.entities if e.id != drop)
    relations = []
    for r in x.relations:
        moved = replace(r, source=keep if r.source == drop else r.source,
                        target=keep if r.target == drop else r.target)
        if moved.source != moved.target:  # a relation of the two with each other goes
            relations.append(moved)
    return replace(x, entities=entities, relations=tuple(relations))


def split_entity(x: Extraction, entity_id: str, start: int, text: str) -> Extraction:
    """The mention of ``entity_id`` at ``start`` becomes a new entity, named as it is written.

    Relations whose evidence holds that mention move to the new entity.

    >>> from citygraph.ingest.extraction import DocumentInfo, Span
    >>> x = Extraction(DocumentInfo("d", "", "", "ko"), (Entity("city/a", EntityType.CITY,
    ...     Labels(ko="광주"), mentions=(Span(0, 2), Span(10, 12))),))
    >>> parts = split_entity(x, "city/a", 10, "광주는 오래된 광주").entities
    >>> [(e.id, [m.start for m in e.mentions]) for e in parts]
    [('city/a', [0]), ('city/광주-10', [10])]
    """
    e = x.entity(entity_id)
    mention = next((m for m in e.mentions if m.start == start), None)
    if mention is None or len(e.mentions) < 2:
        raise InvalidParameter("Choose one of the entity's mentions to split off (an entity "
                               "named once cannot be split).")
    name = text[mention.start:mention.end].strip() or e.labels.ko or e.labels.en or entity_id
    new_id = f"{e.type.value.lower()}/{slug(name)}-{mention.start}"
    new = Entity(new_id, e.type, Labels(ko=name) if re.search("[가-힣]", name)
                 else Labels(en=name), country=e.country, mentions=(mention,))
    entities = []
    for other in x.entities:
        entities.append(replace(other, mentions=tuple(m for m in other.mentions if m != mention))
                        if other.id == entity_id else other)
    entities.append(new)

    def holds(r: Relation) -> bool:
        return any(v.start <= mention.start and mention.end <= v.end for v in r.evidence)

    relations = tuple(
        replace(r, source=new_id if r.source == entity_id and holds(r) else r.source,
                target=new_id if r.target == entity_id and holds(r) else r.target)
        for r in x.relations)
    return replace(x, entities=tuple(entities), relations=relations)


@router.post("/curation/documents/{doc}/merge")
async def merge(request: Request, state: RuntimeDep, session: EditorDep, doc: str) -> Response:
    """Merge two entities of the document: one becomes the other's alias."""
    form = await request.form()
    _check_csrf(session, str(form.get("csrf", "")))
    assert state.drafts is not None  # noqa: S101
    x = state.drafts.get(doc).extraction
    if x is None:
        raise InvalidParameter("The document is still being extracted.")
    ids = {e.id for e in x.entities}
    keep, drop = str(form.get("keep", "")), str(form.get("drop", ""))
    if keep not in ids or drop not in ids:
        raise InvalidParameter("Choose two entities of the document to merge.")
    state.drafts.save(doc, merge_entities(x, keep, drop), who=session.name,
                      expect=_revision(form))
    return RedirectResponse(f"/curation/documents/{quote(doc)}#entities", status_code=303)


@router.post("/curation/documents/{doc}/split")
async def split(request: Request, state: RuntimeDep, session: EditorDep, doc: str) -> Response:
    """Split a mention off a wrongly merged entity, as an entity of its own."""
    form = await request.form()
    _check_csrf(session, str(form.get("csrf", "")))
    assert state.drafts is not None  # noqa: S101
    draft = state.drafts.get(doc)
    x = draft.extraction
    if x is None:
        raise InvalidParameter("The document is still being extracted.")
    entity_id, _, at = str(form.get("mention", "")).rpartition("@")
    if entity_id not in {e.id for e in x.entities} or not at.isdigit():
        raise InvalidParameter("Choose a mention of an entity to split off.")
    state.drafts.save(doc, split_entity(x, entity_id, int(at), draft.text), who=session.name,
                      expect=_revision(form))
    return RedirectResponse(f"/curation/documents/{quote(doc)}#entities", status_code=303)
