"""Find out exactly what is wrong with a file whose scan failed (private).

Runs only on the error path: when Polars raised, or when a row failed the shape check. It
reads the file again, independently of Polars (bytes, then Python's ``csv`` module), to name
the problem and the line; then, if the structure is sound, it finds the first cell that does
not parse.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

import polars as pl

from ioarchive._fs import open_file
from ioarchive.exceptions import (
    EncodingError,
    FileFormatError,
    IOArchiveError,
    QuotingError,
    RaggedRowError,
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.scan._raw import column_expr, expected, raw_frame, row_flags
from ioarchive.scan.header import Header

_CHUNK = 1 << 20


def diagnose(
    header: Header,
    error: Exception | None = None,
    *,
    storage_options: Mapping[str, Any] | None = None,
) -> IOArchiveError:
    """Return the error that best explains why a file could not be scanned.

    Args:
        header: The file's header.
        error: The Polars error that stopped the scan, if any.
        storage_options: Options for fsspec, for remote paths.

    Returns:
        A specific [`IOArchiveError`][ioarchive.exceptions.IOArchiveError]; a generic
        [`FileFormatError`][ioarchive.exceptions.FileFormatError] quoting the Polars error
        when nothing more specific is found.
    """
    found = (
        _check_encoding(header, storage_options)
        or _check_structure(header, storage_options)
        or _check_values(header, storage_options)
    )
    if found is not None:
        return found
    detail = str(error).splitlines()[0] if error is not None else "a row failed the shape check"
    return FileFormatError(f"the file could not be read: {detail}", path=header.path)


def _open(header: Header, storage_options: Mapping[str, Any] | None) -> Any:
    return open_file(header.path, storage_options, compression="infer")


def _check_encoding(
    header: Header, storage_options: Mapping[str, Any] | None
) -> EncodingError | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, offset = 1, 0
    with _open(header, storage_options) as f:
        while chunk := f.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                bad = error.start
                line += chunk.count(b"\n", 0, max(bad, 0))
                byte = chunk[bad : bad + 1].hex() if bad >= 0 else "?"
                return EncodingError(
                    f"invalid UTF-8 byte 0x{byte} at byte offset {offset + max(bad, 0)}; "
                    "expected UTF-8 text",
                    path=header.path,
                    line=line,
                    hint="the archive's files are UTF-8; re-export the file as UTF-8",
                )
            line += chunk.count(b"\n")
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return EncodingError(
                "the file ends inside a UTF-8 character", path=header.path, line=line
            )
    return None


class _CsvReadError(Exception):
    def __init__(self, line: int, error: csv.Error):
        self.line = line
        self.error = error


def _records(
    header: Header, storage_options: Mapping[str, Any] | None
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first line, fields)`` for each record after the header, as ``csv`` reads it.

    Raises:
        _CsvReadError: ``csv`` failed; it carries the line where the failing record starts.
    """
    with _open(header, storage_options) as f:
        text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        next(reader, None)
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _CsvReadError(start, error) from error
            yield start, fields
            start = reader.line_num + 1


def _check_structure(
    header: Header, storage_options: Mapping[str, Any] | None
) -> FileFormatError | None:
    expected = len(header.columns)
    try:
        for line, fields in _records(header, storage_options):
            if fields and len(fields) != expected and fields != list(header.columns):
                return RaggedRowError(
                    f"a row with {len(fields)} fields; expected {expected} like the header",
                    path=header.path,
                    line=line,
                    hint="a field may hold an unescaped quote, or the file was cut or edited",
                )
    except _CsvReadError as failure:
        if "unexpected end of data" in str(failure.error):
            return UnterminatedQuoteError(
                "a quoted field opened in this row is never closed before the end of the file",
                path=header.path,
                line=failure.line,
                hint="the file may be truncated; download it again",
            )
        return QuotingError(
            f"malformed quoting ({failure.error})", path=header.path, line=failure.line
        )
    return None


def _check_values(
    header: Header, storage_options: Mapping[str, Any] | None
) -> ValueParseError | None:
    names = [n for n in header.canonical if expected(n)]
    is_row, _ = row_flags(header)
    lf = raw_frame(header, storage_options).with_row_index("__row").filter(is_row)
    failing = [
        pl.col("__row")
        .filter(
            (pl.col(header.canonical[n]).str.len_bytes() > 0)
            & column_expr(n, header, strict=False).is_null()
        )
        .first()
        .alias(n)
        for n in names
    ]
    try:
        first_bad = lf.select(failing).collect().row(0, named=True)  # eager: error path only
    except pl.exceptions.PolarsError:
        return None
    bad = {n: r for n, r in first_bad.items() if r is not None}
    if not bad:
        return None
    column = min(bad, key=lambda n: bad[n])
    row = bad[column]
    cell = lf.filter(pl.col("__row") == row).select(header.canonical[column])
    value = cell.collect().item()  # eager: error path only
    return ValueParseError(
        header.canonical[column],
        value,
        expected(column) or "",
        path=header.path,
        line=_line_of_record(header, row, storage_options),
    )


def _line_of_record(
    header: Header, index: int, storage_options: Mapping[str, Any] | None
) -> int | None:
    for i, (line, _) in enumerate(_records(header, storage_options)):
        if i == index:
            return line
    return None
