"""Snowflake times against plain-Python bit arithmetic, real ids and the synthetic truth."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal, assert_series_equal

from ioarchive import synthetic
from ioarchive.snowflake import (
    FIRST_SNOWFLAKE_ID,
    SNOWFLAKE_EPOCH_MS,
    exact_time,
    is_snowflake,
    snowflake_ms,
    time_to_snowflake,
)
from tests.samples import EngineName, real_params

UNIX = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MAX_MS = (1 << 42) - 1  # the time bits of a 64-bit id


def py_time(tweetid: int) -> dt.datetime | None:
    """The reference: the bit arithmetic of Twitter's documentation, in plain Python."""
    if tweetid < FIRST_SNOWFLAKE_ID:
        return None
    return UNIX + dt.timedelta(milliseconds=(tweetid >> 22) + SNOWFLAKE_EPOCH_MS)


def one(expr: pl.Expr) -> object:
    return pl.select(expr).item()


def test_epoch_is_twitters() -> None:
    epoch = UNIX + dt.timedelta(milliseconds=SNOWFLAKE_EPOCH_MS)
    assert epoch == dt.datetime(2010, 11, 4, 1, 42, 54, 657000, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("tweetid", "expected"),
    [
        # Real ids from the 2018 IRA file, with their tweet_time minute.
        (877919995476496385, dt.datetime(2017, 6, 22, 16, 3, 32, 543000, tzinfo=dt.UTC)),
        (877917212119416832, dt.datetime(2017, 6, 22, 15, 52, 28, 939000, tzinfo=dt.UTC)),
        (1290403932421328896, dt.datetime(2020, 8, 3, 21, 47, 26, 691000, tzinfo=dt.UTC)),
        (FIRST_SNOWFLAKE_ID, UNIX + dt.timedelta(milliseconds=SNOWFLAKE_EPOCH_MS + 7152)),
        (FIRST_SNOWFLAKE_ID - 1, None),
        (29700859247, None),  # a late sequential id
        (20, None),  # the first tweet, 2006
        (0, None),
        (None, None),
        ((1 << 64) - 1, UNIX + dt.timedelta(milliseconds=MAX_MS + SNOWFLAKE_EPOCH_MS)),
    ],
)
def test_exact_time_known_values(tweetid: int | None, expected: dt.datetime | None) -> None:
    assert one(exact_time(pl.lit(tweetid, pl.UInt64))) == expected
    if tweetid is not None:
        assert expected == py_time(tweetid)


@given(
    st.integers(min_value=0, max_value=MAX_MS),
    st.integers(min_value=0, max_value=(1 << 22) - 1),
)
def test_exact_time_matches_bit_arithmetic(ms: int, low: int) -> None:
    tweetid = (ms << 22) | low
    assert one(exact_time(pl.lit(tweetid, pl.UInt64))) == py_time(tweetid)
    expected_ms = None if tweetid < FIRST_SNOWFLAKE_ID else ms + SNOWFLAKE_EPOCH_MS
    assert one(snowflake_ms(pl.lit(tweetid, pl.UInt64))) == expected_ms
    assert one(is_snowflake(pl.lit(tweetid, pl.UInt64))) is (tweetid >= FIRST_SNOWFLAKE_ID)


@given(
    st.integers(min_value=FIRST_SNOWFLAKE_ID >> 22 | 1, max_value=MAX_MS),
    st.integers(min_value=0, max_value=(1 << 22) - 1),
)
def test_round_trip_through_time(ms: int, low: int) -> None:
    tweetid = (ms << 22) | low
    back = one(time_to_snowflake(exact_time(pl.lit(tweetid, pl.UInt64))))
    assert back == tweetid >> 22 << 22
    instant = one(exact_time(pl.lit(tweetid, pl.UInt64)))
    assert one(exact_time(pl.lit(back, pl.UInt64))) == instant


def test_time_to_snowflake_before_the_epoch_is_null() -> None:
    before = dt.datetime(2009, 1, 1, tzinfo=dt.UTC)
    assert one(time_to_snowflake(pl.lit(before))) is None
    assert one(time_to_snowflake(pl.lit(None, pl.Datetime("us", "UTC")))) is None


def test_dtype_name_and_integer_inputs() -> None:
    ids = [877919995476496385, 12]
    frame = pl.DataFrame({"tweetid": ids, "signed": ids}, schema_overrides={"tweetid": pl.UInt64})
    out = frame.select(exact_time(), exact_time("signed"))
    assert out.schema == pl.Schema(
        {"tweetid": pl.Datetime("ms", "UTC"), "signed": pl.Datetime("ms", "UTC")}
    )
    assert_series_equal(out["tweetid"], out["signed"], check_names=False)
    assert out["tweetid"].to_list() == [py_time(i) for i in ids]


def test_truth_minutes_and_pre_snowflake_tweets(tmp_path: Path, engine: EngineName) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "s_202012", n_tweets=600, seed=3, pre_snowflake_tweets=40
    )
    lf = pl.LazyFrame(truth.tweets).select(
        "tweetid", "tweet_time", exact_time().alias("exact"), exact_time("retweet_tweetid")
    )
    out = lf.collect(engine=engine)
    assert_frame_equal(out, lf.collect(engine="in-memory"))
    old = out.filter(pl.col("exact").is_null())
    assert old.height == 40
    assert (old["tweet_time"] < dt.datetime(2010, 11, 4, tzinfo=dt.UTC)).all()
    timed = out.filter(pl.col("exact").is_not_null())
    minutes = timed["exact"].dt.truncate("1m").cast(pl.Datetime("us", "UTC"))
    assert (minutes == timed["tweet_time"]).all()
    assert out["exact"].to_list() == [py_time(i) for i in truth.tweets["tweetid"]]
    retweets = out.filter(pl.col("retweet_tweetid").is_not_null())
    assert (retweets["retweet_tweetid"] <= retweets["exact"]).all()


def test_works_in_group_by_and_over() -> None:
    base = 877919995476496385
    frame = pl.DataFrame(
        {"u": ["a", "a", "b"], "tweetid": [base, base + (5000 << 22), base]},
        schema_overrides={"tweetid": pl.UInt64},
    )
    spans = frame.group_by("u").agg((exact_time().max() - exact_time().min()).alias("span"))
    assert dict(spans.sort("u").iter_rows()) == {
        "a": dt.timedelta(seconds=5),
        "b": dt.timedelta(0),
    }
    first = frame.select(exact_time().min().over("u"))["tweetid"]
    assert first.to_list() == [py_time(base)] * 3


@pytest.mark.parametrize("path", real_params("*_tweets_*.csv"))
def test_real_tweets_agree_with_tweet_time(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = pl.Series("tweetid", [int(r["tweetid"]) for r in rows], dtype=pl.UInt64)
    exact = pl.DataFrame(ids).select(exact_time())["tweetid"]
    for row, instant in zip(rows, exact, strict=True):
        assert instant.strftime("%Y-%m-%d %H:%M") == row["tweet_time"]
        if row["retweet_tweetid"]:
            source = py_time(int(row["retweet_tweetid"]))
            assert source is not None
            assert source <= instant
