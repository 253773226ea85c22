"""The W3C SPARQL 1.1 test suite's query and update texts, read from its manifests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

SUITE = Path(__file__).resolve().parent / "data" / "w3c-sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

QUERY_KINDS = {"PositiveSyntaxTest11": True, "NegativeSyntaxTest11": False,
               "QueryEvaluationTest": True, "CSVResultFormatTest": True}
UPDATE_KINDS = {"PositiveUpdateSyntaxTest11": True, "NegativeUpdateSyntaxTest11": False,
                "UpdateEvaluationTest": True}


@dataclass(frozen=True)
class Case:
    """One test's text: ``valid`` when the suite says it is valid SPARQL."""

    name: str  # folder/file
    kind: str
    valid: bool
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def _manifests() -> list[Path]:
    top = Graph().parse(SUITE / "manifest-all.ttl", format="turtle",
                        publicID=(SUITE / "manifest-all.ttl").as_uri())
    found = []
    for manifest in top.subjects(RDF.type, MF.Manifest):
        for include in top.objects(manifest, MF.include):
            found += [Path(str(item).removeprefix("file://")) for item in Collection(top, include)]
    return sorted(found)


def _text(graph: Graph, action: object, key: URIRef) -> Path | None:
    if isinstance(action, URIRef):
        return Path(str(action).removeprefix("file://"))
    value = graph.value(action, key)  # type: ignore[arg-type]
    return Path(str(value).removeprefix("file://")) if value is not None else None


def cases(kinds: dict[str, bool], key: URIRef) -> list[Case]:
    """Every test of ``kinds`` in the suite, with the file of its query or update."""
    out = []
    for manifest in _manifests():
        graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
        for kind, valid in kinds.items():
            for test in graph.subjects(RDF.type, MF[kind]):
                path = _text(graph, graph.value(test, MF.action), key)
                if path is not None and path.exists():
                    out.append(Case(f"{path.parent.name}/{path.name}", kind, valid, path))
    return sorted(set(out), key=lambda c: (c.name, c.kind))


def query_cases() -> list[Case]:
    """The suite's query texts: syntax tests and the queries of evaluation tests."""
    return cases(QUERY_KINDS, QT.query)


def update_cases() -> list[Case]:
    """The suite's update texts: syntax tests and the requests of evaluation tests."""
    return cases(UPDATE_KINDS, UT.request)
