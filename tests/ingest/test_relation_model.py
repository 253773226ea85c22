"""The learned relation model: candidates, features, scoring, the shipped weights, retraining."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from citygraph.ingest.extraction import ExtractionFormatError
from citygraph.ingest.pairs import SIGNATURES, candidates
from citygraph.ingest.pipeline import extract_text
from citygraph.ingest.relation_model import (
    MODEL_FILE,
    RelationModel,
    agreement_kind,
    bundled,
    learned_relations,
    role,
)

from ..conftest import ROOT


def test_candidates_pair_entities_of_fitting_types_in_a_sentence() -> None:
    text = "Mayor Anna Berg of Stockholm met Mayor Oh Se-hoon of Seoul. Paris was not there."
    x = extract_text(text)
    found = {(c.type, c.source, c.target) for c in candidates(text, [(0, 59), (60, 82)], x)}
    assert ("meeting", "person/anna-berg", "person/oh-se-hoon") in found
    assert ("office", "person/anna-berg", "city/stockholm") in found
    assert not [k for k in found if "city/paris" in k]  # another sentence
    for type_, source, target in found:
        kinds = {e.id: e.type.value for e in x.entities}
        assert (kinds[source], kinds[target]) in SIGNATURES[type_]


def test_features_describe_the_language_not_the_names() -> None:
    text = "Mayor Anna Berg of Stockholm met Mayor Oh Se-hoon of Seoul."
    x = extract_text(text)
    features = {f for c in candidates(text, [(0, len(text))], x) for f in c.features}
    assert not [f for f in features if any(n in f.casefold() for n in ("berg", "stockholm",
                                                                      "seoul", "se-hoon"))]
    assert "meeting|b:meet" in features


def test_both_cities_reaches_back_one_sentence() -> None:
    text = "Mayor Oh Se-hoon of Seoul visited Lima on Monday. Both cities signed an MOU."
    x = extract_text(text)
    cut = text.index(" Both")
    found = candidates(text, [(0, cut), (cut + 1, len(text))], x)
    cross = [c for c in found if c.type == "agreement" and "agreement|cross" in c.features]
    assert [(c.source, c.target) for c in cross] == [("city/seoul", "city/lima-pe")]
    assert text[cross[0].start:cross[0].end] == text[text.index("Seoul"):]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("the two cities upgraded their friendship ties to sister city status",
     {"kind": "sister", "upgrade_from": "friendship"}),
    ("양 도시는 우호도시 협약을 체결했다", {"kind": "friendship"}),
    ("they signed a memorandum of understanding", {"kind": "mou"}),
    ("a joint declaration on climate", {"kind": "declaration"}),
    ("the mayors discussed transport", None),
])
def test_agreement_kind_from_the_words(sentence: str, kind: dict[str, str] | None) -> None:
    assert agreement_kind(sentence) == kind


def test_role_is_the_nearest_title() -> None:
    text = "Governor Somchai of Bangkok and Vice Mayor Kim"
    assert role(text, 9, 16) == "governor"
    assert role(text, 43, 46) == "vice_mayor"
    assert role("나탈리야 소콜로바 대사", 0, 9) == "other"


def test_a_learned_relation_keeps_its_span_rule_and_probability() -> None:
    model = RelationModel.from_json({"format": "citygraph-relation-model/1", "types": {
        "located_in": {"keep": 0.6, "bias": -2.0, "weights": {"located_in|b:held": 5.0}}}})
    text = "The Climate Forum was held at COEX Hall on Monday."
    rules = extract_text(text, extractors=[e for e in _rules()])
    bare = type(rules)(rules.document, rules.entities, (), ())
    added = learned_relations(text, [(0, len(text))], bare, model)
    located = [r for r in added if r.type.value == "located_in"]
    assert located, [(e.id, e.type) for e in rules.entities]
    [ev] = located[0].evidence
    assert ev.rule == "model.located_in" and ev.confidence == pytest.approx(0.953, abs=1e-3)
    assert text[ev.start:ev.end] == text


def test_a_model_file_of_another_format_is_refused() -> None:
    with pytest.raises(ExtractionFormatError, match="is not a citygraph-relation-model/1"):
        RelationModel.from_json({"format": "pickle"})


def test_the_shipped_model_is_plain_json_with_thresholds_from_cross_validation() -> None:
    data = json.loads(files("citygraph.ingest").joinpath(MODEL_FILE).read_text("utf-8"))
    assert data["format"] == "citygraph-relation-model/1"
    assert set(data["types"]) <= set(SIGNATURES)
    assert not [d for d in data["documents"] if d.startswith(("almaty", "dasan", "tallinn"))]
    assert bundled().keep == {t: v["keep"] for t, v in data["types"].items() if v["keep"]}


def test_retraining_reproduces_the_shipped_model() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from train_relations import train
    finally:
        sys.path.remove(str(ROOT / "tools"))
    model, _ = train([])
    shipped = json.loads((ROOT / "ingest" / MODEL_FILE).read_text(encoding="utf-8"))
    assert model["documents"] == shipped["documents"]
    assert model["cross_validation"] == shipped["cross_validation"]
    for type_, spec in shipped["types"].items():
        again = model["types"][type_]
        assert again["keep"] == spec["keep"], type_
        assert set(again["weights"]) == set(spec["weights"]), type_
        assert again["bias"] == pytest.approx(spec["bias"], abs=2e-4)
        for name, weight in spec["weights"].items():
            assert again["weights"][name] == pytest.approx(weight, abs=2e-4), (type_, name)


def _rules() -> list[object]:
    from citygraph.ingest.pipeline import default_extractors

    return [e for e in default_extractors({}) if e.name != "model"]


def test_a_folder_of_reviewed_documents_pairs_each_with_its_gold(tmp_path: Path) -> None:
    from citygraph.ingest.training import annotated_in

    for name in ("a.ko.txt", "a.ko.gold.json", "b.en.html", "b.en.gold.json", "c.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [(d.name, g.name) for d, g in annotated_in(tmp_path)] == [
        ("a.ko.txt", "a.ko.gold.json"), ("b.en.html", "b.en.gold.json")]
