"""The entry points: argument checks, the archive of four campaigns, the bundled demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ioarchive import synthetic
from ioarchive.schema import Era
from tests.synthetic.plain import ERAS, csv_table


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"era": Era.USERS}, "tweets era"),
        ({"n_accounts": 0}, "n_accounts"),
        ({"start": dt.date(2010, 1, 1)}, "November 2010"),
        ({"pre_snowflake_tweets": 300}, "pre_snowflake_tweets"),
    ],
    ids=str,
)
def test_bad_arguments(tmp_path: Path, options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        synthetic.write_campaign(tmp_path, "e_202012", **options)


def test_demo_archive_is_small_and_regenerates_identically(tmp_path: Path) -> None:
    demo = synthetic.demo_archive_path()
    files = sorted(p for p in demo.rglob("*") if p.is_file())
    assert sum(p.stat().st_size for p in files) < 1_000_000
    truths = synthetic.write_archive(tmp_path, seed=2026, n_tweets=400, n_accounts=30)
    again = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(demo) for p in files]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, files, strict=True))
    assert {t.era for t in truths.values()} == set(ERAS)
    assert all(t.hashed for t in truths.values())
    assert (tmp_path / "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv").is_file()


def test_archive_campaigns_have_their_documented_quirks(tmp_path: Path) -> None:
    truths = synthetic.write_archive(tmp_path, n_tweets=60, n_accounts=12)
    assert [p.name for p in truths["iran_201901_1"].tweet_files] == [
        "iran_201901_1_tweets_csv_hashed_1.csv",
        "iran_201901_1_tweets_csv_hashed_2.csv",
    ]
    assert not truths["iran_092020"].unhashed_accounts  # every account hashed
    assert truths["iran_092020"].user_files[0].read_bytes().endswith(b'"\n\n')
    assert truths["ira"].unhashed_accounts
    spellings = {}
    for campaign, truth in truths.items():
        header, rows = csv_table(truth.tweet_files[0])
        spellings[campaign] = {r[header.index("is_retweet")] for r in rows}
    assert spellings == {
        "ira": {"true", "false"},
        "iran_201901_1": {"True", "False"},
        "iran_092020": {"true", "false"},
        "iran_202012": {"1", "0"},
    }
