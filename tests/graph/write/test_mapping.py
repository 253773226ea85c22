"""The mapping against a golden TriG file written for the tiny test data.

To accept an intended change, regenerate the file with
``python -m tests.graph.test_mapping`` and review the diff.
"""

from pathlib import Path

from rdflib import Dataset, URIRef

from citygraph.graph.write.mapping import SourceSet, agreement_iri, to_rdf
from citygraph.ingest.curated import parse_dataset, read_datasets
from citygraph.ontology.vocab import CG, ID

from ...conftest import TEST_DATA

GOLDEN = TEST_DATA / "tiny.golden.trig"


def tiny_dataset() -> Dataset:
    sets = [SourceSet(s.key, "0" * 64, parse_dataset(s)) for s in read_datasets(TEST_DATA / "tiny")]
    return to_rdf(sets)


def quads(ds: Dataset) -> set[tuple[object, ...]]:
    return set(ds.quads((None, None, None, None)))


def test_tiny_data_maps_to_the_golden_trig() -> None:
    golden = Dataset()
    golden.parse(GOLDEN, format="trig")
    actual = tiny_dataset()
    missing = quads(golden) - quads(actual)
    extra = quads(actual) - quads(golden)
    assert not missing, f"missing: {sorted(map(str, missing))[:5]}"
    assert not extra, f"unexpected: {sorted(map(str, extra))[:5]}"


def test_iris_are_stable_and_use_known_ids() -> None:
    ds = tiny_dataset()
    seoul, wellington = ID["place/gn1835848"], ID["place/gn2179537"]
    friendship = agreement_iri([wellington, seoul], "friendship")
    assert str(friendship).endswith("/agreement/gn1835848--gn2179537/friendship")
    g = ds.graph(ID["source/partners"])
    # two sources disagree on the month: one node, both readings, each with its source
    dates = sorted(str(o) for o in g.objects(friendship, CG.dateSigned))
    assert dates == ["2016-07", "2016-08"]
    evidence = list(g.objects(friendship, CG.evidence))
    stated = {
        (str(g.value(e, URIRef("http://purl.org/dc/terms/source"))),
         str(g.value(e, CG.statesDate)))
        for e in evidence
    }
    assert stated == {("https://example.org/a", "2016-07"), ("https://example.org/b", "2016-08")}
    assert quads(ds) == quads(tiny_dataset())


def test_each_dataset_is_a_named_graph_described_with_prov() -> None:
    ds = tiny_dataset()
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {str(ID[f"source/{k}"]) for k in ("forum", "partners", "reference")} <= names
    derived = set(ds.graph(ID["source/partners"]).objects(ID["source/partners"], prov))
    assert derived == {URIRef("https://example.org/a"), URIRef("https://example.org/b")}


if __name__ == "__main__":
    Path(GOLDEN).write_text(tiny_dataset().serialize(format="trig"), encoding="utf-8")
