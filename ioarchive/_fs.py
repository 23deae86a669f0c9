"""fsspec helpers: where files are, what Polars can read itself, and the local cache (private).

Polars reads local files and ``s3://``, ``gs://``, ``az://`` and ``https://`` URLs itself. Any
other place (a member of a zip file, ``memory://``, ``ftp://``, ...) is staged once into a local
cache directory and read from there: copied atomically (a temporary file renamed into place),
checked against the expected size, reused while its size and source identity stay the same.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fsspec

from ioarchive._progress import byte_bar
from ioarchive.exceptions import MissingDependencyError, StagingError

logger = logging.getLogger(__name__)

CACHE_ENV = "IOARCHIVE_CACHE_DIR"
"""Environment variable that overrides the default cache directory."""

_NATIVE = {"file", "local", "s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "http", "https"}
_CHUNK = 1 << 22
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


def protocol_of(url: str) -> str:
    """Return the protocol of a URL or path (``file`` for local paths)."""
    if "::" in url:
        url = url.split("::", 1)[0]
    return url.split("://", 1)[0].lower() if "://" in url else "file"


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


_EXTRAS = {
    "s3": ("s3", "s3fs"),
    "s3a": ("s3", "s3fs"),
    "gs": ("gcs", "gcsfs"),
    "gcs": ("gcs", "gcsfs"),
    "http": ("http", "aiohttp"),
    "https": ("http", "aiohttp"),
}
"""Protocol -> (ioarchive extra, package) for the fsspec backends that are optional."""


def _missing(url: str, error: ImportError) -> MissingDependencyError:
    protocol = protocol_of(url)
    extra, package = _EXTRAS.get(protocol, ("", error.name or protocol))
    return MissingDependencyError(
        package, extra=extra or protocol, purpose=f"reading {protocol}:// URLs"
    )


def url_to_fs(url: str, storage_options: Mapping[str, Any] | None = None) -> tuple[Any, str]:
    """Return ``(filesystem, path)`` for a URL, as ``fsspec.core.url_to_fs`` does.

    Raises:
        MissingDependencyError: The protocol's fsspec backend (an optional extra) is missing.
    """
    try:
        fs, path = fsspec.core.url_to_fs(url, **dict(storage_options or {}))
    except ImportError as error:
        raise _missing(url, error) from error
    return fs, path


def open_file(url: str, storage_options: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
    """Open a URL for binary reading with fsspec, decompressing ``.gz`` on the fly.

    For a chained URL (``zip://member::s3://bucket/a.zip``) the storage options are given to
    the innermost filesystem, where the credentials belong.

    Args:
        url: A path or fsspec URL.
        storage_options: fsspec options of the file's (innermost) filesystem.
        **kwargs: More arguments for ``fsspec.open`` (e.g. ``compression``).

    Returns:
        An ``fsspec.core.OpenFile`` to use as a context manager.
    """
    options = dict(storage_options or {})
    if "::" in url and options:
        options = {url.rsplit("::", 1)[1].split("://", 1)[0]: options}
    try:
        return fsspec.open(url, "rb", **kwargs, **options)
    except ImportError as error:
        raise _missing(url, error) from error


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


def _cache_path(remote: Remote, cache_dir: Path) -> Path:
    digest = hashlib.sha256(f"{remote.url}\0{remote.size}\0{remote.identity}".encode()).hexdigest()
    name = remote.url.rsplit("::", 1)[0].rsplit("/", 1)[-1] or "file"
    return cache_dir / digest[:32] / name


def stage(
    remote: Remote,
    *,
    cache_dir: Path | None = None,
    storage_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
) -> Path:
    """Copy a file into the local cache once, and return its local path.

    Args:
        remote: The file to stage.
        cache_dir: The cache directory (default: ``default_cache_dir()``).
        storage_options: fsspec options for the source.
        progress: Show a byte progress bar on stderr (default: when stderr is a terminal).

    Returns:
        The cached file's path.

    Raises:
        StagingError: The copy failed (a bad CRC, a truncated archive, a size mismatch); no
            partial file is left in the cache.
    """
    target = _cache_path(remote, cache_dir or default_cache_dir())
    if target.is_file() and target.stat().st_size == remote.size:
        logger.debug("cache hit for %s at %s", remote.label, target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        _copy(remote, partial, storage_options, progress)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    logger.debug("staged %s to %s", remote.label, target)
    return target


def _copy(
    remote: Remote,
    partial: Path,
    storage_options: Mapping[str, Any] | None,
    progress: bool | None,
) -> None:
    try:
        with (
            open_file(remote.url, storage_options) as source,
            partial.open("wb") as out,
            byte_bar(remote.size, desc=remote.label, progress=progress) as bar,
        ):
            while chunk := source.read(_CHUNK):
                out.write(chunk)
                bar.update(len(chunk))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise StagingError(
            f"could not be copied to the cache: {error}",
            path=remote.label,
            hint="the archive may be corrupt or truncated; download it again",
        ) from error
    written = partial.stat().st_size
    if written != remote.size:
        raise StagingError(
            f"copied {written} bytes, expected {remote.size}",
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
