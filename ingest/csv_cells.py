r"""CSV cells a spreadsheet would run as formulas, neutralised (OWASP's CSV injection rule).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``,
``@SUM(...)``).  Every CSV citygraph writes (the agreements page's CSV, the
SPARQL CSV results, the network's CSV) passes its cells through :func:`cell`,
which puts a single quote before such a cell, as OWASP advises; a plain
number (``-41.28664``, ``+82``) is read as a number, not a formula, and stays.

Examples
--------
>>> [cell(v) for v in ("=1+1", "@SUM(A1)", "+cmd", "-2+3", "\tx", "Seoul", "-41.28664", "")]
["'=1+1", "'@SUM(A1)", "'+cmd", "'-2+3", "'\tx", 'Seoul', '-41.28664', '']
>>> row(["=x", 1968, None])
["'=x", '1968', '']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["FORMULA_START", "cell", "row"]

#: What a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def cell(value: str) -> str:
    """The value, with a ``'`` before it when a spreadsheet would run it as a formula."""
    if value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def row(values: Iterable[object]) -> list[str]:
    """A row of cells as text (``None`` is empty), each through :func:`cell`."""
    return [cell("" if v is None else str(v)) for v in values]
