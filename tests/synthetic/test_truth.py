"""The ground truth: what the bytes say, what the scanner reads, and its summaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era
from ioarchive.synthetic import FileQuirks
from tests.samples import EngineName
from tests.synthetic.plain import ERAS, QUIRKS, case_id, csv_table, plain_tweets, plain_users


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("options", QUIRKS, ids=case_id)
def test_truth_is_what_the_bytes_say(tmp_path: Path, era: Era, options: dict[str, Any]) -> None:
    options = {"n_tweets": 300, **options}
    truth = synthetic.write_campaign(tmp_path, "p_082020", era=era, seed=8, **options)
    assert truth.tweets.schema == TWEET_SCHEMA
    assert truth.users.schema == USER_SCHEMA
    assert truth.tweets.rows(named=True) == plain_tweets(truth.tweet_files, era, "p_082020")
    assert truth.users.rows(named=True) == plain_users(truth.user_files[0], "p_082020")
    assert truth.tweets.height == options["n_tweets"]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("hashed", [True, False])
def test_every_column_reads_back_as_the_truth(
    tmp_path: Path, era: Era, hashed: bool, engine: EngineName
) -> None:
    truth = synthetic.write_campaign(
        tmp_path,
        "c_202012",
        era=era,
        hashed=hashed,
        n_tweets=400,
        seed=3,
        quirks=FileQuirks(parts=3),
    )
    tweets = ioa.scan_tweets(truth.tweet_files, campaign="c_202012").collect(engine=engine)
    users = ioa.scan_users(truth.user_files, campaign="c_202012").collect(engine=engine)
    assert_frame_equal(tweets, truth.tweets)
    assert_frame_equal(users, truth.users)


def test_truth_counts(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "t_202012", n_tweets=700, seed=12, days=30)
    daily = truth.daily_counts
    assert daily.schema == pl.Schema({"day": pl.Date(), "tweets": pl.UInt32()})
    assert daily["tweets"].sum() == 700
    assert daily["day"].is_sorted()
    by_day: dict[dt.date, int] = {}
    for minute in truth.tweets["tweet_time"]:
        by_day[minute.date()] = by_day.get(minute.date(), 0) + 1
    assert dict(daily.rows()) == by_day
    assert daily["day"].to_list()[0] == dt.date(2019, 1, 1)
    assert daily["day"].to_list()[-1] <= dt.date(2019, 1, 30)
    rows = csv_table(truth.tweet_files[0])[1]
    assert [int(r[0]) for r in rows] == truth.tweets["tweetid"].to_list()
