"""``kill -9`` of the server during a web publish loses nothing.

The graph is the old or the new version, and the curation queue agrees with
it: a document is "published" exactly when the current store's history names
the draft's revision.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from citygraph.api.drafts import Drafts
from citygraph.graph.home import curation_db
from citygraph.graph.store.opening import open_current
from citygraph.graph.write.documents import history
from citygraph.ingest.pipeline import extract
from citygraph.ingest.reader import read

from ..api.serving import serving
from ..conftest import TEST_DATA
from .conftest import ENV, Scale, assert_sound, cli, run
from .test_writers import _listeners

pytestmark = pytest.mark.e2e

TINY = TEST_DATA / "tiny"
LISBON = TEST_DATA / "curation" / "seoul-lisbon.ko.txt"
DOC = "seoul-lisbon.ko"
GRAPH = f"ASK {{ GRAPH <https://w3id.org/citygraph/id/source/document/{DOC}> {{ ?s ?p ?o }} }}"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    made = tmp_path / "home"
    assert run("build", "--data-dir", str(made), "--sources", str(TINY)).returncode == 0
    added = subprocess.run(cli("users", "add", "kim", "--role", "editor", "--password-stdin",
                               "--data-dir", str(made)), input="editor-password\n",
                           capture_output=True, text=True, env=ENV, timeout=60)
    assert added.returncode == 0, added.stderr
    drafts = Drafts(curation_db(made))
    source = read(LISBON)
    drafts.create(DOC, LISBON.name, "", who="kim")
    drafts.save(DOC, extract(source), who="kim", text=source.raw)
    drafts.close()
    return made


def sign_in(client: httpx.Client) -> str:
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    done = client.post("/login", data={"name": "kim", "password": "editor-password",
                                       "csrf": csrf.group(1)})
    assert done.status_code == 303
    queue = client.get("/curation")
    token = re.search(r'name="csrf" value="([^"]+)"', queue.text)
    assert token is not None
    return token.group(1)


def in_graph(home: Path) -> bool:
    store = open_current(home)
    try:
        return bool(getattr(store.query(GRAPH), "boolean", False))
    finally:
        store.close()


def test_a_publish_killed_at_any_moment_is_made_or_not(home: Path, scale: Scale) -> None:
    for n in range(scale.kills):
        with serving(home, sources=str(TINY)) as url:
            port = int(url.rsplit(":", 1)[1])
            client = httpx.Client(base_url=url, timeout=60)
            csrf = sign_in(client)
            answer: dict[str, int] = {}

            def send(answer: dict[str, int] = answer, client: httpx.Client = client,
                     csrf: str = csrf) -> None:
                try:
                    answer["status"] = client.post(f"/curation/documents/{DOC}/publish",
                                                   data={"csrf": csrf}).status_code
                except httpx.HTTPError:
                    answer["status"] = 0

            sender = threading.Thread(target=send)
            sender.start()
            time.sleep(0.3 + 3.0 * n / scale.kills)  # a moment of the worker's publish
            for pid in _listeners(port):  # the server; its group holds its worker too
                if os.getpgid(pid) != os.getpgid(0):
                    os.killpg(os.getpgid(pid), signal.SIGKILL)
            sender.join(60)
            client.close()
        assert_sound(home)
        past = history(home, DOC)
        drafts = Drafts(curation_db(home))
        draft = drafts.get(DOC)
        drafts.close()
        assert in_graph(home) == bool(past), f"killed at {n}: graph and history disagree"
        if answer.get("status") == 303:
            assert past, "an answered publish must be live"
        # the queue says "published" exactly when the graph holds this draft
        assert (bool(past) and past[-1].draft == draft.revision) == bool(past)
    with serving(home, sources=str(TINY)) as url, httpx.Client(base_url=url, timeout=60) as c:
        csrf = sign_in(c)
        assert c.post(f"/curation/documents/{DOC}/publish", data={"csrf": csrf}).status_code == 303
        assert "게시됨" in c.get("/curation?lang=ko").text or "published" in c.get(
            "/curation?lang=en").text
    assert in_graph(home)
