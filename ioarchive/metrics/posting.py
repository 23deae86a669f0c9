"""Activity metrics: tweets over time, posting profiles, tweet types, per-account activity."""

from __future__ import annotations

import polars as pl

from ioarchive.metrics._checks import check_duration, check_time_zone
from ioarchive.metrics._groups import By, fill_periods, keys, share
from ioarchive.metrics.expressions import TWEET_TYPE, tweet_type

__all__ = [
    "account_activity",
    "activity",
    "posting_profile",
    "tweet_types",
]


def _grid(counts: pl.LazyFrame, group: list[str], cells: pl.LazyFrame) -> pl.LazyFrame:
    """Every group of ``counts`` crossed with ``cells``: the rows a complete result must have."""
    if not group:
        return cells
    return counts.select(group).unique().join(cells, how="cross")


def activity(
    tweets: pl.LazyFrame,
    /,
    *,
    every: str = "1d",
    by: By = None,
    fill_gaps: bool = False,
    time: str = "tweet_time",
) -> pl.LazyFrame:
    """Count tweets per period.

    Periods are ``time`` truncated to ``every`` (``"1w"`` periods start on Mondays, ``"1mo"``
    on the first of the month, all in UTC). Rows with a null time are not counted.

    Args:
        tweets: Tweets (any frame with a datetime column).
        every: A Polars duration: ``"1h"``, ``"1d"``, ``"1w"``, ``"1mo"``, ``"90m"``, ...
        by: Grouping columns (e.g. ``"campaign"``, ``["campaign", "userid"]``); None counts
            the whole frame as one group.
        fill_gaps: Add, with 0 tweets, the periods without a tweet between each group's first
            and last period (computed inside the query: nothing is collected).
        time: The datetime column (``tweet_time``; or one made with
            [`exact_time`][ioarchive.snowflake.exact_time]).

    Returns:
        One row per group and period: the ``by`` columns, ``period`` (the period's start, the
        dtype of ``time``), ``tweets`` (UInt32); sorted by group then period.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> days = [dt.datetime(2020, 1, d, 9, tzinfo=dt.UTC) for d in (1, 1, 3)]
        >>> lf = pl.LazyFrame({"campaign": ["a", "a", "a"], "tweet_time": days})
        >>> activity(lf, by="campaign", fill_gaps=True).collect()
        shape: (3, 3)
        ┌──────────┬─────────────────────────┬────────┐
        │ campaign ┆ period                  ┆ tweets │
        │ ---      ┆ ---                     ┆ ---    │
        │ str      ┆ datetime[μs, UTC]       ┆ u32    │
        ╞══════════╪═════════════════════════╪════════╡
        │ a        ┆ 2020-01-01 00:00:00 UTC ┆ 2      │
        │ a        ┆ 2020-01-02 00:00:00 UTC ┆ 0      │
        │ a        ┆ 2020-01-03 00:00:00 UTC ┆ 1      │
        └──────────┴─────────────────────────┴────────┘
    """
    check_duration("every", every)
    group = keys(by)
    counts = (
        tweets.filter(pl.col(time).is_not_null())
        .group_by(*group, pl.col(time).dt.truncate(every).alias("period"))
        .agg(pl.len().cast(pl.UInt32).alias("tweets"))
    )
    if fill_gaps:
        span = pl.datetime_range(pl.col("period").min(), pl.col("period").max(), every)
        counts = fill_periods(counts, group, span, "tweets")
    return counts.sort(*group, "period", nulls_last=True)


def posting_profile(
    tweets: pl.LazyFrame, /, *, tz: str = "UTC", by: By = None, time: str = "tweet_time"
) -> pl.LazyFrame:
    """Count tweets by weekday and hour in a time zone: when the accounts post.

    Local weekday and hour follow the zone's rules on each tweet's date (daylight saving
    included). Rows with a null time are not counted.

    Args:
        tweets: Tweets.
        tz: An IANA time zone (``"Europe/Moscow"``, ``"Asia/Tehran"``, ...).
        by: Grouping columns; None for the whole frame.
        time: The datetime column, time-zone aware (``tweet_time`` is UTC).

    Returns:
        168 rows per group (every weekday x hour, zeros included): the ``by`` columns,
        ``weekday`` (Int8, 1 = Monday to 7 = Sunday), ``hour`` (Int8, 0-23), ``tweets``
        (UInt32), ``share`` (Float64 in [0, 1], of the group's tweets); sorted by group,
        weekday, hour.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> lf = pl.LazyFrame({"tweet_time": [dt.datetime(2020, 1, 6, 23, tzinfo=dt.UTC)]})
        >>> out = posting_profile(lf, tz="Asia/Tehran").collect()
        >>> out.height, out.filter(pl.col("tweets") > 0).rows()
        (168, [(2, 2, 1, 1.0)])
    """
    check_time_zone("tz", tz)
    group = keys(by)
    local = pl.col(time).dt.convert_time_zone(tz)
    counts = (
        tweets.filter(pl.col(time).is_not_null())
        .group_by(
            *group,
            local.dt.weekday().cast(pl.Int8).alias("weekday"),
            local.dt.hour().cast(pl.Int8).alias("hour"),
        )
        .agg(pl.len().cast(pl.UInt32).alias("tweets"))
    )
    cells = pl.LazyFrame({"weekday": pl.int_range(1, 8, dtype=pl.Int8, eager=True)}).join(
        pl.LazyFrame({"hour": pl.int_range(0, 24, dtype=pl.Int8, eager=True)}), how="cross"
    )
    return (
        _grid(counts, group, cells)
        .join(counts, on=[*group, "weekday", "hour"], how="left", nulls_equal=True)
        .with_columns(pl.col("tweets").fill_null(0))
        .with_columns(share("tweets", group).alias("share"))
        .sort(*group, "weekday", "hour", nulls_last=True)
    )


def tweet_types(tweets: pl.LazyFrame, /, *, by: By = None) -> pl.LazyFrame:
    """Count and share of original tweets, retweets, replies and quotes.

    Types follow [`tweet_type`][ioarchive.metrics.tweet_type] (precedence retweet > quote > reply >
    original, so each tweet has exactly one type and the four shares sum to 1).

    Args:
        tweets: Tweets in the canonical schema (``is_retweet``, ``quoted_tweet_tweetid``,
            ``in_reply_to_tweetid`` and ``in_reply_to_userid`` are read).
        by: Grouping columns; None for the whole frame.

    Returns:
        Four rows per group (zeros included): the ``by`` columns, ``tweet_type``
        ([`TWEET_TYPE`][ioarchive.metrics.TWEET_TYPE]), ``tweets`` (UInt32), ``share`` (Float64 in
        [0, 1], of the group's tweets); sorted by group then type (original, retweet, reply,
        quote).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> rows = [{"is_retweet": True}, {"is_retweet": False}, {"in_reply_to_userid": "9"}]
        >>> tweet_types(pl.LazyFrame(rows, schema=TWEET_SCHEMA)).collect()
        shape: (4, 3)
        ┌────────────┬────────┬──────────┐
        │ tweet_type ┆ tweets ┆ share    │
        │ ---        ┆ ---    ┆ ---      │
        │ enum       ┆ u32    ┆ f64      │
        ╞════════════╪════════╪══════════╡
        │ original   ┆ 1      ┆ 0.333333 │
        │ retweet    ┆ 1      ┆ 0.333333 │
        │ reply      ┆ 1      ┆ 0.333333 │
        │ quote      ┆ 0      ┆ 0.0      │
        └────────────┴────────┴──────────┘
    """
    group = keys(by)
    counts = tweets.group_by(*group, tweet_type()).agg(pl.len().cast(pl.UInt32).alias("tweets"))
    types = pl.LazyFrame({"tweet_type": pl.Series(TWEET_TYPE.categories, dtype=TWEET_TYPE)})
    return (
        _grid(counts, group, types)
        .join(counts, on=[*group, "tweet_type"], how="left", nulls_equal=True)
        .with_columns(pl.col("tweets").fill_null(0))
        .with_columns(share("tweets", group).alias("share"))
        .sort(*group, "tweet_type", nulls_last=True)
    )


def account_activity(tweets: pl.LazyFrame, /, *, by: By = ("campaign", "userid")) -> pl.LazyFrame:
    """Per account: tweets, active days, first and last tweet, tweet-type shares.

    Args:
        tweets: Tweets in the canonical schema.
        by: The columns that identify an account. The default, ``campaign`` and ``userid``,
            keeps a hash scoped to its dataset (see [`ioarchive.identity`][ioarchive.identity]); use
            ``"userid"`` within one campaign.

    Returns:
        One row per account: the ``by`` columns, ``tweets`` (UInt32), ``active_days``
        (UInt32: distinct UTC days with a tweet), ``first_tweet``, ``last_tweet`` (the dtype of
        ``tweet_time``), ``tweets_per_active_day`` (Float64), ``share_original``,
        ``share_retweet``, ``share_reply``, ``share_quote`` (Float64 in [0, 1], summing to 1);
        sorted by the ``by`` columns.

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
    names = TWEET_TYPE.categories
    shares = [f"share_{name}" for name in names]
    # Distinct days by bits: per account and 64-day block, the OR of one bit per tweet's day;
    # then the bits set, summed. An n_unique of days per account made the streaming engine
    # keep every day of every tweet (memory grew with the tweets); this state is one UInt64
    # per account and block.
    day = pl.col("tweet_time").dt.date().cast(pl.Int32)
    block = day // 64
    bit = pl.lit(2, pl.UInt64).pow((day - block * 64).cast(pl.UInt64))
    # Day, bit and type are computed once per row before the aggregation: inside it, each use
    # of an expression is evaluated again (the type five times), which doubled the run time.
    rows = tweets.select(
        *group,
        "tweet_time",
        block.alias("_block"),
        bit.alias("_bit"),
        tweet_type().to_physical().alias("_kind"),
    )
    per_block = rows.group_by(*group, "_block").agg(
        pl.len().alias("_n"),
        pl.col("_bit").bitwise_or().alias("_days"),
        pl.col("tweet_time").min().alias("first_tweet"),
        pl.col("tweet_time").max().alias("last_tweet"),
        *[(pl.col("_kind") == code).sum().alias(f"_{name}") for code, name in enumerate(names)],
    )
    return (
        per_block.group_by(group)
        .agg(
            pl.col("_n").sum().cast(pl.UInt32).alias("tweets"),
            pl.col("_days").bitwise_count_ones().sum().cast(pl.UInt32).alias("active_days"),
            pl.col("first_tweet").min(),
            pl.col("last_tweet").max(),
            *[
                (pl.col(f"_{name}").sum() / pl.col("_n").sum()).alias(s)
                for name, s in zip(names, shares, strict=True)
            ],
        )
        .with_columns(
            pl.when(pl.col("active_days") > 0)
            .then(pl.col("tweets") / pl.col("active_days"))
            .alias("tweets_per_active_day")
        )
        .select(
            *group,
            "tweets",
            "active_days",
            "first_tweet",
            "last_tweet",
            "tweets_per_active_day",
            *shares,
        )
        .sort(group, nulls_last=True)
    )
