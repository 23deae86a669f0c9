"""Errors raised by ioarchive.

Every error is an [`IOArchiveError`][ioarchive.exceptions.IOArchiveError] and also the built-in
exception that fits it, so callers can catch either::

    IOArchiveError
    ├── SourceNotFoundError (FileNotFoundError)   no file matches a path or glob
    ├── FileFormatError (ValueError)              a file is not a readable archive CSV
    │   ├── EmptyFileError                        no bytes, or no header line
    │   ├── DamagedFileError                      a truncated or corrupt gzip or zip file
    │   ├── HeaderError                           the header is not a known archive header
    │   ├── EncodingError                         bytes that are not UTF-8
    │   ├── RaggedRowError                        a row with too many or too few fields
    │   └── QuotingError                          a quote where none may be
    │       └── UnterminatedQuoteError            a quoted field that never closes
    ├── ValueParseError (ValueError)              a cell that cannot be parsed to its type
    ├── StagingError (OSError)                    a file could not be copied to the local cache
    ├── RemoteError (OSError)                     a server was unreachable or failed mid-read
    ├── DatasetNotFoundError (KeyError)           no dataset of that name in a catalog
    ├── StoreError (ValueError)                   a store of another version, or that fails
    │   │                                         its manifest check
    │   └── ConversionError                       a dataset could not be converted
    └── MissingDependencyError (ImportError)      an optional extra is not installed

Every error is structured: ``path`` (the file, or None), ``line`` (1-based physical line, or
None), ``problem`` (what is wrong, one line) and ``hint`` (what to do, or None) are attributes,
and ``str(error)`` is built from them: ``path: line N: problem`` then a ``Hint:`` line. Code
that reports errors reads the attributes, never the message.

Examples:
    >>> error = FileFormatError("a row with 3 fields", path="t.csv", line=7, hint="re-download")
    >>> error.path, error.line, error.problem
    ('t.csv', 7, 'a row with 3 fields')
    >>> print(error)
    t.csv: line 7: a row with 3 fields
    Hint: re-download
"""

from __future__ import annotations

__all__ = [
    "ConversionError",
    "DamagedFileError",
    "DatasetNotFoundError",
    "EmptyFileError",
    "EncodingError",
    "FileFormatError",
    "HeaderError",
    "IOArchiveError",
    "MissingDependencyError",
    "QuotingError",
    "RaggedRowError",
    "RemoteError",
    "SourceNotFoundError",
    "StagingError",
    "StoreError",
    "UnterminatedQuoteError",
    "ValueParseError",
]


class IOArchiveError(Exception):
    """Base class of every error ioarchive raises.

    Attributes:
        problem: What is wrong, in one line.
        path: The file (``archive.zip:member`` for zip members), or None.
        line: The 1-based physical line where the problem is, when it is known.
        hint: What to do about it, when a fix is known.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ):
        super().__init__(problem)
        # Set after the built-in's __init__, which may set ``path`` itself (ImportError).
        self.problem = problem
        self.path = path
        self.line = line
        self.hint = hint or None

    @property
    def where(self) -> str:
        """``path: line N``, ``path`` or ``""``: where the problem is."""
        if self.path is None:
            return ""
        return f"{self.path}: line {self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        head = f"{self.where}: {self.problem}" if self.where else self.problem
        return f"{head}\nHint: {self.hint}" if self.hint else head


class SourceNotFoundError(IOArchiveError, FileNotFoundError):
    """No file matches the path, list of paths or glob given as a source."""


class FileFormatError(IOArchiveError, ValueError):
    """A file that cannot be read as an archive CSV file."""


class EmptyFileError(FileFormatError):
    """The file has no bytes, or no header line."""


class DamagedFileError(FileFormatError):
    """A compressed file (gzip, or a zip archive) that is truncated or corrupt.

    ``path`` names the file; ``archive.zip:member`` for a zip member. Download the file again.
    """


class HeaderError(FileFormatError):
    """The header line is not one of the archive's known headers.

    Attributes:
        unexpected: Columns in the file that no archive era has.
        missing: Columns the closest archive era has that the file lacks.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str,
        unexpected: tuple[str, ...] = (),
        missing: tuple[str, ...] = (),
        hint: str | None = None,
    ):
        super().__init__(problem, path=path, line=1, hint=hint)
        self.unexpected = unexpected
        self.missing = missing


class EncodingError(FileFormatError):
    """The file holds bytes that are not valid UTF-8."""


class RaggedRowError(FileFormatError):
    """A row has a different number of fields from the header."""


class QuotingError(FileFormatError):
    """A double quote where the CSV format allows none (e.g. a stray quote inside a field)."""


class UnterminatedQuoteError(QuotingError):
    """A quoted field is opened and never closed before the end of the file."""


class ValueParseError(IOArchiveError, ValueError):
    """A cell that cannot be parsed to its column's type.

    Attributes:
        column: The column of the cell, as the file names it.
        value: The raw text of the cell.
        expected: What the column must hold.
    """

    def __init__(
        self,
        column: str,
        value: str,
        expected: str,
        *,
        path: str | None = None,
        line: int | None = None,
    ):
        super().__init__(
            f"column {column!r}: cannot parse {value!r}; expected {expected}",
            path=path,
            line=line,
            hint="the file may be damaged, or not a file of Twitter's archive",
        )
        self.column = column
        self.value = value
        self.expected = expected


class StagingError(IOArchiveError, OSError):
    """A file (a zip member, a remote file) could not be copied into the local cache.

    No partial file is left in the cache. ``path`` names the file as ``archive.zip:member``
    for zip members.
    """


class RemoteError(IOArchiveError, OSError):
    """A remote file could not be read: the server is unreachable, failed, or stopped mid-read.

    The message names the URL; credentials never appear in it (they are replaced with ``***``).

    Attributes:
        url: The URL that failed, without credentials.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
        url: str | None = None,
    ):
        super().__init__(problem, path=path, line=line, hint=hint)
        self.url = url


class DatasetNotFoundError(IOArchiveError, KeyError):
    """A catalog holds no dataset of the name asked for."""


class StoreError(IOArchiveError, ValueError):
    """A Parquet store that cannot be used: another format version, a missing or changed file.

    ``path`` names the manifest or the store file that is wrong.
    """


class ConversionError(StoreError):
    """A dataset could not be converted into a store; nothing of it was left in the store.

    ``path`` and ``line`` name the source file and line (from the underlying error, which is
    the exception's ``__cause__``); the other datasets were converted.

    Attributes:
        report: The [`StoreReport`][ioarchive.store.StoreReport] of the whole conversion, the
            failed datasets included (status ``failed``).
    """

    report: object = None


class MissingDependencyError(IOArchiveError, ImportError):
    """An optional extra that a feature needs is not installed.

    Attributes:
        extra: The extra to install, e.g. ``s3`` for ``pip install 'ioarchive[s3]'``.
        package: The missing package, e.g. ``s3fs``.

    Examples:
        >>> error = MissingDependencyError("s3fs", extra="s3", purpose="reading s3:// URLs")
        >>> print(error)
        reading s3:// URLs needs the package 's3fs', which is not installed
        Hint: pip install 'ioarchive[s3]'
    """

    def __init__(self, package: str, *, extra: str, purpose: str):
        super().__init__(
            f"{purpose} needs the package {package!r}, which is not installed",
            hint=f"pip install 'ioarchive[{extra}]'",
        )
        self.name = package
        self.package = package
        self.extra = extra
