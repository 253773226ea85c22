"""Names of the citygraph ontology terms, for Python code.

The Turtle files beside this module are the source of truth; this module only
names what they declare, and ``tests/ontology/test_vocab.py`` fails when a name
here is missing from the Turtle.

Examples
--------
>>> str(CG.Agreement)
'https://w3id.org/citygraph/ontology#Agreement'
>>> str(kind_iri("agreement", "sister"))
'https://w3id.org/citygraph/kind/agreement/sister'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "CG",
    "GEO",
    "GN",
    "ID",
    "KIND",
    "ORG",
    "SCHEMA",
    "SCHEMES",
    "WD",
    "kind_iri",
    "scheme_iri",
]

ONTOLOGY_IRI = "https://w3id.org/citygraph/ontology"
ID = Namespace("https://w3id.org/citygraph/id/")
KIND = Namespace("https://w3id.org/citygraph/kind/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
GN = Namespace("https://sws.geonames.org/")

#: SKOS concept schemes declared in ``citygraph.ttl``; codes are the last IRI segment.
SCHEMES = (
    "agreement",  # agreement kinds
    "event",  # event kinds
    "theme",  # policy themes
    "role",  # office roles
    "participation",  # participation roles
    "org",  # organisation kinds
    "continent",  # continents
    "measure",  # what a stated count counts
)


class CG(DefinedNamespace):
    """Terms minted by citygraph (classes, then properties)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    City: URIRef
    Region: URIRef
    Country: URIRef
    Person: URIRef
    Organization: URIRef
    Event: URIRef
    Venue: URIRef
    Prize: URIRef
    PrizeAward: URIRef
    Agreement: URIRef
    Policy: URIRef
    Office: URIRef
    Participation: URIRef
    StatedCount: URIRef
    SourceDocument: URIRef
    Dataset: URIRef
    Evidence: URIRef

    # places
    country: URIRef
    locatedIn: URIRef
    continent: URIRef
    # agreements
    party: URIRef
    agreementKind: URIRef
    wording: URIRef
    dateSigned: URIRef
    yearSigned: URIRef
    signatory: URIRef
    signedAt: URIRef
    upgrades: URIRef
    supersedes: URIRef
    field: URIRef
    # events
    eventKind: URIRef
    edition: URIRef
    theme: URIRef
    # participation
    participant: URIRef
    event: URIRef
    participationRole: URIRef
    # organisations
    orgKind: URIRef
    # prizes
    prize: URIRef
    laureate: URIRef
    awardYear: URIRef
    awardedBy: URIRef
    # policies
    owner: URIRef
    policyTheme: URIRef
    # stated counts
    measure: URIRef
    value: URIRef
    approximate: URIRef
    # provenance
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    line: URIRef
    dataFile: URIRef
    locator: URIRef
    rule: URIRef
    confidence: URIRef
    statesDate: URIRef
    sha256: URIRef
    note: URIRef


def scheme_iri(scheme: str) -> URIRef:
    """Return the IRI of a SKOS concept scheme.

    Examples
    --------
    >>> str(scheme_iri("event"))
    'https://w3id.org/citygraph/kind/event'
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown concept scheme {scheme!r}")
    return KIND[scheme]


def kind_iri(scheme: str, code: str) -> URIRef:
    """Return the IRI of the concept ``code`` in ``scheme``.

    Examples
    --------
    >>> str(kind_iri("role", "mayor"))
    'https://w3id.org/citygraph/kind/role/mayor'
    """
    return URIRef(f"{scheme_iri(scheme)}/{code}")
