r"""Serialise query results: SPARQL 1.1 results (JSON, XML, CSV, TSV) and RDF graphs.

SELECT and ASK results are written per the W3C specifications:

- JSON: *SPARQL 1.1 Query Results JSON Format* (W3C Recommendation, 2013);
- XML: *SPARQL Query Results XML Format (Second Edition)* (2013);
- CSV and TSV: *SPARQL 1.1 Query Results CSV and TSV Formats* (2013).  CSV
  gives plain values (lexical forms, IRIs without brackets, blank nodes as
  ``_:label``); TSV gives terms in SPARQL/Turtle syntax.  That note defines
  them for SELECT only; an ASK result is written as a one-column table
  ``_askResult`` (``?_askResult`` in TSV) holding ``true`` or ``false``, as
  Apache Jena does.

CONSTRUCT and DESCRIBE results (:class:`~citygraph.graph.store.base.GraphResult`)
are written with pyoxigraph as Turtle, N-Triples, JSON-LD (expanded), RDF/XML
or TriG (the triples in the default graph).

XML 1.0 cannot carry most control characters (U+0000 to U+001F other than tab,
line feed and carriage return), not even as character references: in the XML
results they are replaced by U+FFFD, the replacement character.

Examples
--------
>>> from citygraph.graph.store.base import SelectResult, Term
>>> r = SelectResult(["city"], [{"city": Term("literal", "Wellington", lang="en")}])
>>> to_sparql_json(r)["results"]["bindings"]
[{'city': {'type': 'literal', 'value': 'Wellington', 'xml:lang': 'en'}}]
>>> to_csv(r).splitlines()
['city', 'Wellington']
>>> to_tsv(r).splitlines()
['?city', '"Wellington"@en']
>>> print(to_sparql_xml(r))  # doctest: +NORMALIZE_WHITESPACE
<?xml version="1.0" encoding="UTF-8"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head><variable name="city"/></head>
  <results>
    <result><binding name="city"><literal xml:lang="en">Wellington</literal></binding></result>
  </results>
</sparql>
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from citygraph.graph.store.base import (
    XSD_STRING,
    AskResult,
    GraphResult,
    Result,
    SelectResult,
    Term,
)
from citygraph.ingest.csv_cells import row as csv_row
from citygraph.ingest.errors import NotAcceptable

__all__ = [
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "UnsupportedFormat",
    "serialize",
    "to_csv",
    "to_graph",
    "to_sparql_json",
    "to_sparql_xml",
    "to_tsv",
]

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

#: RDF media types a graph result can be written in, the server's preference first.
GRAPH_TYPES: Mapping[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
}


class UnsupportedFormat(NotAcceptable):
    """The result cannot be written in the format asked for; the message says why."""


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


def _plain(term: Term) -> str:
    """A term's CSV value: the lexical form, the IRI, or ``_:label``."""
    return f"_:{term.value}" if term.type == "bnode" else term.value


def to_csv(result: Result) -> str:
    r"""Return a SELECT result as SPARQL 1.1 CSV results (plain values, CRLF lines).

    A value a spreadsheet would run as a formula gets a ``'`` before it
    (:func:`citygraph.ingest.csv_cells.cell`): ``=HYPERLINK(...)`` comes back
    as ``'=HYPERLINK(...)``.

    >>> from citygraph.graph.store.base import SelectResult, Term
    >>> rows = [{"a": Term("bnode", "x1")}, {"b": Term("literal", 'a "b", c')}]
    >>> to_csv(SelectResult(["a", "b"], rows))
    'a,b\r\n_:x1,\r\n,"a ""b"", c"\r\n'
    """
    if isinstance(result, AskResult):
        return f"_askResult\r\n{str(result.boolean).lower()}\r\n"
    if not isinstance(result, SelectResult):
        raise TypeError("only SELECT and ASK results have a CSV results format")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_row(result.variables))
    for row in result.rows:
        writer.writerow(csv_row(_plain(row[v]) if v in row else "" for v in result.variables))
    return out.getvalue()


_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TSV_SPECIAL = re.compile(r'[\\"\n\r\t]')


def _turtle_string(text: str) -> str:
    return '"' + _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES[m.group()], text) + '"'


def _turtle_iri(iri: str) -> str:
    # characters IRIs may not hold, escaped as UCHARs so that the line stays one term
    return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def _tsv_term(term: Term) -> str:
    """A term in SPARQL/Turtle syntax, as the TSV results format writes it."""
    if term.type == "uri":
        return _turtle_iri(term.value)
    if term.type == "bnode":
        return f"_:{term.value}"
    if term.type == "triple":
        return term.value
    text = _turtle_string(term.value)
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype and term.datatype not in (XSD_STRING, RDF_LANGSTRING):
        return f"{text}^^{_turtle_iri(term.datatype)}"
    return text


def to_tsv(result: Result) -> str:
    r"""Return a SELECT result as SPARQL 1.1 TSV results (terms in SPARQL syntax, LF lines).

    >>> from citygraph.graph.store.base import SelectResult, Term
    >>> year = Term("literal", "1968", datatype="http://www.w3.org/2001/XMLSchema#gYear")
    >>> to_tsv(SelectResult(["s", "y"], [{"s": Term("uri", "http://ex.org/a"), "y": year},
    ...                                  {"y": Term("literal", "tab\there")}]))
    '?s\t?y\n<http://ex.org/a>\t"1968"^^<http://www.w3.org/2001/XMLSchema#gYear>\n\t"tab\\there"\n'
    """
    if isinstance(result, AskResult):
        return f"?_askResult\n{str(result.boolean).lower()}\n"
    if not isinstance(result, SelectResult):
        raise TypeError("only SELECT and ASK results have a TSV results format")
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(_tsv_term(row[v]) if v in row else "" for v in result.variables))
    return "\n".join(lines) + "\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    # a carriage return as such would be read back as a line feed (XML 1.0, 2.11)
    return escape(_NOT_XML.sub("\ufffd", text), {"\r": "&#13;"})


def _xml_term(term: Term) -> str:
    if term.type == "uri":
        return f"<uri>{_xml_text(term.value)}</uri>"
    if term.type == "bnode":
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    attributes = ""
    if term.lang:
        attributes = f" xml:lang={quoteattr(term.lang)}"
    elif term.datatype and term.datatype not in (XSD_STRING, RDF_LANGSTRING):
        attributes = f" datatype={quoteattr(_NOT_XML.sub('', term.datatype))}"
    return f"<literal{attributes}>{_xml_text(term.value)}</literal>"


def to_sparql_xml(result: Result) -> str:
    """Return a SELECT or ASK result in the SPARQL Query Results XML Format.

    >>> from citygraph.graph.store.base import AskResult
    >>> print(to_sparql_xml(AskResult(True)))  # doctest: +NORMALIZE_WHITESPACE
    <?xml version="1.0" encoding="UTF-8"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#">
      <head></head>
      <boolean>true</boolean>
    </sparql>
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<sparql xmlns="{SPARQL_RESULTS_NS}">\n']
    if isinstance(result, AskResult):
        out.append("  <head></head>\n")
        out.append(f"  <boolean>{str(result.boolean).lower()}</boolean>\n")
    elif isinstance(result, SelectResult):
        out.append("  <head>")
        out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
        out.append("</head>\n  <results>\n")
        for row in result.rows:
            out.append("    <result>")
            out.extend(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                       for v in result.variables if v in row)
            out.append("</result>\n")
        out.append("  </results>\n")
    else:
        raise TypeError("only SELECT and ASK results have an XML results format")
    out.append("</sparql>\n")
    return "".join(out)


#: SPARQL results media types, the server's preference first, with their writers.
RESULT_TYPES: Mapping[str, Callable[[Result], str]] = {
    "application/sparql-results+json":
        lambda r: json.dumps(to_sparql_json(r), ensure_ascii=False),
    "application/sparql-results+xml": to_sparql_xml,
    "text/csv": to_csv,
    "text/tab-separated-values": to_tsv,
}


# the local part RDF/XML needs at the end of a predicate IRI (an XML NCName's start)
_LOCAL_NAME = re.compile(r"[^\W\d][\w.\-·]*\Z")


def to_graph(result: GraphResult, rdf_format: ox.RdfFormat,
             prefixes: Mapping[str, str] | None = None) -> bytes:
    r"""Write the triples of a CONSTRUCT or DESCRIBE result in an RDF format.

    Raises
    ------
    UnsupportedFormat
        RDF/XML asked for, and a predicate IRI does not end in a name XML can
        write (e.g. ``http://example.org/1``).

    Examples
    --------
    >>> g = GraphResult('<http://ex.org/a> <http://ex.org/p> "x"@en .\n', 1)
    >>> to_graph(g, ox.RdfFormat.TURTLE, {"ex": "http://ex.org/"}).decode()
    '@prefix ex: <http://ex.org/> .\nex:a ex:p "x"@en .\n'
    >>> to_graph(g, ox.RdfFormat.TRIG).decode()
    '<http://ex.org/a> <http://ex.org/p> "x"@en .\n'
    """
    triples = [t if isinstance(t, ox.Triple) else t.triple
               for t in ox.parse(result.ntriples.encode(), format=ox.RdfFormat.N_TRIPLES)]
    if rdf_format == ox.RdfFormat.RDF_XML:
        for triple in triples:
            if not _LOCAL_NAME.search(triple.predicate.value):
                raise UnsupportedFormat(
                    f"The predicate <{triple.predicate.value}> cannot be written in RDF/XML "
                    "(its IRI does not end in an XML name); ask for Turtle or N-Triples."
                )
    items: list[ox.Triple] | list[ox.Quad] = triples
    if rdf_format.supports_datasets:
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    try:
        data = ox.serialize(items, format=rdf_format,
                            prefixes=dict(prefixes) if prefixes else None) or b""
    except (ValueError, TypeError) as err:
        raise UnsupportedFormat(
            f"The graph cannot be written as {rdf_format.name}: {err}") from None
    if not data and rdf_format == ox.RdfFormat.JSON_LD:
        data = b"[]"
    return data


def serialize(result: Result, media_type: str,
              prefixes: Mapping[str, str] | None = None) -> bytes:
    r"""Write a result in one of :data:`RESULT_TYPES` or :data:`GRAPH_TYPES`.

    Raises
    ------
    UnsupportedFormat
        The media type does not fit the result (e.g. CSV for a CONSTRUCT),
        or the graph cannot be written in it.

    Examples
    --------
    >>> serialize(AskResult(False), "text/csv")
    b'_askResult\r\nfalse\r\n'
    """
    if isinstance(result, GraphResult):
        if media_type not in GRAPH_TYPES:
            raise UnsupportedFormat(f"A graph cannot be written as {media_type}.")
        return to_graph(result, GRAPH_TYPES[media_type], prefixes)
    writer = RESULT_TYPES.get(media_type)
    if writer is None:
        raise UnsupportedFormat(
            f"A {result.kind.upper()} result cannot be written as {media_type}.")
    return writer(result).encode("utf-8")
