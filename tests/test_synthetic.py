"""The synthetic writer: faithful files, and every canonical column read back equal to the truth."""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import Era
from tests.samples import ENGINES, EngineName

HEX64 = re.compile(r"^[0-9a-f]{64}$")
BASE64 = re.compile(r"^[A-Za-z0-9+]{39,43}=$")
ERAS = [Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020]


def csv_rows(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return [r for r in rows[1:] if r and r != rows[0]]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("hashed", [True, False])
@pytest.mark.parametrize("engine", ENGINES)
def test_every_column_reads_back_as_the_truth(
    tmp_path: Path, era: Era, hashed: bool, engine: EngineName
) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "c_202012", era=era, hashed=hashed, n_tweets=400, parts=3, seed=3
    )
    tweets = ioa.scan_tweets(truth.tweet_files, campaign="c_202012").collect(engine=engine)
    users = ioa.scan_users(truth.user_files, campaign="c_202012").collect(engine=engine)
    assert_frame_equal(tweets, truth.tweets)
    assert_frame_equal(users, truth.users)


@pytest.mark.parametrize(
    "options",
    [
        {"bom": True},
        {"repeated_header": True},
        {"trailing_blank_line": True},
        {"camelcase_users": True},
        {"gzip_files": True, "parts": 2},
        {"part_style": "year", "days": 900},
        {"part_style": "half", "days": 900},
        {"part_style": "_partN", "parts": 3},
        {"part_style": "_0N", "parts": 11},
        {"bool_spelling": ("1", "0")},
        {"bool_spelling": ("True", "False")},
        {"hash_all": True},
    ],
    ids=str,
)
def test_file_quirks_read_back_as_the_truth(tmp_path: Path, options: dict[str, object]) -> None:
    truth = synthetic.write_campaign(tmp_path, "q_082020", n_tweets=300, seed=5, **options)  # type: ignore[arg-type]
    tweets = ioa.scan_tweets(str(tmp_path / "q_082020_tweets_*"), campaign="q_082020").collect()
    assert_frame_equal(tweets, truth.tweets)
    assert_frame_equal(ioa.scan_users(truth.user_files, campaign="q_082020").collect(), truth.users)
    for path in truth.tweet_files:
        assert len(csv_rows(path)) == truth.rows_per_file[path]
    assert sum(truth.rows_per_file[p] for p in truth.tweet_files) == 300


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a = synthetic.write_campaign(tmp_path / "a", "x_202012", seed=1)
    b = synthetic.write_campaign(tmp_path / "b", "x_202012", seed=1)
    c = synthetic.write_campaign(tmp_path / "c", "x_202012", seed=2)
    assert a.tweet_files[0].read_bytes() == b.tweet_files[0].read_bytes()
    assert a.tweet_files[0].read_bytes() != c.tweet_files[0].read_bytes()


@pytest.mark.parametrize("era", ERAS)
def test_hash_formats_and_the_5000_follower_rule(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "h_202012", era=era, n_accounts=60, seed=4)
    pattern = HEX64 if era is Era.TWEETS_2018 else BASE64
    assert truth.hashed_accounts
    assert all(pattern.match(h) for h in truth.hashed_accounts)
    assert all(u.isdigit() for u in truth.unhashed_accounts)
    users = truth.users
    hashed = users["userid"].is_in(list(truth.hashed_accounts))
    assert (users.filter(hashed)["follower_count"] < 5000).all()
    assert (users.filter(~hashed)["follower_count"] >= 5000).all()
    hashed_rows = users.filter(hashed)
    assert (hashed_rows["user_screen_name"] == hashed_rows["userid"]).all()
    assert (hashed_rows["user_display_name"] == hashed_rows["userid"]).all()


def test_unhashed_copy_and_hash_all(tmp_path: Path) -> None:
    clear = synthetic.write_campaign(tmp_path / "u", "h_202012", hashed=False, seed=4)
    assert not clear.hashed_accounts
    assert clear.tweet_files[0].name == "h_202012_tweets_csv_unhashed.csv"
    everyone = synthetic.write_campaign(tmp_path / "a", "h_202012", hash_all=True, seed=4)
    assert not everyone.unhashed_accounts
    assert (everyone.users["follower_count"] >= 5000).any()


def test_never_tweeted_and_external_accounts(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "n_202012", n_accounts=30, n_tweets=500, seed=9)
    authors = set(truth.tweets["userid"].to_list())
    users = set(truth.users["userid"].to_list())
    assert truth.never_tweeted
    assert truth.never_tweeted == users - authors
    assert truth.external_accounts
    assert not truth.external_accounts & users
    referenced = set(truth.tweets["retweet_userid"].drop_nulls().to_list())
    assert truth.external_accounts & referenced


@pytest.mark.parametrize("era", ERAS)
def test_value_quirks_are_in_the_bytes(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "v_202012", era=era, n_tweets=1500, seed=11)
    text = truth.tweet_files[0].read_bytes().decode("utf-8")
    assert "line one\nline two" in text
    assert "a stray \r carriage return" in text
    assert 'doubled """"quotes"""" kept' in text
    assert '""quotes""' in text
    assert "https://example.org/a,b?x=1,2" in text
    assert '"3.0"' in text or '"0.0"' in text or re.search(r'"\d+\.0"', text)
    if era is Era.TWEETS_2018:
        assert '"[STOPNazi' in text or ", STOPNazi" in text
        assert '"true"' in text
    else:
        assert '[""https://news.example.com/it\'s-here""' in text or (
            '""https://news.example.com/it\'s-here""' in text
        )
        assert '"absent","absent"' in text
        assert '"present","present"' in text
        assert re.search(r"\[\d+, '", text) or re.search(r"'\S+=', \d+", text)
    assert ", 0]" in text or "[0]" in text or "[0, " in text


def test_truth_counts(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "t_202012", n_tweets=700, seed=12)
    assert truth.daily_counts["tweets"].sum() == 700
    assert sum(truth.type_counts.values()) == 700
    assert truth.type_counts["retweet"] == truth.tweets["is_retweet"].sum()
    rows = csv_rows(truth.tweet_files[0])
    assert [int(r[0]) for r in rows] == truth.tweets["tweetid"].to_list()


def test_tweet_ids_are_snowflakes_of_their_minute(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "s_202012", n_tweets=300, seed=13)
    ms = (pl.col("tweetid") // (1 << 22)).cast(pl.Int64) + synthetic.SNOWFLAKE_EPOCH_MS
    exact = pl.from_epoch(ms, time_unit="ms").dt.replace_time_zone("UTC")
    check = truth.tweets.select((exact.dt.truncate("1m") == pl.col("tweet_time")).all())
    assert check.item()


def test_demo_archive_is_small_and_regenerates_identically(tmp_path: Path) -> None:
    demo = synthetic.demo_archive_path()
    files = sorted(p for p in demo.rglob("*") if p.is_file())
    assert sum(p.stat().st_size for p in files) < 1_000_000
    synthetic.write_archive(tmp_path, seed=2026, n_tweets=400, n_accounts=30)
    again = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(demo) for p in files]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, files, strict=True))


def test_format_list_round_trips_through_the_parser() -> None:
    items = ["123", "abc=", "it's", 'say "hi"', "a,b", "0"]
    cell = synthetic.format_list(items, era=Era.TWEETS_2020)
    parsed = pl.DataFrame({"x": [cell]}).select(ioa.parse.parse_list("x"))["x"].to_list()
    assert parsed == [items]
    bare = synthetic.format_list(["STOPNazi", "http://a.b/c,d"], era=Era.TWEETS_2018)
    assert bare == "[STOPNazi, http://a.b/c,d]"
