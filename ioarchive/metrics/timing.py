"""Timing metrics from exact (snowflake) times: burstiness of accounts, retweet latency."""

from __future__ import annotations

import polars as pl

from ioarchive.metrics._checks import check_at_least
from ioarchive.metrics._groups import ALL, By, keys
from ioarchive.snowflake import exact_time

__all__ = ["burstiness", "retweet_latency"]


def burstiness(tweets: pl.LazyFrame, /, *, by: By = "userid", min_tweets: int = 10) -> pl.LazyFrame:
    """Goh-Barabasi burstiness of each account's inter-tweet times, from exact (snowflake) times.

    With the mean ``m`` and standard deviation ``s`` (population, ``ddof=0``) of the gaps
    between an account's consecutive tweets, burstiness is ``B = (s - m) / (s + m)`` (Goh and
    Barabasi 2008): -1 for perfectly regular posting, about 0 for a Poisson process, towards 1
    for bursts. ``cv = s / m`` is the coefficient of variation (0 regular, 1 Poisson). Times are
    the millisecond instants held in ``tweetid`` (``tweet_time`` keeps only the minute, which
    would turn a burst within a minute into zero gaps); tweets with pre-snowflake ids are left
    out.

    Args:
        tweets: Tweets in the canonical schema (``tweetid`` and the ``by`` columns are read).
        by: The account columns (``"userid"``, or ``["campaign", "userid"]`` over several
            datasets); None treats the whole frame as one stream.
        min_tweets: Accounts with fewer timed tweets are left out (at least 3 are needed for
            two gaps; 10 or more give a stable estimate).

    Returns:
        One row per group with at least ``min_tweets`` timed tweets: the ``by`` columns,
        ``tweets`` (UInt32), ``mean_gap_seconds``, ``std_gap_seconds``, ``cv`` (null when the
        mean gap is 0), ``burstiness`` (Float64, in [-1, 1]; null when all gaps are 0); sorted
        by the ``by`` columns.

    Examples:
        >>> import polars as pl
        >>> start = 1290403932421328896
        >>> ids = [start + ((s * 1000) << 22) for s in (0, 10, 20, 30)]  # every 10 s
        >>> lf = pl.LazyFrame({"userid": ["a"] * 4, "tweetid": pl.Series(ids, dtype=pl.UInt64)})
        >>> burstiness(lf, min_tweets=2).collect().row(0)
        ('a', 4, 10.0, 0.0, 0.0, -1.0)
    """
    check_at_least("min_tweets", min_tweets, 2)
    group = keys(by)
    keyed = group or [ALL]
    seconds = exact_time("tweetid").dt.epoch("ms").cast(pl.Float64) / 1000
    gaps = (
        tweets.select(*group, seconds.alias("_t"))
        .drop_nulls("_t")
        .with_columns(pl.lit(True).alias(ALL))
        .group_by(keyed)
        .agg(
            pl.len().cast(pl.UInt32).alias("tweets"),
            pl.col("_t").sort().diff().drop_nulls().alias("_gaps"),
        )
        .filter(pl.col("tweets") >= min_tweets)
    )
    m = pl.col("_gaps").list.mean()
    s = pl.col("_gaps").list.std(ddof=0)
    return gaps.select(
        *group,
        "tweets",
        m.alias("mean_gap_seconds"),
        s.alias("std_gap_seconds"),
        pl.when(m > 0).then(s / m).alias("cv"),
        pl.when(s + m > 0).then((s - m) / (s + m)).alias("burstiness"),
    ).sort(group, nulls_last=True)


def retweet_latency(tweets: pl.LazyFrame, /) -> pl.LazyFrame:
    """Seconds from each retweeted tweet to its retweet, from the two snowflake ids.

    Both instants come from the ids ([`exact_time`][ioarchive.snowflake.exact_time]), to the
    millisecond; the archive's minute-truncated ``tweet_time`` could not give latencies under
    a minute, which is where coordinated retweeting shows.

    Args:
        tweets: Tweets in the canonical schema.

    Returns:
        One row per retweet with a ``retweet_tweetid``, in input order: ``campaign``,
        ``tweetid``, ``userid``, ``retweet_tweetid``, ``retweet_userid`` (as in the schema),
        ``latency_seconds`` (Float64, ms precision; null when either id is pre-snowflake).
        Aggregate it with ``group_by(...).agg(pl.col("latency_seconds").median())``.

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> source = 1290403932421328896
        >>> row = {"tweetid": source + (1500 << 22), "retweet_tweetid": source, "is_retweet": True}
        >>> out = retweet_latency(pl.LazyFrame([row], schema=TWEET_SCHEMA)).collect()
        >>> out["latency_seconds"].item()
        1.5
    """
    retweets = tweets.filter(
        pl.col("is_retweet").fill_null(False) & pl.col("retweet_tweetid").is_not_null()
    )
    latency = exact_time("tweetid") - exact_time("retweet_tweetid")
    return retweets.select(
        "campaign",
        "tweetid",
        "userid",
        "retweet_tweetid",
        "retweet_userid",
        (latency.dt.total_milliseconds() / 1000).alias("latency_seconds"),
    )
