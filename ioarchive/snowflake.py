"""Exact tweet times from tweet ids (Twitter "snowflake" ids).

Since 4 November 2010 a tweet id holds its creation time: the milliseconds since Twitter's
epoch (1288834974657 ms after the Unix epoch) shifted left by 22 bits. The archive's
``tweet_time`` keeps only the minute; the id gives the millisecond, which retweet latency and
coordination windows need. Older tweets have small sequential ids that hold no time.

Examples:
    >>> import polars as pl
    >>> from ioarchive.snowflake import exact_time
    >>> pl.select(exact_time(pl.lit(877919995476496385, pl.UInt64))).item()
    datetime.datetime(2017, 6, 22, 16, 3, 32, 543000, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
"""

from __future__ import annotations

import polars as pl

__all__ = ["FIRST_SNOWFLAKE_ID", "SNOWFLAKE_EPOCH_MS", "exact_time", "snowflake_ms"]

SNOWFLAKE_EPOCH_MS = 1288834974657
"""Twitter's epoch, in milliseconds since the Unix epoch (2010-11-04 01:42:54.657 UTC)."""

FIRST_SNOWFLAKE_ID = 30_000_000_000
"""Ids below this are pre-snowflake sequential ids (the last were about 2.97e10), with no time."""


def _col(col: str | pl.Expr) -> pl.Expr:
    return pl.col(col) if isinstance(col, str) else col


def snowflake_ms(col: str | pl.Expr = "tweetid") -> pl.Expr:
    """Milliseconds since the Unix epoch held in a snowflake id; null for older ids.

    Args:
        col: A UInt64 (or integer) column of tweet ids.

    Returns:
        An Int64 expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.select(snowflake_ms(pl.lit(12345, pl.UInt64))).item() is None
        True
    """
    e = _col(col).cast(pl.UInt64)
    ms = (e // (1 << 22)).cast(pl.Int64) + SNOWFLAKE_EPOCH_MS
    return pl.when(e >= FIRST_SNOWFLAKE_ID).then(ms)


def exact_time(col: str | pl.Expr = "tweetid") -> pl.Expr:
    """The exact instant a tweet was created, from its id; null for pre-snowflake ids.

    Args:
        col: A UInt64 column of tweet ids (``tweetid``, ``retweet_tweetid``, ...).

    Returns:
        A ``Datetime("ms", "UTC")`` expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> ids = [1290403932421328896, 29700859247]
        >>> df = pl.DataFrame({"tweetid": ids}, schema={"tweetid": pl.UInt64})
        >>> df.select(exact_time())["tweetid"].dt.to_string("%Y-%m-%d %H:%M:%S%.3f").to_list()
        ['2020-08-03 21:47:26.691', None]
    """
    return pl.from_epoch(snowflake_ms(col), time_unit="ms").dt.replace_time_zone("UTC")
