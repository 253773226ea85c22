"""Exports: JSON-LD round-trips into rdflib; GraphML, GEXF (with times) and CSV edges."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
from rdflib import Dataset
from rdflib.compare import isomorphic

from citygraph.graph.network.export import export_network
from citygraph.graph.network.project import city_network
from citygraph.graph.publish.dumps import export
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.ontology import json_ld_context


def test_jsonld_uses_the_published_context_and_round_trips(bundled_store: OxigraphStore) -> None:
    data = export(bundled_store, "jsonld")
    document = json.loads(data)
    assert document["@context"] == json_ld_context()
    assert json_ld_context()["cg"] == "https://w3id.org/citygraph/ontology#"
    back = Dataset()
    back.parse(data=data, format="json-ld")
    original = Dataset()
    original.parse(data=export(bundled_store, "nq"), format="nquads")
    assert len(back) == len(original)
    names = {str(g.identifier) for g in original.graphs() if len(g)}
    assert names == {str(g.identifier) for g in back.graphs() if len(g)}
    for name in names:
        assert isomorphic(original.graph(name), back.graph(name)), name


def test_gexf_reads_back_with_its_times(bundled_store: OxigraphStore) -> None:
    g = nx.read_gexf(io.BytesIO(export_network(bundled_store, "gexf")))
    assert g.graph["mode"] == "dynamic"
    network = city_network(bundled_store)
    assert g.number_of_nodes() == network.number_of_nodes()
    assert g.number_of_edges() == network.number_of_edges()
    taipei = [d for u, v, d in g.edges(data=True)
              if {g.nodes[u]["label"], g.nodes[v]["label"]} == {"Seoul", "Taipei"}
              and d["relation"] == "agreement"]
    assert [(d["kind"], d["start"]) for d in taipei] == [("sister", 1968)]
    dated = [d for _, _, d in g.edges(data=True) if "start" in d]
    assert len(dated) == sum(1 for _, _, d in network.edges(data=True) if d["year"] is not None)


def test_graphml_and_csv_hold_every_tie(bundled_store: OxigraphStore) -> None:
    network = city_network(bundled_store)
    g = nx.read_graphml(io.BytesIO(export_network(bundled_store, "graphml")))
    assert (g.number_of_nodes(), g.number_of_edges()) == (network.number_of_nodes(),
                                                          network.number_of_edges())
    rows = list(csv.DictReader(io.StringIO(export_network(bundled_store, "csv").decode())))
    assert len(rows) == network.number_of_edges()
    sf = [r for r in rows if "San Francisco" in (r["source_label"], r["target_label"])
          and r["relation"] == "agreement"]
    assert sf and ";" in sf[0]["sources"]  # two sources, two readings of the date
