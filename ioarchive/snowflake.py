"""Exact tweet times from tweet ids (Twitter "snowflake" ids).

Since November 2010 a tweet id holds its creation time: the bits above the lowest 22 are the
milliseconds since Twitter's epoch ([`SNOWFLAKE_EPOCH_MS`][ioarchive.snowflake.SNOWFLAKE_EPOCH_MS]
after the Unix epoch), so

``ms = (tweetid >> 22) + 1288834974657``

(the lower 22 bits are a worker and sequence number). The archive's ``tweet_time`` keeps only
the minute; the id gives the millisecond, which retweet latency, burstiness and coordination
windows need. Older tweets have small sequential ids (below about 3e10) that hold no time:
for them every function here gives null.

Everything here is an expression, usable in ``select``, ``with_columns``, ``filter``,
``group_by().agg()`` and ``over()``.

Examples:
    >>> import polars as pl
    >>> from ioarchive.snowflake import exact_time
    >>> pl.select(exact_time(pl.lit(877919995476496385, pl.UInt64))).item()
    datetime.datetime(2017, 6, 22, 16, 3, 32, 543000, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
"""

from __future__ import annotations

import polars as pl

from ioarchive._polars import to_expr

__all__ = [
    "FIRST_SNOWFLAKE_ID",
    "SNOWFLAKE_EPOCH_MS",
    "exact_time",
    "is_snowflake",
    "snowflake_ms",
    "time_to_snowflake",
]

SNOWFLAKE_EPOCH_MS = 1288834974657
"""Twitter's epoch, in milliseconds since the Unix epoch (2010-11-04 01:42:54.657 UTC)."""

FIRST_SNOWFLAKE_ID = 30_000_000_000
"""The smallest id read as a snowflake.

Sequential ids ended below 3e10 (about 29.7 billion) when snowflakes began; a snowflake id
below 3e10 would be from the first 7 seconds after Twitter's epoch, before any was issued,
while the first real snowflakes were about 3e14 and up. So the line between the two is clear.
"""


def is_snowflake(column: str | pl.Expr = "tweetid") -> pl.Expr:
    """Tell whether each id is a snowflake (holds a time) rather than an older sequential id.

    Args:
        column: An integer column (name or expression) of tweet ids.

    Returns:
        A Boolean expression, one value per row; null for a null id.

    Examples:
        >>> import polars as pl
        >>> ids = pl.Series("tweetid", [20, 29700859247, 877919995476496385], dtype=pl.UInt64)
        >>> pl.DataFrame(ids).select(is_snowflake())["tweetid"].to_list()
        [False, False, True]
    """
    return to_expr(column).cast(pl.UInt64) >= FIRST_SNOWFLAKE_ID


def snowflake_ms(column: str | pl.Expr = "tweetid") -> pl.Expr:
    """Return the milliseconds since the Unix epoch held in a snowflake id; null for older ids.

    Args:
        column: An integer column (name or expression) of tweet ids, UInt64 as in the canonical
            schema (``tweetid``, ``retweet_tweetid``, ``in_reply_to_tweetid``,
            ``quoted_tweet_tweetid``).

    Returns:
        An Int64 expression, one value per row; null for a null or pre-snowflake id.

    Examples:
        >>> import polars as pl
        >>> pl.select(snowflake_ms(pl.lit(877919995476496385, pl.UInt64))).item()
        1498147412543
        >>> pl.select(snowflake_ms(pl.lit(12345, pl.UInt64))).item() is None
        True
    """
    e = to_expr(column).cast(pl.UInt64)
    ms = (e // (1 << 22)).cast(pl.Int64) + SNOWFLAKE_EPOCH_MS
    return pl.when(e >= FIRST_SNOWFLAKE_ID).then(ms)


def exact_time(column: str | pl.Expr = "tweetid") -> pl.Expr:
    """Return the exact instant a tweet was created, from its id; null for pre-snowflake ids.

    The result floored to the minute is the archive's ``tweet_time``.

    Args:
        column: An integer column (name or expression) of tweet ids: ``tweetid`` (the default),
            ``retweet_tweetid`` (when the retweeted tweet was posted), ...

    Returns:
        A ``Datetime("ms", "UTC")`` expression, one value per row, named like ``column``; null
        for a null or pre-snowflake id.

    Examples:
        >>> import polars as pl
        >>> ids = [1290403932421328896, 29700859247]
        >>> df = pl.DataFrame({"tweetid": ids}, schema={"tweetid": pl.UInt64})
        >>> df.with_columns(exact_time().alias("exact"))
        shape: (2, 2)
        ┌─────────────────────┬─────────────────────────────┐
        │ tweetid             ┆ exact                       │
        │ ---                 ┆ ---                         │
        │ u64                 ┆ datetime[ms, UTC]           │
        ╞═════════════════════╪═════════════════════════════╡
        │ 1290403932421328896 ┆ 2020-08-03 21:47:26.691 UTC │
        │ 29700859247         ┆ null                        │
        └─────────────────────┴─────────────────────────────┘
    """
    return snowflake_ms(column).cast(pl.Datetime("ms")).dt.replace_time_zone("UTC")


def time_to_snowflake(column: str | pl.Expr) -> pl.Expr:
    """Return the smallest snowflake id of a given instant: the inverse of ``exact_time``.

    Useful to filter on ids by time (``pl.col("tweetid") >= time_to_snowflake(...)`` keeps the
    tweets created at or after an instant) and to make test ids. Sub-millisecond parts are
    dropped; instants before the first snowflake give null.

    Args:
        column: A time-zone aware Datetime column (name or expression).

    Returns:
        A UInt64 expression, one value per row: the id with that millisecond and zero low bits.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> t = dt.datetime(2017, 6, 22, 16, 3, 32, 543000, tzinfo=dt.UTC)
        >>> pl.select(time_to_snowflake(pl.lit(t))).item()
        877919995475001344
        >>> pl.select(exact_time(time_to_snowflake(pl.lit(t)))).item() == t
        True
    """
    offset = to_expr(column).dt.epoch("ms") - SNOWFLAKE_EPOCH_MS
    tweetid = (offset.cast(pl.UInt64, strict=False) * (1 << 22)).cast(pl.UInt64)
    return pl.when((offset >= 0) & (tweetid >= FIRST_SNOWFLAKE_ID)).then(tweetid)
