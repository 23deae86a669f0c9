"""Tests of hashes."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from ioarchive import identity, synthetic
from tests.identity.common import H1, H2, H3, both_engines, tweets_frame
from tests.samples import EngineName


def test_hash_map_by_hand() -> None:
    hashed = tweets_frame(
        [
            {"tweetid": 1, "userid": H1, "retweet_userid": H2},
            {"tweetid": 2, "userid": H1, "in_reply_to_userid": "50"},
            {"tweetid": 3, "userid": H2},
            {"tweetid": 4, "userid": H3},  # not in the unhashed copy
        ]
    )
    clear = tweets_frame(
        [
            {"tweetid": 1, "userid": "10", "retweet_userid": "20"},
            {"tweetid": 2, "userid": "10", "in_reply_to_userid": "50"},
            {"tweetid": 3, "userid": "21"},  # conflict: H2 is "20" above
        ]
    )
    mapping = both_engines(identity.hash_map(hashed, clear), "hash", "userid")
    assert mapping.schema == pl.Schema(
        {
            "hash": pl.String(),
            "userid": pl.String(),
            "evidence": pl.UInt32(),
            "conflict": pl.Boolean(),
        }
    )
    assert mapping.rows() == [(H1, "10", 2, False), (H2, "20", 1, True), (H2, "21", 1, True)]
    restored = identity.unhash(hashed, mapping).collect().sort("tweetid")
    assert restored["userid"].to_list() == ["10", "10", H2, H3]
    assert restored["retweet_userid"].to_list() == [H2, None, None, None]


def test_hash_map_and_unhash_against_truth(
    pair: tuple[synthetic.CampaignTruth, synthetic.CampaignTruth, dict[str, str]],
    engine: EngineName,
) -> None:
    hashed, clear, truth = pair
    mapping = identity.hash_map(pl.LazyFrame(hashed.tweets), pl.LazyFrame(clear.tweets)).collect(
        engine=engine
    )
    assert not mapping["conflict"].any()
    got = dict(zip(mapping["hash"], mapping["userid"], strict=True))
    referenced = (
        set(hashed.tweets["userid"])
        | set(hashed.tweets["retweet_userid"].drop_nulls())
        | set(hashed.tweets["in_reply_to_userid"].drop_nulls())
    )
    assert got == {h: c for h, c in truth.items() if h in referenced}
    restored = identity.unhash(pl.LazyFrame(hashed.tweets), mapping).collect(engine=engine)
    for column in ("userid", "retweet_userid", "in_reply_to_userid", "user_mentions"):
        assert restored[column].to_list() == clear.tweets[column].to_list(), column
    assert_frame_equal(
        restored.drop("userid", "retweet_userid", "in_reply_to_userid", "user_mentions"),
        hashed.tweets.drop("userid", "retweet_userid", "in_reply_to_userid", "user_mentions"),
    )


def test_hash_map_reports_a_planted_conflict(
    pair: tuple[synthetic.CampaignTruth, synthetic.CampaignTruth, dict[str, str]],
) -> None:
    hashed, clear, truth = pair
    victim_row = hashed.tweets.filter(pl.col("userid").is_in(list(truth))).row(0, named=True)
    victim, victim_hash = victim_row["tweetid"], victim_row["userid"]
    tampered = clear.tweets.with_columns(
        pl.when(pl.col("tweetid") == victim)
        .then(pl.lit("999"))
        .otherwise(pl.col("userid"))
        .alias("userid")
    )
    mapping = identity.hash_map(pl.LazyFrame(hashed.tweets), pl.LazyFrame(tampered)).collect()
    conflicted = mapping.filter("conflict")
    assert set(conflicted["hash"]) == {victim_hash}
    assert set(conflicted["userid"]) == {"999", truth[victim_hash]}
    assert conflicted.filter(pl.col("userid") == "999")["evidence"].to_list() == [1]
    assert not mapping.filter(pl.col("hash") != victim_hash)["conflict"].any()
    restored = identity.unhash(pl.LazyFrame(hashed.tweets), mapping).collect()
    still_hashed = restored.filter(pl.col("userid") == victim_hash)
    assert still_hashed.height == (hashed.tweets["userid"] == victim_hash).sum()


def test_a_hash_paired_twice_is_left_without_a_conflict_column() -> None:
    # The conflict column is optional: a hash with two ids is still never settled silently.
    h = "a" * 64
    mapping = pl.DataFrame({"hash": [h, h, "b" * 64], "userid": ["7", "8", "9"]})
    frame = pl.LazyFrame({"userid": [h, "b" * 64], "user_mentions": [[h], ["b" * 64]]})
    out = identity.unhash(frame, mapping, columns=["userid"]).collect()
    assert out.rows() == [(h, [h]), ("9", ["9"])]
