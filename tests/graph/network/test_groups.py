"""The groups every figure counts in, and the focus city's agreements, each once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from citygraph.graph.network.analysis import resolve
from citygraph.graph.network.groups import GROUPS, focus_agreements, group_labels, group_of
from citygraph.graph.network.project import city_network
from citygraph.graph.store.base import SelectResult, Term
from citygraph.graph.store.embedded import OxigraphStore

TEST_DATA = Path(__file__).resolve().parents[2] / "data"
SEOUL_GN = "https://w3id.org/citygraph/id/place/gn1835848"
PREFIX = "PREFIX cg: <https://w3id.org/citygraph/ontology#>\n"


@pytest.fixture(scope="module")
def network() -> object:
    store = ox.Store()
    store.load(path=str(TEST_DATA / "network.trig"), format=ox.RdfFormat.TRIG)
    return city_network(OxigraphStore(store))


def test_every_kind_falls_in_one_group() -> None:
    assert group_of("sister", ()) == "sister"
    assert group_of("chinseon", ("sister",)) == "sister"
    assert group_of("friendship", ()) == "friendship"
    assert group_of("mou", ()) == "mou"
    assert {group_of(k, ()) for k in ("cooperation", "exchange", "declaration", "other")} == {
        "other"}
    assert list(group_labels()) == list(GROUPS)
    assert group_labels()["other"] != group_labels()["sister"]


def test_focus_agreements_counts_each_agreement_once(network: object) -> None:
    def rows(key: str) -> list[tuple[int | None, str, str, str | None]]:
        found = focus_agreements(network, resolve(network, key))  # type: ignore[arg-type]
        return sorted(((a.year, a.kind, a.group, a.continent) for a in found),
                      key=lambda r: (r[0] is None, r[0] or 0))

    assert rows("seoul") == [
        (1968, "sister", "sister", "AS"),
        (2005, "declaration", "other", "OC"),
        (2014, "mou", "mou", "EU"),
        (2016, "friendship", "friendship", "OC"),
        (2023, "chinseon", "sister", "OC"),
        (None, "friendship", "friendship", "AS"),
    ]
    assert rows("dublin") == [(2000, "friendship", "friendship", "AS")]
    assert rows("vienna") == []


def test_bundled_agreements_match_sparql(bundled_store: OxigraphStore) -> None:
    result = bundled_store.query(PREFIX + """
        SELECT ?seoul ?year ?kind ?continent (COUNT(DISTINCT ?a) AS ?n) WHERE {
          VALUES ?class { cg:City cg:Region cg:Country }
          ?a a cg:Agreement ; cg:party ?seoul, ?other ; cg:agreementKind ?kind .
          ?other a ?class .
          FILTER(?other != ?seoul)
          OPTIONAL { ?other cg:country/cg:continent ?continent }
          OPTIONAL { SELECT ?a (MIN(?y) AS ?year) WHERE { ?a cg:yearSigned ?y } GROUP BY ?a }
        } GROUP BY ?seoul ?year ?kind ?continent""", bindings={"seoul": Term("uri", SEOUL_GN)},
        max_rows=100_000)
    assert isinstance(result, SelectResult) and not result.truncated
    expected = Counter({
        (int(r["year"].value) if "year" in r else None,
         r["kind"].value.rsplit("/", 1)[-1],
         r["continent"].value.rsplit("/", 1)[-1] if "continent" in r else None): int(r["n"].value)
        for r in result.rows
    })
    found = Counter((a.year, a.kind, a.continent)
                    for a in focus_agreements(city_network(bundled_store), SEOUL_GN))
    assert found == expected
    assert sum(found.values()) == 64
