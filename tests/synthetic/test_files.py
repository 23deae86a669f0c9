"""Files: QUOTE_ALL CSV with the era's header, part names, and every file-level quirk."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import USER_COLUMNS, Era
from ioarchive.synthetic import FileQuirks
from tests.synthetic.plain import COLUMNS, ERAS, QUIRKS, case_id, csv_table, read_text


@pytest.mark.parametrize("options", QUIRKS[1:], ids=case_id)
def test_file_quirks_read_back_as_the_truth(tmp_path: Path, options: dict[str, Any]) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "q_082020", **{"n_tweets": 300, "seed": 5, **options}
    )
    copy = "hashed" if options.get("hashed", True) else "unhashed"
    tweets = ioa.scan_tweets(str(tmp_path / f"q_082020_tweets_csv_{copy}*"), campaign="q_082020")
    assert_frame_equal(tweets.collect(), truth.tweets)
    assert_frame_equal(ioa.scan_users(truth.user_files, campaign="q_082020").collect(), truth.users)


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize(
    "quirks",
    [
        FileQuirks(parts=2),
        FileQuirks(parts=2, bom=True, repeated_header=True),
        FileQuirks(parts=2, gzip=True),
    ],
    ids=case_id,
)
def test_files_are_quote_all_csv_with_the_era_header(
    tmp_path: Path, era: Era, quirks: FileQuirks
) -> None:
    truth = synthetic.write_campaign(tmp_path, "f_202012", era=era, n_tweets=500, quirks=quirks)
    for path in (*truth.tweet_files, *truth.user_files):
        text = read_text(path)
        assert text.startswith("\ufeff") == quirks.bom
        header, body = csv_table(path)
        assert len(body) == truth.rows_per_file[path]
        expected_header = USER_COLUMNS if path in truth.user_files else COLUMNS[era]
        assert header == list(expected_header)
        assert all(len(row) == len(header) for row in body)
        # Every field quoted, quotes doubled, LF line ends: exactly what QUOTE_ALL writes.
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        again = io.StringIO()
        csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
        assert again.getvalue() == text.removeprefix("\ufeff")
    assert sum(truth.rows_per_file[p] for p in truth.tweet_files) == 500


def test_file_level_quirks_are_in_the_bytes(tmp_path: Path) -> None:
    quirks = FileQuirks(
        bom=True, repeated_header=True, trailing_blank_line=True, camelcase_users=True
    )
    truth = synthetic.write_campaign(tmp_path, "b_202012", n_tweets=101, quirks=quirks)
    tweets = truth.tweet_files[0].read_bytes()
    header = tweets.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0] + b"\n"
    assert tweets.startswith(b'\xef\xbb\xbf"tweetid"')
    assert tweets.count(header) == 2
    body_before, _, _ = tweets.partition(b"\n" + header)
    assert len(csv_table(truth.tweet_files[0])[1]) == 101
    assert len(list(csv.reader(io.StringIO(body_before.decode("utf-8-sig"))))) - 1 == 50
    users = truth.user_files[0].read_bytes()
    assert users.endswith(b'"\n\n')
    assert b'"userid","userDisplayName","userScreenName"' in users
    gz = synthetic.write_campaign(
        tmp_path / "gz", "g_202012", hashed=False, quirks=FileQuirks(gzip=True)
    )
    assert [p.name for p in (*gz.tweet_files, *gz.user_files)] == [
        "g_202012_tweets_csv_unhashed.csv.gz",
        "g_202012_users_csv_unhashed.csv.gz",
    ]
    assert all(p.read_bytes()[:2] == b"\x1f\x8b" for p in gz.tweet_files)


@pytest.mark.parametrize(
    ("options", "suffixes"),
    [
        ({}, [""]),
        ({"quirks": FileQuirks(parts=3)}, ["_1", "_2", "_3"]),
        ({"quirks": FileQuirks(parts=2, part_style="_partN")}, ["_part1", "_part2"]),
        ({"quirks": FileQuirks(parts=11, part_style="_0N")}, [f"_{i:02d}" for i in range(1, 12)]),
        (
            {"quirks": FileQuirks(part_style="half"), "start": dt.date(2016, 1, 1), "days": 540},
            ["_2016_01", "_2016_06", "_2017_01"],
        ),
        (
            {"quirks": FileQuirks(part_style="year"), "start": dt.date(2019, 6, 1), "days": 900},
            ["_2019", "_2020", "_2021"],
        ),
    ],
    ids=case_id,
)
def test_part_names_and_order(tmp_path: Path, options: dict[str, Any], suffixes: list[str]) -> None:
    truth = synthetic.write_campaign(tmp_path, "n_052020", n_tweets=600, **options)
    names = [p.name for p in truth.tweet_files]
    assert names == [f"n_052020_tweets_csv_hashed{s}.csv" for s in suffixes]
    tables = [csv_table(p) for p in truth.tweet_files]
    times = [{r[h.index("tweet_time")][:4] for r in rows} for h, rows in tables]
    if "quirks" in options and options["quirks"].part_style == "year":
        assert times == [{s[1:]} for s in suffixes]
    if "start" in options:
        assert truth.tweets["tweet_time"].is_sorted()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    def write(folder: str, seed: int) -> synthetic.CampaignTruth:
        return synthetic.write_campaign(
            tmp_path / folder,
            "x_202012",
            seed=seed,
            era=Era.TWEETS_2018,
            quirks=FileQuirks(parts=2),
        )

    a, b, c = write("a", 1), write("b", 1), write("c", 2)
    for pa, pb, pc in zip(
        (*a.tweet_files, *a.user_files),
        (*b.tweet_files, *b.user_files),
        (*c.tweet_files, *c.user_files),
        strict=True,
    ):
        assert pa.read_bytes() == pb.read_bytes()
        assert pa.read_bytes() != pc.read_bytes()
    assert_frame_equal(a.tweets, b.tweets)
    assert not a.tweets.equals(c.tweets)


@pytest.mark.parametrize(
    ("era", "cells"), [(Era.TWEETS_2018, {"true", "false"}), (Era.TWEETS_2020, {"1", "0"})]
)
def test_bool_spelling_is_the_era_s(tmp_path: Path, era: Era, cells: set[str]) -> None:
    quirks = FileQuirks(bool_spelling=("1", "0"))
    truth = synthetic.write_campaign(tmp_path, "s_202012", era=era, n_tweets=200, quirks=quirks)
    header, rows = csv_table(truth.tweet_files[0])
    assert {r[header.index("is_retweet")] for r in rows} == cells


def test_file_quirks_defaults_are_one_plain_file(tmp_path: Path) -> None:
    assert FileQuirks() == FileQuirks(
        parts=1,
        part_style="_N",
        gzip=False,
        bom=False,
        repeated_header=False,
        trailing_blank_line=False,
        camelcase_users=False,
        bool_spelling=("true", "false"),
        hash_all=False,
    )
    none = synthetic.write_campaign(tmp_path / "a", "d_202012", n_tweets=50, quirks=None)
    default = synthetic.write_campaign(tmp_path / "b", "d_202012", n_tweets=50)
    explicit = synthetic.write_campaign(
        tmp_path / "c", "d_202012", n_tweets=50, quirks=FileQuirks()
    )
    files = [(*t.tweet_files, *t.user_files) for t in (none, default, explicit)]
    assert [p.name for p in files[0]] == [
        "d_202012_tweets_csv_hashed.csv",
        "d_202012_users_csv_hashed.csv",
    ]
    for a, b, c in zip(*files, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_file_quirks_are_frozen_and_keyword_only() -> None:
    quirks = FileQuirks(bom=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quirks.bom = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        FileQuirks(2)  # type: ignore[call-arg]
    assert dataclasses.replace(quirks, gzip=True) == FileQuirks(bom=True, gzip=True)
    assert {FileQuirks(bom=True), quirks} == {quirks}  # hashable, by value
