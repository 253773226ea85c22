r"""Dump the graph as TriG, N-Quads, Turtle or JSON-LD, and the files offered for download.

JSON-LD is compacted with the published context (``ontology/context.jsonld``,
served at ``/context.jsonld``), given inline so the file reads offline.

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

The three dumps need the embedded store; the vocabulary files ship with the
package.

Examples
--------
>>> from citygraph.graph.store.embedded import OxigraphStore
>>> store = OxigraphStore.in_memory()
>>> store.load_nquads(b'<http://a> <http://p> "x" <http://g> .\n')
>>> export(store, "nq").decode()
'<http://a> <http://p> "x" <http://g> .\n'
>>> produce(store, "citygraph.nq") == export(store, "nq")
True
>>> FILES["shapes.ttl"].media_type
'text/turtle'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset

from citygraph.graph.store.base import Store
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ingest.errors import InvalidParameter, Unsupported
from citygraph.ontology import CONTEXT_FILE, ONTOLOGY_FILE, SHAPES_FILE, json_ld_context, read_text
from citygraph.ontology.vocab import PREFIXES

__all__ = ["FILES", "FORMATS", "Download", "Listing", "NeedsEmbeddedStore", "Offered", "export",
           "listing", "produce"]

FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
           "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}


def export(store: OxigraphStore, fmt: str) -> bytes:
    """Serialise the whole store.

    ``ttl`` merges all named graphs into one graph; the other formats keep them.
    """
    if fmt not in FORMATS:
        raise InvalidParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return _jsonld(store)
    return store.dump(FORMATS[fmt], prefixes=PREFIXES, union=fmt == "ttl")


def _jsonld(store: OxigraphStore) -> bytes:
    dataset = Dataset()
    dataset.parse(data=store.dump(ox.RdfFormat.N_QUADS), format="nquads")
    text = dataset.serialize(format="json-ld", context=json_ld_context(), auto_compact=True)
    return text.encode() if isinstance(text, str) else text


class NeedsEmbeddedStore(Unsupported):
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


@dataclass(frozen=True, slots=True)
class Offered:
    """One file of the downloads list, as the server offers it."""

    name: str
    url: str
    """Where the server answers it."""
    media_type: str
    description: str
    description_ko: str


@dataclass(frozen=True, slots=True)
class Listing:
    """The downloads of the current graph."""

    version: str
    """The graph's version: the dumps change with it."""
    quads: int
    files: tuple[Offered, ...]


def listing(version: str, quads: int) -> Listing:
    """Every file of :data:`FILES`, with the path the server answers it at."""
    return Listing(version, quads, tuple(
        Offered(f.name, f"/downloads/{f.name}", f.media_type, f.description, f.description_ko)
        for f in FILES.values()))


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
