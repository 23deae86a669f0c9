"""Metrics against independent references: plain Python over the truth, hand-computed values."""

from __future__ import annotations

import collections
import datetime as dt
import math
import statistics
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from ioarchive import metrics, synthetic
from ioarchive.schema import Era
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS, exact_time
from tests.samples import ENGINES, EngineName


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    return synthetic.write_campaign(
        tmp_path_factory.mktemp("metrics"),
        "m_202012",
        n_accounts=40,
        n_tweets=2000,
        seed=31,
        days=60,
    )


@pytest.fixture(scope="module")
def tweets(truth: synthetic.CampaignTruth) -> pl.LazyFrame:
    return pl.LazyFrame(truth.tweets)


def rows(truth: synthetic.CampaignTruth) -> list[dict[str, Any]]:
    return truth.tweets.to_dicts()


def py_type(row: dict[str, Any]) -> str:
    if row["is_retweet"]:
        return "retweet"
    if row["quoted_tweet_tweetid"] is not None:
        return "quote"
    if row["in_reply_to_tweetid"] is not None or row["in_reply_to_userid"] is not None:
        return "reply"
    return "original"


METRIC_CALLS = {
    "activity": lambda t, u: metrics.activity(t, every="1d", by="userid", fill_gaps=True),
    "posting_profile": lambda t, u: metrics.posting_profile(t, tz="Asia/Tehran", by="campaign"),
    "tweet_types": lambda t, u: metrics.tweet_types(t, by="userid"),
    "top": lambda t, u: metrics.top(t, "hashtags", k=5, by="userid"),
    "concentration": lambda t, u: metrics.concentration(t, "tweet_client_name", by="campaign"),
    "account_activity": lambda t, u: metrics.account_activity(t),
    "creation_cohorts": lambda t, u: metrics.creation_cohorts(u, every="1y", fill_gaps=True),
    "batch_creation": lambda t, u: metrics.batch_creation(u, min_accounts=1),
    "engagement": lambda t, u: metrics.engagement(t, by="tweet_language"),
    "burstiness": lambda t, u: metrics.burstiness(t, min_tweets=5),
    "retweet_latency": lambda t, _: metrics.retweet_latency(t).sort("tweetid"),
    "summary": metrics.summary,
}


@pytest.mark.parametrize("name", sorted(METRIC_CALLS))
def test_streaming_equals_in_memory(name: str, truth: synthetic.CampaignTruth) -> None:
    frame = METRIC_CALLS[name](pl.LazyFrame(truth.tweets), pl.LazyFrame(truth.users))
    assert isinstance(frame, pl.LazyFrame)
    streaming = frame.collect(engine="streaming")
    assert streaming.height > 0
    assert_frame_equal(streaming, frame.collect(engine="in-memory"))


@pytest.mark.parametrize("engine", ENGINES)
def test_activity_matches_counter(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, engine: EngineName
) -> None:
    daily = metrics.activity(tweets, every="1d").collect(engine=engine)
    expected = collections.Counter(r["tweet_time"].date() for r in rows(truth))
    assert {p.date(): n for p, n in daily.iter_rows()} == dict(expected)
    assert_frame_equal(
        daily.select(pl.col("period").dt.date().alias("day"), "tweets"),
        truth.daily_counts.with_columns(pl.col("tweets").cast(pl.UInt32)),
    )


def test_activity_fill_gaps_by_group() -> None:
    t = [dt.datetime(2020, 1, d, 5, tzinfo=dt.UTC) for d in (1, 4, 2, 2)]
    lf = pl.LazyFrame({"campaign": ["a", "a", "b", "b"], "tweet_time": t})
    out = metrics.activity(lf, by="campaign", fill_gaps=True).collect()
    assert out.select("campaign", pl.col("period").dt.day(), "tweets").rows() == [
        ("a", 1, 1),
        ("a", 2, 0),
        ("a", 3, 0),
        ("a", 4, 1),
        ("b", 2, 2),
    ]
    hourly = metrics.activity(lf, every="1h").collect()
    assert hourly["tweets"].to_list() == [1, 2, 1]


def test_posting_profile_matches_python(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.posting_profile(tweets, tz="Asia/Tehran").collect()
    assert out.height == 168
    zone = ZoneInfo("Asia/Tehran")
    expected = collections.Counter(
        (r["tweet_time"].astimezone(zone).isoweekday(), r["tweet_time"].astimezone(zone).hour)
        for r in rows(truth)
    )
    got = {(w, h): n for w, h, n, _ in out.iter_rows() if n}
    assert got == dict(expected)
    assert math.isclose(out["share"].sum(), 1.0)


def test_tweet_types_match_truth(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.tweet_types(tweets).collect()
    assert dict(zip(out["tweet_type"], out["tweets"], strict=True)) == truth.type_counts
    assert collections.Counter(py_type(r) for r in rows(truth)) == collections.Counter(
        truth.type_counts
    )


def test_top_hashtags_and_domains(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    counter = collections.Counter(h for r in rows(truth) for h in (r["hashtags"] or []))
    out = metrics.top(tweets, "hashtags", k=3).collect()
    expected = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    assert out.select("value", "count").rows() == expected
    assert out["rank"].to_list() == [1, 2, 3]
    assert math.isclose(out["share"][0], expected[0][1] / sum(counter.values()))
    domains = metrics.top(tweets, metrics.url_domain("urls"), k=10).collect()
    assert "example.com" in domains["value"].to_list()
    assert "news.example.com" in domains["value"].to_list()


def test_top_breaks_ties_by_value() -> None:
    lf = pl.LazyFrame({"g": ["x", "x", "x", "y"], "v": ["b", "a", "c", "z"]})
    assert metrics.top(lf, "v", k=2, by="g").collect().select("g", "value", "rank").rows() == [
        ("x", "a", 1),
        ("x", "b", 2),
        ("y", "z", 1),
    ]


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=50))
def test_gini_and_entropy_properties(values: list[int]) -> None:
    frame = pl.DataFrame({"x": values})
    g = frame.select(metrics.gini("x")).item()
    h = frame.select(metrics.entropy("x")).item()
    total = sum(values)
    if total == 0:
        assert g is None
        assert h is None
        return
    n = len(values)
    ordered = sorted(values)
    reference = 2 * sum((i + 1) * x for i, x in enumerate(ordered)) / (n * total) - (n + 1) / n
    assert math.isclose(g, reference, abs_tol=1e-9)
    assert -1e-9 <= g <= 1
    shares = [x / total for x in values if x]
    assert math.isclose(h, -sum(p * math.log2(p) for p in shares), abs_tol=1e-9)
    assert h <= math.log2(n) + 1e-9


def test_concentration_matches_python(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    counts = collections.Counter(r["tweet_client_name"] for r in rows(truth))
    total = sum(counts.values())
    out = metrics.concentration(tweets, "tweet_client_name").collect().row(0, named=True)
    assert out["values"] == total
    assert out["distinct"] == len(counts)
    assert math.isclose(out["herfindahl"], sum((n / total) ** 2 for n in counts.values()))
    assert math.isclose(
        out["entropy"], -sum(n / total * math.log2(n / total) for n in counts.values())
    )


def test_account_activity_matches_python(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.account_activity(tweets).collect()
    by_user: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in rows(truth):
        by_user[r["userid"]].append(r)
    assert out.height == len(by_user)
    for row in out.iter_rows(named=True):
        mine = by_user[row["userid"]]
        days = {r["tweet_time"].date() for r in mine}
        assert row["tweets"] == len(mine)
        assert row["active_days"] == len(days)
        assert math.isclose(row["tweets_per_active_day"], len(mine) / len(days))
        assert math.isclose(
            row["share_retweet"], sum(py_type(r) == "retweet" for r in mine) / len(mine)
        )
        assert row["first_tweet"] == min(r["tweet_time"] for r in mine)


def test_creation_cohorts_and_batches(truth: synthetic.CampaignTruth) -> None:
    users = pl.LazyFrame(truth.users)
    yearly = metrics.creation_cohorts(users, every="1y").collect()
    expected = collections.Counter(d.year for d in truth.users["account_creation_date"])
    assert {p.year: n for p, n in yearly.iter_rows()} == dict(expected)
    days = [dt.date(2019, 5, 1)] * 4 + [dt.date(2019, 5, 2)] * 2 + [dt.date(2019, 7, 1)]
    batch = metrics.batch_creation(
        pl.LazyFrame({"account_creation_date": days}), min_accounts=2
    ).collect()
    assert batch.select("day", "accounts").rows() == [
        (dt.date(2019, 5, 1), 4),
        (dt.date(2019, 5, 2), 2),
    ]
    assert math.isclose(batch["share"][0], 4 / 7)


def test_engagement_leaves_retweets_out(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.engagement(tweets).collect().row(0, named=True)
    likes = [
        r["like_count"] for r in rows(truth) if not r["is_retweet"] and r["like_count"] is not None
    ]
    assert out["tweets"] == sum(1 for r in rows(truth) if not r["is_retweet"])
    assert out["like_sum"] == sum(likes)
    assert math.isclose(out["like_mean"], statistics.fmean(likes))
    assert out["like_median"] == statistics.median(likes)
    with_retweets = statistics.fmean(r["like_count"] or 0 for r in rows(truth))
    assert out["like_mean"] > with_retweets


def snowflake(seconds: float) -> int:
    return (round(seconds * 1000) - SNOWFLAKE_EPOCH_MS + 1_600_000_000_000) << 22


def test_burstiness_hand_computed() -> None:
    regular = [snowflake(s) for s in (0, 10, 20, 30, 40)]
    bursty = [snowflake(s) for s in (0, 1, 2, 3, 1000)]
    lf = pl.LazyFrame(
        {
            "userid": ["r"] * 5 + ["b"] * 5 + ["few"] * 2,
            "tweetid": [*regular, *bursty, *regular[:2]],
        },
        schema_overrides={"tweetid": pl.UInt64},
    )
    out = metrics.burstiness(lf, min_tweets=5).collect()
    assert out["userid"].to_list() == ["b", "r"]
    r = out.row(1, named=True)
    assert (r["mean_gap_seconds"], r["std_gap_seconds"], r["burstiness"], r["cv"]) == (
        10.0,
        0.0,
        -1.0,
        0.0,
    )
    gaps = [1.0, 1.0, 1.0, 997.0]
    m, s = statistics.fmean(gaps), statistics.pstdev(gaps)
    b = out.row(0, named=True)
    assert math.isclose(b["burstiness"], (s - m) / (s + m))
    assert math.isclose(b["cv"], s / m)


def test_retweet_latency_matches_ids(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.retweet_latency(tweets).collect()
    retweets = [r for r in rows(truth) if r["is_retweet"] and r["retweet_tweetid"] is not None]
    assert out.height == len(retweets)
    expected = {
        r["tweetid"]: ((r["tweetid"] >> 22) - (r["retweet_tweetid"] >> 22)) / 1000 for r in retweets
    }
    assert dict(zip(out["tweetid"], out["latency_seconds"], strict=True)) == pytest.approx(expected)
    assert (out["latency_seconds"] > 0).all()


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
        assert math.isclose(row["share_retweet"], t.type_counts["retweet"] / t.tweets.height)
        langs = collections.Counter(t.tweets["tweet_language"].to_list())
        assert row["top_languages"] == [
            k for k, _ in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        ]


@given(
    st.integers(min_value=0, max_value=(1 << 41) - 1),
    st.integers(min_value=0, max_value=(1 << 22) - 1),
)
def test_exact_time_round_trips(ms: int, low: int) -> None:
    tweetid = (ms << 22) | low
    value = pl.select(exact_time(pl.lit(tweetid, pl.UInt64))).item()
    if tweetid < 30_000_000_000:
        assert value is None
    else:
        expected = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            milliseconds=ms + SNOWFLAKE_EPOCH_MS
        )
        assert value == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_burstiness_finds_planted_bursts(tmp_path: Path, engine: EngineName) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "burst_202012", n_accounts=20, n_tweets=1500, seed=5, bursty_accounts=3
    )
    assert len(truth.bursty_accounts) == 3
    out = metrics.burstiness(pl.LazyFrame(truth.tweets), min_tweets=10).collect(engine=engine)
    ranked = out.sort("burstiness", descending=True)["userid"].to_list()
    assert set(ranked[:3]) == truth.bursty_accounts
    scores = dict(zip(out["userid"], out["burstiness"], strict=True))
    assert all(scores[u] > 0.5 for u in truth.bursty_accounts)
    assert all(abs(scores[u]) < 0.3 for u in scores if u not in truth.bursty_accounts)
    assert_frame_equal(ioa_scan(truth), truth.tweets)


def ioa_scan(truth: synthetic.CampaignTruth) -> pl.DataFrame:
    import ioarchive

    return ioarchive.scan_tweets(truth.tweet_files, campaign=truth.campaign).collect()
