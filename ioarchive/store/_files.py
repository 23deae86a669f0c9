"""One source file to one Parquet file, verified (private).

The file is scanned as a pure Polars plan and sunk on the streaming engine, so memory does not
grow with the file; beside the sink, pyarrow counts the file's records, and the rows in the
written file's footer must equal that count or, when it differs, Python's ``csv`` module's
(see ``ioarchive._records``).
A ``.csv.gz`` is first decompressed to the staging folder, streaming: Polars would decompress
a whole gzip file in memory.
"""

from __future__ import annotations

import dataclasses
import logging
import zlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from ioarchive._fs import open_file
from ioarchive._records import count_records, count_rows_fast
from ioarchive.exceptions import FileFormatError, StagingError
from ioarchive.scan._raw import checked_frame
from ioarchive.scan.header import Header
from ioarchive.scan.reader import scan_headers
from ioarchive.store.layout import COMPRESSION, COMPRESSION_LEVEL, ROW_GROUP_ROWS

logger = logging.getLogger(__name__)

_CHUNK = 1 << 22


def convert_file(
    header: Header,
    target: Path,
    *,
    label: str,
    campaign: str,
    storage_options: Mapping[str, Any] | None,
    scratch: Path,
) -> int:
    """Write one source file as Parquet at ``target``; return its row count, verified.

    Args:
        header: The source file's header, at a path Polars can read.
        target: The local Parquet file to write.
        label: How to name the source file in errors (its path under the mirror's root).
        campaign: The dataset's campaign (not written: it is the ``campaign=`` partition).
        storage_options: fsspec options for a remote source.
        scratch: A local folder for a decompressed copy of a gzip source.

    Returns:
        The number of rows written, equal to pyarrow's or else the csv module's count.

    Raises:
        IOArchiveError: The file cannot be read (the specific error, naming the file), or the
            rows written differ from the csv module's count.
    """
    if not header.path.endswith(".gz"):
        return _convert(header, target, label, campaign, storage_options)
    copy = _gunzip(header.path, scratch, label, storage_options)
    try:
        return _convert(dataclasses.replace(header, path=str(copy)), target, label, campaign, None)
    finally:
        copy.unlink(missing_ok=True)


def _convert(
    header: Header,
    target: Path,
    label: str,
    campaign: str,
    storage_options: Mapping[str, Any] | None,
) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the sink, in a thread: pyarrow's count runs on one core and releases the GIL, so
    # it fills what the sink leaves idle (on 2 cores, best of six: 13% less time than one after
    # the other; the csv module, which holds the GIL, had made the pair 1.5x slower).
    with ThreadPoolExecutor(max_workers=1) as pool:
        fast = pool.submit(count_rows_fast, header.path)
        try:
            # A pure Polars plan, fast, for a file whose every row the fast reader can judge.
            plan = checked_frame(header, campaign=campaign, storage_options=storage_options)
            _sink(plan, target)
        except (pl.exceptions.PolarsError, ValueError):
            # Else the scanner, which judges every row (blank lines, repeated headers,
            # unquoted files) and names any real problem with its line.
            named = dataclasses.replace(header, source=label)
            _sink(scan_headers([named], campaign=campaign, storage_options=storage_options), target)
        written = int(pq.read_metadata(target).num_rows)  # eager: the footer only, by pyarrow
        counted = fast.result()
    if counted != written:
        # pyarrow's rule differs (blank lines, repeated headers), it cannot read the file, or
        # the file is remote: the exact count decides.
        _check(written, header.path, storage_options, label)
    logger.debug("%s: %d rows written to %s", label, written, target)
    return written


def _sink(plan: pl.LazyFrame, target: Path) -> None:
    # eager: converting is writing the file; the sink streams it in batches.
    plan.drop("campaign").sink_parquet(
        target,
        compression=COMPRESSION,
        compression_level=COMPRESSION_LEVEL,
        row_group_size=ROW_GROUP_ROWS,
        statistics=True,
        engine="streaming",
    )


def _check(written: int, path: str, options: Mapping[str, Any] | None, label: str) -> None:
    """Raise unless Python's csv module reads the file without error, with ``written`` rows."""
    count = count_records(path, options)
    if count.errors:
        line, message = count.errors[0]
        raise FileFormatError(
            f"Python's csv module cannot read this row ({message})",
            path=label,
            line=line,
            hint="run `ioarchive validate` on the mirror for every problem of the file",
        )
    if written != count.rows:
        raise FileFormatError(
            f"{written} rows written, but Python's csv module counts {count.rows}",
            path=label,
            hint="the file may hold a quoting problem Polars reads differently; "
            "run `ioarchive validate` on the mirror",
        )


def _gunzip(path: str, scratch: Path, label: str, options: Mapping[str, Any] | None) -> Path:
    """Decompress a gzip file into ``scratch``, streaming; return the copy's path."""
    scratch.mkdir(parents=True, exist_ok=True)
    out = scratch / Path(path.rsplit("/", 1)[-1]).with_suffix("").name
    try:
        with open_file(path, options, compression="gzip") as source, out.open("wb") as sink:
            while chunk := source.read(_CHUNK):
                sink.write(chunk)
    except (EOFError, zlib.error, OSError) as error:
        out.unlink(missing_ok=True)
        raise StagingError(
            f"could not be decompressed: {error}",
            path=label,
            hint="the gzip file is damaged or truncated; download it again",
        ) from error
    return out
