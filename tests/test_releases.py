"""The known releases table."""

from __future__ import annotations

import datetime as dt

import polars as pl

import ioarchive as ioa
from ioarchive.releases import RELEASES_SCHEMA, known_campaigns
from tests.samples import REAL_DIR


def test_48_typed_unique_releases() -> None:
    releases = ioa.known_releases()
    assert releases.height == 48
    assert releases.schema == RELEASES_SCHEMA
    assert releases["campaign"].n_unique() == 48
    assert releases["campaign"].str.to_lowercase().n_unique() == 48


def test_exact_values() -> None:
    rows = {r["campaign"]: r for r in ioa.known_releases().iter_rows(named=True)}
    assert rows["iran_092020"]["tweet_rows_reported"] == 2450
    assert rows["iran_092020"]["accounts_announced"] == 104
    assert rows["ira"]["tweet_rows_reported"] == 9041308
    assert rows["ira"]["announced"] == dt.date(2018, 10, 17)
    assert rows["ghana_nigeria_032020"]["announced"] is None
    assert rows["cuba_082020"]["tweet_rows_reported"] is None
    assert rows["CNHU_0621"]["release_folder"] == "2021_12"


def test_returns_a_fresh_frame() -> None:
    first = ioa.known_releases()
    first = first.with_columns(pl.lit("x").alias("campaign"))
    assert ioa.known_releases()["campaign"][0] == "ira"
    assert known_campaigns()["cnhu_0621"] == "CNHU_0621"


def test_package_copy_matches_shared_data() -> None:
    shared = REAL_DIR.parents[1] / "data" / "known_releases.csv"
    if not shared.exists():
        import pytest

        pytest.skip(f"{shared} not found")
    packaged = ioa.known_releases()
    raw = pl.read_csv(shared, infer_schema=False)
    assert packaged["campaign"].to_list() == raw["campaign"].to_list()
