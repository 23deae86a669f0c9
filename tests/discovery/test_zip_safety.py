"""Hostile and damaged mirrors: zip path traversal, zip bombs, truncated and empty zips, links.

Nothing is ever written outside the cache; a damaged or hostile input is a clear error naming
the file (``archive.zip:member`` for members); odd folders and links never crash ``discover``.
"""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import _fs, synthetic
from ioarchive.cli import main


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    return synthetic.write_campaign(
        tmp_path_factory.mktemp("zips"), "iran_202012", n_tweets=300, seed=9
    )


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_members_with_absolute_names_and_dot_dot_stay_in_the_cache(
    tmp_path: Path, truth: synthetic.CampaignTruth
) -> None:
    data = truth.tweet_files[0].read_bytes()
    users = truth.user_files[0].read_bytes()
    deep = tmp_path / "a" / "b" / "mirror"
    deep.mkdir(parents=True)
    escape = "../../../../escaped_tweets_csv_hashed.csv"
    absolute = f"{tmp_path}/absolute/abspath_tweets_csv_hashed.csv"
    with zipfile.ZipFile(deep / "hostile.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(escape, data)
        archive.writestr(absolute, data)
        archive.writestr("../iran_202012_users_csv_hashed.csv", users)
        archive.writestr("x/../../iran_202012_tweets_csv_hashed.csv", data)
    before = files_under(tmp_path)
    cache = tmp_path / "a" / "cache"
    catalog = ioa.discover(deep, cache_dir=cache, progress=False)
    assert set(catalog.datasets["campaign"]) == {"escaped", "abspath", "iran_202012"}
    for campaign in ("escaped", "abspath", "iran_202012"):
        tweets = catalog[campaign].tweets().collect()
        assert tweets.height == truth.tweets.height
    assert_frame_equal(catalog["iran_202012"].users().collect(), truth.users)
    written = files_under(tmp_path) - before
    assert written, "the members were staged"
    assert all(p.is_relative_to(cache) for p in written), written
    assert all(p.parent.parent == cache for p in written)  # cache/<digest>/<name>
    assert not (tmp_path / "absolute").exists()
    assert not Path(absolute).exists()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("zip://../../x.csv::file:///a.zip", "x.csv"),
        ("zip://..::file:///a.zip", "file"),
        ("zip://a\\..\\..\\y.csv.gz::file:///a.zip", "y.csv.gz"),
        ("memory:///d/é v.csv", "é_v.csv"),
    ],
)
def test_cache_names_are_one_safe_component(url: str, name: str, tmp_path: Path) -> None:
    path = _fs._cache_path(_fs.Remote(url, 1, "v", "label"), tmp_path)
    assert path.name == name
    assert path.parent.parent == tmp_path


def _declare_size(path: Path, size: int) -> None:
    """Rewrite the central directory so that the (only) member declares ``size`` bytes."""
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", size)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("declared", [0xFFFFFFF0, 10_000_000])
def test_zip_bomb_header_is_refused(
    tmp_path: Path, truth: synthetic.CampaignTruth, declared: int
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    archive = mirror / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("iran_202012_tweets_csv_hashed.csv", truth.tweet_files[0].read_bytes())
    _declare_size(archive, declared)
    cache = tmp_path / "cache"
    catalog = ioa.discover(mirror, cache_dir=cache, progress=False)
    row = catalog.files.row(0, named=True)
    assert row["size"] == declared
    assert row["used"]
    with pytest.raises(ioa.StagingError) as info:
        catalog["iran_202012"].tweets()
    assert info.value.path == "bomb.zip:iran_202012_tweets_csv_hashed.csv"
    assert [p for p in cache.rglob("*") if p.is_file()] == []


def test_staging_never_writes_more_than_declared(tmp_path: Path, memfs: Any) -> None:
    memfs.pipe("/bound/a.csv", b"x" * 5000)
    remote = _fs.Remote("memory:///bound/a.csv", 100, "v", "memory:///bound/a.csv")
    with pytest.raises(ioa.StagingError, match="more than the 100 bytes"):
        _fs.stage(remote, cache_dir=tmp_path, progress=False)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_size_larger_than_free_space_is_refused_before_writing(tmp_path: Path, memfs: Any) -> None:
    memfs.pipe("/big/a.csv", b"abc")
    remote = _fs.Remote("memory:///big/a.csv", 1 << 62, "v", "big.zip:a.csv")
    with pytest.raises(ioa.StagingError, match="free in the cache") as info:
        _fs.stage(remote, cache_dir=tmp_path, progress=False)
    assert info.value.path == "big.zip:a.csv"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_truncated_zip_is_a_damaged_file_error(
    tmp_path: Path, truth: synthetic.CampaignTruth, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    archive = mirror / "iran_202012.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(truth.tweet_files[0], truth.tweet_files[0].name)
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(ioa.DamagedFileError) as info:
        ioa.discover(mirror, progress=False)
    assert info.value.path == str(archive)
    assert info.value.hint is not None
    assert main(["discover", str(mirror), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "iran_202012.zip" in err
    assert "Traceback" not in err


def test_missing_member_is_source_not_found(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "k.zip", "w") as z:
        z.writestr("a.csv", "x")
    with pytest.raises(ioa.SourceNotFoundError) as info:
        ioa.read_header(f"zip://b.csv::file://{tmp_path}/k.zip")
    assert info.value.path == f"{tmp_path}/k.zip:b.csv"


def test_empty_member_is_an_empty_file_error_naming_the_member(
    tmp_path: Path, truth: synthetic.CampaignTruth
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with zipfile.ZipFile(mirror / "e.zip", "w") as z:
        z.writestr("iran_202012/iran_202012_tweets_csv_hashed.csv", b"")
        z.write(truth.user_files[0], f"iran_202012/{truth.user_files[0].name}")
    catalog = ioa.discover(mirror, cache_dir=tmp_path / "cache", progress=False)
    tweets_row = catalog.files.filter(pl.col("kind") == "tweets").row(0, named=True)
    assert tweets_row["used"]
    assert tweets_row["note"].startswith("header not read: the file is empty")
    with pytest.raises(ioa.EmptyFileError) as info:
        catalog["iran_202012"].tweets()
    assert info.value.path == "e.zip:iran_202012/iran_202012_tweets_csv_hashed.csv"
    assert_frame_equal(catalog["iran_202012"].users().collect(), truth.users)


def test_an_empty_copy_does_not_shadow_a_good_one(
    tmp_path: Path, truth: synthetic.CampaignTruth
) -> None:
    mirror = tmp_path / "mirror"
    (mirror / "good").mkdir(parents=True)
    (mirror / "good" / truth.tweet_files[0].name).write_bytes(truth.tweet_files[0].read_bytes())
    with zipfile.ZipFile(mirror / "a_first.zip", "w") as z:
        z.writestr(truth.tweet_files[0].name, b"")
    (mirror / truth.tweet_files[0].name).write_bytes(b"")
    catalog = ioa.discover(mirror, cache_dir=tmp_path / "cache", progress=False)
    used = catalog.files.filter(pl.col("used") & (pl.col("kind") == "tweets"))["path"]
    assert used.to_list() == [f"good/{truth.tweet_files[0].name}"]
    assert catalog["iran_202012"].tweets().collect().height == truth.tweets.height


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_links_and_folders_named_like_data_do_not_crash_discover(
    tmp_path: Path, truth: synthetic.CampaignTruth
) -> None:
    root = tmp_path / "mirror"
    (root / "data").mkdir(parents=True)
    for path in (*truth.tweet_files, *truth.user_files):
        (root / "data" / path.name).write_bytes(path.read_bytes())
    (root / "data" / "up").symlink_to("..")  # a loop through a folder link
    (root / "self_tweets_csv_hashed.csv").symlink_to("self_tweets_csv_hashed.csv")
    (root / "a").symlink_to("b")
    (root / "b").symlink_to("a")
    (root / "gone_tweets_csv_hashed.csv").symlink_to("nowhere.csv")
    (root / "x_tweets_csv_hashed.csv").mkdir()
    (root / "x_tweets_csv_hashed.csv" / "notes.txt").write_text("a folder, not a file")
    (root / "y_users_csv_hashed.csv.gz").mkdir()
    with zipfile.ZipFile(root / "folders.zip", "w") as archive:
        archive.writestr("z_tweets_csv_hashed.csv/", b"")  # a folder entry named like data
        archive.writestr("z_tweets_csv_hashed.csv/readme.txt", b"not data")
    catalog = ioa.discover(root, progress=False)
    assert catalog.datasets["campaign"].to_list() == ["iran_202012"]
    links = catalog.files.filter(pl.col("path").is_in(["a", "b", "data/up"]))
    assert links["kind"].to_list() == ["other"] * 3
    assert links["note"].str.contains("symbolic link").all()
    broken = catalog.files.filter(pl.col("path").str.starts_with("gone_"))
    assert broken["kind"].to_list() == ["other"]
    assert_frame_equal(catalog["iran_202012"].tweets().collect(), truth.tweets)
