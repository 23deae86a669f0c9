"""Damaged downloads: truncated and corrupt gzip files are errors naming the file (issue 10).

Small files fail in ``read_header`` (Python's gzip); large ones, whose header reads fine, fail
when Polars decompresses them (a bare ``OSError`` from Polars). Both are a
[`DamagedFileError`][ioarchive.exceptions.DamagedFileError] naming the file. Also here: sources
on protocols Polars cannot read (``memory://``, ``zip://``) are staged through the cache.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive._fs import CACHE_ENV
from ioarchive.cli import main


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    root = tmp_path_factory.mktemp("damaged")
    return synthetic.write_campaign(root, "iran_202012", n_tweets=2000, seed=5)


@pytest.fixture(scope="module")
def compressed(truth: synthetic.CampaignTruth) -> bytes:
    return gzip.compress(truth.tweet_files[0].read_bytes())


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


NAME = "iran_202012_tweets_csv_hashed.csv.gz"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda gz: gz[:60], id="truncated-in-header"),
        pytest.param(lambda gz: b"\x1f\x8b\x08\x00" + b"\xff" * 200, id="corrupt-deflate"),
        pytest.param(lambda gz: b"PK\x03\x04 not gzip at all", id="not-gzip"),
        pytest.param(lambda gz: b"", id="empty"),
    ],
)
def test_small_damaged_gzip_names_the_file(tmp_path: Path, compressed: bytes, damage: Any) -> None:
    path = write(tmp_path, NAME, damage(compressed))
    with pytest.raises(ioa.FileFormatError) as info:
        ioa.read_header(str(path))
    assert info.value.path == str(path)
    if damage(compressed):
        assert isinstance(info.value, ioa.DamagedFileError)
        assert info.value.hint is not None
        assert "download" in info.value.hint
    else:  # an empty .gz holds no bytes, not a damaged stream
        assert isinstance(info.value, ioa.EmptyFileError | ioa.DamagedFileError)
    with pytest.raises(ioa.FileFormatError):
        ioa.scan_tweets(path)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda gz: gz[: len(gz) // 2], id="truncated"),
        pytest.param(lambda gz: gz[:-4], id="no-size-trailer"),
        pytest.param(lambda gz: gz[:-8] + bytes([gz[-8] ^ 0xFF]) + gz[-7:], id="bad-crc"),
        pytest.param(lambda gz: gz + b"trailing junk", id="trailing-junk"),
    ],
)
def test_large_damaged_gzip_fails_in_polars_with_the_file_name(
    tmp_path: Path, compressed: bytes, damage: Any, engine: Any
) -> None:
    path = write(tmp_path, NAME, damage(compressed))
    lf = ioa.scan_tweets(path)  # the header decompresses fine
    with pytest.raises(ioa.DamagedFileError) as info:
        lf.collect(engine=engine)
    assert info.value.path == str(path)
    assert "\n" not in info.value.problem


def test_gzip_corrupt_in_the_middle_is_an_error_naming_the_file(
    tmp_path: Path, compressed: bytes
) -> None:
    middle = len(compressed) // 2
    data = compressed[:middle] + b"\0" * 64 + compressed[middle + 64 :]
    path = write(tmp_path, NAME, data)
    with pytest.raises(ioa.FileFormatError) as info:  # garbage bytes, or the bad CRC
        ioa.scan_tweets(path).collect()
    assert info.value.path == str(path)


def test_damaged_gzip_in_a_mirror(tmp_path: Path, compressed: bytes) -> None:
    write(tmp_path / "mirror", NAME, compressed[: len(compressed) // 3])
    catalog = ioa.discover(tmp_path / "mirror", progress=False)
    with pytest.raises(ioa.DamagedFileError, match=NAME):
        catalog["iran_202012"].tweets().collect()


def test_cli_one_line_exit_2_for_a_damaged_gzip(
    tmp_path: Path,
    truth: synthetic.CampaignTruth,
    compressed: bytes,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(tmp_path / "mirror", NAME, compressed[: len(compressed) // 3])
    users = truth.user_files[0]
    write(tmp_path / "mirror", users.name, users.read_bytes())
    status = main(["summary", str(tmp_path / "mirror"), "--quiet"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("ioarchive: error: ")
    assert NAME in err
    assert "Traceback" not in err


def test_scan_tweets_reads_memory_urls(
    truth: synthetic.CampaignTruth,
    memfs: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Defect 8: a file ``discover`` reads on memory:// is read by ``scan_tweets`` too."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    tweets, users = truth.tweet_files[0], truth.user_files[0]
    memfs.pipe(f"/d8/{tweets.name}", tweets.read_bytes())
    memfs.pipe(f"/d8/{users.name}", users.read_bytes())
    lf = ioa.scan_tweets(f"memory:///d8/{tweets.name}", campaign="iran_202012")
    assert_frame_equal(lf.collect(), truth.tweets)
    scanned = ioa.scan_users(f"memory:///d8/{users.name}", campaign="iran_202012").collect()
    assert_frame_equal(scanned, truth.users)
    glob = ioa.scan_tweets("memory:///d8/*_tweets_csv_hashed.csv", campaign="iran_202012")
    assert_frame_equal(glob.collect(), truth.tweets)
    catalog = ioa.discover("memory:///d8", cache_dir=tmp_path / "cache")
    assert_frame_equal(catalog["iran_202012"].tweets().collect(), lf.collect())
    staged = [p.name for p in (tmp_path / "cache").rglob("*.csv")]
    assert tweets.name in staged


def test_scan_tweets_reads_a_zip_member_url(
    truth: synthetic.CampaignTruth, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    tweets = truth.tweet_files[0]
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(tweets, f"folder/{tweets.name}")
    url = f"zip://folder/{tweets.name}::file://{archive}"
    lf = ioa.scan_tweets(url, campaign="iran_202012")
    assert_frame_equal(lf.collect(), truth.tweets)
    assert lf.select(pl.len()).collect().item() == truth.tweets.height


def test_missing_memory_file_is_source_not_found(memfs: Any) -> None:
    with pytest.raises(ioa.SourceNotFoundError, match=r"memory:///nothing/here\.csv"):
        ioa.scan_tweets("memory:///nothing/here.csv")
