"""The citygraph vocabulary: OWL classes and properties, SKOS schemes, SHACL shapes.

The Turtle files in this package are the source of truth; :mod:`.vocab` names
their terms for Python.  ``presentation.csv`` beside them is the one table of
how kinds look wherever they are drawn (the timeline, the network visual):
their order, colour, line dashes and hatching; their names are the
ontology's labels.

Examples
--------
>>> styles()["sister"].colour
'#D55E00'
>>> [code for code, style in styles().items() if style.scheme == "tie"]
['meeting', 'forum', 'prize']
>>> labels("tie")["forum"]
('shared forum', '공동 참여 포럼')
"""

import csv
import functools
import io
import json
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["CONTEXT_FILE", "ONTOLOGY_FILE", "PRESENTATION_FILE", "SHAPES_FILE", "Style",
           "json_ld_context", "labels", "read_text", "resource", "styles"]

ONTOLOGY_FILE = "citygraph.ttl"
SHAPES_FILE = "shapes.ttl"
CONTEXT_FILE = "context.jsonld"  # the published JSON-LD @context of the exports
PRESENTATION_FILE = "presentation.csv"  # how each kind is drawn


def resource(name: str) -> Traversable:
    """Return a file shipped with this package (Turtle, or the JSON-LD context)."""
    return files(__package__).joinpath(name)


def read_text(name: str) -> str:
    """Return the text of a file shipped with this package."""
    return resource(name).read_text(encoding="utf-8")


def json_ld_context() -> dict[str, object]:
    """The published JSON-LD context: prefixes of the vocabularies citygraph uses."""
    data: dict[str, object] = json.loads(read_text(CONTEXT_FILE))["@context"]
    return data


@dataclass(frozen=True, slots=True)
class Style:
    """How one kind (an agreement kind, a kind of tie) is drawn."""

    code: str
    scheme: str
    """The concept scheme of the code: ``agreement`` or ``tie``."""
    colour: str
    """Fill or line colour, ``#RRGGBB``."""
    dashes: tuple[int, ...]
    """A line's dash pattern in pixels; empty for a solid line."""
    hatch: str
    """An SVG path drawn over a fill on an 8x8 tile (empty: plain), for print."""


@functools.cache
def styles() -> dict[str, Style]:
    """The kinds of ``presentation.csv`` by code, in the order they are shown."""
    rows = csv.DictReader(io.StringIO(read_text(PRESENTATION_FILE)))
    return {row["code"]: Style(row["code"], row["scheme"], row["colour"],
                               tuple(int(d) for d in row["dashes"].split()), row["hatch"])
            for row in rows}


def labels(scheme: str) -> dict[str, tuple[str, str]]:
    """The English and Korean ``skos:prefLabel`` of each concept of a scheme, by code.

    Read from ``citygraph.ttl`` itself, for drawings that have no store at
    hand; pages read the same labels from the store.
    """
    return dict(_pref_labels().get(scheme, {}))


@functools.cache
def _pref_labels() -> dict[str, dict[str, tuple[str, str]]]:
    import pyoxigraph as ox  # parses the Turtle in Rust: no Python object per node

    kinds = "https://w3id.org/citygraph/kind/"
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    names: dict[str, dict[str, dict[str, str]]] = {}
    for triple in ox.parse(read_text(ONTOLOGY_FILE).encode(), format=ox.RdfFormat.TURTLE):
        subject, label = triple.subject, triple.object
        if (triple.predicate == pref and isinstance(subject, ox.NamedNode)
                and isinstance(label, ox.Literal) and subject.value.startswith(kinds)):
            scheme, _, code = subject.value[len(kinds):].partition("/")
            if code:
                names.setdefault(scheme, {}).setdefault(code, {})[label.language or ""] = (
                    label.value)
    return {scheme: {code: (by.get("en", code), by.get("ko", by.get("en", code)))
                     for code, by in codes.items()}
            for scheme, codes in names.items()}
