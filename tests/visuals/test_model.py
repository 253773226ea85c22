"""The visual's model: categories, scope, filters, links, sizes and errors."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from citygraph.graph.network.project import city_network
from citygraph.ingest.errors import InvalidParameter, NotFound
from citygraph.visuals.layout import project
from citygraph.visuals.model import CATEGORIES, FOCUS_COLOR, build_model, category_of

ID = "https://w3id.org/citygraph/id/place/"
SEOUL = ID + "seoul"
XSS = "<img src=x onerror=alert(1)>"


def place(key: str, label: str, label_ko: str, continent: str | None,
          lat: float | None, lon: float | None) -> dict[str, Any]:
    return {"iri": ID + key, "key": key, "label": label, "label_ko": label_ko, "type": "City",
            "country": None, "country_label": None, "country_label_ko": None,
            "continent": continent, "continent_label": {"AS": "Asia", "EU": "Europe"}.get(
                continent or ""), "continent_label_ko": None, "lat": lat, "lon": lon}


def agreement(kind: str, year: int | None, broader: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"relation": "agreement", "kind": kind, "broader": broader,
            "kind_label": f"{kind} city", "kind_label_ko": f"{kind} 도시",
            "date": None if year is None else f"{year}-05", "year": year,
            "sources": [f"https://example.org/{kind}"]}


def event(relation: str, year: int | None, label: str) -> dict[str, Any]:
    name = "prize" if relation == "prize" else "event"
    return {"relation": relation, f"{name}_label": label, f"{name}_label_ko": label + " (ko)",
            "year": year, "date": None if year is None else str(year)}


def tiny_graph(odd_label: str = "Lima") -> nx.MultiGraph:
    """Seoul and six partners; Tokyo and Paris also share a forum among themselves."""
    g = nx.MultiGraph()
    for key, en, ko, continent, lat, lon in [
        ("seoul", "Seoul", "서울", "AS", 37.57, 126.98),
        ("tokyo", "Tokyo", "도쿄", "AS", 35.68, 139.69),
        ("wellington", "Wellington", "웰링턴", "OC", -41.29, 174.78),
        ("paris", "Paris", "파리", "EU", 48.86, 2.35),
        ("berlin", "Berlin", "베를린", "EU", 52.52, 13.40),
        ("rome", "Rome", "로마", "EU", 41.9, 12.5),
        ("lima", odd_label, odd_label, "SA", None, None),
    ]:
        g.add_node(ID + key, **place(key, en, ko, continent, lat, lon))
    g.nodes[ID + "lima"]["key"] = ""  # no data key: the IRI's last segment is used
    g.add_edge(SEOUL, ID + "tokyo", key="a1", **agreement("sister", 1988))
    g.add_edge(SEOUL, ID + "wellington", key="a2", **agreement("friendship", 2016))
    g.add_edge(SEOUL, ID + "wellington", key="a3", **agreement("chinseon", 2023, ("sister",)))
    g.add_edge(SEOUL, ID + "paris", key="a4", **agreement("mou", 1991))
    g.add_edge(SEOUL, ID + "berlin", key="a5", **agreement("cooperation", None))
    g.add_edge(SEOUL, ID + "rome", key="m1", **event("meeting", 2005, "Mayors meet"))
    g.add_edge(SEOUL, ID + "lima", key="p1", **event("prize", 2010, "Lee Kuan Yew Prize"))
    g.add_edge(ID + "tokyo", ID + "paris", key="f1", **event("forum", 2000, "C40"))
    return g


def test_categories_of_edges() -> None:
    model = build_model(tiny_graph(), SEOUL, scope="all")
    got = sorted((e.target.rsplit("/", 1)[-1], e.category) for e in model.edges)
    assert got == [("berlin", "other"), ("lima", "prize"), ("paris", "forum"),
                   ("paris", "mou"), ("rome", "meeting"), ("tokyo", "sister"),
                   ("wellington", "friendship"), ("wellington", "sister")]
    assert category_of({"relation": "agreement", "kind": "friendship", "broader": ()}) == \
        "friendship"
    assert [c.code for c in model.categories] == list(CATEGORIES)
    assert {c.code: c.count for c in model.categories}["sister"] == 2


def test_ego_scope_keeps_only_the_focus_ties() -> None:
    ego = build_model(tiny_graph(), SEOUL)
    assert all(SEOUL in (e.source, e.target) for e in ego.edges)
    assert len(ego.edges) == 7 and len(ego.nodes) == 7
    assert ego.nodes[0].id == SEOUL and ego.nodes[0].focus
    everything = build_model(tiny_graph(), SEOUL, scope="all")
    assert len(everything.edges) == 8


def test_kinds_filter_drops_places_without_ties_left() -> None:
    model = build_model(tiny_graph(), SEOUL, kinds=["sister"])
    assert {e.category for e in model.edges} == {"sister"}
    assert sorted(n.key for n in model.nodes) == ["seoul", "tokyo", "wellington"]
    assert [c.code for c in model.categories] == ["sister"]


def test_unknown_category_and_focus_are_errors() -> None:
    with pytest.raises(InvalidParameter, match=r"'sisters'.*sister, friendship, mou"):
        build_model(tiny_graph(), SEOUL, kinds=["sister", "sisters"])
    with pytest.raises(NotFound, match="nowhere"):
        build_model(tiny_graph(), ID + "nowhere")
    with pytest.raises(InvalidParameter, match="layout"):
        build_model(tiny_graph(), SEOUL, layout="circle")


def test_years_labels_and_sources() -> None:
    model = build_model(tiny_graph(), SEOUL)
    assert (model.first_year, model.last_year, model.default_year) == (1988, 2023, 2023)
    # a prize or a forum later than every agreement and meeting does not move the default
    later = tiny_graph()
    later.add_edge(SEOUL, ID + "tokyo", key="p2", **event("prize", 2030, "Prize"))
    assert (build_model(later, SEOUL).last_year, build_model(later, SEOUL).default_year) == (
        2030, 2023)
    berlin = next(e for e in model.edges if e.target == ID + "berlin")
    assert berlin.year is None and berlin.label == "cooperation city"
    prize = next(e for e in model.edges if e.category == "prize")
    assert (prize.label, prize.label_ko) == ("Lee Kuan Yew Prize", "Lee Kuan Yew Prize (ko)")
    assert model.sources == 5
    assert model.title == "Seoul's global network"
    assert model.title_ko == "서울의 글로벌 네트워크"


def test_nodes_size_colour_url_and_facts() -> None:
    model = build_model(tiny_graph(), SEOUL, city_url="/cities/{key}")
    nodes = {n.key: n for n in model.nodes}
    assert nodes["seoul"].color == FOCUS_COLOR and nodes["tokyo"].color != FOCUS_COLOR
    assert nodes["tokyo"].color != nodes["paris"].color  # Asia and Europe differ
    assert nodes["seoul"].size > nodes["wellington"].size > nodes["tokyo"].size
    assert all(8 <= n.size <= 40 for n in model.nodes)
    assert nodes["tokyo"].url == "/cities/tokyo"
    assert nodes["lima"].url == "/cities/lima"  # from the IRI
    assert [(f.category, f.date) for f in nodes["wellington"].facts] == [
        ("friendship", "2016-05"), ("sister", "2023-05")]
    assert build_model(tiny_graph(), SEOUL).nodes[1].url is None
    assert [c.code for c in model.continents][:2] == ["focus", "AS"]


def test_geo_positions_and_force_without() -> None:
    model = build_model(tiny_graph(), SEOUL)
    geo = {n.key: n for n in model.nodes}
    # the seam goes in the widest band without a place (Rome 12.5 E -> Paris 2.35 E eastwards)
    assert model.center_lon is not None and 175 < (model.center_lon + 180) % 360 < 362.35 - 8
    assert (geo["seoul"].x, geo["seoul"].anchor_x) == (project(126.98, 37.57,
                                                                model.center_lon)[0],) * 2
    assert geo["wellington"].anchor_x > geo["seoul"].anchor_x > geo["paris"].anchor_x
    assert geo["lima"].anchor_x is None and geo["lima"].y > 0
    assert model.unplaced_top is not None and 0 < model.unplaced_top < geo["lima"].y
    force = build_model(tiny_graph(), SEOUL, layout="force")
    assert all(n.x is None for n in force.nodes) and force.background == ()


def test_bundled_wellington_friendship_then_chinseon(bundled_store: Any) -> None:
    seoul = ID + "gn1835848"
    model = build_model(city_network(bundled_store), seoul, lang="en")
    wellington = next(n for n in model.nodes if n.label == "Wellington")
    ties = sorted((e.year, e.category, e.kind) for e in model.edges
                  if wellington.id in (e.source, e.target))
    assert (2016, "friendship", "friendship") in ties
    assert (2023, "sister", "chinseon") in ties
    assert model.nodes[0].label_ko.startswith("서울")
    assert all(seoul in (e.source, e.target) for e in model.edges)


def test_bundled_regions_are_on_the_map_and_the_seam_cuts_no_place(bundled_store: Any) -> None:
    from citygraph.visuals.layout import SOUTH, land_cut, wrap_lon
    from citygraph.visuals.world import land

    seoul = ID + "gn1835848"
    model = build_model(city_network(bundled_store), seoul)
    assert model.unplaced_top is None
    assert all(n.anchor_x is not None for n in model.nodes), [
        n.label for n in model.nodes if n.anchor_x is None]
    half, top, bottom = model.width / 2, -90 * model.width / 360, -SOUTH * model.width / 360
    for n in model.nodes:  # every city, drawn or true position, lies inside the map
        for x, y in ((n.x, n.y), (n.anchor_x, n.anchor_y)):
            assert x is not None and y is not None
            assert -half < x < half and top < y < bottom, n.label
    graph = city_network(bundled_store)
    assert model.center_lon is not None
    seam = wrap_lon(model.center_lon + 180, 0.0)
    gaps = [abs(wrap_lon(graph.nodes[n.id]["lon"] - seam, 0.0)) for n in model.nodes]
    assert min(gaps) > 5  # no place within 5 degrees of the seam
    # the seam cuts less land than the meridian opposite Seoul (through Brazil) did
    assert land_cut(seam, land()) < land_cut(126.98 - 180, land()) / 5
