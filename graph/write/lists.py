"""Lists of twinnings in a build: their facts, beside the curated datasets'.

A list (``data/twin-towns/``, read by :mod:`citygraph.ingest.listed`) becomes
one named graph, ``source/{folder}``.  Its places that a curated dataset
already defines (by key, or by GeoNames id) are referred to, not defined again,
so Seoul is one node whether the curated data or the list names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from citygraph.graph.write.mapping import SourceSet
from citygraph.ingest.facts import Place
from citygraph.ingest.listed import list_facts, read_list

__all__ = ["list_sets"]


def list_sets(folders: Sequence[Path], sets: Sequence[SourceSet]) -> list[SourceSet]:
    """The source sets of the lists in ``folders``, given the datasets' ``sets``.

    Raises
    ------
    citygraph.ingest.curated.DataErrors
        A list's file is missing or has a bad row.
    """
    known: dict[str, str] = {}
    by_geonames: dict[int, str] = {}
    for s in sets:
        for f in s.facts:
            key = getattr(f, "key", None)
            if isinstance(f, Place) and key:
                known[key] = "Place"
                if f.geonames and f.type.value != "country":
                    by_geonames.setdefault(f.geonames, key)
    out = []
    for folder in folders:
        source = read_list(folder)
        facts = list_facts(source.pairs, source.names, known=known,
                           geonames_keys=by_geonames, dataset=source.key,
                           names_path=source.names_path)
        out.append(SourceSet(source.key, source.sha256, facts))
    return out
