"""A kind looks and is named the same everywhere: the timeline, the visual, the ontology."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from citygraph.ontology import labels, styles


def timeline_fills(html: str) -> dict[str, str]:
    """Kind code -> fill colour of its pattern in the timeline's SVG."""
    fills = dict(re.findall(r'<pattern id="([^"]+)"[^>]*><rect [^>]*fill="([^"]+)"', html))
    kinds = dict(re.findall(r'fill="url\(#([^)]+)\)"[^>]*data-year="\d+" data-kind="([^"]+)"',
                            html))
    return {kind: fills[pattern] for pattern, kind in kinds.items()}


def test_the_timeline_and_the_visual_draw_a_kind_in_the_same_colour(client: TestClient) -> None:
    timeline = timeline_fills(client.get("/timeline").text)
    legend = {c["code"]: c for c in client.get("/visual.json").json()["categories"]}
    assert {"sister", "friendship"} <= set(timeline) & set(legend)
    for code in set(timeline) & set(legend):
        assert timeline[code] == legend[code]["color"] == styles()[code].colour, code


def test_the_visual_and_the_timeline_name_a_kind_as_the_ontology_does(
        client: TestClient) -> None:
    legend = {c["code"]: c for c in client.get("/visual.json").json()["categories"]}
    assert legend["sister"]["label_ko"] == labels("agreement")["sister"][1] == "자매도시"
    assert legend["forum"]["label_ko"] == labels("tie")["forum"][1]
    table = client.get("/timeline", params={"lang": "ko"}).text
    assert labels("agreement")["friendship"][1] in table


def test_every_kind_the_ontology_has_is_styled() -> None:
    assert set(labels("agreement")) <= set(styles())
    assert set(labels("tie")) - {"agreement"} <= set(styles())  # agreements: by their kind
    assert len({s.colour for s in styles().values()}) == len(styles())
