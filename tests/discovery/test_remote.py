"""Discovery and scanning against real services on loopback: moto's S3 server and HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from tests.mirror import Expected, build_mirror, check_catalog
from tests.servers import http_server, s3_server

s3fs = pytest.importorskip("s3fs", reason="s3fs is needed for the S3 tests (ioarchive[s3])")
pytest.importorskip("moto", reason="moto[server] is needed for the S3 tests")

Mirror = tuple[Path, dict[tuple[str, bool], Expected]]
SECRET = "not-a-real-secret-4242"


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Mirror:
    root = tmp_path_factory.mktemp("remote") / "root"
    root.mkdir()
    return root, build_mirror(root, n_tweets=40)


@pytest.fixture(scope="module")
def bucket(mirror: Mirror, monkeypatch_module: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch_module.delenv(name, raising=False)
    with s3_server() as endpoint:
        options: dict[str, object] = {
            "key": "testing",
            "secret": SECRET,
            "client_kwargs": {"endpoint_url": endpoint, "region_name": "us-east-1"},
        }
        fs = s3fs.S3FileSystem(**options)
        fs.call_s3("create_bucket", Bucket="mirror")
        fs.put(f"{mirror[0]}/", "mirror/io/", recursive=True)
        yield options


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_s3_mirror(mirror: Mirror, bucket: dict[str, object], tmp_path: Path) -> None:
    catalog = ioa.discover(
        "s3://mirror/io", storage_options=bucket, cache_dir=tmp_path, progress=False
    )
    check_catalog(catalog, mirror[1])
    urls = catalog.files.filter(pl.col("used"))["url"]
    assert urls.str.starts_with("s3://mirror/io/").sum() > 0
    assert urls.str.starts_with("zip://").sum() > 0


def test_s3_secrets_stay_hidden(bucket: dict[str, object], tmp_path: Path) -> None:
    catalog = ioa.discover(
        "s3://mirror/io", storage_options=bucket, cache_dir=tmp_path, progress=False
    )
    assert SECRET not in repr(catalog)
    assert SECRET not in repr(catalog["iran_202012"])
    assert SECRET not in str(catalog.files)
    with pytest.raises(ioa.DatasetNotFoundError) as info:
        catalog["nothing_here"]
    assert SECRET not in str(info.value)
    with pytest.raises(ioa.SourceNotFoundError) as missing:
        ioa.discover("s3://mirror/absent", storage_options=bucket)
    assert SECRET not in str(missing.value)


def test_http_mirror(mirror: Mirror, tmp_path: Path) -> None:
    with http_server(mirror[0]) as url:
        catalog = ioa.discover(f"{url}/", cache_dir=tmp_path, progress=False)
        check_catalog(catalog, mirror[1])
