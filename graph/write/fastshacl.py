"""A fast SHACL Core validator for citygraph's own shapes, over mapped quads.

pySHACL validates the bundled graph (10,000 quads) in about a second, but the
world's twin-town list brings 600,000 quads, which would take it minutes.
This validator reads the same ``ontology/shapes.ttl`` and checks the SHACL
Core constraints those shapes use, over plain indexes of the quads:
``sh:targetClass`` (with ``rdfs:subClassOf`` from the ontology), property
shapes with an IRI or ``sh:inversePath`` path, ``sh:minCount``,
``sh:maxCount``, ``sh:class``, ``sh:datatype`` (ill-typed literals fail, as in
pySHACL), ``sh:nodeKind``, ``sh:hasValue``, ``sh:node``, ``sh:or``,
``sh:minInclusive``, ``sh:maxInclusive``, ``sh:pattern``, ``sh:languageIn``,
``sh:uniqueLang`` and ``sh:lessThanOrEquals``.  A shape that uses anything
else is refused (:class:`UnsupportedShape`), so a new kind of constraint
cannot pass unchecked.

``tests/graph/write/test_fastshacl.py`` holds it to pySHACL: the same
violations (focus node, path, message) on the bundled data, on a slice of the
list, and on broken examples of every constraint the shapes use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from citygraph.graph.write.validate import Violation
from citygraph.ontology.vocab import CG

__all__ = ["Shapes", "UnsupportedShape", "validate_quads"]

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
LANG_STRING = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
_KNOWN = {SH[k] for k in (
    "path", "minCount", "maxCount", "class", "datatype", "nodeKind", "hasValue", "node", "or",
    "minInclusive", "maxInclusive", "pattern", "languageIn", "uniqueLang", "lessThanOrEquals",
    "severity", "message", "property", "targetClass", "flags", "name", "description", "order")}


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this validator does not check."""


@dataclass(frozen=True, slots=True)
class _Prop:
    """One property shape (or a bare constraint set, for ``sh:or`` members)."""

    path: URIRef | None
    inverse: bool
    constraints: tuple[tuple[str, object], ...]
    message: str
    severity: URIRef


def _message(g: Graph, node: Node) -> str:
    messages = [m for m in g.objects(node, SH.message)
                if getattr(m, "language", None) in (None, "en")]
    return str(messages[0]) if messages else ""


class Shapes:
    """The shapes graph, compiled once into node shapes and their property shapes."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.node_shapes: dict[Node, tuple[list[_Prop], list[_Prop]]] = {}
        self.targets: list[tuple[URIRef, Node]] = []
        for shape in set(g.subjects(SH.targetClass, None)):
            for cls in g.objects(shape, SH.targetClass):
                self.targets.append((cls, shape))  # type: ignore[arg-type]
            self._compile(shape)

    def _compile(self, shape: Node) -> tuple[list[_Prop], list[_Prop]]:
        if shape in self.node_shapes:
            return self.node_shapes[shape]
        props = [self._prop(p) for p in self.g.objects(shape, SH.property)]
        own = self._prop(shape, node_level=True)
        self.node_shapes[shape] = (props, [own] if own.constraints else [])
        for p in props:
            for c, v in p.constraints:
                if c == "node":
                    self._compile(v)  # type: ignore[arg-type]
        return self.node_shapes[shape]

    def _prop(self, node: Node, node_level: bool = False) -> _Prop:
        g = self.g
        path = g.value(node, SH.path)
        inverse = False
        if isinstance(path, BNode):
            inner = g.value(path, SH.inversePath)
            if inner is None:
                raise UnsupportedShape(f"path {path} of {node} is neither an IRI nor inverse")
            path, inverse = inner, True
        constraints: list[tuple[str, object]] = []
        for p, o in g.predicate_objects(node):
            if not str(p).startswith(str(SH)):
                continue
            if p not in _KNOWN:
                raise UnsupportedShape(f"{node} uses {p}, which this validator does not check")
            name = str(p)[len(str(SH)):]
            if p == SH["or"]:
                constraints.append((name, tuple(self._prop(m) for m in Collection(g, o))))
            elif p == SH.languageIn:
                constraints.append((name, tuple(str(x).lower() for x in Collection(g, o))))
            elif p in (SH.minCount, SH.maxCount):
                constraints.append((name, int(o)))  # type: ignore[call-overload]
            elif p in (SH.severity, SH.message, SH.property, SH.targetClass, SH.path,
                       SH.flags, SH.name, SH.description, SH.order):
                continue
            elif p == SH.uniqueLang:
                if str(o).lower() == "true":
                    constraints.append((name, True))
            else:
                constraints.append((name, o))
        return _Prop(path if isinstance(path, URIRef) else None, inverse, tuple(constraints),
                     _message(g, node), g.value(node, SH.severity) or SH.Violation)  # type: ignore[arg-type]


class _Data:
    """Indexes of the data graph (all named graphs as one union, with the ontology)."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.out: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.inv: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        seen: set[tuple[Node, Node, Node]] = set()
        for t in triples:
            if t in seen:
                continue
            seen.add(t)
            s, p, o = t
            self.out[p][s].append(o)
            if p in _INVERSE_NEEDED:
                self.inv[p][o].append(s)
        supers: dict[Node, set[Node]] = defaultdict(set)
        for s, objs in self.out[RDFS.subClassOf].items():
            supers[s].update(objs)
        self.closure: dict[Node, set[Node]] = {}
        for cls in list(supers):
            todo, done = [cls], {cls}
            while todo:
                for sup in supers.get(todo.pop(), ()):
                    if sup not in done:
                        done.add(sup)
                        todo.append(sup)
            self.closure[cls] = done
        self.types: dict[Node, set[Node]] = {}
        for s, classes in self.out[RDF.type].items():
            all_types: set[Node] = set()
            for c in classes:
                all_types |= self.closure.get(c, {c})
            self.types[s] = all_types

    def values(self, focus: Node, path: URIRef, inverse: bool) -> list[Node]:
        index = self.inv if inverse else self.out
        return list(dict.fromkeys(index.get(path, {}).get(focus, ())))

    def instances(self, cls: Node) -> list[Node]:
        return [s for s, ts in self.types.items() if cls in ts]


_INVERSE_NEEDED = {CG.partnership, CG.evidence}
_EVIDENCE, _DATA_FILE, _LINE, _EVIDENCE_CLASS = CG.evidence, CG.dataFile, CG.line, CG.Evidence


_IRI, _BNODE, _LITERAL = SH.IRI, SH.BlankNode, SH.Literal
_BNODE_OR_IRI, _IRI_OR_LITERAL, _BNODE_OR_LITERAL = (
    SH.BlankNodeOrIRI, SH.IRIOrLiteral, SH.BlankNodeOrLiteral)
_VIOLATION = SH.Violation


def _kind_ok(value: Node, kind: Node) -> bool:
    if kind == _IRI:
        return isinstance(value, URIRef)
    if kind == _BNODE:
        return isinstance(value, BNode)
    if kind == _LITERAL:
        return isinstance(value, Literal)
    if kind == _BNODE_OR_IRI:
        return isinstance(value, URIRef | BNode)
    if kind == _IRI_OR_LITERAL:
        return isinstance(value, URIRef | Literal)
    if kind == _BNODE_OR_LITERAL:
        return isinstance(value, BNode | Literal)
    raise UnsupportedShape(f"unknown sh:nodeKind {kind}")


def _datatype_ok(value: Node, datatype: Node) -> bool:
    if not isinstance(value, Literal):
        return False
    if datatype == LANG_STRING:
        return value.language is not None
    if value.language is not None:
        return False
    actual = value.datatype or XSD_STRING
    return actual == datatype and not getattr(value, "ill_typed", False)


def _compare(a: Node, b: Node) -> int | None:
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        return None
    try:
        x, y = a.toPython(), b.toPython()
        return int((x > y) - (x < y))
    except TypeError:
        return None


class _Checker:
    def __init__(self, shapes: Shapes, data: _Data) -> None:
        self.shapes = shapes
        self.data = data
        self.conforms_cache: dict[tuple[Node, Node], bool] = {}

    def conforms(self, focus: Node, shape: Node) -> bool:
        key = (focus, shape)
        if key not in self.conforms_cache:
            props, own = self.shapes.node_shapes[shape]
            self.conforms_cache[key] = not any(
                True for p in props + own for _ in self.prop(focus, p))
        return self.conforms_cache[key]

    def value_ok(self, value: Node, c: str, arg: object) -> bool:
        d = self.data
        if c == "class":
            return arg in d.types.get(value, ())
        if c == "datatype":
            return _datatype_ok(value, arg)  # type: ignore[arg-type]
        if c == "nodeKind":
            return _kind_ok(value, arg)  # type: ignore[arg-type]
        if c == "node":
            return self.conforms(value, arg)  # type: ignore[arg-type]
        if c == "minInclusive":
            r = _compare(value, arg)  # type: ignore[arg-type]
            return r is not None and r >= 0
        if c == "maxInclusive":
            r = _compare(value, arg)  # type: ignore[arg-type]
            return r is not None and r <= 0
        if c == "pattern":
            return not isinstance(value, BNode) and re.search(str(arg), str(value)) is not None
        if c == "languageIn":
            lang = (getattr(value, "language", None) or "").lower()
            return bool(lang) and any(lang == a or lang.startswith(a + "-")
                                      for a in arg)  # type: ignore[attr-defined]
        if c == "or":
            return any(self.member_ok(value, m) for m in arg)  # type: ignore[attr-defined]
        raise UnsupportedShape(f"{c} is not a value constraint")

    def member_ok(self, focus: Node, member: _Prop) -> bool:
        return not any(True for _ in self.prop(focus, member))

    def prop(self, focus: Node, p: _Prop) -> Iterable[_Prop]:
        """Yield ``p`` once per violated constraint (SHACL reports one result per value)."""
        values = self.data.values(focus, p.path, p.inverse) if p.path is not None else [focus]
        for c, arg in p.constraints:
            if c == "minCount":
                if len(values) < arg:  # type: ignore[operator]
                    yield p
            elif c == "maxCount":
                if len(values) > arg:  # type: ignore[operator]
                    yield p
            elif c == "hasValue":
                if arg not in values:
                    yield p
            elif c == "uniqueLang":
                langs = [v.language for v in values if isinstance(v, Literal) and v.language]
                for _ in {x for x in langs if langs.count(x) > 1}:
                    yield p
            elif c == "lessThanOrEquals":
                others = self.data.values(focus, arg, False)  # type: ignore[arg-type]
                for v in values:
                    for w in others:
                        r = _compare(v, w)
                        if r is None or r > 0:
                            yield p
            else:
                for v in values:
                    if not self.value_ok(v, c, arg):
                        yield p


def validate_quads(quads: Iterable[Sequence[Node]], *, ontology: Graph,
                   shapes: Shapes) -> list[Violation]:
    """Validate mapped quads (and the ontology) against the shapes, as pySHACL would.

    Returns the violations, with the data rows each offending node came from,
    in the order :func:`citygraph.graph.write.validate.validate` returns them.
    """
    data = _Data([(q[0], q[1], q[2]) for q in quads] + list(ontology))
    checker = _Checker(shapes, data)
    found: dict[tuple[str, str, str], Node] = {}
    for cls, shape in shapes.targets:
        props, own = shapes.node_shapes[shape]
        for focus in data.instances(cls):
            for p in props + own:
                for bad in checker.prop(focus, p):
                    if bad.severity != _VIOLATION:
                        continue
                    path = "" if bad.path is None or bad.inverse else _short(bad.path)
                    found[(str(focus), path, bad.message or "violates a shape")] = focus
    return sorted((Violation(f, path, msg, _rows(data, node))
                   for (f, path, msg), node in found.items()),
                  key=lambda v: (v.rows, v.focus, v.path))


def _short(iri: URIRef) -> str:
    return Graph().namespace_manager.normalizeUri(iri)  # as validate() names it


def _rows(data: _Data, focus: Node, depth: int = 0) -> tuple[str, ...]:
    is_evidence = _EVIDENCE_CLASS in data.types.get(focus, ())
    nodes = [focus] if is_evidence else data.values(focus, CG.evidence, False)
    rows = set()
    for node in nodes:
        path = data.values(node, CG.dataFile, False)
        line = data.values(node, CG.line, False)
        if path:
            rows.add(f"{path[0]}, line {line[0]}" if line else str(path[0]))
    if not rows and depth < 2:
        for index in data.out.values():
            for s, objs in index.items():
                if focus in objs and isinstance(s, URIRef) and s != focus:
                    rows.update(_rows(data, s, depth + 1))
    return tuple(sorted(rows))
