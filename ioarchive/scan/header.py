"""Read a file's header line and tell which archive layout (era) it has.

Reading a header reads the first line of a file only, never its rows.

Examples:
    >>> from ioarchive.scan.header import detect_era
    >>> from ioarchive.schema import TWEET_COLUMNS_2020, USER_COLUMNS, FileKind
    >>> detect_era(TWEET_COLUMNS_2020, path="t.csv").value
    'tweets_2020'
    >>> detect_era(USER_COLUMNS, path="u.csv", kind=FileKind.USERS).value
    'users'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ioarchive._fs import open_file
from ioarchive.exceptions import EmptyFileError, EncodingError, HeaderError
from ioarchive.schema import (
    TWEET_COLUMNS_2018,
    TWEET_COLUMNS_2019,
    TWEET_COLUMNS_2020,
    USER_COLUMN_ALIASES,
    USER_COLUMNS,
    Era,
    FileKind,
)

__all__ = ["Header", "detect_era", "read_header"]

_MAX_HEADER_BYTES = 1 << 16
_LINE_END = re.compile(rb"\r\n|\r|\n")
_PIECE = 1 << 12
_LAYOUTS: dict[Era, tuple[str, ...]] = {
    Era.TWEETS_2018: TWEET_COLUMNS_2018,
    Era.TWEETS_2019: TWEET_COLUMNS_2019,
    Era.TWEETS_2020: TWEET_COLUMNS_2020,
    Era.USERS: USER_COLUMNS,
}
_KIND_ERAS: dict[FileKind, tuple[Era, ...]] = {
    FileKind.TWEETS: (Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020),
    FileKind.USERS: (Era.USERS,),
}


@dataclass(frozen=True)
class Header:
    """The header of one archive file.

    Attributes:
        path: The file.
        columns: The column names as the file writes them, in file order.
        quoted: Whether the header is double-quoted, as in Twitter's own files, where every
            field is quoted; then a missing field can be told from an empty one.
        era: The layout the columns match.
        line_end: A line feed (LF or CRLF line ends) or a carriage return (old Mac line ends).
        source: How to name the file in messages when ``path`` is a staged copy (a zip member
            is ``archive.zip:member``); None when ``path`` is the file itself.
    """

    path: str
    columns: tuple[str, ...]
    quoted: bool
    era: Era
    line_end: str = "\n"
    source: str | None = None

    @property
    def name(self) -> str:
        """The file as messages name it: ``source``, else ``path``."""
        return self.source or self.path

    @property
    def kind(self) -> FileKind:
        """``FileKind.USERS`` or ``FileKind.TWEETS``."""
        return FileKind.USERS if self.era in (Era.USERS, Era.USERS_CAMELCASE) else FileKind.TWEETS

    @property
    def canonical(self) -> dict[str, str]:
        """Map each canonical column name the file has to its name in the file."""
        return {USER_COLUMN_ALIASES.get(c, c): c for c in self.columns}


def _canonical_names(columns: Sequence[str]) -> tuple[str, ...]:
    return tuple(USER_COLUMN_ALIASES.get(c, c) for c in columns)


def _closest(columns: Sequence[str], eras: Sequence[Era]) -> Era:
    names = set(_canonical_names(columns))
    return min(eras, key=lambda era: len(names.symmetric_difference(_LAYOUTS[era])))


def detect_era(columns: Sequence[str], *, path: str, kind: FileKind | None = None) -> Era:
    """Tell which archive layout a header's columns have (matched by name, not position).

    Args:
        columns: The header's column names, in file order.
        path: The file, for the error message.
        kind: ``FileKind.TWEETS`` or ``FileKind.USERS`` to accept only that kind; None
            accepts both.

    Returns:
        The [`Era`][ioarchive.schema.Era] of the columns.

    Raises:
        HeaderError: The columns are no known layout (of that kind); the error lists the
            unexpected and missing columns against the closest layout.

    Examples:
        >>> from ioarchive.schema import TWEET_COLUMNS_2018, FileKind
        >>> detect_era(TWEET_COLUMNS_2018, path="ira_tweets.csv").value
        'tweets_2018'
        >>> detect_era(["userid", "followerCount"], path="x.csv", kind=FileKind.USERS)
        Traceback (most recent call last):
        ...
        ioarchive.exceptions.HeaderError: x.csv: line 1: not an archive users header; ...
    """
    kind = FileKind(kind) if kind else None
    eras = _KIND_ERAS[kind] if kind else (*_KIND_ERAS[FileKind.TWEETS], *_KIND_ERAS[FileKind.USERS])
    canonical = _canonical_names(columns)
    names = set(canonical)
    if len(names) == len(columns):
        for era in eras:
            if names == set(_LAYOUTS[era]):
                return _refine(era, columns, canonical)
    era = _closest(columns, eras)
    layout = _LAYOUTS[era]
    unexpected = tuple(c for c in columns if USER_COLUMN_ALIASES.get(c, c) not in layout)
    missing = tuple(c for c in layout if c not in names)
    duplicated = tuple(sorted({c for c in canonical if canonical.count(c) > 1}))
    what = f"an archive {kind} header" if kind else "an archive header"
    problem = (
        f"not {what}; closest layout {era.value!r}: unexpected columns {list(unexpected)}, "
        f"missing columns {list(missing)}"
    )
    if duplicated:
        problem += f", repeated columns {list(duplicated)}"
    other = FileKind.USERS if kind == FileKind.TWEETS else FileKind.TWEETS
    hint = f"is this a {other} file?" if kind and _looks_like(columns, other) else None
    raise HeaderError(problem, path=path, unexpected=unexpected, missing=missing, hint=hint)


def _refine(era: Era, columns: Sequence[str], canonical: Sequence[str]) -> Era:
    if era is Era.USERS:
        return Era.USERS_CAMELCASE if tuple(columns) != tuple(canonical) else Era.USERS
    if era is Era.TWEETS_2018:
        reply_first = columns.index("in_reply_to_userid") < columns.index("in_reply_to_tweetid")
        return Era.TWEETS_2019 if reply_first else Era.TWEETS_2018
    return era


def _looks_like(columns: Sequence[str], kind: FileKind) -> bool:
    names = set(_canonical_names(columns))
    return any(names == set(_LAYOUTS[era]) for era in _KIND_ERAS[kind])


def _first_line(path: str, storage_options: Mapping[str, Any] | None) -> tuple[bytes, str]:
    """The first line without its end, and the end: a lone CR, or else LF.

    Read in small pieces up to the first line feed: a truncated gzip file (damaged further
    on) still has a readable header, and its damage is reported where it is.
    """
    head = b""
    with open_file(path, storage_options, compression="infer") as f:
        while b"\n" not in head and len(head) < _MAX_HEADER_BYTES:
            chunk: bytes = f.read(_PIECE)
            if not chunk:
                break
            head += chunk
    head = head[:_MAX_HEADER_BYTES]
    match = _LINE_END.search(head)
    if match is None:
        return head, "\n"
    return head[: match.start()], "\r" if match.group() == b"\r" else "\n"


def read_header(
    path: str,
    *,
    kind: FileKind | str | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> Header:
    r"""Read the first line of a file (plain, gzip or remote) and tell its layout.

    Args:
        path: A local path or fsspec URL; ``.gz`` files are decompressed on the fly.
        kind: ``"tweets"`` or ``"users"`` (a [`FileKind`][ioarchive.schema.FileKind]) to
            accept only that kind of file.
        storage_options: Options for fsspec, for remote paths.

    Returns:
        The file's [`Header`][ioarchive.scan.Header].

    Raises:
        EmptyFileError: The file is empty or its first line is blank.
        EncodingError: The header line is not UTF-8.
        HeaderError: The header is no archive layout (of that kind).
        DamagedFileError: A ``.gz`` file (or zip) is truncated or corrupt.
        RemoteError: The server is unreachable or failed (the error names the URL).

    Examples:
        >>> import pathlib, tempfile
        >>> from ioarchive.schema import USER_COLUMNS
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "x_users_csv_hashed.csv"
        >>> _ = path.write_text(",".join(f'"{c}"' for c in USER_COLUMNS) + "\n")
        >>> header = read_header(str(path))
        >>> header.era.value, header.quoted, header.kind.value
        ('users', True, 'users')
    """
    line, line_end = _first_line(path, storage_options)
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not line.strip():
        raise EmptyFileError(
            "the file is empty or its first line is blank; expected a header line",
            path=path,
            line=1,
            hint='archive files start with a header such as "tweetid","userid",...',
        )
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"the header is not UTF-8 ({error.reason} at byte {error.start})", path=path, line=1
        ) from error
    try:
        columns = tuple(next(csv.reader([text], strict=True)))
    except csv.Error as error:
        raise HeaderError(
            f"the header line is not valid CSV ({error})",
            path=path,
            hint="the file may be truncated or not a file of Twitter's archive",
        ) from error
    era = detect_era(columns, path=path, kind=FileKind(kind) if kind else None)
    return Header(
        path=path, columns=columns, quoted=text.startswith('"'), era=era, line_end=line_end
    )
