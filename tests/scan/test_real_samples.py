"""The real archive files: exact rows, ids and hashed accounts, checked against Python's csv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from tests.samples import EngineName, real_params

HASHED = re.compile(r"^(?:[0-9a-f]{64}|[A-Za-z0-9+]{39,43}=)$")

# From the samples' README: (hashed accounts, all accounts).
EXPECTED_ACCOUNTS = {
    "cuba_082020_users_csv_hashed.csv": (490, 526),
    "qatar_082020_users_csv_hashed.csv": (22, 33),
    "iran_092020_users_csv_hashed.csv": (104, 104),
    "thailand_092020_users_csv_hashed.csv": (926, 926),
    "ira_092020_users_csv_hashed.csv": (5, 5),
    "ira_2018_excerpt_users_csv_hashed.csv": (2, 2),
}


def csv_records(path: Path) -> list[dict[str, str]]:
    """Read a file with Python's csv module: the independent reference."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return [dict(zip(header, row, strict=True)) for row in reader if row and row != header]


def scan(path: Path, *, exact: bool = False) -> pl.LazyFrame:
    if "_users_" in path.name:
        return ioa.scan_users(path, exact=exact)
    return ioa.scan_tweets(path, exact=exact)


@pytest.mark.parametrize("path", real_params())
def test_row_count_matches_csv_module(path: Path, engine: EngineName) -> None:
    expected = len(csv_records(path))
    lf = scan(path)
    assert lf.collect(engine=engine).height == expected
    assert lf.select(pl.len()).collect(engine=engine).item() == expected
    assert lf.select("userid").collect(engine=engine).height == expected


@pytest.mark.parametrize("path", real_params())
def test_ids_match_csv_module(path: Path) -> None:
    records = csv_records(path)
    frame = scan(path).collect()
    assert frame["userid"].to_list() == [r["userid"] for r in records]
    if "tweetid" in records[0]:
        assert frame["tweetid"].to_list() == [int(r["tweetid"]) for r in records]


@pytest.mark.parametrize("path", real_params())
def test_exact_reader_reads_the_same_frame(path: Path) -> None:
    fast = scan(path).collect()
    exact = scan(path, exact=True).collect()
    assert exact.height == len(csv_records(path))
    assert exact.equals(fast, null_equal=True)


@pytest.mark.parametrize("path", real_params("*_users_*.csv"))
def test_hashed_account_counts(path: Path) -> None:
    hashed, total = EXPECTED_ACCOUNTS[path.name]
    users = ioa.scan_users(path).collect()
    assert users.height == total
    assert users["userid"].str.contains(HASHED.pattern).sum() == hashed
    unhashed = users.filter(~pl.col("userid").str.contains(HASHED.pattern))
    assert unhashed["userid"].str.contains(r"^\d+$").all()
    assert users["userid"].n_unique() == total


@pytest.mark.parametrize("path", real_params("*_users_*.csv"))
def test_profile_values_match_csv_module(path: Path) -> None:
    records = csv_records(path)
    users = ioa.scan_users(path).collect()
    assert users["user_profile_description"].to_list() == [
        r["user_profile_description"] or None for r in records
    ]
    assert users["follower_count"].to_list() == [int(r["follower_count"]) for r in records]
    assert users["account_creation_date"].dt.to_string("%Y-%m-%d").to_list() == [
        r["account_creation_date"] for r in records
    ]


@pytest.mark.parametrize("path", real_params("ira_2018_excerpt_tweets*.csv"))
def test_2018_tweets_excerpt_values(path: Path) -> None:
    tweets = ioa.scan_tweets(path, campaign="ira").collect()
    first, second = tweets.rows(named=True)
    assert tweets.schema == ioa.TWEET_SCHEMA
    assert first["tweetid"] == 877919995476496385
    assert first["campaign"] == "ira"
    assert first["is_retweet"] is True
    assert second["is_retweet"] is False
    assert first["retweet_userid"] == "2572896396"
    assert first["retweet_tweetid"] == 877917212119416832
    assert first["urls"] == ["http://ru-open.livejournal.com/374284.html"]
    assert first["user_mentions"] == ["2572896396"]
    assert first["hashtags"] == []
    assert second["hashtags"] is None
    assert first["tweet_text"].startswith('RT @ruopentwit: ⚡️У НАС НОВОЕ ВИДЕО! Американец: "Если')
    assert first["tweet_time"].isoformat() == "2017-06-22T16:03:00+00:00"
    assert second["tweet_client_name"] == "generationπ"
    assert first["has_geo"] is None
    assert first["latitude"] is None
    assert first["follower_count"] == 132
    assert first["user_profile_url"] is None


def test_iran_092020_trailing_blank_line_is_not_a_row() -> None:
    params = real_params("iran_092020_users_csv_hashed.csv")
    path = params[0].values[0]  # type: ignore[attr-defined]
    if path is None:
        pytest.skip("real samples absent")
    assert path.read_bytes().endswith(b"\n\n")
    assert ioa.scan_users(path).select(pl.len()).collect().item() == 104
