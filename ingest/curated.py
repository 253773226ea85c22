r"""Read the curated CSV datasets (``data/``) into facts.

A dataset is a folder of CSV files; each file holds one kind of fact, named by
the file (``agreements.csv``, ``places.csv``, ...).  The format is documented in
``data/README.md``.  Parsing is pure (:func:`parse_table`); :func:`read_datasets`
only reads files.  Every problem is reported as a :class:`DataError` naming the
file, the line and the column, and all problems of a run are collected before
anything is raised.

Examples
--------
>>> text = "parties,kind,signed,source\nseoul;taipei,sister,1968,https://example.org/a\n"
>>> [fact] = parse_table(text, path="partners/agreements.csv")
>>> fact.kind, fact.signed.iso, fact.evidence[0].line
(<AgreementKind.SISTER: 'sister'>, '1968', 2)
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TypeVar

from citygraph.ingest.errors import BadInput
from citygraph.ingest.facts import (
    Agreement,
    AgreementKind,
    Continent,
    Document,
    Event,
    EventKind,
    Evidence,
    Fact,
    Measure,
    Office,
    OfficeRole,
    Organization,
    OrgKind,
    PartialDate,
    Participation,
    ParticipationRole,
    Person,
    Place,
    PlaceType,
    Policy,
    PolicyTheme,
    Prize,
    PrizeAward,
    SourceKind,
    StatedCount,
    Venue,
)

__all__ = [
    "TABLES",
    "DataError",
    "DataErrors",
    "DatasetSource",
    "parse_dataset",
    "parse_table",
    "read_datasets",
]

E = TypeVar("E", bound=StrEnum)

KEY = re.compile(r"^(?:[a-z0-9][a-z0-9-]*|[A-Z]{2})$")
CITATION_SEP = " | "
LOCATOR_SEP = " § "
OPTIONAL = ("note", "note_ko", "confidence")


@dataclass(frozen=True, slots=True)
class DataError(BadInput):
    """A problem in one cell, row or file of the curated data."""

    path: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataErrors(BadInput):
    """Every problem found in a run, each a :class:`DataError`."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        super().__init__(f"The data has {len(errors)} problem(s); nothing was changed.",
                         details=[str(e) for e in errors])


@dataclass(frozen=True, slots=True)
class DatasetSource:
    """The files of one dataset folder, as read from disk."""

    key: str
    files: tuple[tuple[str, str], ...]  # (path relative to the data dir, text)

    @property
    def sha256(self) -> str:
        """A digest of the dataset's file names and contents."""
        h = hashlib.sha256()
        for path, text in self.files:
            h.update(path.encode() + b"\0" + text.encode() + b"\0")
        return h.hexdigest()


class _Row:
    """One CSV row with typed, error-reporting accessors."""

    def __init__(self, cells: dict[str, str], path: str, line: int, dataset: str) -> None:
        self.cells = cells
        self.path = path
        self.line = line
        self.dataset = dataset

    def error(self, column: str | None, message: str) -> DataError:
        return DataError(self.path, message, self.line, column)

    def text(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise self.error(column, "is empty but required")
        return value

    def key(self, column: str) -> str:
        value = self.required(column)
        if not KEY.match(value):
            raise self.error(column, f"{value!r} is not a key (lower-case letters, digits and '-')")
        return value

    def maybe_key(self, column: str) -> str | None:
        return self.key(column) if self.text(column) else None

    def keys(self, column: str) -> tuple[str, ...]:
        items = tuple(v.strip() for v in self.text(column).split(";") if v.strip())
        for item in items:
            if not KEY.match(item):
                raise self.error(column, f"{item!r} is not a key")
        return items

    def items(self, column: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in self.text(column).split(";") if v.strip())

    def enum(self, column: str, kind: type[E]) -> E:
        value = self.required(column)
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise self.error(column, f"{value!r} is not one of: {allowed}") from None

    def maybe_enum(self, column: str, kind: type[E]) -> E | None:
        return self.enum(column, kind) if self.text(column) else None

    def date(self, column: str) -> PartialDate | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as err:
            raise self.error(column, str(err)) from None

    def integer(self, column: str) -> int | None:
        return self.whole(column) if self.text(column) else None

    def whole(self, column: str) -> int:
        value = self.required(column)
        try:
            return int(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a whole number") from None

    def number(self, column: str, low: float, high: float) -> float | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a number") from None
        if not low <= number <= high:
            raise self.error(column, f"{value} is outside {low:g}..{high:g}")
        return number

    def boolean(self, column: str) -> bool:
        value = self.required(column).lower()
        if value not in {"true", "false"}:
            raise self.error(column, f"{value!r} is not true or false")
        return value == "true"

    def evidence(self) -> tuple[Evidence, ...]:
        confidence = self.number("confidence", 0.0, 1.0)
        citations = [c.strip() for c in self.required("source").split(CITATION_SEP.strip())]
        out = []
        for citation in citations:
            if not citation:
                raise self.error("source", "has an empty citation between '|' separators")
            document, _, locator = citation.partition(LOCATOR_SEP.strip())
            document = document.strip()
            if " " in document:
                raise self.error("source", f"{document!r} is neither a URL nor a document key")
            out.append(
                Evidence(
                    source=document,
                    rule="curated",
                    confidence=1.0 if confidence is None else confidence,
                    locator=locator.strip(),
                    dataset=self.dataset,
                    path=self.path,
                    line=self.line,
                )
            )
        return tuple(out)


def _documents(r: _Row) -> Document:
    return Document(
        key=r.required("key"),
        title=r.text("title"),
        publisher=r.text("publisher"),
        issued=r.date("issued"),
        language=r.text("language"),
        url=r.text("url"),
        kind=r.maybe_enum("kind", SourceKind),
        note=r.text("note"),
        note_ko=r.text("note_ko"),
    )


def _countries(r: _Row) -> Place:
    key = r.required("key")
    if not re.fullmatch(r"[A-Z]{2}", key):
        raise r.error("key", f"{key!r} is not an ISO 3166-1 alpha-2 code such as KR")
    return Place(
        key=key,
        type=PlaceType.COUNTRY,
        name_en=r.required("name_en"),
        name_ko=r.text("name_ko"),
        continent=r.enum("continent", Continent),
        geonames=r.integer("geonames"),
        wikidata=_qid(r),
        evidence=r.evidence(),
    )


def _places(r: _Row) -> Place:
    place_type = r.enum("type", PlaceType)
    if place_type is PlaceType.COUNTRY:
        raise r.error("type", "countries belong in countries.csv")
    return Place(
        key=r.key("key"),
        type=place_type,
        name_en=r.required("name_en"),
        name_ko=r.text("name_ko"),
        aliases=r.items("aliases"),
        country=r.key("country"),
        within=r.maybe_key("within"),
        lat=r.number("lat", -90, 90),
        lon=r.number("lon", -180, 180),
        geonames=r.integer("geonames"),
        wikidata=_qid(r),
        evidence=r.evidence(),
    )


def _organizations(r: _Row) -> Organization:
    kind = r.enum("kind", OrgKind)
    return Organization(
        key=r.key("key"),
        kind=kind,
        name_en=r.text("name_en"),
        name_ko=r.text("name_ko"),
        country=r.maybe_key("country"),
        within=r.maybe_key("within"),
        parent=r.maybe_key("parent"),
        wikidata=_qid(r),
        evidence=_named(r),
    )


def _people(r: _Row) -> Person:
    return Person(
        key=r.key("key"),
        name_en=r.text("name_en"),
        name_ko=r.text("name_ko"),
        wikidata=_qid(r),
        evidence=_named(r),
    )


def _offices(r: _Row) -> Office:
    role = r.enum("role", OfficeRole)
    return Office(
        person=r.key("person"),
        role=role,
        organization=r.key("organization"),
        start=r.date("start"),
        end=r.date("end"),
        evidence=r.evidence(),
    )


def _venues(r: _Row) -> Venue:
    return Venue(
        key=r.key("key"),
        name_en=r.text("name_en"),
        name_ko=r.text("name_ko"),
        within=r.maybe_key("within"),
        lat=r.number("lat", -90, 90),
        lon=r.number("lon", -180, 180),
        evidence=_named(r),
    )


def _events(r: _Row) -> Event:
    kind = r.enum("kind", EventKind)
    start, end = r.date("start"), r.date("end")
    if start and end and end < start:
        raise r.error("end", f"{end.iso} is before the start {start.iso}")
    return Event(
        key=r.key("key"),
        kind=kind,
        name_en=r.text("name_en"),
        name_ko=r.text("name_ko"),
        start=start,
        end=end,
        location=r.maybe_key("location"),
        part_of=r.maybe_key("part_of"),
        edition=r.integer("edition"),
        theme_en=r.text("theme_en"),
        theme_ko=r.text("theme_ko"),
        evidence=_named(r),
    )


def _participations(r: _Row) -> Participation:
    role = r.enum("role", ParticipationRole)
    return Participation(
        event=r.key("event"),
        participant=r.key("participant"),
        role=role,
        evidence=r.evidence(),
    )


def _agreements(r: _Row) -> Agreement:
    parties = r.keys("parties")
    if len(set(parties)) < 2:
        raise r.error("parties", "an agreement needs two or more different parties")
    kind = r.enum("kind", AgreementKind)
    upgrades = r.maybe_enum("upgrades", AgreementKind)
    if upgrades is kind:
        raise r.error("upgrades", "an agreement cannot upgrade its own kind")
    key = r.text("key")
    if key and not KEY.match(key):
        raise r.error("key", f"{key!r} is not a key")
    return Agreement(
        parties=tuple(sorted(set(parties))),
        kind=kind,
        key=key,
        signed=r.date("signed"),
        upgrades=upgrades,
        signed_at=r.maybe_key("signed_at"),
        signatories=r.keys("signatories"),
        fields=r.items("fields"),
        wording=r.text("wording"),
        note=r.text("note"),
        note_ko=r.text("note_ko"),
        evidence=r.evidence(),
    )


def _prizes(r: _Row) -> Prize:
    return Prize(
        key=r.key("key"),
        name_en=r.text("name_en"),
        name_ko=r.text("name_ko"),
        awarded_by=r.keys("awarded_by"),
        evidence=_named(r),
    )


def _prize_awards(r: _Row) -> PrizeAward:
    year = r.whole("year")
    return PrizeAward(
        prize=r.key("prize"),
        laureate=r.key("laureate"),
        year=year,
        note=r.text("note"),
        note_ko=r.text("note_ko"),
        evidence=r.evidence(),
    )


def _policies(r: _Row) -> Policy:
    return Policy(
        key=r.key("key"),
        owner=r.key("owner"),
        name_ko=r.required("name_ko"),
        name_en=r.text("name_en"),
        theme=r.maybe_enum("theme", PolicyTheme),
        evidence=r.evidence(),
    )


def _counts(r: _Row) -> StatedCount:
    measure = r.enum("measure", Measure)
    value = r.whole("value")
    if value < 0:
        raise r.error("value", "a count cannot be negative")
    return StatedCount(
        event=r.key("event"),
        measure=measure,
        value=value,
        approximate=r.boolean("approximate"),
        evidence=r.evidence(),
    )


def _qid(r: _Row) -> str | None:
    value = r.text("wikidata")
    if value and not re.fullmatch(r"Q[1-9]\d*", value):
        raise r.error("wikidata", f"{value!r} is not a Wikidata id such as Q8684")
    return value or None


def _named(r: _Row) -> tuple[Evidence, ...]:
    if not (r.text("name_en") or r.text("name_ko")):
        raise r.error("name_en", "needs an English or a Korean name")
    return r.evidence()


@dataclass(frozen=True, slots=True)
class Table:
    """How to read one kind of CSV file."""

    columns: tuple[str, ...]
    read: Callable[[_Row], Fact]


TABLES: dict[str, Table] = {
    "documents.csv": Table(("key", "title", "publisher", "issued", "language", "url", "kind"),
                           _documents),
    "countries.csv": Table(
        ("key", "name_en", "name_ko", "continent", "geonames", "wikidata", "source"), _countries
    ),
    "places.csv": Table(
        (
            "key", "type", "name_en", "name_ko", "aliases", "country", "within",
            "lat", "lon", "geonames", "wikidata", "source",
        ),
        _places,
    ),
    "organizations.csv": Table(
        (
            "key", "kind", "name_en", "name_ko", "country", "within", "parent",
            "wikidata", "source",
        ),
        _organizations,
    ),
    "people.csv": Table(("key", "name_en", "name_ko", "wikidata", "source"), _people),
    "offices.csv": Table(
        ("person", "role", "organization", "start", "end", "source"), _offices
    ),
    "venues.csv": Table(("key", "name_en", "name_ko", "within", "lat", "lon", "source"), _venues),
    "events.csv": Table(
        (
            "key", "kind", "name_en", "name_ko", "start", "end", "location", "part_of",
            "edition", "theme_en", "theme_ko", "source",
        ),
        _events,
    ),
    "participations.csv": Table(("event", "participant", "role", "source"), _participations),
    "agreements.csv": Table(
        (
            "parties", "key", "kind", "signed", "upgrades", "signed_at", "signatories",
            "fields", "wording", "source",
        ),
        _agreements,
    ),
    "prizes.csv": Table(("key", "name_en", "name_ko", "awarded_by", "source"), _prizes),
    "prize_awards.csv": Table(("prize", "laureate", "year", "source"), _prize_awards),
    "policies.csv": Table(("key", "owner", "name_ko", "name_en", "theme", "source"), _policies),
    "counts.csv": Table(("event", "measure", "value", "approximate", "source"), _counts),
}  # fmt: skip


def parse_table(text: str, *, path: str) -> Iterator[Fact]:
    """Parse one CSV file of a dataset into facts.

    Parameters
    ----------
    text
        The file's contents.
    path
        The file's path relative to the data directory, ``<dataset>/<file>.csv``;
        the file name says what the rows are, the folder names the dataset.

    Raises
    ------
    DataErrors
        Listing every bad cell, row or column, each with file, line and column.
    """
    pure = PurePosixPath(path)
    table = TABLES.get(pure.name)
    if table is None:
        known = ", ".join(sorted(TABLES))
        raise DataErrors([DataError(path, f"unknown file name; expected one of: {known}")])
    dataset = pure.parts[0] if len(pure.parts) > 1 else pure.stem
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = tuple(reader.fieldnames or ())
    unknown = [c for c in header if c not in table.columns and c not in OPTIONAL]
    if unknown:
        allowed = ", ".join(table.columns + OPTIONAL)
        raise DataErrors(
            [DataError(path, f"unknown columns: {', '.join(unknown)} (allowed: {allowed})", 1)]
        )
    errors: list[DataError] = []
    facts: list[Fact] = []
    try:
        for cells in reader:
            line = reader.line_num
            if None in cells:
                errors.append(DataError(path, "has more cells than the header", line))
                continue
            if not any((v or "").strip() for v in cells.values()):
                continue
            try:
                facts.append(table.read(_Row(cells, path, line, dataset)))
            except DataError as err:
                errors.append(err)
    except csv.Error as err:
        errors.append(DataError(path, f"is not valid CSV: {err}", reader.line_num))
    if errors:
        raise DataErrors(errors)
    yield from facts


def parse_dataset(source: DatasetSource) -> list[Fact]:
    """Parse every file of a dataset; duplicate keys within it are errors."""
    errors: list[DataError] = []
    facts: list[Fact] = []
    seen: dict[str, str] = {}
    for path, text in source.files:
        try:
            parsed = list(parse_table(text, path=path))
        except DataErrors as err:
            errors.extend(err.errors)
            continue
        for fact in parsed:
            key = getattr(fact, "key", None)
            if isinstance(fact, Agreement) or not key:
                facts.append(fact)
                continue
            ev = getattr(fact, "evidence", ())
            here = f"{path}, line {ev[0].line}" if ev else path
            if key in seen:
                errors.append(
                    DataError(
                        path,
                        f"key {key!r} is defined twice (first at {seen[key]})",
                        ev[0].line if ev else None,
                        "key",
                    )
                )
            seen[key] = here
            facts.append(fact)
    if errors:
        raise DataErrors(errors)
    return facts


def read_datasets(root: Path) -> list[DatasetSource]:
    """Read every dataset folder under ``root`` (``*/*.csv``), sorted by name.

    Raises
    ------
    DataErrors
        When ``root`` has no dataset or a file is not UTF-8.
    """
    if not root.is_dir():
        raise DataErrors([DataError(str(root), "is not a folder")])
    sources = []
    errors = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = []
        for file in sorted(folder.glob("*.csv")):
            rel = file.relative_to(root).as_posix()
            try:
                files.append((rel, file.read_text(encoding="utf-8-sig")))
            except UnicodeDecodeError as err:
                reason = f"is not UTF-8 text ({err.reason} at byte {err.start})"
                errors.append(DataError(rel, reason))
        if files:
            sources.append(DatasetSource(folder.name, tuple(files)))
    if errors:
        raise DataErrors(errors)
    if not sources:
        raise DataErrors([DataError(str(root), "holds no dataset folder with CSV files")])
    return sources
