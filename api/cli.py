"""The ``citygraph`` command line: build, stats, query, export, serve, and documents.

Document commands (extract, ingest, eval) live in :mod:`.documents_cli`.

Errors are printed as sentences (file, line and column where they apply) and
end the command with a non-zero exit code; no traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from citygraph.api import documents_cli, users_cli
from citygraph.api.console import (
    HomeOption,
    StoreOption,
    err,
    fail,
    focus_of,
    friendly_errors,
    out,
    settings_of,
)
from citygraph.api.settings import Settings
from citygraph.graph.network.export import NETWORK_FORMATS, export_network
from citygraph.graph.publish.dumps import FORMATS, export
from citygraph.graph.read.checks import consistency
from citygraph.graph.store.base import AskResult, GraphResult, SelectResult
from citygraph.graph.store.embedded import OxigraphStore
from citygraph.graph.store.guarded import GuardedStore
from citygraph.graph.store.opening import open_store
from citygraph.graph.store.remote import SparqlStore
from citygraph.graph.store.results import to_csv, to_sparql_json
from citygraph.ontology.vocab import sparql_prefixes

app = typer.Typer(
    help="citygraph: a knowledge graph of city partnerships (Seoul by default).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _open(settings: Settings) -> OxigraphStore | SparqlStore:
    return open_store(settings.store, settings.home, user=settings.store_user,
                      password=settings.store_password, timeout=settings.timeout,
                      allow_service=settings.service)


@app.command("build")
def build_command(
    home: HomeOption = None,
    store: StoreOption = None,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Folder of curated datasets (env: CITYGRAPH_SOURCES); "
                     "the bundled data by default.", show_default=False),
    ] = None,
    discard_updates: Annotated[bool, typer.Option(
        "--discard-updates", help="Set aside the SPARQL Updates made on the server (kept in "
        "HOME/updates-discarded-<time>) instead of replaying them.")] = False,
    world: Annotated[bool | None, typer.Option(
        "--world/--no-world", help="Build in the world's twin-town list (data/twin-towns, "
        "26,114 pairs; env: CITYGRAPH_WORLD=on|off); as the last build by default.",
        show_default=False)] = None,
) -> None:
    """Build the graph from the curated datasets, validate it, and switch to it.

    SPARQL Updates made on the server since are replayed on the new graph, so
    a build never loses them; a server that is running answers from the new
    graph within seconds.
    """
    from citygraph.graph.write.build import build_to  # SHACL: only when building

    settings = settings_of(home, sources=sources, store=store)
    if world is not None:
        settings = replace(settings, world="on" if world else "off")
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=err, transient=True)
    with friendly_errors(), progress:
        task = progress.add_task("Starting")
        report = build_to(settings.store, settings.sources, settings.home,
                          user=settings.store_user, password=settings.store_password,
                          timeout=settings.timeout, discard_updates=discard_updates,
                          lists=settings.lists(),
                          step=lambda s: progress.update(task, description=s))
    out.print(f"Built {report.quads:,} quads in {report.graphs} named graphs "
              f"in {report.seconds:.1f} s (version {report.version}).")
    if report.updates:
        out.print(f"Replayed {report.updates} SPARQL Update(s) made on the server "
                  "(HOME/updates; --discard-updates sets them aside).")
    out.print(f"Store: {report.store}")


STATS_BY_CLASS = sparql_prefixes("cg") + """
SELECT ?class (COUNT(DISTINCT ?s) AS ?count) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(cg:)))
} GROUP BY ?class ORDER BY ?class
"""
STATS_BY_GRAPH = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph
"""


@app.command()
def stats(home: HomeOption = None, store: StoreOption = None) -> None:
    """Count entities per class and triples per named graph."""
    settings = settings_of(home, store=store)
    with friendly_errors():
        opened = _open(settings)
        for title, sparql in (("Entities per class", STATS_BY_CLASS),
                              ("Triples per named graph", STATS_BY_GRAPH)):
            result = opened.query(sparql)
            if isinstance(result, SelectResult):
                _print_table(result, title)


def _print_table(result: SelectResult, title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for var in result.variables:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        table.add_row(*[row[v].value if v in row else "" for v in result.variables])
    out.print(table)
    caption = f"{len(result.rows)} row(s)"
    if result.truncated:
        caption += " (truncated by the row cap)"
    err.print(caption)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="The SPARQL query, or '-' to read it from stdin.")],
    home: HomeOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="table, json or csv.")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a read-only SPARQL query over all named graphs."""
    if fmt not in {"table", "json", "csv"}:
        fail(f"unknown format {fmt!r}; choose table, json or csv.", code=2)
    settings = settings_of(home, store=store)
    text = sys.stdin.read() if sparql == "-" else sparql
    with friendly_errors():
        guarded = GuardedStore.over(
            _open(settings),
            timeout=settings.timeout, workers=1, row_cap=settings.row_cap,
            allow_service=settings.service, allow_datasets=settings.datasets,
            max_workers=1, memory=settings.worker_memory,
        )
        try:
            result = guarded.query(text)
        finally:
            guarded.close()
    if isinstance(result, GraphResult):
        out.print(result.ntriples, end="", markup=False, highlight=False)
    elif fmt == "json":
        out.print_json(json.dumps(to_sparql_json(result), ensure_ascii=False))
    elif fmt == "csv":
        sys.stdout.write(to_csv(result))
    elif isinstance(result, AskResult):
        out.print("true" if result.boolean else "false")
    else:
        _print_table(result)


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=(
        f"One of: {', '.join([*FORMATS, *NETWORK_FORMATS])} (the last three: the city "
        "network for network tools)."))] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File to write; stdout by default.")] = None,
    home: HomeOption = None,
    store: StoreOption = None,
) -> None:
    """Write the graph as TriG, N-Quads, Turtle, JSON-LD, GraphML, GEXF or CSV edges."""
    if fmt not in FORMATS and fmt not in NETWORK_FORMATS:
        fail(f"unknown format {fmt!r}; choose one of "
             f"{', '.join([*FORMATS, *NETWORK_FORMATS])}.", code=2)
    settings = settings_of(home, store=store)
    with friendly_errors():
        opened = _open(settings)
        if fmt in NETWORK_FORMATS:
            data = export_network(opened, fmt)
        elif isinstance(opened, OxigraphStore):
            data = export(opened, fmt)
        else:
            fail("RDF dumps are written from the embedded store; export the network formats "
                 "from a remote store, or dump it with the server's own tools.")
        if output is None:
            sys.stdout.buffer.write(data)
        else:
            output.write_bytes(data)
            err.print(f"Wrote {len(data):,} bytes to {output}")


@app.command()
def serve(
    home: HomeOption = None,
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="Address (env: CITYGRAPH_HOST).",
                                             show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="Port (env: CITYGRAPH_PORT).",
                                             show_default=False)] = None,
    allow_network_updates: Annotated[bool, typer.Option(
        "--allow-network-updates", help="Accept SPARQL Update on a non-loopback address "
        "(env: CITYGRAPH_NETWORK_UPDATES); put HTTPS in front of it.")] = False,
) -> None:
    """Serve the SPARQL endpoint, the web API and the pages (on localhost by default).

    The server follows the home's current store: a build, an ingest or an
    update made meanwhile goes live within seconds, without a restart.
    """
    import uvicorn

    from citygraph.api.app import create_app

    settings = settings_of(home, host=host, port=port, store=store,
                           network_updates=allow_network_updates or None)
    if not settings.loopback:
        if settings.update_token and not settings.network_updates:
            fail(f"CITYGRAPH_UPDATE_TOKEN is set and the server would listen on "
                 f"{settings.host}, so the token would cross the network in plain HTTP; "
                 "serve on 127.0.0.1 behind an HTTPS proxy, or pass --allow-network-updates "
                 "(CITYGRAPH_NETWORK_UPDATES=1) when the proxy is there.", code=2)
        err.print(f"[bold yellow]Warning:[/] listening on {settings.host}: every machine that "
                  "can reach this one can read the graph.", highlight=False)
    with friendly_errors():  # fail here, in a sentence, when nothing is built
        focus_of(_open(settings), settings)
    out.print(f"Serving citygraph on http://{settings.host}:{settings.port}/ "
              f"(SPARQL at /sparql); Ctrl+C stops it.")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="warning")


@app.command()
def visual(
    output: Annotated[Path | None, typer.Option("--output", "-o", help=(
        "HTML file to write (default: FOCUS-network.html, unless --png is given).")
        , show_default=False)] = None,
    layout: Annotated[str, typer.Option(help="geo (a world map) or force.")] = "geo",
    focus: Annotated[str | None, typer.Option(help=(
        "Key of the city at the centre (env: CITYGRAPH_FOCUS)."), show_default=False)] = None,
    kinds: Annotated[str | None, typer.Option(help=(
        "Ties to show, comma-separated: sister, friendship, mou, other, meeting, forum, "
        "prize (default: all)."), show_default=False)] = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help=(
        "Leave out ties dated after this year."), show_default=False)] = None,
    lang: Annotated[str, typer.Option(help="Labels in ko or en.")] = "ko",
    theme: Annotated[str, typer.Option(help="light or dark.")] = "light",
    png: Annotated[Path | None, typer.Option(help=(
        "Also draw a PNG for slides, with headless chromium."), show_default=False)] = None,
    size: Annotated[str, typer.Option(help="PNG size, WIDTHxHEIGHT (e.g. 3840x2160).")
                    ] = "1920x1080",
    scope: Annotated[str, typer.Option(help=(
        "focus (the focus city's network) or world (every partnership, the focus city's "
        "first and second degree highlighted)."))] = "focus",
    home: HomeOption = None,
    store: StoreOption = None,
) -> None:
    """Draw the focus city's global network: one offline HTML page, and a PNG if asked."""
    from citygraph.visuals.draw import VisualOptions, draw
    from citygraph.visuals.png import export_png, parse_size
    from citygraph.visuals.world_scope import world_scope

    if scope not in ("focus", "world"):
        fail(f"--scope {scope!r} is not one of: focus, world", code=2)

    settings = settings_of(home, store=store, focus=focus)
    with friendly_errors():
        options = VisualOptions(
            layout=layout, lang=lang, theme=theme, as_of=as_of,
            kinds=tuple(k.strip() for k in kinds.split(",") if k.strip()) if kinds else None)
        pixels = parse_size(size) if png is not None else None
    with friendly_errors():
        opened = _open(settings)
        if scope == "world":
            html = world_scope(opened, focus_of(opened, settings), lang=lang, theme=theme)
        else:
            html = draw(opened, focus_of(opened, settings), options)
    target = output if output is not None or png is not None else Path(
        f"{settings.focus}-{'world' if scope == 'world' else 'network'}.html")
    if target is not None:
        with friendly_errors():
            target.write_text(html, encoding="utf-8")
        where = (f"{target}" if output is not None else
                 f"{target.resolve()} (no --output given: the current folder)")
        err.print(f"Wrote the visual to {where} ({len(html.encode()):,} bytes; opens offline)",
                  markup=False, highlight=False)
    if png is not None and pixels is not None:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err, transient=True) as progress:
            progress.add_task(f"Drawing {png} with headless chromium", total=None)
            with friendly_errors():
                export_png(html, png, size=pixels, chromium=settings.chromium or None)
        err.print(f"Wrote {png} ({pixels[0]}x{pixels[1]})")


@app.command()
def check(home: HomeOption = None, store: StoreOption = None,
          korean: Annotated[bool, typer.Option("--ko", help="Write the findings in Korean.")]
          = False) -> None:
    """Report duplicate entities, upgrades dated before their original, and date conflicts."""
    settings = settings_of(home, store=store)
    with friendly_errors():
        issues = consistency(_open(settings))
    for issue in issues:
        out.print(f"- [{issue.check}] {issue.ko if korean else issue.en}", markup=False,
                  highlight=False)
    out.print(f"발견 {len(issues)}건." if korean else f"{len(issues)} finding(s).")


@app.command()
def diff(
    focus: Annotated[str | None, typer.Option(help=(
        "Key of the city whose ties to compare (env: CITYGRAPH_FOCUS)."), show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    home: HomeOption = None,
    store: StoreOption = None,
) -> None:
    """Compare the focus city's curated ties with a list's: only curated, only listed, both.

    Needs a build with the world's twin-town list (citygraph build --world).
    Also lists disagreements (one tie named differently by each side) and the
    ties of the focus city's districts.
    """
    from dataclasses import asdict

    from citygraph.graph.read.diff import diff_csv, tie_diff

    if fmt not in ("table", "csv", "json"):
        fail(f"--format {fmt!r} is not one of: table, csv, json", code=2)
    settings = settings_of(home, store=store, focus=focus)
    with friendly_errors():
        opened = _open(settings)
        result = tie_diff(opened, focus_of(opened, settings))
    if fmt == "csv":
        sys.stdout.write(diff_csv(result))
        return
    if fmt == "json":
        sys.stdout.write(json.dumps(asdict(result), ensure_ascii=False, indent=2) + "\n")
        return
    name = result.focus.name_en or result.focus.id
    for title, ties in ((f"In both the curated data and the list ({name})", result.both),
                        (f"Only in the curated data: the list lacks them ({name})",
                         result.only_curated),
                        (f"Only in the list: to check and curate ({name})", result.only_listed),
                        (f"Ties of {name}'s districts (listed)", result.districts)):
        table = Table(title=f"{title}: {len(ties)}", title_justify="left")
        for column in ("place", "partner", "country", "kinds", "dates", "list rows"):
            table.add_column(column)
        for t in ties:
            table.add_row(t.place.name_en or t.place.id, t.partner.name_en or t.partner.id,
                          t.country or "", ", ".join(t.kinds), ", ".join(t.dates),
                          "; ".join(r.removeprefix("twin-towns/pairs.csv.gz, ")
                                    for r in t.list_rows))
        out.print(table)
    out.print(f"Disagreements (one tie, named differently?): {len(result.disagreements)}")
    for d in result.disagreements:
        out.print(f"- listed {d.listed.partner.name_en} / curated {d.curated.partner.name_en} "
                  f"({d.listed.country}): {d.reason}", markup=False, highlight=False)
    if not (result.both or result.only_listed or result.districts):
        out.print("No listed ties: build with the list first (citygraph build --world).")


documents_cli.register(app)
users_cli.register(app)
users_cli.register(app)


def main() -> None:
    """Run the command line."""
    app()
