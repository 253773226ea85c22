"""``citygraph users`` (the curation pages' accounts) and ``citygraph curation export``.

``users add``, ``list``, ``role``, ``password`` and ``remove`` keep the
accounts; ``curation export DIR`` writes every published document with its
reviewers' decisions as an evaluation set for ``citygraph eval``.

The password is asked twice on the terminal, or read from standard input
with ``--password-stdin`` (for scripts); it is never an argument, so it stays
out of the shell's history and the process list.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from citygraph.api.accounts import ROLES, Accounts
from citygraph.api.console import HomeOption, StoreOption, friendly_errors, out, settings_of
from citygraph.graph.home import curation_db
from citygraph.graph.store.opening import home_of

__all__ = ["register"]

users = typer.Typer(help="Accounts of the curation pages: viewer, editor or admin.",
                    no_args_is_help=True)

RoleOption = Annotated[str, typer.Option("--role", help=f"One of {', '.join(ROLES)}.")]
StdinOption = Annotated[bool, typer.Option("--password-stdin",
                                           help="Read the password from standard input.")]


def _accounts(home: HomeOption, store: StoreOption) -> Accounts:
    settings = settings_of(home, store=store)
    return Accounts(curation_db(home_of(settings.store, settings.home)))


def _password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@users.command("add")
def add(name: str, role: RoleOption = "editor", password_stdin: StdinOption = False,
        home: HomeOption = None, store: StoreOption = None) -> None:
    """Add a user with a role."""
    with friendly_errors():
        _accounts(home, store).add_user(name, role, _password(password_stdin))
    out.print(f"Added {name.lower()} ({role}).")


@users.command("list")
def list_users(home: HomeOption = None, store: StoreOption = None) -> None:
    """List the users and their roles."""
    with friendly_errors():
        for user in _accounts(home, store).users():
            out.print(f"{user.name}\t{user.role}", highlight=False)


@users.command("role")
def role(name: str, role: Annotated[str, typer.Argument(help=f"One of {', '.join(ROLES)}.")],
         home: HomeOption = None, store: StoreOption = None) -> None:
    """Change a user's role."""
    with friendly_errors():
        _accounts(home, store).set_role(name, role)
    out.print(f"{name.lower()} is now {role}.")


@users.command("password")
def password(name: str, password_stdin: StdinOption = False, home: HomeOption = None,
             store: StoreOption = None) -> None:
    """Change a user's password (their sessions end)."""
    with friendly_errors():
        _accounts(home, store).set_password(name, _password(password_stdin))
    out.print(f"Changed the password of {name.lower()}.")


@users.command("remove")
def remove(name: str, home: HomeOption = None, store: StoreOption = None) -> None:
    """Remove a user (their sessions end)."""
    with friendly_errors():
        _accounts(home, store).remove_user(name)
    out.print(f"Removed {name.lower()}.")


def register(app: typer.Typer) -> None:
    """Add ``citygraph users`` to the command line."""
    app.add_typer(users, name="users")
    app.add_typer(curation, name="curation")


curation = typer.Typer(help="The curation pages' published documents.", no_args_is_help=True)


@curation.command("export")
def export(folder: Annotated[Path, typer.Argument(help="Where to write the set.")],
           home: HomeOption = None, store: StoreOption = None) -> None:
    """Write every published document with its reviewers' decisions as an evaluation set."""
    from citygraph.graph.write.publish import export_gold

    settings = settings_of(home, store=store)
    with friendly_errors():
        written = export_gold(home_of(settings.store, settings.home), folder)
    for gold in written:
        out.print(f"{gold}", highlight=False)
    out.print(f"Wrote {len(written)} document(s) with their gold files; score the extractor "
              f"with: citygraph eval {folder}/<document> --gold {folder}/<id>.gold.json")
