"""Find entities by name, in Korean or English, forgiving prefixes and typos.

:func:`build_index` reads every labelled entity (cities, regions, countries,
people, organisations, events, prizes, policies, venues) with one SPARQL
SELECT: its ``rdfs:label`` (English and Korean), ``skos:altLabel`` (other
spellings such as *Kiev*), ``dcterms:title`` and data key
(``dcterms:identifier``).  :meth:`SearchIndex.search` then matches a query
against every name, all in memory:

==============  ======  ==================================================
match           score   when
==============  ======  ==================================================
exact           1.0     the normalised query is the normalised name
prefix          0.9+    the name starts with the query (``웰링``, ``wel``)
half syllable   0.85+   the name's jamo start with the query's (``웰리``)
word prefix     0.8+    a later word of the name starts with the query
substring       0.7+    the query is inside the name
typo            0.4-0.6 within 1 edit (queries of 4-6 letters, 5-8 jamo)
                        or 2 edits (longer) of the name or of one of its
                        prefixes
                        (restricted Damerau-Levenshtein, from rapidfuzz:
                        a swap of two neighbouring letters is one edit)
==============  ======  ==================================================

Names are normalised with NFKC, case folding and without accents, spaces or
punctuation (``São Paulo`` -> ``saopaulo``).  Hangul is also compared as
decomposed jamo, so ``웰링톤`` (one vowel off) finds ``웰링턴``.  Typos
are not matched across scripts.  The ``+`` in the table grows with
the share of the name the query covers, so shorter names rank first; a match
on an alias or a data key scores a little less than the same match on a label.
Ties go to places before other kinds, then to the label.

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> index = build_index(example_store())
>>> [(hit.label_en, hit.score) for hit in index.search("taipie")]
[('Taipei', 0.64)]
>>> [hit.label_en for hit in index.search("서")]
['Seoul']
>>> normalise("São Paulo!"), jamo("웰")
('saopaulo', '웰')
"""

from __future__ import annotations

import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from citygraph.graph.store.base import SelectResult, Store, Term
from citygraph.ingest.errors import TooLarge
from citygraph.ontology.vocab import local_path, sparql_prefixes

__all__ = [
    "SEARCH_QUERY",
    "TYPES",
    "Hit",
    "SearchIndex",
    "SearchResults",
    "build_index",
    "distance",
    "jamo",
    "normalise",
]

_CG = "https://w3id.org/citygraph/ontology#"

#: Searchable classes, in the order that breaks ties (places first).
TYPES = ("City", "Region", "Country", "Person", "Organization", "Event", "Prize", "Policy",
         "Venue")

#: The one query behind :func:`build_index`: ``(entity, class, predicate, name)`` rows.
SEARCH_QUERY = sparql_prefixes("cg", "rdfs", "skos", "dcterms") + """\
SELECT DISTINCT ?s ?class ?p ?o WHERE {
  VALUES ?class { """ + " ".join(f"cg:{t}" for t in TYPES) + """ }
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:hiddenLabel dcterms:title
              dcterms:identifier }
  ?s a ?class ; ?p ?o .
  FILTER(isLiteral(?o))
}
"""

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
_DCTERMS_TITLE = "http://purl.org/dc/terms/title"
_DCTERMS_ID = "http://purl.org/dc/terms/identifier"

# How much a match on each kind of name counts (labels most).
_WEIGHT = {"label": 1.0, "alias": 0.97, "key": 0.95}


def normalise(text: str) -> str:
    """Fold a name for matching: NFKC, case folded, no accents, letters and digits only.

    >>> normalise("Washington, D.C."), normalise("Ｓｅｏｕｌ"), normalise("서울 특별시")
    ('washingtondc', 'seoul', '서울특별시')
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    # strip combining accents (NFD), then recompose Hangul syllables (NFC)
    bare = "".join(c for c in unicodedata.normalize("NFD", folded)
                   if not unicodedata.combining(c))
    return "".join(c for c in unicodedata.normalize("NFC", bare) if c.isalnum())


def _hangul(text: str) -> bool:
    return any("가" <= c <= "힣" or "ᄀ" <= c <= "ᇿ" or "ㄱ" <= c <= "ㆎ" for c in text)


def jamo(text: str) -> str:
    """Hangul syllables decomposed into their letters (conjoining jamo).

    Compatibility jamo typed alone (``ㅌ``) become the same leading consonants.

    >>> len(jamo("웰링턴")), jamo("ㅌ") == jamo("터")[0]
    (9, True)
    """
    return unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))


def distance(a: str, b: str, limit: int) -> tuple[int, int]:
    """Edit distances from ``a`` to ``b`` and to the nearest prefix of ``b``.

    Restricted Damerau-Levenshtein (optimal string alignment, rapidfuzz's
    ``OSA``): insertions, deletions, substitutions and swaps of neighbouring
    characters cost 1.  Distances above ``limit`` are reported as ``limit + 1``.

    >>> distance("welington", "wellington", 2)
    (1, 1)
    >>> distance("kyvi", "kyiv", 1)
    (1, 1)
    >>> distance("wel", "wellington", 1)
    (2, 0)
    >>> distance("xyz", "wellington", 1)
    (2, 2)
    """
    over = limit + 1
    whole = min(OSA.distance(a, b, score_cutoff=limit), over)
    prefix = min((OSA.distance(a, b[:n], score_cutoff=limit)
                  for n in range(max(0, len(a) - limit), len(a) + limit + 1)), default=over)
    return whole, min(prefix, over)


def _allowed(length: int, *, letters: bool) -> int:
    """Edits a query of this length may be off by (jamo strings are longer)."""
    short, long_ = (4, 7) if letters else (5, 9)
    return 0 if length < short else 1 if length < long_ else 2


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    kind: str  # label, alias or key
    folded: str
    words: tuple[str, ...]  # the folded name from each later word on
    jamo: str  # decomposed folded name, "" when it has no Hangul


def _name(text: str, kind: str) -> _Name:
    folded = normalise(text)
    pieces = [normalise(w) for w in text.replace("-", " ").replace("_", " ").split()]
    pieces = [p for p in pieces if p]
    words = tuple("".join(pieces[i:]) for i in range(1, len(pieces)))
    return _Name(text, kind, folded, words, jamo(folded) if _hangul(folded) else "")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    ``id`` is the entity's data key (``dcterms:identifier``), ``url`` its
    linked-data page (``/id/...``) and ``matched`` the name that matched.
    """

    iri: str
    id: str | None
    type: str
    label_en: str
    label_ko: str
    score: float
    matched: str
    url: str | None


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Entities matching a query, best first."""

    query: str
    count: int
    results: tuple[Hit, ...]


@dataclass
class _Entity:
    iri: str
    type: str = ""
    key: str | None = None
    en: list[str] = field(default_factory=list)
    ko: list[str] = field(default_factory=list)
    names: list[_Name] = field(default_factory=list)

    def labels(self) -> tuple[str, str]:
        en = min(self.en) if self.en else ""
        ko = min(self.ko) if self.ko else ""
        return en or ko or self.key or self.iri, ko or en or self.key or self.iri


def _direct(q: str, q_jamo: str, name: _Name) -> float:
    """How well one name answers the query without typos; 0.0 when it does not."""
    n = name.folded
    if not q or not n:
        return 0.0
    cover = len(q) / max(len(n), len(q))
    if q == n:
        return 1.0
    if n.startswith(q):
        return 0.9 + 0.09 * cover
    if any(word.startswith(q) for word in name.words):
        return 0.8 + 0.09 * cover
    if q in n:
        return 0.7 + 0.09 * cover
    if q_jamo and name.jamo.startswith(q_jamo):
        # Hangul: the last syllable half typed
        return 0.85 + 0.09 * len(q_jamo) / len(name.jamo)
    return 0.0


def _typo(whole: int, prefix: int, q: str, n: str) -> float:
    """The score of a name some edits from the query.

    ``whole``: edits to the whole name, ``prefix``: to its nearest prefix;
    0 when not within the allowed edits.
    """
    if whole:
        return round(0.6 - 0.1 * (whole - 1) + 0.04 * len(q) / max(len(n), len(q)), 6)
    if prefix:
        return 0.5 - 0.1 * (prefix - 1)
    return 0.0


@dataclass
class SearchIndex:
    """Names of the labelled entities, searchable in memory.

    ``seconds`` is how long :func:`build_index` took (query and indexing).
    Matching without typos is a pass over every name; typos are found in
    bulk by rapidfuzz (C++), over the folded Latin names or the jamo of the
    Hangul ones.
    """

    entities: list[_Entity]
    seconds: float = 0.0
    _by_iri: dict[str, _Entity] = field(default_factory=dict, repr=False)
    _names: list[tuple[_Entity, _Name]] = field(default_factory=list, repr=False)
    _folded: list[str] = field(default_factory=list, repr=False)
    # per script: positions in _names, and the strings typos are measured on
    _latin: tuple[list[int], list[str]] = field(default_factory=lambda: ([], []), repr=False)
    _hangul: tuple[list[int], list[str]] = field(default_factory=lambda: ([], []), repr=False)

    def __post_init__(self) -> None:
        self._by_iri = {e.iri: e for e in self.entities}
        self._names = [(e, n) for e in self.entities for n in e.names]
        self._folded = [n.folded for _, n in self._names]
        for i, (_, name) in enumerate(self._names):
            positions, texts = self._hangul if name.jamo else self._latin
            positions.append(i)
            texts.append(name.jamo or name.folded)

    def __len__(self) -> int:
        return len(self.entities)

    def search(self, query: str, limit: int = 10, *,
               types: Iterable[str] | None = None) -> list[Hit]:
        """The best ``limit`` entities for ``query``, best first.

        Parameters
        ----------
        query
            A name or part of one, in any script; a full IRI or a data key
            finds its entity too.
        limit
            Most hits returned.
        types
            Keep only entities of these classes (see :data:`TYPES`).

        Returns
        -------
        list of Hit
            Empty when nothing matches (or the query has no letters or digits).
        """
        wanted = set(types) if types is not None else None
        q = normalise(query)
        q_jamo = jamo(q) if _hangul(q) else ""
        best: dict[str, tuple[float, str]] = {}

        def offer(entity: _Entity, score: float, matched: str) -> None:
            if score > 0 and score > best.get(entity.iri, (0.0, ""))[0]:
                best[entity.iri] = (score, matched)

        exact = self._by_iri.get(query.strip())
        if exact is not None:
            offer(exact, 1.0, exact.iri)
        if q:
            # every match without typos contains the query (Hangul: its letters)
            if q_jamo:
                positions, texts = self._hangul
                near = [positions[i] for i, t in enumerate(texts) if q_jamo in t]
            else:
                near = [i for i, t in enumerate(self._folded) if q in t]
            for position in near:
                entity, name = self._names[position]
                offer(entity, _direct(q, q_jamo, name) * _WEIGHT[name.kind], name.text)
            for position, whole, prefix in self._typos(q_jamo or q, hangul=bool(q_jamo)):
                entity, name = self._names[position]
                score = _typo(whole, prefix, q_jamo or q, name.jamo or name.folded)
                offer(entity, score * _WEIGHT[name.kind], name.text)
        ranked = sorted(
            (-round(score, 3), _rank(self._by_iri[iri].type), self._by_iri[iri].labels()[0], iri)
            for iri, (score, _) in best.items()
            if wanted is None or self._by_iri[iri].type in wanted
        )
        hits = []
        for negative, _, _, iri in ranked[:max(limit, 0)]:
            entity = self._by_iri[iri]
            en, ko = entity.labels()
            hits.append(Hit(iri, entity.key, entity.type, en, ko, -negative, best[iri][1],
                            local_path(iri)))
        return hits

    def _typos(self, text: str, *, hangul: bool) -> Iterator[tuple[int, int, int]]:
        """Names within the allowed edits of ``text``, as ``(position, whole, prefix)``.

        ``whole``: edits to the whole name, ``prefix``: to its nearest prefix;
        0 when not within the allowed edits.
        """
        limit = _allowed(len(text), letters=not hangul)
        if limit == 0:
            return
        positions, texts = self._hangul if hangul else self._latin
        whole: dict[int, int] = {}
        for _, edits, i in process.extract(text, texts, scorer=OSA.distance,
                                           score_cutoff=limit, limit=None):
            whole[i] = int(edits)
        prefix: dict[int, int] = {}
        for length in range(max(1, len(text) - limit), len(text) + limit + 1):
            cut = [t[:length] for t in texts]
            for _, edits, i in process.extract(text, cut, scorer=OSA.distance,
                                               score_cutoff=limit, limit=None):
                prefix[i] = min(prefix.get(i, limit + 1), int(edits))
        for i in sorted(whole.keys() | prefix.keys()):
            yield positions[i], whole.get(i, 0), prefix.get(i, 0)


def _rank(kind: str) -> int:
    return TYPES.index(kind) if kind in TYPES else len(TYPES)


def build_index(store: Store) -> SearchIndex:
    """Read every labelled entity's names with one query and index them.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method (embedded, guarded or remote).

    Raises
    ------
    TooLarge
        When the store cuts the answer at its row cap.
    """
    started = time.perf_counter()
    result = store.query(SEARCH_QUERY, max_rows=5_000_000)
    if not isinstance(result, SelectResult):
        raise TypeError(f"the store answered a SELECT with a {result.kind} result")
    if result.truncated:
        raise TooLarge(f"The store cut the names at {len(result.rows):,} rows; raise its row "
                       "cap (CITYGRAPH_ROW_CAP) to search the whole graph.")
    entities: dict[str, _Entity] = {}
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in sorted(result.rows, key=_row_key):
        iri, kind = row["s"].value, row["class"].value.removeprefix(_CG)
        entity = entities.setdefault(iri, _Entity(iri))
        if not entity.type or _rank(kind) < _rank(entity.type):
            entity.type = kind
        predicate, term = row["p"].value, row["o"]
        if predicate == _DCTERMS_ID:
            entity.key = min(entity.key or term.value, term.value)
            role = "key"
        elif predicate in (_RDFS_LABEL, _SKOS_PREF, _DCTERMS_TITLE):
            _add_label(entity, term)
            role = "label"
        else:
            role = "alias"
        if (term.value, role) not in seen[iri]:
            seen[iri].add((term.value, role))
            entity.names.append(_name(term.value, role))
    ordered = sorted(entities.values(), key=lambda e: e.iri)
    return SearchIndex(ordered, time.perf_counter() - started)


def _row_key(row: dict[str, Term]) -> tuple[str, ...]:
    return tuple(row[k].value if k in row else "" for k in ("s", "class", "p", "o"))


def _add_label(entity: _Entity, term: Term) -> None:
    lang = (term.lang or "").lower()
    if lang.startswith("ko"):
        entity.ko.append(term.value)
    elif not lang or lang.startswith("en"):
        entity.en.append(term.value)
