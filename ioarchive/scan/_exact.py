"""The exact reader: a file read record by record with Python's ``csv`` module (private).

The fast reader (Polars' CSV reader) hands a file over to this one from the first row it
cannot judge alone: a row of the wrong shape, a blank line, a possible repeated header, a cell
that does not parse, or any error Polars raises. This reader is the reference: strict CSV
(a stray quote is an error), blank lines and lines equal to the header are not rows, and every
problem is named with its line. It reads row by row by nature, so it is slow; it runs only
where the fast reader cannot be trusted, and for files that do not quote every field, where
Polars cannot tell a missing field from an empty one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from ioarchive._fs import open_file
from ioarchive.exceptions import (
    EncodingError,
    IOArchiveError,
    QuotingError,
    RaggedRowError,
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.scan._raw import bad_cell, column_expr, expected
from ioarchive.scan.header import Header

OnBadRows = Literal["raise", "skip"]
"""What a scan does with a row it cannot read: raise an error, or skip (and report) it."""

LINE = "__ioarchive_line__"
_BATCH = 20_000
_RAW_CHARS = 300
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class BadRow:
    """A row the exact reader could not read.

    Attributes:
        line: The 1-based physical line where the row starts.
        column: The column of the bad cell (as the file names it), or None for the row.
        reason: What is wrong.
        raw: The row's text, cut to a few hundred characters.
        value: The bad cell's text, for a cell that does not parse.
    """

    line: int
    column: str | None
    reason: str
    raw: str
    value: str | None = None


@dataclass
class _Record:
    line: int
    fields: list[str]


@contextlib.contextmanager
def _no_field_limit() -> Iterator[None]:
    # Profile descriptions and tweets can exceed csv's default 131,072-character field limit.
    previous = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _structure_error(header: Header, line: int, error: csv.Error) -> IOArchiveError:
    if "unexpected end of data" in str(error):
        return UnterminatedQuoteError(
            "a quoted field opened in this row is never closed before the end of the file",
            path=header.name,
            line=line,
            hint="the file may be truncated; download it again",
        )
    return QuotingError(
        f"malformed quoting ({error})",
        path=header.name,
        line=line,
        hint="a field may hold an undoubled quote; the file may be damaged or edited",
    )


def _records(
    header: Header, storage_options: Mapping[str, Any] | None
) -> Iterator[_Record | BadRow]:
    """Yield each data record after the header, or a BadRow where ``csv`` fails on one."""
    with (
        open_file(header.path, storage_options, compression="infer") as f,
        _no_field_limit(),
    ):
        text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text, strict=True)
        next(reader, None)
        names = list(header.columns)
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                problem = _structure_error(header, start, error)
                yield BadRow(start, None, problem.problem, "")
            else:
                if fields and fields != names:
                    yield _Record(start, fields)
            start = reader.line_num + 1


def _row_problem(header: Header, record: _Record) -> BadRow | None:
    raw = ",".join(record.fields)
    if found := _SURROGATE.search(raw):
        byte = ord(found.group()) - 0xDC00
        reason = f"invalid UTF-8 byte 0x{byte:02x}; expected UTF-8 text"
        return BadRow(record.line, None, reason, raw[:_RAW_CHARS])
    if len(record.fields) != len(header.columns):
        n = len(record.fields)
        reason = f"a row with {n} field{'s' if n != 1 else ''}; expected {len(header.columns)}"
        return BadRow(record.line, None, reason, raw[:_RAW_CHARS])
    return None


def _raise(header: Header, bad: BadRow) -> IOArchiveError:
    if bad.column is not None:
        canonical = {raw: name for name, raw in header.canonical.items()}[bad.column]
        return ValueParseError(
            bad.column, bad.value or "", expected(canonical) or "", path=header.name, line=bad.line
        )
    if bad.reason.startswith("invalid UTF-8"):
        return EncodingError(
            bad.reason,
            path=header.name,
            line=bad.line,
            hint="the archive's files are UTF-8; re-export the file as UTF-8",
        )
    if bad.reason.startswith("a row with"):
        return RaggedRowError(
            bad.reason + " like the header",
            path=header.name,
            line=bad.line,
            hint="a field may hold an unescaped quote, or the file was cut or edited",
        )
    kind = UnterminatedQuoteError if "never closed" in bad.reason else QuotingError
    return kind(bad.reason, path=header.name, line=bad.line)


def read_exact(
    header: Header,
    *,
    columns: Sequence[str],
    check: Sequence[str],
    campaign: str | None,
    start: int = 0,
    on_bad_rows: OnBadRows = "raise",
    predicate: pl.Expr | None = None,
    storage_options: Mapping[str, Any] | None = None,
    report: Callable[[BadRow], None] | None = None,
) -> Iterator[pl.DataFrame]:
    """Read a file with the ``csv`` module into canonical columns, in batches.

    Args:
        header: The file's header.
        columns: The canonical columns to return.
        check: The canonical columns whose cells must parse (a bad one is a bad row).
        campaign: The value of ``campaign``.
        start: Data records to pass over first (read already by the fast reader).
        on_bad_rows: ``"raise"`` the first problem, or ``"skip"`` bad rows.
        predicate: A filter on canonical columns, applied to each batch.
        storage_options: fsspec options for remote paths.
        report: Called with every bad row that is skipped.

    Yields:
        DataFrames with ``columns``, in file order.

    Raises:
        IOArchiveError: With ``on_bad_rows="raise"``, the first problem, with its line.
    """
    tell = report or (lambda bad: None)
    batch: list[_Record] = []
    pending: list[BadRow] = []  # problems of the batch, reported in line order with its cells'
    seen = 0
    for item in _records(header, storage_options):
        seen += 1  # a record csv fails on is a row to the fast reader too
        if seen <= start:
            continue
        problem = item if isinstance(item, BadRow) else _row_problem(header, item)
        if problem is not None:
            if on_bad_rows == "raise":
                # A bad cell earlier in the batch is the first problem: let it raise first.
                _frame(header, batch, columns, check, campaign, on_bad_rows, None, pending)
                raise _raise(header, problem)
            pending.append(problem)
            continue
        batch.append(item)  # type: ignore[arg-type]
        if len(batch) >= _BATCH:
            yield _frame(header, batch, columns, check, campaign, on_bad_rows, predicate, pending)
            _flush(pending, tell)
            batch = []
    if batch:
        yield _frame(header, batch, columns, check, campaign, on_bad_rows, predicate, pending)
    _flush(pending, tell)


def _flush(pending: list[BadRow], tell: Callable[[BadRow], None]) -> None:
    for bad in sorted(pending, key=lambda b: b.line):
        tell(bad)
    pending.clear()


def _frame(
    header: Header,
    batch: Sequence[_Record],
    columns: Sequence[str],
    check: Sequence[str],
    campaign: str | None,
    on_bad_rows: OnBadRows,
    predicate: pl.Expr | None,
    pending: list[BadRow],
) -> pl.DataFrame:
    # The transpose of one batch of records: the exact reader is row by row by nature.
    cells = list(zip(*(r.fields for r in batch), strict=True)) or [()] * len(header.columns)
    raw = pl.DataFrame(
        {name: pl.Series(name, cells[i], pl.String) for i, name in enumerate(header.columns)}
    ).with_columns(pl.Series(LINE, [r.line for r in batch], pl.Int64))
    flags = {n: e for n in check if (e := bad_cell(n, header)) is not None}
    if flags:
        raw = _drop_bad(header, raw, flags, on_bad_rows, pending)
    parsed = [
        pl.lit(campaign, pl.String).alias(n)
        if n == "campaign"
        else column_expr(n, header, strict=False)
        for n in dict.fromkeys(
            [*columns, *(predicate.meta.root_names() if predicate is not None else [])]
        )
    ]
    # LINE keeps the batch's height: literals alone (``campaign``, a column the file's era
    # lacks) would be one row.
    out = raw.select(LINE, *parsed)
    if predicate is not None:
        out = out.filter(predicate)
    return out.select(columns)


def _drop_bad(
    header: Header,
    raw: pl.DataFrame,
    flags: Mapping[str, pl.Expr],
    on_bad_rows: OnBadRows,
    pending: list[BadRow],
) -> pl.DataFrame:
    marked = raw.with_columns(*[e.alias(f"__bad_{n}") for n, e in flags.items()])
    any_bad = pl.any_horizontal([pl.col(f"__bad_{n}") for n in flags])
    bad = marked.filter(any_bad)
    for row in bad.iter_rows(named=True):  # eager: the bad rows only, to report them
        name = next(n for n in header.canonical if n in flags and row[f"__bad_{n}"])
        column, value = header.canonical[name], row[header.canonical[name]]
        text = ",".join(row[c] for c in header.columns)[:_RAW_CHARS]
        reason = f"column {column!r}: cannot parse {value!r}; expected {expected(name)}"
        found = BadRow(row[LINE], column, reason, text, value)
        if on_bad_rows == "raise":
            raise _raise(header, found)
        pending.append(found)
    return marked.filter(~any_bad).drop([f"__bad_{n}" for n in flags])
