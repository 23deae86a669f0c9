"""Convert a mirror into a Parquet store: verified, atomic per dataset, resumable, streaming.

Examples:
    >>> import tempfile, ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> store = tempfile.mkdtemp() + "/store"
    >>> report = ioarchive.convert(demo_archive_path(), store, progress=False)
    >>> report.datasets.select("campaign", "status", "tweets").row(0)
    ('ira', 'converted', 400)
    >>> ioarchive.convert(demo_archive_path(), store, progress=False).skipped  # unchanged
    4
"""

from __future__ import annotations

import logging
import os
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ioarchive._fs import WEAK_IDENTITY
from ioarchive._progress import count_bar
from ioarchive.discovery import Catalog, Dataset
from ioarchive.exceptions import (
    ConversionError,
    FileFormatError,
    IOArchiveError,
)
from ioarchive.store._files import convert_file
from ioarchive.store._lock import store_lock
from ioarchive.store._source import datasets_of, refuse_inside, sources_of
from ioarchive.store._target import Target
from ioarchive.store.layout import part_path
from ioarchive.store.manifest import DatasetEntry, Manifest, OutputFile, SourceFile, now

__all__ = ["REPORT_SCHEMA", "StoreReport", "convert"]

logger = logging.getLogger(__name__)

REPORT_SCHEMA: pl.Schema = pl.Schema(
    {
        "campaign": pl.String(),
        "hashed": pl.Boolean(),
        "status": pl.String(),
        "files": pl.UInt32(),
        "tweets": pl.Int64(),
        "users": pl.Int64(),
        "source_bytes": pl.Int64(),
        "store_bytes": pl.Int64(),
        "seconds": pl.Float64(),
        "error": pl.String(),
    }
)
"""Columns of [`StoreReport.datasets`][ioarchive.store.StoreReport], one row per dataset.

``status`` is ``converted``, ``skipped`` (unchanged since the last conversion) or ``failed``
(then ``error`` says why, and nothing of the dataset was written); when a whole mirror is
converted, a dataset of the store that the mirror no longer has is ``kept`` (left as it was
converted) or, if its files in the store are missing or changed, ``removed`` (with why);
``tweets`` and ``users`` are rows in the store (verified against Python's ``csv`` module);
``source_bytes`` the size of the source files, ``store_bytes`` of the Parquet files;
``seconds`` the time it took.
"""


@dataclass(frozen=True)
class StoreReport:
    """What a conversion did, dataset by dataset.

    Attributes:
        store: The store's folder or URL.
        datasets: One row per dataset, in [`REPORT_SCHEMA`][ioarchive.store.REPORT_SCHEMA].
    """

    store: str
    datasets: pl.DataFrame = field(repr=False)

    def _count(self, status: str) -> int:
        return int((self.datasets["status"] == status).sum())

    @property
    def converted(self) -> int:
        """The number of datasets converted by this call."""
        return self._count("converted")

    @property
    def skipped(self) -> int:
        """The number of datasets left as they were (unchanged since their conversion)."""
        return self._count("skipped")

    @property
    def failed(self) -> int:
        """The number of datasets that could not be converted."""
        return self._count("failed")

    def __repr__(self) -> str:
        counts = f"converted={self.converted}, skipped={self.skipped}, failed={self.failed}"
        return f"StoreReport(store={self.store!r}, {counts})"


def convert(
    source: Catalog | Dataset | str | os.PathLike[str],
    dest: str | os.PathLike[str],
    /,
    *,
    progress: bool | None = None,
    overwrite: bool = False,
    storage_options: Mapping[str, Any] | None = None,
    dest_options: Mapping[str, Any] | None = None,
) -> StoreReport:
    """Convert a mirror (or some of its datasets) into a Parquet store.

    Each dataset is written to a staging folder, file by file on the streaming engine (memory
    does not grow with a file's size); every file's rows are checked against a count made
    without Polars (pyarrow's CSV reader; Python's ``csv`` module where they differ); then the
    dataset is moved into place and recorded in the manifest. A dataset whose source files are
    unchanged since its conversion (same paths, sizes and identities) is skipped, so a second
    call, or one after an interruption, only does what is left.

    Args:
        source: A [`Catalog`][ioarchive.discovery.Catalog] (every dataset, both copies), a
            [`Dataset`][ioarchive.discovery.Dataset], or a mirror root to
            [`discover`][ioarchive.discover] (folder, zip, ``s3://``, ``https://``...).
        dest: The store: a local folder or an object-storage URL (``s3://bucket/store``).
        progress: Show progress bars (files, bytes, rows) on stderr; default: when stderr is
            a terminal.
        overwrite: Convert every dataset again, even unchanged ones.
        storage_options: fsspec options for a source root given as a URL.
        dest_options: fsspec options for the destination (credentials, ``endpoint_url``).

    Returns:
        A [`StoreReport`][ioarchive.store.StoreReport].

    Raises:
        ConversionError: A dataset could not be converted (a damaged file, rows that do not
            match the independent count); it names the file and has the report as
            ``report``. The other datasets were converted; nothing of the failed one is left.
        StoreError: ``dest`` holds a store of another format version, lies inside the local
            mirror it is converted from, or another conversion is writing into it (one at a
            time per store: a lock file at its root; a lock left by a killed conversion on
            this host is taken over).
        SourceNotFoundError: The source holds no tweets or users file.
    """
    target = Target.of(dest, dest_options)
    refuse_inside(source, target)
    datasets, root, whole = datasets_of(source, storage_options, progress)
    with store_lock(target):
        return _convert_all(
            datasets, root, target, overwrite=overwrite, progress=progress, whole=whole
        )


def _convert_all(
    datasets: Sequence[Dataset],
    root: str,
    target: Target,
    *,
    overwrite: bool,
    progress: bool | None,
    whole: bool,
) -> StoreReport:
    manifest = target.read_manifest() or Manifest(source=root)
    target.clean_staging()
    present = target.sizes()
    rows: list[dict[str, Any]] = []
    if whole:
        in_source = {(d.campaign, d.hashed) for d in datasets}
        manifest = _gone(manifest, in_source, target, present, rows)
    todo: list[Dataset] = []
    for dataset in datasets:
        entry = manifest.find(dataset.campaign, dataset.hashed)
        if not overwrite and entry is not None and _unchanged(entry, dataset, present):
            rows.append(_row(entry, "skipped", 0.0))
        else:
            todo.append(dataset)
    used = [d.files.filter(pl.col("kind").is_in(["tweets", "users"])) for d in todo]
    n_files = sum(f.height for f in used)
    n_bytes = sum(int(f["size"].sum()) for f in used)
    failures: list[IOArchiveError] = []
    with (
        count_bar(n_files, desc="files", unit="file", progress=progress) as files_bar,
        count_bar(n_bytes, desc="bytes", unit="B", progress=progress) as bytes_bar,
        count_bar(None, desc="rows", unit="row", progress=progress) as rows_bar,
    ):
        bars = (files_bar, bytes_bar, rows_bar)
        for dataset in todo:
            start = time.perf_counter()
            try:
                entry = _convert_dataset(dataset, target, bars)
            except IOArchiveError as error:
                logger.warning("%s not converted: %s", dataset.campaign, error.problem)
                failures.append(error)
                rows.append(_failed(dataset, error, time.perf_counter() - start))
                continue
            manifest = manifest.with_dataset(entry)
            target.write_manifest(manifest)
            rows.append(_row(entry, "converted", time.perf_counter() - start))
    order = pl.col("campaign"), pl.col("hashed").not_()
    report = StoreReport(target.url, pl.DataFrame(rows, schema=REPORT_SCHEMA).sort(order))
    if failures:
        raise _failure(failures, report)
    return report


def _gone(
    manifest: Manifest,
    in_source: set[tuple[str, bool]],
    target: Target,
    present: Mapping[str, int],
    rows: list[dict[str, Any]],
) -> Manifest:
    """Report the store's datasets that the mirror no longer has; drop the damaged ones.

    An intact one is ``kept`` as converted. One whose files are missing or changed cannot be
    converted again: it is ``removed``, so that the store opens again. ``present``: the
    store's file sizes, from the one listing of the conversion.
    """
    for entry in manifest.datasets:
        if entry.key in in_source:
            continue
        if _intact(entry, present):
            rows.append(_row(entry, "kept", 0.0))
            continue
        logger.warning(
            "%s (hashed=%s): damaged in the store, gone from the mirror; removed", *entry.key
        )
        target.remove(entry.campaign, hashed=entry.hashed)
        manifest = manifest.without(entry.key)
        target.write_manifest(manifest)
        rows.append(
            {
                **_row(entry, "removed", 0.0),
                "error": "its files in the store were missing or changed, and the mirror no "
                "longer has it",
            }
        )
    return manifest


def _intact(entry: DatasetEntry, present: Mapping[str, int]) -> bool:
    return all(present.get(o.path) == o.bytes for o in entry.outputs)


def _unchanged(entry: DatasetEntry, dataset: Dataset, present: Mapping[str, int]) -> bool:
    keys = [
        (row["path"], row["kind"], rank, row["size"], row["identity"])
        for row, rank in sources_of(dataset)
    ]
    # A source known only by its size may have been rewritten to the same size.
    known = all(not str(k[-1]).startswith(WEAK_IDENTITY) for k in keys)
    return known and _intact(entry, present) and keys == [s.key() for s in entry.sources]


def _convert_dataset(dataset: Dataset, target: Target, bars: Sequence[Any]) -> DatasetEntry:
    files_bar, bytes_bar, rows_bar = bars
    staging = target.new_staging()
    try:
        sources: list[SourceFile] = []
        outputs: list[OutputFile] = []
        for row, rank in sources_of(dataset):
            relative = part_path(
                dataset.campaign, hashed=dataset.hashed, kind=row["kind"], index=rank
            )
            written = _convert_row(dataset, row, staging, relative)
            size = (staging / relative).stat().st_size
            sources.append(
                SourceFile(
                    row["path"],
                    row["kind"],
                    row["part"],
                    rank,
                    row["size"],
                    row["identity"],
                    row["era"],
                    written,
                )
            )
            outputs.append(OutputFile(relative, row["kind"], row["path"], written, size))
            files_bar.update(1)
            bytes_bar.update(row["size"])
            rows_bar.update(written)
        target.commit(staging, dataset.campaign, hashed=dataset.hashed)
    finally:
        target.discard(staging)
    return DatasetEntry(
        dataset.campaign, dataset.hashed, dataset.known, now(), tuple(sources), tuple(outputs)
    )


def _convert_row(dataset: Dataset, row: dict[str, Any], staging: Path, relative: str) -> int:
    """Convert one source file; any failure to read it is an error naming the file."""
    try:
        header = dataset._header(row)
        return convert_file(
            header,
            staging / relative,
            label=row["path"],
            campaign=dataset.campaign,
            storage_options=dataset._access.options_for(header.path),
            scratch=staging / "_sources",
        )
    except IOArchiveError as error:
        if error.path is None:
            error.path = row["path"]
        raise
    except (OSError, EOFError, zlib.error) as error:
        raise FileFormatError(f"could not be read: {error}", path=row["path"]) from error


def _row(entry: DatasetEntry, status: str, seconds: float) -> dict[str, Any]:
    def rows(kind: str) -> int:
        return sum(o.rows for o in entry.outputs if o.kind == kind)

    return {
        "campaign": entry.campaign,
        "hashed": entry.hashed,
        "status": status,
        "files": len(entry.outputs),
        "tweets": rows("tweets"),
        "users": rows("users"),
        "source_bytes": sum(s.size for s in entry.sources),
        "store_bytes": sum(o.bytes for o in entry.outputs),
        "seconds": round(seconds, 3),
        "error": None,
    }


def _failed(dataset: Dataset, error: IOArchiveError, seconds: float) -> dict[str, Any]:
    where = f"{error.where}: " if error.where else ""
    return {
        "campaign": dataset.campaign,
        "hashed": dataset.hashed,
        "status": "failed",
        "files": 0,
        "source_bytes": int(dataset.files["size"].sum()),
        "seconds": round(seconds, 3),
        "error": f"{where}{error.problem}",
    }


def _failure(failures: Sequence[IOArchiveError], report: StoreReport) -> ConversionError:
    first = failures[0]
    more = f" (and {len(failures) - 1} more datasets)" if len(failures) > 1 else ""
    error = ConversionError(
        f"not converted{more}: {first.problem}",
        path=first.path,
        line=first.line,
        hint=first.hint,
    )
    error.report = report
    error.__cause__ = first
    return error
