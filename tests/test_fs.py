"""The local cache: staging zip members and memory files once, atomically, verified by size."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import fsspec
import pytest

from ioarchive import _fs
from ioarchive.exceptions import StagingError

PAYLOAD = b'"userid"\n' + b'"1"\n' * 5000


def make_zip(path: Path, member: str = "folder/x_users_csv_hashed.csv") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, PAYLOAD)
    return path


def member_remote(path: Path, member: str = "folder/x_users_csv_hashed.csv") -> _fs.Remote:
    return _fs.Remote(f"zip://{member}::file://{path}", len(PAYLOAD), "v1", f"{path.name}:{member}")


def test_zip_member_is_staged_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote = member_remote(make_zip(tmp_path / "x.zip"))
    cache = tmp_path / "cache"
    staged = _fs.stage(remote, cache_dir=cache, progress=False)
    assert staged.read_bytes() == PAYLOAD
    assert staged.name == "x_users_csv_hashed.csv"
    mtime = staged.stat().st_mtime_ns

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the zip was read again")

    monkeypatch.setattr(fsspec, "open", refuse)
    again = _fs.stage(remote, cache_dir=cache, progress=False)
    assert again == staged
    assert again.stat().st_mtime_ns == mtime


def test_cache_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_fs.CACHE_ENV, str(tmp_path / "env-cache"))
    assert _fs.default_cache_dir() == tmp_path / "env-cache"
    staged = _fs.stage(member_remote(make_zip(tmp_path / "x.zip")), progress=False)
    assert staged.is_relative_to(tmp_path / "env-cache")


def test_corrupt_zip_fails_cleanly(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "x.zip")
    data = bytearray(path.read_bytes())
    data[60:70] = b"\0" * 10  # inside the compressed member data
    path.write_bytes(bytes(data))
    cache = tmp_path / "cache"
    with pytest.raises(StagingError, match=r"x\.zip:folder/x_users_csv_hashed\.csv") as info:
        _fs.stage(member_remote(path), cache_dir=cache, progress=False)
    assert isinstance(info.value, OSError)
    assert "Hint:" in str(info.value)
    assert [p for p in cache.rglob("*") if p.is_file()] == []


def test_truncated_zip_fails_cleanly(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "x.zip")
    path.write_bytes(path.read_bytes()[:-40])
    cache = tmp_path / "cache"
    with pytest.raises(StagingError):
        _fs.stage(member_remote(path), cache_dir=cache, progress=False)
    assert [p for p in cache.rglob("*") if p.is_file()] == []


def test_size_mismatch_fails_and_leaves_nothing(tmp_path: Path, memfs: Any) -> None:
    memfs.pipe("/stage-test/a.csv", b"abc")
    remote = _fs.Remote("memory:///stage-test/a.csv", 10, "v", "memory:///stage-test/a.csv")
    cache = tmp_path / "cache"
    with pytest.raises(StagingError, match="copied 3 bytes, expected 10"):
        _fs.stage(remote, cache_dir=cache, progress=False)
    assert [p for p in cache.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("url", "native"),
    [
        ("/data/x.csv", True),
        ("s3://bucket/x.csv", True),
        ("https://host/x.csv", True),
        ("gs://bucket/x.csv", True),
        ("memory:///x.csv", False),
        ("zip://x.csv::file:///a.zip", False),
    ],
)
def test_native_protocols(url: str, native: bool) -> None:
    assert _fs.is_native(url) is native


def test_s3_options_map_to_polars() -> None:
    options = {
        "key": "AK",
        "secret": "SK",
        "client_kwargs": {"endpoint_url": "http://127.0.0.1:5000", "region_name": "eu-west-1"},
    }
    assert _fs.polars_options("s3://b/x.csv", options) == {
        "aws_access_key_id": "AK",
        "aws_secret_access_key": "SK",
        "aws_endpoint_url": "http://127.0.0.1:5000",
        "aws_region": "eu-west-1",
        "aws_allow_http": "true",
    }
    assert _fs.polars_options("s3://b/x.csv", None) is None


@pytest.mark.parametrize(
    ("info", "identity"),
    [
        ({"ETag": '"abc"', "mtime": 1.5}, '"abc"'),
        ({"mtime": 1.5}, "1.5"),
        ({"Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT"}, "Tue, 01 Dec 2026 10:00:00 GMT"),
        ({"LastModified": "2026-12-01"}, "2026-12-01"),
        ({"size": 7}, "size:7"),  # nothing that changes with the content: a weak identity
    ],
)
def test_a_file_version_is_told_by_what_its_server_sends(
    info: dict[str, Any], identity: str
) -> None:
    assert _fs.identity_of(info, 7) == identity


def test_a_file_known_only_by_its_size_is_copied_again(tmp_path: Path, memfs: Any) -> None:
    memfs.pipe_file("/w/a.csv", b"one")
    remote = _fs.Remote("memory:///w/a.csv", 3, f"{_fs.WEAK_IDENTITY}3", "a.csv")
    first = _fs.stage(remote, cache_dir=tmp_path)
    memfs.pipe_file("/w/a.csv", b"two")  # the same size: only a copy can tell
    assert _fs.stage(remote, cache_dir=tmp_path) == first
    assert first.read_bytes() == b"two"


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    # Output files (the CLI's --output, report, GraphML, GEXF) go through `replacing`.
    target = tmp_path / "edges.csv"
    target.write_text("old\n")

    def fail_half_way() -> None:
        with _fs.replacing(target) as draft:
            draft.write_text("half")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        fail_half_way()
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv"]
    with _fs.replacing(target) as draft:
        draft.write_text("new\n")
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv"]
