"""Operators get a sentence naming the setting, never a traceback or a server that cannot answer."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from citygraph.api.settings import Settings
from citygraph.ingest.errors import InvalidParameter

from ..conftest import TEST_DATA


def citygraph(*args: str, env: dict[str, str] | None = None,
              timeout: float = 60) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "HOME": "/nonexistent",
                               **(env or {})})


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = tmp_path_factory.mktemp("settings-home")
    result = citygraph("build", "--data-dir", str(made), "--sources", str(TEST_DATA / "tiny"))
    assert result.returncode == 0, result.stderr
    return made


BAD = [
    ("CITYGRAPH_TIMEOUT", "-5", "0.1 to 3600 seconds"),
    ("CITYGRAPH_TIMEOUT", "soon", "is not a number"),
    ("CITYGRAPH_WORKERS", "0", "1 to 64 query workers"),
    ("CITYGRAPH_PORT", "99999", "1 to 65535"),
    ("CITYGRAPH_PORT", "http", "is not a whole number"),
    ("CITYGRAPH_ROW_CAP", "0", "row cap is at least 1"),
    ("CITYGRAPH_MAX_QUERY", "1", "16 bytes to 100 MB"),
    ("CITYGRAPH_THRESHOLD", "2", "from 0 to 1"),
    ("CITYGRAPH_MAX_DOCUMENT", "-1", "at least 1 byte"),
    ("CITYGRAPH_HOST", " ", "CITYGRAPH_HOST is empty"),
    ("CITYGRAPH_FOCUS", " ", "CITYGRAPH_FOCUS is empty"),
    ("CITYGRAPH_STORE", "ftp:somewhere", "is not understood"),
]


@pytest.mark.parametrize(("name", "value", "says"), BAD, ids=[f"{n}={v}" for n, v, _ in BAD])
@pytest.mark.parametrize("command", [["query", "ASK { }"], ["serve"], ["stats"]])
def test_a_bad_setting_is_one_sentence_and_exit_2(home: Path, command: list[str], name: str,
                                                  value: str, says: str) -> None:
    result = citygraph(*command, "--data-dir", str(home), env={name: value})
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert says in result.stderr and "Traceback" not in result.stderr
    assert name.removeprefix("CITYGRAPH_") in result.stderr.upper() or name in result.stderr


def test_a_bad_port_option_is_a_sentence(home: Path) -> None:
    result = citygraph("serve", "--data-dir", str(home), "--port", "99999")
    assert result.returncode == 2 and "CITYGRAPH_PORT=99999" in result.stderr
    assert "Traceback" not in result.stderr


def test_updates_are_not_served_over_the_network_without_saying_so(home: Path) -> None:
    result = citygraph("serve", "--data-dir", str(home), "--host", "0.0.0.0",
                       env={"CITYGRAPH_UPDATE_TOKEN": "secret"})
    assert result.returncode == 2
    assert "plain HTTP" in result.stderr and "--allow-network-updates" in result.stderr


def test_listening_on_the_network_warns(home: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = [sys.executable, "-c", "from citygraph.api.cli import main; main()", "serve",
            "--data-dir", str(home), "--host", "0.0.0.0", "--port", str(port)]
    process = subprocess.Popen(argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               text=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200",
                                               "HOME": "/nonexistent"})
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "Warning" in line and "listening on 0.0.0.0" in line
    finally:
        process.kill()
        process.wait(10)


def test_settings_check_every_number_in_python_too() -> None:
    with pytest.raises(InvalidParameter, match="CITYGRAPH_WORKERS=0"):
        Settings.from_env({"CITYGRAPH_WORKERS": "0"})
    with pytest.raises(InvalidParameter, match=r"CITYGRAPH_TIMEOUT=0\.0"):
        Settings.from_env({}, timeout=0.0)
    assert Settings.from_env({"CITYGRAPH_HOST": "10.0.0.2"}).loopback is False
    assert Settings.from_env({}).loopback is True
