"""The citygraph vocabulary: OWL classes and properties, SKOS schemes, SHACL shapes.

The Turtle files in this package are the source of truth; :mod:`.vocab` names
their terms for Python.
"""

import json
from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["CONTEXT_FILE", "ONTOLOGY_FILE", "SHAPES_FILE", "json_ld_context", "read_text",
           "resource"]

ONTOLOGY_FILE = "citygraph.ttl"
SHAPES_FILE = "shapes.ttl"
CONTEXT_FILE = "context.jsonld"  # the published JSON-LD @context of the exports


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
