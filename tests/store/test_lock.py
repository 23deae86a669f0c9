"""One conversion at a time per store: the lock file, held, stale, and from another host."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ioarchive as ioa
from ioarchive.store._lock import _remove_stale
from ioarchive.store._target import Target
from ioarchive.store.layout import LOCK_NAME
from tests.store.common import convert_quietly, store_files
from tests.store.conftest import Mirror


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _lock(store: Path, *, host: str, pid: int) -> Path:
    store.mkdir(parents=True, exist_ok=True)
    path = store / LOCK_NAME
    path.write_text(json.dumps({"host": host, "pid": pid, "since": "2026-12-01T10:00:00+00:00"}))
    return path


def test_the_lock_is_released_after_a_conversion(mirror: Mirror, converted: Path) -> None:
    assert LOCK_NAME not in store_files(converted)


def test_a_running_conversion_stops_a_second_one(store_copy: Path, mirror: Mirror) -> None:
    lock = _lock(store_copy, host=socket.gethostname(), pid=os.getpid())  # alive: this process
    before = store_files(store_copy)
    with pytest.raises(ioa.StoreError, match="another conversion is writing") as caught:
        convert_quietly(mirror[0], store_copy, overwrite=True)
    assert caught.value.path == str(lock)
    assert f"process {os.getpid()}" in caught.value.problem
    assert store_files(store_copy) == before  # nothing touched, the lock kept
    assert lock.exists()


def test_a_lock_from_another_host_is_not_taken(store_copy: Path, mirror: Mirror) -> None:
    lock = _lock(store_copy, host="elsewhere.example", pid=_dead_pid())
    with pytest.raises(ioa.StoreError, match=r"elsewhere\.example") as caught:
        convert_quietly(mirror[0], store_copy)
    assert "delete the lock file" in (caught.value.hint or "")
    assert lock.exists()


def test_a_lock_left_by_a_dead_process_is_taken_over(store_copy: Path, mirror: Mirror) -> None:
    _lock(store_copy, host=socket.gethostname(), pid=_dead_pid())
    report = convert_quietly(mirror[0], store_copy, overwrite=True)
    assert report.converted == len(mirror[1])
    assert LOCK_NAME not in store_files(store_copy)


def test_the_lock_is_released_when_a_conversion_fails(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "_ioarchive_store.json").write_text('{"format": "ioarchive-store", "version": 99}')
    with pytest.raises(ioa.StoreError):
        convert_quietly(ioa.synthetic.demo_archive_path(), store)
    assert not (store / LOCK_NAME).exists()


def test_a_lock_without_a_readable_holder_is_taken_over(store_copy: Path, mirror: Mirror) -> None:
    # Such a lock was left by a conversion killed between creating the file and writing it
    # (locks are now written whole): it holds no one, and had blocked every conversion.
    store_copy.mkdir(parents=True, exist_ok=True)
    (store_copy / LOCK_NAME).write_bytes(b"")
    report = convert_quietly(mirror[0], store_copy, overwrite=True)
    assert report.converted == len(mirror[1])
    assert not [f for f in store_files(store_copy) if f.startswith(LOCK_NAME)]


def test_a_lock_that_replaced_the_stale_one_is_not_removed(tmp_path: Path) -> None:
    # Two conversions judged the same lock stale; the first took it over. The second, acting
    # on what it had read, must leave the first's fresh lock in place.
    dead = _dead_pid()
    stale: dict[str, Any] = {
        "host": socket.gethostname(),
        "pid": dead,
        "since": "2026-12-01T10:00:00+00:00",
    }
    fresh = _lock(tmp_path, host=socket.gethostname(), pid=os.getpid())
    target = Target.of(tmp_path, None)
    assert not _remove_stale(target, str(fresh), stale)
    assert json.loads(fresh.read_text())["pid"] == os.getpid()
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME]
    _lock(tmp_path, host=socket.gethostname(), pid=dead)
    assert _remove_stale(target, str(fresh), stale)
    assert list(tmp_path.iterdir()) == []
