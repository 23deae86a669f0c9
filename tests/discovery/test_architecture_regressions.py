"""Regressions fixed by giving each concept one home: part order, headers, identity, extras."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import USER_COLUMNS
from tests.scan.common import csv_text, user_row

BUCKET_1 = "iran_202012_tweets_csv_hashed_1.csv"
FLAT_2 = "hashed_2020_12_iran_202012_iran_202012_tweets_csv_hashed_2.csv"


@pytest.fixture
def mixed_names(tmp_path: Path) -> tuple[Path, synthetic.CampaignTruth]:
    """Part 1 with its bucket name, part 2 with the name a browser gives it."""
    truth = synthetic.write_campaign(
        tmp_path / "w", "iran_202012", n_tweets=40, quirks=synthetic.FileQuirks(parts=2)
    )
    folder = tmp_path / "mirror"
    folder.mkdir()
    first, second = truth.tweet_files
    shutil.move(first, folder / BUCKET_1)
    shutil.move(second, folder / FLAT_2)
    shutil.move(truth.user_files[0], folder / truth.user_files[0].name)
    return folder, truth


def test_a_dataset_with_mixed_part_names_is_read_in_part_order(
    mixed_names: tuple[Path, synthetic.CampaignTruth],
) -> None:
    folder, truth = mixed_names
    dataset = ioa.discover(folder, progress=False)["iran_202012"]
    ordered = dataset.files.filter(pl.col("kind") == "tweets")["part"].to_list()
    assert ordered == ["_1", "_2"]
    got = dataset.tweets().collect()["tweetid"].to_list()
    assert got == truth.tweets["tweetid"].to_list()


@pytest.mark.parametrize("order", ["given", "reversed", "glob"])
def test_scan_orders_parts_by_the_same_rule(
    mixed_names: tuple[Path, synthetic.CampaignTruth], order: str
) -> None:
    folder, truth = mixed_names
    paths = [folder / BUCKET_1, folder / FLAT_2]
    source: object = {
        "given": paths,
        "reversed": paths[::-1],
        "glob": str(folder / "*tweets*.csv"),
    }[order]
    got = ioa.scan_tweets(source).select("tweetid").collect()["tweetid"].to_list()  # type: ignore[arg-type]
    assert got == truth.tweets["tweetid"].to_list()


def test_a_dataset_scan_reads_no_header_again(
    mixed_names: tuple[Path, synthetic.CampaignTruth], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, truth = mixed_names
    catalog = ioa.discover(folder, progress=False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a header was read a second time")

    monkeypatch.setattr("ioarchive.discovery.catalog.read_header", refuse)
    monkeypatch.setattr("ioarchive.scan.reader.read_header", refuse)
    dataset = catalog["iran_202012"]
    assert dataset.tweets().select(pl.len()).collect().item() == truth.tweets.height
    assert dataset.users().select(pl.len()).collect().item() == truth.users.height


def test_catalogs_and_datasets_compare_by_identity(
    mixed_names: tuple[Path, synthetic.CampaignTruth],
) -> None:
    folder, _ = mixed_names
    one, two = ioa.discover(folder, progress=False), ioa.discover(folder, progress=False)
    same = one
    assert one == same
    assert one != two
    dataset = one["iran_202012"]
    assert dataset != one["iran_202012"]
    assert {dataset, one} == {dataset, one}
    assert len({one, two}) == 2


def test_a_missing_extra_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # s3fs is installed for the tests; the child process hides it, as on a plain install.
    code = (
        "import sys; sys.modules['s3fs'] = None; "
        "from ioarchive.cli import main; sys.exit(main(['discover', 's3://bucket/prefix/']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "pip install 'ioarchive[s3]'" in lines[0]
    assert "s3fs" in lines[0]


def test_a_missing_extra_is_an_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "s3fs", None)
    # fsspec keeps the filesystem classes it imported; forget s3's for this test.
    registry = sys.modules["fsspec.registry"]._registry
    for protocol in ("s3", "s3a"):
        if protocol in registry:
            monkeypatch.delitem(registry, protocol)
    with pytest.raises(ioa.MissingDependencyError) as info:
        ioa.discover("s3://bucket/prefix/")
    assert isinstance(info.value, ImportError)
    assert (info.value.extra, info.value.package) == ("s3", "s3fs")
    assert info.value.hint == "pip install 'ioarchive[s3]'"


def test_a_bad_row_in_a_zip_member_is_named_by_archive_and_member(tmp_path: Path) -> None:
    rows = csv_text(USER_COLUMNS, [user_row(i) for i in range(5)]).split("\n")
    rows[4] = rows[4] + ',"surplus"'
    archive = tmp_path / "iran_202012_users_csv_hashed.zip"
    member = "iran_202012_users_csv_hashed.csv"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(member, "\n".join(rows))
    dataset = ioa.discover(archive, progress=False, cache_dir=tmp_path / "cache")["iran_202012"]
    with pytest.raises(ioa.RaggedRowError) as info:
        dataset.users().collect()
    assert info.value.path == f"iran_202012_users_csv_hashed.zip:{member}"
    assert info.value.line == 5
