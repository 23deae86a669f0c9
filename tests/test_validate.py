"""validate: every file read two ways; problems reported per file, with their line."""

from __future__ import annotations

import csv
import gzip
import shutil
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import FileKind
from ioarchive.validate import VALIDATION_SCHEMA, validate, validate_file


def csv_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        return sum(1 for r in reader if r and r != header)


@pytest.fixture
def campaign(tmp_path: Path) -> synthetic.CampaignTruth:
    return synthetic.write_campaign(tmp_path / "m", "iran_202012", n_tweets=60, n_accounts=12)


def test_clean_mirror(campaign: synthetic.CampaignTruth, tmp_path: Path) -> None:
    report = validate(tmp_path / "m", progress=False)
    assert report.schema == VALIDATION_SCHEMA
    assert report["ok"].to_list() == [True, True]
    by_kind = {r["kind"]: r for r in report.iter_rows(named=True)}
    assert by_kind["tweets"]["rows"] == campaign.tweets.height
    assert by_kind["users"]["rows"] == campaign.users.height
    for row in report.iter_rows(named=True):
        assert row["rows"] == row["rows_independent"]
        assert row["problems"] == []
    assert by_kind["tweets"]["duplicate_tweetids"] == 0
    formats = dict(f.split(": ") for f in by_kind["users"]["hash_formats"].split(", "))
    hashed = len(campaign.hashed_accounts)
    assert formats == {"base64": str(hashed), "numeric": str(campaign.users.height - hashed)}


def test_blank_lines_and_repeated_headers_are_counted_not_rows(tmp_path: Path) -> None:
    quirks = synthetic.FileQuirks(repeated_header=True, trailing_blank_line=True)
    truth = synthetic.write_campaign(tmp_path / "m", "iran_202012", n_tweets=50, quirks=quirks)
    report = validate(tmp_path / "m", progress=False)
    tweets = report.filter(pl.col("kind") == "tweets").row(0, named=True)
    assert tweets["ok"] is True
    assert tweets["rows"] == truth.tweets.height == csv_rows(truth.tweet_files[0])
    assert tweets["repeated_headers"] == 1
    assert report["blank_lines"].sum() >= 1


def test_a_ragged_row_is_a_problem_with_its_line(campaign: synthetic.CampaignTruth) -> None:
    path = campaign.tweet_files[0]
    with path.open(newline="", encoding="utf-8") as f:
        lines = sum(1 for _ in f)  # physical lines as the csv module counts them
    with path.open("a", encoding="utf-8") as f:
        f.write('"1","2"\n')
    row = validate_file(str(path), campaign="iran_202012")
    assert row["ok"] is False
    assert row["kind"] == "tweets"
    assert row["rows_independent"] == campaign.tweets.height + 1
    assert any(p.startswith(f"line {lines + 1}: a row with 2 fields") for p in row["problems"])


def test_duplicate_tweet_ids_are_reported(campaign: synthetic.CampaignTruth) -> None:
    path = campaign.tweet_files[0]
    with path.open(newline="", encoding="utf-8") as f:
        first_row = list(csv.reader(f))[1]
    with path.open("a", newline="", encoding="utf-8") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL).writerow(first_row)
    row = validate_file(str(path), kind=FileKind.TWEETS)
    assert row["duplicate_tweetids"] == 1
    assert "1 duplicate tweet ids" in row["problems"]
    assert row["rows"] == row["rows_independent"] == campaign.tweets.height + 1


def test_unknown_account_ids_are_reported(campaign: synthetic.CampaignTruth) -> None:
    path = campaign.user_files[0]
    frame = pl.read_csv(path, infer_schema=False)
    frame = frame.with_columns(pl.lit("not an id").alias("userid"))
    frame.write_csv(path, quote_style="always")
    row = validate_file(str(path))
    assert row["kind"] == "users"
    assert row["hash_formats"] == f"other: {campaign.users.height}"
    assert row["problems"] == ["userid values that are neither ids nor archive hashes"]


def test_a_file_named_as_data_with_another_header(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    truth = synthetic.write_campaign(folder, "iran_202012", n_tweets=20)
    shutil.copy(truth.user_files[0], folder / "iran_202012_tweets_csv_hashed_2.csv")
    report = validate(folder, progress=False)
    bad = report.filter(pl.col("path") == "iran_202012_tweets_csv_hashed_2.csv").row(0, named=True)
    assert bad["ok"] is False
    assert bad["problems"][0].startswith("not read as tweets: not an archive tweets header")
    assert report.filter(pl.col("ok")).height == 2


def test_a_header_problem_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "x_tweets_csv_hashed.csv"
    path.write_bytes(b"")
    row = validate_file(str(path))
    assert row["ok"] is False
    assert row["problems"][0].startswith("line 1: the file is empty")
    assert row["rows"] is None


def test_validate_takes_a_catalog(campaign: synthetic.CampaignTruth, tmp_path: Path) -> None:
    catalog = ioa.discover(tmp_path / "m", progress=False)
    report = validate(catalog, progress=False)
    assert sorted(report["path"]) == sorted(catalog.files["path"])
    assert report["rows"].sum() == campaign.tweets.height + campaign.users.height


def test_a_damaged_file_is_reported_and_validation_goes_on(tmp_path: Path) -> None:
    good = synthetic.write_campaign(tmp_path / "m", "iran_202012", n_tweets=30)
    damaged = synthetic.write_campaign(tmp_path / "w", "venezuela_202012", n_tweets=30)
    data = gzip.compress(damaged.tweet_files[0].read_bytes())
    (tmp_path / "m" / "venezuela_202012_tweets_csv_hashed.csv.gz").write_bytes(
        data[: len(data) // 2]
    )
    report = validate(tmp_path / "m", progress=False)
    by_path = {r["path"]: r for r in report.iter_rows(named=True)}
    broken = by_path["venezuela_202012_tweets_csv_hashed.csv.gz"]
    assert broken["ok"] is False
    assert "truncated or corrupt" in broken["problems"][0]
    assert by_path[good.tweet_files[0].name]["ok"] is True
    assert by_path[good.user_files[0].name]["rows"] == good.users.height


@pytest.mark.parametrize("era", ["2018", "2019", "2020"])
def test_a_trailing_comma_is_a_problem(tmp_path: Path, era: str) -> None:
    from tests.corpus.cases import tweets_text

    lines = tweets_text(era).split("\n")
    at = next(i for i, line in enumerate(lines) if i > 1 and line.endswith('"'))
    lines[at] += ","
    path = tmp_path / "x_tweets_csv_hashed.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = validate_file(str(path))
    assert report["ok"] is False
    # The scan reads the row (its values are in place); the csv count names it.
    assert report["bad_rows"] == 0
    assert report["rows"] == report["rows_independent"]
    with pytest.raises(ioa.RaggedRowError) as exact:  # the line where the record starts
        ioa.read_tweets(path, exact=True)
    width = len(lines[0].split(","))
    assert report["problems"] == [
        f"line {exact.value.line}: a row with {width + 1} fields; expected {width} like the header"
    ]
