"""Train the relation model from the annotated documents: ``make model``.

Reads the development sets (``tests/data/press`` with ``tests/data/gold/press``,
``blind``, ``holdout``, ``final`` and the forum release with its gold) and any
``--extra DIR`` of reviewed documents (``NAME.gold.json`` beside ``NAME.txt``),
chooses each relation type's threshold by cross-validation over the sets,
trains on every document and writes ``ingest/relation_model.json``.  It prints
the cross-validated scores (per set; ``--loo`` adds leave-one-document-out).

``tests/data/exam`` is never read: it is the held-out yardstick.  The same
documents give the same file, byte for byte (sorted inputs, Newton's method).

Usage::

    python tools/train_relations.py [--extra DIR ...] [--loo] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from citygraph.ingest.evaluate import Report, Score
from citygraph.ingest.training import (
    Annotated,
    annotated_in,
    choose_keep,
    cross_validate,
    fit,
    labelled,
    read_annotated,
    score,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = ROOT / "ingest" / "relation_model.json"
SETS = ("press", "blind", "holdout", "final", "forum")


def development_sets() -> dict[str, list[tuple[Path, Path]]]:
    """The annotated development documents by set: ``(document, gold)`` pairs."""
    press = [(p, DATA / "gold" / "press" / f"{p.name.split('.')[0]}.gold.json")
             for p in sorted((DATA / "press").iterdir())]
    forum = [(ROOT / "data" / "sources" / "wcsmf-2023-seoul.ko.md",
              DATA / "gold" / "wcsmf-2023-seoul.ko.gold.json")]
    return {"press": press, "blind": annotated_in(DATA / "blind"),
            "holdout": annotated_in(DATA / "holdout"), "final": annotated_in(DATA / "final"),
            "forum": forum}


def corpus(extra: list[Path]) -> tuple[list[Annotated], list[str]]:
    """The documents, read by the rules, and the set each belongs to."""
    sets = development_sets()
    for folder in extra:
        sets[f"extra:{folder.name}"] = annotated_in(folder)
    docs, folds = [], []
    for name, pairs in sets.items():
        for document, gold in pairs:
            docs.append(read_annotated(document, gold))
            folds.append(name)
    return docs, folds


def _figures(s: Score) -> dict[str, float]:
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1}


def train(extra: list[Path], *, loo: bool = False) -> tuple[dict[str, Any], dict[str, Report]]:
    """The model's JSON object and the cross-validated reports by set."""
    docs, folds = corpus(extra)
    keep = choose_keep(docs, folds)
    model = fit([e for d in docs for e in labelled(d)], keep=keep)
    by_set = cross_validate(docs, folds, keep)
    rules = {f"rules:{name}": score([d for d, f in zip(docs, folds, strict=True) if f == name],
                                    None)
             for name in sorted(set(folds))}
    model["documents"] = sorted(d.name for d in docs)
    model["cross_validation"] = {
        "by_set": {name: {"entities": _figures(r.entity_total),
                          "relations": _figures(r.relation_total)}
                   for name, r in sorted(by_set.items())},
    }
    if loo:
        by_doc = cross_validate(docs, [d.name for d in docs], keep)
        per_set: dict[str, Score] = defaultdict(Score)
        for d, f in zip(docs, folds, strict=True):
            per_set[f] += by_doc[d.name].relation_total
        by_set |= {f"loo:{k}": Report({}, {"all": v}) for k, v in per_set.items()}
    return model, by_set | rules


def main() -> None:
    """Train, print the cross-validated scores and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="a folder of reviewed documents with NAME.gold.json beside them")
    parser.add_argument("--loo", action="store_true",
                        help="also print leave-one-document-out scores (slower)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the model")
    args = parser.parse_args()
    model, reports = train(args.extra, loo=args.loo)
    print("rules with the model, cross-validated (trained on the other sets; thresholds chosen "
          "on these folds), then the rules alone (rules:) and leave-one-document-out (loo:):")
    total = Score()
    for name, report in sorted(reports.items()):
        r = report.relation_total
        if ":" not in name:
            total += r
        print(f"  {name:14} relations P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}"
              f"   entities F1 {report.entity_total.f1:.3f}")
    print(f"  {'all sets':14} relations P {total.precision:.3f} R {total.recall:.3f} "
          f"F1 {total.f1:.3f}")
    print("thresholds:", {t: v["keep"] for t, v in model["types"].items()})
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
