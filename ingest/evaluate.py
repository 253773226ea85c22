"""Score an extraction against a gold annotation: precision, recall, F1.

Entities are aligned one to one: a predicted entity matches a gold entity of
the same type when they share a name (labels or aliases, compared without
case, spaces or punctuation) or an identifier IRI.  A predicted relation is
right when a gold relation has its type, its aligned endpoints (either
direction for agreements and meetings) and its key attribute (``kind`` for
agreements, ``role`` for offices).  Relations below the confidence threshold
are not counted, as ``citygraph ingest`` would not keep them.

Examples
--------
>>> from citygraph.ingest.extraction import from_json
>>> gold = from_json({"document": {"id": "d"}, "entities": [
...     {"id": "a", "type": "City", "labels": {"en": "Seoul"}},
...     {"id": "b", "type": "City", "labels": {"ko": "웰링턴"}, "aliases": ["Wellington"]}],
...   "relations": [{"type": "agreement", "source": "a", "target": "b",
...                  "attributes": {"kind": "sister"}}]})
>>> predicted = from_json({"document": {"id": "d"}, "entities": [
...     {"id": "x", "type": "City", "labels": {"en": "Wellington"}},
...     {"id": "y", "type": "City", "labels": {"en": "Seoul", "ko": "서울"}},
...     {"id": "z", "type": "City", "labels": {"en": "Tema"}}],
...   "relations": [{"type": "agreement", "source": "y", "target": "x",
...                  "attributes": {"kind": "sister"},
...                  "evidence": [{"start": 0, "end": 1, "rule": "r", "confidence": 0.9}]}]})
>>> report = evaluate(predicted, gold)
>>> report.entities["City"].precision, report.entities["City"].recall
(0.667, 1.0)
>>> report.relations["agreement"].f1
1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from citygraph.ingest.extraction import Entity, Extraction, Relation, RelationType
from citygraph.ingest.rules_common import norm

__all__ = [
    "Report",
    "Score",
    "align",
    "combine",
    "evaluate",
    "format_report",
    "relation_key",
]

_KEY_ATTRIBUTES = {RelationType.AGREEMENT: ("kind",), RelationType.OFFICE: ("role",)}
_SYMMETRIC = {RelationType.AGREEMENT, RelationType.MEETING}


@dataclass(frozen=True, slots=True)
class Score:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Share of the predicted that are right (1 when nothing was predicted)."""
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of the gold that was found (1 when the gold has none)."""
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 3) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    """Scores per entity type and relation type, with what was missed or extra."""

    entities: dict[str, Score]
    relations: dict[str, Score]
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def entity_total(self) -> Score:
        """All entity types together (micro-averaged)."""
        return sum(self.entities.values(), Score())

    @property
    def relation_total(self) -> Score:
        """All relation types together (micro-averaged)."""
        return sum(self.relations.values(), Score())


def _names(e: Entity) -> set[str]:
    names = {
        norm(re.sub(r"^the\s+", "", n, flags=re.IGNORECASE))
        for n in (e.labels.en, e.labels.ko, *e.aliases)
        if n
    }
    return {n for n in names if n}


def align(predicted: Iterable[Entity], gold: Iterable[Entity]) -> dict[str, str]:
    """Predicted id -> gold id, one to one, most shared names first."""
    pairs = []
    for p in predicted:
        for g in gold:
            if p.type is not g.type:
                continue
            shared = len(_names(p) & _names(g)) + 2 * len(set(p.same_as) & set(g.same_as))
            if shared:
                pairs.append((-shared, p.id, g.id))
    pairs.sort()
    taken_p: dict[str, str] = {}
    taken_g: set[str] = set()
    for _, p_id, g_id in pairs:
        if p_id not in taken_p and g_id not in taken_g:
            taken_p[p_id] = g_id
            taken_g.add(g_id)
    return taken_p


def relation_key(r: Relation, source: str, target: str) -> tuple[str, ...]:
    """What a relation is compared by: type, ends (unordered where symmetric), key attribute."""
    ends = sorted((source, target)) if r.type in _SYMMETRIC else [source, target]
    attrs = tuple(r.attributes.get(a, "") for a in _KEY_ATTRIBUTES.get(r.type, ()))
    return (r.type.value, *ends, *attrs)


def evaluate(predicted: Extraction, gold: Extraction, *, threshold: float = 0.0) -> Report:
    """Compare a predicted extraction with the gold one of the same document."""
    aligned = align(predicted.entities, gold.entities)
    entities: dict[str, Score] = {}
    missed: list[str] = []
    extra: list[str] = []
    for t in sorted({e.type.value for e in (*predicted.entities, *gold.entities)}):
        p = [e for e in predicted.entities if e.type.value == t]
        g = [e for e in gold.entities if e.type.value == t]
        tp = sum(1 for e in p if e.id in aligned)
        entities[t] = Score(tp, len(p) - tp, len(g) - tp)
        found = set(aligned.values())
        missed += [f"{t} {e.labels.ko or e.labels.en}" for e in g if e.id not in found]
        extra += [f"{t} {e.labels.ko or e.labels.en}" for e in p if e.id not in aligned]
    gold_keys = {relation_key(r, r.source, r.target) for r in gold.relations}
    kept = [r for r in predicted.relations if not r.evidence or r.confidence >= threshold]
    predicted_keys = {
        relation_key(
            r, aligned.get(r.source, "?" + r.source), aligned.get(r.target, "?" + r.target)
        )
        for r in kept
    }
    relations: dict[str, Score] = {}
    for t in sorted({k[0] for k in gold_keys | predicted_keys}):
        gk = {k for k in gold_keys if k[0] == t}
        pk = {k for k in predicted_keys if k[0] == t}
        relations[t] = Score(len(gk & pk), len(pk - gk), len(gk - pk))
        missed += [" ".join(k) for k in sorted(gk - pk)]
        extra += [" ".join(k) for k in sorted(pk - gk)]
    return Report(entities, relations, missed, extra)


def combine(reports: Iterable[Report]) -> Report:
    """Reports of several documents as one: each type's counts summed (micro-averaged).

    >>> one = Report({"City": Score(2, 0, 1)}, {"agreement": Score(1, 1, 0)}, ["a"])
    >>> two = Report({"City": Score(1, 1, 0)}, {"office": Score(0, 0, 2)}, ["b"])
    >>> both = combine([one, two])
    >>> both.entities["City"], sorted(both.relations), both.missed
    (Score(tp=3, fp=1, fn=1), ['agreement', 'office'], ['a', 'b'])
    """
    entities: dict[str, Score] = {}
    relations: dict[str, Score] = {}
    missed: list[str] = []
    extra: list[str] = []
    for r in reports:
        for into, scores in ((entities, r.entities), (relations, r.relations)):
            for name, score in scores.items():
                into[name] = into.get(name, Score()) + score
        missed += r.missed
        extra += r.extra
    return Report(dict(sorted(entities.items())), dict(sorted(relations.items())), missed, extra)


def format_report(report: Report) -> str:
    """A plain-text table of the scores per type, with each kind's micro-averaged total.

    >>> print(format_report(Report({"City": Score(2, 1, 0)}, {})).splitlines()[2])
    City                     2    1    0  0.667  1.000  0.800
    """
    lines = [f"{'':20} {'tp':>5} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6} {'F1':>6}"]

    def row(name: str, s: Score) -> str:
        return (
            f"{name:20} {s.tp:5} {s.fp:4} {s.fn:4} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
        )

    for title, scores, total in (
        ("entities", report.entities, report.entity_total),
        ("relations", report.relations, report.relation_total),
    ):
        if not scores:
            continue
        lines.append(f"-- {title}")
        lines += [row(name, s) for name, s in scores.items()]
        lines.append(row(f"all {title}", total))
    return "\n".join(lines)
