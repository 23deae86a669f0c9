"""Activity metrics: tweets over time, posting profiles, tweet types, per-account activity."""

from __future__ import annotations

import polars as pl

from ioarchive.metrics._expr import TWEET_TYPE, By, keys, tweet_type
from ioarchive.snowflake import exact_time

__all__ = [
    "account_activity",
    "activity",
    "burstiness",
    "posting_profile",
    "retweet_latency",
    "tweet_types",
]


def _shares(count: str, group: list[str]) -> pl.Expr:
    total = pl.col(count).sum().over(group) if group else pl.col(count).sum()
    return (pl.col(count) / total).cast(pl.Float64)


def activity(
    lf: pl.LazyFrame,
    /,
    *,
    every: str = "1d",
    by: By = None,
    fill_gaps: bool = False,
    time: str = "tweet_time",
) -> pl.LazyFrame:
    """Count tweets per period.

    Args:
        lf: Tweets (any frame with a datetime column).
        every: A Polars duration: ``"1h"``, ``"1d"``, ``"1w"``, ``"1mo"``, ...
        by: Grouping columns (e.g. ``"campaign"``); None for the whole frame.
        fill_gaps: Add the periods with no tweet between each group's first and last period,
            with 0.
        time: The datetime column.

    Returns:
        One row per group and period: the ``by`` columns, ``period`` (the period's start, the
        dtype of ``time``), ``tweets`` (UInt32); sorted by group then period.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> days = [dt.datetime(2020, 1, d, tzinfo=dt.UTC) for d in (1, 1, 3)]
        >>> lf = pl.LazyFrame({"tweet_time": days})
        >>> activity(lf, fill_gaps=True).collect()["tweets"].to_list()
        [2, 0, 1]
    """
    group = keys(by)
    counts = lf.group_by(*group, pl.col(time).dt.truncate(every).alias("period")).agg(
        pl.len().alias("tweets")
    )
    if fill_gaps:
        span = pl.datetime_range(pl.col("period").min(), pl.col("period").max(), every)
        if group:
            grid = counts.group_by(group).agg(span.alias("period")).explode("period")
        else:
            grid = counts.select(span.alias("period"))
        counts = grid.join(counts, on=[*group, "period"], how="left").with_columns(
            pl.col("tweets").fill_null(0)
        )
    return counts.with_columns(pl.col("tweets").cast(pl.UInt32)).sort(*group, "period")


def posting_profile(
    lf: pl.LazyFrame, /, *, tz: str = "UTC", by: By = None, time: str = "tweet_time"
) -> pl.LazyFrame:
    """Count tweets by weekday and hour in a time zone: when the accounts post.

    Args:
        lf: Tweets.
        tz: An IANA time zone (``"Europe/Moscow"``, ``"Asia/Tehran"``, ...).
        by: Grouping columns; None for the whole frame.
        time: The UTC datetime column.

    Returns:
        168 rows per group (every weekday x hour, zeros included): the ``by`` columns,
        ``weekday`` (Int8, 1 = Monday), ``hour`` (Int8), ``tweets`` (UInt32), ``share``
        (Float64, of the group's tweets); sorted by group, weekday, hour.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> lf = pl.LazyFrame({"tweet_time": [dt.datetime(2020, 1, 6, 23, tzinfo=dt.UTC)]})
        >>> out = posting_profile(lf, tz="Asia/Tehran").filter(pl.col("tweets") > 0).collect()
        >>> out.select("weekday", "hour", "share").row(0)
        (2, 2, 1.0)
    """
    group = keys(by)
    local = pl.col(time).dt.convert_time_zone(tz)
    counts = lf.group_by(
        *group,
        local.dt.weekday().cast(pl.Int8).alias("weekday"),
        local.dt.hour().cast(pl.Int8).alias("hour"),
    ).agg(pl.len().alias("tweets"))
    cells = pl.LazyFrame({"weekday": pl.int_range(1, 8, dtype=pl.Int8, eager=True)}).join(
        pl.LazyFrame({"hour": pl.int_range(0, 24, dtype=pl.Int8, eager=True)}), how="cross"
    )
    grid = lf.select(group).unique().join(cells, how="cross") if group else cells
    return (
        grid.join(counts, on=[*group, "weekday", "hour"], how="left")
        .with_columns(pl.col("tweets").fill_null(0).cast(pl.UInt32))
        .with_columns(_shares("tweets", group).fill_nan(None).alias("share"))
        .sort(*group, "weekday", "hour")
    )


def tweet_types(lf: pl.LazyFrame, /, *, by: By = None) -> pl.LazyFrame:
    """Count and share of original tweets, retweets, replies and quotes.

    Types follow :func:`~ioarchive.metrics.tweet_type` (retweet, then quote, then reply).

    Args:
        lf: Tweets in the canonical schema.
        by: Grouping columns; None for the whole frame.

    Returns:
        Four rows per group (zeros included): the ``by`` columns, ``tweet_type``
        (:data:`~ioarchive.metrics.TWEET_TYPE`), ``tweets`` (UInt32), ``share`` (Float64).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> lf = pl.LazyFrame([{"is_retweet": True}, {"is_retweet": False}], schema=TWEET_SCHEMA)
        >>> tweet_types(lf).collect().select("tweet_type", "tweets").rows()
        [('original', 1), ('retweet', 1), ('reply', 0), ('quote', 0)]
    """
    group = keys(by)
    counts = lf.group_by(*group, tweet_type()).agg(pl.len().alias("tweets"))
    types = pl.LazyFrame({"tweet_type": pl.Series(TWEET_TYPE.categories, dtype=TWEET_TYPE)})
    grid = lf.select(group).unique().join(types, how="cross") if group else types
    return (
        grid.join(counts, on=[*group, "tweet_type"], how="left")
        .with_columns(pl.col("tweets").fill_null(0).cast(pl.UInt32))
        .with_columns(_shares("tweets", group).fill_nan(None).alias("share"))
        .sort(*group, "tweet_type")
    )


def account_activity(lf: pl.LazyFrame, /, *, by: By = ("campaign", "userid")) -> pl.LazyFrame:
    """Per account: tweets, active days, first and last tweet, tweet-type shares.

    Args:
        lf: Tweets in the canonical schema.
        by: The account columns (default ``campaign`` and ``userid``).

    Returns:
        One row per account: the ``by`` columns, ``tweets`` (UInt32), ``active_days``
        (UInt32: distinct UTC days with a tweet), ``first_tweet``, ``last_tweet`` (Datetime),
        ``tweets_per_active_day`` (Float64), ``share_original``, ``share_retweet``,
        ``share_reply``, ``share_quote`` (Float64); sorted by the ``by`` columns.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> t = [dt.datetime(2020, 1, d, tzinfo=dt.UTC) for d in (1, 1, 2)]
        >>> rows = [{"userid": "a", "tweet_time": x, "is_retweet": x.day == 2} for x in t]
        >>> out = account_activity(pl.LazyFrame(rows, schema=TWEET_SCHEMA), by="userid").collect()
        >>> out.select("tweets", "active_days", "tweets_per_active_day", "share_retweet").row(0)
        (3, 2, 1.5, 0.3333333333333333)
    """
    group = keys(by)
    kind = tweet_type()
    return (
        lf.group_by(group)
        .agg(
            pl.len().cast(pl.UInt32).alias("tweets"),
            pl.col("tweet_time").dt.date().n_unique().cast(pl.UInt32).alias("active_days"),
            pl.col("tweet_time").min().alias("first_tweet"),
            pl.col("tweet_time").max().alias("last_tweet"),
            *[(kind == name).mean().alias(f"share_{name}") for name in TWEET_TYPE.categories],
        )
        .with_columns((pl.col("tweets") / pl.col("active_days")).alias("tweets_per_active_day"))
        .select(
            *group,
            "tweets",
            "active_days",
            "first_tweet",
            "last_tweet",
            "tweets_per_active_day",
            *[f"share_{name}" for name in TWEET_TYPE.categories],
        )
        .sort(group)
    )


def burstiness(lf: pl.LazyFrame, /, *, by: By = "userid", min_tweets: int = 10) -> pl.LazyFrame:
    """Goh-Barabasi burstiness of each account's inter-tweet times, from exact (snowflake) times.

    With the mean ``m`` and standard deviation ``s`` (population) of the gaps between an
    account's consecutive tweets, burstiness is ``(s - m) / (s + m)``: -1 for perfectly regular
    posting, about 0 for a Poisson process, towards 1 for bursts. Tweets with pre-snowflake ids
    (no exact time) are left out.

    Args:
        lf: Tweets in the canonical schema.
        by: The account columns.
        min_tweets: Accounts with fewer timed tweets are left out.

    Returns:
        One row per account with enough tweets: the ``by`` columns, ``tweets`` (UInt32),
        ``mean_gap_seconds``, ``std_gap_seconds``, ``cv`` (``s / m``), ``burstiness``
        (Float64; null when all gaps are 0); sorted by the ``by`` columns.

    Examples:
        >>> import polars as pl
        >>> start = 1290403932421328896
        >>> ids = [start + ((s * 1000) << 22) for s in (0, 10, 20, 30)]  # every 10 s
        >>> lf = pl.LazyFrame({"userid": ["a"] * 4, "tweetid": pl.Series(ids, dtype=pl.UInt64)})
        >>> burstiness(lf, min_tweets=2).collect()["burstiness"].to_list()
        [-1.0]
    """
    group = keys(by)
    seconds = exact_time("tweetid").dt.epoch("ms").cast(pl.Float64) / 1000
    gaps = (
        lf.select(*group, seconds.alias("_t"))
        .drop_nulls("_t")
        .group_by(group)
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
    ).sort(group)


def retweet_latency(lf: pl.LazyFrame, /) -> pl.LazyFrame:
    """Seconds from each retweeted tweet to its retweet, from the two snowflake ids.

    Args:
        lf: Tweets in the canonical schema.

    Returns:
        One row per retweet with a ``retweet_tweetid``: ``campaign``, ``tweetid``, ``userid``,
        ``retweet_tweetid``, ``retweet_userid``, ``latency_seconds`` (Float64, ms precision;
        null when either id is pre-snowflake).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> source = 1290403932421328896
        >>> row = {"tweetid": source + (1500 << 22), "retweet_tweetid": source, "is_retweet": True}
        >>> out = retweet_latency(pl.LazyFrame([row], schema=TWEET_SCHEMA)).collect()
        >>> out["latency_seconds"].item()
        1.5
    """
    retweets = lf.filter(
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
