"""The token reader: what it finds equals what rdflib's parser finds, and it cannot be fooled.

Property-based: hypothesis writes queries and updates from a small SPARQL
grammar, with keywords in every case, comments between tokens and the
guarded words hidden in strings (all four quote forms), IRIs, prefixed names,
variables, language tags and blank node labels; wherever rdflib parses the
text, :func:`read` must find the same form, update, SERVICE, LOAD, FROM and
USING.  The evasions it must see through and rdflib's parser would not are
tested one by one below.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from citygraph.api.examples import EXAMPLES
from citygraph.graph.store.tokens import Reading, read

from .oracle import Verdict, verdict

WORDS = ["SERVICE", "LOAD", "FROM", "USING", "NAMED", "SELECT", "INSERT", "service", "load"]


def cased(word: str) -> st.SearchStrategy[str]:
    """A keyword in upper, lower or mixed case."""
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda ups: "".join(c.upper() if u else c.lower() for c, u in zip(word, ups, strict=True)))


gap = st.sampled_from([" ", "\n", "  ", "\t", " # SERVICE <http://x> { } LOAD\n",
                       "#FROM <http://g>\n"])
word = st.sampled_from(WORDS)
iri = st.one_of(st.just("<http://ex.org/a>"),
                word.map(lambda w: f"<http://ex.org/{w}>"),
                word.map(lambda w: f"<http://ex.org/x#{w}>"))
pname = st.one_of(st.just("ex:a"), word.map(lambda w: f"ex:{w}"), word.map(lambda w: f":{w}"))
variable = st.one_of(st.just("?s"), word.map(lambda w: f"?{w}"), word.map(lambda w: f"${w}"))
literal = st.one_of(
    word.map(lambda w: f'"{w} <http://x> {{ }}"'),
    word.map(lambda w: f"'{w}'"),
    word.map(lambda w: f'"""a\n{w} <http://x> {{ }}\n"""'),
    word.map(lambda w: f"'''{w}'''"),
    word.map(lambda w: f'"say \\"{w}\\""'),
    word.map(lambda w: f'"x"@{w.lower()}'),
    st.just("42"), st.just("1.5e3"), st.just("true"),
)
blank = word.map(lambda w: f"_:{w.lower()}")
term = st.one_of(iri, pname, variable, literal, blank)
subject = st.one_of(iri, pname, variable, blank)
predicate = st.one_of(iri, pname, variable, st.just("a"))


def triple() -> st.SearchStrategy[str]:
    return st.tuples(subject, gap, predicate, gap, term).map("".join)


def group(depth: int) -> st.SearchStrategy[str]:
    """A group graph pattern, nesting the patterns rdflib and Oxigraph both know."""
    inner: st.SearchStrategy[str] = st.lists(triple(), min_size=0, max_size=3).map(
        lambda ts: " . ".join(ts))
    if depth > 0:
        sub = group(depth - 1)
        inner = st.lists(st.one_of(
            triple(),
            st.tuples(cased("OPTIONAL"), gap, sub).map("".join),
            st.tuples(cased("MINUS"), gap, sub).map("".join),
            st.tuples(sub, gap, cased("UNION"), gap, sub).map("".join),
            st.tuples(cased("GRAPH"), gap, st.one_of(iri, variable), gap, sub).map("".join),
            st.tuples(cased("SERVICE"), gap, st.sampled_from(["", "SILENT "]),
                      st.one_of(iri, variable), gap, sub).map("".join),
            st.tuples(cased("FILTER"), st.just("("), cased("EXISTS"), gap, sub,
                      st.just(")")).map("".join),
            st.tuples(cased("FILTER"), st.just("(?s < ?o && ?o != "), term,
                      st.just(")")).map("".join),
            st.tuples(cased("BIND"), st.just("("), literal, st.just(" AS ?b)")).map("".join),
            st.tuples(st.just("{ "), cased("SELECT"), st.just(" * "), cased("WHERE"), gap, sub,
                      st.just(" }")).map("".join),
        ), min_size=0, max_size=3).map(lambda parts: " . ".join(parts) if parts else "")
    return inner.map(lambda body: "{ " + body + " }")


prologue = st.lists(st.sampled_from([
    "PREFIX ex: <http://ex.org/> ", "PREFIX : <http://ex.org/d#> ", "BASE <http://ex.org/> ",
    "PREFIX ex2: <http://ex.org/SERVICE/> "]), max_size=3).map(
        lambda ps: "PREFIX ex: <http://ex.org/> PREFIX : <http://x/> " + "".join(ps))
dataset = st.lists(st.tuples(cased("FROM"), gap, st.sampled_from(["", "NAMED "]),
                             iri).map("".join), max_size=2).map(" ".join)

query = st.one_of(
    st.tuples(prologue, cased("SELECT"), st.just(" * "), dataset, gap, cased("WHERE"), gap,
              group(2)).map("".join),
    st.tuples(prologue, cased("ASK"), gap, dataset, gap, group(2)).map("".join),
    st.tuples(prologue, cased("CONSTRUCT"), st.just(" { ?s ?p ?o } "), dataset,
              cased("WHERE"), gap, group(2)).map("".join),
    st.tuples(prologue, cased("DESCRIBE"), gap, iri, gap, dataset).map("".join),
)
update = st.one_of(
    st.tuples(prologue, cased("INSERT"), st.just(" "), cased("DATA"),
              st.just(" { <http://a> <http://b> "), literal, st.just(" }")).map("".join),
    st.tuples(prologue, cased("DELETE"), st.just(" { ?s ?p ?o } "),
              st.lists(st.tuples(cased("USING"), gap, st.sampled_from(["", "NAMED "]),
                                 iri).map("".join), max_size=2).map(" ".join),
              gap, cased("WHERE"), gap, group(2)).map("".join),
    st.tuples(prologue, cased("LOAD"), gap, st.sampled_from(["", "SILENT "]), iri).map("".join),
    st.tuples(prologue, cased("CLEAR"), st.just(" ALL")).map("".join),
    st.tuples(prologue, cased("WITH"), gap, iri, st.just(" DELETE { ?s ?p ?o } WHERE "),
              group(1)).map("".join),
)


def same(reading: Reading, expected: Verdict) -> None:
    found = (reading.form, reading.update, reading.service, reading.load,
             reading.dataset if not reading.update else False,
             reading.using if reading.update else False)
    wanted = (expected.form, expected.update, expected.service, expected.load,
              expected.dataset, expected.using)
    assert found == wanted


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(query)
def test_queries_read_as_rdflib_parses_them(text: str) -> None:
    expected = verdict(text)
    if expected is not None:
        same(read(text), expected)


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(update)
def test_updates_read_as_rdflib_parses_them(text: str) -> None:
    expected = verdict(text)
    if expected is not None:
        same(read(text), expected)


def sample(strategy: st.SearchStrategy[str], count: int) -> list[str]:
    """``count`` texts the strategy writes, the same on every run."""
    out: list[str] = []

    @settings(max_examples=count, database=None, derandomize=True, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(text: str) -> None:
        out.append(text)

    collect()
    return out


def test_the_generated_texts_are_mostly_valid() -> None:
    """The property tests prove something only if rdflib parses what they generate."""
    queries = [v for v in map(verdict, sample(query, 300)) if v is not None]
    updates = [v for v in map(verdict, sample(update, 100)) if v is not None]
    assert len(queries) >= 250 and len(updates) >= 80
    assert sum(v.service for v in queries) >= 5 and sum(v.dataset for v in queries) >= 5
    assert all(v.update for v in updates) and sum(v.load for v in updates) >= 5


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_every_example_query_reads_as_rdflib_parses_it(example: object) -> None:
    text = example.sparql("seoul")  # type: ignore[attr-defined]
    expected = verdict(text)
    assert expected is not None
    same(read(text), expected)


# what a parser would miss, or an engine reads otherwise: each must count
SEEN_THROUGH = {
    "a prefixed name Oxigraph reads as SERVICE :x":
        "PREFIX : <http://e/> SELECT * { SERVICE:x { ?s ?p ?o } }",
    "SERVICE spelled with an escape":
        "SELECT * { \\u0053ERVICE <http://e/> { ?s ?p ?o } }",
    "an escape in the middle of the word":
        "SELECT * { SERV\\u0049CE <http://e/> { ?s ?p ?o } }",
    "a long escape":
        "SELECT * { \\U00000053ERVICE <http://e/> { ?s ?p ?o } }",
    "an escaped quote ends a string only in the escaped reading":
        'SELECT * { BIND("a\\u0022" AS ?x) SERVICE <http://e/> { } BIND("b" AS ?y) }',
    "an escaped quote hides SERVICE only in the raw reading":
        'SELECT * { BIND("\\u0022 AS ?x) SERVICE <http://e/> { } BIND(" AS ?y) }',
    "a less-than that looks like the start of an IRI, then a comment":
        "PREFIX : <http://e/> SELECT * { ?a ?b ?c FILTER(?a<?b).SERVICE:x#>\n{ ?s ?p ?o } }",
    "no space before the IRI":
        "SELECT * { SERVICE<http://e/>{ ?s ?p ?o } }",
    "a comment between the word and its IRI":
        "SELECT * { SERVICE # a note\n <http://e/> { ?s ?p ?o } }",
    "a variable as the service":
        "SELECT * { VALUES ?e { <http://e/> } SERVICE ?e { ?s ?p ?o } }",
}


@pytest.mark.parametrize("text", SEEN_THROUGH.values(), ids=SEEN_THROUGH.keys())
def test_service_is_seen_through_every_disguise(text: str) -> None:
    assert read(text).service


@pytest.mark.parametrize("text", [
    "PREFIX : <http://e/> LOAD:data",
    "\\u004COAD <http://e/data.ttl>",
    "LoAd SILENT <http://e/data.ttl>",
])
def test_load_is_seen_through_every_disguise(text: str) -> None:
    reading = read(text)
    assert reading.load and reading.update


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x> { }" }',
    "SELECT * WHERE { ?s <http://ex.org/service> ?o } # SERVICE <http://y> { }",
    "PREFIX ex: <http://ex.org/> SELECT ?service WHERE { ?service ex:SERVICE _:service }",
    "SELECT * WHERE { ?s ?p (<http://ex.org/a> <http://ex.org/from>) }",  # a collection
    'SELECT * WHERE { ?s ?p "x"@service }',
])
def test_the_words_elsewhere_name_nothing(text: str) -> None:
    reading = read(text)
    assert not (reading.service or reading.load or reading.dataset or reading.update)


def test_depth_and_operators_are_counted() -> None:
    assert read("SELECT * WHERE " + "{" * 70 + "}" * 70).depth == 70
    assert read("ASK { ?s ?p [ ?q << ?a ?b ?c >> ] FILTER((1)) }").depth == 3
    assert read("ASK { FILTER(" + "||".join(["?o"] * 500) + ") }").operators == 499


def test_hostile_texts_are_read_to_the_end() -> None:
    """Texts built to make a reader backtrack, recurse or fork (their speed: make benchmark)."""
    assert read("SELECT * { FILTER(" + "||".join(["?o"] * 25_000) + ") }").operators == 25_000
    assert read("SELECT * WHERE " + "{" * 50_000 + "}" * 50_000).depth == 50_000
    forks = read("SELECT * { FILTER(" + "?a<?b#>\n" * 12_000 + ") }")
    assert forks.form == "select" and not forks.service
    assert read("SELECT * { " + "'a " * 30_000 + "SERVICE <http://e/> { } }").service
    assert read("SELECT * { ?s ex:" + "a." * 40_000 + "b ?o }").form == "select"
