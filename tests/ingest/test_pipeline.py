"""The pipeline: language, plug-in extractors, warnings, header fields, HTML offsets."""

from __future__ import annotations

import re
from datetime import date

import pytest

from citygraph.ingest.doc import Doc
from citygraph.ingest.extraction import Collector, EntityType, RelationType
from citygraph.ingest.pipeline import default_extractors, extract, extract_text, language_of
from citygraph.ingest.reader import read_bytes

# -- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("서울시는 웰링턴과 협약을 맺었다.", "ko"),
        ("Seoul signed an agreement with Wellington.", "en"),
        ("서울시는 Seoul Metropolitan Government을", "en"),
        ("서울시는 Seoul을", "ko"),
        ("가abc", "ko"),  # 1 of 4 letters: more than a fifth
        ("가abcd", "en"),  # 1 of 5 letters: exactly a fifth is not enough
        ("2023. 9. 25. 서울", "ko"),  # digits and punctuation do not count
        ("2023 - 09 - 25", "en"),
    ],
)
def test_language_of(text: str, language: str) -> None:
    assert language_of(text) == language


# -- plug-ins ---------------------------------------------------------------------------------


class Twinning:
    """A test plug-in: "X is twinned with Y" ties the focus city to Y."""

    name = "twinning"

    def __init__(self) -> None:
        self.docs: list[Doc] = []

    def supports(self, language: str) -> bool:
        return language == "en"

    def extract(self, doc: Doc, found: Collector) -> None:
        self.docs.append(doc)
        for m in re.finditer(r"(\w+) is twinned with (\w+)", doc.text):
            a = found.entity(EntityType.CITY, en=m.group(1), span=m.span(1))
            b = found.entity(EntityType.CITY, en=m.group(2), span=m.span(2))
            found.relate(RelationType.AGREEMENT, a, b, m.span(), "test.twinning", 0.8,
                         kind="sister")


class Refuses:
    name = "refuses"

    def __init__(self) -> None:
        self.called = False

    def supports(self, language: str) -> bool:
        return False

    def extract(self, doc: Doc, found: Collector) -> None:
        self.called = True


TWIN_TEXT = (
    "Seoul signed a sister city agreement with Athens in 2006. "
    "Since then Seoul is twinned with Quito as well."
)


def test_default_extractors_read_the_text() -> None:
    x = extract_text(TWIN_TEXT, published=date(2010, 1, 1))
    assert ("agreement", "city/seoul", "city/athens") in {
        (r.type.value, r.source, r.target) for r in x.relations
    }
    assert [e.name for e in default_extractors()] == [
        "ko-rules", "en-rules", "table-rules", "ko-links", "model"
    ]


def test_plug_in_replaces_the_default_extractors() -> None:
    plug, refuses = Twinning(), Refuses()
    x = extract_text(TWIN_TEXT, published=date(2010, 1, 1), extractors=[plug, refuses])
    [r] = x.relations  # only the plug-in's: the rules for English did not run
    assert (r.source, r.target, dict(r.attributes)) == ("city/seoul", "city/quito",
                                                        {"kind": "sister"})
    [ev] = r.evidence
    assert ev.rule == "test.twinning"
    assert TWIN_TEXT[ev.start : ev.end] == "Seoul is twinned with Quito"
    assert [e.id for e in x.entities] == ["city/seoul", "city/quito"]
    assert refuses.called is False
    [doc] = plug.docs
    assert doc.language == "en"
    assert doc.published == date(2010, 1, 1)
    assert doc.focus == "seoul"
    assert [d.text for d in doc.dates] == ["2006"]


def test_plug_in_that_does_not_support_the_language_adds_nothing() -> None:
    x = extract_text("서울시는 2016년 웰링턴과 우호도시 협정을 맺었다.",
                     published=date(2020, 1, 1), extractors=[Twinning()])
    assert x.relations == () and x.entities == ()
    assert x.document.language == "ko"


def test_no_extractors_still_reports_document_and_warnings() -> None:
    x = extract_text("Seoul and Quito talked.", extractors=[])
    assert x.entities == () and x.relations == ()
    assert [w.message for w in x.warnings] == [
        "no publication date found: relative dates were not resolved"
    ]
    assert (x.warnings[0].start, x.warnings[0].end) == (None, None)


# -- warnings and header -----------------------------------------------------------------------


def test_weekday_warning_points_at_the_date() -> None:
    text = (
        "## 서울시, 리마와 도시철도 협력 논의\n"
        "\n"
        "보도일시 : 2023. 10. 2.(월) 조간용\n"
        "\n"
        "서울시는 10.4.(목) 리마 대표단을 맞는다. 대표단은 10.5.(목)까지 머문다.\n"
    )
    x = extract_text(text, extractors=[])
    assert len(x.warnings) == 1
    [w] = x.warnings
    assert w.start is not None and w.end is not None
    assert text[w.start : w.end] == "10.4.(목)"
    assert w.message == "10.4.(목): 4 October 2023 is a Wednesday, not a Thursday"


def test_english_weekday_warning() -> None:
    text = "For immediate release: June 7, 2024\n\nThe mayors meet on Friday, June 8, in Lima.\n"
    x = extract_text(text, extractors=[])
    [w] = x.warnings
    assert text[w.start : w.end] == "Friday, June 8"  # type: ignore[misc]
    assert "Saturday" in w.message


def test_title_and_published_from_the_header() -> None:
    text = (
        "## 보도자료\n"
        "## 서울시, 리마와 도시철도 협력 논의\n"
        "\n"
        "보도일시 : 2023. 10. 2.(월) 조간용\n"
        "\n"
        "서울시는 지난달 리마와 교통 협력을 논의했다.\n"
    )
    x = extract_text(text, published=date(2020, 5, 5), extractors=[])
    assert x.document.title == "서울시, 리마와 도시철도 협력 논의"
    assert x.document.published == "2023-10-02"  # the header wins over the option
    assert x.warnings == ()


def test_title_and_dateline_in_english() -> None:
    text = (
        "Seoul and Quito agree on cable car cooperation\n"
        "For immediate release: June 7, 2024\n"
        "\n"
        "Seoul and Quito agreed on Thursday to share cable car know-how.\n"
    )
    x = extract_text(text, extractors=[])
    assert x.document.title == "Seoul and Quito agree on cable car cooperation"
    assert x.document.published == "2024-06-07"
    assert x.document.language == "en"


def test_published_option_is_used_when_the_text_has_none() -> None:
    x = extract_text("서울시는 지난달 리마와 교통 협력을 논의했다.", published=date(2023, 9, 25))
    assert x.document.published == "2023-09-25"
    assert x.warnings == ()


def test_document_fields_from_the_source() -> None:
    data = "서울시는 2016년 웰링턴과 우호도시 협정을 맺었다.".encode()
    source = read_bytes(data, "press/2016-wellington.ko.md")
    x = extract(source, published=date(2016, 5, 1), extractors=[])
    assert x.document.id == "2016-wellington.ko"
    assert x.document.path == "press/2016-wellington.ko.md"
    assert x.document.sha256 == source.sha256
    assert extract(source, doc_id="mine", extractors=[]).document.id == "mine"
    assert extract_text("Seoul.", doc_id="memo", extractors=[]).document.id == "memo"


# -- HTML --------------------------------------------------------------------------------------


HTML = (
    "<!DOCTYPE html>\n"
    "<html><head><style>p { color: red; }</style></head><body>\n"
    "<p>Culture &amp; trade: <b>Seoul</b> signed a <i>sister city</i> agreement with "
    "<a href='https://example.org/'>Quito</a> in 2015.</p>\n"
    "<p>Mayor <b>Ana Ruiz</b> of Lima&nbsp;attended the signing.</p>\n"
    "</body></html>\n"
)


def test_html_offsets_point_into_the_raw_source() -> None:
    source = read_bytes(HTML.encode(), "note.html")
    assert source.format == "html"
    x = extract(source, published=date(2016, 1, 1))
    assert x.document.language == "en"
    names = {"city/seoul": "Seoul", "city/quito": "Quito", "city/lima-pe": "Lima",
             "person/ana-ruiz": "Ana Ruiz"}
    for eid, name in names.items():
        spans = [source.raw[m.start : m.end] for m in x.entity(eid).mentions]
        assert spans and set(spans) == {name}, (eid, spans)
    [r] = [r for r in x.relations if r.type is RelationType.AGREEMENT]
    assert (r.source, r.target, r.attributes["kind"]) == ("city/seoul", "city/quito", "sister")
    assert r.attributes["date"] == "2015"
    [ev] = r.evidence
    evidence = source.raw[ev.start : ev.end]
    assert "sister city" in evidence and "Quito" in evidence
    assert "</i>" in evidence  # the raw markup, not the blanked view
    [office] = [r for r in x.relations if r.type is RelationType.OFFICE]
    assert (office.source, office.target) == ("person/ana-ruiz", "city/lima-pe")
    assert source.raw[office.evidence[0].start : office.evidence[0].end] == (
        "Mayor <b>Ana Ruiz</b> of Lima"
    )
