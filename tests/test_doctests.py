"""Run the docstring examples of every citygraph module."""

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["citygraph.ingest", "citygraph.ontology", "citygraph.graph", "citygraph.visuals",
            "citygraph.api"]
MODULES = sorted(
    info.name
    for package in PACKAGES
    for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + ".")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
