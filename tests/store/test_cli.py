"""The command line with stores: ``ioarchive convert``, and a store as ROOT."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ioarchive.cli import main
from tests.store.common import csv_rows
from tests.store.conftest import Mirror


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main([*args, "--json", "--quiet"]) == 0
    return json.loads(capsys.readouterr().out)


def test_convert_json_then_table(
    mirror: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    rows = run_json(capsys, "convert", str(mirror[0]), str(store))
    assert isinstance(rows, list)
    assert {(r["campaign"], r["hashed"]) for r in rows} == set(mirror[1])
    assert {r["status"] for r in rows} == {"converted"}
    iran = next(r for r in rows if r["campaign"] == "iran_202012")
    assert iran["tweets"] == mirror[1][("iran_202012", True)].truth.tweets.height
    assert main(["convert", str(mirror[0]), str(store), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "skipped" in text
    assert "converted" not in text


def test_commands_take_a_store(
    mirror: Mirror, converted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from_store = run_json(capsys, "summary", str(converted))
    from_mirror = run_json(capsys, "summary", str(mirror[0]))
    assert from_store == from_mirror
    metric = run_json(capsys, "metric", "tweet_types", str(converted), "--by", "campaign")
    assert metric == run_json(capsys, "metric", "tweet_types", str(mirror[0]), "--by", "campaign")
    found = run_json(capsys, "discover", str(converted))
    assert isinstance(found, dict)
    assert len(found["datasets"]) == len(mirror[1])
    checked = run_json(capsys, "validate", str(converted))
    assert isinstance(checked, list)
    iran = [r for r in checked if r["campaign"] == "iran_202012" and r["kind"] == "tweets"]
    url = str(mirror[0] / "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv")
    assert [r["rows"] for r in iran] == [csv_rows(url)]


def test_a_failed_conversion_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ioarchive import synthetic

    truth = synthetic.write_campaign(tmp_path / "mirror", "iran_202012", n_tweets=50, seed=1)
    bad = truth.tweet_files[0]
    bad.write_text(bad.read_text() + '"1","2"\n')
    assert main(["convert", str(tmp_path / "mirror"), str(tmp_path / "store"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("ioarchive: error:")
    assert bad.name in err
    assert "not converted" in err
