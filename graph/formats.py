"""Serialise query results: SPARQL 1.1 JSON and CSV results.

Examples
--------
>>> from citygraph.graph.store import SelectResult, Term
>>> r = SelectResult(["city"], [{"city": Term("literal", "Wellington", lang="en")}])
>>> to_sparql_json(r)["results"]["bindings"]
[{'city': {'type': 'literal', 'value': 'Wellington', 'xml:lang': 'en'}}]
>>> to_csv(r).splitlines()
['city', 'Wellington']
"""

from __future__ import annotations

import csv
import io
from typing import Any

from citygraph.graph.store import AskResult, Result, SelectResult

__all__ = ["to_csv", "to_sparql_json"]


def to_sparql_json(result: Result) -> dict[str, Any]:
    """Return a SELECT or ASK result as SPARQL 1.1 Query Results JSON."""
    if isinstance(result, AskResult):
        return {"head": {}, "boolean": result.boolean}
    if not isinstance(result, SelectResult):
        raise TypeError("only SELECT and ASK results have a JSON results format")
    return {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [{k: v.to_json() for k, v in row.items()} for row in result.rows]
        },
    }


def to_csv(result: Result) -> str:
    """Return a SELECT result as SPARQL 1.1 CSV results (plain values)."""
    if isinstance(result, AskResult):
        return f"_askResult\r\n{str(result.boolean).lower()}\r\n"
    if not isinstance(result, SelectResult):
        raise TypeError("only SELECT and ASK results have a CSV results format")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([row[v].value if v in row else "" for v in result.variables])
    return out.getvalue()
