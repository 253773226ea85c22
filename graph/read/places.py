"""Cities and regions: the list with facets, and everything the graph holds about one.

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> store = example_store()
>>> seoul = "https://w3id.org/citygraph/id/place/seoul"
>>> page = list_cities(store, seoul)
>>> [(c.id, c.name_en, c.agreements, c.kinds) for c in page.items]
[('seoul', 'Seoul', 0, ()), ('taipei', 'Taipei', 1, ('sister',))]
>>> page.facets["kind"]
{'sister': 1}
>>> city_detail(store, seoul, "taipei").agreements[0].readings[0].source
'https://example.org/news'
>>> city_detail(store, seoul, "atlantis")
Traceback (most recent call last):
...
citygraph.ingest.errors.NotFound: no city or region has the id 'atlantis'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from citygraph.graph.read.agreements import AgreementView, agreement_order, read_agreements
from citygraph.graph.read.common import (
    CG_NS,
    GEO_NS,
    RDFS_LABEL,
    SKOS_ALT,
    UNKNOWN,
    Identifier,
    Kind,
    Name,
    Node,
    Ref,
    SourceRef,
    as_float,
    as_int,
    code_of,
    find,
    identifiers_of,
    local_name,
    matches_text,
    name_order,
    read_evidence,
    read_nodes,
    select,
    sources_of,
    uri_term,
)
from citygraph.graph.read.concepts import Concepts
from citygraph.graph.read.events import Award, ParticipationView, read_awards, read_participations
from citygraph.graph.read.listed import ListedTie, listed_ties
from citygraph.graph.read.people import OfficeView, PolicyItem, read_offices, read_policies
from citygraph.graph.store.base import Store


@dataclass(frozen=True, slots=True)
class CitySummary:
    """A city or region in the list, with its agreements with the focus city."""

    id: str
    iri: str
    type: str
    """City or Region."""
    name_en: str | None
    name_ko: str | None
    country: str | None
    """ISO 3166-1 alpha-2 code."""
    continent: str | None
    """AF, AN, AS, EU, NA, OC or SA."""
    lat: float | None
    lon: float | None
    agreements: int
    """Agreements with the focus city."""
    kinds: tuple[str, ...]
    """Their kinds (codes)."""


@dataclass(frozen=True, slots=True)
class CityPage:
    """Cities and regions: a page of them and facet counts over all that match."""

    total: int
    """Every city or region that matches the filters."""
    limit: int
    offset: int
    items: tuple[CitySummary, ...]
    facets: dict[str, dict[str, int]]
    """Matches per country and per continent (each once; 'unknown' when missing; they sum to total)
    and per agreement kind with the focus city (a city counts under each kind and broader kind
    it has); a facet's count is the total with that filter added.
    """


@dataclass(frozen=True, slots=True)
class Location:
    """Where a place is: coordinates, country, continent, enclosing place."""

    lat: float | None
    lon: float | None
    country: Ref | None
    country_code: str | None
    continent: Kind | None
    located_in: Ref | None


@dataclass(frozen=True, slots=True)
class CityDetail:
    """Everything the graph holds about one city or region."""

    id: str
    iri: str
    type: str
    name_en: str | None
    name_ko: str | None
    names: tuple[Name, ...]
    """Every label and alias."""
    keys: tuple[str, ...]
    """Its data keys."""
    location: Location
    identifiers: tuple[Identifier, ...]
    """Wikidata and GeoNames links."""
    agreements: tuple[AgreementView, ...]
    """Every agreement it is a party to, those with the focus city first."""
    meetings: tuple[ParticipationView, ...]
    """Bilateral meetings it (or its mayor, or its government) took part in."""
    events: tuple[ParticipationView, ...]
    """Other events it, people in office there or its government took part in."""
    people: tuple[OfficeView, ...]
    """People in office there."""
    policies: tuple[PolicyItem, ...]
    prizes: tuple[Award, ...]
    sources: tuple[SourceRef, ...]
    """Sources of its names, coordinates, ids."""
    listed: tuple[ListedTie, ...] = ()
    """Ties a list of twinnings states for it and its districts, with the list as source."""


PLACE_CLASSES = ("City", "Region")


# Places a list of twinnings alone states (rule "listed") are left out of the lists and
# figures of the staff pages: they are the world's network, read by graph.network.world;
# each still has its own page.
CURATED = 'MINUS { ?node cg:evidence ?listed . ?listed cg:rule "listed" }'
PLACES = "?node a ?placeClass . VALUES ?placeClass { cg:City cg:Region } " + CURATED


COUNTRIES = "?node a cg:Country ."


FOCUS_AGREEMENTS = """
SELECT DISTINCT ?a ?partner ?focus ?k ?y WHERE {
  ?a a cg:Agreement ; cg:party ?focus , ?partner ; cg:agreementKind ?k .
  FILTER(?partner != ?focus)
  OPTIONAL { ?a cg:yearSigned ?y }
}
"""


@dataclass(frozen=True, slots=True)
class _Tie:
    agreement: str
    kinds: frozenset[str]  # own codes and broader codes
    own: frozenset[str]
    years: frozenset[int]

    def qualifies(self, since: int | None, until: int | None) -> bool:
        if since is None and until is None:
            return True
        return any((since is None or y >= since) and (until is None or y <= until)
                   for y in self.years)


def _focus_ties(store: Store, focus: str, concepts: Concepts) -> dict[str, list[_Tie]]:
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in select(store, FOCUS_AGREEMENTS, {"focus": uri_term(focus)}):
        pair = (row["partner"].value, row["a"].value)
        kinds[pair].add(row["k"].value)
        year = as_int(row["y"].value) if "y" in row else None
        if year is not None:
            years[pair].add(year)
    ties: dict[str, list[_Tie]] = defaultdict(list)
    for (partner, agreement), iris in sorted(kinds.items()):
        own = [concepts.kind(i) for i in sorted(iris)]
        codes = frozenset(k.code for k in own)
        ties[partner].append(_Tie(agreement, codes | {b for k in own for b in k.broader}, codes,
                                  frozenset(years[(partner, agreement)])))
    return ties


def _continent_of(node: Node, countries: Mapping[str, Node]) -> str | None:
    own = node.iris(CG_NS + "continent")
    if own:
        return code_of(own[0])
    for country in node.iris(CG_NS + "country"):
        if country in countries:
            found = countries[country].iris(CG_NS + "continent")
            if found:
                return code_of(found[0])
    return None


def _country_code(node: Node, countries: Mapping[str, Node]) -> str | None:
    for country in node.iris(CG_NS + "country"):
        known = countries.get(country)
        return known.id if known else local_name(country)
    return None


def list_cities(
    store: Store,
    focus: str,
    *,
    country: str | None = None,
    continent: str | None = None,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> CityPage:
    """Cities and regions, filtered, sorted by English name, one page of them.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.
    focus
        The focus city's IRI: ``agreements``, ``kinds``, ``kind``, ``since``
        and ``until`` are about agreements with it.
    country, continent
        ISO 3166-1 alpha-2 country code; continent code (``AF`` ... ``SA``).
    kind
        An agreement kind code; a narrower kind counts (``sister`` takes
        ``chinseon``).
    since, until
        Years: a city passes when it has an agreement with the focus city (of
        ``kind``, when given) with a reading in the range.
    q
        Case-insensitive substring of an English or Korean label or an alias.
    limit, offset
        The page.

    Returns
    -------
    CityPage
        ``total`` counts every match; ``facets`` count the matches per
        country and continent (each match once, ``unknown`` when missing) and
        per agreement kind (a match once under each kind, and each broader
        kind, of its agreements with the focus city in the year range), so a
        facet's count is the ``total`` the list gives with that filter added.

    An empty year range (``since`` after ``until``) matches nothing.
    """
    concepts = Concepts(store)
    places = read_nodes(store, PLACES).nodes
    countries = read_nodes(store, COUNTRIES).nodes
    ties = _focus_ties(store, focus, concepts)
    wanted_country = country.upper() if country else None
    matches: list[tuple[CitySummary, set[str]]] = []
    for iri, node in places.items():
        code = _country_code(node, countries)
        cont = _continent_of(node, countries)
        if wanted_country and code != wanted_country:
            continue
        if continent and cont != continent:
            continue
        mine = ties.get(iri, [])
        in_range = [t for t in mine if t.qualifies(since, until)]
        if (since is not None or until is not None) and not in_range:
            continue
        if kind and not any(kind in t.kinds for t in in_range):
            continue
        labels = node.texts(RDFS_LABEL) + node.texts(SKOS_ALT)
        if not matches_text(q, labels):
            continue
        lat = as_float(node.first(GEO_NS + "lat"))
        lon = as_float(node.first(GEO_NS + "long"))
        summary = CitySummary(
            id=node.id, iri=iri, type=node.type or "City", name_en=node.name_en,
            name_ko=node.name_ko, country=code, continent=cont, lat=lat, lon=lon,
            agreements=len({t.agreement for t in mine}),
            kinds=tuple(sorted({k for t in mine for k in t.own})),
        )
        matches.append((summary, {k for t in in_range for k in t.kinds}))
    matches.sort(key=lambda m: name_order(m[0].name_en, m[0].name_ko, m[0].id))
    facets: dict[str, Counter[str]] = {"country": Counter(), "continent": Counter(),
                                       "kind": Counter()}
    for summary, kinds in matches:
        facets["country"][summary.country or UNKNOWN] += 1
        facets["continent"][summary.continent or UNKNOWN] += 1
        facets["kind"].update(kinds)
    items = [m[0] for m in matches]
    return CityPage(
        total=len(items), limit=limit, offset=offset,
        items=tuple(items[offset:offset + limit]),
        facets={name: dict(sorted(c.items())) for name, c in facets.items()},
    )


CITY_AGREEMENTS = "?node a cg:Agreement ; cg:party ?city ."


# the city itself, a person in office there, or its government takes part
CITY_PARTICIPATIONS = """
?node a cg:Participation .
{ ?node cg:participant ?city }
UNION { ?node cg:participant ?who . ?office org:member ?who ; org:organization ?city }
UNION { ?node cg:participant ?who . ?who a cg:Organization ; cg:locatedIn ?city ;
          cg:orgKind <https://w3id.org/citygraph/kind/org/government> }
"""


CITY_PARTICIPATION_EVENTS = CITY_PARTICIPATIONS.replace("?node", "?p0") + " ?p0 cg:event ?node ."


CITY_OFFICES = "?node a cg:Office ; org:organization ?city ."


CITY_POLICIES = "?node a cg:Policy ; cg:owner ?city ."


CITY_AWARDS = "?node a cg:PrizeAward ; cg:laureate ?city ."


MEETING = "bilateral_meeting"


def city_detail(store: Store, focus: str, id_: str) -> CityDetail:
    """Everything about one city or region.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.
    focus
        The focus city's IRI; agreements with it come first (``with_focus``).
    id_
        A data key (``wellington``) or the last segment of the IRI
        (``gn2179537``).

    Returns
    -------
    CityDetail
        Names, location, identifiers; every agreement the place is a party
        to, with each reading (date, source, locator, dataset row) and the
        agreements it upgrades or that upgrade it; participations of the
        place, of people in office there and of its government, split into
        bilateral ``meetings`` and other ``events``; offices, policies,
        prizes; the sources of the place's own facts.

    Raises
    ------
    NotFound
        No city or region has the id.
    """
    iri = find(store, id_, PLACE_CLASSES, ("place/",), "city or region")
    bound = {"city": uri_term(iri)}
    concepts = Concepts(store)
    own = read_nodes(store, "", {"node": uri_term(iri)})
    node = own.nodes[iri]
    countries = node.iris(CG_NS + "country")
    country = own.ref(countries[0]) if countries else None
    continents = node.iris(CG_NS + "continent")
    continent = concepts.kind(continents[0]) if continents else None
    if continent is None and country is not None:
        found = read_nodes(store, "", {"node": uri_term(country.iri)}).nodes.get(country.iri)
        if found and found.iris(CG_NS + "continent"):
            continent = concepts.kind(found.iris(CG_NS + "continent")[0])
    within = node.iris(CG_NS + "locatedIn")
    location = Location(
        lat=as_float(node.first(GEO_NS + "lat")), lon=as_float(node.first(GEO_NS + "long")),
        country=country, country_code=country.id if country else None,
        continent=continent, located_in=own.ref(within[0]) if within else None,
    )
    agreements = sorted(read_agreements(store, concepts, CITY_AGREEMENTS, bound, focus),
                        key=agreement_order)
    participations = read_participations(store, concepts, CITY_PARTICIPATIONS,
                                     CITY_PARTICIPATION_EVENTS, bound)
    evidence = read_evidence(store, "", {"node": uri_term(iri)})
    return CityDetail(
        id=node.id, iri=iri, type=node.type or "City", name_en=node.name_en,
        name_ko=node.name_ko, names=node.names(), keys=tuple(node.keys), location=location,
        identifiers=identifiers_of(node), agreements=tuple(agreements),
        meetings=tuple(p for p in participations if p.event.kind == MEETING),
        events=tuple(p for p in participations if p.event.kind != MEETING),
        people=tuple(read_offices(store, concepts, CITY_OFFICES, bound)),
        policies=tuple(read_policies(store, CITY_POLICIES, bound)),
        prizes=tuple(read_awards(store, CITY_AWARDS, bound)),
        sources=sources_of(evidence.get(iri, ())),
        listed=listed_ties(store, iri),
    )
