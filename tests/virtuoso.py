"""A private Virtuoso Open Source server for tests (not a test module).

:func:`start` runs ``virtuoso-t`` (Debian's ``virtuoso-opensource`` package)
in the foreground as a child process, with its own database folder and an
ini file that binds both its SQL port and its HTTP port to 127.0.0.1 on free
ports; it waits until ``/sparql`` answers, then replaces the ``dba`` password
(``dba`` as installed) with a random one through ``isql-vt`` (the SQL goes on
standard input, so the new password appears in no command line).
:func:`stop` ends that process by its pid: SIGTERM, then SIGKILL if it has
not stopped.  A system Virtuoso the package may have
started (ports 1111 and 8890) is never touched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER = "virtuoso-t"
ISQL = "isql-vt"
# Virtuoso cuts results at this many rows and says so in X-SPARQL-MaxRows; the tests check it
RESULT_SET_MAX_ROWS = 200_000 if os.environ.get("CITYGRAPH_WORLD_FULL") == "1" else 5000

INI = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = {folder}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
AllowOSCalls         = 0

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}/www
MaxClientConnections = 10
ServerThreads        = 10
EnabledDavVSP        = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True, slots=True)
class Virtuoso:
    """A running private server."""

    process: subprocess.Popen[bytes]
    folder: Path
    http_port: int
    sql_port: int
    user: str
    password: str

    @property
    def url(self) -> str:
        """The HTTP base URL, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def endpoint(self) -> str:
        """The anonymous, read-only SPARQL endpoint."""
        return f"{self.url}/sparql"

    def log(self, lines: int = 30) -> str:
        """The end of the server's log, for error messages."""
        path = self.folder / "virtuoso.log"
        text = path.read_text(errors="replace") if path.exists() else "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def installed() -> str | None:
    """Return why the server cannot be started here, or None when it can."""
    missing = [name for name in (SERVER, ISQL) if shutil.which(name) is None]
    if missing:
        return (f"{' and '.join(missing)} not found: install Debian's virtuoso-opensource "
                "package (.ci/run does) to run the Virtuoso tests")
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    request = urllib.request.Request(f"{url}/sparql?query=ASK%7B%7D",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, OSError):
        return False


def start(folder: Path, *, timeout: float = 120.0) -> Virtuoso:
    """Start a private server with its database in ``folder``; return when it answers.

    Raises
    ------
    FileNotFoundError
        ``virtuoso-t`` or ``isql-vt`` is not installed.
    RuntimeError
        The server stopped, or did not answer within ``timeout`` seconds, or
        the password could not be set (the message ends with its log).
    """
    reason = installed()
    if reason:
        raise FileNotFoundError(reason)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "www").mkdir(exist_ok=True)
    http_port, sql_port = _free_port(), _free_port()
    while sql_port == http_port:
        sql_port = _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(folder=folder, sql_port=sql_port, http_port=http_port,
                              max_rows=RESULT_SET_MAX_ROWS))
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [SERVER, "+foreground", "+configfile", str(ini)],
            cwd=folder, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    server = Virtuoso(process, folder, http_port, sql_port, "dba", "dba")
    try:
        deadline = time.monotonic() + timeout
        while not _answers(server.url):
            if process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with code {process.returncode}:\n"
                                   f"{server.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"virtuoso-t did not answer within {timeout:g} s:\n"
                                   f"{server.log()}")
            time.sleep(0.3)
        password = "t-" + secrets.token_urlsafe(18)
        sql = f"user_set_password('dba', '{password}');\n"
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{sql_port}", "dba", "dba"], input=sql.encode(),
            capture_output=True, timeout=60, check=False,
        )
        output = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0 or "Error" in output:
            raise RuntimeError(f"isql-vt could not set the dba password:\n{output}")
        return Virtuoso(process, folder, http_port, sql_port, "dba", password)
    except BaseException:
        stop(server)
        raise


def stop(server: Virtuoso, *, timeout: float = 30.0) -> None:
    """Stop the server by its pid: SIGTERM, then SIGKILL past ``timeout`` seconds."""
    process = server.process
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, 9)
        process.wait(10)
