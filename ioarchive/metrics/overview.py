"""A per-campaign summary: the numbers a first look at a campaign needs."""

from __future__ import annotations

import polars as pl

from ioarchive.identity import is_hashed, members
from ioarchive.metrics.expressions import TWEET_TYPE, tweet_type

__all__ = ["summary"]

_KEY = ["campaign", "userid"]
_SHARES = [f"share_{name}" for name in TWEET_TYPE.categories]


def summary(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """Summarise each campaign in one row: accounts, hashing, tweets, span, languages, types.

    Definitions:

    - *accounts*: the distinct ``(campaign, userid)`` of the users file, plus any tweet
      author missing from it (a users file may lack a few authors).
    - *hashed share*: of those accounts, the share whose ``userid`` is a hash, as told by
      [`ioarchive.identity.is_hashed`][ioarchive.identity.is_hashed]: 64 lowercase hex characters
      (2018 files) or base64
      without ``/`` ending in ``=`` (2019 on).
    - *never tweeted share*: of those accounts, the share with no tweet in ``tweets``.
    - *top languages*: the three most frequent non-null ``tweet_language`` codes, as stored
      (``zh-cn`` and ``zh-CN`` apart), ties broken by code ascending.
    - *type shares*: the shares of [`tweet_type`][ioarchive.metrics.tweet_type], summing to 1.

    The tweets are read once (one aggregation per account and language, from which every
    tweet measure is derived), the users once.

    Args:
        tweets: Tweets in the canonical schema (``campaign``, ``userid``, ``tweet_time``,
            ``tweet_language`` and the four type columns are read).
        users: Users in the canonical schema (``campaign``, ``userid``).

    Returns:
        One row per campaign: ``campaign`` (String), ``accounts`` (UInt32), ``hashed_share``,
        ``never_tweeted_share`` (Float64 in [0, 1]), ``tweets`` (UInt32), ``first_tweet``,
        ``last_tweet`` (the dtype of ``tweet_time``; null without tweets), ``top_languages``
        (List(String), at most 3, most frequent first), ``share_original``,
        ``share_retweet``, ``share_reply``, ``share_quote`` (Float64 in [0, 1]; null without
        tweets); sorted by campaign.

    Examples:
        >>> import ioarchive
        >>> catalog = ioarchive.discover(ioarchive.synthetic.demo_archive_path())
        >>> out = summary(catalog.tweets(), catalog.users()).collect()
        >>> out.select("campaign", "tweets", "top_languages").row(0)
        ('ira', 400, ['es', 'ar', 'und'])
    """
    # The type is computed once per row, before the aggregation (inside it, each of the four
    # comparisons would evaluate it again).
    typed = tweets.with_columns(tweet_type().to_physical().alias("_kind"))
    per_account = typed.group_by(*_KEY, "tweet_language").agg(
        pl.len().cast(pl.UInt32).alias("_n"),
        pl.col("tweet_time").min().alias("first_tweet"),
        pl.col("tweet_time").max().alias("last_tweet"),
        *[
            (pl.col("_kind") == code).sum().alias(f"_{name}")
            for code, name in enumerate(TWEET_TYPE.categories)
        ],
    )
    # One cached aggregation for all three uses: without it the optimizer prunes the authors'
    # copy to a different plan, and the tweets are scanned twice.
    per_account = per_account.cache()
    authors = per_account.select(_KEY).unique().with_columns(pl.lit(True).alias("_tweeted"))
    account_stats = (
        members(authors, users)
        .join(authors, on=_KEY, how="left", nulls_equal=True)
        .group_by("campaign")
        .agg(
            pl.len().cast(pl.UInt32).alias("accounts"),
            is_hashed("userid").cast(pl.Float64).mean().alias("hashed_share"),
            pl.col("_tweeted").is_null().cast(pl.Float64).mean().alias("never_tweeted_share"),
        )
    )
    n = pl.col("_n").sum()
    tweet_stats = per_account.group_by("campaign").agg(
        n.alias("tweets"),
        pl.col("first_tweet").min(),
        pl.col("last_tweet").max(),
        *[
            (pl.col(f"_{name}").sum() / n).alias(s)
            for name, s in zip(TWEET_TYPE.categories, _SHARES, strict=True)
        ],
    )
    languages = (
        per_account.drop_nulls("tweet_language")
        .group_by("campaign", "tweet_language")
        .agg(n)
        .group_by("campaign")
        .agg(
            pl.col("tweet_language")
            .sort_by("_n", "tweet_language", descending=[True, False])
            .head(3)
            .alias("top_languages")
        )
    )
    return (
        account_stats.join(tweet_stats, on="campaign", how="left", nulls_equal=True)
        .join(languages, on="campaign", how="left", nulls_equal=True)
        .with_columns(
            pl.col("tweets").fill_null(0),
            pl.col("top_languages").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        )
        .select(
            "campaign",
            "accounts",
            "hashed_share",
            "never_tweeted_share",
            "tweets",
            "first_tweet",
            "last_tweet",
            "top_languages",
            *_SHARES,
        )
        .sort("campaign", nulls_last=True)
    )
