"""Extraction quality on the annotated sets, as a guard against regressions.

Every set was written by an annotator who never saw the extractor.
``press/``, ``blind/``, ``holdout/`` and ``final/`` were then used, in that
order, to develop the rules, and train the relation model.  ``exam/``, written
last, was never looked at while tuning or trained on: its figures measure how
the extractor carries over to unseen text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citygraph.ingest.evaluate import Score, evaluate
from citygraph.ingest.extraction import from_json
from citygraph.ingest.pipeline import extract_file

from ..conftest import TEST_DATA


def pairs(folder: str) -> list[tuple[Path, Path]]:
    if folder == "press":
        return [(p, TEST_DATA / "gold" / "press" / f"{p.name.split('.')[0]}.gold.json")
                for p in sorted((TEST_DATA / "press").iterdir())]
    golds = sorted((TEST_DATA / folder).glob("*.gold.json"))
    return [(next(p for p in g.parent.iterdir() if p.name.startswith(g.name[:-10] + ".")
                  and not p.name.endswith(".gold.json")), g) for g in golds]


def scores(folder: str) -> tuple[Score, Score]:
    entities, relations = Score(), Score()
    for document, gold in pairs(folder):
        report = evaluate(extract_file(document),
                          from_json(json.loads(gold.read_text(encoding="utf-8"))),
                          threshold=0.6)
        entities += report.entity_total
        relations += report.relation_total
    return entities, relations


# Just under the figures reached.  The development sets also trained the relation model
# (tools/train_relations.py), so their floors sit under its cross-validated figures (each
# set scored by a model trained on the others), which are within 0.005 of these scores.
# exam/ trained nothing and was scored only before and after the work of issue 15.
@pytest.mark.parametrize(("folder", "entity_floor", "relation_floor"), [
    ("press", 0.96, 0.85),
    ("blind", 0.96, 0.89),
    ("holdout", 0.91, 0.82),
    ("final", 0.83, 0.58),
    ("exam", 0.83, 0.61),
])
def test_micro_f1_stays_above_its_floor(folder: str, entity_floor: float,
                                        relation_floor: float) -> None:
    entities, relations = scores(folder)
    assert entities.f1 >= entity_floor, entities
    assert relations.f1 >= relation_floor, relations
