"""Engagement metrics, counted over original tweets, replies and quotes only."""

from __future__ import annotations

import polars as pl

from ioarchive.metrics._groups import By, keys

__all__ = ["engagement"]

_COUNTS = ("like_count", "retweet_count", "reply_count", "quote_count")


def engagement(tweets: pl.LazyFrame, /, *, by: By = None) -> pl.LazyFrame:
    """Sum, mean and median of likes, retweets, replies and quotes received, retweets left out.

    The archive stores 0 or nothing in the engagement counts of retweets (the counts belong to
    the retweeted tweet); counting those rows would drag every mean towards zero. Empty counts
    on other tweets are left out of that count's statistics.

    Args:
        tweets: Tweets in the canonical schema.
        by: Grouping columns; None for the whole frame.

    Returns:
        One row per group: the ``by`` columns, ``tweets`` (UInt32: non-retweets), then for each
        of ``like``, ``retweet``, ``reply``, ``quote``: ``<name>_sum`` (Int64), ``<name>_mean``
        and ``<name>_median`` (Float64).

    Examples:
        >>> import polars as pl
        >>> lf = pl.LazyFrame({"is_retweet": [False, False, True], "like_count": [1, 5, 0],
        ...     "retweet_count": [0, 2, 0], "reply_count": [0, 0, 0], "quote_count": [0, 0, 0]})
        >>> engagement(lf).collect().select("tweets", "like_sum", "like_mean", "like_median").row(0)
        (2, 6, 3.0, 3.0)
    """
    group = keys(by)
    own = tweets.filter(~pl.col("is_retweet").fill_null(False))
    stats = [pl.len().cast(pl.UInt32).alias("tweets")]
    for column in _COUNTS:
        name = column.removesuffix("_count")
        stats += [
            pl.col(column).sum().cast(pl.Int64).alias(f"{name}_sum"),
            pl.col(column).mean().alias(f"{name}_mean"),
            pl.col(column).median().cast(pl.Float64).alias(f"{name}_median"),
        ]
    if group:
        return own.group_by(group).agg(stats).sort(group, nulls_last=True)
    return own.select(stats)
