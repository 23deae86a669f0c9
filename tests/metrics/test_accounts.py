"""Tests of accounts."""

from __future__ import annotations

import collections
import datetime as dt

import polars as pl
import pytest

from ioarchive import metrics, synthetic


def test_creation_cohorts_match_counter(truth: synthetic.CampaignTruth) -> None:
    users = pl.LazyFrame(truth.users)
    dates = truth.users["account_creation_date"].drop_nulls().to_list()
    yearly = metrics.creation_cohorts(users, every="1y").collect()
    assert {p.year: n for p, n in yearly.iter_rows()} == dict(
        collections.Counter(d.year for d in dates)
    )
    monthly = metrics.creation_cohorts(users, every="1mo", fill_gaps=True).collect()
    expected = collections.Counter(d.replace(day=1) for d in dates)
    assert {p: n for p, n in monthly.iter_rows() if n} == dict(expected)
    first, last = min(expected), max(expected)
    assert monthly.height == (last.year - first.year) * 12 + last.month - first.month + 1
    assert monthly.schema == pl.Schema({"period": pl.Date, "accounts": pl.UInt32})


def test_batch_creation_hand_computed() -> None:
    days = [dt.date(2019, 5, 1)] * 4 + [dt.date(2019, 5, 2)] * 2 + [dt.date(2019, 7, 1), None]
    users = pl.LazyFrame(
        {"campaign": ["a"] * 6 + ["b", "b"], "account_creation_date": days},
    )
    whole = metrics.batch_creation(users, min_accounts=2).collect()
    assert whole.rows() == [
        (dt.date(2019, 5, 1), 4, pytest.approx(4 / 7)),
        (dt.date(2019, 5, 2), 2, pytest.approx(2 / 7)),
    ]
    by = metrics.batch_creation(users, min_accounts=1, by="campaign").collect()
    assert by.select("campaign", "accounts", "share").rows() == [
        ("a", 4, pytest.approx(4 / 6)),
        ("a", 2, pytest.approx(2 / 6)),
        ("b", 1, 1.0),
    ]
