"""Tests of summary."""

from __future__ import annotations

import collections
import datetime as dt
import math
from pathlib import Path

import polars as pl

from ioarchive import metrics, synthetic
from ioarchive.schema import USER_SCHEMA, Era
from tests.metrics.common import UTC, ranked, tiny


def test_summary_matches_truth(tmp_path: Path) -> None:
    a = synthetic.write_campaign(tmp_path / "a", "a_202012", n_tweets=300, seed=1)
    b = synthetic.write_campaign(
        tmp_path / "b", "b_201901", era=Era.TWEETS_2019, n_tweets=200, seed=2
    )
    tweets = pl.LazyFrame(pl.concat([a.tweets, b.tweets]))
    users = pl.LazyFrame(pl.concat([a.users, b.users]))
    out = metrics.summary(tweets, users).collect()
    assert out["campaign"].to_list() == ["a_202012", "b_201901"]
    for row, t in zip(out.iter_rows(named=True), (a, b), strict=True):
        accounts = t.users.height
        assert row["accounts"] == accounts
        assert math.isclose(row["hashed_share"], len(t.hashed_accounts) / accounts)
        assert math.isclose(row["never_tweeted_share"], len(t.never_tweeted) / accounts)
        assert row["tweets"] == t.tweets.height
        assert row["first_tweet"] == t.tweets["tweet_time"].min()
        assert row["last_tweet"] == t.tweets["tweet_time"].max()
        for kind in metrics.TWEET_TYPE.categories:
            assert math.isclose(row[f"share_{kind}"], t.type_counts[kind] / t.tweets.height)
        langs = collections.Counter(t.tweets["tweet_language"].drop_nulls().to_list())
        assert row["top_languages"] == [k for k, _ in ranked(langs, 3)]


def test_summary_hand_computed() -> None:
    b64 = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="
    users = pl.LazyFrame(
        [
            {"campaign": "c", "userid": "123"},
            {"campaign": "c", "userid": "f" * 64},
            {"campaign": "c", "userid": b64},
            {"campaign": "c", "userid": "F" * 64},  # uppercase hex: not a hash of the archive
            {"campaign": "quiet", "userid": "9"},
        ],
        schema=USER_SCHEMA,
    )
    t0 = dt.datetime(2020, 1, 1, tzinfo=UTC)
    tweets = tiny(
        [
            {"campaign": "c", "userid": "123", "tweet_time": t0, "tweet_language": "en"},
            {"campaign": "c", "userid": "123", "tweet_time": t0, "tweet_language": "ar",
             "is_retweet": True},
            {"campaign": "c", "userid": b64, "tweet_time": t0, "tweet_language": "ar"},
            {"campaign": "c", "userid": "777", "tweet_language": "ru",  # not in the users file
             "tweet_time": t0 + dt.timedelta(days=3), "quoted_tweet_tweetid": 1},
        ]
    )  # fmt: skip
    out = metrics.summary(tweets, users).collect()
    c, quiet = out.rows(named=True)
    assert c == {
        "campaign": "c",
        "accounts": 5,
        "hashed_share": 2 / 5,
        "never_tweeted_share": 2 / 5,
        "tweets": 4,
        "first_tweet": t0,
        "last_tweet": t0 + dt.timedelta(days=3),
        "top_languages": ["ar", "en", "ru"],
        "share_original": 0.5,
        "share_retweet": 0.25,
        "share_reply": 0.0,
        "share_quote": 0.25,
    }
    assert quiet["tweets"] == 0
    assert quiet["never_tweeted_share"] == 1.0
    assert quiet["top_languages"] == []
    assert quiet["share_original"] is None
