"""Open a Parquet store as a [`Catalog`][ioarchive.discovery.Catalog]: the same API, Parquet scans.

Examples:
    >>> import tempfile, ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> store = tempfile.mkdtemp() + "/store"
    >>> _ = ioarchive.convert(demo_archive_path(), store, progress=False)
    >>> catalog = ioarchive.open_store(store)
    >>> catalog["iran_202012"].tweets().select(pl.len()).collect().item()
    400
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ioarchive._fs import FileAccess
from ioarchive.discovery import FILES_SCHEMA, Catalog
from ioarchive.exceptions import SourceNotFoundError, StoreError
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, FileKind
from ioarchive.store._target import Target
from ioarchive.store.layout import HIVE_SCHEMA, MANIFEST_NAME
from ioarchive.store.manifest import Manifest

__all__ = ["is_store", "open_store"]


@dataclass(frozen=True)
class _ParquetScan:
    """A dataset's scan backend over the store: one ``pl.scan_parquet`` of its files."""

    storage_options: Mapping[str, str] | None = field(default=None, repr=False)

    def __call__(self, files: pl.DataFrame, kind: FileKind) -> pl.LazyFrame:
        urls = files["url"].to_list()
        if not urls:
            raise SourceNotFoundError(f"the store holds no {kind} file for this dataset")
        schema = TWEET_SCHEMA if kind is FileKind.TWEETS else USER_SCHEMA
        scan = pl.scan_parquet(
            urls,
            glob=False,  # the manifest's files exactly: a store at "store*" is not a pattern
            hive_partitioning=True,
            hive_schema=HIVE_SCHEMA,
            storage_options=dict(self.storage_options) if self.storage_options else None,
        )
        return scan.select(list(schema))


def is_store(
    path: str | os.PathLike[str], *, storage_options: Mapping[str, Any] | None = None
) -> bool:
    """Tell whether a folder or URL is an ioarchive store (it holds a manifest).

    Args:
        path: A folder or URL.
        storage_options: fsspec options for a URL.

    Returns:
        True when ``path`` holds [`MANIFEST_NAME`][ioarchive.store.MANIFEST_NAME].

    Examples:
        >>> from ioarchive.synthetic import demo_archive_path
        >>> is_store(demo_archive_path())
        False
    """
    target = Target.of(path, storage_options)
    return bool(target.fs.isfile(target.manifest_path))


def open_store(
    path: str | os.PathLike[str], /, *, storage_options: Mapping[str, Any] | None = None
) -> Catalog:
    """Open a store written by [`convert`][ioarchive.store.convert] as a Catalog.

    The manifest is checked first: its format version, and that every Parquet file it lists
    is there with the size it was written with (one listing of the store, no file is read).
    Each dataset's ``tweets()`` and ``users()`` are then a ``pl.scan_parquet`` of its files
    with hive partitioning, in the canonical schema; a filter on ``campaign`` skips the other
    datasets' files before anything is read.

    Args:
        path: The store's folder or URL (``s3://bucket/store``).
        storage_options: fsspec options for a URL (credentials, ``endpoint_url``); they are
            translated for Polars' own reader.

    Returns:
        A [`Catalog`][ioarchive.discovery.Catalog] whose ``files`` lists the store's Parquet
        files (``url`` the file, ``path`` under the store, ``size`` its bytes, ``part`` and
        ``era`` those of its source file, ``note`` the source file's path).

    Raises:
        SourceNotFoundError: ``path`` holds no manifest.
        StoreError: The store has another format version, or a file the manifest lists is
            missing or has another size.
    """
    target = Target.of(path, storage_options)
    manifest = target.read_manifest()
    if manifest is None:
        raise SourceNotFoundError(
            f"no store here: {MANIFEST_NAME} is missing",
            path=target.url,
            hint="write one with ioarchive.convert(mirror, store) or `ioarchive convert`",
        )
    _check(manifest, target)
    access = FileAccess(storage_options or None, None, False)
    backend = _ParquetScan(target.polars_options())
    return Catalog(target.url, _files(manifest, target), access, {}, backend)


def _check(manifest: Manifest, target: Target) -> None:
    sizes = target.sizes()
    for dataset in manifest.datasets:
        for output in dataset.outputs:
            found = sizes.get(output.path)
            if found == output.bytes:
                continue
            problem = (
                "a file the manifest lists is missing"
                if found is None
                else f"the file has {found} bytes, the manifest says {output.bytes}"
            )
            raise StoreError(
                problem,
                path=target.url_of(output.path),
                hint="the store was changed or a conversion was interrupted; run convert "
                "again to repair it",
            )


def _files(manifest: Manifest, target: Target) -> pl.DataFrame:
    rows = [
        {
            "url": target.url_of(output.path),
            "path": output.path,
            "name": output.path.rsplit("/", 1)[-1],
            "container": None,
            "campaign": dataset.campaign,
            "known": dataset.known,
            "kind": output.kind,
            "hashed": dataset.hashed,
            "part": source.part,
            "part_order": source.part_order,
            "compression": None,
            "size": output.bytes,
            "era": source.era,
            "used": True,
            "note": source.path,
            "identity": f"rows={output.rows}",
        }
        for dataset in manifest.datasets
        for source, output in zip(dataset.sources, dataset.outputs, strict=True)
    ]
    return pl.DataFrame(rows, schema=FILES_SCHEMA)
