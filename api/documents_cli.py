"""Document commands: ``extract``, ``ingest`` (with review and accept) and ``eval``.

``extract`` only prints what the extractors find.  ``ingest`` keeps each
document's facts (above the confidence threshold) as its own named graph and
rebuilds the store the setting names (embedded, or ``--store sparql:URL``);
with ``--review`` it writes an editable YAML file instead, which
``ingest --accept`` applies.  A document that cannot be read, a review file
that does not parse, or a build that fails leaves the documents and the graph
as they were.

These commands read options, show progress and print; the work is done by
:mod:`citygraph.ingest.review` (review files) and
:func:`citygraph.graph.write.ingest.ingest` (the ingest transaction).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from citygraph.api.console import (
    HomeOption,
    StoreOption,
    err,
    fail,
    friendly_errors,
    out,
    settings_of,
)
from citygraph.api.settings import Settings
from citygraph.graph.write.documents import graph_key
from citygraph.ingest.documents import Known, to_facts
from citygraph.ingest.evaluate import combine, evaluate, format_report
from citygraph.ingest.extraction import Extraction, ExtractionFormatError, from_json, to_json
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import Source, read
from citygraph.ingest.review import read_review, write_review

__all__ = ["register"]

Files = Annotated[
    list[Path], typer.Argument(help="Documents: text, Markdown or HTML.", show_default=False)
]
FocusOption = Annotated[
    str | None,
    typer.Option(
        "--focus", help="Key of the focus city (env: CITYGRAPH_FOCUS).", show_default=False
    ),
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(
        "--threshold",
        min=0.0,
        max=1.0,
        help="Least confidence of a relation that is kept (env: CITYGRAPH_THRESHOLD, 0.6).",
        show_default=False,
    ),
]
def _read_all(
    files: list[Path],
    settings: Settings,
    focus: str | None,
) -> list[tuple[Source, Extraction]]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    results = []
    with progress:
        task = progress.add_task("Loading the Korean analyser and gazetteer")
        for path in files:
            source = read(path, max_bytes=settings.max_document)
            progress.update(task, description=f"Reading {path.name}")
            results.append((source, extract(source, focus=focus or settings.focus)))
    return results


def extract_command(
    files: Files,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, jsonl or ttl.")] = "json",
    focus: FocusOption = None,
) -> None:
    """Print the facts found in documents, without touching the graph."""
    if fmt not in {"json", "jsonl", "ttl"}:
        fail(f"unknown format {fmt!r}; choose json, jsonl or ttl.", code=2)
    settings = settings_of(focus=focus)
    with friendly_errors():
        found = [x for _, x in _read_all(files, settings, focus)]
        if fmt == "jsonl":
            for x in found:
                sys.stdout.write(json.dumps(to_json(x), ensure_ascii=False) + "\n")
        elif fmt == "json":
            sys.stdout.write(
                json.dumps([to_json(x) for x in found], ensure_ascii=False, indent=2) + "\n"
            )
        else:
            from citygraph.graph.write.mapping import SourceSet, to_rdf

            sets = [
                SourceSet(
                    f"document/{x.document.id}",
                    x.document.sha256,
                    to_facts(x, known=Known(), threshold=0),
                )
                for x in found
            ]
            sys.stdout.write(to_rdf(sets).serialize(format="trig"))


def ingest_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Documents to ingest.", show_default=False)
    ] = None,
    review: Annotated[
        Path | None,
        typer.Option(
            "--review",
            help="Write an editable review file instead of ingesting.",
            show_default=False,
        ),
    ] = None,
    accept: Annotated[
        Path | None, typer.Option("--accept", help="Ingest a reviewed file.", show_default=False)
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-ingest documents whose file has not changed.")
    ] = False,
    threshold: ThresholdOption = None,
    focus: FocusOption = None,
    home: HomeOption = None,
    store: StoreOption = None,
) -> None:
    """Add documents' facts to the graph, each as its own named graph, and rebuild."""
    from citygraph.graph.write.ingest import ingest  # SHACL: only when ingesting

    if bool(files) == bool(accept):
        fail("give either documents to ingest or --accept REVIEW_FILE.", code=2)
    settings = settings_of(home, focus=focus, threshold=threshold, store=store)
    with friendly_errors():
        if accept is not None:
            pairs = read_review(accept, max_bytes=settings.max_document)
        else:
            pairs = _read_all(files or [], settings, focus)
            if review is not None:
                summary = write_review(review, pairs, settings.threshold)
                out.print(
                    f"Wrote {review}: {summary.documents} document(s), {summary.accepted} of "
                    f"{summary.relations} relations marked accept (confidence ≥ "
                    f"{settings.threshold}). Edit it, then run "
                    f"`citygraph ingest --accept {review}`."
                )
                return
        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        with progress:
            task = progress.add_task("Comparing with the kept documents")
            report = ingest(
                pairs,
                sources=settings.sources,
                home=settings.home,
                store_spec=settings.store,
                threshold=None if accept is not None else settings.threshold,
                force=force,
                user=settings.store_user,
                password=settings.store_password,
                timeout=settings.timeout,
                step=lambda s: progress.update(task, description=s),
            )
    if report.build is None:
        out.print("Nothing to do: every document is unchanged (use --force to re-ingest).")
        return
    table = Table(title="Ingested documents")
    for column in ("document", "was", "entities", "relations", "named graph"):
        table.add_column(column)
    for d in report.documents:
        x = d.extraction
        table.add_row(
            x.document.id,
            d.was + (" (skipped)" if d.skipped else ""),
            str(len(x.entities)),
            str(len(x.relations)),
            f"id/source/{graph_key(x)}",
        )
    out.print(table)
    out.print(
        f"Graph rebuilt: {report.build.quads:,} quads in {report.build.graphs} named graphs "
        f"(version {report.build.version})."
    )
    out.print(f"Store: {report.build.store}")


def eval_command(
    files: Files,
    gold: Annotated[
        list[Path],
        typer.Option(
            "--gold",
            help="Gold annotation (extraction format), one per document.",
            show_default=False,
        ),
    ],
    threshold: ThresholdOption = None,
    details: Annotated[
        bool, typer.Option("--details", help="List what was missed and what was extra.")
    ] = False,
    focus: FocusOption = None,
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per type."""
    if len(gold) != len(files):
        fail(
            f"give one --gold file per document ({len(files)} document(s), "
            f"{len(gold)} gold file(s)).",
            code=2,
        )
    settings = settings_of(focus=focus, threshold=threshold)
    with friendly_errors():
        golds = []
        for path in gold:
            try:
                golds.append(
                    from_json(json.loads(path.read_text(encoding="utf-8")), where=str(path))
                )
            except json.JSONDecodeError as e:
                raise ExtractionFormatError(f"{path}, line {e.lineno}, column {e.colno}",
                                            e.msg) from None
        pairs = _read_all(files, settings, focus)
        reports = []
        for (_, x), g, path in zip(pairs, golds, files, strict=True):
            report = evaluate(x, g, threshold=settings.threshold)
            reports.append(report)
            out.print(
                f"[bold]{path}[/] against {g.document.id} (threshold {settings.threshold})",
                highlight=False,
            )
            out.print(format_report(report), markup=False, highlight=False)
            if details:
                for label, items in (("missed", report.missed), ("extra", report.extra)):
                    for item in items:
                        out.print(f"  {label}: {item}", markup=False, highlight=False)
    if len(files) > 1:
        out.print(f"[bold]All {len(files)} documents[/] (per type and in all, micro-averaged)",
                  highlight=False)
        out.print(format_report(combine(reports)), markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the document commands to the command line."""
    app.command("extract")(extract_command)
    app.command("ingest")(ingest_command)
    app.command("eval")(eval_command)
