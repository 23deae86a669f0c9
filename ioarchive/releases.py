"""The 48 datasets Twitter published, as a typed table.

Examples:
    >>> from ioarchive.releases import known_releases
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
"""Columns of :func:`known_releases`.

``campaign`` the dataset id as the archive spells it; ``release_folder`` the bucket folder
(``YYYY_MM``); ``announced`` the day Twitter announced the release (null where not known);
``entity`` who ran the operation; ``accounts_announced`` accounts Twitter reported;
``tweet_rows_reported`` rows of the tweets files where reported (else null);
``tweet_file_layout`` how the tweets file is split; ``notes`` naming and content quirks.
"""


@cache
def _read() -> pl.DataFrame:
    source = files("ioarchive") / "data" / "known_releases.csv"
    raw = pl.read_csv(source.read_bytes(), infer_schema=False)
    return raw.select(
        pl.col("campaign", "release_folder", "entity", "tweet_file_layout", "notes"),
        pl.col("announced").str.to_date("%Y-%m-%d", strict=True),
        pl.col("accounts_announced", "tweet_rows_reported").str.to_integer(strict=True),
    ).select(list(RELEASES_SCHEMA))


def known_releases() -> pl.DataFrame:
    """Return the 48 known datasets of the archive.

    Returns:
        A DataFrame in :data:`RELEASES_SCHEMA`, one row per dataset, in release order.

    Examples:
        >>> known_releases().row(0, named=True)["campaign"]
        'ira'
    """
    return _read().clone()


@cache
def known_campaigns() -> Mapping[str, str]:
    """Map each known campaign id, lowercased, to its spelling in the archive.

    Returns:
        ``{"cnhu_0621": "CNHU_0621", ...}``.

    Examples:
        >>> known_campaigns()["gru_202012"]
        'GRU_202012'
    """
    return MappingProxyType({c.lower(): c for c in _read()["campaign"]})
