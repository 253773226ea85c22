"""The plain HTML pages of linked data and downloads.

The page functions return whole HTML documents in which every label, value
and IRI is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from html import escape
from urllib.parse import quote

from citygraph.graph.publish.dumps import Download
from citygraph.graph.read.linked import Description, Triple, Vocabulary, compact
from citygraph.graph.store.base import XSD_STRING, Term
from citygraph.ontology.vocab import local_path

__all__ = ["downloads_page", "resource_page", "vocabulary_page"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


# -- pages ------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;
         border-bottom: 1px solid #ddd; }
th { width: 14rem; font-weight: 600; }
code, .iri { font-family: ui-monospace, monospace; font-size: .9em; word-break: break-all; }
.meta { color: #555; font-size: .85em; }
ul.values { list-style: none; margin: 0; padding: 0; }
nav a { margin-right: .75rem; }
"""


def _page(title: str, body: str, *, lang: str = "en") -> str:
    return f"""<!doctype html>
<html lang="{escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body><nav><a href="/">citygraph</a><a href="/ontology">ontology</a>
<a href="/downloads">downloads</a><a href="/sparql">SPARQL</a></nav>
<main>
{body}
</main></body></html>"""


def _href(iri: str) -> str | None:
    """Where a link to an IRI goes: its page here, else the IRI when it is http(s)."""
    local = local_path(iri)
    if local is not None:
        return local
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def _iri(iri: str, label: str = "") -> str:
    text = escape(label) if label else f'<span class="iri">{escape(compact(iri))}</span>'
    href = _href(iri)
    if href is None:
        return text
    title = f' title="{escape(iri)}"' if label else ""
    return f'<a href="{escape(href)}"{title}>{text}</a>'


def _literal(term: Term) -> str:
    value = escape(term.value)
    if term.lang:
        return f'{value} <span class="meta">@{escape(term.lang)}</span>'
    if term.datatype and term.datatype != XSD_STRING:
        return f'{value} <span class="meta">^^{_iri(term.datatype)}</span>'
    return value


def _term(term: Term, d: Description, depth: int = 0) -> str:
    if term.type == "literal":
        return _literal(term)
    if term.type == "bnode":
        return _blank(term, d, depth)
    label = d.label_of(term.value, "en") or d.label_of(term.value, "ko")
    return _iri(term.value, label)


def _blank(term: Term, d: Description, depth: int) -> str:
    """A blank node inline: an RDF list as its items, else its triples."""
    triples = [t for t in d.blank if t.s == term]
    if depth > 8 or not triples:
        return f'<span class="iri">_:{escape(term.value)}</span>'
    items = _list_items(term, d)
    if items is not None:
        return "(" + ", ".join(_term(i, d, depth + 1) for i in items) + ")"
    inner = "; ".join(f"{_iri(t.p.value)} {_term(t.o, d, depth + 1)}" for t in triples)
    return f"[ {inner} ]"


def _list_items(term: Term, d: Description) -> list[Term] | None:
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


def _grouped(triples: Iterable[Triple], by_subject: bool, d: Description) -> str:
    groups: dict[str, list[Term]] = defaultdict(list)
    for t in triples:
        groups[t.p.value].append(t.s if by_subject else t.o)
    rows = []
    for predicate, values in groups.items():
        items = "".join(f"<li>{_term(v, d)}</li>" for v in values)
        rows.append(f'<tr><th scope="row">{_iri(predicate)}</th>'
                    f'<td><ul class="values">{items}</ul></td></tr>')
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _formats(path: str) -> str:
    links = " · ".join(f'<a href="{escape(path)}?format={f}">{name}</a>'
                       for f, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"),
                                       ("nt", "N-Triples")))
    return f'<p class="meta">Also as {links}.</p>'


def resource_page(d: Description, path: str) -> str:
    """The page of one resource: its labels, types, and every triple it is in."""
    en, ko = d.label("en"), d.label("ko")
    title = en or ko or compact(d.iri)
    heading = escape(title)
    if ko and ko != title:
        heading += f' <span lang="ko">{escape(ko)}</span>'
    types = ", ".join(_iri(t, d.label_of(t)) for t in d.types()) or "—"
    out = [t for t in d.out if t.p.value != _RDF + "type"]
    body = [f"<h1>{heading}</h1>",
            f'<p><span class="iri">{escape(d.iri)}</span></p>',
            f"<p>Type: {types}</p>",
            _formats(path)]
    if d.truncated:
        body.append('<p class="meta">Only the first rows are shown: the store\'s row cap '
                    "cut the answer.</p>")
    if out:
        body += ["<h2>Statements</h2>", _grouped(out, False, d)]
    if d.incoming:
        body += ["<h2>Referenced by</h2>", _grouped(d.incoming, True, d)]
    return _page(title, "\n".join(body))


def vocabulary_page(v: Vocabulary) -> str:
    """The ontology's page: its description, then every term with an anchor."""
    o = v.ontology
    title = o.label("en") or "citygraph ontology"
    body = [f"<h1>{escape(title)}</h1>",
            f'<p><span class="iri">{escape(o.iri)}</span></p>',
            _formats("/ontology"),
            _grouped([t for t in o.out if t.p.value != _RDF + "type"], False, o)]
    toc = []
    for section, terms in v.sections:
        anchor = quote(section.lower().replace(" ", "-"))
        toc.append(f'<a href="#{anchor}">{escape(section)} ({len(terms)})</a>')
        body.append(f'<h2 id="{anchor}">{escape(section)}</h2>')
        for term in terms:
            name = term.iri.rsplit("#", 1)[-1] if "#" in term.iri else term.iri
            en, ko = term.label("en"), term.label("ko")
            link = _iri(term.iri) if "#" not in term.iri else escape(compact(term.iri))
            heading = f'<h3 id="{escape(name)}">{link}'
            if en:
                heading += f" — {escape(en)}"
            if ko:
                heading += f' <span lang="ko">{escape(ko)}</span>'
            body.append(heading + "</h3>")
            rest = [t for t in term.out if t.p.value != _RDF + "type"]
            body.append(_grouped(rest, False, term))
    body.insert(3, "<nav>" + " ".join(toc) + "</nav>")
    return _page(title, "\n".join(body))


def downloads_page(files: Iterable[Download], version: str, quads: int) -> str:
    """The list of downloads."""
    items = "\n".join(
        f'<tr><th scope="row"><a href="/downloads/{escape(f.name)}">{escape(f.name)}</a></th>'
        f"<td>{escape(f.description)}<br><span lang=\"ko\">{escape(f.description_ko)}</span>"
        f'</td><td><code>{escape(f.media_type)}</code></td></tr>'
        for f in files
    )
    body = (f"<h1>Downloads <span lang=\"ko\">내려받기</span></h1>\n"
            f"<p>Graph version <code>{escape(version)}</code>, {quads:,} quads.</p>\n"
            f"<table>\n{items}\n</table>")
    return _page("citygraph downloads", body)
