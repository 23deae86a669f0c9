"""Errors raised by ioarchive.

Every error is an :class:`IOArchiveError` and also the built-in exception that fits it, so
callers can catch either::

    IOArchiveError
    ├── SourceNotFoundError (FileNotFoundError)   no file matches a path or glob
    ├── FileFormatError (ValueError)              a file is not a readable archive CSV
    │   ├── EmptyFileError                        no bytes, or no header line
    │   ├── HeaderError                           the header is not a known archive header
    │   ├── EncodingError                         bytes that are not UTF-8
    │   ├── RaggedRowError                        a row with too many or too few fields
    │   └── QuotingError                          a quote where none may be
    │       └── UnterminatedQuoteError            a quoted field that never closes
    ├── ValueParseError (ValueError)              a cell that cannot be parsed to its type
    ├── StagingError (OSError)                    a file could not be copied to the local cache
    ├── DatasetNotFoundError (KeyError)           no dataset of that name in a catalog
    └── MissingDependencyError (ImportError)      an optional extra is not installed

Messages name the file, the line where it is known, what was expected and, where a fix is
known, end with a ``Hint:`` line.
"""

from __future__ import annotations

__all__ = [
    "DatasetNotFoundError",
    "EmptyFileError",
    "EncodingError",
    "FileFormatError",
    "HeaderError",
    "IOArchiveError",
    "MissingDependencyError",
    "QuotingError",
    "RaggedRowError",
    "SourceNotFoundError",
    "StagingError",
    "UnterminatedQuoteError",
    "ValueParseError",
]


class IOArchiveError(Exception):
    """Base class of every error ioarchive raises."""


class SourceNotFoundError(IOArchiveError, FileNotFoundError):
    """No file matches the path, list of paths or glob given as a source."""


def _where(path: str, line: int | None) -> str:
    return f"{path}: line {line}" if line is not None else path


class FileFormatError(IOArchiveError, ValueError):
    """A file that cannot be read as an archive CSV file.

    Attributes:
        path: The file.
        line: The 1-based physical line where the problem is, when it is known.
    """

    def __init__(self, path: str, problem: str, *, line: int | None = None, hint: str = ""):
        self.path = path
        self.line = line
        message = f"{_where(path, line)}: {problem}"
        if hint:
            message += f"\nHint: {hint}"
        super().__init__(message)


class EmptyFileError(FileFormatError):
    """The file has no bytes, or no header line."""


class HeaderError(FileFormatError):
    """The header line is not one of the archive's known headers.

    Attributes:
        unexpected: Columns in the file that no archive era has.
        missing: Columns the closest archive era has that the file lacks.
    """

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        unexpected: tuple[str, ...] = (),
        missing: tuple[str, ...] = (),
        hint: str = "",
    ):
        self.unexpected = unexpected
        self.missing = missing
        super().__init__(path, problem, line=1, hint=hint)


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
        path: The file, when known.
        column: The column of the cell.
        value: The raw text of the cell.
        line: The 1-based physical line where the row starts, when known.
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
        self.path = path
        self.column = column
        self.value = value
        self.line = line
        where = f"{_where(path, line)}: " if path is not None else ""
        super().__init__(
            f"{where}column {column!r}: cannot parse {value!r}; expected {expected}"
            "\nHint: the file may be damaged, or not a file of Twitter's archive"
        )


class StagingError(IOArchiveError, OSError):
    """A file (a zip member, a remote file) could not be copied into the local cache.

    No partial file is left in the cache.

    Attributes:
        label: The file, as ``archive.zip:member`` for zip members.
    """

    def __init__(self, label: str, problem: str, *, hint: str = ""):
        self.label = label
        message = f"{label}: {problem}"
        if hint:
            message += f"\nHint: {hint}"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class DatasetNotFoundError(IOArchiveError, KeyError):
    """A catalog holds no dataset of the name asked for."""

    def __str__(self) -> str:
        return str(self.args[0])


class MissingDependencyError(IOArchiveError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Attributes:
        package: The missing package.
        extra: The ioarchive extra that installs it.
    """

    def __init__(self, package: str, extra: str):
        self.package = package
        self.extra = extra
        super().__init__(
            f"{package} is not installed\nHint: pip install 'ioarchive[{extra}]'", name=package
        )

    def __str__(self) -> str:
        return str(self.args[0])
