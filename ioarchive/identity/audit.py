"""The leak audit: where a hashed account's clear id shows beside its hash (never reversed)."""

from __future__ import annotations

import polars as pl

from ioarchive.identity.ids import HASH_IN_TEXT, id_kind, is_hashed
from ioarchive.identity.membership import members

__all__ = ["LEAK_KIND", "leaks"]

LEAK_KIND = pl.Enum(["raw_id_in_mentions", "hash_beside_clear_id"])
"""The two signals [`leaks`][ioarchive.identity.leaks] reports."""


def leaks(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List where a hashed account's clear id may show beside its hash in the same data.

    A tweet whose text mentions a hashed account as ``@<hash>`` should list that hash in
    ``user_mentions``. For every such tweet whose ``user_mentions`` also holds numeric ids of
    accounts outside the campaign (``clear_ids``), one of two signals is reported:

    - ``raw_id_in_mentions``: the hash is missing from ``user_mentions`` and clear ids stand
      there instead: one of them is probably the hashed account's raw id (the
      ``china_082019`` case). A strong signal.
    - ``hash_beside_clear_id``: the hash is listed, and clear ids of outside accounts are
      listed beside it. Weak: most are plain co-mentions, but the tweet is worth a look before
      it is quoted or shared.

    Numeric ids of unhashed campaign accounts are public already and never count as clear
    ids; the placeholder ``0`` neither. Any hash counts, even one missing from this dataset
    (Twitter hashed only accounts it removed). Nothing is reversed: the report names tweets and
    the ids beside each hash, per tweet, so that a researcher knows what not to publish; it
    never combines tweets to single out an id. See the docs page on identity for the rules.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (tweet, hashed account mentioned in its text), sorted by
        campaign, tweetid and hashed_account: ``campaign`` (String), ``tweetid`` (UInt64),
        ``kind`` ([`LEAK_KIND`][ioarchive.identity.LEAK_KIND]), ``hashed_account`` (String: the
        hash),
        ``clear_ids`` (List(String): distinct, sorted).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
        >>> h = "a" * 64
        >>> t = pl.LazyFrame([{"campaign": "c", "tweetid": 1, "userid": h,
        ...     "tweet_text": f"hi @{h}", "user_mentions": ["555"]}], schema=TWEET_SCHEMA)
        >>> u = pl.LazyFrame([{"campaign": "c", "userid": h}], schema=USER_SCHEMA)
        >>> leaks(t, u).select("kind", "clear_ids").collect().rows()
        [('raw_id_in_mentions', ['555'])]
    """
    keys = ["campaign", "tweetid"]
    tweets = tweets.select(*keys, "userid", "tweet_text", "user_mentions")
    clear_members = (
        members(tweets, users)
        .filter(~is_hashed("userid"))
        .select("campaign", pl.col("userid").alias("_clear"), pl.lit(True).alias("_member"))
    )
    mentioned = (
        tweets.select(
            *keys,
            "user_mentions",
            pl.col("tweet_text").str.extract_all(HASH_IN_TEXT).alias("hashed_account"),
        )
        .explode("hashed_account")
        .with_columns(pl.col("hashed_account").str.strip_prefix("@"))
        .filter(is_hashed("hashed_account"))
        .unique([*keys, "hashed_account"])
    )
    outside = (
        tweets.select(*keys, pl.col("user_mentions").alias("_clear"))
        .explode("_clear")
        .filter((id_kind("_clear") == "numeric") & (pl.col("_clear") != "0"))
        .join(clear_members, on=["campaign", "_clear"], how="left", nulls_equal=True)
        .filter(pl.col("_member").is_null())
        .group_by(keys)
        .agg(pl.col("_clear").unique().sort().alias("clear_ids"))
    )
    listed = pl.col("user_mentions").fill_null([]).list.contains(pl.col("hashed_account"))
    return (
        mentioned.join(outside, on=keys, how="inner", nulls_equal=True)
        .select(
            *keys,
            pl.when(listed)
            .then(pl.lit("hash_beside_clear_id"))
            .otherwise(pl.lit("raw_id_in_mentions"))
            .cast(LEAK_KIND)
            .alias("kind"),
            "hashed_account",
            "clear_ids",
        )
        .sort(*keys, "hashed_account")
    )
