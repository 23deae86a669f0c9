"""Stores on object storage (moto's S3 server on 127.0.0.1), and sources on S3 and HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from tests.mirror import check_catalog
from tests.servers import http_server, s3_server
from tests.store.common import csv_rows
from tests.store.conftest import Mirror

s3fs = pytest.importorskip("s3fs", reason="s3fs is needed for the S3 tests (ioarchive[s3])")
pytest.importorskip("moto", reason="moto[server] is needed for the S3 tests")

SECRET = "not-a-real-secret-2424"


@pytest.fixture(scope="module")
def s3(mirror: Mirror) -> Iterator[dict[str, object]]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            patch.delenv(name, raising=False)
        with s3_server() as endpoint:
            options: dict[str, object] = {
                "key": "testing",
                "secret": SECRET,
                "client_kwargs": {"endpoint_url": endpoint, "region_name": "us-east-1"},
            }
            fs = s3fs.S3FileSystem(**options)
            fs.call_s3("create_bucket", Bucket="stores")
            fs.call_s3("create_bucket", Bucket="mirror")
            fs.put(f"{mirror[0]}/", "mirror/io/", recursive=True)
            yield options


def test_a_store_on_s3(mirror: Mirror, s3: dict[str, object]) -> None:
    report = ioa.convert(mirror[0], "s3://stores/a", progress=False, dest_options=s3)
    assert report.converted == len(mirror[1])
    fs = s3fs.S3FileSystem(**s3)
    assert fs.isfile("stores/a/_ioarchive_store.json")
    assert not fs.exists("stores/a/_staging")
    store = ioa.open_store("s3://stores/a", storage_options=s3)
    assert SECRET not in repr(store)
    check_catalog(store, mirror[1])
    urls = store.files["url"]
    assert urls.str.starts_with("s3://stores/a/campaign=").all()
    daily = (
        store.tweets()
        .filter(pl.col("campaign") == "iran_202012")
        .group_by(pl.col("tweet_time").dt.date())
        .len()
        .collect()
    )
    assert daily["len"].sum() == mirror[1][("iran_202012", True)].truth.tweets.height
    again = ioa.convert(mirror[0], "s3://stores/a", progress=False, dest_options=s3)
    assert again.skipped == len(mirror[1])


def test_an_s3_source(mirror: Mirror, s3: dict[str, object], tmp_path: Path) -> None:
    catalog = ioa.discover(
        "s3://mirror/io", storage_options=s3, cache_dir=tmp_path / "cache", progress=False
    )
    report = ioa.convert(catalog, tmp_path / "store", progress=False)
    assert report.converted == len(mirror[1])
    check_catalog(ioa.open_store(tmp_path / "store"), mirror[1])


def test_an_http_source(mirror: Mirror, tmp_path: Path) -> None:
    with http_server(mirror[0]) as url:
        catalog = ioa.discover(f"{url}/", cache_dir=tmp_path / "cache", progress=False)
        dataset = catalog.dataset("serbia_022020")  # gzip parts over HTTP
        ioa.convert(dataset, tmp_path / "store", progress=False)
        expected = sum(csv_rows(u) for u in dataset.files.filter(pl.col("kind") == "tweets")["url"])
        back = ioa.open_store(tmp_path / "store")["serbia_022020"].tweets().collect()
        assert back.height == expected
        assert_frame_equal(back, dataset.tweets().collect())
        # The server sends Last-Modified (no ETag): enough to tell the files unchanged.
        assert set(dataset.files["identity"].str.starts_with("size:")) == {False}
        assert ioa.convert(dataset, tmp_path / "store", progress=False).skipped == 1


def test_a_lock_object_stops_a_second_conversion_on_s3(
    mirror: Mirror, s3: dict[str, object]
) -> None:
    fs = s3fs.S3FileSystem(**s3)
    fs.pipe_file("stores/locked/_ioarchive_store.lock", b'{"host": "elsewhere", "pid": 1}')
    with pytest.raises(ioa.StoreError, match="another conversion is writing") as caught:
        ioa.convert(mirror[0], "s3://stores/locked", progress=False, dest_options=s3)
    assert SECRET not in str(caught.value)
    assert not fs.exists("stores/locked/_ioarchive_store.json")
    fs.rm("stores/locked/_ioarchive_store.lock")
    report = ioa.convert(mirror[0], "s3://stores/locked", progress=False, dest_options=s3)
    assert report.converted == len(mirror[1])
    assert not fs.exists("stores/locked/_ioarchive_store.lock")
