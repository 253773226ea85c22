r"""Find entities by their data key (``dcterms:identifier``).

Examples
--------
>>> from citygraph.graph.store.embedded import OxigraphStore
>>> store = OxigraphStore.in_memory()
>>> key = b'<http://purl.org/dc/terms/identifier>'
>>> store.load_nquads(b'<http://ex.org/s> ' + key + b' "seoul" <http://g> .\n')
>>> entity_iri(store, "seoul")
'http://ex.org/s'
>>> entity_iri(store, "busan")
Traceback (most recent call last):
...
citygraph.ingest.errors.NotFound: no entity has the key 'busan' in the graph
"""

from __future__ import annotations

import re

from citygraph.graph.store.base import SelectResult, Store, Term
from citygraph.ingest.errors import BadInput, NotFound

__all__ = ["entity_iri", "sparql_iri"]

_IRI = re.compile(r'^[^<>"{}|^`\\\s]+$')

BY_KEY = """
SELECT ?entity ?key WHERE { ?entity <http://purl.org/dc/terms/identifier> ?key }
"""


def entity_iri(store: Store, key: str) -> str:
    """Return the IRI of the entity whose data key is ``key``."""
    result = store.query(BY_KEY, bindings={"key": Term("literal", key)}, max_rows=1)
    if not isinstance(result, SelectResult) or not result.rows:
        raise NotFound(f"no entity has the key {key!r} in the graph")
    return result.rows[0]["entity"].value


def sparql_iri(iri: str) -> str:
    """Write an IRI as a SPARQL term, refusing anything that is not an IRI.

    >>> sparql_iri("https://w3id.org/citygraph/id/place/gn1835848")
    '<https://w3id.org/citygraph/id/place/gn1835848>'
    >>> sparql_iri("x> } DROP ALL {")
    Traceback (most recent call last):
    ...
    citygraph.ingest.errors.BadInput: not an IRI: 'x> } DROP ALL {'
    """
    if not _IRI.match(iri):
        raise BadInput(f"not an IRI: {iri!r}")
    return f"<{iri}>"
