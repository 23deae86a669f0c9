"""Identity: id kinds, keys, accounts, references, hash maps and leaks, against known truth."""

from __future__ import annotations

import base64
import collections
import hashlib
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import identity, synthetic
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era
from tests.samples import ENGINES, EngineName, real_params

REAL_HASHED = {
    "cuba_082020_users_csv_hashed.csv": 490,
    "qatar_082020_users_csv_hashed.csv": 22,
    "iran_092020_users_csv_hashed.csv": 104,
    "thailand_092020_users_csv_hashed.csv": 926,
    "ira_092020_users_csv_hashed.csv": 5,
    "ira_2018_excerpt_users_csv_hashed.csv": 2,
}


def kinds(values: list[str | None]) -> list[str | None]:
    frame = pl.DataFrame({"x": values}, schema={"x": pl.String})
    return frame.select(identity.id_kind("x"))["x"].to_list()


@given(st.binary(min_size=32, max_size=32))
def test_base64_hashes(digest: bytes) -> None:
    value = base64.b64encode(digest).decode().replace("/", "")
    assert kinds([value]) == ["base64"]


@given(st.binary(min_size=1, max_size=64))
def test_hex64_hashes(data: bytes) -> None:
    assert kinds([hashlib.sha256(data).hexdigest()]) == ["hex64"]


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_numeric_ids(userid: int) -> None:
    assert kinds([str(userid)]) == ["numeric"]


@pytest.mark.parametrize(
    "value",
    ["A" * 64, "abc", "a" * 63, "x=" * 21, "abc/def" + "a" * 36 + "=", "a" * 44, "", "12 34"],
)
def test_other_is_flagged(value: str) -> None:
    assert kinds([value]) == ["other"]
    assert kinds([None]) == [None]


@pytest.mark.parametrize("path", real_params("*_users_*.csv"))
def test_real_hashed_counts(path: Path) -> None:
    users = ioa.scan_users(path)
    counts = dict(
        users.select(identity.id_kind("userid")).collect()["userid"].value_counts().iter_rows()
    )
    assert counts.get("other", 0) == 0
    assert counts.get("hex64", 0) + counts.get("base64", 0) == REAL_HASHED[path.name]
    if "2018" in path.name:
        assert counts == {"hex64": 2}


@pytest.mark.parametrize("path", real_params("ira_2018_excerpt_tweets*.csv"))
def test_real_2018_references(path: Path) -> None:
    tweets = ioa.scan_tweets(path, campaign="ira")
    users = ioa.scan_users(str(path).replace("tweets", "users"), campaign="ira")
    refs = identity.references(tweets, users).collect()
    assert refs.select("kind", "referenced_userid", "class", "hashed").sort("kind").rows() == [
        ("retweet", "2572896396", "external", False),
        ("mention", "2572896396", "external", False),
    ]


def test_account_key_scopes() -> None:
    h = "a" * 64
    frame = pl.DataFrame({"campaign": ["iran_202012", "GRU_202012", "x"], "userid": [h, h, "42"]})
    dataset = frame.select(identity.account_key("userid"))["userid"].to_list()
    assert dataset == [f"iran_202012:{h}", f"GRU_202012:{h}", "42"]
    release = frame.select(identity.account_key("userid", scope="release"))["userid"].to_list()
    assert release == [f"2020_12:{h}", f"2020_12:{h}", "42"]
    assert frame.select(identity.account_key("userid", scope="global"))["userid"].to_list() == [
        h,
        h,
        "42",
    ]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    folder = tmp_path_factory.mktemp("identity")
    return synthetic.write_campaign(folder, "id_202012", n_accounts=40, n_tweets=800, seed=21)


@pytest.mark.parametrize("engine", ENGINES)
def test_accounts_against_truth(campaign: synthetic.CampaignTruth, engine: EngineName) -> None:
    result = identity.accounts(pl.LazyFrame(campaign.tweets), pl.LazyFrame(campaign.users)).collect(
        engine=engine
    )
    users = campaign.users
    assert sorted(result["userid"]) == sorted(users["userid"])
    authored = collections.Counter(campaign.tweets["userid"].to_list())
    got = dict(zip(result["userid"], result["tweets"], strict=True))
    assert got == {u: authored.get(u, 0) for u in users["userid"]}
    never = set(result.filter(pl.col("tweets") == 0)["userid"])
    assert never == campaign.never_tweeted
    assert set(result.filter("hashed")["userid"]) == campaign.hashed_accounts
    assert result["in_users_file"].all()
    expected_profile = users.select("userid", "follower_count", "user_screen_name").sort("userid")
    assert_frame_equal(
        result.select("userid", "follower_count", "user_screen_name").sort("userid"),
        expected_profile,
    )
    first = campaign.tweets.group_by("userid").agg(pl.col("tweet_time").min()).sort("userid")
    joined = result.join(first, on="userid").select("first_tweet", "tweet_time")
    assert (joined["first_tweet"] == joined["tweet_time"]).all()


def test_accounts_fall_back_to_tweet_profiles(campaign: synthetic.CampaignTruth) -> None:
    author = campaign.tweets["userid"][0]
    users = pl.LazyFrame(campaign.users.filter(pl.col("userid") != author))
    result = identity.accounts(pl.LazyFrame(campaign.tweets), users).collect()
    row = result.filter(pl.col("userid") == author).row(0, named=True)
    truth = campaign.users.filter(pl.col("userid") == author).row(0, named=True)
    assert row["in_users_file"] is False
    assert row["follower_count"] == truth["follower_count"]
    assert row["user_profile_description"] == truth["user_profile_description"]


def expected_references(truth: synthetic.CampaignTruth) -> collections.Counter[tuple[str, str]]:
    """Plain Python over the truth: (kind, class) counts."""
    members = set(truth.users["userid"])
    ids = dict(zip(truth.tweets["tweetid"], truth.tweets["userid"], strict=True))

    def klass(ref: str | None) -> str:
        if ref is None:
            return "unknown"
        return "internal" if ref in members or ref in truth.hashed_accounts else "external"

    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for row in truth.tweets.iter_rows(named=True):
        if row["is_retweet"] and (row["retweet_userid"] or row["retweet_tweetid"]):
            counts["retweet", klass(row["retweet_userid"])] += 1
        if row["in_reply_to_userid"] or row["in_reply_to_tweetid"]:
            counts["reply", klass(row["in_reply_to_userid"])] += 1
        for mention in row["user_mentions"] or []:
            if mention != "0":
                counts["mention", klass(mention)] += 1
        if row["quoted_tweet_tweetid"] is not None:
            counts["quote", klass(ids.get(row["quoted_tweet_tweetid"]))] += 1
    return counts


@pytest.mark.parametrize("engine", ENGINES)
def test_references_by_kind_and_class(
    campaign: synthetic.CampaignTruth, engine: EngineName
) -> None:
    refs = identity.references(pl.LazyFrame(campaign.tweets), pl.LazyFrame(campaign.users)).collect(
        engine=engine
    )
    got = collections.Counter(
        refs.select(pl.col("kind").cast(str), pl.col("class").cast(str)).rows()
    )
    expected = expected_references(campaign)
    assert got == expected
    assert {k for k, _ in expected} == {"retweet", "reply", "mention", "quote"}
    assert {c for _, c in expected} == {"internal", "external", "unknown"}
    hashed = refs.filter(pl.col("hashed").fill_null(False))["referenced_userid"]
    assert set(hashed) <= campaign.hashed_accounts
    assert (refs["referenced_userid"] != "0").all()


def test_hash_map_and_unhash(tmp_path: Path) -> None:
    hashed = synthetic.write_campaign(
        tmp_path / "h", "pair_202012", n_accounts=30, n_tweets=600, seed=8
    )
    clear = synthetic.write_campaign(
        tmp_path / "u", "pair_202012", n_accounts=30, n_tweets=600, seed=8, hashed=False
    )
    truth = dict(zip(hashed.users["userid"], clear.users["userid"], strict=True))
    truth = {h: c for h, c in truth.items() if h in hashed.hashed_accounts}
    mapping = identity.hash_map(pl.LazyFrame(hashed.tweets), pl.LazyFrame(clear.tweets)).collect()
    assert not mapping["conflict"].any()
    got = dict(zip(mapping["hash"], mapping["userid"], strict=True))
    referenced = (
        set(hashed.tweets["userid"])
        | set(hashed.tweets["retweet_userid"].drop_nulls())
        | set(hashed.tweets["in_reply_to_userid"].drop_nulls())
    )
    assert got == {h: c for h, c in truth.items() if h in referenced}
    restored = identity.unhash(pl.LazyFrame(hashed.tweets), mapping).collect()
    assert restored["userid"].to_list() == clear.tweets["userid"].to_list()
    assert restored["retweet_userid"].to_list() == clear.tweets["retweet_userid"].to_list()
    assert restored["user_mentions"].to_list() == clear.tweets["user_mentions"].to_list()


def test_hash_map_reports_a_planted_conflict(tmp_path: Path) -> None:
    hashed = synthetic.write_campaign(tmp_path / "h", "pair_202012", n_tweets=300, seed=8)
    clear = synthetic.write_campaign(
        tmp_path / "u", "pair_202012", n_tweets=300, seed=8, hashed=False
    )
    victim = hashed.tweets.filter(pl.col("userid").is_in(list(hashed.hashed_accounts)))["tweetid"][
        0
    ]
    tampered = clear.tweets.with_columns(
        pl.when(pl.col("tweetid") == victim)
        .then(pl.lit("999"))
        .otherwise(pl.col("userid"))
        .alias("userid")
    )
    mapping = identity.hash_map(pl.LazyFrame(hashed.tweets), pl.LazyFrame(tampered)).collect()
    conflicted = mapping.filter("conflict")
    assert conflicted["hash"].n_unique() == 1
    assert "999" in conflicted["userid"].to_list()
    assert conflicted.filter(pl.col("userid") == "999")["evidence"].to_list() == [1]
    restored = identity.unhash(pl.LazyFrame(hashed.tweets), mapping, columns=("userid",)).collect()
    assert conflicted["hash"][0] in restored["userid"].to_list()


def leak_frames() -> tuple[pl.LazyFrame, pl.LazyFrame]:
    h1 = synthetic.hash_id("111", era=Era.TWEETS_2020, salt="leak")
    h2 = synthetic.hash_id("222", era=Era.TWEETS_2020, salt="leak")
    users = pl.LazyFrame(
        [{"campaign": "c", "userid": u} for u in (h1, h2, "5000000")], schema=USER_SCHEMA
    )
    rows = [
        {
            "tweetid": 1,
            "userid": h1,
            "tweet_text": f"hello @{h2}",
            "user_mentions": ["222"],
        },  # leak
        {"tweetid": 2, "userid": h1, "tweet_text": f"hello @{h2}", "user_mentions": [h2]},  # fine
        {
            "tweetid": 3,
            "userid": h1,
            "tweet_text": f"@{h2} and @x",
            "user_mentions": [h2, "77"],
        },  # beside
        {
            "tweetid": 4,
            "userid": h2,
            "tweet_text": "@friend",
            "user_mentions": ["5000000"],
        },  # no hash
        {
            "tweetid": 5,
            "userid": h2,
            "tweet_text": f"RT @{h1}: hi",
            "user_mentions": ["5000000"],
        },  # member id
    ]
    tweets = pl.LazyFrame([{**r, "campaign": "c"} for r in rows], schema=TWEET_SCHEMA)
    return tweets, users


@pytest.mark.parametrize("engine", ENGINES)
def test_leaks_detects_planted_cases_exactly(engine: EngineName) -> None:
    tweets, users = leak_frames()
    h2 = synthetic.hash_id("222", era=Era.TWEETS_2020, salt="leak")
    report = identity.leaks(tweets, users).collect(engine=engine)
    assert report.select("tweetid", "kind", "hashed_account", "clear_ids").rows() == [
        (1, "raw_id_in_mentions", h2, ["222"]),
        (3, "hash_beside_clear_id", h2, ["77"]),
    ]
