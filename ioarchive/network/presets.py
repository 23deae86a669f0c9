"""The detection rules of the literature as named presets, and CooRnet's window estimate."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from ioarchive.network._actions import actions
from ioarchive.snowflake import snowflake_ms

__all__ = ["PRESETS", "Preset", "estimate_window"]


@dataclasses.dataclass(frozen=True)
class Preset:
    """A named set of [`co_action`][ioarchive.network.co_action] defaults, with its source.

    Attributes:
        name: The preset's name.
        citation: Where the rule comes from.
        rule: The rule in one sentence, including where ioarchive departs from the source.
        on: The default co-action kind.
        window: The default window (a duration, or ``"auto"``).
        min_weight: Least edge weight kept.
        directed: Directed QUT weights, or undirected pair counts.
        similarity: Least Jaccard similarity for ``on="similar"``.
        min_actions: Leave out accounts with fewer actions of the kind (1: none).
        min_participation: CooRTweet's ``min_participation`` (1: off).
        percentile: Keep weights strictly above this quantile (None: off).
        top_share: Keep this share of the heaviest edges (None: off).
        prepare: A lazy transformation of the tweets applied first (None: none).
    """

    name: str
    citation: str
    rule: str
    on: str = "retweet"
    window: str | int | float | dt.timedelta = "60s"
    min_weight: int = 2
    directed: bool = True
    similarity: float = 0.8
    min_actions: int = 1
    min_participation: int = 1
    percentile: float | None = None
    top_share: float | None = None
    prepare: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None

    def with_overrides(self, values: Mapping[str, Any]) -> Preset:
        """Return a copy with some fields replaced.

        Args:
            values: Field names and their new values.

        Returns:
            The new preset.

        Examples:
            >>> PRESETS["qut"].with_overrides({"window": "10s"}).window
            '10s'
        """
        return dataclasses.replace(self, **values)


def _fast_retweets(tweets: pl.LazyFrame) -> pl.LazyFrame:
    """Retweets made at most 10 s after their source, by accounts with at least 20 retweets."""
    retweets = tweets.filter(pl.col("retweet_tweetid").is_not_null())
    busy = retweets.filter(pl.col("tweetid").n_unique().over("userid") >= 20)
    latency = snowflake_ms("tweetid") - snowflake_ms("retweet_tweetid")
    return busy.filter((latency >= 0) & (latency <= 10_000))


def _without_self_retweets(tweets: pl.LazyFrame) -> pl.LazyFrame:
    own = pl.col("retweet_userid").is_not_null() & (pl.col("retweet_userid") == pl.col("userid"))
    return tweets.filter(~own.fill_null(False))


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "qut",
            "QUT Digital Observatory, coordination-network-toolkit 1.5.2 (Graham et al.)",
            "directed; weight = distinct tweets of account 1 matched by account 2 within 60 s "
            "(inclusive, either order); min weight 2 per direction",
        ),
        Preset(
            "coortweet",
            "Righetti & Balluff, CooRTweet 2.1 (R, CRAN), 2025",
            "10 s; accounts with fewer than 2 shares dropped; undirected, weight = matched "
            "pairs of shares; a pair kept when one account has 2 matched shares; weight "
            "strictly above the median (type-7 quantile)",
            window="10s",
            min_weight=1,
            directed=False,
            min_actions=2,
            min_participation=2,
            percentile=0.5,
        ),
        Preset(
            "schoch",
            "Schoch, Keller, Stier & Yang, Coordination patterns reveal online political "
            "astroturfing across the world, Scientific Reports 12, 2022",
            "co-tweet (on='tweet') and co-retweet (on='retweet') within 1 minute; undirected, "
            "weight = matched pairs; every pair kept",
            on="tweet",
            window="60s",
            min_weight=1,
            directed=False,
        ),
        Preset(
            "pacheco_coretweet",
            "Pacheco, Hui, Torres-Lugo, Truong, Flammini & Menczer, Uncovering Coordinated "
            "Networks on Social Media, ICWSM 2021",
            "self-retweets dropped; accounts with fewer than 10 retweets dropped; pairs that "
            "retweeted the same tweets at any time; top 0.5 % of edges, weighed by the count "
            "of shared tweets (any gap: the window is the archive's span, so memory grows with "
            "the square of a tweet's retweets). The paper's TF-IDF cosine network is "
            "network.tfidf_similarity(on='retweet')",
            window="5000d",
            min_weight=1,
            min_actions=10,
            top_share=0.005,
            prepare=_without_self_retweets,
        ),
        Preset(
            "pacheco_sync",
            "Pacheco et al., ICWSM 2021 (synchronised posting)",
            "accounts with at least 8 tweets; any two posts within 30 minutes; top 0.5 % of "
            "edges, by pairwise 30-minute gaps and counts. The paper's network (fixed "
            "30-minute bins, TF-IDF cosine) is network.tfidf_similarity(on='post')",
            on="post",
            window="30m",
            min_weight=1,
            min_actions=8,
            top_share=0.005,
        ),
        Preset(
            "luceri_fast_retweet",
            "Luceri, Pantè, Burghardt & Ferrara, Unmasking the Web of Deceit, WWW 2024",
            "retweets at most 10 s after their source (snowflake times), by accounts with at "
            "least 20 retweets; co-retweet of those (any two are within 10 s); min weight 2",
            window="10s",
            prepare=_fast_retweets,
        ),
    )
}
"""The presets by name: ``qut`` (the default), ``coortweet``, ``schoch``,
``pacheco_coretweet``, ``pacheco_sync``, ``luceri_fast_retweet``.

Examples:
    >>> sorted(PRESETS)[:3]
    ['coortweet', 'luceri_fast_retweet', 'pacheco_coretweet']
    >>> PRESETS["coortweet"].window, PRESETS["coortweet"].percentile
    ('10s', 0.5)
"""


def estimate_window(
    tweets: pl.LazyFrame, /, *, on: str = "retweet", q: float = 0.1, p: float = 0.5
) -> pl.LazyFrame:
    """Estimate a coordination window from the data, as CooRnet's ``estimate_coord_interval``.

    Among the keys (retweeted tweets, URLs, ...) shared more than once, take the share ``q``
    whose second share came quickest after the first; for each of them, the time from its
    first share until more than ``p`` of its shares had happened; the window is the ``p``
    quantile (the median by default) of those times. Quantiles are R's default (type 7).

    Args:
        tweets: Tweets in the canonical schema.
        on: The co-action kind whose actions are timed (``similar`` is timed as ``tweet``;
            ``post`` treats all tweets as one key).
        q: The share of quickest keys used.
        p: The share of a key's shares to wait for, and the quantile taken.

    Returns:
        A LazyFrame of one row: ``window_ms`` (Int64, milliseconds; null when no key is shared
        twice).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS as E
        >>> t0 = 1_600_000_000_000
        >>> rows = [{"tweetid": ((t0 + s * 1000 - E) << 22) + s, "userid": str(s),
        ...     "retweet_tweetid": 1} for s in (0, 2, 4, 30)]
        >>> estimate_window(pl.LazyFrame(rows, schema=TWEET_SCHEMA)).collect().item()
        4000
    """
    acts = actions(tweets, "tweet" if on == "similar" else on).select("key", "t")
    ranked = acts.with_columns(
        pl.col("t").rank("ordinal").over("key").alias("_rank"),
        pl.len().over("key").alias("_n"),
        (pl.col("t") - pl.col("t").min().over("key")).alias("_since"),
    ).filter(pl.col("_n") > 1)
    second = ranked.filter(pl.col("_rank") == 2).select("key", "_since")
    quick = second.filter(pl.col("_since") <= pl.col("_since").quantile(q, "linear")).select("key")
    reached = (
        ranked.join(quick, on="key", how="semi")
        .filter(pl.col("_rank").cast(pl.Float64) / pl.col("_n").cast(pl.Float64) > p)
        .group_by("key")
        .agg(pl.col("_since").min())
    )
    window = pl.col("_since").quantile(p, "linear").round().cast(pl.Int64)
    return reached.select(window.alias("window_ms"))
