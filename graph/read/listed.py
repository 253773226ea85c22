"""Listed ties: the partnerships a list of twinnings states, from one place's side.

A list (the world's twin-town list, ``data/twin-towns``) states a tie between
two places with neither kind nor date; it becomes a ``cg:Partnership`` with the
list's evidence (the country page and the row).  Agreements between the same
two places (curated or ingested) link to the same partnership
(``cg:partnership``), so a listed tie shows whether the graph also holds an
agreement for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from citygraph.graph.read.common import (
    Evidence,
    Ref,
    RefBuilder,
    evidence_of,
    evidence_order,
    name_order,
    select,
)
from citygraph.graph.read.lookup import sparql_iri
from citygraph.graph.store.base import Store

__all__ = ["LISTED_TIES", "ListedTie", "listed_ties"]


@dataclass(frozen=True, slots=True)
class ListedTie:
    """A partnership a list states: the place (the city or one of its districts) and partner."""

    partnership: str
    """The partnership's IRI."""
    place: Ref
    """The city itself, or the district of it that the list names."""
    partner: Ref
    agreements: tuple[str, ...]
    """IRIs of the agreements (curated or ingested) between the two: empty when only listed."""
    evidence: tuple[Evidence, ...]
    """The list's statements: its page (source), file and row (line)."""


LISTED_TIES = """
SELECT DISTINCT ?tie ?place ?partner ?a ?pkey ?plabel ?ptype ?okey ?olabel ?otype
  ?ev ?g ?source ?locator ?rule ?file ?line
WHERE {
  VALUES ?city { {city} }
  ?place cg:locatedIn? ?city .
  FILTER(?place = ?city || EXISTS { ?place a cg:District })
  ?tie cg:party ?place ; a cg:Partnership ; cg:party ?partner ; cg:evidence ?ev .
  FILTER(?partner != ?place)
  GRAPH ?g { ?ev dcterms:source ?source }
  OPTIONAL { ?ev cg:locator ?locator }
  OPTIONAL { ?ev cg:rule ?rule }
  OPTIONAL { ?ev cg:dataFile ?file }
  OPTIONAL { ?ev cg:line ?line }
  OPTIONAL { ?a cg:partnership ?tie }
  OPTIONAL { ?place dcterms:identifier ?pkey }
  OPTIONAL { ?place rdfs:label ?plabel }
  OPTIONAL { ?place a ?ptype FILTER(?ptype IN (cg:City, cg:Region, cg:District)) }
  OPTIONAL { ?partner dcterms:identifier ?okey }
  OPTIONAL { ?partner rdfs:label ?olabel }
  OPTIONAL { ?partner a ?otype FILTER(?otype IN (cg:City, cg:Region, cg:Country, cg:District)) }
}
"""


def listed_ties(store: Store, city: str, *, districts: bool = True) -> tuple[ListedTie, ...]:
    """The ties a list states for ``city`` (an IRI) and, with ``districts``, for its districts.

    The city's own ties come first, then its districts', each by partner name.
    """
    places: dict[str, RefBuilder] = {}
    partners: dict[str, RefBuilder] = {}
    ends: dict[str, tuple[str, str]] = {}
    agreements: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    # the IRI as a VALUES term, not a binding: the embedded store's optimiser starts from it
    for row in select(store, LISTED_TIES.replace("{city}", sparql_iri(city))):
        tie, place, partner = row["tie"].value, row["place"].value, row["partner"].value
        if not districts and place != city:
            continue
        ends[tie] = (place, partner)
        places.setdefault(place, RefBuilder(place, set(), set(), set(), set())).add(
            row, "pkey", "plabel", "ptype")
        partners.setdefault(partner, RefBuilder(partner, set(), set(), set(), set())).add(
            row, "okey", "olabel", "otype")
        if "a" in row:
            agreements[tie].add(row["a"].value)
        evidence[tie].add(evidence_of(row))
    ties = [
        ListedTie(tie, _typed(places[place]), _typed(partners[partner]),
                  tuple(sorted(agreements[tie])),
                  tuple(sorted(evidence[tie], key=evidence_order)))
        for tie, (place, partner) in ends.items()
    ]
    return tuple(sorted(ties, key=lambda t: (
        t.place.iri != city, name_order(t.place.name_en, t.place.name_ko, t.place.id),
        name_order(t.partner.name_en, t.partner.name_ko, t.partner.id))))


def _typed(builder: RefBuilder) -> Ref:
    # a district is also typed cg:City: name it by its narrower class
    if "District" in builder.types:
        builder.types = {"District"}
    return builder.ref()
