"""Tests of timing."""

from __future__ import annotations

import collections
import itertools
import math
import statistics
from pathlib import Path

import polars as pl
import pytest

import ioarchive
from ioarchive import metrics, synthetic
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS
from tests.metrics.common import rows, snowflake, tiny
from tests.samples import EngineName


def test_burstiness_hand_computed() -> None:
    regular = [snowflake(s) for s in (0, 10, 20, 30, 40)]
    bursty = [snowflake(s) for s in (0, 1, 2, 3, 1000)]
    lf = pl.LazyFrame(
        {
            "userid": ["r"] * 5 + ["b"] * 5 + ["few"] * 2 + ["r"],
            "tweetid": [*regular, *bursty, *regular[:2], 12345],  # a pre-snowflake id: no time
        },
        schema_overrides={"tweetid": pl.UInt64},
    )
    out = metrics.burstiness(lf, min_tweets=5).collect()
    assert out["userid"].to_list() == ["b", "r"]
    r = out.row(1, named=True)
    assert (r["tweets"], r["mean_gap_seconds"], r["std_gap_seconds"], r["burstiness"], r["cv"]) == (
        5,
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
    whole = metrics.burstiness(lf, by=None, min_tweets=2).collect()
    assert whole.columns == ["tweets", "mean_gap_seconds", "std_gap_seconds", "cv", "burstiness"]
    assert whole["tweets"].item() == 12


def test_burstiness_matches_python(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.burstiness(tweets, min_tweets=10).collect()
    times: dict[str, list[int]] = collections.defaultdict(list)
    for r in rows(truth):
        if r["tweetid"] >= 30_000_000_000:
            times[r["userid"]].append((r["tweetid"] >> 22) + SNOWFLAKE_EPOCH_MS)
    expected = {}
    for user, ms in times.items():
        if len(ms) >= 10:
            ms.sort()
            gaps = [(b - a) / 1000 for a, b in itertools.pairwise(ms)]
            m, s = statistics.fmean(gaps), statistics.pstdev(gaps)
            expected[user] = (len(ms), m, s, (s - m) / (s + m))
    got = {u: (n, m, s, b) for u, n, m, s, _, b in out.iter_rows()}
    assert got.keys() == expected.keys()
    for user, values in expected.items():
        assert got[user] == pytest.approx(values, rel=1e-9)


def test_burstiness_finds_planted_bursts(tmp_path: Path, engine: EngineName) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "burst_202012", n_accounts=20, n_tweets=1500, seed=5, bursty_accounts=3
    )
    assert len(truth.bursty_accounts) == 3
    scanned = ioarchive.scan_tweets(truth.tweet_files, campaign=truth.campaign)
    out = metrics.burstiness(scanned, min_tweets=10).collect(engine=engine)
    ranked_users = out.sort("burstiness", descending=True)["userid"].to_list()
    assert set(ranked_users[:3]) == truth.bursty_accounts
    scores = dict(zip(out["userid"], out["burstiness"], strict=True))
    assert all(scores[u] > 0.5 for u in truth.bursty_accounts)
    assert all(abs(scores[u]) < 0.3 for u in scores if u not in truth.bursty_accounts)


def test_retweet_latency_matches_ids(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.retweet_latency(tweets).collect()
    retweets = [r for r in rows(truth) if r["is_retweet"] and r["retweet_tweetid"] is not None]
    assert out.height == len(retweets)
    assert out["tweetid"].to_list() == [r["tweetid"] for r in retweets]  # input order kept
    expected = [((r["tweetid"] >> 22) - (r["retweet_tweetid"] >> 22)) / 1000 for r in retweets]
    assert out["latency_seconds"].to_list() == pytest.approx(expected)
    assert (out["latency_seconds"] > 0).all()


def test_retweet_latency_hand_computed() -> None:
    source = snowflake(0)
    lf = tiny(
        [
            {"tweetid": snowflake(0.25), "is_retweet": True, "retweet_tweetid": source},
            {"tweetid": snowflake(90), "is_retweet": True, "retweet_tweetid": 20},  # 2006 source
            {"tweetid": snowflake(5), "is_retweet": True},  # source unknown: no row
            {"tweetid": snowflake(6), "is_retweet": False, "retweet_tweetid": source},
        ]
    )
    out = metrics.retweet_latency(lf).collect()
    assert out["latency_seconds"].to_list() == [0.25, None]
    assert out.columns == [
        "campaign",
        "tweetid",
        "userid",
        "retweet_tweetid",
        "retweet_userid",
        "latency_seconds",
    ]
