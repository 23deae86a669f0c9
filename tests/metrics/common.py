"""Helpers shared by these tests: plain-Python references and tiny frames."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl

from ioarchive import metrics, synthetic
from ioarchive.schema import TWEET_SCHEMA
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS

UTC = dt.UTC


def rows(truth: synthetic.CampaignTruth) -> list[dict[str, Any]]:
    return truth.tweets.to_dicts()


def py_type(row: dict[str, Any]) -> str:
    """The documented precedence, in plain Python: retweet > quote > reply > original."""
    if row["is_retweet"]:
        return "retweet"
    if row["quoted_tweet_tweetid"] is not None:
        return "quote"
    if row["in_reply_to_tweetid"] is not None or row["in_reply_to_userid"] is not None:
        return "reply"
    return "original"


def ranked(counter: collections.Counter[Any], k: int) -> list[tuple[Any, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def tiny(rows_: list[dict[str, Any]]) -> pl.LazyFrame:
    return pl.LazyFrame(rows_, schema=TWEET_SCHEMA)


Metric = Callable[[pl.LazyFrame, pl.LazyFrame], pl.LazyFrame]


METRIC_CALLS: dict[str, Metric] = {
    "activity": lambda t, u: metrics.activity(t, every="1d", by="userid", fill_gaps=True),
    "activity_whole": lambda t, u: metrics.activity(t, every="1w", fill_gaps=True),
    "activity_exact": lambda t, u: metrics.activity(
        t.with_columns(metrics.exact_time().alias("exact")), every="6h", time="exact"
    ),
    "posting_profile": lambda t, u: metrics.posting_profile(t, tz="Asia/Tehran", by="campaign"),
    "posting_profile_whole": lambda t, u: metrics.posting_profile(t, tz="America/New_York"),
    "tweet_types": lambda t, u: metrics.tweet_types(t, by="userid"),
    "tweet_types_whole": lambda t, u: metrics.tweet_types(t),
    "top": lambda t, u: metrics.top(t, "hashtags", k=5, by="userid"),
    "top_scalar": lambda t, u: metrics.top(t, "tweet_client_name", k=3),
    "top_domains": lambda t, u: metrics.top(t, metrics.url_domain("urls"), k=4, by="campaign"),
    "concentration": lambda t, u: metrics.concentration(t, "tweet_client_name", by="campaign"),
    "concentration_list": lambda t, u: metrics.concentration(t, "hashtags"),
    "account_activity": lambda t, u: metrics.account_activity(t),
    "creation_cohorts": lambda t, u: metrics.creation_cohorts(u, every="1y", fill_gaps=True),
    "creation_cohorts_by": lambda t, u: metrics.creation_cohorts(u, every="1mo", by="campaign"),
    "batch_creation": lambda t, u: metrics.batch_creation(u, min_accounts=1, by="campaign"),
    "engagement": lambda t, u: metrics.engagement(t, by="tweet_language"),
    "engagement_whole": lambda t, u: metrics.engagement(t),
    "burstiness": lambda t, u: metrics.burstiness(t, min_tweets=5),
    "burstiness_whole": lambda t, u: metrics.burstiness(t, by=None, min_tweets=5),
    "retweet_latency": lambda t, _: metrics.retweet_latency(t),
    "summary": metrics.summary,
    "expressions": lambda t, _: (
        t.group_by("userid")
        .agg(
            metrics.gini(pl.col("like_count")).alias("gini"),
            metrics.entropy("retweet_count").alias("entropy"),
            (metrics.tweet_type() == "retweet").sum().alias("retweets"),
            metrics.exact_time().max().alias("last"),
        )
        .sort("userid")
    ),
}


def inputs(truth: synthetic.CampaignTruth, kind: str) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    t, u = pl.LazyFrame(truth.tweets), pl.LazyFrame(truth.users)
    if kind == "null-campaign":  # what scan_tweets gives without campaign=
        no = pl.lit(None, pl.String).alias("campaign")
        return t.with_columns(no), u.with_columns(no)
    if kind == "empty":
        return t.head(0), u.head(0)
    return t, u


def snowflake(seconds: float) -> int:
    return (round(seconds * 1000) - SNOWFLAKE_EPOCH_MS + 1_600_000_000_000) << 22
