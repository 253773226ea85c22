"""``/timeline``: the SVG chart drawn on the server, its table and its JSON twin.

The chart is laid out in Python (:func:`timeline_chart.draw`) and written by
the template ``timeline_chart.svg`` of the app's one Jinja environment; the
tests render that template as the page does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from citygraph.api.pages import timeline_chart as tc
from citygraph.api.pages.site import environment
from citygraph.graph import read
from citygraph.graph.network.groups import group_of

SVG = "{http://www.w3.org/2000/svg}"
FOCUS = read.Ref("seoul", "https://w3id.org/citygraph/id/place/gn1835848", "City", "Seoul",
                  "서울")


def timeline(rows: list[tuple[int | None, str, int]]) -> read.Timeline:
    return read.Timeline(FOCUS, sum(c for _, _, c in rows),
                          tuple(read.TimelineRow(y, k, group_of(k, ()), "AS", c)
                                for y, k, c in rows), {}, {}, {}, {})


LABELS = {"sister": tc.KindLabel("sister", "sister city", "자매도시"),
          "friendship": tc.KindLabel("friendship", "friendship city", "우호도시")}


def render(chart: tc.TimelineChart, lang: str, title: str) -> str:
    """The chart's SVG, as ``timeline.html`` includes it."""
    template = environment().get_template("timeline_chart.svg")
    return str(template.render(drawing=tc.draw(chart, lang, title=title)))


def xml(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output; also: the SVG is well-formed XML


def bars(svg: str) -> list[ET.Element]:
    root = xml(svg)
    return [e for e in root.iter(f"{SVG}rect") if e.get("class") == "bar"]


def test_chart_data_fills_the_years_and_keeps_undated_apart() -> None:
    chart = tc.chart_data(timeline([(1990, "sister", 2), (1993, "friendship", 1),
                                    (1993, "sister", 1), (None, "friendship", 4),
                                    (1991, "mou", 1)]), LABELS)
    assert [y.year for y in chart.years] == [1990, 1991, 1992, 1993]
    assert [y.total for y in chart.years] == [2, 1, 0, 2]
    assert [k.code for k in chart.groups] == ["sister", "friendship", "mou"]  # groups' order
    assert chart.undated == {"friendship": 4}
    assert chart.by_group == {"sister": 3, "friendship": 5, "mou": 1}
    assert chart.groups[2].label("ko") == "mou"  # no label: the code


def test_bar_heights_are_proportional_to_the_counts() -> None:
    chart = tc.chart_data(timeline([(2000, "sister", 1), (2001, "sister", 3),
                                    (2001, "friendship", 2), (2005, "friendship", 6)]), LABELS)
    found = bars(render(chart, "en", "t"))
    assert len(found) == 4
    per_unit = {round(float(b.get("height", "0")) / int(b.get("data-count", "0")), 1)
                for b in found}
    assert len(per_unit) == 1 and per_unit.pop() > 0
    heights = {(b.get("data-year"), b.get("data-kind")): float(b.get("height", "0"))
               for b in found}
    assert heights[("2005", "friendship")] == pytest.approx(
        6 * heights[("2000", "sister")], abs=0.05)
    # stacked: 2001's friendship sits right on its sister bar
    sister = next(b for b in found if b.get("data-year") == "2001" and
                  b.get("data-kind") == "sister")
    friend = next(b for b in found if b.get("data-year") == "2001" and
                  b.get("data-kind") == "friendship")
    assert float(friend.get("y", "0")) + float(friend.get("height", "0")) == pytest.approx(
        float(sister.get("y", "0")), abs=0.02)
    # every bar has a tooltip with its year, kind and count
    assert [b.find(f"{SVG}title").text for b in found if b.find(f"{SVG}title") is not None] == [
        "2000 · sister city: 1", "2001 · sister city: 3", "2001 · friendship city: 2",
        "2005 · friendship city: 6"]


def test_labels_are_escaped_and_the_output_is_deterministic() -> None:
    evil = {"sister": tc.KindLabel("sister", '<script>alert("x")</script>', "자매")}
    chart = tc.chart_data(timeline([(1999, "sister", 1)]), evil)
    svg = render(chart, "en", '<script>"t"</script>')
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in svg
    root = xml(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == '<script>"t"</script>'
    assert svg == render(chart, "en", '<script>"t"</script>')


def test_axis_labels_every_ten_years_over_a_long_span_and_a_legend_entry_per_kind() -> None:
    chart = tc.chart_data(timeline([(1968, "sister", 1), (2023, "friendship", 2)]), LABELS)
    svg = render(chart, "ko", "연표")
    root = xml(svg)
    axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "x-axis")
    assert [t.text for t in axis.iter(f"{SVG}text")] == ["1970", "1980", "1990", "2000", "2010",
                                                          "2020"]
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["자매도시 (1)", "우호도시 (2)"]
    # each kind is a pattern: a colour and, but for the first, a hatching
    patterns = list(root.iter(f"{SVG}pattern"))
    assert len(patterns) == 2 and patterns[1].find(f"{SVG}path") is not None
    fills = {p.find(f"{SVG}rect").get("fill") for p in patterns  # type: ignore[union-attr]
             if p.find(f"{SVG}rect") is not None}
    assert len(fills) == 2


def test_the_svg_has_an_element_for_every_shape_of_the_drawing() -> None:
    chart = tc.chart_data(timeline([(1990, "sister", 2), (1990, "friendship", 3),
                                    (1992, "mou", 1), (1993, "sister", 4), (1993, "mou", 2),
                                    (None, "sister", 5)]), LABELS)
    drawing = tc.draw(chart, "en", title="Agreements")
    root = xml(render(chart, "en", "Agreements"))
    # element for element, in document order
    tags = [e.tag.removeprefix(SVG) for e in root.iter()]
    assert tags == [
        "svg", "title", "defs",
        *[t for s in drawing.swatches for t in ("pattern", "rect", *(["path"] if s.hatch else []))],
        "g", *["rect", "text"] * len(drawing.legend),
        "g", *["line", "text"] * len(drawing.gridlines),
        "g", *["rect", "title"] * len(drawing.bars),
        "g", *["line", "text"] * len(drawing.years)]
    assert root.get("viewBox") == f"0 0 {drawing.width} {drawing.height}"
    assert root.findtext(f"{SVG}title") == root.get("aria-label") == "Agreements"
    # a bar per year and kind that has agreements, bottom of the stack first: the data's counts
    found = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "bar"]
    assert [(int(b.get("data-year", "")), b.get("data-kind"), int(b.get("data-count", "")))
            for b in found] == [(1990, "sister", 2), (1990, "friendship", 3), (1992, "mou", 1),
                                (1993, "sister", 4), (1993, "mou", 2)]
    per_year: dict[int, int] = {}
    for b in found:
        per_year[int(b.get("data-year", ""))] = (per_year.get(int(b.get("data-year", "")), 0)
                                                 + int(b.get("data-count", "")))
    assert per_year == {y.year: y.total for y in chart.years if y.total}
    drawn = sum(per_year.values())
    assert drawn == chart.total - sum(chart.undated.values()) == 12
    # the numbers are the drawing's, as svg_number writes them
    for element, bar in zip(found, drawing.bars, strict=True):
        assert [element.get(a) for a in ("x", "y", "width", "height")] == [
            tc.svg_number(v) for v in (bar.x, bar.y, bar.width, bar.height)]
        assert element.get("fill") == f"url(#{bar.pattern})"
        assert element.findtext(f"{SVG}title") == bar.title
    assert [p.get("id") for p in root.iter(f"{SVG}pattern")] == [
        s.id for s in drawing.swatches]
    y_axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "y-axis")
    assert [int(t.text or "") for t in y_axis.iter(f"{SVG}text")] == [
        g.count for g in drawing.gridlines] == [0, 1, 2, 3, 4, 5, 6]  # up to 1993's 6
    x_axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "x-axis")
    assert [t.text for t in x_axis.iter(f"{SVG}text")] == ["1990", "1991", "1992", "1993"]
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == [
        "sister city (11)", "friendship city (3)", "mou (3)"]  # undated ones too, as every figure


# -- the page ------------------------------------------------------------------------------




def test_page_has_the_chart_and_the_same_numbers_in_a_table(client: TestClient) -> None:
    r = client.get("/timeline", params={"lang": "en"})
    assert r.status_code == 200
    html = r.text
    svg = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert svg
    root = xml(svg.group(0))
    assert root.get("role") == "img" and "Agreements of Seoul" in (root.get("aria-label") or "")
    data = client.get("/timeline.json").json()
    api = client.get("/api/timeline").json()
    assert data["total"] == api["total"]
    drawn = sum(int(b.get("data-count", "0")) for b in bars(svg.group(0)))
    assert drawn == data["total"] - sum(data["undated"].values())
    assert {(int(b.get("data-year", "")), b.get("data-kind")): int(b.get("data-count", ""))
            for b in bars(svg.group(0))} == {
        (y["year"], kind): n for y in data["years"] for kind, n in y["counts"].items()}
    assert sum(data["by_group"].values()) == data["total"]
    assert data["by_group"]["sister"] == api["by_group"]["sister"] == 26  # chinseon included
    # the table: a row per year with agreements, a column per kind, the totals
    table = html[html.index('<table class="data timeline-table"'):]
    years = re.findall(r'<th scope="row">(\d{4})</th>', table)
    assert years == [str(y["year"]) for y in data["years"] if y["total"]]
    assert "1968" in years and "2023" in years
    assert '<th scope="col">other kinds of agreement</th>' in table
    assert f"<td><strong>{data['total']}</strong></td>" in table


def test_page_in_korean(client: TestClient) -> None:
    html = client.get("/timeline", params={"lang": "ko"}).text
    assert "<h1>연표</h1>" in html and "자매도시" in html and "친선도시" in html
    assert "서울" in html and "Hover" not in html
