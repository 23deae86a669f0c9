"""Interaction edges: who retweets, replies to, mentions or quotes whom."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from ioarchive.identity import REFERENCE_CLASS, REFERENCE_KIND, is_hashed, references
from ioarchive.network._actions import action_time
from ioarchive.schema import USER_SCHEMA

__all__ = ["interactions"]

_KINDS = ("retweet", "reply", "mention", "quote")


def interactions(
    tweets: pl.LazyFrame,
    /,
    *,
    kind: str | Sequence[str] = "retweet",
    users: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """Build directed account -> account edges from retweets, replies, mentions or quotes.

    References come from [`ioarchive.identity.references`][ioarchive.identity.references] (its
    rules for each kind and
    for classifying the referenced account as ``internal``, ``external`` or ``unknown``);
    references to an unknown account (a retweet whose ``retweet_userid`` is empty, a quote of
    a tweet not in the data) have no target and are left out. The weight counts distinct
    tweets, so rows repeated across parts count once.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        kind: ``"retweet"``, ``"reply"``, ``"mention"``, ``"quote"``, or several of them.
        users: The users file (canonical schema), so that accounts that never tweeted count as
            campaign accounts; without it, the tweets' authors are the campaign's accounts.

    Returns:
        A LazyFrame, one row per (source, target, kind), sorted by source, target, kind:
        ``source``, ``target`` (String userids), ``kind`` (``REFERENCE_KIND``), ``weight``
        (UInt32: distinct tweets), ``first_time``, ``last_time`` (Datetime(ms, UTC), exact
        from the tweet ids), ``source_hashed`` (Boolean), ``target_class``
        (``REFERENCE_CLASS``: ``internal`` or ``external``), ``target_hashed`` (Boolean).

    Raises:
        ValueError: An unknown kind.

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> rows = [{"campaign": "c", "tweetid": 10**18 + i, "userid": "1", "is_retweet": True,
        ...          "retweet_userid": "99", "retweet_tweetid": 5} for i in range(2)]
        >>> edges = interactions(pl.LazyFrame(rows, schema=TWEET_SCHEMA))
        >>> edges.select("source", "target", "weight", "target_class").collect().rows()
        [('1', '99', 2, 'external')]
    """
    kinds = [kind] if isinstance(kind, str) else list(kind)
    unknown = sorted(set(kinds) - set(_KINDS))
    if unknown or not kinds:
        raise ValueError(f"kind must be among {', '.join(_KINDS)}, not {unknown or kinds}")
    if users is None:
        users = pl.LazyFrame(schema=USER_SCHEMA)
    times = (
        tweets.select("campaign", "tweetid", "tweet_time")
        .unique(["campaign", "tweetid"], keep="any")
        .select("campaign", "tweetid", action_time())
    )
    refs = (
        references(tweets, users)
        .filter(
            pl.col("kind").is_in(kinds)
            & pl.col("referenced_userid").is_not_null()
            & (pl.col("class") != "unknown")  # an id that is neither a number nor a hash
        )
        .join(times, on=["campaign", "tweetid"], how="left", nulls_equal=True)
    )
    when = pl.Datetime("ms")
    return (
        refs.group_by(
            pl.col("userid").alias("source"),
            pl.col("referenced_userid").alias("target"),
            "kind",
        )
        .agg(
            pl.col("tweetid").n_unique().cast(pl.UInt32).alias("weight"),
            pl.col("t").min().cast(when).dt.replace_time_zone("UTC").alias("first_time"),
            pl.col("t").max().cast(when).dt.replace_time_zone("UTC").alias("last_time"),
            pl.col("class").first().alias("target_class"),
        )
        .with_columns(
            pl.col("kind").cast(REFERENCE_KIND),
            is_hashed("source").alias("source_hashed"),
            pl.col("target_class").cast(REFERENCE_CLASS),
            is_hashed("target").alias("target_hashed"),
        )
        .select(
            "source",
            "target",
            "kind",
            "weight",
            "first_time",
            "last_time",
            "source_hashed",
            "target_class",
            "target_hashed",
        )
        .sort("source", "target", "kind")
    )
