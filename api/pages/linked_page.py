"""The linked-data pages' data: a resource's triples grouped, labelled and nested for a template.

``resource.html`` (``/id/...``, ``/kind/...``) and ``vocabulary.html``
(``/ontology``) show RDF as it is: every triple, grouped by predicate.  This
module only shapes a :class:`~citygraph.graph.read.linked.Description` into
what those templates iterate, in the page's language:

- an IRI becomes an :class:`Iri`: its label when the graph has one (in the
  page's language, else the other), the place it links to (its page here, by
  :func:`~citygraph.graph.read.linked.local_path`, else the IRI itself when
  it is http(s));
- a literal a :class:`Literal`, with its language tag or its datatype;
- a blank node a :class:`Blank`: its RDF list's items, or its own triples,
  nested (up to :data:`MAX_DEPTH` levels), or only its id;
- the triples of one predicate a :class:`Row`.

Every string stays text: the templates autoescape it.

Examples
--------
>>> from citygraph.graph.read.linked import Description, Triple
>>> from citygraph.graph.store.base import Term
>>> me = Term("uri", "https://w3id.org/citygraph/id/place/x")
>>> label = Term("uri", "http://www.w3.org/2000/01/rdf-schema#label")
>>> d = Description(me.value, out=[Triple(me, label, Term("literal", "X", lang="en"))])
>>> page = resource_page(d, "/id/place/x", "en")
>>> page.name, page.statements[0].predicate.compact, page.statements[0].values
(Name(text='X', lang=None, other='', other_lang='ko'), 'rdfs:label', (Literal(value='X', \
lang='en', datatype=None),))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import quote

from citygraph.graph.read.linked import Description, Triple, Vocabulary, compact
from citygraph.graph.store.base import XSD_STRING, Term
from citygraph.ontology.vocab import local_path

__all__ = [
    "MAX_DEPTH",
    "Blank",
    "Iri",
    "Literal",
    "Name",
    "ResourcePage",
    "Row",
    "Section",
    "Value",
    "VocabularyPage",
    "VocabularyTerm",
    "names",
    "resource_page",
    "rows",
    "value",
    "vocabulary_page",
]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = _RDF + "type"

#: Blank nodes nested deeper than this show only their id.
MAX_DEPTH = 8

#: The ontology page's sections in Korean, by their English titles.
_SECTIONS_KO = {"Classes": "클래스", "Object properties": "객체 속성",
                "Datatype properties": "데이터 속성", "Concept schemes": "개념 체계"}


@dataclass(frozen=True, slots=True)
class Iri:
    """An IRI as a page shows it: its label (``""`` for none) and where it links.

    >>> Iri("https://w3id.org/citygraph/ontology#party", "", "/ontology#party").compact
    'cg:party'
    """

    kind: ClassVar[str] = "iri"
    iri: str
    label: str
    href: str | None

    @property
    def compact(self) -> str:
        """The IRI with a prefix, shown when it has no label."""
        return compact(self.iri)


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal: its text, and its language tag or its datatype (never ``xsd:string``)."""

    kind: ClassVar[str] = "literal"
    value: str
    lang: str | None
    datatype: Iri | None


@dataclass(frozen=True, slots=True)
class Blank:
    """A blank node: an RDF list (``items``), its own triples (``pairs``), or only its id."""

    kind: ClassVar[str] = "blank"
    id: str
    items: tuple[Value, ...] | None = None
    pairs: tuple[tuple[Iri, Value], ...] = ()


Value = Iri | Literal | Blank


@dataclass(frozen=True, slots=True)
class Row:
    """The values of one predicate (objects, or subjects for the triples pointing in)."""

    predicate: Iri
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Name:
    """A name in the page's language and, when it differs, in the other one.

    ``lang`` is set when ``text`` is not in the page's language (it fell back).
    """

    text: str
    lang: str | None
    other: str
    other_lang: str


@dataclass(frozen=True, slots=True)
class ResourcePage:
    """What ``resource.html`` shows of one resource."""

    iri: str
    path: str
    name: Name
    types: tuple[Iri, ...]
    statements: tuple[Row, ...]
    referenced_by: tuple[Row, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class VocabularyTerm:
    """One term of the ontology: its anchor, its IRI, its labels and its other triples."""

    anchor: str
    iri: Iri
    name: Name
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the ontology page (classes, properties ...): title, anchor, terms."""

    anchor: str
    title_en: str
    title_ko: str
    terms: tuple[VocabularyTerm, ...]


@dataclass(frozen=True, slots=True)
class VocabularyPage:
    """What ``vocabulary.html`` shows: the ontology's own triples, then its terms."""

    iri: str
    title: str
    rows: tuple[Row, ...]
    sections: tuple[Section, ...]


def names(en: str, ko: str, lang: str, fallback: str = "") -> Name:
    """Name something in ``lang``, else in the other language, else ``fallback``.

    >>> names("Wellington", "웰링턴", "ko")
    Name(text='웰링턴', lang=None, other='Wellington', other_lang='en')
    >>> names("Kyiv", "", "ko")
    Name(text='Kyiv', lang='en', other='', other_lang='en')
    >>> names("", "", "en", "cg:x")
    Name(text='cg:x', lang=None, other='', other_lang='ko')
    """
    other_lang = "en" if lang == "ko" else "ko"
    mine, theirs = (ko, en) if lang == "ko" else (en, ko)
    if mine:
        return Name(mine, None, theirs if theirs != mine else "", other_lang)
    if theirs:
        return Name(theirs, other_lang, "", other_lang)
    return Name(fallback, None, "", other_lang)


def _href(iri: str) -> str | None:
    """Where a link to an IRI goes: its page here, else the IRI when it is http(s)."""
    local = local_path(iri)
    if local is not None:
        return local
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def _label(d: Description, iri: str, lang: str) -> str:
    return d.label_of(iri, lang) or d.label_of(iri, "ko" if lang == "en" else "en")


def _iri(iri: str, label: str = "") -> Iri:
    return Iri(iri, label, _href(iri))


def value(term: Term, d: Description, lang: str, depth: int = 0) -> Value:
    """Shape one term of ``d`` for the page (see the module's description)."""
    if term.type == "literal":
        datatype = term.datatype if term.datatype != XSD_STRING and not term.lang else None
        return Literal(term.value, term.lang or None, _iri(datatype) if datatype else None)
    if term.type == "bnode":
        return _blank(term, d, lang, depth)
    return _iri(term.value, _label(d, term.value, lang))


def _blank(term: Term, d: Description, lang: str, depth: int) -> Blank:
    triples = [t for t in d.blank if t.s == term]
    if depth > MAX_DEPTH or not triples:
        return Blank(term.value)
    items = _list_items(term, d)
    if items is not None:
        return Blank(term.value, items=tuple(value(i, d, lang, depth + 1) for i in items))
    return Blank(term.value, pairs=tuple((_iri(t.p.value), value(t.o, d, lang, depth + 1))
                                         for t in triples))


def _list_items(term: Term, d: Description) -> list[Term] | None:
    """The items of the RDF list that starts at ``term``; ``None`` when it is none."""
    items: list[Term] = []
    node: Term | None = term
    seen = set()
    while node is not None and node.value != _RDF + "nil":
        if node in seen:
            return None
        seen.add(node)
        first = [t.o for t in d.blank if t.s == node and t.p.value == _RDF + "first"]
        rest = [t.o for t in d.blank if t.s == node and t.p.value == _RDF + "rest"]
        if len(first) != 1 or len(rest) != 1:
            return None
        items.append(first[0])
        node = rest[0]
    return items


def rows(triples: Iterable[Triple], d: Description, lang: str, *,
         by_subject: bool = False) -> tuple[Row, ...]:
    """Group triples by predicate, in their order: the objects, or the subjects."""
    groups: dict[str, list[Value]] = {}
    for t in triples:
        groups.setdefault(t.p.value, []).append(value(t.s if by_subject else t.o, d, lang))
    return tuple(Row(_iri(p), tuple(values)) for p, values in groups.items())


def resource_page(d: Description, path: str, lang: str) -> ResourcePage:
    """The page of one resource: its names, types, and every triple it is in."""
    name = names(d.label("en"), d.label("ko"), lang, compact(d.iri))
    return ResourcePage(
        iri=d.iri, path=path, name=name,
        types=tuple(_iri(t, _label(d, t, lang)) for t in d.types()),
        statements=rows((t for t in d.out if t.p.value != _TYPE), d, lang),
        referenced_by=rows(d.incoming, d, lang, by_subject=True),
        truncated=d.truncated,
    )


def vocabulary_page(v: Vocabulary, lang: str) -> VocabularyPage:
    """The ontology's page: its own triples, then each section's terms with an anchor."""
    o = v.ontology
    sections = []
    for title, described in v.sections:
        terms = []
        for term in described:
            local = "#" in term.iri
            terms.append(VocabularyTerm(
                anchor=term.iri.rsplit("#", 1)[-1] if local else term.iri,
                # a term of this page is not linked (it is here); others link to their page
                iri=Iri(term.iri, "", None) if local else _iri(term.iri),
                name=names(term.label("en"), term.label("ko"), lang),
                rows=rows((t for t in term.out if t.p.value != _TYPE), term, lang)))
        sections.append(Section(quote(title.lower().replace(" ", "-")), title,
                                _SECTIONS_KO.get(title, title), tuple(terms)))
    return VocabularyPage(
        iri=o.iri, title=names(o.label("en"), o.label("ko"), lang, "citygraph ontology").text,
        rows=rows((t for t in o.out if t.p.value != _TYPE), o, lang), sections=tuple(sections))
