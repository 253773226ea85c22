"""Graph benchmarks: ten representative queries on the bundled graph and on a synthetic
graph at least 100 times larger, embedded Oxigraph against rdflib's memory store,
and the NetworkX projection and analytics.

``BENCH_SCALE`` sets the synthetic size (cities; 12,100 by default, giving some
950,000 quads, 100 times the bundled graph); ``BENCH_RUNS`` the runs per query
(rdflib gets a tenth, at least one).  Betweenness is sampled (k = 300) above
2,000 places.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable

from rdflib import Dataset

from citygraph.graph.network import analysis
from citygraph.graph.network.project import city_network
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.write.mapping import SourceSet, to_rdf
from citygraph.ingest.facts import (
    Agreement,
    AgreementKind,
    Continent,
    Event,
    EventKind,
    Evidence,
    PartialDate,
    Participation,
    ParticipationRole,
    Place,
    PlaceType,
)

PREFIXES = """PREFIX cg: <https://w3id.org/citygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
QUERIES = {
    "count-by-kind": "SELECT ?kind (COUNT(?a) AS ?n) WHERE { ?a a cg:Agreement ; "
                     "cg:agreementKind ?kind } GROUP BY ?kind",
    "partners-of-focus": "SELECT ?city ?name ?year WHERE { ?a cg:party <FOCUS>, ?city ; "
                         "cg:yearSigned ?year . FILTER(?city != <FOCUS>) "
                         "?city rdfs:label ?name FILTER(LANG(?name) = 'en') }",
    "ties-per-year": "SELECT ?year (COUNT(?a) AS ?n) WHERE { ?a cg:yearSigned ?year } "
                     "GROUP BY ?year ORDER BY ?year",
    "by-continent": "SELECT ?continent (COUNT(DISTINCT ?city) AS ?n) WHERE { "
                    "?a cg:party <FOCUS>, ?city . ?city cg:country ?c . ?c cg:continent "
                    "?continent } GROUP BY ?continent",
    "label-search": "SELECT ?s ?name WHERE { ?s rdfs:label ?name . "
                    "FILTER(STRSTARTS(LCASE(STR(?name)), 'se')) } LIMIT 100",
    "sister-level": "SELECT ?a WHERE { ?a cg:agreementKind/skos:broader* "
                    "<https://w3id.org/citygraph/kind/agreement/sister> }",
    "event-participants": "SELECT ?event (COUNT(?p) AS ?n) WHERE { ?x cg:event ?event ; "
                          "cg:participant ?p } GROUP BY ?event ORDER BY DESC(?n) LIMIT 10",
    "evidence-of-ties": "SELECT ?a ?source WHERE { ?a a cg:Agreement ; cg:evidence ?e . "
                        "?e dcterms:source ?source } LIMIT 1000",
    "two-hop": "SELECT DISTINCT ?other WHERE { ?a cg:party <FOCUS>, ?mid . ?b cg:party ?mid, "
               "?other . FILTER(?mid != <FOCUS> && ?other != <FOCUS>) } LIMIT 1000",
    "ask-any-mou": "ASK { ?a cg:agreementKind <https://w3id.org/citygraph/kind/agreement/mou> }",
}


def synthetic(cities: int, *, seed: int = 7) -> bytes:
    """N-Quads of a synthetic partnership graph: cities, ties, forums with participants."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    ev = (Evidence("https://example.org/synthetic", "synthetic", dataset="synthetic", line=1),)
    countries = [Place(f"C{i:03d}", PlaceType.COUNTRY, f"Country {i}", f"나라 {i}",
                       continent=rng.choice(list(Continent)), evidence=ev) for i in range(60)]
    places = [Place(f"city{i}", PlaceType.CITY, "Seoul" if i == 0 else f"City {i}",
                    f"도시 {i}", country=rng.choice(countries).key,
                    lat=rng.uniform(-60, 70), lon=rng.uniform(-180, 180), evidence=ev)
              for i in range(cities)]
    kinds = [AgreementKind.SISTER, AgreementKind.FRIENDSHIP, AgreementKind.MOU,
             AgreementKind.COOPERATION]
    facts: list[object] = [*countries, *places]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < cities * 4:
        a = 0 if rng.random() < 0.05 else rng.randrange(cities)
        b = rng.randrange(cities)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    for a, b in pairs:
        facts.append(Agreement((f"city{a}", f"city{b}"), rng.choice(kinds),
                               signed=PartialDate(rng.randint(1960, 2024)), evidence=ev))
    for e in range(cities // 50):
        facts.append(Event(f"forum{e}", EventKind.FORUM, f"Forum {e}",
                           start=PartialDate(rng.randint(1990, 2024)), evidence=ev))
        for c in rng.sample(range(cities), 20):
            facts.append(Participation(f"forum{e}", f"city{c}", ParticipationRole.PARTICIPANT,
                                       evidence=ev))
    dataset = to_rdf([SourceSet("synthetic", "0" * 64, facts)])  # type: ignore[arg-type]
    data = dataset.serialize(format="nquads")
    return data.encode() if isinstance(data, str) else data


def _median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _rdflib(data: bytes) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(data=data, format="nquads")
    return ds


def compare(name: str, data: bytes, focus: str, runs: int) -> None:
    """Load ``data`` into Oxigraph and rdflib; print load and query times and ratios."""
    started = time.perf_counter()
    ox = OxigraphStore.in_memory()
    ox.load_nquads(data)
    ox_load = time.perf_counter() - started
    started = time.perf_counter()
    rd = _rdflib(data)
    rd_load = time.perf_counter() - started
    triples = ox.quad_count()
    print(f"[{name}] {triples:,} quads; load: Oxigraph {ox_load:.2f} s, rdflib {rd_load:.2f} s "
          f"(rdflib/Oxigraph {rd_load / ox_load:.1f}x)")
    slow_runs = max(1, runs // 10)
    for key, body in QUERIES.items():
        sparql = PREFIXES + body.replace("FOCUS", focus)
        ox_ms = _median_ms(lambda s=sparql: ox.query(s, max_rows=1_000_000), runs)
        rd_ms = _median_ms(lambda s=sparql: list(rd.query(s)), slow_runs)
        print(f"[{name}] query {key:<19} Oxigraph {ox_ms:8.2f} ms   rdflib {rd_ms:9.1f} ms   "
              f"ratio {rd_ms / max(ox_ms, 0.001):7.1f}x")
    started = time.perf_counter()
    g = city_network(ox)
    projection = time.perf_counter() - started
    timings = {}
    sample = 300 if g.number_of_nodes() > 2000 else None
    steps: dict[str, Callable[[], object]] = {
        "degree": lambda: analysis.degree(g),
        "betweenness" + (f" (k={sample})" if sample else ""): lambda: analysis.betweenness(
            g, k=sample),
        "eigenvector": lambda: analysis.eigenvector(g),
        "communities": lambda: analysis.communities(g),
    }
    for label, step in steps.items():
        started = time.perf_counter()
        step()
        timings[label] = time.perf_counter() - started
    started = time.perf_counter()
    analysis.recommend(g, focus, n=10)
    timings["recommend"] = time.perf_counter() - started
    figures = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())
    print(f"[{name}] projection {projection * 1000:.0f} ms ({g.number_of_nodes():,} nodes, "
          f"{g.number_of_edges():,} edges); {figures}")


def main(bundled: bytes, focus: str) -> None:
    """Run the graph benchmarks on the bundled N-Quads and on a synthetic graph."""
    runs = int(os.environ.get("BENCH_RUNS", "20"))
    compare("bundled", bundled, focus, runs)
    scale = int(os.environ.get("BENCH_SCALE", "12100"))
    started = time.perf_counter()
    data = synthetic(scale)
    print(f"[synthetic] generated in {time.perf_counter() - started:.1f} s")
    compare("synthetic", data, "https://w3id.org/citygraph/id/place/city0", runs)
