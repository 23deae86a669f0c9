"""The distribution: sdist and wheel build, pass twine check, and work in a fresh environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_wheel_and_sdist_contents(dist: Path) -> None:
    wheel = next(dist.glob("ioarchive-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ioarchive/py.typed" in names
    assert "ioarchive/data/known_releases.csv" in names
    assert any(n.startswith("ioarchive/data/demo/hashed/2020_12/iran_202012/") for n in names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "ioarchive = ioarchive.cli:main_entry" in zipfile.ZipFile(wheel).read(entry).decode()
    assert next(dist.glob("ioarchive-*.tar.gz")).stat().st_size > 0


def test_twine_check(dist: Path) -> None:
    files = [str(p) for p in dist.iterdir()]
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_wheel_runs_summary_in_a_fresh_environment(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    wheel = next(dist.glob("ioarchive-*.whl"))
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    done = subprocess.run(
        [bin_dir / "ioarchive", "summary", "--json", "--quiet"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(done.stdout)
    assert [r["campaign"] for r in rows] == ["ira", "iran_092020", "iran_201901_1", "iran_202012"]
    assert all(r["tweets"] == 400 for r in rows)
