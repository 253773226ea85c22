"""The visual at scale: a synthetic network of 5,000 cities and 20,000 ties.

Prints the time to build the model and the page, the page's size, and, in
headless chromium (Debian's, through Playwright), the time from opening the
file until the network is drawn, and how long the page takes to answer the
kind filter and the year slider.  Run alone (``python benchmarks/visual.py``)
or from ``benchmarks/run.py``.  ``BENCH_VISUAL_CITIES`` and
``BENCH_VISUAL_TIES`` change the scale; ``BENCH_VISUAL_LAYOUT`` (geo) the layout.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from citygraph.visuals.model import build_model
from citygraph.visuals.page import render_page
from citygraph.visuals.png import FLAGS, PngError, find_chromium

CITIES = int(os.environ.get("BENCH_VISUAL_CITIES", "5000"))
TIES = int(os.environ.get("BENCH_VISUAL_TIES", "20000"))
LAYOUT = os.environ.get("BENCH_VISUAL_LAYOUT", "geo")
CONTINENTS = ["AS", "EU", "NA", "SA", "AF", "OC"]
KINDS = [("agreement", "sister"), ("agreement", "friendship"), ("agreement", "mou"),
         ("meeting", None), ("forum", None), ("prize", None)]
BASE = "https://w3id.org/citygraph/id/place/s"


def synthetic(cities: int, ties: int, seed: int = 7) -> nx.MultiGraph:
    """A city network shaped like ``city_network``'s, with random places and ties."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    g = nx.MultiGraph()
    for i in range(cities):
        continent = rng.choice(CONTINENTS)
        g.add_node(f"{BASE}{i}", iri=f"{BASE}{i}", key=f"s{i}", label=f"City {i}",
                   label_ko=f"도시 {i}", type="City", country=None,
                   country_label=f"Country {i % 180}", country_label_ko=f"나라 {i % 180}",
                   continent=continent, continent_label=continent, continent_label_ko=continent,
                   lat=rng.uniform(-55, 70), lon=rng.uniform(-180, 180))
    for t in range(ties):
        u = 0 if t < cities // 5 else rng.randrange(cities)  # the focus has a fifth of them
        v = rng.randrange(1, cities)
        if u == v:
            continue
        relation, kind = rng.choice(KINDS)
        year = rng.randrange(1968, 2026)
        g.add_edge(f"{BASE}{u}", f"{BASE}{v}", key=f"t{t}", relation=relation, kind=kind,
                   broader=[], kind_label=kind or relation, kind_label_ko=kind or relation,
                   event_label=f"Event {t % 300}", event_label_ko=f"행사 {t % 300}",
                   prize_label="Prize", prize_label_ko="상", year=year, date=str(year),
                   dates=[str(year)], readings=[(str(year), "https://example.org/s")],
                   sources=["https://example.org/s"], upgrades=None, superseded_by=None)
    return g


def main() -> None:
    """Build, render and open the synthetic visual; print the figures."""
    g = synthetic(CITIES, TIES)
    started = time.perf_counter()
    model = build_model(g, f"{BASE}0", layout=LAYOUT, scope="all", lang="en")
    built = time.perf_counter() - started
    started = time.perf_counter()
    html = render_page(model)
    rendered = time.perf_counter() - started
    print(f"[visual] {g.number_of_nodes():,} cities, {g.number_of_edges():,} ties ({LAYOUT}): "
          f"model {built:.2f} s, page {rendered:.2f} s, {len(html.encode()) / 1e6:.1f} MB")
    try:
        chromium = find_chromium(os.environ.get("CITYGRAPH_CHROMIUM"))
    except PngError as e:
        print(f"[visual] no browser figures: {e}")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "visual.html"
        page_file.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, args=list(FLAGS))
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        started = time.perf_counter()
        page.goto(page_file.as_uri(), wait_until="load")
        loaded = time.perf_counter() - started
        page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)
        ready = time.perf_counter() - started
        edges = page.evaluate("window.citygraph.visibleEdges()")
        print(f"[visual] chromium: page loaded {loaded:.2f} s, network drawn {ready:.2f} s "
              f"after opening ({edges:,} ties visible)")
        for label, script in (
            ("kind filter (hide sister)", "window.citygraph.setKinds(['friendship','mou',"
             "'other','meeting','forum','prize'])"),
            ("year slider to 1990", "window.citygraph.setYear(1990)"),
            ("year slider back to the end", "window.citygraph.setYear(2025)"),
        ):
            started = time.perf_counter()
            page.evaluate(f"{script}; new Promise(r => requestAnimationFrame(() => "
                          "requestAnimationFrame(r)))")
            seconds = time.perf_counter() - started
            shown = page.evaluate("window.citygraph.visibleEdges()")
            print(f"[visual] {label}: answered and redrawn in {seconds:.2f} s "
                  f"({shown:,} ties visible)")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
