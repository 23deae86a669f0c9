"""The lazy scanner: files in part order, each through Polars' CSV reader, every row checked.

What is not a row: blank lines and a header line repeated inside a file (concatenated parts).
Everything else that is wrong raises an [`IOArchiveError`][ioarchive.exceptions.IOArchiveError]
naming the file and, where it can be known, the line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

import polars as pl
from polars.io.plugins import register_io_source

from ioarchive._fs import FileAccess, url_to_fs
from ioarchive._progress import byte_bar
from ioarchive.discovery.naming import classify, sort_key
from ioarchive.exceptions import SourceNotFoundError
from ioarchive.scan._exact import OnBadRows
from ioarchive.scan._file import FileScan
from ioarchive.scan.header import Header, read_header
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, FileKind

__all__ = [
    "Source",
    "read_tweets",
    "read_users",
    "resolve_sources",
    "scan_headers",
    "scan_tweets",
    "scan_users",
]

Source = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""A path or URL, a glob, or a list of them."""

_GLOB_CHARS = re.compile(r"[*?\[]")


def _batches(
    scans: Sequence[FileScan],
    progress: bool | None,
    schema: pl.Schema,
    with_columns: list[str] | None,
    predicate: pl.Expr | None,
    n_rows: int | None,
    batch_size: int | None,
) -> Iterator[pl.DataFrame]:
    columns = with_columns if with_columns is not None else list(schema)
    remaining = n_rows
    sizes = [_local_size(s.header.path) for s in scans]
    known = [n for n in sizes if n is not None]
    total = sum(known) if len(known) == len(sizes) else None
    # Bytes of the files read so far, and rows in the postfix: the scan knows both.
    with byte_bar(total or 0, desc="reading", progress=progress) as bar:
        rows = 0
        for scan, size in zip(scans, sizes, strict=True):
            for batch in scan.batches(columns, predicate, batch_size):
                head = batch if remaining is None else batch.head(max(remaining, 0))
                if remaining is not None:
                    remaining -= head.height
                rows += head.height
                bar.set_postfix(rows=rows, refresh=False)
                yield head
                if remaining is not None and remaining <= 0:
                    return
            bar.update(size or 0)


def _local_size(path: str) -> int | None:
    return os.path.getsize(path) if os.path.isfile(path) else None


def resolve_sources(
    source: Source, *, storage_options: Mapping[str, Any] | None = None
) -> list[str]:
    """Expand a source into the list of files it names, in part order.

    Args:
        source: A path or URL, a glob (``data/iran_*_tweets_*.csv``), or a list of them.
        storage_options: Options for fsspec, for remote globs.

    Returns:
        File paths without duplicates, in part order: by campaign, copy, kind and part label
        as [`classify`][ioarchive.discovery.classify] reads them from the paths (``_2``
        before ``_10``), then by path. Discovery orders a dataset's parts by the same rule.

    Raises:
        SourceNotFoundError: A path does not exist or a glob matches nothing.
    """
    items = [source] if isinstance(source, str | os.PathLike) else list(source)
    if not items:
        raise SourceNotFoundError("no file given: the source is an empty list")
    found: list[str] = []
    for item in items:
        text = os.fspath(item)
        fs, path = url_to_fs(text, storage_options)
        if fs.isfile(path):  # an existing file is itself, whatever characters its path has
            matches = [text]
        elif _GLOB_CHARS.search(text):
            matches = [p for p in fs.glob(path) if not fs.isdir(p)]
        else:
            matches = []
        if not matches:
            raise SourceNotFoundError(
                "no such file",
                path=text,
                hint="give a tweets or users CSV file (.csv or .csv.gz), a glob, "
                "or use ioarchive.discover() for a folder",
            )
        if _GLOB_CHARS.search(text) and "://" in text:
            matches = [fs.unstrip_protocol(p) for p in matches]
        found.extend(matches)
    return sorted(dict.fromkeys(found), key=lambda p: (*sort_key(classify(p)), p))


def scan_headers(
    headers: Sequence[Header],
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
    on_bad_rows: OnBadRows = "raise",
    progress: bool | None = False,
    exact: bool = False,
) -> pl.LazyFrame:
    """Scan files whose headers are read already, in the order given, into the canonical schema.

    This is what [`scan_tweets`][ioarchive.scan.scan_tweets] and
    [`Dataset.tweets`][ioarchive.discovery.Dataset.tweets] do after reading the headers; it
    reads no byte until the result is collected.

    Args:
        headers: The files' headers, all of one kind, in the order to read them.
        campaign: The value of the ``campaign`` column (null if not given).
        storage_options: Options for remote files (fsspec and Polars).
        on_bad_rows: ``"raise"`` or ``"skip"``, as for ``scan_tweets``.
        progress: Show a bar of the bytes and rows read on stderr while the result is
            collected (None: when stderr is a terminal; off by default).
        exact: As for ``scan_tweets``.

    Returns:
        A LazyFrame in the canonical schema of the files' kind.

    Raises:
        ValueError: ``headers`` is empty or mixes tweets and users files.
    """
    kinds = {h.kind for h in headers}
    if len(kinds) != 1:
        raise ValueError(f"scan_headers needs headers of one kind, got {sorted(kinds) or 'none'}")
    kind = kinds.pop()
    schema = TWEET_SCHEMA if kind is FileKind.TWEETS else USER_SCHEMA
    _check_mode(on_bad_rows)
    scans = [FileScan(h, campaign, storage_options, on_bad_rows, exact) for h in headers]
    return register_io_source(
        partial(_batches, scans, progress, schema),
        schema=schema,
        is_pure=True,
        explain_name=f"ioarchive {kind}",
        explain_detail=", ".join(h.path for h in headers),
    )


def _check_mode(on_bad_rows: str) -> None:
    if on_bad_rows not in ("raise", "skip"):
        raise ValueError(f"on_bad_rows must be 'raise' or 'skip', not {on_bad_rows!r}")


def _scan(
    source: Source,
    kind: FileKind,
    campaign: str | None,
    storage_options: Mapping[str, Any] | None,
    on_bad_rows: OnBadRows,
    exact: bool,
) -> pl.LazyFrame:
    _check_mode(on_bad_rows)
    paths = resolve_sources(source, storage_options=storage_options)
    headers = [read_header(p, kind=kind, storage_options=storage_options) for p in paths]
    # Protocols Polars cannot read (memory://, zip://, ftp://) are staged, as datasets are.
    access = FileAccess(storage_options)
    headers = [replace(h, path=access.local_url(h.path)) for h in headers]
    return scan_headers(
        headers,
        campaign=campaign,
        storage_options=access.options_for(headers[0].path),
        on_bad_rows=on_bad_rows,
        exact=exact,
    )


def scan_tweets(
    source: Source,
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
    on_bad_rows: OnBadRows = "raise",
    exact: bool = False,
) -> pl.LazyFrame:
    """Scan tweets files lazily into the canonical tweet schema.

    Reads each file's header now (to learn its era) and no rows until the result is collected.
    Parts are concatenated in part order; each file may be of any era.

    Args:
        source: A ``.csv`` or ``.csv.gz`` path or URL, a glob, or a list of them: the parts of
            one campaign.
        campaign: The value of the ``campaign`` column (null if not given).
        storage_options: Options for remote files (fsspec and Polars).
        on_bad_rows: ``"raise"`` (the default) stops at the first row that cannot be read,
            with an error naming the file, the line and the column. ``"skip"`` leaves such
            rows out, warns (``BadRowsWarning``) with how many, and reads on; every cell of
            every row is then checked, whatever the query reads, and
            [`bad_rows`][ioarchive.scan.bad_rows] lists exactly the rows left out.
        exact: Read every record with Python's strict ``csv`` module instead of Polars'
            reader: about 20 times slower, and exact on any damage. The fast reader (the
            default) is exact too, except on two kinds of damage it cannot see: two
            undoubled quotes inside one quoted field, and a lone carriage return between
            fields (see "Damaged files"); [`validate`][ioarchive.validate.validate] finds
            both.

    Returns:
        A LazyFrame in [`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA], one row per tweet.

    Raises:
        SourceNotFoundError: No file matches ``source``.
        EmptyFileError: A file is empty.
        HeaderError: A file's header is not a tweets header; the error lists the unexpected
            and missing columns.
        EncodingError, RaggedRowError, UnterminatedQuoteError, ValueParseError: When the
            frame is collected, for a file that holds such a problem.

    Examples:
        >>> import ioarchive
        >>> from ioarchive.synthetic import demo_archive_path
        >>> path = next(demo_archive_path().rglob("*_tweets_csv_hashed*.csv*"))
        >>> lf = ioarchive.scan_tweets(path, campaign="demo")
        >>> lf.select(pl.len()).collect().item() > 0
        True
    """
    return _scan(source, FileKind.TWEETS, campaign, storage_options, on_bad_rows, exact)


def scan_users(
    source: Source,
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
    on_bad_rows: OnBadRows = "raise",
    exact: bool = False,
) -> pl.LazyFrame:
    """Scan users files lazily into the canonical user schema.

    Snake-case and camelCase headers are both read; blank lines (a users file may end with
    one) are not rows.

    Args:
        source: A ``.csv`` or ``.csv.gz`` path or URL, a glob, or a list of them.
        campaign: The value of the ``campaign`` column (null if not given).
        storage_options: Options for remote files (fsspec and Polars).
        on_bad_rows: ``"raise"`` (the default) stops at the first row that cannot be read,
            with an error naming the file, the line and the column. ``"skip"`` leaves such
            rows out, warns (``BadRowsWarning``) with how many, and reads on; every cell of
            every row is then checked, whatever the query reads, and
            [`bad_rows`][ioarchive.scan.bad_rows] lists exactly the rows left out.
        exact: As for ``scan_tweets``.

    Returns:
        A LazyFrame in [`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA], one row per account.

    Raises:
        SourceNotFoundError: No file matches ``source``.
        EmptyFileError: A file is empty.
        HeaderError: A file's header is not a users header.
        EncodingError, RaggedRowError, UnterminatedQuoteError, ValueParseError: When the
            frame is collected, for a file that holds such a problem.

    Examples:
        >>> import ioarchive
        >>> from ioarchive.synthetic import demo_archive_path
        >>> path = next(demo_archive_path().rglob("*_users_csv_hashed*.csv*"))
        >>> users = ioarchive.scan_users(path).collect()
        >>> users.columns[:2]
        ['campaign', 'userid']
    """
    return _scan(source, FileKind.USERS, campaign, storage_options, on_bad_rows, exact)


def read_tweets(
    source: Source,
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
    on_bad_rows: OnBadRows = "raise",
    exact: bool = False,
) -> pl.DataFrame:
    """Read tweets files into a DataFrame: [`scan_tweets`][ioarchive.scan.scan_tweets], collected.

    Args:
        source: As for ``scan_tweets``.
        campaign: As for ``scan_tweets``.
        storage_options: As for ``scan_tweets``.
        on_bad_rows: As for ``scan_tweets``.
        exact: As for ``scan_tweets``.

    Returns:
        A DataFrame in the canonical tweet schema.
    """
    lf = scan_tweets(
        source,
        campaign=campaign,
        storage_options=storage_options,
        on_bad_rows=on_bad_rows,
        exact=exact,
    )
    return lf.collect()  # eager: the name says it reads


def read_users(
    source: Source,
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
    on_bad_rows: OnBadRows = "raise",
    exact: bool = False,
) -> pl.DataFrame:
    """Read users files into a DataFrame: [`scan_users`][ioarchive.scan.scan_users], collected.

    Args:
        source: As for ``scan_users``.
        campaign: As for ``scan_users``.
        storage_options: As for ``scan_users``.
        on_bad_rows: As for ``scan_users``.
        exact: As for ``scan_users``.

    Returns:
        A DataFrame in the canonical user schema.
    """
    lf = scan_users(
        source,
        campaign=campaign,
        storage_options=storage_options,
        on_bad_rows=on_bad_rows,
        exact=exact,
    )
    return lf.collect()  # eager: the name says it reads
