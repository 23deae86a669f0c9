"""References: every account a tweet retweets, replies to, mentions or quotes, classified."""

from __future__ import annotations

import polars as pl

from ioarchive.identity.ids import id_kind, is_hashed
from ioarchive.identity.membership import members

__all__ = ["REFERENCE_CLASS", "REFERENCE_KIND", "references"]

REFERENCE_KIND = pl.Enum(["retweet", "reply", "mention", "quote"])
"""How a tweet refers to an account."""

REFERENCE_CLASS = pl.Enum(["internal", "external", "unknown"])
"""Whether a referenced account belongs to the operation (see
[`references`][ioarchive.identity.references])."""


def _tweet_authors(tweets: pl.LazyFrame) -> pl.LazyFrame:
    """(campaign, tweet id, author) for every tweet whose author the data tells.

    A row of the tweets data tells its own author (rank 0); another row's retweet or reply
    tells the author of the tweet it targets (rank 1). One author per tweet: the best rank,
    then the smallest id, so the choice does not depend on row order.
    """
    sources = [
        tweets.select("campaign", pl.col("tweetid").alias("_t"), pl.col("userid").alias("_a")),
        tweets.select(
            "campaign", pl.col("retweet_tweetid").alias("_t"), pl.col("retweet_userid").alias("_a")
        ),
        tweets.select(
            "campaign",
            pl.col("in_reply_to_tweetid").alias("_t"),
            pl.col("in_reply_to_userid").alias("_a"),
        ),
    ]
    ranked = pl.concat(
        [s.with_columns(pl.lit(min(i, 1), pl.UInt8).alias("_rank")) for i, s in enumerate(sources)]
    ).filter(pl.col("_t").is_not_null() & pl.col("_a").is_not_null())
    return ranked.group_by("campaign", "_t").agg(pl.col("_a").sort_by("_rank", "_a").first())


def references(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List every reference a tweet makes to an account, classified internal or external.

    Kinds, each from the tweet's own columns:

    - ``retweet``: ``retweet_userid``, on rows with ``is_retweet`` true or a retweet id set.
    - ``reply``: ``in_reply_to_userid``, on rows with a reply id set.
    - ``mention``: each distinct element of ``user_mentions``; the placeholder ``0`` (and an
      empty element) is dropped.
    - ``quote``: the author of ``quoted_tweet_tweetid``, when that tweet is in the data: as a
      row of ``tweets``, or as the target of another row's retweet or reply (which names its
      author).

    Classes:

    - ``internal``: a campaign account (in the users file, or the author of a tweet in the
      same campaign), and **any hash**, even one missing from this dataset: Twitter hashed
      only accounts it removed, so a hash always denotes an account of the release (perhaps of
      a sibling campaign or a file not loaded). ``in_campaign`` tells the two apart.
    - ``external``: a numeric id that is not a campaign account: an account outside the
      operation (never hashed).
    - ``unknown``: the account is not given, or cannot be read: a retweet with a
      ``retweet_tweetid`` but an empty ``retweet_userid`` (Twitter left the author out; it is
      most likely outside the release, but the data does not say who); a reply with an
      ``in_reply_to_tweetid`` but no ``in_reply_to_userid``; a quote of a tweet not in the
      data; a referenced id of kind ``other``.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (tweet, referenced account, kind), unordered, with columns:
        ``campaign`` (String), ``tweetid`` (UInt64), ``userid`` (String: the author),
        ``kind`` ([`REFERENCE_KIND`][ioarchive.identity.REFERENCE_KIND]), ``referenced_userid``
        (String; null if unknown),
        ``referenced_tweetid`` (UInt64: the retweeted, replied-to or quoted tweet; null for
        mentions), ``class`` ([`REFERENCE_CLASS`][ioarchive.identity.REFERENCE_CLASS]), ``hashed``
        (Boolean; null if the
        account is unknown) and ``in_campaign`` (Boolean: the account is a campaign account of
        the same dataset; null if unknown).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
        >>> row = {"campaign": "c", "tweetid": 5, "userid": "1", "is_retweet": True,
        ...     "retweet_userid": "99", "retweet_tweetid": 4, "user_mentions": ["0", "1"]}
        >>> t = pl.LazyFrame([row], schema=TWEET_SCHEMA)
        >>> u = pl.LazyFrame([{"campaign": "c", "userid": "1"}], schema=USER_SCHEMA)
        >>> refs = references(t, u).select("kind", "referenced_userid", "class")
        >>> refs.collect().sort("kind").rows()
        [('retweet', '99', 'external'), ('mention', '1', 'internal')]
    """
    base = ["campaign", "tweetid", "userid"]
    # One projection, shared by every branch, so the source is read once on either engine.
    tweets = tweets.select(
        *base,
        "is_retweet",
        "retweet_userid",
        "retweet_tweetid",
        "in_reply_to_userid",
        "in_reply_to_tweetid",
        "quoted_tweet_tweetid",
        "user_mentions",
    )
    retweets = tweets.filter(
        pl.col("is_retweet").fill_null(False)
        | pl.col("retweet_userid").is_not_null()
        | pl.col("retweet_tweetid").is_not_null()
    ).select(
        *base,
        pl.lit("retweet").alias("kind"),
        pl.col("retweet_userid").alias("ref"),
        pl.col("retweet_tweetid").alias("ref_tweet"),
    )
    replies = tweets.filter(
        pl.col("in_reply_to_userid").is_not_null() | pl.col("in_reply_to_tweetid").is_not_null()
    ).select(
        *base,
        pl.lit("reply").alias("kind"),
        pl.col("in_reply_to_userid").alias("ref"),
        pl.col("in_reply_to_tweetid").alias("ref_tweet"),
    )
    mentions = (
        tweets.select(*base, pl.col("user_mentions").alias("ref"))
        .explode("ref")
        .filter(pl.col("ref").is_not_null() & ~pl.col("ref").is_in(["0", ""]))
        .select(
            *base,
            pl.lit("mention").alias("kind"),
            "ref",
            pl.lit(None, pl.UInt64).alias("ref_tweet"),
        )
    )
    quotes = (
        tweets.filter(pl.col("quoted_tweet_tweetid").is_not_null())
        .select(*base, pl.lit("quote").alias("kind"), pl.col("quoted_tweet_tweetid").alias("_t"))
        .join(_tweet_authors(tweets), on=["campaign", "_t"], how="left", nulls_equal=True)
        .select(*base, "kind", pl.col("_a").alias("ref"), pl.col("_t").alias("ref_tweet"))
    )
    member = members(tweets, users).select(
        "campaign", pl.col("userid").alias("ref"), pl.lit(True).alias("_member")
    )
    kind = id_kind("ref")
    classified = (
        pl.when(kind.is_in(["hex64", "base64"]) | pl.col("_member").fill_null(False))
        .then(pl.lit("internal"))
        .when(kind == "numeric")
        .then(pl.lit("external"))
        .otherwise(pl.lit("unknown"))
        .cast(REFERENCE_CLASS)
    )
    known = pl.col("class") != "unknown"
    return (
        pl.concat([retweets, replies, mentions, quotes])
        .unique()
        .join(member, on=["campaign", "ref"], how="left", nulls_equal=True)
        .with_columns(classified.alias("class"))
        .select(
            *base,
            pl.col("kind").cast(REFERENCE_KIND),
            pl.col("ref").alias("referenced_userid"),
            pl.col("ref_tweet").cast(pl.UInt64).alias("referenced_tweetid"),
            "class",
            pl.when(known).then(is_hashed("ref")).alias("hashed"),
            pl.when(known).then(pl.col("_member").fill_null(False)).alias("in_campaign"),
        )
    )
