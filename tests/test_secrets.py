"""Credentials never show: not in an error (chained causes too), a repr, a log record or the CLI.

Every operation runs against moto's S3 server on 127.0.0.1 with a distinctive secret, once
while the server is up and once after it is stopped; everything that could show the secret is
collected and searched.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import ioarchive as ioa
from ioarchive import _faults, synthetic
from ioarchive.cli import main
from ioarchive.validate import validate
from tests.servers import S3Server, faulty_http_server

s3fs = pytest.importorskip("s3fs", reason="s3fs is needed for the S3 tests (ioarchive[s3])")
pytest.importorskip("moto", reason="moto[server] is needed for the S3 tests")

SECRET = "Zq8-very-distinctive-secret-31337"
KEY = "AKIAFAKEKEYID12345"
CAMPAIGN = "iran_202012"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    root = tmp_path_factory.mktemp("secrets")
    truth = synthetic.write_campaign(root / "work", CAMPAIGN, n_tweets=200, seed=11)
    (root / "up" / "zipped").mkdir(parents=True)
    (root / "up" / "plain").mkdir()
    with zipfile.ZipFile(root / "up" / "zipped" / f"{CAMPAIGN}.zip", "w") as archive:
        for path in (*truth.tweet_files, *truth.user_files):
            archive.write(path, path.name)
    for path in (*truth.tweet_files, *truth.user_files):
        (root / "up" / "plain" / path.name).write_bytes(path.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            patch.delenv(name, raising=False)
        s3 = S3Server()
        s3.start()
        fs = s3fs.S3FileSystem(**options(s3))
        fs.call_s3("create_bucket", Bucket="secrets")
        fs.put(f"{root / 'up'}/", "secrets/", recursive=True)
        try:
            yield s3
        finally:
            s3.stop()


def options(server: S3Server) -> dict[str, Any]:
    return {
        "key": KEY,
        "secret": SECRET,
        "token": f"token-{SECRET}",
        "client_kwargs": {"endpoint_url": server.endpoint, "region_name": "us-east-1"},
        "config_kwargs": {"retries": {"max_attempts": 1}, "connect_timeout": 2},
    }


class Seen:
    """Everything a user could see: exceptions with their chains, reprs and texts."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def exception(self, error: BaseException) -> None:
        for link in _faults._chain(error):
            self.texts += [str(link), repr(link), repr(link.args)]
            self.texts += [repr(v) for v in getattr(link, "__dict__", {}).values()]

    def run(self, operation: Callable[[], Any]) -> Any:
        try:
            result = operation()
        except Exception as error:
            self.exception(error)
            return None
        self.texts.append(repr(result))
        return result

    def check(self, caplog: pytest.LogCaptureFixture, output: str) -> None:
        logs = [caplog.text]
        logs += [r.getMessage() + repr(r.args) + repr(r.__dict__) for r in caplog.records]
        for text in (*self.texts, *logs, output):
            for secret in (SECRET, f"token-{SECRET}"):
                assert secret not in text


def operations(server: S3Server, cache: Path, seen: Seen) -> None:
    opts = options(server)
    catalog = seen.run(lambda: ioa.discover("s3://secrets", storage_options=opts, cache_dir=cache))
    seen.run(lambda: ioa.discover("s3://secrets/absent", storage_options=opts))
    plain = f"s3://secrets/plain/{CAMPAIGN}_tweets_csv_hashed.csv"
    lf = seen.run(lambda: ioa.scan_tweets(plain, storage_options=opts))
    if lf is not None:
        seen.texts.append(lf.explain())
        seen.run(lf.collect)
    member = f"zip://{CAMPAIGN}_tweets_csv_hashed.csv::s3://secrets/zipped/{CAMPAIGN}.zip"
    seen.run(lambda: ioa.scan_tweets(member, storage_options=opts).collect())
    seen.run(lambda: ioa.read_header(plain, storage_options=opts))
    if catalog is not None:
        seen.texts += [repr(catalog), str(catalog.files), repr(catalog.datasets)]
        for row in catalog.files.iter_rows(named=True):
            seen.run(partial(catalog.scan_path, row))
        seen.run(lambda: catalog[CAMPAIGN].tweets().collect())
        seen.run(lambda: repr(catalog[CAMPAIGN]))
        seen.run(lambda: validate(catalog, progress=False))
    seen.run(lambda: validate("s3://secrets", storage_options=opts, progress=False))


def cli_runs(server: S3Server) -> list[list[str]]:
    flags = ["--quiet", "--storage-option", f"key={KEY}", "--storage-option", f"secret={SECRET}"]
    flags += ["--storage-option", f"endpoint_url={server.endpoint}"]
    return [
        ["discover", "s3://secrets", *flags],
        ["discover", "s3://secrets/absent", *flags],
        ["validate", "s3://secrets", *flags],
        ["summary", "s3://secrets/plain", *flags],
    ]


def test_secrets_never_show(
    server: S3Server,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    seen = Seen()
    operations(server, tmp_path / "cache-up", seen)
    statuses = [main(argv) for argv in cli_runs(server)]
    assert statuses[0] == 0, "the successful run really succeeded"
    assert statuses[1] == 2
    server.stop()
    try:
        operations(server, tmp_path / "cache-down", seen)
        down = [main(argv) for argv in cli_runs(server)]
    finally:
        server.start()
    assert down[0] == 2
    captured = capsys.readouterr()
    assert "Could not connect" in captured.err or "could not read" in captured.err
    assert any("RemoteError" in t for t in seen.texts), "the failing runs did fail"
    seen.check(caplog, captured.out + captured.err)


def test_credentials_in_urls_are_scrubbed(tmp_path: Path) -> None:
    (tmp_path / "x_tweets_csv_hashed.csv").write_text("x")
    with faulty_http_server(tmp_path) as http:
        http.fault = "500"
        url = http.url.replace("http://", f"http://user:{SECRET}@") + "/x_tweets_csv_hashed.csv"
        with pytest.raises(ioa.IOArchiveError) as info:
            ioa.read_header(url)
    seen = Seen()
    seen.exception(info.value)
    assert all(SECRET not in text for text in seen.texts)
    assert "http://***@127.0.0.1" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s3://AK:SK@bucket/x", "s3://***@bucket/x"),
        (
            "GET /x?X-Amz-Signature=abc123&X-Amz-Credential=AK/2026",
            "GET /x?X-Amz-Signature=***&X-Amz-Credential=***",
        ),
        (f"bad secret {SECRET} given", "bad secret *** given"),
    ],
)
def test_scrub(text: str, expected: str) -> None:
    assert _faults.scrub(text, {"secret": SECRET, "region_name": "eu-west-1"}) == expected


def test_an_exception_that_shows_a_secret_is_not_chained() -> None:
    def fail() -> None:
        try:
            raise ConnectionError(f"handshake refused for secret {SECRET}")
        except ConnectionError as inner:
            raise OSError("request failed") from inner

    with pytest.raises(ioa.RemoteError) as info:
        _faults.call(fail, label="s3://bucket/x.csv", options={"secret": SECRET})
    assert info.value.__cause__ is None
    assert info.value.__context__ is None
    assert info.value.url == "s3://bucket/x.csv"
    seen = Seen()
    seen.exception(info.value)
    assert all(SECRET not in text for text in seen.texts)


def test_a_harmless_exception_stays_chained() -> None:
    def fail() -> None:
        raise ConnectionError("connection reset by peer")

    with pytest.raises(ioa.RemoteError) as info:
        _faults.call(fail, label="s3://bucket/x.csv", options={"secret": SECRET})
    assert isinstance(info.value.__cause__, ConnectionError)
