"""One conversion at a time per store: a lock file at the store's root (private).

A conversion clears what an interrupted one left in ``_staging/`` and rewrites the manifest,
so two at once into one store would undo each other's work. The lock file names its holder
(host, process id, start time). On a local store it is created atomically (``O_EXCL``); on
object storage, which has no such primitive in fsspec, it is checked and then written, which
stops a second conversion started while one runs, but not two started in the same instant.
A lock left by a conversion that was killed is taken over when its process is gone (same
host), and so is a lock that holds no readable holder; a lock from another host must be
removed by hand (the error says where).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import secrets
import socket
from collections.abc import Iterator
from typing import Any

from ioarchive.exceptions import StoreError
from ioarchive.store._target import Target
from ioarchive.store.layout import LOCK_NAME

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def store_lock(target: Target) -> Iterator[None]:
    """Hold the store's lock while the block runs.

    Raises:
        StoreError: Another conversion, still running (or on another host), holds it.
    """
    path = f"{target.root}/{LOCK_NAME}"
    holder = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if not _acquire(target, path, holder):
        other = _holder(target, path)
        # A lock is written whole (see `_acquire`): one that cannot be read holds no one.
        if other is not None and not _is_stale(other):
            raise _locked(path, other)
        logger.warning("taking over the lock of a conversion that is gone: %s", other)
        if not _remove_stale(target, path, other) or not _acquire(target, path, holder):
            raise _locked(path, _holder(target, path))
    try:
        yield
    finally:
        if _holder(target, path) == holder:  # never another conversion's lock
            with contextlib.suppress(FileNotFoundError):
                target.fs.rm(path)


def _acquire(target: Target, path: str, holder: dict[str, Any]) -> bool:
    """Create the lock naming ``holder`` unless it exists; True if this call created it.

    On a local store the holder is written to a file of its own first and then hard-linked
    into place, which fails if the lock exists: the lock never exists half-written, even
    when the process dies in between.
    """
    data = json.dumps(holder).encode("utf-8")
    if target.local:
        os.makedirs(target.root, exist_ok=True)
        draft = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
        with open(draft, "wb") as f:
            f.write(data)
        try:
            os.link(draft, path)
        except FileExistsError:
            return False
        finally:
            os.unlink(draft)
        return True
    if target.fs.exists(path):
        return False
    target.fs.pipe_file(path, data)
    return True


def _remove_stale(target: Target, path: str, stale: dict[str, Any] | None) -> bool:
    """Remove the lock judged stale, unless it has changed since; True if it was removed.

    Locally the lock is first renamed to a name of this process's own (atomic), so two
    conversions taking over at once cannot both remove it, and a fresh lock that replaced
    the stale one in between is put back.
    """
    if not target.local:
        target.fs.rm(path)
        return True
    aside = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        os.rename(path, aside)
    except FileNotFoundError:  # another conversion took it over first
        return False
    if _holder(target, aside) != stale:
        with contextlib.suppress(FileExistsError):
            os.link(aside, path)
        os.unlink(aside)
        return False
    os.unlink(aside)
    return True


def _holder(target: Target, path: str) -> dict[str, Any] | None:
    try:
        found = json.loads(target.fs.cat_file(path))
    except (FileNotFoundError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _is_stale(holder: dict[str, Any]) -> bool:
    """Whether the holder is a process of this host that no longer runs."""
    if holder.get("host") != socket.gethostname() or not isinstance(holder.get("pid"), int):
        return False
    try:
        os.kill(holder["pid"], 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it runs, as another user
        return False
    return False


def _locked(path: str, holder: dict[str, Any] | None) -> StoreError:
    who = (
        f"process {holder.get('pid')} on {holder.get('host')} since {holder.get('since')}"
        if holder
        else "another process"
    )
    return StoreError(
        f"another conversion is writing this store ({who})",
        path=path,
        hint="wait until it finishes; if it was stopped on another machine, delete the lock file",
    )
