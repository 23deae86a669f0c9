"""Pacheco et al.'s similarity networks: TF-IDF account vectors, cosine, top edges.

Pacheco, Hui, Torres-Lugo, Truong, Flammini & Menczer, "Uncovering Coordinated Networks on
Social Media: Methods and Case Studies", ICWSM 2021, with the rules of their published code
(``osome-iu/coordination-detection``, case studies 4 and 5), which the tests run.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import polars as pl

from ioarchive.network._actions import action_time, window_ms

__all__ = ["SIMILARITY_SCHEMA", "Trace", "tfidf_similarity"]

Trace = Literal["retweet", "post"]
"""What represents an account: the tweets it retweeted, or the time bins it posted in."""

SIMILARITY_SCHEMA: dict[str, pl.DataType] = {
    "account_1": pl.String(),
    "account_2": pl.String(),
    "similarity": pl.Float64(),
    "shared": pl.UInt32(),
    "support": pl.UInt32(),
}
"""The columns of [`tfidf_similarity`][ioarchive.network.tfidf_similarity], in order."""

_SUPPORT = {"retweet": 11, "post": 9}


def _features(tweets: pl.LazyFrame, on: Trace, bin_ms: int) -> pl.LazyFrame:
    """(userid, feature, cnt): how many times each account shows each feature."""
    base = (
        tweets.select(
            "tweetid", "userid", "tweet_time", "is_retweet", "retweet_tweetid", "retweet_userid"
        )
        .filter(pl.col("tweetid").is_not_null() & pl.col("userid").is_not_null())
        .unique("tweetid", keep="any")
    )
    if on == "retweet":
        own = pl.col("retweet_userid").eq_missing(pl.col("userid"))
        feature = pl.col("retweet_tweetid")
        base = base.filter(pl.col("retweet_tweetid").is_not_null() & ~own)
    else:
        feature = (action_time() // bin_ms).cast(pl.Int64)
    return (
        base.select("userid", feature.alias("feature"))
        .drop_nulls()
        .group_by("userid", "feature")
        .agg(pl.len().cast(pl.UInt32).alias("cnt"))
    )


def _weights(features: pl.LazyFrame, min_support: int, min_df: int) -> pl.LazyFrame:
    """(userid, feature, w, support): L2-normalised TF-IDF weights, as scikit-learn's.

    ``TfidfVectorizer(sublinear_tf=True, min_df=min_df)`` with its defaults (smooth idf, L2
    norm): tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1 over the n accounts kept;
    features in fewer than ``min_df`` accounts are dropped, unless that would drop them all
    (the published code then retries with 1).
    """
    per_user = [
        pl.col("cnt").sum().over("userid").alias("support"),
        pl.len().over("userid").alias("_distinct"),
    ]
    docs = (
        features.with_columns(per_user)
        .filter((pl.col("support") >= min_support) & (pl.col("_distinct") > 1))
        .with_columns(
            pl.col("userid").n_unique().alias("_n"),
            pl.len().over("feature").alias("_df"),
        )
    )
    least = pl.when(pl.col("_df").max() >= min_df).then(min_df).otherwise(1)
    n, df = pl.col("_n").cast(pl.Float64), pl.col("_df").cast(pl.Float64)
    raw = (1 + pl.col("cnt").cast(pl.Float64).log()) * (((1 + n) / (1 + df)).log() + 1)
    kept = docs.filter(pl.col("_df") >= least).with_columns(raw.alias("w"))
    norm = (pl.col("w") ** 2).sum().over("userid").sqrt()
    return kept.select("userid", "feature", (pl.col("w") / norm).alias("w"), "support")


def tfidf_similarity(
    tweets: pl.LazyFrame,
    /,
    *,
    on: Trace = "retweet",
    bin: str | int | float | dt.timedelta = "30m",
    min_support: int | None = None,
    min_df: int = 3,
    top_n: int = 100,
    quantile: float | None = 0.995,
) -> pl.LazyFrame:
    """Link accounts whose TF-IDF vectors are alike: Pacheco et al.'s similarity networks.

    Their co-retweet and synchronised-posting networks (case studies 4 and 5).

    Each account is a document whose words are its *traces*: with ``on="retweet"`` (case
    study 4) the ids of the tweets it retweeted (self-retweets left out); with ``on="post"``
    (case study 5) the ``bin``-long time intervals it tweeted in (every tweet, snowflake
    times). As in the published code:

    1. accounts with fewer than ``min_support`` traces are left out (default: 11 for
       ``retweet``, 9 for ``post``: the code keeps accounts with *more than* 10 retweets or 8
       tweets, the paper's text says at least), and so are accounts with one distinct trace;
    2. traces are weighted by TF-IDF (sublinear tf, smooth idf, scikit-learn's formula),
       dropping traces of fewer than ``min_df`` accounts, and each vector L2-normalised;
    3. every pair of accounts that shares a trace gets their cosine similarity; each account
       keeps its ``top_n`` most similar accounts (itself included, as in the sparse product
       the code takes the top of), and a pair is an edge when the first account keeps the
       second;
    4. edges at or above the ``quantile`` of all similarities (linear, 0.995: the top 0.5 %)
       are kept; None keeps every edge.

    Deliberate differences from the code: time bins start at the Unix epoch (the code starts
    them at the first tweet it reads and rounds towards it); equal similarities at an
    account's ``top_n`` cut are broken by account id (the code's sparse top-n leaves the
    order unspecified). Memory grows with the number of (account, account, trace) triples,
    as in the code's sparse product: a tweet retweeted by k accounts makes k² of them.

    Args:
        tweets: Tweets in the canonical schema.
        on: ``"retweet"`` or ``"post"``.
        bin: The length of a time interval for ``on="post"``: ``"30m"``, ``"1h"``, seconds,
            or a timedelta.
        min_support: The least number of traces (retweets, tweets) an account needs.
        min_df: The least number of accounts a trace needs to count.
        top_n: How many most similar accounts each account keeps.
        quantile: Keep edges whose similarity is at least this quantile; None for all.

    Returns:
        A LazyFrame ([`SIMILARITY_SCHEMA`][ioarchive.network.SIMILARITY_SCHEMA]), one row per
        unordered pair (``account_1 < account_2``), sorted by them: ``similarity`` (Float64
        in (0, 1]), ``shared`` (UInt32: traces the two share), ``support`` (UInt32: the
        smaller of the two accounts' trace counts).

    Raises:
        ValueError: An unknown ``on``, or a parameter out of range.

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> rows = [{"tweetid": 100 * a + s, "userid": f"u{a}", "is_retweet": True,
        ...          "retweet_tweetid": s, "retweet_userid": "src"}
        ...         for a in range(4) for s in range(a, a + 12)]
        >>> edges = tfidf_similarity(pl.LazyFrame(rows, schema=TWEET_SCHEMA), quantile=None)
        >>> edges.with_columns(pl.col("similarity").round(3)).collect().rows()[:3]
        [('u0', 'u1', 0.936, 10, 12), ('u0', 'u2', 0.936, 10, 12), ('u0', 'u3', 0.857, 9, 12)]
    """
    if on not in ("retweet", "post"):
        raise ValueError(f"on must be 'retweet' or 'post', not {on!r}")
    if top_n < 1 or min_df < 1 or (min_support is not None and min_support < 1):
        raise ValueError("top_n, min_df and min_support must be at least 1")
    if quantile is not None and not 0 <= quantile <= 1:
        raise ValueError(f"quantile must be between 0 and 1, not {quantile}")
    bin_ms = window_ms(bin)
    if bin_ms < 1:
        raise ValueError(f"bin must be at least 1 ms, not {bin!r}")
    support = _SUPPORT[on] if min_support is None else min_support
    weights = _weights(_features(tweets, on, bin_ms), support, min_df).cache()
    left = weights.select(pl.col("userid").alias("a_1"), "feature", pl.col("w").alias("w_1"))
    right = weights.select(pl.col("userid").alias("a_2"), "feature", pl.col("w").alias("w_2"))
    products = (
        left.join(right, on="feature")
        .group_by("a_1", "a_2")
        .agg((pl.col("w_1") * pl.col("w_2")).sum().alias("similarity"), pl.len().alias("shared"))
    )
    rank = pl.struct(-pl.col("similarity"), "a_2").rank("ordinal").over("a_1")
    edges = products.filter(rank <= top_n).filter(pl.col("a_1") < pl.col("a_2"))
    if quantile is not None:
        edges = edges.filter(
            pl.col("similarity") >= pl.col("similarity").quantile(quantile, "linear")
        )
    supports = weights.select(pl.col("userid").alias("a"), "support").unique("a")
    return (
        edges.join(supports.select(a_1="a", s_1="support"), on="a_1")
        .join(supports.select(a_2="a", s_2="support"), on="a_2")
        .select(
            pl.col("a_1").alias("account_1"),
            pl.col("a_2").alias("account_2"),
            "similarity",
            pl.col("shared").cast(pl.UInt32),
            pl.min_horizontal("s_1", "s_2").cast(pl.UInt32).alias("support"),
        )
        .sort("account_1", "account_2")
    )
