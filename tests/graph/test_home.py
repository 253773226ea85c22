"""The home's paths and locks: pruning deletes whole stores and what killed writers left."""

from __future__ import annotations

from pathlib import Path

from citygraph.graph.home import (
    documents_of,
    lease,
    new_store,
    prune,
    record_of,
    stores_dir,
    switch,
    writing,
)


def _store(home: Path, version: str, now: int) -> Path:
    store = new_store(home, version, now=now)
    store.mkdir(parents=True)
    (store / "CURRENT").write_text("MANIFEST-000001\n")
    documents_of(store).mkdir()
    record_of(store).write_text("{}")
    return store


def test_prune_deletes_old_stores_with_their_documents_and_records(tmp_path: Path) -> None:
    old, new = _store(tmp_path, "aa", 1), _store(tmp_path, "bb", 2)
    switch(tmp_path, new)
    with writing(tmp_path):
        assert prune(tmp_path, set()) == [old]
    assert sorted(p.name for p in stores_dir(tmp_path).iterdir()) == [
        new.name, documents_of(new).name, record_of(new).name]


def test_prune_keeps_a_store_a_reader_holds(tmp_path: Path) -> None:
    old, new = _store(tmp_path, "aa", 1), _store(tmp_path, "bb", 2)
    switch(tmp_path, new)
    held = lease(old)
    with writing(tmp_path):
        assert prune(tmp_path, set()) == []
    held.release()
    with writing(tmp_path):
        assert prune(tmp_path, set()) == [old]


def test_what_a_writer_killed_while_pruning_left_is_swept(tmp_path: Path) -> None:
    current = _store(tmp_path, "bb", 2)
    switch(tmp_path, current)
    orphan = new_store(tmp_path, "aa", now=1)  # its folder went, its documents and record stayed
    documents_of(orphan).mkdir()
    record_of(orphan).write_text("{}")
    half = stores_dir(tmp_path) / ".partial-store-cc-3"  # a store renamed away, half deleted
    half.mkdir()
    with writing(tmp_path):
        prune(tmp_path, set())
    assert sorted(p.name for p in stores_dir(tmp_path).iterdir()) == [
        current.name, documents_of(current).name, record_of(current).name]
