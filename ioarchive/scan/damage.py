r"""Damaged files: the rows a lenient scan leaves out, listed with their line and reason.

[`scan_tweets`][ioarchive.scan.scan_tweets] with ``on_bad_rows="skip"`` reads on past rows
it cannot read; [`bad_rows`][ioarchive.scan.bad_rows] lists exactly those rows, so that
nothing is left out without a record of it.

Examples:
    >>> import pathlib, tempfile
    >>> import ioarchive
    >>> from ioarchive.schema import USER_COLUMNS
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x_users_csv_hashed.csv"
    >>> header = ",".join(f'"{c}"' for c in USER_COLUMNS)
    >>> good = ",".join(['"1"'] + ['""'] * 9)
    >>> bad = ",".join(['"2"'] + ['""'] * 5 + ['"many"'] + ['""'] * 3)
    >>> _ = path.write_text(f"{header}\n{good}\n{bad}\n")
    >>> ioarchive.bad_rows(path).select("line", "column", "reason").collect().rows()
    [(3, 'follower_count', "column 'follower_count': cannot parse 'many'; expected a whole number")]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from typing import Any

import polars as pl
from polars.io.plugins import register_io_source

from ioarchive.scan._exact import BadRow
from ioarchive.scan._file import BadRowsWarning, FileScan
from ioarchive.scan.header import Header, read_header
from ioarchive.scan.reader import Source, resolve_sources
from ioarchive.schema import FileKind

__all__ = ["BAD_ROWS_SCHEMA", "BadRowsWarning", "bad_rows"]

BAD_ROWS_SCHEMA: pl.Schema = pl.Schema(
    {
        "file": pl.String(),
        "line": pl.Int64(),
        "column": pl.String(),
        "reason": pl.String(),
        "raw": pl.String(),
    }
)
"""Columns of [`bad_rows`][ioarchive.scan.bad_rows]: the file, the 1-based line where the row
starts, the column of the bad cell (null for a problem of the whole row: its shape, its quoting,
its encoding), the reason, and the row's raw text cut to 300 characters."""


def _report(headers: Sequence[Header], options: Mapping[str, Any] | None) -> Iterator[pl.DataFrame]:
    """The rows a skip-mode scan of each file leaves out: the same reader, so the same rows."""
    for header in headers:
        found: list[BadRow] = []
        scan = FileScan(header, None, options, on_bad_rows="skip")
        for _ in scan.batches(["campaign"], None, None, report=found.append):
            yield _frame(header, found)
            found.clear()
        yield _frame(header, found)


def _frame(header: Header, found: Sequence[BadRow]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "file": [header.name] * len(found),
            "line": [b.line for b in found],
            "column": [b.column for b in found],
            "reason": [b.reason for b in found],
            "raw": [b.raw for b in found],
        },
        schema=BAD_ROWS_SCHEMA,
    )


def bad_rows(
    source: Source,
    *,
    kind: FileKind | str | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> pl.LazyFrame:
    """List the rows of tweets or users files that a scan cannot read.

    Exactly the rows that ``scan_tweets(source, on_bad_rows="skip")`` (or ``scan_users``)
    leaves out: rows of the wrong shape, with broken quoting or bytes that are not UTF-8, and
    rows with a cell that does not parse (a tweet id with a letter, a count ``many``, an
    unbalanced list). Each file's header is read now; the rows when the result is collected,
    by the same reader as the scan, so the two always agree.

    Args:
        source: A path or URL, a glob, or a list of them (``.csv`` or ``.csv.gz``).
        kind: ``"tweets"`` or ``"users"`` to accept only that kind of file; None takes
            either, by header.
        storage_options: Options for remote files (fsspec).

    Returns:
        A LazyFrame in [`BAD_ROWS_SCHEMA`][ioarchive.scan.BAD_ROWS_SCHEMA], one row per bad
        row, files in part order and rows in file order.

    Raises:
        SourceNotFoundError: No file matches ``source``.
        HeaderError: A file's header is not an archive header.
    """
    paths = resolve_sources(source, storage_options=storage_options)
    headers = [read_header(p, kind=kind, storage_options=storage_options) for p in paths]

    def generate(
        with_columns: list[str] | None,
        predicate: pl.Expr | None,
        n_rows: int | None,
        batch_size: int | None,
    ) -> Iterator[pl.DataFrame]:
        for frame in _report(headers, storage_options):
            out = frame if predicate is None else frame.filter(predicate)
            yield out if with_columns is None else out.select(with_columns)

    return register_io_source(
        partial(generate),
        schema=BAD_ROWS_SCHEMA,
        is_pure=True,
        explain_name="ioarchive bad rows",
        explain_detail=", ".join(paths),
    )
