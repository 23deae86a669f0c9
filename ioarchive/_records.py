"""The independent record counter (private): Python's ``csv`` module, never Polars.

One home for the count that checks what Polars reads: [`validate`][ioarchive.validate.validate]
compares it with the scan, and [`convert`][ioarchive.store.convert] with the rows it writes.
What is not a row: blank lines and a header line repeated inside a file, as for the scanner.

Examples:
    >>> import ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> path = next(demo_archive_path().rglob("*_users_csv_hashed*.csv"))
    >>> count = count_records(str(path))
    >>> count.rows == ioarchive.scan_users(path).collect().height
    True
"""

from __future__ import annotations

import collections
import csv
import io
import itertools
from collections.abc import Mapping
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
    """

    rows: int
    blank_lines: int
    repeated_headers: int


def count_records(path: str, storage_options: Mapping[str, Any] | None = None) -> RecordCount:
    """Count a CSV file's records with Python's ``csv`` module, streaming (gzip inferred).

    Args:
        path: A local path or fsspec URL (``.csv`` or ``.csv.gz``).
        storage_options: fsspec options for remote paths.

    Returns:
        The [`RecordCount`][ioarchive._records.RecordCount].

    Raises:
        csv.Error: The csv module cannot read the file.
        UnicodeDecodeError: The file is not UTF-8.
        EOFError: A gzip file is truncated.
    """
    with open_file(path, storage_options, compression="infer") as f:
        text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        # One pass at C speed: (is the record non-empty, is it the header) for every record.
        data, again = itertools.tee(reader)
        kinds = collections.Counter(
            zip(map(bool, data), map((header or []).__eq__, again), strict=True)
        )
    rows = kinds[(True, False)]
    return RecordCount(rows, kinds[(False, False)], kinds[(True, True)])
