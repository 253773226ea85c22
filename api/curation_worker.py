"""The curation pages' worker: extraction and publishing, in a process of their own.

``citygraph serve`` never loads the write path (the extractors, SHACL, the
data parsers): the curation routes start this module as a child process,
``python -m citygraph.api.curation_worker ACTION ...``, with the server's
settings in its environment.  It shares the curation database
(:class:`~citygraph.api.drafts.Drafts`) and the home's writer lock with
everyone else, so a killed server or worker leaves the graph, the documents
and the queue consistent (see :mod:`citygraph.graph.write.publish`).

Actions
-------
``extract DOC FILE NAME WHO``
    Read ``FILE`` (the upload, as sent, named ``NAME``), extract it and store
    the draft of ``DOC``, telling its progress in the database.
``publish DOC WHO``
    Publish the draft of ``DOC`` as it stands.
``entity DOC REVISION TYPE ENGLISH KOREAN COUNTRY WHO``
    Add a new entity to the draft of ``DOC`` (made on ``REVISION``); a city,
    region or country gets its GeoNames and Wikidata ids from the gazetteer.
``rollback DOC VERSION WHO``
    Publish version ``VERSION`` of ``DOC`` again; the draft becomes it.

On failure the worker prints the error's sentence on its last line of
standard error (prefixed ``error: ``) and exits with status 1.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from citygraph.api.drafts import Drafts
from citygraph.api.settings import Settings
from citygraph.graph.home import curation_db
from citygraph.graph.store.opening import home_of
from citygraph.ingest.errors import CitygraphError, InvalidParameter

__all__ = ["main"]


def _extract(settings: Settings, drafts: Drafts, doc: str, file: Path, name: str,
             who: str) -> None:
    try:
        drafts.progress(doc, "reading")
        from citygraph.ingest.reader import read_bytes

        source = read_bytes(file.read_bytes(), name, max_bytes=settings.max_document)
        drafts.progress(doc, "loading")
        from citygraph.ingest.pipeline import extract

        drafts.progress(doc, "extracting")
        x = extract(source, doc_id=doc, focus=settings.focus)
        x = replace(x, document=replace(x.document, path=name))
        x = replace(x, relations=tuple(  # the threshold proposes; the reviewer decides
            r if r.confidence >= settings.threshold else replace(r, review="rejected")
            for r in x.relations))
        drafts.save(doc, x, who=who, text=source.raw)
    except CitygraphError as e:
        drafts.failed(doc, e.message)
        raise
    except Exception as e:
        drafts.failed(doc, f"The extraction failed: {type(e).__name__}: {e}")
        raise
    finally:
        file.unlink(missing_ok=True)


def _publish(settings: Settings, drafts: Drafts, doc: str, who: str) -> int:
    from citygraph.graph.write.publish import publish

    draft = drafts.get(doc)
    if draft.extraction is None:
        raise InvalidParameter("The document is still being extracted.")
    report = publish([(draft.extraction, draft.text)], sources=settings.sources,
                     home=settings.home, store_spec=settings.store, who=who,
                     drafts={doc: draft.revision}, user=settings.store_user,
                     password=settings.store_password, timeout=settings.timeout)
    drafts.touched(doc, who)
    return report.publications[0].version


def _entity(drafts: Drafts, doc: str, revision: int, kind: str, en: str, ko: str,
            country: str, who: str) -> None:
    from citygraph.ingest.extraction import Entity, EntityType, Labels, slug
    from citygraph.ingest.gazetteer import Gazetteer

    x = drafts.get(doc).extraction
    if x is None:
        raise InvalidParameter("The document is still being extracted.")
    type_ = EntityType(kind)
    same_as: tuple[str, ...] = ()
    if type_ in (EntityType.CITY, EntityType.REGION, EntityType.COUNTRY):
        found = Gazetteer.load().resolve(en or ko, country=country or None)
        if found is not None:
            same_as = tuple(iri for iri, known in (
                (f"https://sws.geonames.org/{found.geonames}/", found.geonames),
                (f"http://www.wikidata.org/entity/{found.wikidata}", found.wikidata)) if known)
            en, ko = en or found.name_en, ko or found.name_ko or ""
            country = country or found.country or ""
    entity_id = f"{type_.value.lower()}/{slug(en or ko)}"
    if any(e.id == entity_id for e in x.entities):
        raise InvalidParameter(f"The document has an entity {entity_id!r} already.")
    entity = Entity(entity_id, type_, Labels(en or None, ko or None), same_as=same_as,
                    country=country or None)
    drafts.save(doc, replace(x, entities=(*x.entities, entity)), who=who, expect=revision)


def _rollback(settings: Settings, drafts: Drafts, doc: str, version: int, who: str) -> int:
    from citygraph.graph.home import writing
    from citygraph.graph.write.publish import published_version, rollback

    home = home_of(settings.store, settings.home)
    with writing(home):
        x, text = published_version(home, doc, version)
        # the draft first: a rollback killed before its switch shows the draft "in review"
        draft = drafts.save(doc, x, who=who, text=text)
        report = rollback(doc, version, sources=settings.sources, home=home, who=who,
                          drafts={doc: draft.revision})
    return report.publications[0].version


def main(argv: list[str] | None = None) -> int:
    """Run one action (see the module docstring); return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    settings = Settings.from_env()
    drafts = Drafts(curation_db(home_of(settings.store, settings.home)))
    try:
        match args:
            case ["extract", doc, file, name, who]:
                _extract(settings, drafts, doc, Path(file), name, who)
            case ["publish", doc, who]:
                print(_publish(settings, drafts, doc, who))
            case ["entity", doc, revision, kind, en, ko, country, who]:
                _entity(drafts, doc, int(revision), kind, en, ko, country, who)
            case ["rollback", doc, version, who]:
                print(_rollback(settings, drafts, doc, int(version), who))
            case _:
                print(f"error: unknown action {args!r}", file=sys.stderr)
                return 2
    except CitygraphError as e:
        print(f"error: {e.message}", file=sys.stderr)
        return 1
    finally:
        drafts.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
