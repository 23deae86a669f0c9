"""An interrupted conversion (a real process, killed mid-write) resumes where it stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.store.layout import MANIFEST_NAME, STAGING_DIR
from ioarchive.synthetic import FileQuirks
from tests.store.common import convert_quietly, csv_rows, store_files

CAMPAIGNS = ("iran_202012", "serbia_022020", "china_082019_3", "egypt_uae_082019_1")

CHILD = """
import sys
import ioarchive
ioarchive.convert(sys.argv[1], sys.argv[2], progress=False)
"""


@pytest.fixture(scope="module")
def big_mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("resume") / "mirror"
    for i, name in enumerate(CAMPAIGNS):
        synthetic.write_campaign(
            root / name, name, n_tweets=25_000, n_accounts=60, seed=i, quirks=FileQuirks(parts=3)
        )
    return root


def _datasets_in_manifest(store: Path) -> list[str]:
    try:
        manifest = json.loads((store / MANIFEST_NAME).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return []
    return [d["campaign"] for d in manifest["datasets"]]


def test_a_killed_conversion_resumes(big_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(big_mirror), str(store)])
    deadline = time.monotonic() + 120
    # Kill it once the first dataset is committed and the next one is being written.
    while time.monotonic() < deadline and child.poll() is None:
        staging = store / STAGING_DIR
        if _datasets_in_manifest(store) and staging.exists() and any(staging.rglob("*.parquet")):
            break
        time.sleep(0.02)
    assert child.poll() is None, "the conversion finished before it could be interrupted"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    finished = _datasets_in_manifest(store)
    assert 1 <= len(finished) < len(CAMPAIGNS)
    assert any((store / STAGING_DIR).rglob("*.parquet"))  # it was killed mid-write
    done_files = {
        p: p.stat().st_mtime_ns
        for c in finished
        for p in (store / f"campaign={c}").rglob("*.parquet")
    }
    # Opening the interrupted store shows only what was committed.
    assert sorted(ioa.open_store(store).datasets["campaign"]) == sorted(finished)

    report = convert_quietly(big_mirror, store)
    assert report.skipped == len(finished)
    assert report.converted == len(CAMPAIGNS) - len(finished)
    assert not any(f.startswith(STAGING_DIR) for f in store_files(store))
    # The finished datasets were not written again.
    assert {p: p.stat().st_mtime_ns for p in done_files} == done_files
    catalog = ioa.open_store(store)
    source = ioa.discover(big_mirror, progress=False)
    for campaign in CAMPAIGNS:
        tweets = source[campaign].files.filter(source[campaign].files["kind"] == "tweets")
        expected = sum(csv_rows(u) for u in tweets["url"])
        got = catalog[campaign].tweets().select("tweetid").collect().height
        assert got == expected, campaign
