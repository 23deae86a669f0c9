"""The independent record counters (private): pyarrow and Python's ``csv``, never Polars.

One home for the counts that check what ioarchive reads. Two counters:

- [`count_records`][ioarchive._records.count_records], Python's strict ``csv`` module: the
  exact rule. What is not a row: blank lines and a header line repeated inside a file, as for
  the scanner. A record ``csv`` cannot read (a stray quote) is counted as an error, with its
  line, and the count goes on after it; a row with a field too many or too few is listed
  with its line. About 100 MB/s on one core.
- [`count_rows_fast`][ioarchive._records.count_rows_fast], pyarrow's streaming C++ CSV reader,
  for local files: about five times as fast, but a looser rule (a repeated header is a row, a
  stray quote is read through). A first opinion: when it agrees with another reader, the
  count is confirmed; when not, ``count_records`` decides.

[`convert`][ioarchive.store.convert] compares the rows it writes with the fast count, and asks
``count_records`` only when the two differ (or pyarrow cannot read the file).
[`validate`][ioarchive.validate.validate] always uses ``count_records``: it reports every
record strict ``csv`` cannot read, with its line, blank lines and repeated headers, which only
the exact rule can tell.

Examples:
    >>> import ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> path = next(demo_archive_path().rglob("*_users_csv_hashed*.csv"))
    >>> count = count_records(str(path))
    >>> count.rows == ioarchive.scan_users(path).collect().height, count.errors
    (True, ())
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import itertools
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv

from ioarchive._fs import open_file

__all__ = ["RecordCount", "count_records", "count_rows_fast"]

_BLOCK = 1 << 20
"""Bytes per block of pyarrow's reader: more than any real record; larger ones were no faster."""


@dataclass(frozen=True)
class RecordCount:
    """What the csv module finds in a file.

    Attributes:
        rows: Data records (blank lines and repeated headers excluded).
        blank_lines: Records with no field.
        repeated_headers: Records equal to the header line.
        errors: ``(line, message)`` of each record strict ``csv`` cannot read.
        ragged: ``(line, fields)`` of each data record with another number of fields than
            the header (counted in ``rows`` too: ``csv`` reads it).
    """

    rows: int
    blank_lines: int
    repeated_headers: int
    errors: tuple[tuple[int, str], ...] = ()
    ragged: tuple[tuple[int, int], ...] = ()


@contextlib.contextmanager
def _no_field_limit() -> Iterator[None]:
    # Profile descriptions and tweets can exceed csv's default 131,072-character field limit.
    previous = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _reader(f: Any) -> Any:
    text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="replace", newline="")
    return csv.reader(text, strict=True)


def count_records(path: str, storage_options: Mapping[str, Any] | None = None) -> RecordCount:
    """Count a CSV file's records with Python's strict ``csv`` module, streaming.

    A file ``csv`` reads without error is counted in one pass at C speed; one with an error is
    counted again record by record, to give each error its line.

    Args:
        path: A local path or fsspec URL (``.csv`` or ``.csv.gz``, gzip inferred).
        storage_options: fsspec options for remote paths.

    Returns:
        The [`RecordCount`][ioarchive._records.RecordCount].

    Raises:
        IOArchiveError: The file cannot be opened or decompressed.
    """
    with _no_field_limit():
        try:
            with open_file(path, storage_options, compression="infer") as f:
                reader = _reader(f)
                header = next(reader, None) or []
                # (its length, is it the header) for every record, in one pass at C speed.
                data, again = itertools.tee(reader)
                kinds = collections.Counter(
                    zip(map(len, data), map(header.__eq__, again), strict=True)
                )
        except csv.Error:
            return _count_with_errors(path, storage_options)
    if any(n not in (0, len(header)) for n, _ in kinds):  # a ragged record: find its line
        return _count_with_errors(path, storage_options)
    rows = sum(k for (n, named), k in kinds.items() if n and not named)
    return RecordCount(rows, kinds[(0, False)], kinds[(len(header), True)])


def count_rows_fast(path: str) -> int | None:
    """Count a local CSV file's records after its header with pyarrow's CSV reader, streaming.

    Records are split as RFC 4180 says (quoted fields may hold newlines); blank lines are
    skipped. Only the first field of each record is kept, as bytes, so no cell is converted.
    pyarrow reads the file itself (gzip inferred from ``.gz``): given a Python file object, its
    reading threads could abort the interpreter when a read raised.

    Args:
        path: A local path.

    Returns:
        The number of records, repeated headers included; None for a URL, or when pyarrow
        cannot read the file (a missing or damaged file, a ragged row, a record larger than a
        block, no record after the header).

    Examples:
        >>> from ioarchive.synthetic import demo_archive_path
        >>> path = next(demo_archive_path().rglob("*_users_csv_hashed*.csv"))
        >>> count_rows_fast(str(path)) == count_records(str(path)).rows
        True
    """
    if "://" in path or "::" in path:
        return None
    read = pa_csv.ReadOptions(skip_rows=1, autogenerate_column_names=True, block_size=_BLOCK)
    parse = pa_csv.ParseOptions(newlines_in_values=True)
    convert = pa_csv.ConvertOptions(include_columns=["f0"], column_types={"f0": pa.binary()})
    try:
        reader = pa_csv.open_csv(
            path, read_options=read, parse_options=parse, convert_options=convert
        )
        rows: int = sum(batch.num_rows for batch in reader)
        return rows
    except (pa.ArrowInvalid, OSError):
        return None


def _count_with_errors(path: str, storage_options: Mapping[str, Any] | None) -> RecordCount:
    rows = blank = repeated = 0
    errors: list[tuple[int, str]] = []
    ragged: list[tuple[int, int]] = []
    with open_file(path, storage_options, compression="infer") as f:
        reader = _reader(f)
        header = next(reader, None) or []
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                errors.append((start, str(error)))
                continue
            if not record:
                blank += 1
            elif record == header:
                repeated += 1
            else:
                rows += 1
                if len(record) != len(header):
                    ragged.append((start, len(record)))
    return RecordCount(rows, blank, repeated, tuple(errors), tuple(ragged))
