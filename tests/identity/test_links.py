"""Tests of references."""

from __future__ import annotations

import collections
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from ioarchive import identity, synthetic
from tests.identity.common import (
    H1,
    H2,
    H3,
    both_engines,
    expected_references,
    tweets_frame,
    users_frame,
)
from tests.samples import EngineName, real_params


@pytest.mark.parametrize("path", real_params("ira_2018_excerpt_tweets*.csv"))
def test_real_2018_references(path: Path) -> None:
    tweets = ioa.scan_tweets(path, campaign="ira")
    users = ioa.scan_users(str(path).replace("tweets", "users"), campaign="ira")
    authors = tweets.select(identity.id_kind("userid")).collect()["userid"].to_list()
    assert authors == ["hex64", "hex64"]
    refs = both_engines(identity.references(tweets, users), "kind")
    assert refs.select("kind", "referenced_userid", "class", "hashed").rows() == [
        ("retweet", "2572896396", "external", False),
        ("mention", "2572896396", "external", False),
    ]
    table = both_engines(identity.accounts(tweets, users), "userid")
    assert table["hashed"].all()
    assert table["key"].str.starts_with("ira:").all()


def test_references_by_hand() -> None:
    tweets = tweets_frame(
        [
            # Retweet of an external account; mentions with a placeholder and a duplicate.
            {
                "tweetid": 1,
                "userid": H1,
                "is_retweet": True,
                "retweet_userid": "99",
                "retweet_tweetid": 500,
                "user_mentions": ["99", "0", "99", H2],
            },
            # Retweet whose author Twitter left out.
            {"tweetid": 2, "userid": H1, "is_retweet": True, "retweet_tweetid": 501},
            # Reply to a campaign account with a numeric id, and a reply with no account.
            {"tweetid": 3, "userid": "5", "in_reply_to_userid": "5", "in_reply_to_tweetid": 1},
            {"tweetid": 4, "userid": "5", "in_reply_to_tweetid": 777},
            # Quotes: of a tweet in the data, of a retweeted tweet, of a tweet not in the data.
            {"tweetid": 5, "userid": H1, "quoted_tweet_tweetid": 3},
            {"tweetid": 6, "userid": H1, "quoted_tweet_tweetid": 500},
            {"tweetid": 7, "userid": H1, "quoted_tweet_tweetid": 888},
            # A hash of no account of this dataset, and an id of kind other.
            {"tweetid": 8, "userid": "5", "user_mentions": [H3, "not an id"]},
            {"tweetid": 9, "userid": "5", "user_mentions": []},
        ]
    )
    users = users_frame([{"userid": H1}, {"userid": H2}])
    refs = both_engines(identity.references(tweets, users), "tweetid", "kind", "referenced_userid")
    assert refs.schema == pl.Schema(
        {
            "campaign": pl.String(),
            "tweetid": pl.UInt64(),
            "userid": pl.String(),
            "kind": identity.REFERENCE_KIND,
            "referenced_userid": pl.String(),
            "referenced_tweetid": pl.UInt64(),
            "class": identity.REFERENCE_CLASS,
            "hashed": pl.Boolean(),
            "in_campaign": pl.Boolean(),
        }
    )
    assert refs.drop("campaign", "userid").rows() == [
        (1, "retweet", "99", 500, "external", False, False),
        (1, "mention", "99", None, "external", False, False),
        (1, "mention", H2, None, "internal", True, True),
        (2, "retweet", None, 501, "unknown", None, None),
        (3, "reply", "5", 1, "internal", False, True),
        (4, "reply", None, 777, "unknown", None, None),
        (5, "quote", "5", 3, "internal", False, True),
        (6, "quote", "99", 500, "external", False, False),
        (7, "quote", None, 888, "unknown", None, None),
        (8, "mention", H3, None, "internal", True, False),
        (8, "mention", "not an id", None, "unknown", None, None),  # unknown: neither said
    ]


def test_references_against_truth(campaign: synthetic.CampaignTruth, engine: EngineName) -> None:
    refs = identity.references(pl.LazyFrame(campaign.tweets), pl.LazyFrame(campaign.users)).collect(
        engine=engine
    )
    got = collections.Counter(
        refs.select(
            "tweetid",
            pl.col("kind").cast(pl.String),
            "referenced_userid",
            "referenced_tweetid",
            pl.col("class").cast(pl.String),
            "hashed",
            "in_campaign",
        ).rows()
    )
    assert got == expected_references(campaign.tweets, campaign.users)
    by = collections.Counter(refs.select(pl.col("kind", "class").cast(pl.String)).rows())
    assert {k for k, _ in by} == {"retweet", "reply", "mention", "quote"}
    assert {c for _, c in by} == {"internal", "external", "unknown"}
    external = set(refs.filter(pl.col("class") == "external")["referenced_userid"])
    assert external == campaign.external_accounts
    hashed = set(refs.filter(pl.col("hashed").fill_null(False))["referenced_userid"])
    assert hashed <= campaign.hashed_accounts
    internal = set(refs.filter(pl.col("class") == "internal")["referenced_userid"])
    assert internal <= campaign.hashed_accounts | campaign.unhashed_accounts
    assert (refs["referenced_userid"] != "0").all()
