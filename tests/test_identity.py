"""Identity: id kinds, keys, accounts, references, hash maps and leaks, against known truth.

Truth comes from hand-computed inline frames, the real samples, and synthetic campaigns
checked against plain-Python reference implementations.
"""

from __future__ import annotations

import base64
import collections
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import identity, synthetic
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era
from tests.samples import ENGINES, EngineName, real_params

# From the samples' README: hashed accounts of each real users file.
REAL_HASHED = {
    "cuba_082020_users_csv_hashed.csv": 490,
    "qatar_082020_users_csv_hashed.csv": 22,
    "iran_092020_users_csv_hashed.csv": 104,
    "thailand_092020_users_csv_hashed.csv": 926,
    "ira_092020_users_csv_hashed.csv": 5,
    "ira_2018_excerpt_users_csv_hashed.csv": 2,
}

# An independent spelling of the rules, for the reference implementations below.
PY_HASH = re.compile(r"[0-9a-f]{64}|[A-Za-z0-9+]{30,42}[AEIMQUYcgkosw048]=")
PY_HASH_IN_TEXT = re.compile(r"@([0-9a-f]{64}|[A-Za-z0-9+]{30,42}[AEIMQUYcgkosw048]=)")

H1, H2, H3 = "a" * 64, "b" * 64, "c" * 64
B64 = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="
T0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def kinds(values: list[str | None]) -> list[str | None]:
    frame = pl.DataFrame({"x": values}, schema={"x": pl.String})
    return frame.select(identity.id_kind("x"))["x"].to_list()


def py_hashed(value: str | None) -> bool | None:
    return None if value is None else PY_HASH.fullmatch(value) is not None


def tweets_frame(rows: list[dict[str, Any]]) -> pl.LazyFrame:
    return pl.LazyFrame([{"campaign": "c", **r} for r in rows], schema=TWEET_SCHEMA)


def users_frame(rows: list[dict[str, Any]]) -> pl.LazyFrame:
    return pl.LazyFrame([{"campaign": "c", **r} for r in rows], schema=USER_SCHEMA)


def both_engines(lf: pl.LazyFrame, *sort: str) -> pl.DataFrame:
    """Collect on both engines, check they agree (sorted), return the streaming result."""
    streaming = lf.collect(engine="streaming").sort(*sort)
    in_memory = lf.collect(engine="in-memory").sort(*sort)
    assert_frame_equal(streaming, in_memory)
    return streaming


# --- id kinds -------------------------------------------------------------------------------


def b64_hash(digest: bytes) -> str:
    return base64.b64encode(digest).decode().replace("/", "")


@given(st.binary(min_size=32, max_size=32))
def test_base64_rule_on_any_32_byte_digest(digest: bytes) -> None:
    # Hypothesis favours extreme bytes (0xFF encodes as "/"), so this explores short hashes:
    # a hash is recognised exactly while at most 12 "/" were deleted.
    value = b64_hash(digest)
    assert len(value) == 44 - base64.b64encode(digest).decode().count("/")
    assert kinds([value]) == ["base64" if len(value) >= 32 else "other"]


@given(st.binary(max_size=100))
def test_base64_hashes_of_real_digests(data: bytes) -> None:
    value = b64_hash(hashlib.sha256(data).digest())
    assert kinds([value]) == ["base64"]
    broken = value[:-2] + "B="  # "B" never ends a 32-byte base64
    assert kinds([broken, value.rstrip("="), value + "="]) == ["other"] * 3


@given(st.binary(max_size=100))
def test_hex64_hashes(data: bytes) -> None:
    value = hashlib.sha256(data).hexdigest()
    assert kinds([value, value.upper(), value[:-1]]) == ["hex64", "other", "other"]


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_numeric_ids(userid: int) -> None:
    assert kinds([str(userid)]) == ["numeric"]


@given(st.sampled_from([Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020]), st.text(max_size=20))
def test_synthetic_writer_hashes_are_recognised(era: Era, userid: str) -> None:
    value = synthetic.hash_id(userid, era=era)
    assert kinds([value]) == ["hex64" if era is Era.TWEETS_2018 else "base64"]


@pytest.mark.parametrize(
    "value",
    [
        "A" * 64,  # uppercase hex
        "abc",
        "a" * 63,
        "a" * 65,
        "x=" * 21,
        "abc/def" + "a" * 36 + "=",  # a "/" that should have been deleted
        "a" * 42 + "B=",  # impossible last character
        "a" * 44,  # no "="
        "a" * 28 + "E=",  # too short to be a 32-byte digest
        "",
        "12 34",
        "-12",
        "1" * 21,
    ],
)
def test_other_is_flagged(value: str) -> None:
    assert kinds([value]) == ["other"]


def test_null_stays_null_and_names_are_kept() -> None:
    frame = pl.DataFrame({"u": [None, "12", B64]}, schema={"u": pl.String})
    out = frame.select(identity.id_kind("u"), identity.is_hashed(pl.col("u")).alias("h"))
    assert out.schema == pl.Schema({"u": identity.ID_KIND, "h": pl.Boolean()})
    assert out.rows() == [(None, None), ("numeric", False), ("base64", True)]


@pytest.mark.parametrize("path", real_params("*_users_*.csv"))
@pytest.mark.parametrize("engine", ENGINES)
def test_real_hashed_counts(path: Path, engine: EngineName) -> None:
    users = ioa.scan_users(path, campaign=path.name.split("_users_")[0])
    counts = dict(
        users.select(identity.id_kind("userid"))
        .collect(engine=engine)["userid"]
        .value_counts()
        .iter_rows()
    )
    assert "other" not in counts
    assert counts.get("hex64", 0) + counts.get("base64", 0) == REAL_HASHED[path.name]
    if "2018" in path.name:
        assert counts == {"hex64": 2}
    else:
        assert "hex64" not in counts
    table = identity.accounts(pl.LazyFrame(schema=TWEET_SCHEMA), users).collect(engine=engine)
    assert table["hashed"].sum() == REAL_HASHED[path.name]
    assert table.height == users.collect().height
    assert table["in_users_file"].all()


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


# --- account keys ---------------------------------------------------------------------------


def test_account_key_scopes() -> None:
    frame = pl.DataFrame(
        {
            "campaign": ["iran_202012", "GRU_202012", "gru_202012", "nowhere", None, "x"],
            "userid": [H1, H1, H1, H1, H1, "42"],
        }
    )

    def keys(**kwargs: Any) -> list[str | None]:
        return frame.select(identity.account_key("userid", **kwargs))["userid"].to_list()

    assert keys() == [
        f"iran_202012:{H1}",
        f"GRU_202012:{H1}",
        f"gru_202012:{H1}",
        f"nowhere:{H1}",
        None,
        "42",
    ]
    assert keys(scope="release") == [
        f"2020_12:{H1}",
        f"2020_12:{H1}",
        f"2020_12:{H1}",
        f"nowhere:{H1}",  # unknown campaign: dataset scope, never a bare hash
        None,
        "42",
    ]
    assert keys(scope="release", release={"nowhere": "r1"})[3] == f"r1:{H1}"
    with_release = frame.with_columns(pl.lit("R").alias("rel"))
    assert with_release.select(identity.account_key("userid", scope="release", release="rel"))[
        "userid"
    ].to_list()[:2] == [f"R:{H1}", f"R:{H1}"]
    assert keys(scope="global") == [H1] * 5 + ["42"]


def test_account_key_rejects_an_unknown_scope() -> None:
    with pytest.raises(ValueError, match="scope"):
        identity.account_key("userid", scope="world")  # type: ignore[arg-type]


def test_dataset_keys_keep_hashed_accounts_of_two_datasets_apart() -> None:
    tweets = pl.concat(
        [
            tweets_frame([{"tweetid": 1, "userid": H1, "tweet_time": T0}]),
            tweets_frame([{"tweetid": 2, "userid": H1, "tweet_time": T0}]).with_columns(
                campaign=pl.lit("d")
            ),
        ]
    )
    table = both_engines(identity.accounts(tweets, users_frame([])), "key")
    assert table["key"].to_list() == [f"c:{H1}", f"d:{H1}"]


# --- accounts -------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
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


# --- references -----------------------------------------------------------------------------


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
        (8, "mention", "not an id", None, "unknown", False, False),
    ]


def expected_references(tweets: pl.DataFrame, users: pl.DataFrame) -> collections.Counter[Any]:
    """Plain Python: (tweetid, kind, referenced id, referenced tweet, class, hashed, member)."""
    members = {(r["campaign"], r["userid"]) for r in users.iter_rows(named=True)}
    members |= {(r["campaign"], r["userid"]) for r in tweets.iter_rows(named=True)}
    authors: dict[tuple[str, int], str] = {}
    targets: dict[tuple[str, int], list[str]] = collections.defaultdict(list)
    for r in tweets.iter_rows(named=True):
        authors[r["campaign"], r["tweetid"]] = r["userid"]
        for t, a in (
            ("retweet_tweetid", "retweet_userid"),
            ("in_reply_to_tweetid", "in_reply_to_userid"),
        ):
            if r[t] is not None and r[a] is not None:
                targets[r["campaign"], r[t]].append(r[a])

    def author(campaign: str, tweetid: int) -> str | None:
        if (campaign, tweetid) in authors:
            return authors[campaign, tweetid]
        return min(targets[campaign, tweetid], default=None)

    def row(
        r: dict[str, Any], kind: str, ref: str | None, ref_tweet: int | None
    ) -> tuple[Any, ...]:
        member = None if ref is None else (r["campaign"], ref) in members
        if ref is None:
            klass = "unknown"
        elif py_hashed(ref) or member:
            klass = "internal"
        elif re.fullmatch(r"[0-9]{1,20}", ref):
            klass = "external"
        else:
            klass = "unknown"
        return (r["tweetid"], kind, ref, ref_tweet, klass, py_hashed(ref), member)

    out: collections.Counter[Any] = collections.Counter()
    for r in tweets.iter_rows(named=True):
        if r["is_retweet"] or r["retweet_userid"] or r["retweet_tweetid"]:
            out[row(r, "retweet", r["retweet_userid"], r["retweet_tweetid"])] += 1
        if r["in_reply_to_userid"] or r["in_reply_to_tweetid"]:
            out[row(r, "reply", r["in_reply_to_userid"], r["in_reply_to_tweetid"])] += 1
        for mention in dict.fromkeys(r["user_mentions"] or []):
            if mention != "0":
                out[row(r, "mention", mention, None)] += 1
        if r["quoted_tweet_tweetid"] is not None:
            quoted = r["quoted_tweet_tweetid"]
            out[row(r, "quote", author(r["campaign"], quoted), quoted)] += 1
    return out


@pytest.mark.parametrize("engine", ENGINES)
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


# --- hashed and unhashed copies -------------------------------------------------------------


@pytest.fixture(scope="module")
def pair(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[synthetic.CampaignTruth, synthetic.CampaignTruth, dict[str, str]]:
    """A release's hashed and unhashed copies, and the true hash → id of hashed accounts."""
    folder = tmp_path_factory.mktemp("pair")
    hashed = synthetic.write_campaign(
        folder / "h", "pair_202012", n_accounts=30, n_tweets=600, seed=8
    )
    clear = synthetic.write_campaign(
        folder / "u", "pair_202012", n_accounts=30, n_tweets=600, seed=8, hashed=False
    )
    truth = dict(zip(hashed.users["userid"], clear.users["userid"], strict=True))
    return hashed, clear, {h: c for h, c in truth.items() if h in hashed.hashed_accounts}


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


@pytest.mark.parametrize("engine", ENGINES)
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


# --- leaks ----------------------------------------------------------------------------------


def leak_frames() -> tuple[pl.LazyFrame, pl.LazyFrame, str]:
    h1 = synthetic.hash_id("111", era=Era.TWEETS_2020, salt="leak")
    h2 = synthetic.hash_id("222", era=Era.TWEETS_2020, salt="leak")
    users = users_frame([{"userid": u} for u in (h1, h2, "5000000")])
    rows = [
        {"tweetid": 1, "userid": h1, "tweet_text": f"hello @{h2}", "user_mentions": ["222"]},
        {"tweetid": 2, "userid": h1, "tweet_text": f"hello @{h2}", "user_mentions": [h2]},
        {"tweetid": 3, "userid": h1, "tweet_text": f"@{h2} @x", "user_mentions": [h2, "77"]},
        {"tweetid": 4, "userid": h2, "tweet_text": "@friend", "user_mentions": ["5000000"]},
        {"tweetid": 5, "userid": h2, "tweet_text": f"RT @{h1}: hi", "user_mentions": ["5000000"]},
        {
            "tweetid": 6,
            "userid": h2,
            "tweet_text": f"@{h1} @{H3}",
            "user_mentions": ["0", "8", "8"],
        },
    ]
    return tweets_frame(rows), users, h2


@pytest.mark.parametrize("engine", ENGINES)
def test_leaks_detects_planted_cases_exactly(engine: EngineName) -> None:
    tweets, users, h2 = leak_frames()
    h1 = synthetic.hash_id("111", era=Era.TWEETS_2020, salt="leak")
    report = identity.leaks(tweets, users).collect(engine=engine)
    assert report.schema["kind"] == identity.LEAK_KIND
    assert report.select("tweetid", "kind", "hashed_account", "clear_ids").rows() == [
        (1, "raw_id_in_mentions", h2, ["222"]),
        (3, "hash_beside_clear_id", h2, ["77"]),
        (6, "raw_id_in_mentions", h1, ["8"]),
        (6, "raw_id_in_mentions", H3, ["8"]),  # a hash not of this dataset counts too
    ]


def expected_leaks(tweets: pl.DataFrame, users: pl.DataFrame) -> list[tuple[Any, ...]]:
    """Plain Python: (tweetid, kind, hash, clear ids) for each hash mentioned in a text."""
    members = set(users["userid"]) | set(tweets["userid"])
    out = []
    for r in tweets.iter_rows(named=True):
        mentions = r["user_mentions"] or []
        clear = sorted({m for m in mentions if m.isdigit() and m != "0" and m not in members})
        if not clear:
            continue
        for h in sorted(set(PY_HASH_IN_TEXT.findall(r["tweet_text"] or ""))):
            kind = "hash_beside_clear_id" if h in mentions else "raw_id_in_mentions"
            out.append((r["tweetid"], kind, h, clear))
    return sorted(out)


@pytest.mark.parametrize("engine", ENGINES)
def test_leaks_planted_in_a_synthetic_release(
    pair: tuple[synthetic.CampaignTruth, synthetic.CampaignTruth, dict[str, str]],
    engine: EngineName,
) -> None:
    hashed, _, truth = pair
    # A clean copy first: every hash in a text is listed in user_mentions (as Twitter's
    # entities do); then the china_082019 leak is planted: in some tweets the hash in
    # user_mentions is replaced by the account's raw id.
    clean_mentions = [
        list(dict.fromkeys([*PY_HASH_IN_TEXT.findall(text or ""), *(mentions or [])]))
        for text, mentions in zip(
            hashed.tweets["tweet_text"].to_list(),
            hashed.tweets["user_mentions"].to_list(),
            strict=True,
        )
    ]
    clean = hashed.tweets.with_columns(
        pl.Series("user_mentions", clean_mentions, dtype=pl.List(pl.String))
    )
    users = pl.LazyFrame(hashed.users)
    baseline = identity.leaks(pl.LazyFrame(clean), users).collect(engine=engine)
    assert (baseline["kind"] == "hash_beside_clear_id").all()

    candidates = clean.filter(
        pl.col("tweet_text").str.contains(r"^RT @[A-Za-z0-9+]+=:")
        & pl.col("user_mentions").list.len().gt(0)
    ).sort("tweetid")
    planted: dict[int, str] = {}
    for row in candidates.head(6).iter_rows(named=True):
        hit = PY_HASH_IN_TEXT.match(row["tweet_text"][3:])
        assert hit is not None
        planted[row["tweetid"]] = hit.group(1)
    assert len(planted) == 6
    leaked_mentions = [
        [truth[m] if planted.get(tweetid) == m else m for m in mentions]
        for tweetid, mentions in zip(
            clean["tweetid"].to_list(), clean["user_mentions"].to_list(), strict=True
        )
    ]
    leaked = clean.with_columns(
        pl.Series("user_mentions", leaked_mentions, dtype=pl.List(pl.String))
    )
    report = identity.leaks(pl.LazyFrame(leaked), users).collect(engine=engine)
    rows = [(t, str(k), h, list(c)) for t, k, h, c in report.drop("campaign").rows()]
    assert rows == expected_leaks(leaked, hashed.users)
    raw = report.filter(pl.col("kind") == "raw_id_in_mentions")
    assert dict(zip(raw["tweetid"], raw["hashed_account"], strict=True)) == planted
    for tweetid, h, clear in raw.select("tweetid", "hashed_account", "clear_ids").rows():
        assert truth[h] in clear, tweetid


def test_leaks_never_reverse_a_hash() -> None:
    tweets, users, _ = leak_frames()
    report = identity.leaks(tweets, users).collect()
    assert report.columns == ["campaign", "tweetid", "kind", "hashed_account", "clear_ids"]
    assert report.schema["clear_ids"] == pl.List(pl.String)
