"""Tests of activity."""

from __future__ import annotations

import collections
import datetime as dt
import math
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from ioarchive import metrics, synthetic
from tests.metrics.common import UTC, py_type, rows
from tests.samples import EngineName


def test_activity_matches_counter_and_truth(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, engine: EngineName
) -> None:
    daily = metrics.activity(tweets, every="1d").collect(engine=engine)
    assert daily.schema == pl.Schema(
        [("period", pl.Datetime("us", "UTC")), ("tweets", pl.UInt32())]
    )
    expected = collections.Counter(r["tweet_time"].date() for r in rows(truth))
    assert {p.date(): n for p, n in daily.iter_rows()} == dict(expected)
    assert_frame_equal(
        daily.select(pl.col("period").dt.date().alias("day"), "tweets"),
        truth.daily_counts.with_columns(pl.col("tweets").cast(pl.UInt32)),
    )


@pytest.mark.parametrize("every", ["1w", "1mo", "6h"])
def test_activity_by_account_matches_counter(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, every: str
) -> None:
    def start(t: dt.datetime) -> dt.datetime:
        if every == "1w":
            day = t.date() - dt.timedelta(days=t.weekday())
            return dt.datetime.combine(day, dt.time(), UTC)
        if every == "1mo":
            return dt.datetime(t.year, t.month, 1, tzinfo=UTC)
        return t.replace(hour=t.hour - t.hour % 6, minute=0, second=0, microsecond=0)

    out = metrics.activity(tweets, every=every, by="userid").collect()
    expected = collections.Counter((r["userid"], start(r["tweet_time"])) for r in rows(truth))
    assert {(u, p): n for u, p, n in out.iter_rows()} == dict(expected)
    assert out.select("userid", "period").rows() == sorted(expected)


def test_activity_fill_gaps_by_group() -> None:
    t = [dt.datetime(2020, 1, d, 5, tzinfo=UTC) for d in (1, 4, 2, 2)]
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
    monthly = metrics.activity(
        pl.LazyFrame({"tweet_time": [dt.datetime(2020, 1, 31, tzinfo=UTC), None]}).with_columns(
            pl.col("tweet_time").cast(pl.Datetime("us", "UTC"))
        ),
        every="1mo",
    ).collect()
    assert monthly.rows() == [(dt.datetime(2020, 1, 1, tzinfo=UTC), 1)]  # null time not counted


def test_activity_fill_gaps_is_complete(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.activity(tweets, every="1d", by="userid", fill_gaps=True).collect()
    assert out["tweets"].sum() == truth.tweets.height
    for (user,), g in out.group_by("userid"):
        times = [r["tweet_time"].date() for r in rows(truth) if r["userid"] == user]
        days = (max(times) - min(times)).days + 1
        assert g.height == days
        assert g["period"].diff().drop_nulls().eq(dt.timedelta(days=1)).all()


@pytest.mark.parametrize("tz", ["Asia/Tehran", "America/New_York", "UTC"])
def test_posting_profile_matches_python(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, tz: str
) -> None:
    out = metrics.posting_profile(tweets, tz=tz, by="campaign").collect()
    assert out.height == 168
    assert out.schema == pl.Schema(
        {
            "campaign": pl.String,
            "weekday": pl.Int8,
            "hour": pl.Int8,
            "tweets": pl.UInt32,
            "share": pl.Float64,
        }
    )
    zone = ZoneInfo(tz)
    local = [r["tweet_time"].astimezone(zone) for r in rows(truth)]
    expected = collections.Counter((t.isoweekday(), t.hour) for t in local)
    got = {(w, h): n for _, w, h, n, _ in out.iter_rows() if n}
    assert got == dict(expected)
    assert math.isclose(out["share"].sum(), 1.0)
    assert out.select("weekday", "hour").rows() == [(w, h) for w in range(1, 8) for h in range(24)]


def test_account_activity_matches_python(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.account_activity(tweets).collect()
    by_user: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in rows(truth):
        by_user[r["userid"]].append(r)
    assert out.height == len(by_user)
    assert out["userid"].to_list() == sorted(by_user)
    for row in out.iter_rows(named=True):
        mine = by_user[row["userid"]]
        days = {r["tweet_time"].date() for r in mine}
        kinds = collections.Counter(py_type(r) for r in mine)
        assert row["campaign"] == truth.campaign
        assert row["tweets"] == len(mine)
        assert row["active_days"] == len(days)
        assert math.isclose(row["tweets_per_active_day"], len(mine) / len(days))
        for kind in metrics.TWEET_TYPE.categories:
            assert math.isclose(row[f"share_{kind}"], kinds[kind] / len(mine))
        assert row["first_tweet"] == min(r["tweet_time"] for r in mine)
        assert row["last_tweet"] == max(r["tweet_time"] for r in mine)
