"""Tests of accounts."""

from __future__ import annotations

import collections
import datetime as dt

import polars as pl
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import identity, synthetic
from ioarchive.schema import USER_SCHEMA
from tests.identity.common import B64, H1, T0, both_engines, tweets_frame, users_frame
from tests.samples import EngineName


def test_accounts_by_hand(engine: EngineName) -> None:
    minute = dt.timedelta(minutes=1)
    tweets = tweets_frame(
        [
            # H1: two tweets in the same minute; the larger tweetid is the latest.
            {"tweetid": 11, "userid": H1, "tweet_time": T0, "follower_count": 1},
            {"tweetid": 12, "userid": H1, "tweet_time": T0, "follower_count": 2},
            # "7" is not in the users file: profile from its latest tweet.
            {"tweetid": 20, "userid": "7", "tweet_time": T0 + minute, "follower_count": 70},
            {"tweetid": 21, "userid": "7", "tweet_time": T0 + 2 * minute, "follower_count": 71},
            {"tweetid": 22, "userid": None, "tweet_time": T0},
        ]
    )
    users = users_frame(
        [
            {"userid": H1, "follower_count": 10, "user_screen_name": H1},
            {"userid": B64, "follower_count": 3},  # never tweeted
        ]
    )
    table = identity.accounts(tweets, users).collect(engine=engine).sort("userid")
    assert table.columns == [
        "key",
        "campaign",
        "userid",
        "hashed",
        "in_users_file",
        "tweets",
        "first_tweet",
        "last_tweet",
        *USER_SCHEMA.names()[2:],
    ]
    assert table.schema["tweets"] == pl.UInt32
    assert table.schema["first_tweet"] == pl.Datetime("us", "UTC")
    assert table.select(
        "key", "hashed", "in_users_file", "tweets", "first_tweet", "last_tweet", "follower_count"
    ).rows() == [
        ("7", False, False, 2, T0 + minute, T0 + 2 * minute, 71),
        (f"c:{B64}", True, True, 0, None, None, 3),
        (f"c:{H1}", True, True, 2, T0, T0, 10),
    ]
    tweets_only = identity.accounts(tweets.filter(pl.col("userid") == H1), users_frame([]))
    assert tweets_only.collect(engine=engine)["follower_count"].to_list() == [2]


def test_accounts_against_truth(campaign: synthetic.CampaignTruth, engine: EngineName) -> None:
    result = identity.accounts(pl.LazyFrame(campaign.tweets), pl.LazyFrame(campaign.users)).collect(
        engine=engine
    )
    users = campaign.users
    assert result.height == users.height
    assert sorted(result["userid"]) == sorted(users["userid"])
    authored = collections.Counter(campaign.tweets["userid"].to_list())
    got = dict(zip(result["userid"], result["tweets"], strict=True))
    assert got == {u: authored.get(u, 0) for u in users["userid"]}
    assert set(result.filter(pl.col("tweets") == 0)["userid"]) == campaign.never_tweeted
    assert set(result.filter("hashed")["userid"]) == campaign.hashed_accounts
    assert set(result.filter(~pl.col("hashed"))["userid"]) == campaign.unhashed_accounts
    assert result["in_users_file"].all()
    profile = USER_SCHEMA.names()[1:]
    assert_frame_equal(result.select(profile).sort("userid"), users.select(profile).sort("userid"))
    span = campaign.tweets.group_by("userid").agg(
        pl.col("tweet_time").min().alias("first_tweet"),
        pl.col("tweet_time").max().alias("last_tweet"),
    )
    assert_frame_equal(
        result.filter(pl.col("tweets") > 0).select("userid", "first_tweet", "last_tweet"),
        span,
        check_row_order=False,
    )


def test_accounts_fall_back_to_tweet_profiles(campaign: synthetic.CampaignTruth) -> None:
    author = campaign.tweets["userid"][0]
    users = pl.LazyFrame(campaign.users.filter(pl.col("userid") != author))
    result = identity.accounts(pl.LazyFrame(campaign.tweets), users).collect()
    row = result.filter(pl.col("userid") == author).row(0, named=True)
    truth = campaign.users.filter(pl.col("userid") == author).row(0, named=True)
    assert row["in_users_file"] is False
    for column in USER_SCHEMA.names()[2:]:
        assert row[column] == truth[column], column


def test_accounts_from_written_files(campaign: synthetic.CampaignTruth) -> None:
    tweets = ioa.scan_tweets(list(campaign.tweet_files), campaign=campaign.campaign)
    users = ioa.scan_users(list(campaign.user_files), campaign=campaign.campaign)
    from_files = both_engines(identity.accounts(tweets, users), "key")
    from_truth = identity.accounts(pl.LazyFrame(campaign.tweets), pl.LazyFrame(campaign.users))
    assert_frame_equal(from_files, from_truth.collect().sort("key"))
