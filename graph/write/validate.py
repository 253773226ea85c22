"""SHACL validation of a built dataset, with violations traced to their data rows.

Examples
--------
>>> from rdflib import Dataset
>>> validate(Dataset())
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import DCTERMS, RDF, Dataset, Graph, Namespace, URIRef
from rdflib.term import Node

from citygraph.ontology import ONTOLOGY_FILE, SHAPES_FILE, read_text
from citygraph.ontology.vocab import CG

__all__ = ["Violation", "load_ontology", "load_shapes", "validate"]

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL violation, with the data rows the offending node came from."""

    focus: str
    path: str
    message: str
    rows: tuple[str, ...]

    def __str__(self) -> str:
        where = "; ".join(self.rows) if self.rows else "no data row"
        prop = f" ({self.path})" if self.path else ""
        return f"{where}: {self.focus}{prop}: {self.message}"


def load_ontology() -> Graph:
    """Parse the ontology Turtle shipped with citygraph."""
    return Graph().parse(data=read_text(ONTOLOGY_FILE), format="turtle")


def load_shapes() -> Graph:
    """Parse the SHACL shapes shipped with citygraph."""
    return Graph().parse(data=read_text(SHAPES_FILE), format="turtle")


def _rows(data: Graph, focus: Node) -> tuple[str, ...]:
    nodes = [focus] if (focus, RDF.type, CG.Evidence) in data else list(
        data.objects(focus, CG.evidence)
    )
    rows = set()
    for node in nodes:
        path = data.value(node, CG.dataFile)
        line = data.value(node, CG.line)
        start, source = data.value(node, CG.startOffset), data.value(node, DCTERMS.source)
        if path is not None:
            rows.add(f"{path}, line {line}" if line is not None else str(path))
        elif start is not None and source is not None:  # an ingested document: its id and span
            rows.add(f"document {str(source).rsplit('/source/', 1)[-1]}, characters "
                     f"{start}-{data.value(node, CG.endOffset)}")
    if not rows:  # e.g. a node only referred to: blame the rows that refer to it
        for subject in set(data.subjects(None, focus)):
            if isinstance(subject, URIRef) and subject != focus:
                rows.update(_rows(data, subject))
    return tuple(sorted(rows))


def validate(dataset: Dataset, *, ontology: Graph | None = None,
             shapes: Graph | None = None) -> list[Violation]:
    """Validate every named graph together against the citygraph shapes.

    Parameters
    ----------
    dataset
        The mapped facts.  Its graphs are validated as one union, with the
        ontology merged in so that concept-scheme membership can be checked.
    ontology, shapes
        Parsed Turtle, to skip re-parsing; the shipped files by default.

    Returns
    -------
    list of Violation
        Empty when the data conforms.
    """
    data = Graph()
    for quad in dataset.quads((None, None, None, None)):
        data.add(quad[:3])
    data += ontology if ontology is not None else load_ontology()
    conforms, report, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        allow_warnings=True,
    )
    if conforms:
        return []
    if not isinstance(report, Graph):
        raise TypeError("pyshacl returned no report graph")
    out = []
    # only the report's own results: nested sh:detail results would blame other nodes
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        messages = [m for m in report.objects(result, SH.resultMessage)
                    if getattr(m, "language", None) in (None, "en")]
        message = str(messages[0]) if messages else "violates a shape"
        out.append(Violation(
            str(focus),
            data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
            message,
            _rows(data, focus) if focus is not None else (),
        ))
    return sorted(out, key=lambda v: (v.rows, v.focus, v.path))
