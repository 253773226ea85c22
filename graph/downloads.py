r"""The files offered for download, and the version of a store's graph.

==================  ======================  ============================================
file                media type              content
==================  ======================  ============================================
citygraph.trig      application/trig        every quad, named graphs kept (TriG)
citygraph.nq        application/n-quads     every quad (N-Quads)
citygraph.jsonld    application/ld+json     every quad, compacted with the context
ontology.ttl        text/turtle             the OWL ontology and SKOS concept schemes
shapes.ttl          text/turtle             the SHACL shapes the build validates with
context.jsonld      application/ld+json     the published JSON-LD context
==================  ======================  ============================================

The three dumps need the embedded store (:class:`~citygraph.graph.store.OxigraphStore`);
the vocabulary files ship with the package.

Examples
--------
>>> from citygraph.graph.project import example_store
>>> produce(example_store(), "citygraph.nq").count(b"\n")
13
>>> FILES["shapes.ttl"].media_type
'text/turtle'
"""

from __future__ import annotations

from dataclasses import dataclass

from citygraph.graph.export import export
from citygraph.graph.store import OxigraphStore, Store, store_version
from citygraph.ontology import CONTEXT_FILE, ONTOLOGY_FILE, SHAPES_FILE, read_text

__all__ = ["FILES", "Download", "NeedsEmbeddedStore", "graph_version", "produce"]


class NeedsEmbeddedStore(RuntimeError):
    """A dump asked of a store that is not the embedded one (e.g. a remote server)."""


@dataclass(frozen=True, slots=True)
class Download:
    """One downloadable file."""

    name: str
    media_type: str
    description: str
    description_ko: str
    dump: str | None = None  # export format of a full dump; None for a shipped file
    shipped: str | None = None  # the package file otherwise


FILES: dict[str, Download] = {d.name: d for d in (
    Download("citygraph.trig", "application/trig",
             "Every quad, in its named graph (TriG).", "모든 쿼드, 이름 있는 그래프별 (TriG)",
             dump="trig"),
    Download("citygraph.nq", "application/n-quads",
             "Every quad (N-Quads).", "모든 쿼드 (N-Quads)", dump="nq"),
    Download("citygraph.jsonld", "application/ld+json",
             "Every quad, compacted with the published context (JSON-LD).",
             "모든 쿼드, 공개 컨텍스트로 압축 (JSON-LD)", dump="jsonld"),
    Download("ontology.ttl", "text/turtle",
             "The ontology: OWL classes and properties, SKOS concept schemes.",
             "온톨로지: OWL 클래스와 속성, SKOS 개념 체계", shipped=ONTOLOGY_FILE),
    Download("shapes.ttl", "text/turtle",
             "The SHACL shapes every build is validated with.",
             "빌드 검증에 쓰는 SHACL 셰이프", shipped=SHAPES_FILE),
    Download("context.jsonld", "application/ld+json",
             "The JSON-LD context of the exports.", "내보내기의 JSON-LD 컨텍스트",
             shipped=CONTEXT_FILE),
)}


def produce(store: Store, name: str) -> bytes:
    """The bytes of one download.

    Raises
    ------
    KeyError
        When ``name`` is not in :data:`FILES`.
    NeedsEmbeddedStore
        When a full dump is asked of a store that is not an :class:`OxigraphStore`.
    """
    item = FILES[name]
    if item.shipped is not None:
        return read_text(item.shipped).encode()
    if not isinstance(store, OxigraphStore):
        raise NeedsEmbeddedStore(
            f"{name} is generated from the embedded store; this server reads a remote "
            "SPARQL store, so dump it there (or run 'citygraph export' against it)."
        )
    return export(store, item.dump or "nq")


def graph_version(store: Store) -> str:
    """A key that changes when the store's graph does.

    A built store on disk is named ``store-<version>-<time>`` by the build
    (:func:`~citygraph.graph.store.store_version`), so its version is that
    digest of the facts and the ontology.  Any other store gets its identity
    (and an in-memory one its size), so values computed from it last as long
    as the object: a remote server's content can change unseen.

    >>> from pathlib import Path
    >>> on_disk = OxigraphStore(None, Path("/h/stores/store-83bf8dcd-1795"))  # type: ignore
    >>> graph_version(on_disk)
    '83bf8dcd'
    """
    if isinstance(store, OxigraphStore):
        if store.path is not None:
            return store_version(store.path) or f"{store.path}"
        return f"memory-{id(store)}-{store.quad_count()}"
    return f"{type(store).__name__}-{id(store)}"
