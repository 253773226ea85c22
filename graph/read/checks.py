"""Consistency checks on the graph: what a curator should look at.

:func:`consistency` asks the store four fixed SPARQL 1.1 SELECT queries (no
values spliced in, none per node) and reports, as :class:`Issue` values with
an English and a Korean sentence:

``duplicate``
    Two resources of the same ``cg:`` class with the same English or Korean
    label (compared case-insensitively, spaces collapsed): perhaps one thing
    entered under two keys.
``upgrade_before_original``
    An agreement that ``cg:upgrades`` another but is dated, by some reading,
    before a reading of the agreement it upgrades (the two partial dates
    cannot be the same or a later day).
``conflicting_dates``
    Evidence of one fact stating dates (``cg:statesDate``) that cannot be the
    same day (:meth:`PartialDate.agrees_with`): ``1975`` and ``1976``
    conflict, ``2023-09`` and ``2023-09-26`` do not.

The checks report; they never change the graph (both readings stay, each with
its source, as the design asks).

Examples
--------
>>> from citygraph.graph.network.project import example_store
>>> consistency(example_store())
[]
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from citygraph.graph.network.project import select_all
from citygraph.graph.store.base import Store, Term
from citygraph.ingest.facts import PartialDate
from citygraph.ontology.vocab import sparql_prefixes

__all__ = [
    "CHECKS",
    "Issue",
    "consistency",
]

#: The names of the checks, in the order their issues are reported.
CHECKS = ("duplicate", "upgrade_before_original", "conflicting_dates")

_PREFIXES = sparql_prefixes("cg", "rdfs", "skos", "dcterms")

LABELS_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?s ?class ?label WHERE {
  ?s a ?class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?class), "https://w3id.org/citygraph/ontology#"))
}
"""
)

AGREEMENTS_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?a ?party ?kindLabel WHERE {
  ?a a cg:Agreement ; cg:party ?party .
  OPTIONAL { ?a cg:agreementKind/skos:prefLabel ?kindLabel }
}
"""
)

UPGRADES_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?a ?b ?da ?db WHERE {
  ?a cg:upgrades ?b ; cg:dateSigned ?da .
  ?b cg:dateSigned ?db .
}
"""
)

READINGS_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?fact ?evidence ?date ?source WHERE {
  ?fact cg:evidence ?evidence .
  ?evidence cg:statesDate ?date .
  OPTIONAL { ?evidence dcterms:source ?source }
}
"""
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing that looks wrong, with the resources it is about."""

    check: str
    subjects: tuple[str, ...]
    en: str
    ko: str


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _date(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text[:10])
    except ValueError:
        return None


def _first_day(d: PartialDate) -> tuple[int, int, int]:
    return (d.year, d.month or 1, d.day or 1)


def _last_day(d: PartialDate) -> tuple[int, int, int]:
    # 31 is an upper bound for any month: enough for comparing
    return (d.year, d.month or 12, d.day or 31)


class _Names:
    """English and Korean names of resources, agreements by parties and kind."""

    def __init__(
        self, labels: Iterable[dict[str, Term]], agreements: Iterable[dict[str, Term]]
    ) -> None:
        self.en: dict[str, str] = {}
        self.ko: dict[str, str] = {}
        for row in sorted(labels, key=lambda r: r["label"].value):
            lang = (row["label"].lang or "").lower()
            names = self.ko if lang.startswith("ko") else self.en
            names.setdefault(row["s"].value, row["label"].value)
        self.parties: dict[str, set[str]] = defaultdict(set)
        self.kind: dict[str, dict[str, str]] = defaultdict(dict)
        for row in agreements:
            self.parties[row["a"].value].add(row["party"].value)
            label = row.get("kindLabel")
            if label is not None:
                lang = "ko" if (label.lang or "").lower().startswith("ko") else "en"
                self.kind[row["a"].value].setdefault(lang, label.value)

    def name(self, iri: str, lang: str) -> str:
        first, other = (self.ko, self.en) if lang == "ko" else (self.en, self.ko)
        if iri in self.parties:
            parties = sorted(self.name(p, lang) for p in self.parties[iri])
            kind = self.kind[iri].get(lang) or self.kind[iri].get("en", "")
            if lang == "ko":
                noun = kind if kind.endswith(("협약", "각서", "선언", "(MOU)")) else f"{kind} 협약"
                return f"{'–'.join(parties)} {noun.strip()}"
            both = " and ".join(
                [", ".join(parties[:-1]), parties[-1]] if len(parties) > 1 else parties
            )
            return f"the {kind + ' ' if kind else ''}agreement between {both}"
        return first.get(iri) or other.get(iri) or iri


def _duplicates(rows: list[dict[str, Term]]) -> list[Issue]:
    groups: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for row in sorted(rows, key=lambda r: (r["s"].value, r["label"].value)):
        label = row["label"]
        lang = "ko" if (label.lang or "").lower().startswith("ko") else "en"
        key = (row["class"].value, lang, _normal(label.value))
        groups[key].setdefault(row["s"].value, label.value)
    issues = []
    for (cls_iri, lang, _), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        cls = cls_iri.rsplit("#", 1)[-1]
        subjects = tuple(sorted(members))
        listed = ", ".join(f"{iri} ({members[iri]!r})" for iri in subjects)
        language = "Korean" if lang == "ko" else "English"
        issues.append(
            Issue(
                "duplicate",
                subjects,
                f"{len(subjects)} resources of class {cls} have the same {language} label: "
                f"{listed}; are they one thing under two keys?",
                f"{cls} 클래스의 자원 {len(subjects)}개가 같은 "
                f"{'한국어' if lang == 'ko' else '영어'} 이름을 가집니다: {listed}. "
                "같은 대상이 두 키로 입력되었는지 확인하세요.",
            )
        )
    return issues


def _upgrades(rows: list[dict[str, Term]], names: _Names) -> list[Issue]:
    pairs: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for row in rows:
        later, earlier = pairs[(row["a"].value, row["b"].value)]
        later.add(row["da"].value)
        earlier.add(row["db"].value)
    issues = []
    for (a, b), (a_dates, b_dates) in sorted(pairs.items()):
        bad = sorted(
            (da, db)
            for da in a_dates
            for db in b_dates
            if (pa := _date(da)) and (pb := _date(db)) and _last_day(pa) < _first_day(pb)
        )
        if not bad:
            continue
        when = ", ".join(f"{da} < {db}" for da, db in bad)
        issues.append(
            Issue(
                "upgrade_before_original",
                (a, b),
                f"{names.name(a, 'en')[0].upper()}{names.name(a, 'en')[1:]} upgrades "
                f"{names.name(b, 'en')} but is dated before it ({when}).",
                f"{names.name(a, 'ko')}은(는) {names.name(b, 'ko')}을(를) 격상한 협약인데 "
                f"날짜가 그보다 앞섭니다({when}).",
            )
        )
    return issues


def _conflicts(rows: list[dict[str, Term]], names: _Names) -> list[Issue]:
    readings: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        source = row.get("source")
        readings[row["fact"].value].add((row["date"].value, source.value if source else "?"))
    issues = []
    for fact, found in sorted(readings.items()):
        dates = {d for d, _ in found}
        parsed = [(d, p) for d in sorted(dates) if (p := _date(d))]
        if not any(not a.agrees_with(b) for (_, a), (_, b) in combinations(parsed, 2)):
            continue
        listed = "; ".join(f"{d} ({s})" for d, s in sorted(found))
        name = names.name(fact, "en")
        issues.append(
            Issue(
                "conflicting_dates",
                (fact,),
                f"Sources disagree on the date of {name}: {listed}.",
                f"{names.name(fact, 'ko')}의 날짜가 출처마다 다릅니다: {listed}.",
            )
        )
    return issues


def consistency(store: Store) -> list[Issue]:
    """Report duplicates, upgrades dated before their original, and date conflicts.

    Parameters
    ----------
    store
        Anything with the store's ``query`` method.

    Returns
    -------
    list of Issue
        Ordered by :data:`CHECKS`, then by subject.

    Examples
    --------
    >>> from citygraph.graph.store.embedded import OxigraphStore
    >>> store = OxigraphStore.in_memory()
    >>> a = "<https://w3id.org/citygraph/id/agreement/x>"
    >>> cg = "https://w3id.org/citygraph/ontology#"
    >>> store.load_nquads(f'''
    ... {a} <{cg}evidence> <http://e/1> .
    ... {a} <{cg}evidence> <http://e/2> .
    ... <http://e/1> <{cg}statesDate> "1975" .
    ... <http://e/2> <{cg}statesDate> "1976" .
    ... '''.encode())
    >>> [(i.check, i.subjects) for i in consistency(store)]
    [('conflicting_dates', ('https://w3id.org/citygraph/id/agreement/x',))]
    """
    labels = select_all(store, LABELS_QUERY)
    names = _Names(labels, select_all(store, AGREEMENTS_QUERY))
    return [
        *_duplicates(labels),
        *_upgrades(select_all(store, UPGRADES_QUERY), names),
        *_conflicts(select_all(store, READINGS_QUERY), names),
    ]
