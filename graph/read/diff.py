"""The focus city's ties, curated against listed: what each side holds that the other lacks.

The curated data (and ingested documents) state agreements with a kind and
dates; a list of twinnings (the world's twin-town list) states ties with
neither.  Both meet in one ``cg:Partnership`` per pair of places, so the diff
is a matter of which partnerships have agreements, which have the list's
evidence, and which have both.  For staff it is a to-do list: curated ties the
list lacks (the list may be out of date, or the tie is an MOU it would not
list), listed ties the curated data lacks (to check and curate).

``disagreements`` pairs a tie only listed with one only curated whose partners
share a country and a name, or a country where each side has one partner only:
the two sides probably name one tie differently (Delhi and New Delhi).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from citygraph.graph.read.common import (
    Ref,
    RefBuilder,
    focus_ref,
    local_name,
    name_order,
    normal,
    select,
)
from citygraph.graph.read.listed import ListedTie, listed_ties
from citygraph.graph.read.lookup import sparql_iri
from citygraph.graph.store.base import Store
from citygraph.ingest.csv_cells import row as csv_row

__all__ = ["DiffTie", "Disagreement", "TieDiff", "diff_csv", "tie_diff"]


@dataclass(frozen=True, slots=True)
class DiffTie:
    """One tie of the focus city (or of one of its districts), as each side states it."""

    partnership: str
    place: Ref
    """The focus city, or its district."""
    partner: Ref
    country: str | None
    """The partner's country (ISO code)."""
    kinds: tuple[str, ...]
    """Agreement kinds the curated side states (empty when only listed)."""
    dates: tuple[str, ...]
    """Dates of signing the curated side gives."""
    list_rows: tuple[str, ...]
    """The list's rows that state it (``file, line N``), empty when only curated."""
    list_pages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A tie only listed and one only curated that probably are one tie, and why."""

    listed: DiffTie
    curated: DiffTie
    reason: str


@dataclass(frozen=True, slots=True)
class TieDiff:
    """The focus city's ties: only curated, only listed, in both; disagreements; districts'."""

    focus: Ref
    both: tuple[DiffTie, ...]
    only_curated: tuple[DiffTie, ...]
    only_listed: tuple[DiffTie, ...]
    disagreements: tuple[Disagreement, ...]
    districts: tuple[DiffTie, ...]
    """Ties of the focus city's districts (all listed; curated where an agreement exists)."""


CURATED_TIES = """
SELECT DISTINCT ?tie ?partner ?kind ?date ?key ?label ?type ?country WHERE {
  VALUES ?focus { {focus} }
  ?tie cg:party ?focus .
  ?a cg:partnership ?tie ; cg:agreementKind ?kind .
  ?tie cg:party ?partner .
  FILTER(?partner != ?focus)
  OPTIONAL { ?a cg:dateSigned ?date }
  OPTIONAL { ?partner dcterms:identifier ?key }
  OPTIONAL { ?partner rdfs:label ?label }
  OPTIONAL { ?partner a ?type FILTER(?type IN (cg:City, cg:Region, cg:Country)) }
  OPTIONAL { ?partner cg:country ?country }
}
"""

PARTNER_COUNTRIES = """
SELECT DISTINCT ?partner ?country WHERE {
  VALUES ?focus { {focus} }
  ?place cg:locatedIn? ?focus .
  ?tie a cg:Partnership ; cg:party ?place, ?partner .
  ?partner cg:country ?country .
}
"""


def tie_diff(store: Store, focus: str) -> TieDiff:
    """Compare the focus city's curated and listed ties (``focus`` is its IRI)."""
    me = focus_ref(store, focus)
    curated: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    partners: dict[str, RefBuilder] = {}
    country_of: dict[str, str] = {}
    term = sparql_iri(focus)  # a VALUES term: the embedded store's optimiser starts from it
    for row in select(store, CURATED_TIES.replace("{focus}", term)):
        tie, partner = row["tie"].value, row["partner"].value
        curated[tie]["partner"].add(partner)
        curated[tie]["kinds"].add(local_name(row["kind"].value))
        if "date" in row:
            curated[tie]["dates"].add(row["date"].value)
        partners.setdefault(partner, RefBuilder(partner, set(), set(), set(), set())).add(
            row, "key", "label", "type")
        if "country" in row:
            country_of[partner] = local_name(row["country"].value)
    listed = listed_ties(store, focus)
    for row in select(store, PARTNER_COUNTRIES.replace("{focus}", term)):
        country_of.setdefault(row["partner"].value, local_name(row["country"].value))
    by_tie: dict[str, ListedTie] = {t.partnership: t for t in listed}

    def tie_of(iri: str) -> DiffTie:
        lt = by_tie.get(iri)
        c = curated.get(iri)
        if lt is not None:
            place, partner = lt.place, lt.partner
        else:
            place, partner = me, partners[next(iter(c["partner"]))].ref()  # type: ignore[index]
        rows = tuple(sorted(f"{e.file}, line {e.line}" for e in lt.evidence)) if lt else ()
        pages = tuple(sorted({e.source for e in lt.evidence})) if lt else ()
        return DiffTie(iri, place, partner, country_of.get(partner.iri),
                       tuple(sorted(c["kinds"])) if c else (),
                       tuple(sorted(c["dates"])) if c else (), rows, pages)

    def order(t: DiffTie) -> tuple[object, ...]:
        return (name_order(t.place.name_en, t.place.name_ko, t.place.id),
                name_order(t.partner.name_en, t.partner.name_ko, t.partner.id))

    own_listed = {t.partnership for t in listed if t.place.iri == focus}
    both = sorted((tie_of(i) for i in own_listed if i in curated), key=order)
    only_listed = sorted((tie_of(i) for i in own_listed if i not in curated), key=order)
    only_curated = sorted((tie_of(i) for i in curated if i not in own_listed), key=order)
    districts = sorted((tie_of(t.partnership) for t in listed if t.place.iri != focus),
                       key=order)
    return TieDiff(me, tuple(both), tuple(only_curated), tuple(only_listed),
                   tuple(_disagreements(only_listed, only_curated)), tuple(districts))


def _disagreements(listed: list[DiffTie], curated: list[DiffTie]) -> list[Disagreement]:
    out = []
    by_country: dict[str | None, list[DiffTie]] = defaultdict(list)
    for t in curated:
        by_country[t.country].append(t)
    listed_by_country: dict[str | None, list[DiffTie]] = defaultdict(list)
    for t in listed:
        listed_by_country[t.country].append(t)
    for t in listed:
        if t.country is None:
            continue
        same = by_country.get(t.country, [])
        name = normal(t.partner.name_en or "")
        for c in same:
            other = normal(c.partner.name_en or "")
            if name and other and (name in other or other in name):
                out.append(Disagreement(t, c, "the partners' names overlap in one country"))
            elif len(same) == 1 and len(listed_by_country[t.country]) == 1:
                out.append(Disagreement(
                    t, c, "each side has one partner in this country, and they differ"))
    return out


CSV_COLUMNS = ("status", "place", "place_id", "partner", "partner_id", "country", "kinds",
               "dates", "list_rows", "list_pages")


def diff_csv(diff: TieDiff) -> str:
    """The diff as CSV: one row per tie, its status first (``both``, ``only curated``...).

    A cell a spreadsheet would run as a formula is neutralised
    (:func:`citygraph.ingest.csv_cells.cell`).
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for status, ties in (("both", diff.both), ("only curated", diff.only_curated),
                         ("only listed", diff.only_listed), ("district", diff.districts)):
        for t in ties:
            w.writerow(csv_row([status, t.place.name_en or t.place.id, t.place.id,
                                t.partner.name_en or t.partner.id, t.partner.id,
                                t.country or "", ";".join(t.kinds), ";".join(t.dates),
                                ";".join(t.list_rows), ";".join(t.list_pages)]))
    return out.getvalue()
