"""Accounts: roles, Argon2id hashes, sessions, the login limit, and ``citygraph users``."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from citygraph.api.accounts import Accounts, BadLogin, TooManyAttempts
from citygraph.graph.home import curation_db
from citygraph.ingest.errors import Conflict, InvalidParameter


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    found = Accounts(tmp_path / "curation.sqlite")
    found.add_user("kim", "editor", "editor-password")
    return found


def test_passwords_are_kept_as_argon2id_hashes(accounts: Accounts) -> None:
    [(stored,)] = sqlite3.connect(accounts.path).execute("SELECT hash FROM users").fetchall()
    assert stored.startswith("$argon2id$") and "editor-password" not in stored
    assert accounts.verify("KIM", "editor-password").name == "kim"
    with pytest.raises(BadLogin, match="Unknown user or wrong password"):
        accounts.verify("nobody", "editor-password")


def test_the_limit_is_per_name_and_per_minute(accounts: Accounts) -> None:
    for second in range(5):
        with pytest.raises(BadLogin):
            accounts.verify("kim", "wrong", now=1000.0 + second)
    with pytest.raises(TooManyAttempts):
        accounts.verify("kim", "editor-password", now=1010.0)
    assert accounts.verify("kim", "editor-password", now=1061.0).role == "editor"


def test_sessions_end_with_a_new_password_or_a_sign_out(accounts: Accounts) -> None:
    token, csrf = accounts.open_session("kim")
    session = accounts.session(token)
    assert session is not None and session.csrf == csrf and session.role == "editor"
    [(stored,)] = sqlite3.connect(accounts.path).execute("SELECT token FROM sessions").fetchall()
    assert stored != token  # the database holds a digest only
    accounts.set_role("kim", "admin")
    assert accounts.session(token) is not None and accounts.session(token).role == "admin"
    accounts.set_password("kim", "another-password")
    assert accounts.session(token) is None
    token, _ = accounts.open_session("kim")
    accounts.close_session(token)
    assert accounts.session(token) is None


def test_bad_names_roles_and_passwords_are_refused(accounts: Accounts) -> None:
    with pytest.raises(Conflict, match="exists"):
        accounts.add_user("kim", "viewer", "some-password")
    with pytest.raises(InvalidParameter, match="choose viewer, editor, admin"):
        accounts.add_user("lee", "owner", "some-password")
    with pytest.raises(InvalidParameter, match="at least 8"):
        accounts.add_user("lee", "viewer", "short")
    with pytest.raises(InvalidParameter, match="user name"):
        accounts.add_user("../lee", "viewer", "some-password")


def citygraph(home: Path, *args: str, password: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from citygraph.api.cli import main; main()", "users", *args,
         "--data-dir", str(home)], input=password + "\n", capture_output=True, text=True,
        timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "COLUMNS": "200"})


def test_the_users_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    added = citygraph(home, "add", "Lee", "--role", "editor", "--password-stdin",
                      password="lee-password")
    assert added.returncode == 0 and "Added lee (editor)" in added.stdout
    again = citygraph(home, "add", "lee", "--role", "editor", "--password-stdin",
                      password="lee-password")
    assert again.returncode != 0 and "exists" in again.stdout + again.stderr
    assert citygraph(home, "role", "lee", "admin").returncode == 0
    assert citygraph(home, "list").stdout.split() == ["lee", "admin"]
    bad = citygraph(home, "role", "lee", "owner")
    assert bad.returncode != 0 and "choose viewer, editor, admin" in bad.stdout + bad.stderr
    assert Accounts(curation_db(home)).verify("lee", "lee-password").role == "admin"
    assert citygraph(home, "remove", "lee").returncode == 0
    assert citygraph(home, "list").stdout.strip() == ""
