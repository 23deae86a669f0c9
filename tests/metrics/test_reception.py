"""Tests of engagement."""

from __future__ import annotations

import math
import statistics

import polars as pl

from ioarchive import metrics, synthetic
from tests.metrics.common import rows, tiny


def test_engagement_leaves_retweets_out(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.engagement(tweets).collect().row(0, named=True)
    own = [r for r in rows(truth) if not r["is_retweet"]]
    assert out["tweets"] == len(own)
    for name in ("like", "retweet", "reply", "quote"):
        values = [r[f"{name}_count"] for r in own if r[f"{name}_count"] is not None]
        assert out[f"{name}_sum"] == sum(values)
        assert math.isclose(out[f"{name}_mean"], statistics.fmean(values))
        assert out[f"{name}_median"] == statistics.median(values)
    with_retweets = statistics.fmean(r["like_count"] or 0 for r in rows(truth))
    assert out["like_mean"] > with_retweets


def test_engagement_hand_computed_by_group() -> None:
    lf = tiny(
        [
            {"userid": "a", "is_retweet": False, "like_count": 1, "retweet_count": 4},
            {"userid": "a", "is_retweet": False, "like_count": None, "retweet_count": 0},
            {"userid": "a", "is_retweet": True, "like_count": 0, "retweet_count": 0},
            {"userid": "a", "is_retweet": False, "like_count": 6, "retweet_count": 2},
            {"userid": "b", "is_retweet": True, "like_count": None},
        ]
    )
    out = metrics.engagement(lf, by="userid").collect()
    assert out["userid"].to_list() == ["a"]  # b posted only retweets
    a = out.row(0, named=True)
    assert (a["tweets"], a["like_sum"], a["like_mean"], a["like_median"]) == (3, 7, 3.5, 3.5)
    assert (a["retweet_sum"], a["retweet_mean"], a["retweet_median"]) == (6, 2.0, 2.0)
    assert out.schema["like_sum"] == pl.Int64
    assert out.schema["like_median"] == pl.Float64
