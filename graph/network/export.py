"""Export the city network for network tools: GraphML, GEXF (with times), CSV edges.

Attributes that are lists or pairs become ``;``-joined text (GraphML and GEXF
take only plain values); missing values are left out.  GEXF is written in
dynamic mode: every tie starts at its year (``start``), so Gephi's timeline
replays the network's growth; ties without a known year have no start.

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> text = export_network(example_store(), "csv").decode()
>>> text.splitlines()[0]
'source,target,source_label,target_label,relation,kind,date,year,sources'
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from citygraph.graph.network.project import city_network
from citygraph.graph.store.base import Store
from citygraph.ingest.csv_cells import row as csv_row
from citygraph.ingest.errors import InvalidParameter

__all__ = ["NETWORK_FORMATS", "export_network"]

NETWORK_FORMATS = ("graphml", "gexf", "csv")
_CSV_COLUMNS = ("source", "target", "source_label", "target_label", "relation", "kind", "date",
                "year", "sources")


def _plain(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple | set):
        return ";".join(
            "|".join(map(str, v)) if isinstance(v, list | tuple) else str(v) for v in value
        )
    return str(value)


def _flat(g: nx.MultiGraph) -> nx.MultiGraph:
    flat = nx.MultiGraph()
    for node, data in g.nodes(data=True):
        flat.add_node(node, **{k: p for k, v in data.items() if (p := _plain(v)) is not None})
    for u, v, key, data in g.edges(keys=True, data=True):
        attrs = {k: p for k, v in data.items() if (p := _plain(v)) is not None}
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def export_network(store: Store, fmt: str) -> bytes:
    """Serialise the city network as ``graphml``, ``gexf`` or ``csv``.

    Raises
    ------
    ValueError
        For another format name.
    """
    if fmt not in NETWORK_FORMATS:
        raise InvalidParameter(f"unknown network format {fmt!r}; choose one of "
                         f"{', '.join(NETWORK_FORMATS)}")
    g = city_network(store)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(csv_row(_CSV_COLUMNS))
        for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1],
                                                                       str(e[2].get("year")))):
            writer.writerow(csv_row([
                u, v, g.nodes[u].get("label", ""), g.nodes[v].get("label", ""),
                data.get("relation", ""), data.get("kind") or "", data.get("date") or "",
                data.get("year") or "", ";".join(data.get("sources") or ())]))
        return out.getvalue().encode()
    flat = _flat(g)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8")
        return buffer.getvalue()
    flat.graph["mode"] = "dynamic"
    for _, _, data in flat.edges(data=True):
        if isinstance(data.get("year"), int):
            data["start"] = data["year"]
    nx.write_gexf(flat, buffer, encoding="utf-8")
    return buffer.getvalue()
