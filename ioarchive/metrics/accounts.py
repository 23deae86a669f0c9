"""Account metrics: creation cohorts, batch creation, and a per-campaign summary."""

from __future__ import annotations

import polars as pl

from ioarchive.identity import is_hashed
from ioarchive.metrics._expr import TWEET_TYPE, By, keys, tweet_type

__all__ = ["batch_creation", "creation_cohorts", "summary"]


def creation_cohorts(
    users: pl.LazyFrame, /, *, every: str = "1mo", by: By = None, fill_gaps: bool = False
) -> pl.LazyFrame:
    """Count accounts created per period (from ``account_creation_date``).

    Args:
        users: Users in the canonical schema.
        every: A Polars duration (``"1d"``, ``"1w"``, ``"1mo"``, ``"1y"``).
        by: Grouping columns; None for the whole frame.
        fill_gaps: Add empty periods between each group's first and last, with 0.

    Returns:
        One row per group and period: the ``by`` columns, ``period`` (Date, the period's
        start), ``accounts`` (UInt32); sorted by group then period.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> days = [dt.date(2014, 1, 5), dt.date(2014, 1, 9), dt.date(2014, 3, 1)]
        >>> lf = pl.LazyFrame({"account_creation_date": days})
        >>> creation_cohorts(lf, fill_gaps=True).collect()["accounts"].to_list()
        [2, 0, 1]
    """
    group = keys(by)
    counts = (
        users.filter(pl.col("account_creation_date").is_not_null())
        .group_by(*group, pl.col("account_creation_date").dt.truncate(every).alias("period"))
        .agg(pl.len().alias("accounts"))
    )
    if fill_gaps:
        span = pl.date_range(pl.col("period").min(), pl.col("period").max(), every)
        grid = (
            counts.group_by(group).agg(span.alias("period")).explode("period")
            if group
            else counts.select(span.alias("period"))
        )
        counts = grid.join(counts, on=[*group, "period"], how="left").with_columns(
            pl.col("accounts").fill_null(0)
        )
    return counts.with_columns(pl.col("accounts").cast(pl.UInt32)).sort(*group, "period")


def batch_creation(users: pl.LazyFrame, /, *, min_accounts: int = 5, by: By = None) -> pl.LazyFrame:
    """The days on which unusually many accounts were created (a sign of bulk registration).

    Args:
        users: Users in the canonical schema.
        min_accounts: A day is reported when at least this many accounts were created on it.
        by: Grouping columns; None for the whole frame.

    Returns:
        One row per reported group and day: the ``by`` columns, ``day`` (Date), ``accounts``
        (UInt32), ``share`` (Float64: of the group's accounts); sorted by group then day.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> days = [dt.date(2019, 5, 1)] * 3 + [dt.date(2019, 6, 1)]
        >>> lf = pl.LazyFrame({"account_creation_date": days})
        >>> batch_creation(lf, min_accounts=3).collect().rows()
        [(datetime.date(2019, 5, 1), 3, 0.75)]
    """
    group = keys(by)
    daily = creation_cohorts(users, every="1d", by=by).rename({"period": "day"})
    total = pl.col("accounts").sum().over(group) if group else pl.col("accounts").sum()
    return (
        daily.with_columns((pl.col("accounts") / total).alias("share"))
        .filter(pl.col("accounts") >= min_accounts)
        .sort(*group, "day")
    )


def summary(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """One row per campaign: the numbers a first look at a campaign needs.

    Accounts are the users file's accounts plus any tweet author missing from it.

    Args:
        tweets: Tweets in the canonical schema.
        users: Users in the canonical schema.

    Returns:
        One row per campaign: ``campaign``, ``accounts`` (UInt32), ``hashed_share``
        (Float64: of accounts), ``never_tweeted_share`` (Float64), ``tweets`` (UInt32),
        ``first_tweet``, ``last_tweet`` (Datetime UTC), ``top_languages`` (List(String): the
        three most frequent ``tweet_language``), ``share_original``, ``share_retweet``,
        ``share_reply``, ``share_quote`` (Float64); sorted by campaign.

    Examples:
        >>> import ioarchive
        >>> catalog = ioarchive.discover(ioarchive.synthetic.demo_archive_path())
        >>> out = summary(catalog.tweets(), catalog.users()).collect()
        >>> out.select("campaign", "tweets").rows()[0]
        ('ira', 400)
    """
    members = pl.concat(
        [users.select("campaign", "userid"), tweets.select("campaign", "userid")]
    ).unique()
    authors = (
        tweets.select("campaign", "userid").unique().with_columns(pl.lit(True).alias("_tweeted"))
    )
    account_stats = (
        members.join(authors, on=["campaign", "userid"], how="left")
        .group_by("campaign")
        .agg(
            pl.len().cast(pl.UInt32).alias("accounts"),
            is_hashed("userid").mean().alias("hashed_share"),
            pl.col("_tweeted").is_null().mean().alias("never_tweeted_share"),
        )
    )
    kind = tweet_type()
    tweet_stats = tweets.group_by("campaign").agg(
        pl.len().cast(pl.UInt32).alias("tweets"),
        pl.col("tweet_time").min().alias("first_tweet"),
        pl.col("tweet_time").max().alias("last_tweet"),
        *[(kind == name).mean().alias(f"share_{name}") for name in TWEET_TYPE.categories],
    )
    languages = (
        tweets.group_by("campaign", "tweet_language")
        .agg(pl.len().alias("_n"))
        .drop_nulls("tweet_language")
        .sort("campaign", "_n", "tweet_language", descending=[False, True, False])
        .group_by("campaign", maintain_order=True)
        .agg(pl.col("tweet_language").head(3).alias("top_languages"))
    )
    return (
        account_stats.join(tweet_stats, on="campaign", how="left")
        .join(languages, on="campaign", how="left")
        .with_columns(pl.col("tweets").fill_null(0))
        .select(
            "campaign",
            "accounts",
            "hashed_share",
            "never_tweeted_share",
            "tweets",
            "first_tweet",
            "last_tweet",
            "top_languages",
            *[f"share_{name}" for name in TWEET_TYPE.categories],
        )
        .sort("campaign")
    )
