"""The DuckDB and Spark recipes of docs/beyond-one-machine.md, run against a real store."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import metrics
from tests.store.conftest import Mirror

PAGE = Path(__file__).resolve().parents[2] / "docs" / "beyond-one-machine.md"


def recipe(marker: str) -> str:
    """The code block of the page that contains ``marker``."""
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(), re.S)
    found = [b for b in blocks if marker in b]
    assert len(found) == 1, marker
    return str(found[0])


def expected_daily(store: Path) -> pl.DataFrame:
    catalog = ioa.open_store(store)
    hashed = catalog.datasets.filter(pl.col("hashed"))["campaign"]
    tweets = pl.concat([catalog.dataset(c, hashed=True).tweets() for c in hashed])
    daily = metrics.activity(tweets, every="1d", by="campaign").collect()
    return daily.select(
        "campaign", pl.col("period").dt.date().alias("day"), pl.col("tweets").cast(pl.Int64)
    ).sort("campaign", "day")


def run_in(store: Path, code: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(store.parent)
    namespace: dict[str, Any] = {}
    exec(
        compile(
            code.replace('"store', f'"{store.name}').replace("'store", f"'{store.name}"),
            "recipe",
            "exec",
        ),
        namespace,
    )
    return namespace


def test_duckdb_recipe(mirror: Mirror, converted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("duckdb")
    out = run_in(converted, recipe("import duckdb"), monkeypatch)
    daily = out["daily_duckdb"].with_columns(pl.col("tweets").cast(pl.Int64))
    assert_frame_equal(daily, expected_daily(converted))
    hashed = sum(e.truth.tweets.height for e in mirror[1].values() if e.hashed)
    assert daily["tweets"].sum() == hashed


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


# py4j leaves its socket to the JVM for the garbage collector to close.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_spark_recipe(converted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (the test extra has it)")
    if not _java():
        pytest.skip("Spark needs a Java runtime; .ci/run installs openjdk-17-jre-headless")
    code = recipe("from pyspark.sql import").replace('master("local[2]")', 'master("local[1]")')
    code += "\nspark.stop()\n"
    out = run_in(converted, code, monkeypatch)
    rows: list[Any] = out["rows"]
    daily = pl.DataFrame(
        [(r["campaign"], r["day"], r["tweets"]) for r in rows],
        schema={"campaign": pl.String, "day": pl.Date, "tweets": pl.Int64},
        orient="row",
    )
    assert_frame_equal(daily, expected_daily(converted))
    assert all(isinstance(r["day"], dt.date) for r in rows)
