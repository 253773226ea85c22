"""The geo layout: projection centred on the focus, seams, declutter, background."""

from __future__ import annotations

import random
import time
from itertools import pairwise

from citygraph.visuals.layout import (
    SOUTH,
    WIDTH,
    Box,
    declutter,
    geo_layout,
    graticule,
    land_cut,
    land_lines,
    project,
    seam_center,
    split_ring,
    wrap_lon,
)
from citygraph.visuals.world import land

SEOUL_LON = 126.98


def overlapping(points: list[tuple[float, float]], sizes: list[tuple[float, float]]) -> int:
    count = 0
    for i, (x, y) in enumerate(points):
        for j in range(i + 1, len(points)):
            if (abs(x - points[j][0]) < (sizes[i][0] + sizes[j][0]) / 2 - 0.5
                    and abs(y - points[j][1]) < (sizes[i][1] + sizes[j][1]) / 2 - 0.5):
                count += 1
    return count


def test_projection_is_centred_on_the_focus_and_wraps() -> None:
    assert project(SEOUL_LON, 0.0, SEOUL_LON) == (0.0, 0.0)
    san_francisco = project(-122.42, 37.77, SEOUL_LON)
    london = project(-0.13, 51.51, SEOUL_LON)
    assert san_francisco[0] > 0 > london[0]  # Pacific-centred: America east, Europe west
    assert london[0] >= -WIDTH / 2 and san_francisco[0] < WIDTH / 2
    assert san_francisco[1] < 0  # north is up
    for lon in (-180.0, -53.0, 0.0, 179.9, 306.0):
        assert SEOUL_LON - 180 <= wrap_lon(lon, SEOUL_LON) < SEOUL_LON + 180
    assert project(0.0, 0.0, 0.0)[0] == 0.0


def test_rings_are_split_at_the_seam() -> None:
    seam = SEOUL_LON - 180  # -53.02: the ring crosses it going west
    ring = [(-50.0, 0.0), (-56.0, 0.0), (-56.0, 6.0), (-50.0, 6.0), (-50.0, 0.0)]
    pieces = split_ring(ring, SEOUL_LON)
    assert len(pieces) == 2
    ends = sorted(round(p[0], 2) for piece in pieces for p in (piece[0], piece[-1]))
    assert ends[0] == round(seam, 2) and ends[-1] == round(seam + 360, 2)
    assert all(abs(b[0] - a[0]) <= 180 for piece in pieces for a, b in pairwise(piece))
    lines = land_lines([ring], SEOUL_LON)
    assert [line.closed for line in lines] == [False, False]
    assert {abs(x) for line in lines for x, _ in (line.points[0], line.points[-1])} == {1000.0}
    whole = [(10.0, 10.0), (20.0, 10.0), (20.0, 20.0), (10.0, 10.0)]
    assert [len(p) for p in split_ring(whole, SEOUL_LON)] == [4]


def test_land_and_graticule_background() -> None:
    lines = land_lines(land(), SEOUL_LON)
    assert len(lines) > 100
    # no segment jumps across the map (Newfoundland and Greenland straddle the seam)
    assert all(abs(b[0] - a[0]) < WIDTH / 4 for line in lines
               for a, b in pairwise(line.points))
    south = -SOUTH * WIDTH / 360
    assert all(-WIDTH / 2 <= x <= WIDTH / 2 and y <= south + 200 for line in lines
               for x, y in line.points)
    grid = graticule(SEOUL_LON)
    assert len(grid) == 12 + 5 and all(line.kind == "graticule" for line in grid)


def test_declutter_keeps_a_minimum_distance_and_is_deterministic() -> None:
    rnd = random.Random(3)  # noqa: S311
    anchors = [(rnd.uniform(0, 60), rnd.uniform(0, 60)) for _ in range(40)]
    sizes = [(40.0, 40.0)] * 40
    fixed = [i == 0 for i in range(40)]
    moved = declutter(anchors, sizes, fixed)
    assert overlapping(moved, sizes) == 0
    assert moved == declutter(anchors, sizes, fixed)
    assert moved[0] == (round(anchors[0][0], 1), round(anchors[0][1], 1))  # fixed stays
    lone = declutter([(0.0, 0.0), (500.0, 500.0)], [(40.0, 40.0)] * 2)
    assert lone == [(0.0, 0.0), (500.0, 500.0)]  # nothing to push: true positions


def test_geo_layout_anchors_rows_and_dense_clusters() -> None:
    korea = [Box(f"k{i}", 127.0 + i * 0.1, 37.0 + i * 0.05, 90.0, 45.0) for i in range(12)]
    boxes = [Box("seoul", SEOUL_LON, 37.57, 100.0, 100.0, fixed=True), *korea,
             Box("nowhere", None, None, 80.0, 40.0)]
    result = geo_layout(boxes, SEOUL_LON)
    places = {p.id: p for p in result.places}
    assert (places["seoul"].x, places["seoul"].anchor_x) == (0.0, 0.0)
    located = [places[b.id] for b in boxes[:-1]]
    assert overlapping([(p.x, p.y) for p in located],
                       [(b.width, b.height) for b in boxes[:-1]]) == 0
    assert places["k3"].anchor_x == project(127.3, 37.15, SEOUL_LON)[0]
    assert places["nowhere"].anchor_x is None
    assert places["nowhere"].y > -SOUTH * WIDTH / 360  # beneath the map
    assert result == geo_layout(boxes, SEOUL_LON)


def test_five_thousand_places_are_laid_out_quickly() -> None:
    rnd = random.Random(1)  # noqa: S311
    boxes = [Box(f"c{i}", rnd.gauss(10, 30) if i % 2 else rnd.gauss(120, 15),
                 rnd.gauss(40, 10), 90.0, 45.0) for i in range(5000)]
    start = time.perf_counter()
    result = geo_layout(boxes, SEOUL_LON, land=land())
    assert len(result.places) == 5000
    assert time.perf_counter() - start < 10


def test_the_seam_goes_into_the_widest_empty_band_where_it_cuts_least_land() -> None:
    rings = land()
    south_america = [(-46.6, -23.5), (-58.4, -34.6), (-74.1, 4.6)]
    europe = [(-6.2, 53.3), (2.35, 48.9), (37.6, 55.8)]
    asia = [(69.2, 41.3), (100.5, 13.8), (126.98, 37.57), (139.7, 35.7), (174.8, -41.3)]
    america = [(-157.9, 21.3), (-122.4, 37.8), (-99.1, 19.4)]
    lons = [lon for lon, _ in south_america + europe + asia + america]
    center = seam_center(lons, rings)
    seam = wrap_lon(center + 180, 0.0)
    assert -46.6 + 8 <= seam <= -6.2 - 8  # in the Atlantic, clear of Sao Paulo and Dublin
    assert land_cut(seam, rings) < 5 < 50 < land_cut(126.98 - 180, rings)
    for lon, lat in south_america:  # South America on one side: no ring of it is split
        x, _ = project(lon, lat, center)
        assert x > 0
    assert seam_center([], rings, default=127.0) == 127.0
    assert wrap_lon(seam_center([10.0], ()) + 180, 0.0) == -170.0  # opposite a lone place


def test_displaced_places_stay_inside_the_map() -> None:
    crowd = [Box(f"c{i}", 179.5, 89.0 - i * 0.01, 200.0, 60.0) for i in range(30)]
    result = geo_layout(crowd, 0.0)
    top, bottom = -90 * WIDTH / 360, -SOUTH * WIDTH / 360
    assert all(-WIDTH / 2 < p.x < WIDTH / 2 and top < p.y < bottom for p in result.places)
    assert result.unplaced_top is None
