"""Console helpers shared by the command-line modules: output, settings, errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from citygraph.api.settings import Settings
from citygraph.graph.build import BuildError
from citygraph.graph.library import DocumentProblem
from citygraph.graph.remote import RemoteStoreError
from citygraph.graph.store import QueryError
from citygraph.graph.stores import StoreSpecError
from citygraph.ingest.curated import DataErrors
from citygraph.ingest.extraction import FormatError
from citygraph.ingest.reader import ReadError

__all__ = ["HomeOption", "err", "fail", "friendly_errors", "out", "settings_of"]

out = Console()
err = Console(stderr=True)

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Where built stores live (env: CITYGRAPH_HOME).", show_default=False
    ),
]


def settings_of(home: Path | None = None, **overrides: Any) -> Settings:
    """Settings from the environment and options; a bad value ends the command (exit 2)."""
    try:
        return Settings.from_env(home=home, **overrides)
    except ValueError as e:
        fail(str(e), code=2)


def fail(message: str, *, code: int = 1, details: list[str] | None = None) -> NoReturn:
    """Print an error sentence (and its details) and end the command."""
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    for line in details or []:
        err.print(f"  - {line}", highlight=False, markup=False)
    raise typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn the errors users can cause into sentences and a non-zero exit."""
    try:
        yield
    except DataErrors as e:
        fail(
            f"the data has {len(e.errors)} problem(s); nothing was changed.",
            details=[str(x) for x in e.errors],
        )
    except BuildError as e:
        fail(str(e), details=[str(v) for v in e.problems])
    except QueryError as e:
        fail(str(e))
    except StoreSpecError as e:
        fail(str(e), code=2)
    except RemoteStoreError as e:
        fail(str(e))
    except ReadError as e:
        message = str(e).rstrip(".").replace(
            "the limit can be raised", "set CITYGRAPH_MAX_DOCUMENT to raise it")
        fail(f"{message}; nothing was changed.")
    except (FormatError, DocumentProblem) as e:
        fail(f"{str(e).rstrip('.')}; nothing was changed.")
    except LookupError as e:
        fail(f"{e.args[0]}; set CITYGRAPH_FOCUS to the key of a city in the data.")
    except FileNotFoundError as e:
        fail(str(e.args[0] if e.args else e))
    except OSError as e:
        fail(f"{e.strerror or e} ({e.filename or 'store'})")
