"""Lists of twinnings in a build: their facts, beside the curated datasets'.

A list (``data/twin-towns/``, read by :mod:`citygraph.ingest.listed`) becomes
one named graph, ``source/{folder}``.  Its places that a curated dataset
already defines (by key, or by GeoNames id) are referred to, not defined again,
so Seoul is one node whether the curated data or the list names it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from citygraph.graph.home import lists_record
from citygraph.graph.write.mapping import Quad, SourceSet
from citygraph.ingest.facts import Place
from citygraph.ingest.listed import list_facts, read_list

__all__ = ["compile_quads", "dataset_quads", "list_sets", "remember",
           "remembered"]


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


def remembered(home: Path) -> list[Path]:
    """The list folders the home's last build included (none if it included none)."""
    import json

    try:
        return [Path(p) for p in json.loads(lists_record(home).read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return []


def remember(home: Path, folders: Sequence[Path]) -> None:
    """Record the list folders a build included (see :func:`remembered`)."""
    import json

    home.mkdir(parents=True, exist_ok=True)
    lists_record(home).write_text(json.dumps([str(p) for p in folders]), encoding="utf-8")


def dataset_quads(dataset: Any) -> list[Quad]:
    """The quads of an rdflib Dataset, each with its graph's IRI."""
    from rdflib import URIRef

    out: list[Quad] = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        out.append((s, p, o, URIRef(str(getattr(g, "identifier", g)))))
    return out


def compile_quads(sets: Sequence[SourceSet], ontology_text: str, *,
                  step: Callable[[str], None], validate_shapes: bool = True,
                  extra: Sequence[Quad] = ()) -> tuple[bytes, str]:
    """Map, validate and serialise a large build without rdflib's in-memory store.

    The facts become quads (:func:`~citygraph.graph.write.mapping.to_quads`),
    validated by :mod:`citygraph.graph.write.fastshacl` (pySHACL's results on
    citygraph's shapes, in seconds rather than minutes) and written as sorted
    N-Quads with the ontology's graph; ``extra`` quads (the ingested
    documents' provenance) join the facts'.  Returns the N-Quads and the version
    (the same digest :func:`citygraph.graph.write.build.compile_graph` makes).

    Raises
    ------
    BuildError
        SHACL violations, each with the data rows of the offending node.
    """
    import hashlib

    from rdflib import Graph, URIRef

    from citygraph.graph.write.fastshacl import Shapes, validate_quads
    from citygraph.graph.write.mapping import to_quads
    from citygraph.graph.write.validate import load_shapes
    from citygraph.ontology.vocab import ONTOLOGY_IRI

    step(f"Mapping facts to RDF ({sum(len(s.facts) for s in sets):,} facts)")
    quads = to_quads(sets) + list(extra)
    ontology = Graph().parse(data=ontology_text, format="turtle")
    if validate_shapes:
        step(f"Validating {len(quads):,} quads with SHACL")
        problems = validate_quads(quads, ontology=ontology, shapes=Shapes(load_shapes()))
        if problems:
            from citygraph.graph.write.build import BuildError

            raise BuildError(f"{len(problems)} SHACL violation(s); the graph was not changed",
                             problems)
    step("Writing N-Quads")
    lines = {f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n" for s, p, o, g in quads}
    del quads
    facts = "".join(sorted(lines)).encode()
    version = hashlib.sha256(facts + ontology_text.encode()).hexdigest()[:16]
    graph = URIRef(ONTOLOGY_IRI).n3()
    ontology_lines = {f"{s.n3()} {p.n3()} {o.n3()} {graph} .\n" for s, p, o in ontology}
    lines |= ontology_lines
    return "".join(sorted(lines)).encode(), version
