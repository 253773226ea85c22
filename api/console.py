"""Console helpers shared by the command-line modules: output, settings, errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from citygraph.api.settings import Settings
from citygraph.graph.read.lookup import entity_iri
from citygraph.graph.store.base import Store
from citygraph.ingest.errors import CitygraphError, InvalidParameter, NotFound
from citygraph.ingest.reader import DocumentTooLarge

__all__ = [
    "HomeOption",
    "StoreOption",
    "err",
    "fail",
    "focus_of",
    "friendly_errors",
    "out",
    "settings_of",
]

out = Console()
err = Console(stderr=True)

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Where built stores live (env: CITYGRAPH_HOME).", show_default=False
    ),
]
StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="oxigraph:PATH or sparql:URL (env: CITYGRAPH_STORE); the "
                 "embedded store under the data folder by default.", show_default=False),
]


def settings_of(home: Path | None = None, **overrides: Any) -> Settings:
    """Settings from the environment and options; a bad value ends the command (exit 2)."""
    try:
        return Settings.from_env(home=home, **overrides)
    except InvalidParameter as e:
        fail(e.message, code=2)


def fail(message: str, *, code: int = 1, details: list[str] | None = None) -> NoReturn:
    """Print an error sentence (and its details) and end the command."""
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    for line in details or []:
        err.print(f"  - {line}", highlight=False, markup=False)
    raise typer.Exit(code)


def focus_of(store: Store, settings: Settings) -> str:
    """The IRI of the focus city; a key that is not in the graph says which setting to fix."""
    try:
        return entity_iri(store, settings.focus)
    except NotFound as e:
        raise NotFound(f"{e.message}; set CITYGRAPH_FOCUS to the key of a city in the data.",
                       ) from None


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn citygraph's errors into a sentence (and its details) and a non-zero exit.

    A bad option or setting exits with 2, anything else with 1; no traceback
    reaches the user.
    """
    try:
        yield
    except DocumentTooLarge as e:
        fail(str(e).rstrip(".").replace("the limit can be raised",
                                        "set CITYGRAPH_MAX_DOCUMENT to raise it")
             + "; nothing was changed.")
    except CitygraphError as e:
        fail(e.message, code=2 if isinstance(e, InvalidParameter) else 1,
             details=list(e.details))
    except OSError as e:
        what = f"cannot read or write {e.filename}" if e.filename else "the store cannot be opened"
        fail(f"{what}: {e.strerror or e}.")
