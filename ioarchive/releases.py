"""The 48 datasets Twitter published, as a typed table.

The table ships with the package (``ioarchive/data/known_releases.csv``) and is read with
``importlib.resources``, so it works from a wheel, a zip import or any working directory.

Examples:
    >>> releases = known_releases()
    >>> releases.height
    48
    >>> releases.filter(pl.col("campaign") == "iran_092020")["tweet_rows_reported"].item()
    2450
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType

import polars as pl

__all__ = ["RELEASES_SCHEMA", "known_campaigns", "known_releases"]

RELEASES_SCHEMA: pl.Schema = pl.Schema(
    {
        "campaign": pl.String(),
        "release_folder": pl.String(),
        "announced": pl.Date(),
        "entity": pl.String(),
        "accounts_announced": pl.Int64(),
        "tweet_rows_reported": pl.Int64(),
        "tweet_file_layout": pl.String(),
        "notes": pl.String(),
    }
)
"""Columns and dtypes of [`known_releases`][ioarchive.releases.known_releases], in order (see its
docstring)."""

_DATA_FILE = "known_releases.csv"


@cache
def _read() -> pl.DataFrame:
    """Parse the packaged CSV once; the header must match ``RELEASES_SCHEMA`` exactly."""
    source = files("ioarchive") / "data" / _DATA_FILE
    return pl.read_csv(source.read_bytes(), schema=RELEASES_SCHEMA, has_header=True)


def known_releases() -> pl.DataFrame:
    """Return the 48 known datasets of the archive, one row per dataset, in release order.

    The table is parsed once per process and a fresh copy is returned on every call, so
    changing the result never changes what the next call returns.

    The columns:

    - ``campaign`` (String): the dataset id as the archive spells it, capitals included
      (``iran_201901_1``, ``GRU_202012``, ``CNHU_0621``). Unique, also case-insensitively.
    - ``release_folder`` (String): the bucket folder of the release, ``YYYY_MM``
      (``2020_12``).
    - ``announced`` (Date): the day Twitter announced the release; null where the day is
      not known (``ghana_nigeria_032020``).
    - ``entity`` (String): who ran the operation, or the country it came from.
    - ``accounts_announced`` (Int64): accounts Twitter reported for the dataset.
    - ``tweet_rows_reported`` (Int64): rows of the tweets file(s) where known, else null.
    - ``tweet_file_layout`` (String): how the tweets file is split (``single``,
      ``parts _1.._4``, ``one file per year``, ...).
    - ``notes`` (String): naming and content quirks; null where there are none.

    Returns:
        A DataFrame in [`RELEASES_SCHEMA`][ioarchive.releases.RELEASES_SCHEMA], 48 rows.

    Examples:
        >>> releases = known_releases()
        >>> releases.row(0, named=True)["campaign"]
        'ira'
        >>> releases.schema["announced"], releases.schema["tweet_rows_reported"]
        (Date, Int64)
        >>> releases.filter(pl.col("campaign") == "ghana_nigeria_032020")["announced"].item()
        >>> releases.filter(pl.col("campaign") == "CNHU_0621")["release_folder"].item()
        '2021_12'
    """
    return _read().clone()


@cache
def known_campaigns() -> Mapping[str, str]:
    """Map each known campaign id, lowercased, to its spelling in the archive.

    File names do not always keep the archive's capitals (``gru_202012`` for ``GRU_202012``),
    so names are matched lowercased and this gives back the canonical spelling.

    Returns:
        A read-only mapping with 48 entries, ``{"cnhu_0621": "CNHU_0621", "ira": "ira", ...}``.

    Examples:
        >>> known_campaigns()["gru_202012"]
        'GRU_202012'
        >>> "iran_201901_1" in known_campaigns(), "iran_201901" in known_campaigns()
        (True, False)
        >>> len(known_campaigns())
        48
    """
    return MappingProxyType({c.lower(): c for c in _read()["campaign"]})
