"""Every CSV citygraph writes neutralises cells a spreadsheet would run as formulas.

Before, a label such as ``=HYPERLINK("http://x","click")`` came back as it was in
``/agreements.csv`` and in the SPARQL CSV results: a formula when opened.
"""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox

from citygraph.api.pages import agreements_page as ap
from citygraph.graph import read
from citygraph.graph.network.export import export_network
from citygraph.graph.store.base import SelectResult, Term
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.results import to_csv

EVIL = ('=HYPERLINK("http://example.org","x")', "+1+1", "-1+1", "@SUM(A1)", "\tTAB")


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_agreements_csv() -> None:
    partner = read.Ref("x", "https://example.org/x", "City", EVIL[0], EVIL[3])
    row = ap.AgreementRow("a", "https://example.org/a", read.Kind("sister", "k"), (partner,),
                          "NZ", "OC", 1968, ("-41.28",), ())
    found = cells(ap.to_csv([row]))[1]
    assert found[2] == "'" + EVIL[0] and found[3] == "'" + EVIL[3]
    assert found[8] == "-41.28"  # a number stays a number


def test_the_sparql_csv_results() -> None:
    rows = [{"v": Term("literal", e)} for e in EVIL] + [{"v": Term("literal", "-5")}]
    found = [r[0] for r in cells(to_csv(SelectResult(["v"], rows)))[1:]]
    assert found == ["'" + e for e in EVIL] + ["-5"]


def test_the_network_csv() -> None:
    store = ox.Store()
    store.load(input=b"""
        @prefix cg: <https://w3id.org/citygraph/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://e.org/a> a cg:City ; rdfs:label "=cmd|' /C calc'!A0"@en .
        <https://e.org/b> a cg:City ; rdfs:label "@SUM(1)"@en .
        <https://e.org/t> a cg:Agreement ; cg:party <https://e.org/a>, <https://e.org/b> ;
          cg:agreementKind <https://w3id.org/citygraph/kind/agreement/sister> .
    """, format=ox.RdfFormat.TURTLE)
    text = export_network(OxigraphStore(store), "csv").decode()
    labels = {c for r in cells(text)[1:] for c in r[2:4]}
    assert labels == {"'=cmd|' /C calc'!A0", "'@SUM(1)"}
