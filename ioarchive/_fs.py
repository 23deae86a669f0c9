"""fsspec helpers: where files are, what Polars can read itself, and the local cache (private).

Polars reads local files and ``s3://``, ``gs://``, ``az://`` and ``https://`` URLs itself. Any
other place (a member of a zip file, ``memory://``, ``ftp://``, ...) is staged once into a local
cache directory and read from there: copied atomically (a temporary file renamed into place),
checked against the expected size, reused while its size and source identity stay the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fsspec

from ioarchive import _faults
from ioarchive._open import (
    guarded_fs,
    label_of,
    missing,
    open_file,
    protocol_of,
    split_zip,
    zip_infos,
)
from ioarchive._progress import byte_bar
from ioarchive.exceptions import (
    DamagedFileError,
    IOArchiveError,
    SourceNotFoundError,
    StagingError,
)

__all__ = [
    "CACHE_ENV",
    "WEAK_IDENTITY",
    "FileAccess",
    "Remote",
    "default_cache_dir",
    "identity_of",
    "is_native",
    "label_of",
    "open_file",
    "polars_options",
    "protocol_of",
    "remote_of",
    "replacing",
    "stage",
    "url_to_fs",
]

logger = logging.getLogger(__name__)

CACHE_ENV = "IOARCHIVE_CACHE_DIR"
"""Environment variable that overrides the default cache directory."""

_NATIVE = {"file", "local", "s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "http", "https"}
_CHUNK = 1 << 22
_UNSAFE = re.compile(r"[^\w.+-]")
_MAX_NAME = 200
_S3_KEYS = {
    "key": "aws_access_key_id",
    "secret": "aws_secret_access_key",
    "token": "aws_session_token",
    "endpoint_url": "aws_endpoint_url",
    "region_name": "aws_region",
}


def default_cache_dir() -> Path:
    """Return the cache directory: ``$IOARCHIVE_CACHE_DIR``, else the user's cache dir."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "ioarchive"


def polars_options(url: str, storage_options: Mapping[str, Any] | None) -> dict[str, str] | None:
    """Translate fsspec storage options into Polars' ``storage_options`` where they map.

    Args:
        url: The file's URL.
        storage_options: fsspec options (s3fs's ``key``, ``secret``, ``endpoint_url``, ...).

    Returns:
        Polars options, or None when there are none to give.
    """
    if not storage_options:
        return None
    if protocol_of(url) not in ("s3", "s3a"):
        return {k: str(v) for k, v in storage_options.items() if isinstance(v, str | int | bool)}
    flat: dict[str, Any] = dict(storage_options)
    flat.update(flat.pop("client_kwargs", None) or {})
    options = {_S3_KEYS[k]: str(v) for k, v in flat.items() if k in _S3_KEYS and v is not None}
    if flat.get("anon"):
        options["aws_skip_signature"] = "true"
    if options.get("aws_endpoint_url", "").startswith("http://"):
        options["aws_allow_http"] = "true"
    options.setdefault("aws_region", "us-east-1")
    return options


def url_to_fs(url: str, storage_options: Mapping[str, Any] | None = None) -> tuple[Any, str]:
    """Return ``(filesystem, path)`` for a URL, as ``fsspec.core.url_to_fs`` does.

    The filesystem's calls raise structured errors naming ``url``
    ([`RemoteError`][ioarchive.exceptions.RemoteError] for a server that cannot be reached).

    Raises:
        MissingDependencyError: The protocol's fsspec backend (an optional extra) is missing.
    """
    try:
        fs, path = fsspec.core.url_to_fs(url, **dict(storage_options or {}))
    except ImportError as error:
        raise missing(url, error) from error
    _faults.protect(storage_options)
    return guarded_fs(fs, label_of(url), storage_options), path


def is_native(url: str) -> bool:
    """Tell whether Polars reads this URL itself (no staging needed)."""
    return "::" not in url and protocol_of(url) in _NATIVE


@dataclass(frozen=True)
class Remote:
    """A file to stage: where it is, how big it is, and what identifies this version of it.

    Attributes:
        url: An fsspec URL (chained ``zip://member::outer`` for zip members).
        size: The expected size in bytes (uncompressed size for zip members).
        identity: What changes when the source changes (e.g. a zip CRC or an ETag).
        label: How to name the file in messages (``archive.zip:member``).
    """

    url: str
    size: int
    identity: str
    label: str


def _cache_name(url: str) -> str:
    """The staged file's name: the source's last name component, made safe for any OS.

    Only the name is kept (a zip member ``/abs/x.csv`` or ``../../x.csv`` is ``x.csv``), so a
    staged file is always directly inside its cache folder; its suffix (``.gz``) is kept.
    """
    name = re.split(r"[/\\]", url.rsplit("::", 1)[0])[-1]
    name = _UNSAFE.sub("_", name).strip(" .")[-_MAX_NAME:]
    return name or "file"


def _cache_path(remote: Remote, cache_dir: Path) -> Path:
    digest = hashlib.sha256(f"{remote.url}\0{remote.size}\0{remote.identity}".encode()).hexdigest()
    return cache_dir / digest[:32] / _cache_name(remote.url)


def stage(
    remote: Remote,
    *,
    cache_dir: Path | None = None,
    storage_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
) -> Path:
    """Copy a file into the local cache once, and return its local path.

    The copy is bounded: a file declaring more bytes than the cache has free is refused before
    anything is written, and never more bytes than declared are written.

    Args:
        remote: The file to stage.
        cache_dir: The cache directory (default: ``default_cache_dir()``).
        storage_options: fsspec options for the source.
        progress: Show a byte progress bar on stderr (default: when stderr is a terminal).

    Returns:
        The cached file's path.

    Raises:
        StagingError: The copy failed (a bad CRC, a truncated archive, a size mismatch, a size
            larger than the free space); no partial file is left in the cache.
        RemoteError: The server failed or stopped mid-copy; no partial file is left.
    """
    target = _cache_path(remote, cache_dir or default_cache_dir())
    trusted = not remote.identity.startswith(WEAK_IDENTITY)
    if trusted and target.is_file() and target.stat().st_size == remote.size:
        logger.debug("cache hit for %s at %s", remote.label, target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target.parent).free
    if remote.size > free:
        raise StagingError(
            f"declares {remote.size} bytes, more than the {free} bytes free in the cache",
            path=remote.label,
            hint="a zip member declaring an impossible size is damaged or hostile; otherwise "
            "free some space or set IOARCHIVE_CACHE_DIR to a larger disk",
        )
    with replacing(target) as partial:
        _copy(remote, partial, storage_options, progress)
    logger.debug("staged %s to %s", remote.label, target)
    return target


def _copy(
    remote: Remote,
    partial: Path,
    storage_options: Mapping[str, Any] | None,
    progress: bool | None,
) -> None:
    written = 0
    try:
        with (
            open_file(remote.url, storage_options, label=remote.label) as source,
            partial.open("wb") as out,
            byte_bar(remote.size, desc=remote.label, progress=progress) as bar,
        ):
            while written <= remote.size and (
                chunk := source.read(min(_CHUNK, remote.size + 1 - written))
            ):
                out.write(chunk)
                written += len(chunk)
                bar.update(len(chunk))
    except DamagedFileError as error:
        raise StagingError(
            f"could not be copied to the cache: {error.problem}",
            path=remote.label,
            hint=error.hint or "the archive may be corrupt or truncated; download it again",
        ) from error
    except IOArchiveError:
        raise
    except OSError as error:
        raise StagingError(
            f"could not be written to the cache: {error}", path=remote.label
        ) from error
    if written != remote.size:
        problem = (
            f"copied {written} bytes, expected {remote.size}"
            if written < remote.size
            else f"holds more than the {remote.size} bytes it declares; the copy was stopped"
        )
        raise StagingError(
            problem,
            path=remote.label,
            hint="the source changed or is truncated; check it and try again",
        )


@dataclass(frozen=True)
class FileAccess:
    """How to open a mirror's files: its fsspec options, the cache and the progress rule.

    One object, carried by a Catalog and its Datasets, instead of three loose arguments. The
    storage options may hold credentials: they are never shown in the repr.

    Attributes:
        storage_options: fsspec options of the mirror's (innermost) filesystem.
        cache_dir: Where files Polars cannot read are staged (None: the default cache).
        progress: Show progress bars (None: when stderr is a terminal).
    """

    storage_options: Mapping[str, Any] | None = field(default=None, repr=False)
    cache_dir: Path | None = None
    progress: bool | None = None

    def local(self, remote: Remote) -> str:
        """Return a path or URL Polars can read for ``remote``, staging it first if needed."""
        if is_native(remote.url):
            return remote.url.removeprefix("file://")
        path = stage(
            remote,
            cache_dir=self.cache_dir,
            storage_options=self.storage_options,
            progress=self.progress,
        )
        return str(path)

    def options_for(self, path: str) -> Mapping[str, Any] | None:
        """Return the storage options to read ``path`` with: none for a local file."""
        return None if os.path.exists(path) else self.storage_options

    def local_url(self, url: str) -> str:
        """Return a path or URL Polars can read for any fsspec URL, staging it if needed.

        What [`scan_tweets`][ioarchive.scan.scan_tweets] does with ``memory://``, ``ftp://``
        or ``zip://member::...`` sources: the same cache as a catalog's datasets use.
        """
        if is_native(url):
            return url.removeprefix("file://")
        return self.local(remote_of(url, self.storage_options))


_VERSION_FIELDS = (
    "ETag",
    "etag",
    "Content-MD5",
    "Digest",
    "md5Hash",
    "mtime",
    "Last-Modified",
    "LastModified",
    "last_modified",
    "updated",
    "created",  # memory:// (a write makes a new file)
)
"""Fields of fsspec's ``info`` that change with a file's content, most telling first (local
files, S3, GCS, Azure and HTTP servers name them differently)."""

WEAK_IDENTITY = "size:"
"""The prefix of an identity that is only the size: not enough to call a file unchanged."""


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it over ``path`` when the block succeeds.

    A file written through it is there whole or not at all: a failed write (a full disk, an
    error half-way) leaves any old file as it was, and no partial one.
    """
    final = Path(path)
    draft = final.with_name(f".{final.name}.{os.getpid()}.partial")
    try:
        yield draft
        os.replace(draft, final)
    finally:
        draft.unlink(missing_ok=True)


def identity_of(info: Mapping[str, Any], size: int) -> str:
    """What identifies this version of a file, from fsspec's ``info``: ETag, else mtime, ...

    A server that sends none of them (see ``_VERSION_FIELDS``) gives ``"size:N"``: a file
    rewritten to the same size would look the same, so such an identity is never trusted to
    skip work (``convert`` converts the file again, ``stage`` copies it again).
    """
    found = next((info[k] for k in _VERSION_FIELDS if info.get(k)), None)
    return str(found) if found is not None else f"{WEAK_IDENTITY}{size}"


def remote_of(url: str, storage_options: Mapping[str, Any] | None = None) -> Remote:
    """Describe a file to stage (its size and identity read from its filesystem)."""
    parts = split_zip(url)
    if parts is not None:
        member, outer = parts
        infos = {i.filename: i for i in zip_infos(outer, storage_options)}
        if member not in infos:
            raise SourceNotFoundError("no such member in the zip file", path=label_of(url))
        outer_remote = remote_of(outer, storage_options)
        size = infos[member].file_size
        identity = f"{outer_remote.identity}:{infos[member].CRC}"
        return Remote(url, size, identity, label_of(url))
    fs, path = url_to_fs(url, storage_options)
    info = fs.info(path)
    size = int(info.get("size") or 0)
    return Remote(url, size, identity_of(info, size), label_of(url))
