"""The reference the token reader is held to: what rdflib's SPARQL parser finds in a text.

This was the endpoint's guard until the token reader replaced it (it parsed
every query under a global lock, in 2 to 30 ms, and crashed on deep
nesting); its verdicts stay here, in the tests, as the oracle.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

_PARSING = threading.Lock()  # rdflib's parser is not safe from several threads (RDFLib #1282)
FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
         "DescribeQuery": "describe"}


@dataclass(frozen=True)
class Verdict:
    """What a parser found; None when the text is valid neither as a query nor as an update."""

    form: str | None
    update: bool
    service: bool
    load: bool
    dataset: bool
    using: bool


def _walk(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _walk(value)
    elif isinstance(node, Mapping):
        for value in node.values():
            yield from _walk(value)


def _names(tree: Any) -> set[str]:
    return {getattr(n, "name", "") for n in _walk(tree)} - {""}


def verdict(text: str) -> Verdict | None:
    """Parse as a query, else as an update; None when neither parses."""
    with _PARSING:
        try:
            names = _names(parseQuery(text))
            update = False
        except ParseException:
            try:
                names = _names(parseUpdate(text))
                update = True
            except (ParseException, RecursionError):  # rdflib's recursion cannot judge it
                return None
        except RecursionError:
            return None
    forms = [FORMS[n] for n in FORMS if n in names]
    return Verdict(None if update else (forms[0] if forms else "select"), update,
                   "ServiceGraphPattern" in names, "Load" in names,
                   "DatasetClause" in names, "UsingClause" in names)
