"""Accounts of the curation pages: users with roles, sessions, CSRF tokens, login limits.

Everything lives in one SQLite database in the home folder
(:func:`citygraph.graph.home.curation_db`):

- ``users``: a name, a role (``viewer``, ``editor``, ``admin``) and an
  Argon2id hash of the password (argon2-cffi);
- ``sessions``: the SHA-256 of each session token (the cookie holds the
  token; a stolen database gives no session), the user, its CSRF token and
  when it expires;
- ``attempts``: each failed login, by name: the sixth wrong password for a
  name within a minute is refused before it is checked;
- ``meta``: the secret that signs the CSRF token of a visitor not signed in.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> accounts = Accounts(Path(tempfile.mkdtemp()) / "curation.sqlite")
>>> accounts.add_user("kim", "editor", "correct horse battery")
>>> accounts.verify("kim", "correct horse battery").role
'editor'
>>> token, _ = accounts.open_session("kim")
>>> accounts.session(token).name
'kim'
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from citygraph.api.database import Database
from citygraph.ingest.errors import Conflict, InvalidParameter, NotAuthorized, NotFound, Refused

__all__ = [
    "ROLES",
    "Accounts",
    "BadCsrf",
    "BadLogin",
    "Forbidden",
    "Session",
    "SignInRequired",
    "TooManyAttempts",
    "User",
]

ROLES = ("viewer", "editor", "admin")
"""Each role may do what the roles before it may."""

#: failed logins for one name within :data:`WINDOW` seconds before logins are refused
MAX_FAILURES = 5
WINDOW = 60.0
#: how long a session lasts without a new login
SESSION_SECONDS = 12 * 3600

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_hasher = PasswordHasher()


class BadLogin(NotAuthorized):
    """An unknown user or a wrong password (the message does not say which)."""


class SignInRequired(NotAuthorized):
    """A page for signed-in users, asked without a session."""


class Forbidden(Refused):
    """A user whose role does not allow the page or action."""


class BadCsrf(Refused):
    """A form posted without the CSRF token of its session."""


class TooManyAttempts(Refused):
    """Too many wrong passwords for one name within a minute."""


@dataclass(frozen=True, slots=True)
class User:
    """A user and their role."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this user's role includes ``role``.

        >>> User("kim", "editor").may("viewer"), User("kim", "editor").may("admin")
        (True, False)
        """
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in user's session: who, and the token every form of theirs carries."""

    name: str
    role: str
    csrf: str

    @property
    def user(self) -> User:
        """The user of the session."""
        return User(self.name, self.role)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL,
  hash TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, name TEXT NOT NULL,
  csrf TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (name TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_by_name ON attempts (name, at);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(name: str) -> str:
    """A user name as stored (lower case), or raise :class:`InvalidParameter`.

    >>> check_name("Kim.J")
    'kim.j'
    """
    if not _NAME.match(name.lower()):
        raise InvalidParameter(f"user name {name!r}: use 1 to 64 letters, digits, '.', '_' "
                               "or '-', starting with a letter or digit")
    return name.lower()


def check_role(role: str) -> str:
    """A role, or raise :class:`InvalidParameter` naming the roles."""
    if role not in ROLES:
        raise InvalidParameter(f"role {role!r}: choose {', '.join(ROLES)}")
    return role


class Accounts(Database):
    """The accounts database; safe to share between threads (one connection, one lock)."""

    schema = _SCHEMA

    # -- users --------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password: str) -> None:
        """Add a user; raise :class:`Conflict` when the name is taken."""
        name, role = check_name(name), check_role(role)
        if len(password) < 8:
            raise InvalidParameter("a password needs at least 8 characters")
        with self._tx() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise Conflict(f"user {name!r} exists; change its role or password instead")
            db.execute("INSERT INTO users VALUES (?, ?, ?, ?)",
                       (name, role, _hasher.hash(password), time.time()))

    def set_role(self, name: str, role: str) -> None:
        """Change a user's role."""
        self._change("UPDATE users SET role = ? WHERE name = ?", check_role(role), name)

    def set_password(self, name: str, password: str) -> None:
        """Change a user's password; their sessions end."""
        if len(password) < 8:
            raise InvalidParameter("a password needs at least 8 characters")
        self._change("UPDATE users SET hash = ? WHERE name = ?", _hasher.hash(password), name)
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE name = ?", (check_name(name),))

    def remove_user(self, name: str) -> None:
        """Remove a user and end their sessions."""
        self._change("DELETE FROM users WHERE name = ?", None, name)
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE name = ?", (check_name(name),))

    def _change(self, sql: str, value: str | None, name: str) -> None:
        name = check_name(name)
        with self._tx() as db:
            args = (name,) if value is None else (value, name)
            if db.execute(sql, args).rowcount == 0:
                raise NotFound(f"no user is named {name!r}")

    def users(self) -> list[User]:
        """Every user, by name."""
        with self._lock:
            rows = self._db.execute("SELECT name, role FROM users ORDER BY name").fetchall()
        return [User(n, r) for n, r in rows]

    # -- logins and sessions ------------------------------------------------------------
    def verify(self, name: str, password: str, *, now: float | None = None) -> User:
        """The user whose password this is.

        Raises
        ------
        TooManyAttempts
            :data:`MAX_FAILURES` wrong passwords for the name within a minute:
            refused without checking.
        BadLogin
            An unknown name or a wrong password.
        """
        now = time.time() if now is None else now
        key = name.strip().lower()
        with self._tx() as db:
            db.execute("DELETE FROM attempts WHERE at < ?", (now - WINDOW,))
            failures = db.execute("SELECT COUNT(*) FROM attempts WHERE name = ? AND at >= ?",
                                  (key, now - WINDOW)).fetchone()[0]
            if failures >= MAX_FAILURES:
                raise TooManyAttempts(f"Too many wrong passwords for {name!r}; wait a minute "
                                      "and try again.")
            found = db.execute("SELECT role, hash FROM users WHERE name = ?", (key,)).fetchone()
        ok = False
        if found is not None:
            try:
                ok = _hasher.verify(found[1], password)
            except (VerificationError, InvalidHashError):
                ok = False
        else:
            _hasher.hash(password)  # as slow as a check: a name's existence does not show
        if not ok:
            with self._tx() as db:
                db.execute("INSERT INTO attempts VALUES (?, ?)", (key, now))
            raise BadLogin("Unknown user or wrong password.")
        return User(key, found[0])

    def open_session(self, name: str) -> tuple[str, str]:
        """Start a session for a user; return its token (for the cookie) and CSRF token."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                       (_digest(token), check_name(name), csrf, time.time() + SESSION_SECONDS))
        return token, csrf

    def session(self, token: str) -> Session | None:
        """The live session of a token, if any (with the user's current role)."""
        if not token:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT s.name, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.name "
                "WHERE s.token = ? AND s.expires > ?", (_digest(token), time.time())).fetchone()
        return Session(*row) if row else None

    def close_session(self, token: str) -> None:
        """End a session."""
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE token = ?", (_digest(token),))

    def anonymous_csrf(self, visitor: str) -> str:
        """The CSRF token of a visitor not signed in (the login form's), from their cookie."""
        with self._tx() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
            if row is None:
                row = (secrets.token_hex(32),)
                db.execute("INSERT INTO meta VALUES ('secret', ?)", row)
        return hmac.new(bytes.fromhex(row[0]), visitor.encode(), "sha256").hexdigest()
