"""The independent record counter (private): Python's strict ``csv`` module, never Polars.

One home for the count that checks what ioarchive reads: [`validate`][ioarchive.validate.validate]
compares it with the scan, and [`convert`][ioarchive.store.convert] with the rows it writes.
What is not a row: blank lines and a header line repeated inside a file, as for the scanner. A
record ``csv`` cannot read (a stray quote) is counted as an error, with its line, and the count
goes on after it.

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

from ioarchive._fs import open_file

__all__ = ["RecordCount", "count_records"]


@dataclass(frozen=True)
class RecordCount:
    """What the csv module finds in a file.

    Attributes:
        rows: Data records (blank lines and repeated headers excluded).
        blank_lines: Records with no field.
        repeated_headers: Records equal to the header line.
        errors: ``(line, message)`` of each record strict ``csv`` cannot read.
    """

    rows: int
    blank_lines: int
    repeated_headers: int
    errors: tuple[tuple[int, str], ...] = ()


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
                header = next(reader, None)
                # (is the record non-empty, is it the header) for every record, in one pass.
                data, again = itertools.tee(reader)
                kinds = collections.Counter(
                    zip(map(bool, data), map((header or []).__eq__, again), strict=True)
                )
        except csv.Error:
            return _count_with_errors(path, storage_options)
    return RecordCount(kinds[(True, False)], kinds[(False, False)], kinds[(True, True)])


def _count_with_errors(path: str, storage_options: Mapping[str, Any] | None) -> RecordCount:
    rows = blank = repeated = 0
    errors: list[tuple[int, str]] = []
    with open_file(path, storage_options, compression="infer") as f:
        reader = _reader(f)
        header = next(reader, None)
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
    return RecordCount(rows, blank, repeated, tuple(errors))
