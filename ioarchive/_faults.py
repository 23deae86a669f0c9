"""One place that turns low-level read failures into structured errors (private).

Reading a file can fail far below ioarchive: Python's ``gzip``/``zlib``/``zipfile``, Polars'
own gzip decoder (a plain ``OSError``), fsspec, s3fs and botocore, aiohttp. Every such failure
that crosses into ioarchive goes through [`translate`][ioarchive._faults.translate] (or
[`call`][ioarchive._faults.call], which runs a function and translates what it raises), so that
it becomes an [`IOArchiveError`][ioarchive.exceptions.IOArchiveError] naming the file:

- a truncated or corrupt gzip or zip: [`DamagedFileError`][ioarchive.exceptions.DamagedFileError];
- a server that cannot be reached, answers with an error or stops half-way:
  [`RemoteError`][ioarchive.exceptions.RemoteError];
- a remote file that does not exist:
  [`SourceNotFoundError`][ioarchive.exceptions.SourceNotFoundError].

Credentials never reach a message: the values of secret-looking storage options, the user and
password part of URLs and signed query parameters are replaced with ``***``, and the original
exception is chained as the cause only when nothing of it holds a secret. The libraries below
log requests at DEBUG level, headers included (botocore logs a session token in its canonical
request): [`protect`][ioarchive._faults.protect] adds a filter to their loggers that replaces
the secrets of every storage options ioarchive was given.
"""

from __future__ import annotations

import gzip
import logging
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NoReturn, TypeVar

from ioarchive.exceptions import (
    DamagedFileError,
    IOArchiveError,
    RemoteError,
    SourceNotFoundError,
)

T = TypeVar("T")

REDACTED = "***"
_SECRET_KEY = re.compile(r"key|secret|token|pass|cred|auth|sas|signature|session", re.I)
_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s\"']+@", re.I)
_SIGNED = re.compile(
    r"(?P<name>X-Amz-(?:Signature|Credential|Security-Token)|Signature|sig|AWSAccessKeyId"
    r"|Authorization|Credential)(?P<sep>[=:]\s*)[^&\s,\"']+",
    re.I,
)
# Polars raises a bare OSError for a damaged gzip: its message is all there is to go on.
_POLARS_GZIP = re.compile(
    r"unexpected end of file|gzip|deflate|checksum|corrupt|invalid (?:block|header)", re.I
)
_REMOTE_MODULES = (
    *("botocore", "aiobotocore", "aiohttp", "s3fs", "gcsfs", "google", "adlfs", "azure"),
    *("urllib3", "requests", "fsspec.exceptions", "paramiko", "ftplib"),
)


_PROTECTED: set[str] = set()
"""The secrets of every storage options given to ioarchive, kept out of log records."""


class _RedactSecrets(logging.Filter):
    """Replace protected secrets in a log record's message (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _PROTECTED:
            message = record.getMessage()
            clean = message
            for secret in sorted(_PROTECTED, key=len, reverse=True):
                clean = clean.replace(secret, REDACTED)
            if clean != message:
                record.msg, record.args = clean, None
        return True


_FILTER = _RedactSecrets()


def protect(options: Mapping[str, Any] | None) -> None:
    """Keep the secrets of ``options`` out of the log records of the storage libraries.

    The filter goes on every logger of those libraries that exists now (they create their
    loggers when imported, which opening a filesystem does first).
    """
    found = secrets(options)
    if not found:
        return
    _PROTECTED.update(found)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger) or not name.startswith(_REMOTE_MODULES):
            continue
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def secrets(options: Mapping[str, Any] | None) -> set[str]:
    """Return the values of secret-looking keys in storage options (nested mappings too)."""
    found: set[str] = set()
    for name, value in (options or {}).items():
        if isinstance(value, Mapping):
            found |= secrets(value)
        elif isinstance(value, str | bytes) and value and _SECRET_KEY.search(str(name)):
            text = value.decode(errors="replace") if isinstance(value, bytes) else value
            if len(text) >= 4:
                found.add(text)
    return found


def scrub(text: str, options: Mapping[str, Any] | None = None) -> str:
    """Replace credentials in ``text``: option secrets, URL passwords, signed parameters."""
    for secret in sorted(secrets(options), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{REDACTED}@", text)
    return _SIGNED.sub(lambda m: f"{m['name']}{m['sep']}{REDACTED}", text)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    stack: list[BaseException] = [error]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def leaks(error: BaseException, options: Mapping[str, Any] | None) -> bool:
    """Tell whether an exception or anything chained to it shows a credential."""
    hidden = secrets(options)
    for link in _chain(error):
        for text in (str(link), repr(link), repr(link.args)):
            if any(s in text for s in hidden) or scrub(text) != text:
                return True
    return False


def _remote_url(label: str) -> str | None:
    """The innermost URL of a label or chained URL, if it is not a local file."""
    url = label.rsplit("::", 1)[-1]
    if "://" not in url or url.split("://", 1)[0].lower() in ("file", "local"):
        return None
    return url


def _from_remote_library(error: BaseException) -> bool:
    return any(c.__module__.startswith(_REMOTE_MODULES) for c in type(error).__mro__)


def _status(error: BaseException) -> int | None:
    status = getattr(error, "status", None)
    return status if isinstance(status, int) else None


def _detail(error: BaseException, options: Mapping[str, Any] | None) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return scrub(text, options)[:300]


def translate(
    error: BaseException,
    label: str,
    options: Mapping[str, Any] | None = None,
    *,
    url: str | None = None,
) -> IOArchiveError | None:
    """Return the structured error for a low-level failure, or None if it is not one.

    Args:
        error: What a read raised.
        label: The file, as messages name it (``archive.zip:member`` for zip members).
        options: The storage options in use, whose secrets must not be shown.
        url: The URL that was read, when the label is not it (default: the label).

    Returns:
        A [`DamagedFileError`][ioarchive.exceptions.DamagedFileError],
        [`RemoteError`][ioarchive.exceptions.RemoteError] or
        [`SourceNotFoundError`][ioarchive.exceptions.SourceNotFoundError] naming ``label``;
        None for an error that is already an ``IOArchiveError`` or is none of these.
    """
    if isinstance(error, IOArchiveError):
        return None
    label = scrub(label, options)
    detail = _detail(error, options)
    remote = _remote_url(scrub(url or label, options))
    return _damaged(error, label, detail) or _remote(error, label, remote, detail, options)


def _damaged(error: BaseException, label: str, detail: str) -> DamagedFileError | None:
    if isinstance(error, zipfile.BadZipFile):
        return DamagedFileError(
            f"not a readable zip archive ({detail})",
            path=label,
            hint="the zip file is truncated or corrupt; download it again",
        )
    if isinstance(error, EOFError | zlib.error | gzip.BadGzipFile) or (
        isinstance(error, OSError) and error.errno is None and _POLARS_GZIP.search(str(error))
    ):
        return DamagedFileError(
            f"the compressed data is truncated or corrupt ({detail})",
            path=label,
            hint="the download was cut short or damaged; download the file again",
        )
    return None


def _remote(
    error: BaseException,
    label: str,
    url: str | None,
    detail: str,
    options: Mapping[str, Any] | None,
) -> IOArchiveError | None:
    if url is None:
        return None
    if isinstance(error, FileNotFoundError):
        # fsspec's HTTP filesystem says FileNotFoundError for any failed request: a 500 too.
        cause = error.__cause__
        if cause is None or not _from_remote_library(cause) or _status(cause) in (404, 410):
            return SourceNotFoundError("no such remote file", path=label)
        detail = _detail(cause, options)
    if not isinstance(error, OSError | TimeoutError) and not _from_remote_library(error):
        return None
    denied = isinstance(error, PermissionError)
    return RemoteError(
        f"could not read {url}: {detail}",
        path=label,
        url=url,
        hint="check the credentials and permissions in storage_options"
        if denied
        else "the server is unreachable or failed; check the URL and endpoint, then retry",
    )


def reraise(
    error: BaseException, label: str, options: Mapping[str, Any] | None, *, url: str | None = None
) -> NoReturn:
    """Raise ``error`` as [`translate`][ioarchive._faults.translate] says, chained to it.

    For an ``except`` clause over Polars' reads, whose errors hold no credentials.
    """
    mapped = translate(error, label, options, url=url)
    if mapped is None:
        raise error
    raise mapped from error


def call(
    function: Callable[..., T],
    *args: Any,
    label: str,
    options: Mapping[str, Any] | None = None,
    url: str | None = None,
    **kwargs: Any,
) -> T:
    """Run ``function``; raise what it raises as [`translate`][ioarchive._faults.translate] says.

    The original exception is chained as the cause unless it (or its chain) shows a secret;
    then the structured error is raised alone.
    """
    try:
        return function(*args, **kwargs)
    except Exception as error:
        mapped = translate(error, label, options, url=url)
        if mapped is None:
            raise
        if not leaks(error, options):
            raise mapped from error
    raise mapped  # outside the handler: no trace of the leaking exception is chained
