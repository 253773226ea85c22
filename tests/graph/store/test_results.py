"""SPARQL results and graphs, written per the W3C specifications and read back by rdflib."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from citygraph.graph.store.base import AskResult, GraphResult, SelectResult, Term
from citygraph.graph.store.results import (
    GRAPH_TYPES,
    RESULT_TYPES,
    UnsupportedFormat,
    serialize,
    to_csv,
    to_graph,
    to_sparql_xml,
    to_tsv,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
NS = "{http://www.w3.org/2005/sparql-results#}"

TRICKY = [
    "plain",
    'with "quotes" and \\ backslash',
    "tab\there, new\nline, return\r.",
    "comma, semicolon; <angle> & ampersand",
    "서울특별시 🏙",
    "",
    "  spaces around  ",
]
ROWS: list[dict[str, Term]] = [
    {"s": Term("uri", "https://w3id.org/citygraph/id/place/gn1835848"),
     "o": Term("literal", text)} for text in TRICKY
] + [
    {"s": Term("bnode", "b0"), "o": Term("literal", "Seoul", lang="en")},
    {"s": Term("uri", "http://ex.org/a"), "o": Term("literal", "1968", datatype=XSD + "gYear")},
    {"s": Term("uri", "http://ex.org/b"), "o": Term("literal", "42", datatype=XSD + "integer")},
    {"s": Term("uri", "http://ex.org/c"), "o": Term("literal", "x", datatype=XSD + "string")},
    {"o": Term("literal", "subject unbound")},
    {"s": Term("uri", "http://ex.org/d")},
    {},
]
RESULT = SelectResult(["s", "o"], ROWS)


def parse_xml(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 (our own output, in a test)


def rdflib_term(term: Term) -> URIRef | BNode | Literal:
    if term.type == "uri":
        return URIRef(term.value)
    if term.type == "bnode":
        return BNode(term.value)
    if term.lang:
        return Literal(term.value, lang=term.lang)
    datatype = None if term.datatype in (None, XSD + "string") else URIRef(term.datatype)
    return Literal(term.value, datatype=datatype)


def expected_rows() -> list[dict[str, object]]:
    return [{k: rdflib_term(v) for k, v in row.items()} for row in ROWS]


def rows_of(result: Result) -> list[dict[str, object]]:
    out = []
    for row in result.bindings:
        fixed = {}
        for var, value in row.items():
            if isinstance(value, Literal) and value.datatype == URIRef(XSD + "string"):
                value = Literal(str(value))
            fixed[str(var)] = value
        out.append(fixed)
    return out


def test_xml_results_follow_the_schema_and_rdflib_reads_them() -> None:
    text = to_sparql_xml(RESULT)
    root = parse_xml(text.encode())
    assert root.tag == f"{NS}sparql"
    assert [v.get("name") for v in root.iter(f"{NS}variable")] == ["s", "o"]
    results = root.findall(f"{NS}results/{NS}result")
    assert len(results) == len(ROWS)
    assert results[-1].findall(f"{NS}binding") == []  # an empty row has no binding elements
    lang = results[len(TRICKY)].find(f"{NS}binding[@name='o']/{NS}literal")
    assert lang is not None
    assert lang.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    parsed = Result.parse(io.BytesIO(text.encode()), format="xml")
    assert rows_of(parsed) == expected_rows()


def test_xml_ask_result() -> None:
    for boolean in (True, False):
        root = parse_xml(to_sparql_xml(AskResult(boolean)).encode())
        assert root.find(f"{NS}boolean") is not None
        assert root.findtext(f"{NS}boolean") == str(boolean).lower()
        assert Result.parse(io.BytesIO(to_sparql_xml(AskResult(boolean)).encode()),
                            format="xml").askAnswer is boolean


def test_xml_results_replace_characters_xml_cannot_hold() -> None:
    text = to_sparql_xml(SelectResult(["o"], [{"o": Term("literal", "bell\x07 and\x00 nul")}]))
    root = parse_xml(text.encode())  # still well-formed
    assert root.findtext(f".//{NS}literal") == "bell\ufffd and\ufffd nul"


def test_tsv_results_are_sparql_terms_and_rdflib_reads_them() -> None:
    text = to_tsv(RESULT)
    lines = text.split("\n")
    assert lines[0] == "?s\t?o"
    assert text.endswith("\n") and "\r" not in text
    assert len(lines) == len(ROWS) + 2  # header, rows, and the empty string after the last \n
    assert all(line.count("\t") == 1 for line in lines[:-1])  # tabs in values are escaped
    assert lines[1 + len(TRICKY)] == '_:b0\t"Seoul"@en'
    assert lines[2 + len(TRICKY)] == f'<http://ex.org/a>\t"1968"^^<{XSD}gYear>'
    assert lines[4 + len(TRICKY)] == '<http://ex.org/c>\t"x"'
    assert lines[-2] == "\t"  # a row with nothing bound
    parsed = Result.parse(io.BytesIO(text.encode()), format="tsv")
    assert rows_of(parsed) == expected_rows()


def test_csv_results_are_plain_values() -> None:
    text = to_csv(RESULT)
    assert text.startswith("s,o\r\n") and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["s", "o"]
    assert [r[1] for r in rows[1:len(TRICKY) + 1]] == TRICKY  # quoting round-trips
    assert rows[1 + len(TRICKY)] == ["_:b0", "Seoul"]
    assert rows[2 + len(TRICKY)] == ["http://ex.org/a", "1968"]
    assert rows[-1] == ["", ""]


@pytest.mark.parametrize("writer", [to_csv, to_tsv])
def test_ask_in_csv_and_tsv(writer: object) -> None:
    text = writer(AskResult(True))  # type: ignore[operator]
    assert text.split()[-1] == "true"


def test_every_results_type_writes_select_and_ask() -> None:
    for media in RESULT_TYPES:
        assert serialize(RESULT, media)
        assert b"true" in serialize(AskResult(True), media)
    assert json.loads(serialize(AskResult(False), "application/sparql-results+json")) == {
        "head": {}, "boolean": False}
    with pytest.raises(UnsupportedFormat):
        serialize(RESULT, "text/turtle")


NTRIPLES = (
    '<http://ex.org/seoul> <http://www.w3.org/2000/01/rdf-schema#label> "Seoul"@en .\n'
    '<http://ex.org/seoul> <http://www.w3.org/2000/01/rdf-schema#label> "서울"@ko .\n'
    f'<http://ex.org/seoul> <http://ex.org/since> "1968"^^<{XSD}gYear> .\n'
    '<http://ex.org/seoul> <http://ex.org/note> "say \\"hi\\"\\n" .\n'
    "<http://ex.org/seoul> <http://ex.org/evidence> _:e1 .\n"
    '_:e1 <http://ex.org/source> "press release" .\n'
)
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                  "application/ld+json": "json-ld", "application/rdf+xml": "xml",
                  "application/trig": "trig"}


@pytest.mark.parametrize("media", list(GRAPH_TYPES))
def test_graphs_round_trip_through_rdflib(media: str) -> None:
    expected = Graph().parse(data=NTRIPLES, format="nt")
    data = serialize(GraphResult(NTRIPLES, 6), media, {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    if media == "application/trig":
        dataset = Dataset()
        dataset.parse(data=data, format="trig")
        got = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            got.add((s, p, o))
    else:
        got = Graph().parse(data=data, format=RDFLIB_FORMATS[media])
    assert isomorphic(got, expected)


@pytest.mark.parametrize("media", list(GRAPH_TYPES))
def test_an_empty_graph_is_a_valid_document(media: str) -> None:
    data = serialize(GraphResult("", 0), media)
    if media == "application/ld+json":
        assert json.loads(data) == []
    ox.parse(data, format=GRAPH_TYPES[media])  # does not raise


def test_rdfxml_refuses_a_predicate_it_cannot_write() -> None:
    graph = GraphResult('<http://ex.org/a> <http://ex.org/1/> "x" .\n', 1)
    with pytest.raises(UnsupportedFormat, match="RDF/XML"):
        to_graph(graph, ox.RdfFormat.RDF_XML)
    assert to_graph(graph, ox.RdfFormat.TURTLE)  # other formats can
