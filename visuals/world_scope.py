"""The world scope: every partnership on one map, the focus city's network highlighted.

24,000 ties drawn one by one would be a black smear, so the page draws them
legibly in three layers on a canvas over the shipped land outlines:

1. every tie, very faint (each adds a little ink: where ties bundle, as over
   Europe, the map darkens: aggregation by density);
2. the ties of the focus city's partners (its second degree), in amber;
3. the focus city's own ties, in red, over everything, its partners as dots.

Hovering shows the nearest place and its number of partners.  One
self-contained HTML file (no request to any other host: a
Content-Security-Policy forbids it); ``citygraph visual --scope world --png``
draws it in headless chromium (:func:`citygraph.visuals.png.export_png`).
"""

from __future__ import annotations

import html
import json

import networkx as nx

from citygraph.graph.network.world import second_degree, world_network
from citygraph.graph.store.base import Store
from citygraph.visuals.world import SOURCE, land

__all__ = ["world_scope"]

TEXT = {
    "en": {
        "title": "The world's twinning network",
        "sub": "{places:,} places, {ties:,} partnerships; {focus}: {first} partners, "
               "{second:,} partners of partners",
        "all": "every partnership (faint: where ties bundle, they add up)",
        "second": "ties of {focus}'s partners",
        "first": "{focus}'s own ties",
        "source": "Ties: English Wikipedia's lists of twin towns and sister cities (CC BY-SA "
                  "4.0) and citygraph's curated data. Places: GeoNames. Map: {map}.",
        "partners": "partners",
    },
    "ko": {
        "title": "세계 자매결연 네트워크",
        "sub": "{places:,}곳, 결연 {ties:,}건 · {focus}: 결연 상대 {first}곳, "
               "상대의 상대 {second:,}곳",
        "all": "모든 결연 (흐리게: 결연이 몰린 곳일수록 짙게)",
        "second": "{focus}의 결연 상대들의 결연",
        "first": "{focus}의 결연",
        "source": "결연: 영어 위키백과 자매도시 목록(CC BY-SA 4.0)과 citygraph 큐레이션 "
                  "데이터. 장소: GeoNames. 지도: {map}.",
        "partners": "결연 상대",
    },
}

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data:")


def _land_path() -> str:
    """The land as one SVG path; a ring that crosses the date line lifts the pen there."""
    parts = []
    for ring in land():
        path, last = [], None
        for lon, lat in ring:
            move = last is None or abs(lon - last) > 180
            path.append(("M" if move else "L") + f"{lon:.1f} {-lat:.1f}")
            last = lon
        parts.append("".join(path) + "Z")
    return "".join(parts)


def world_scope(store: Store, focus: str, *, lang: str = "en", theme: str = "light",
                graph: nx.Graph | None = None) -> str:
    """The world scope's page for the focus city (an IRI), as one HTML file.

    ``graph`` is the world network if already projected
    (:func:`~citygraph.graph.network.world.world_network`).
    """
    t = TEXT["ko" if lang == "ko" else "en"]
    g = graph if graph is not None else world_network(store)
    located = [n for n in g if "lat" in g.nodes[n]]
    index = {n: i for i, n in enumerate(located)}
    label = "label_ko" if lang == "ko" else "label"
    nodes = [[round(g.nodes[n]["lon"], 2), round(g.nodes[n]["lat"], 2),
              g.nodes[n].get(label) or g.nodes[n].get("label") or n.rsplit("/", 1)[-1],
              g.degree(n)] for n in located]
    edges = [i for u, v in g.edges() if u in index and v in index
             for i in (index[u], index[v])]
    partners = set(g[focus]) if focus in g else set()
    first = sorted(index[p] for p in partners if p in index)
    seconds = second_degree(g, focus)
    second_edges = [i for p in partners for q in g[p] if q != focus
                    and p in index and q in index for i in (index[p], index[q])]
    name = (g.nodes[focus].get(label) or g.nodes[focus].get("label") or focus) \
        if focus in g else focus
    data = {"nodes": nodes, "edges": edges, "first": first, "second": second_edges,
            "focus": index.get(focus), "partners": t["partners"]}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    sub = t["sub"].format(places=g.number_of_nodes(), ties=g.number_of_edges(), focus=name,
                          first=len(partners), second=len(seconds))
    dark = theme == "dark"
    e = html.escape
    return f"""<!doctype html>
<html lang="{'ko' if lang == 'ko' else 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t['title'])}</title>
<style>
html,body{{margin:0;height:100%;background:{'#0d1117' if dark else '#f4f6f8'};
  color:{'#e6edf3' if dark else '#1f2328'};
  font-family:"Noto Sans CJK KR","Noto Sans KR",sans-serif}}
body{{display:grid;grid-template-rows:auto 1fr auto auto;height:100vh}}
header{{padding:1.2vh 2vw 0}} h1{{margin:0;font-size:3.2vh}} p{{margin:.4vh 0}}
#sub{{font-size:2vh;opacity:.85}}
#map{{position:relative;min-height:0}}
#map svg,#map canvas{{position:absolute;inset:0;width:100%;height:100%}}
.land{{fill:{'#2a3340' if dark else '#dde3ea'};stroke:none}}
.sea{{fill:{'#0d1117' if dark else '#f4f6f8'}}}
#legend{{display:flex;gap:2.5vw;padding:.6vh 2vw;font-size:1.8vh;flex-wrap:wrap}}
.key{{display:inline-block;width:2.6vh;height:.6vh;vertical-align:middle;margin-right:.5vw}}
footer{{padding:0 2vw 1vh;font-size:1.4vh;opacity:.75}}
#tip{{position:absolute;pointer-events:none;padding:.3em .6em;border-radius:4px;
  background:{'#1f2937' if dark else '#fff'};box-shadow:0 1px 4px #0005;font-size:1.6vh;
  display:none}}
</style></head>
<body data-ready="false">
<header><h1>{e(t['title'])}</h1><p id="sub">{e(sub)}</p></header>
<div id="map" role="img" aria-label="{e(t['title'] + ': ' + sub)}">
<svg viewBox="-180 -90 360 180" preserveAspectRatio="none" aria-hidden="true">
<rect x="-180" y="-90" width="360" height="180" class="sea"/>
<path class="land" d="{_land_path()}"/></svg>
<canvas id="ties"></canvas><div id="tip"></div></div>
<div id="legend">
<span><span class="key" style="background:{'#9fb3c8' if dark else '#46586b'}"></span>
{e(t['all'])}</span>
<span><span class="key" style="background:#f0a020"></span>{e(t['second'].format(focus=name))}</span>
<span><span class="key" style="background:#e0242b"></span>{e(t['first'].format(focus=name))}</span>
</div>
<footer>{e(t['source'].format(map=SOURCE))}</footer>
<script id="data" type="application/json">{payload}</script>
<script>
const D = JSON.parse(document.getElementById("data").textContent);
const box = document.getElementById("map"), cv = document.getElementById("ties");
const tip = document.getElementById("tip"), dark = {'true' if dark else 'false'};
let W = 0, H = 0;
const X = lon => (lon + 180) / 360 * W, Y = lat => (90 - lat) / 180 * H;
function lines(list, style, alpha, width) {{
  const c = cv.getContext("2d");
  c.strokeStyle = style; c.globalAlpha = alpha; c.lineWidth = width; c.beginPath();
  for (let i = 0; i < list.length; i += 2) {{
    const a = D.nodes[list[i]], b = D.nodes[list[i + 1]];
    if (Math.abs(a[0] - b[0]) > 180) continue;  // across the date line: not drawn across the map
    c.moveTo(X(a[0]), Y(a[1])); c.lineTo(X(b[0]), Y(b[1]));
  }}
  c.stroke();
}}
function draw() {{
  const r = box.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  W = r.width; H = r.height; cv.width = W * dpr; cv.height = H * dpr;
  const c = cv.getContext("2d"); c.setTransform(dpr, 0, 0, dpr, 0, 0); c.clearRect(0, 0, W, H);
  lines(D.edges, dark ? "#9fb3c8" : "#46586b", 0.06, 0.6);
  lines(D.second, "#f0a020", 0.45, 0.9);
  const first = [];
  if (D.focus !== null) for (const p of D.first) first.push(D.focus, p);
  lines(first, "#e0242b", 0.95, 1.8);
  c.globalAlpha = 1; c.fillStyle = "#e0242b";
  for (const p of D.first) {{
    const n = D.nodes[p]; c.beginPath(); c.arc(X(n[0]), Y(n[1]), 2.5, 0, 7); c.fill();
  }}
  if (D.focus !== null) {{
    const f = D.nodes[D.focus]; c.beginPath(); c.arc(X(f[0]), Y(f[1]), 5, 0, 7);
    c.fillStyle = "#e0242b"; c.fill(); c.lineWidth = 2;
    c.strokeStyle = dark ? "#fff" : "#000"; c.stroke();
  }}
}}
box.addEventListener("mousemove", ev => {{
  const r = box.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
  let best = -1, d = 144;
  for (let i = 0; i < D.nodes.length; i++) {{
    const n = D.nodes[i], dx = X(n[0]) - x, dy = Y(n[1]) - y, e = dx * dx + dy * dy;
    if (e < d) {{ d = e; best = i; }}
  }}
  if (best < 0) {{ tip.style.display = "none"; return; }}
  const n = D.nodes[best];
  tip.textContent = n[2] + " · " + n[3] + " " + D.partners;
  tip.style.left = (x + 12) + "px"; tip.style.top = (y + 12) + "px"; tip.style.display = "block";
}});
box.addEventListener("mouseleave", () => {{ tip.style.display = "none"; }});
window.addEventListener("resize", draw);
draw();
document.body.dataset.ready = "true";
</script>
</body></html>
"""
