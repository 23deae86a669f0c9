"""Remote faults against real servers on 127.0.0.1: a clear error, nothing half-written, recovery.

moto's S3 server is stopped before and in the middle of a read; an HTTP server answers 500 or
closes the connection half-way through a body. Every failure is a
[`RemoteError`][ioarchive.exceptions.RemoteError] naming the URL, no partial file is left in the
cache, and the same call succeeds once the server is back.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import _fs, synthetic
from tests.servers import FaultyHTTPServer, S3Server, faulty_http_server

s3fs = pytest.importorskip("s3fs", reason="s3fs is needed for the S3 tests (ioarchive[s3])")
pytest.importorskip("moto", reason="moto[server] is needed for the S3 tests")

CAMPAIGN = "iran_202012"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synthetic.CampaignTruth]:
    """Served: ``mirror/`` holds a zip of one campaign; ``plain/`` its tweets file alone."""
    root = tmp_path_factory.mktemp("faults")
    truth = synthetic.write_campaign(root / "work", CAMPAIGN, n_tweets=2000, seed=3)
    served = root / "served"
    (served / "mirror").mkdir(parents=True)
    zipped = served / "mirror" / f"{CAMPAIGN}.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in (*truth.tweet_files, *truth.user_files):
            archive.write(path, f"{CAMPAIGN}/{path.name}")
    (served / "plain").mkdir()
    (served / "plain" / truth.tweet_files[0].name).write_bytes(truth.tweet_files[0].read_bytes())
    return served, truth


@pytest.fixture(scope="module")
def s3(files: tuple[Path, synthetic.CampaignTruth]) -> Iterator[tuple[S3Server, dict[str, Any]]]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            patch.delenv(name, raising=False)
        server = S3Server()
        server.start()
        options: dict[str, Any] = {
            "key": "testing",
            "secret": "testing-secret",
            "client_kwargs": {"endpoint_url": server.endpoint, "region_name": "us-east-1"},
            # One attempt and small blocks: a fault shows at once, and reads span requests.
            "config_kwargs": {"retries": {"max_attempts": 1}, "connect_timeout": 2},
            "default_block_size": 1 << 16,
        }
        fs = s3fs.S3FileSystem(**options)
        fs.call_s3("create_bucket", Bucket="faults")
        fs.put(f"{files[0]}/", "faults/", recursive=True)
        try:
            yield server, options
        finally:
            server.stop()


def cache_files(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file()]


def test_s3_stopped_before_staging(
    s3: tuple[S3Server, dict[str, Any]],
    files: tuple[Path, synthetic.CampaignTruth],
    tmp_path: Path,
) -> None:
    server, options = s3
    catalog = ioa.discover("s3://faults/mirror", storage_options=options, cache_dir=tmp_path)
    server.stop()
    try:
        with pytest.raises(ioa.RemoteError) as info:
            catalog[CAMPAIGN].tweets()
        assert info.value.url == "s3://faults/mirror/iran_202012.zip"
        assert info.value.path == f"{CAMPAIGN}.zip:{CAMPAIGN}/{files[1].tweet_files[0].name}"
        assert "s3://faults/mirror/iran_202012.zip" in info.value.problem
        assert info.value.hint
        assert cache_files(tmp_path) == []
        with pytest.raises(ioa.RemoteError, match="s3://faults/mirror"):
            ioa.discover("s3://faults/mirror", storage_options=options)
    finally:
        server.start()
    tweets = catalog[CAMPAIGN].tweets().collect()
    assert_frame_equal(tweets, files[1].tweets)


def test_s3_stopped_mid_read(
    s3: tuple[S3Server, dict[str, Any]],
    files: tuple[Path, synthetic.CampaignTruth],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, options = s3
    catalog = ioa.discover("s3://faults/mirror", storage_options=options, cache_dir=tmp_path)
    chunks: list[int] = []

    class StopAfterFirstChunk:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> StopAfterFirstChunk:
            return self

        def __exit__(self, *args: object) -> None:
            pass

        def update(self, n: int) -> None:
            chunks.append(n)
            if len(chunks) == 1:
                server.stop()  # the next block of the zip cannot be fetched

    monkeypatch.setattr(_fs, "_CHUNK", 1 << 14)
    monkeypatch.setattr(_fs, "byte_bar", StopAfterFirstChunk)
    try:
        with pytest.raises(ioa.RemoteError, match=r"s3://faults/mirror/iran_202012\.zip") as info:
            catalog[CAMPAIGN].tweets()
        size = files[1].tweet_files[0].stat().st_size
        assert 0 < sum(chunks) < size  # it failed mid-read, with part of the copy written
        assert isinstance(info.value, OSError)
        assert cache_files(tmp_path) == []
    finally:
        server.start()
    monkeypatch.undo()
    assert_frame_equal(catalog[CAMPAIGN].tweets().collect(), files[1].tweets)
    assert [p.name for p in cache_files(tmp_path)] == [files[1].tweet_files[0].name]


def test_s3_stopped_while_polars_reads(
    s3: tuple[S3Server, dict[str, Any]], files: tuple[Path, synthetic.CampaignTruth]
) -> None:
    server, options = s3
    url = f"s3://faults/plain/{files[1].tweet_files[0].name}"
    lf = ioa.scan_tweets(url, storage_options=options)
    server.stop()
    try:
        with pytest.raises(ioa.RemoteError) as info:
            lf.collect()
        assert url in str(info.value)
    finally:
        server.start()
    assert lf.select(pl.len()).collect().item() == files[1].tweets.height


@pytest.fixture
def http(files: tuple[Path, synthetic.CampaignTruth]) -> Iterator[FaultyHTTPServer]:
    with faulty_http_server(files[0]) as server:
        yield server


@pytest.mark.parametrize("fault", ["500", "cut"])
def test_http_fault_while_staging(
    http: FaultyHTTPServer,
    files: tuple[Path, synthetic.CampaignTruth],
    tmp_path: Path,
    fault: str,
) -> None:
    catalog = ioa.discover(f"{http.url}/mirror/", cache_dir=tmp_path, progress=False)
    http.fault = fault
    with pytest.raises(ioa.RemoteError) as info:
        catalog[CAMPAIGN].tweets()
    assert info.value.url == f"{http.url}/mirror/{CAMPAIGN}.zip"
    assert str(info.value.path).startswith(f"{CAMPAIGN}.zip:")
    assert "\n" not in info.value.problem
    assert cache_files(tmp_path) == []
    http.fault = None
    assert_frame_equal(catalog[CAMPAIGN].tweets().collect(), files[1].tweets)


@pytest.mark.parametrize("fault", ["500", "cut"])
def test_http_fault_while_reading_a_header(
    http: FaultyHTTPServer, files: tuple[Path, synthetic.CampaignTruth], fault: str
) -> None:
    url = f"{http.url}/plain/{files[1].tweet_files[0].name}"
    http.fault = fault
    with pytest.raises(ioa.IOArchiveError) as info:
        ioa.read_header(url)
    assert isinstance(info.value, ioa.RemoteError | ioa.SourceNotFoundError)
    assert url in str(info.value)
    http.fault = None
    assert ioa.read_header(url).era is ioa.Era.TWEETS_2020


@pytest.mark.parametrize("fault", ["500", "cut"])
def test_http_fault_while_polars_reads(
    http: FaultyHTTPServer, files: tuple[Path, synthetic.CampaignTruth], fault: str
) -> None:
    url = f"{http.url}/plain/{files[1].tweet_files[0].name}"
    lf = ioa.scan_tweets(url)
    http.fault = fault
    with pytest.raises(ioa.IOArchiveError) as info:
        lf.collect()
    assert url in str(info.value)
    http.fault = None
    assert lf.select(pl.len()).collect().item() == files[1].tweets.height
