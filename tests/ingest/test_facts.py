import pytest

from citygraph.ingest.facts import PartialDate


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("1968", "1968", "year"),
        ("2016-07", "2016-07", "month"),
        ("2023-09-26", "2023-09-26", "day"),
        (" 2023-09 ", "2023-09", "month"),
    ],
)
def test_parse_keeps_precision(text: str, iso: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert date.iso == iso
    assert date.precision == precision


@pytest.mark.parametrize("text", ["", "68", "2016-7", "2016/07", "2023-13", "2023-02-30", "x"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2023-09", "2023-09-26", True),
        ("2016-07", "2016-08", False),
        ("1975", "1976", False),
        ("2006", "2006-06-16", True),
    ],
)
def test_agreement_between_readings(a: str, b: str, agree: bool) -> None:
    assert PartialDate.parse(a).agrees_with(PartialDate.parse(b)) is agree
