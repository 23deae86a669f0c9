"""Where everything is in a store: the hive layout, the manifest's name, the Parquet settings.

A store is a folder (or an object-storage prefix) of plain hive-partitioned Parquet::

    STORE/
      _ioarchive_store.json                      the manifest (see ioarchive.store.manifest)
      campaign=<id>/copy=<hashed|unhashed>/kind=<tweets|users>/part-<NNNNN>.parquet
      _staging/                                  work in progress (removed when done)

One Parquet file per source file, numbered in part order within its kind. The files hold the
canonical columns except ``campaign``, which is the ``campaign=`` partition (as hive
partitioning expects: DuckDB, Spark and pyarrow read it back as a column). The Parquet
settings (zstd level 3, 100,000-row groups, statistics) were chosen by measurement: none of the
alternatives wrote faster (see each constant).

Examples:
    >>> part_path("iran_202012", hashed=True, kind="tweets", index=0)
    'campaign=iran_202012/copy=hashed/kind=tweets/part-00000.parquet'
    >>> dataset_dir("iran_202012", hashed=False)
    'campaign=iran_202012/copy=unhashed'
"""

from __future__ import annotations

from typing import Final, Literal
from urllib.parse import quote

import polars as pl

__all__ = [
    "COMPRESSION",
    "COMPRESSION_LEVEL",
    "FORMAT",
    "FORMAT_VERSION",
    "HIVE_SCHEMA",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "ROW_GROUP_ROWS",
    "STAGING_DIR",
    "copy_name",
    "dataset_dir",
    "part_path",
]

FORMAT = "ioarchive-store"
"""The manifest's ``format`` field: what kind of folder this is."""

FORMAT_VERSION = 1
"""The store format this version of ioarchive writes and reads.

It changes when the layout, the manifest or the canonical schema changes in a way an older
reader would misread; a store of another version must be converted again.
"""

MANIFEST_NAME = "_ioarchive_store.json"
"""The manifest's file name at the store's root (a leading ``_``: Spark and Hive skip it)."""

LOCK_NAME = "_ioarchive_store.lock"
"""The lock file a conversion holds at the store's root while it writes (who, since when)."""

STAGING_DIR = "_staging"
"""Where a dataset is written before it is moved into place (skipped by hive readers)."""

COMPRESSION: Final[Literal["zstd"]] = "zstd"
"""Parquet compression codec: zstd, which every Parquet reader supports.

Measured on the 1M-tweet bench file (``bench/store.py``): lz4 and snappy were no faster to
write (encoding, not compression, is the writer's cost) and made the file 50% larger.
"""

COMPRESSION_LEVEL = 3
"""zstd's default level: level 1 wrote no faster (the same CPU time) and 9% larger files."""

ROW_GROUP_ROWS = 100_000
"""Rows per Parquet row group.

About 10-20 MB of compressed tweets per group: large enough that per-group overhead (footer
entries, statistics, one task per group) stays small, small enough that a 1-million-tweet file
has ten groups to spread over cores, that min/max statistics on ``tweet_time`` and ``tweetid``
can skip groups, and that a reader holds one group's decoded columns at a time. One group per
file or 250,000 rows wrote no faster; statistics cost nothing measurable.
"""

HIVE_SCHEMA: pl.Schema = pl.Schema(
    {"campaign": pl.String(), "copy": pl.String(), "kind": pl.String()}
)
"""The partition columns and their types (all strings: a campaign id is never a number)."""


def copy_name(hashed: bool) -> str:
    """Return the ``copy=`` value: ``hashed`` or ``unhashed``."""
    return "hashed" if hashed else "unhashed"


def dataset_dir(campaign: str, *, hashed: bool) -> str:
    """Return a dataset's folder under the store root (campaign ids are percent-encoded)."""
    return f"campaign={quote(campaign, safe='')}/copy={copy_name(hashed)}"


def part_path(campaign: str, *, hashed: bool, kind: str, index: int) -> str:
    """Return the path of one Parquet file under the store root."""
    return f"{dataset_dir(campaign, hashed=hashed)}/kind={kind}/part-{index:05d}.parquet"
