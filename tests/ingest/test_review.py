"""Review files: written from extractions, edited by a person, read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from citygraph.ingest.extraction import ExtractionFormatError
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import read
from citygraph.ingest.review import ReviewOutdated, parse_review, read_review, write_review

RELEASE = """\
서울특별시 보도자료
2024. 5. 14.(화) 조간용

서울시, 웰링턴시와 기후 협력 양해각서 체결

□ 서울시는 13일(월) 웰링턴시와 기후 협력 양해각서(MOU)를 체결했다고 14일 밝혔다.

○ 두 도시는 2016년 우호도시 협정을 맺었다.
"""


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "seoul-wellington.ko.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return path


def reviewed(document: Path, review: Path, threshold: float = 0.6) -> list[dict[str, Any]]:
    source = read(document)
    summary = write_review(review, [(source, extract(source))], threshold)
    docs: list[dict[str, Any]] = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert summary.documents == 1 and summary.relations == len(docs[0]["relations"])
    assert summary.accepted == sum(r["accept"] for r in docs[0]["relations"])
    return docs


def test_a_review_marks_relations_by_the_threshold_and_quotes_them(document: Path,
                                                                   tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    docs = reviewed(document, review, threshold=0.78)
    assert review.read_text(encoding="utf-8").startswith("# citygraph review file")
    marks = {(r["attributes"]["kind"], r["accept"]) for r in docs[0]["relations"]}
    assert marks == {("friendship", True), ("mou", False)}  # 0.8 and 0.75 confident
    for r in docs[0]["relations"]:
        for ev in r["evidence"]:
            assert ev["quote"] == RELEASE[ev["start"] : ev["end"]]


def test_the_accepted_relations_come_back_without_the_review_fields(document: Path,
                                                                    tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    docs = reviewed(document, review)
    for r in docs[0]["relations"]:  # the reviewer rejects the MOU
        r["accept"] = r["attributes"]["kind"] != "mou"
    review.write_text(yaml.safe_dump(docs, allow_unicode=True), encoding="utf-8")
    [(source, x)] = read_review(review)
    assert source.raw == RELEASE and x.document.sha256 == source.sha256
    assert [(r.type, r.attributes["kind"]) for r in x.relations] == [("agreement", "friendship")]


def test_a_document_changed_since_its_review_is_refused(document: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    reviewed(document, review)
    document.write_text(RELEASE.replace("2016년", "2017년"), encoding="utf-8")
    with pytest.raises(ReviewOutdated, match=r"review\.yaml: document 1: .*seoul-wellington"
                       r"\.ko\.txt changed since the review was written"):
        read_review(review)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("- document: {id: x\n", r"r\.yaml, line 2, column 1: is not valid YAML"),
        ("document: {id: x}\n", r"r\.yaml: must hold a list of documents"),
        ("- just words\n", r"r\.yaml: document 1: must be a mapping"),
        ("- {document: {id: x}, relations: [{accept: maybe}]}\n",
         r"r\.yaml: document 1\.relations\[0\]\.accept: must be true or false"),
        ("- {document: {id: x}, relations: [a relation]}\n",
         r"r\.yaml: document 1\.relations\[0\]: must be an object"),
    ],
)
def test_a_broken_review_names_the_place(text: str, where: str) -> None:
    with pytest.raises(ExtractionFormatError, match=where):
        parse_review(text, where="r.yaml")
