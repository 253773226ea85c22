"""Training the relation model from annotated documents (a document beside its gold JSON).

Every document is read by the rules alone; its candidate pairs (:mod:`.pairs`)
are labelled by the gold: a candidate is positive when the gold relates the
gold entities its two ends align to (:func:`.evaluate.align`) by its type.
:func:`fit` then trains one L2-regularised logistic regression per relation
type with Newton's method, which reaches the single optimum whatever the
order of the data: the same documents give the same weights.  Inputs are
sorted and features kept only when seen in at least two documents, so one
document's wording cannot become a rule.

Only training needs numpy; the extractor reads the weights in plain Python.

Examples
--------
>>> from citygraph.ingest.pairs import Candidate
>>> def c(*f): return Candidate("meeting", "a", "b", 0, 1, (0, 1), f)
>>> data = [Labelled("d1", c("meeting|b:meet"), True), Labelled("d2", c("meeting|b:meet"), True),
...         Labelled("d1", c("meeting|b:sign"), False), Labelled("d2", c("meeting|b:sign"), False)]
>>> model = fit(data)
>>> model["types"]["meeting"]["weights"]["meeting|b:meet"] > 0
True
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from citygraph.ingest.doc import Doc
from citygraph.ingest.evaluate import Report, Score, align, evaluate, relation_key
from citygraph.ingest.extraction import Extraction, from_json
from citygraph.ingest.gazetteer import Gazetteer
from citygraph.ingest.pairs import SIGNATURES, SYMMETRIC, Candidate, candidates
from citygraph.ingest.pipeline import default_extractors, extract
from citygraph.ingest.reader import read
from citygraph.ingest.relation_model import FORMAT, RelationModel, learned_relations

__all__ = [
    "Annotated",
    "Labelled",
    "annotated_in",
    "choose_keep",
    "cross_validate",
    "fit",
    "labelled",
    "read_annotated",
    "score",
]

L2 = 1.0  # the penalty on each weight: strong, as the data are a few dozen documents
MIN_DOCUMENTS = 2  # a feature must occur in this many training documents
KEEP = 0.6  # the least probability at which a relation is added (the ingest threshold)
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)  # the thresholds choose_keep tries, in order
PRECISION = 0.75  # how often a type's additions must be right in cross-validation


@dataclass(frozen=True, slots=True)
class Annotated:
    """One annotated document: its text and sentences, what the rules found, and its gold."""

    name: str
    text: str
    sentences: list[tuple[int, int]]
    rules: Extraction
    gold: Extraction


@dataclass(frozen=True, slots=True)
class Labelled:
    """A candidate of a document and whether the gold holds it."""

    document: str
    candidate: Candidate
    positive: bool


def annotated_in(folder: Path) -> list[tuple[Path, Path]]:
    """``(document, gold)`` pairs of a folder: ``NAME.gold.json`` beside ``NAME.<ext>``."""
    out = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        docs = sorted(
            p for p in folder.iterdir()
            if p.name.startswith(stem + ".") and not p.name.endswith(".gold.json")
            and p.name.count(".") == stem.count(".") + 1
        )
        if docs:
            out.append((docs[0], gold))
    return out


def read_annotated(document: Path, gold: Path) -> Annotated:
    """Read a document with the rules alone, with its gold annotation."""
    source = read(document)
    rules = [e for e in default_extractors({}) if e.name != "model"]
    x = extract(source, extractors=rules)
    sentences = Doc(source, x.document, None, Gazetteer([])).sentences
    g = from_json(json.loads(gold.read_text(encoding="utf-8")), where=str(gold))
    return Annotated(x.document.id, source.text, sentences, x, g)


def labelled(doc: Annotated) -> list[Labelled]:
    """The document's candidates, each labelled by the gold."""
    aligned = align(doc.rules.entities, doc.gold.entities)
    truth = set()
    for r in doc.gold.relations:
        truth.add((r.type.value, r.source, r.target))
        if r.type.value in SYMMETRIC:
            truth.add((r.type.value, r.target, r.source))
    return [
        Labelled(
            doc.name,
            c,
            (c.type, aligned.get(c.source, ""), aligned.get(c.target, "")) in truth,
        )
        for c in candidates(doc.text, doc.sentences, doc.rules)
    ]


def _newton(x: Any, y: Any, l2: float) -> Any:
    import numpy as np

    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-4  # the bias is barely held
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-9:
            break
    return w


def fit(
    data: Sequence[Labelled], *, l2: float = L2, keep: Mapping[str, float | None] | None = None
) -> dict[str, Any]:
    """Train one logistic regression per relation type; return the model's JSON object.

    ``keep`` gives each type's threshold (:data:`KEEP` for every type when not
    given; a type given ``None`` is never added).
    """
    import numpy as np

    by_type: dict[str, list[Labelled]] = defaultdict(list)
    for item in data:
        by_type[item.candidate.type].append(item)
    types: dict[str, Any] = {}
    for type_, items in sorted(by_type.items()):
        items.sort(key=lambda i: (i.document, i.candidate.source, i.candidate.target,
                                  i.candidate.start, i.candidate.features))
        if not any(i.positive for i in items):
            continue
        seen: dict[str, set[str]] = defaultdict(set)
        for i in items:
            for f in i.candidate.features:
                seen[f].add(i.document)
        names = sorted(f for f, docs in seen.items() if len(docs) >= MIN_DOCUMENTS)
        column = {f: j + 1 for j, f in enumerate(names)}
        x = np.zeros((len(items), len(names) + 1))
        x[:, 0] = 1.0
        for row, i in enumerate(items):
            for f in i.candidate.features:
                if f in column:
                    x[row, column[f]] = 1.0
        y = np.array([1.0 if i.positive else 0.0 for i in items])
        w = _newton(x, y, l2)
        types[type_] = {
            "keep": KEEP if keep is None else keep.get(type_),
            "examples": len(items),
            "positives": int(y.sum()),
            "bias": round(float(w[0]), 4),
            "weights": {
                f: round(float(w[column[f]]), 4) for f in names if abs(w[column[f]]) >= 1e-4
            },
        }
    return {"format": FORMAT, "l2": l2, "min_documents": MIN_DOCUMENTS, "types": types}


def with_model(doc: Annotated, model: RelationModel) -> Extraction:
    """The document's extraction: the rules' relations and the model's."""
    added = learned_relations(doc.text, doc.sentences, doc.rules, model)
    return replace(doc.rules, relations=(*doc.rules.relations, *added))


def score(docs: Iterable[Annotated], model: RelationModel | None, *,
          threshold: float = KEEP) -> Report:
    """Entity and relation scores per type over documents, summed (micro)."""
    entities: dict[str, Score] = defaultdict(Score)
    relations: dict[str, Score] = defaultdict(Score)
    for doc in docs:
        x = with_model(doc, model) if model else doc.rules
        report = evaluate(x, doc.gold, threshold=threshold)
        for k, s in report.entities.items():
            entities[k] += s
        for k, s in report.relations.items():
            relations[k] += s
    return Report(dict(sorted(entities.items())), dict(sorted(relations.items())))


def _fold_models(
    docs: Sequence[Annotated], folds: Sequence[str], keep: Mapping[str, float | None] | None
) -> Iterator[tuple[str, list[Annotated], RelationModel]]:
    examples = {d.name: labelled(d) for d in docs}
    for fold in sorted(set(folds)):
        train = [e for d, f in zip(docs, folds, strict=True) if f != fold
                 for e in examples[d.name]]
        held = [d for d, f in zip(docs, folds, strict=True) if f == fold]
        yield fold, held, RelationModel.from_json(fit(train, keep=keep))


def choose_keep(docs: Sequence[Annotated], folds: Sequence[str]) -> dict[str, float | None]:
    """Each type's threshold, chosen by cross-validation over the folds.

    The least threshold at which the relations the model adds to the rules' were
    right at least :data:`PRECISION` of the time (``None``: never).
    """
    added: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for _, held, model in _fold_models(docs, folds, dict.fromkeys(SIGNATURES, 0.5)):
        for doc in held:
            aligned = align(doc.rules.entities, doc.gold.entities)
            gold = {relation_key(r, r.source, r.target) for r in doc.gold.relations}
            for r in learned_relations(doc.text, doc.sentences, doc.rules, model):
                key = relation_key(r, aligned.get(r.source, "?"), aligned.get(r.target, "?"))
                added[r.type.value].append((r.confidence, key in gold))
    keep: dict[str, float | None] = {}
    for type_ in sorted(SIGNATURES):
        keep[type_] = None
        for threshold in THRESHOLDS:
            kept = [right for p, right in added[type_] if p >= threshold]
            if sum(kept) >= 2 and sum(kept) >= PRECISION * len(kept):
                keep[type_] = threshold
                break
    return keep


def cross_validate(
    docs: Sequence[Annotated], folds: Sequence[str], keep: Mapping[str, float | None]
) -> dict[str, Report]:
    """Scores of each fold's documents by a model trained on the other folds' documents.

    ``folds[i]`` names the fold of ``docs[i]`` (a set, or the document itself for
    leave-one-document-out).
    """
    return {fold: score(held, model) for fold, held, model in _fold_models(docs, folds, keep)}
