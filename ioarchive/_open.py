"""Open files and filesystems so that every failure is a structured error (private).

[`open_file`][ioarchive._open.open_file] opens a path or fsspec URL for binary reading and
[`guarded_fs`][ioarchive._open.guarded_fs] wraps a filesystem: what their reads and calls raise
goes through [`ioarchive._faults`][ioarchive._faults], so a damaged gzip, a bad zip or a remote
fault is an [`IOArchiveError`][ioarchive.exceptions.IOArchiveError] naming the file.

Zip members (``zip://member::outer-url``) are opened with Python's ``zipfile`` on the outer
file, by their exact name: absolute names and names with ``..`` are read like any other (never
extracted anywhere), and a member declaring more bytes than its compression method can produce
(a zip bomb header) is refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from typing import Any

import fsspec
from fsspec.compression import compr
from fsspec.utils import infer_compression

from ioarchive import _faults
from ioarchive.exceptions import DamagedFileError, MissingDependencyError, SourceNotFoundError

_EXTRAS = {
    "s3": ("s3", "s3fs"),
    "s3a": ("s3", "s3fs"),
    "gs": ("gcs", "gcsfs"),
    "gcs": ("gcs", "gcsfs"),
    "http": ("http", "aiohttp"),
    "https": ("http", "aiohttp"),
}
"""Protocol -> (ioarchive extra, package) for the fsspec backends that are optional."""

_DEFLATE_RATIO = 1100
"""More than deflate's largest expansion (about 1032 to 1) with room to spare."""


def protocol_of(url: str) -> str:
    """Return the protocol of a URL or path (``file`` for local paths)."""
    if "::" in url:
        url = url.split("::", 1)[0]
    return url.split("://", 1)[0].lower() if "://" in url else "file"


def missing(url: str, error: ImportError) -> MissingDependencyError:
    """The error for a protocol whose optional fsspec backend is not installed."""
    protocol = protocol_of(url)
    extra, package = _EXTRAS.get(protocol, ("", error.name or protocol))
    return MissingDependencyError(
        package, extra=extra or protocol, purpose=f"reading {protocol}:// URLs"
    )


def split_zip(url: str) -> tuple[str, str] | None:
    """Return ``(member, outer URL)`` for ``zip://member::outer``, else None."""
    if not url.startswith("zip://") or "::" not in url:
        return None
    member, outer = url.removeprefix("zip://").split("::", 1)
    return member, outer


def label_of(url: str) -> str:
    """How messages name a file: ``archive.zip:member`` for zip members, else the path or URL."""
    parts = split_zip(url)
    if parts is not None:
        member, outer = parts
        return f"{label_of(outer)}:{member}"
    return url.removeprefix("file://")


def _open_raw(url: str, options: Mapping[str, Any], compression: str | None) -> Any:
    """``fsspec.open``: for a chained URL the options go to the innermost filesystem."""
    if "::" in url and options:
        options = {url.rsplit("::", 1)[1].split("://", 1)[0]: options}
    try:
        opened = fsspec.open(url, "rb", compression=compression, **options)
    except ImportError as error:
        raise missing(url, error) from error
    _faults.protect(options)  # the backend's loggers exist now; nothing was requested yet
    return opened


def _check_declared_size(info: zipfile.ZipInfo, label: str) -> None:
    if info.compress_type == zipfile.ZIP_STORED and not info.flag_bits & 0x1:
        limit = info.compress_size
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        limit = _DEFLATE_RATIO * info.compress_size + 1024
    else:
        return
    if info.file_size > limit:
        raise DamagedFileError(
            f"the member declares {info.file_size} bytes from {info.compress_size} compressed "
            "bytes, more than its compression can produce; it is not extracted",
            path=label,
            hint="the zip file is damaged or hostile (a zip bomb); download it again",
        )


class _Stream(io.BufferedIOBase):
    """A binary reader whose every read translates failures (``_faults.call``)."""

    def __init__(self, inner: Any, guard: Callable[..., Any]):
        super().__init__()
        self._inner = inner
        self._guard = guard

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        data: bytes = self._guard(self._inner.read, -1 if size is None else size)
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)

    def seekable(self) -> bool:
        return bool(getattr(self._inner, "seekable", lambda: False)())

    def seek(self, offset: int, whence: int = 0) -> int:
        position: int = self._guard(self._inner.seek, offset, whence)
        return position

    def tell(self) -> int:
        position: int = self._guard(self._inner.tell)
        return position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)


class Opened:
    """A context manager over an opened file; see [`open_file`][ioarchive._open.open_file]."""

    def __init__(
        self,
        url: str,
        storage_options: Mapping[str, Any] | None,
        compression: str | None,
        label: str | None,
    ):
        self.url = url
        self.label = label or label_of(url)
        self._options = dict(storage_options or {})
        self._compression = compression
        self._stack = ExitStack()

    def _method(self, name: str) -> str | None:
        """The decompression of a file named ``name``: ``.gz`` and ``.gzip`` are gzip.

        A zip file is a folder of files, not one file's compression (fsspec would read its
        first member alone): it is refused here, and read by ``discover``.
        """
        if self._compression != "infer":
            return self._compression
        method = "gzip" if name.lower().endswith(".gzip") else infer_compression(name)
        if method == "zip":
            raise DamagedFileError(
                "a zip file is read as a folder, not as one file (a zip inside a zip is not read)",
                path=self.label,
                hint="give the zip file to ioarchive.discover(); extract a zip inside a zip first",
            )
        return method

    def _call(self, function: Callable[..., Any], *args: Any) -> Any:
        return _faults.call(function, *args, label=self.label, options=self._options, url=self.url)

    def _enter(self) -> Any:
        parts = split_zip(self.url)
        if parts is None:
            method = self._method(self.url)  # a chained URL ends with the file's own name
            opened = _open_raw(self.url, self._options, method)
            return self._stack.enter_context(self._call(opened.__enter__))
        member, outer = parts
        raw = self._stack.enter_context(self._call(_open_raw(outer, self._options, None).__enter__))
        archive = self._stack.enter_context(self._call(zipfile.ZipFile, raw))
        try:
            info = archive.getinfo(member)
        except KeyError:
            raise SourceNotFoundError("no such member in the zip file", path=self.label) from None
        _check_declared_size(info, self.label)
        stream = self._stack.enter_context(self._call(archive.open, info))
        method = self._method(member)
        if method is not None:
            stream = self._stack.enter_context(compr[method](stream, mode="rb"))
        return stream

    def __enter__(self) -> Any:
        try:
            inner = self._enter()
        except BaseException:
            self._stack.close()
            raise
        return self._stack.enter_context(_Stream(inner, self._call))

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()


def open_file(
    url: str,
    storage_options: Mapping[str, Any] | None = None,
    *,
    compression: str | None = None,
    label: str | None = None,
) -> Opened:
    """Open a path or fsspec URL for binary reading; every failure is an ``IOArchiveError``.

    Args:
        url: A path, an fsspec URL, or ``zip://member::outer-url`` for a zip member.
        storage_options: fsspec options of the file's (innermost) filesystem.
        compression: ``"infer"`` to decompress ``.gz`` (and others) by the name's suffix.
        label: How errors name the file (default: ``archive.zip:member`` or the path).

    Returns:
        A context manager that gives a binary file object.
    """
    return Opened(url, storage_options, compression, label)


def zip_infos(url: str, storage_options: Mapping[str, Any] | None) -> list[zipfile.ZipInfo]:
    """List a zip file's members (read from its central directory; nothing is extracted)."""
    label = label_of(url)
    with (
        open_file(url, storage_options) as raw,
        _faults.call(zipfile.ZipFile, raw, label=label, options=storage_options) as archive,
    ):
        return archive.infolist()


class GuardedFS:
    """A filesystem whose every method call translates failures, naming ``label``."""

    def __init__(self, fs: Any, label: str, storage_options: Mapping[str, Any] | None):
        self._fs = fs
        self._label = label
        self._options = storage_options

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._fs, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: Any, **kwargs: Any) -> Any:
            return _faults.call(
                attribute, *args, label=self._label, options=self._options, **kwargs
            )

        return guarded

    def __repr__(self) -> str:
        return f"GuardedFS({type(self._fs).__name__}, {_faults.scrub(self._label)!r})"


def guarded_fs(fs: Any, label: str, storage_options: Mapping[str, Any] | None) -> GuardedFS:
    """Wrap ``fs`` so that its calls raise structured errors naming ``label``."""
    return GuardedFS(fs, label, storage_options)
