"""The learned relation model: weights read from JSON, scored in plain Python.

Each relation type has a logistic regression over the candidate features of
:mod:`.pairs`: ``p = 1 / (1 + exp(-(bias + sum of the weights of the
features present)))``.  The weights ship as ``ingest/relation_model.json``,
written by ``make model`` (``tools/train_relations.py``) from the annotated
documents; nothing is downloaded or unpickled at run time.

:class:`LearnedRelations` is the extractor that uses it: it runs after the
rules, scores every candidate pair of what they found, and adds the relations
the rules missed whose probability reaches :attr:`RelationModel.keep`.  Each
gets the rule ``model.<type>`` and the model's probability as confidence.

Examples
--------
>>> model = RelationModel.from_json({"format": FORMAT, "types": {
...     "meeting": {"keep": 0.7, "bias": -1.0, "weights": {"meeting|b:meet": 3.0}}}})
>>> round(model.probability("meeting", ("meeting|b:meet", "meeting|other")), 3)
0.881
>>> model.probability("office", ("office|b:meet",))
0.0
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from citygraph.ingest.doc import Doc
from citygraph.ingest.english.lexicon import _KINDS as _EN_KINDS
from citygraph.ingest.english.lexicon import ROLES as _EN_ROLES
from citygraph.ingest.extraction import (
    Collector,
    Evidence,
    Extraction,
    ExtractionFormatError,
    Relation,
    RelationType,
)
from citygraph.ingest.korean.lexicon import _CITY_KINDS, _INSTRUMENTS
from citygraph.ingest.korean.lexicon import ROLES as _KO_ROLES
from citygraph.ingest.pairs import SYMMETRIC, Candidate, candidates

__all__ = [
    "FORMAT",
    "MODEL_FILE",
    "LearnedRelations",
    "RelationModel",
    "agreement_kind",
    "bundled",
    "learned_relations",
    "role",
]

FORMAT = "citygraph-relation-model/1"
MODEL_FILE = "relation_model.json"

_KIND_PATTERNS = [
    *((re.compile(p, re.IGNORECASE), k) for p, k in _EN_KINDS),
    *((re.compile(re.escape(w)), k) for w, k in (*_CITY_KINDS, *_INSTRUMENTS)),
]
_CITY_TIES = {"sister", "friendship"}
_UPGRADE = re.compile(r"upgrad|elevat|격상", re.IGNORECASE)
_FRIENDSHIP = re.compile(r"friendship|우호", re.IGNORECASE)
_ROLE_PATTERNS = sorted(
    [
        *((re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE), r) for w, r in _EN_ROLES.items()),
        *((re.compile(re.escape(w)), r) for w, r in _KO_ROLES.items()),
        (re.compile(r"\bvice[- ]mayor\b", re.IGNORECASE), "vice_mayor"),
        (re.compile(r"\b(?:ambassador|consul|chair\w*|president|secretary|director)\b",
                    re.IGNORECASE), "other"),
    ],
    key=lambda p: -len(p[0].pattern),
)


def agreement_kind(sentence: str) -> dict[str, str] | None:
    """The kind of agreement a sentence names (a city tie before an instrument), if any.

    >>> agreement_kind("the two cities upgraded their friendship to sister cities")
    {'kind': 'sister', 'upgrade_from': 'friendship'}
    >>> agreement_kind("양 도시는 우호도시 협약을 체결했다")
    {'kind': 'friendship'}
    >>> agreement_kind("they discussed trains") is None
    True
    """
    kinds = [k for p, k in _KIND_PATTERNS if p.search(sentence)]
    if not kinds:
        return None
    ties = [k for k in kinds if k in _CITY_TIES]
    if "sister" in ties and _UPGRADE.search(sentence) and _FRIENDSHIP.search(sentence):
        return {"kind": "sister", "upgrade_from": "friendship"}
    return {"kind": (ties or kinds)[0]}


def role(text: str, at: int, end: int) -> str:
    """The office a title next to a person's mention ``[at, end)`` names, else ``other``.

    >>> role("Lord Mayor Tom Hughes", 11, 21), role("서울시 행정1부시장 김철수는", 11, 14)
    ('lord_mayor', 'vice_mayor')
    """
    window = text[max(0, at - 30) : end + 30]
    first = at - max(0, at - 30)
    last = first + (end - at)
    best: tuple[int, int, str] | None = None
    for pattern, name in _ROLE_PATTERNS:
        for m in pattern.finditer(window):
            gap = first - m.end() if m.end() <= first else max(m.start() - last, 0)
            rank = (gap, -len(m.group()), name)
            if best is None or rank < best:
                best = rank
    return best[2] if best else "other"


@dataclass(frozen=True, slots=True)
class RelationModel:
    """Per relation type: a bias, feature weights and ``keep``, the least probability kept.

    A type without a ``keep`` is scored but never added (cross-validation found
    no threshold at which its additions were precise enough).
    """

    keep: Mapping[str, float]
    bias: Mapping[str, float]
    weights: Mapping[str, Mapping[str, float]]

    @classmethod
    def from_json(cls, data: Any, *, where: str = MODEL_FILE) -> RelationModel:
        """Read the model's JSON object, checking its format.

        Raises
        ------
        ExtractionFormatError
            When the object is not a relation model of this format.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ExtractionFormatError(where, f"is not a {FORMAT} file")
        types = data.get("types")
        if not isinstance(types, dict):
            raise ExtractionFormatError(f"{where}.types", "must be an object")
        return cls(
            {t: float(v["keep"]) for t, v in types.items() if v.get("keep") is not None},
            {t: float(v["bias"]) for t, v in types.items()},
            {t: {f: float(w) for f, w in v["weights"].items()} for t, v in types.items()},
        )

    def probability(self, type_: str, features: Iterable[str]) -> float:
        """The probability that a candidate of this type is a relation (0 for unknown types)."""
        if type_ not in self.bias:
            return 0.0
        weights = self.weights[type_]
        z = self.bias[type_] + sum(weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))


@cache
def bundled() -> RelationModel:
    """The model shipped with the package (read once)."""
    text = files("citygraph.ingest").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return RelationModel.from_json(json.loads(text))


def _attributes(c: Candidate, text: str) -> dict[str, str] | None:
    if c.type == "agreement":
        return agreement_kind(text[c.start : c.end])
    if c.type == "office":
        return {"role": role(text, *c.anchor)}
    return {}


_FUNCTIONAL = frozenset({"office", "policy", "located_in", "part_of"})


def _slot(type_: str, source: str, target: str, target_type: str) -> tuple[str, ...]:
    """What one relation fills.

    A person holds one office, a policy has one owner, an event or venue lies in
    one place of each type and is part of one event; other relations are one per pair.
    """
    if type_ in _FUNCTIONAL:
        return (type_, source, target_type)
    return (type_, *sorted((source, target))) if type_ in SYMMETRIC else (type_, source, target)


def learned_relations(
    text: str, sentences: list[tuple[int, int]], so_far: Extraction, model: RelationModel
) -> list[Relation]:
    """The relations the model adds to what was found: the likeliest evidence of each.

    A pair the rules already relate by a type is left to them.
    """
    types = {e.id: e.type.value for e in so_far.entities}
    taken = {
        _slot(r.type.value, r.source, r.target, types.get(r.target, ""))
        for r in so_far.relations
    }
    best: dict[tuple[str, ...], tuple[float, Candidate]] = {}
    for c in candidates(text, sentences, so_far):
        slot = _slot(c.type, c.source, c.target, types[c.target])
        if slot in taken:
            continue
        if c.type not in model.keep:
            continue
        p = model.probability(c.type, c.features)
        if p >= model.keep[c.type] and (slot not in best or p > best[slot][0]):
            best[slot] = (p, c)
    out = []
    for (p, c) in sorted(best.values(), key=lambda pc: (pc[1].type, pc[1].source, pc[1].target)):
        type_, source, target = c.type, c.source, c.target
        attributes = _attributes(c, text)
        if attributes is not None:
            evidence = Evidence(c.start, c.end, f"model.{type_}", round(p, 3))
            out.append(Relation(RelationType(type_), source, target, attributes, (evidence,)))
    return out


class LearnedRelations:
    """Relations the rules missed, from the learned model over candidate pairs."""

    name = "model"

    def __init__(self, model: RelationModel | None = None) -> None:
        self.model = model

    def supports(self, language: str) -> bool:
        """English and Korean, the languages the features describe."""
        return language in ("en", "ko")

    def extract(self, doc: Doc, found: Collector) -> None:
        """Score the candidate pairs of what was found; add the likely new relations."""
        so_far = found.result(doc.info)
        for r in learned_relations(doc.text, doc.sentences, so_far, self.model or bundled()):
            [ev] = r.evidence
            found.relate(r.type, r.source, r.target, (ev.start, ev.end), ev.rule,
                         ev.confidence, **r.attributes)
