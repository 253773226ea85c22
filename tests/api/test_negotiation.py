"""Content negotiation: a table of Accept headers, and the format parameter."""

from __future__ import annotations

import pytest

from citygraph.api.negotiation import (
    GRAPH,
    GRAPH_OFFERS,
    RESULT_OFFERS,
    RESULTS,
    MediaRange,
    UnknownFormat,
    choose,
    negotiate,
    parse_accept,
)
from citygraph.graph.store.results import GRAPH_TYPES, RESULT_TYPES

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TTL = "text/turtle"
NT = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
TRIG = "application/trig"
HTML = "text/html"
TABLE = [JSON, XML, CSV, TSV]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "offered", "expected"),
    [
        # absent, empty or blank: anything goes, the server's first choice
        (None, TABLE, JSON),
        ("", TABLE, JSON),
        ("   ", TABLE, JSON),
        # exact matches, case-insensitive
        (CSV, TABLE, CSV),
        ("TEXT/CSV", TABLE, CSV),
        (" text/tab-separated-values ", TABLE, TSV),
        # wildcards
        ("*/*", TABLE, JSON),
        ("text/*", TABLE, CSV),  # ties between csv and tsv: the server's order
        ("application/*", [TTL, JSONLD, RDFXML], JSONLD),
        # q-values decide
        ("text/csv;q=0.5, application/sparql-results+json;q=0.4", TABLE, CSV),
        ("text/csv;q=0.5, application/sparql-results+xml", TABLE, XML),
        ("text/csv; q=1.0, text/tab-separated-values; q=0.999", TABLE, CSV),
        ("text/csv;q=0.001", TABLE, CSV),
        # q=0 means "not acceptable", even where a wildcard would accept it
        ("*/*, application/sparql-results+json;q=0", TABLE, XML),
        ("application/sparql-results+json;q=0", TABLE, None),
        ("*/*;q=0", TABLE, None),
        ("text/*;q=0, */*;q=0.1", TABLE, JSON),
        ("text/*, text/csv;q=0", TABLE, TSV),
        # the most specific range sets an offered type's weight
        ("text/*;q=0.2, text/tab-separated-values;q=0.9, */*;q=0.1", TABLE, TSV),
        ("*/*;q=0.9, text/*;q=0.1", TABLE, JSON),
        ("*/*;q=0.1, text/*;q=0.9", TABLE, CSV),
        # equal weights: the type named outright beats one reached by a wildcard
        ("*/*, application/ld+json", [TTL, JSONLD], JSONLD),
        ("text/*, text/tab-separated-values", TABLE, TSV),
        # equal weights and specificity: the server's order, whatever the header's
        ("text/tab-separated-values, text/csv", TABLE, CSV),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.5", [TTL, RDFXML], TTL),
        # nothing matches
        ("image/png", TABLE, None),
        ("application/json", TABLE, None),
        # parameters: charset=utf-8 is always met, other parameters must be offered
        ("text/csv;charset=utf-8", TABLE, CSV),
        ("text/csv;charset=UTF-8;q=0.8, */*;q=0.1", TABLE, CSV),
        ("text/csv;charset=iso-8859-1", TABLE, None),
        ("text/csv;header=absent", [CSV, "text/csv;header=absent"], "text/csv;header=absent"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', [JSONLD], None),
        # accept extensions after q are ignored
        ("text/csv;q=0.5;ext=1, text/tab-separated-values;q=0.4", TABLE, CSV),
        # a quoted comma does not split a range
        ('text/csv;foo="a,b";q=0.1, text/tab-separated-values;q=0.2', TABLE, TSV),
        # malformed ranges are skipped, the rest still count
        ("nonsense, text/csv", TABLE, CSV),
        ("text/csv;q=2, text/tab-separated-values;q=0.1", TABLE, TSV),
        ("text/csv;q=abc, text/tab-separated-values;q=0.1", TABLE, TSV),
        ("text/csv;q=0.1234, text/tab-separated-values;q=0.1", TABLE, TSV),
        ("text/csv;q=-1, text/tab-separated-values;q=0.1", TABLE, TSV),
        ("*/csv, text/tab-separated-values;q=0.1", TABLE, TSV),
        ("text/csv;;, text/tab-separated-values;q=0.1", TABLE, TSV),
        ("text/, text/tab-separated-values;q=0.1", TABLE, TSV),
        (",,, text/tab-separated-values", TABLE, TSV),
        # a header with nothing well-formed is treated as absent
        ("nonsense", TABLE, JSON),
        ("text/csv;q=5", TABLE, JSON),
        # browsers prefer HTML when it is offered; application/xml otherwise
        (BROWSER, [TTL, JSONLD, HTML], HTML),
        (BROWSER, [JSON, XML, "application/xml"], "application/xml"),
        (BROWSER, [TTL, NT], TTL),
        # no offer at all
        ("*/*", [], None),
    ],
)
def test_choose(accept: str | None, offered: list[str], expected: str | None) -> None:
    assert choose(accept, offered) == expected


def test_parse_accept_keeps_the_well_formed_ranges_in_order() -> None:
    assert parse_accept("text/html;level=1;q=0.7, bad, */*;q=0") == [
        MediaRange("text", "html", (("level", "1"),), 0.7),
        MediaRange("*", "*", (), 0.0),
    ]


def test_choose_refuses_a_malformed_offer() -> None:
    with pytest.raises(ValueError, match="malformed"):
        choose("*/*", ["not a media type"])


@pytest.mark.parametrize(
    ("accept", "kind", "formats", "expected"),
    [
        # Accept alone
        (None, RESULTS, [], JSON),
        (None, GRAPH, [], TTL),
        ("*/*", GRAPH, [], TTL),
        # aliases are answered in the type they stand for
        ("application/json", RESULTS, [], JSON),
        ("application/json", GRAPH, [], JSONLD),
        ("application/xml", RESULTS, [], XML),
        ("text/xml", RESULTS, [], XML),
        ("application/xml", GRAPH, [], RDFXML),
        ("application/x-turtle", GRAPH, [], TTL),
        # what SPARQLWrapper and rdflib send
        ("application/sparql-results+json,application/json,text/javascript,"
         "application/javascript", RESULTS, [], JSON),
        ("application/sparql-results+xml, application/rdf+xml", GRAPH, [], RDFXML),
        ("application/sparql-results+xml, application/rdf+xml", RESULTS, [], XML),
        ("application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,"
         "text/n3", GRAPH, [], TTL),
        ("application/ld+json,application/x-json+ld", GRAPH, [], JSONLD),
        # nothing acceptable for the kind of result
        (CSV, GRAPH, [], None),
        (TTL, RESULTS, [], None),
        # the format parameter wins over Accept
        (CSV, RESULTS, ["json"], JSON),
        ("*/*", RESULTS, ["xml"], XML),
        ("*/*", RESULTS, ["csv"], CSV),
        ("*/*", RESULTS, ["tsv"], TSV),
        ("*/*", GRAPH, ["ttl"], TTL),
        ("*/*", GRAPH, ["nt"], NT),
        ("*/*", GRAPH, ["jsonld"], JSONLD),
        ("*/*", GRAPH, ["rdfxml"], RDFXML),
        ("*/*", GRAPH, ["trig"], TRIG),
        (TTL, GRAPH, ["json"], JSONLD),
        (TTL, GRAPH, ["xml"], RDFXML),
        (None, RESULTS, [" JSON "], JSON),
        # SPARQLWrapper's names and media types
        (None, GRAPH, ["turtle"], TTL),
        (None, GRAPH, ["n3"], TTL),
        (None, GRAPH, ["json-ld", "application/ld+json"], JSONLD),
        (None, GRAPH, ["rdf+xml", "application/rdf+xml"], RDFXML),
        (None, RESULTS, ["tsv", "text/tab-separated-values"], TSV),
        (None, RESULTS, ["text/csv"], CSV),
        (None, RESULTS, ["application/json"], JSON),
        # the first value that fits the kind wins
        (None, RESULTS, ["ttl", "csv"], CSV),
        # a known format that does not fit the kind: nothing acceptable (406)
        (JSON, RESULTS, ["ttl"], None),
        (None, GRAPH, ["csv"], None),
        (None, GRAPH, ["text/csv"], None),
    ],
)
def test_negotiate(accept: str | None, kind: str, formats: list[str],
                   expected: str | None) -> None:
    assert negotiate(accept, kind, formats) == expected


@pytest.mark.parametrize("formats", [["yaml"], ["image/png"], ["text/*"], [""]])
def test_an_unknown_format_is_an_error(formats: list[str]) -> None:
    with pytest.raises(UnknownFormat, match="not known"):
        negotiate("*/*", RESULTS, formats)


def test_every_offer_can_be_written() -> None:
    for media in RESULT_OFFERS:
        assert negotiate(media, RESULTS) in RESULT_TYPES
    for media in GRAPH_OFFERS:
        assert negotiate(media, GRAPH) in GRAPH_TYPES
