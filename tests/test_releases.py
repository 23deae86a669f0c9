"""The known releases table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from importlib.resources import files

import polars as pl
import pytest

import ioarchive as ioa
from ioarchive.releases import RELEASES_SCHEMA, known_campaigns, known_releases
from tests.samples import REAL_DIR


def packaged_rows() -> list[dict[str, str]]:
    """The package data file read with the standard library, as an independent reference."""
    text = (files("ioarchive") / "data" / "known_releases.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_48_rows_exact_dtypes() -> None:
    releases = known_releases()
    assert releases.height == 48
    assert releases.schema == RELEASES_SCHEMA
    assert list(releases.schema.items()) == [
        ("campaign", pl.String()),
        ("release_folder", pl.String()),
        ("announced", pl.Date()),
        ("entity", pl.String()),
        ("accounts_announced", pl.Int64()),
        ("tweet_rows_reported", pl.Int64()),
        ("tweet_file_layout", pl.String()),
        ("notes", pl.String()),
    ]


def test_every_campaign_unique_also_ignoring_case() -> None:
    campaigns = known_releases()["campaign"]
    assert campaigns.n_unique() == 48
    assert campaigns.str.to_lowercase().n_unique() == 48
    assert campaigns.null_count() == 0


def test_exact_values() -> None:
    rows = {r["campaign"]: r for r in known_releases().iter_rows(named=True)}
    assert rows["iran_092020"]["tweet_rows_reported"] == 2450
    assert rows["iran_092020"]["accounts_announced"] == 104
    assert rows["iran_092020"]["release_folder"] == "2020_09"
    assert rows["ira"]["tweet_rows_reported"] == 9041308
    assert rows["ira"]["announced"] == dt.date(2018, 10, 17)
    assert rows["ghana_nigeria_032020"]["announced"] is None
    assert rows["ghana_nigeria_032020"]["release_folder"] == "2020_03"
    assert rows["cuba_082020"]["tweet_rows_reported"] is None
    assert rows["china_082019_3"]["announced"] == dt.date(2019, 9, 20)
    assert rows["china_082019_3"]["tweet_file_layout"] == "parts _part1.._part3"
    assert rows["CNHU_0621"]["release_folder"] == "2021_12"
    assert rows["GRU_202012"]["entity"] == "Russia (GRU)"
    assert rows["catalonia_201906_1"]["notes"] is None
    assert rows["serbia_022020"]["accounts_announced"] == 8558


def test_release_order_and_ends() -> None:
    releases = known_releases()
    assert releases["campaign"][0] == "ira"
    assert releases["campaign"][-1] == "Venezuela_0621"
    assert releases["release_folder"].is_sorted()


def test_nulls_only_where_the_file_is_empty() -> None:
    reference = packaged_rows()
    releases = known_releases()
    for column in ("announced", "tweet_rows_reported", "notes"):
        empty = [r["campaign"] for r in reference if r[column] == ""]
        assert releases.filter(pl.col(column).is_null())["campaign"].to_list() == empty
    assert releases["accounts_announced"].null_count() == 0
    assert releases.filter(pl.col("announced").is_null())["campaign"].to_list() == [
        "ghana_nigeria_032020"
    ]


def test_values_match_a_plain_csv_read() -> None:
    reference = packaged_rows()
    releases = known_releases()
    assert releases["campaign"].to_list() == [r["campaign"] for r in reference]
    assert releases["accounts_announced"].to_list() == [
        int(r["accounts_announced"]) for r in reference
    ]
    assert releases["tweet_rows_reported"].to_list() == [
        int(r["tweet_rows_reported"]) if r["tweet_rows_reported"] else None for r in reference
    ]
    assert releases["announced"].to_list() == [
        dt.date.fromisoformat(r["announced"]) if r["announced"] else None for r in reference
    ]
    assert releases["notes"].to_list() == [r["notes"] or None for r in reference]


def test_returns_a_fresh_frame_each_call() -> None:
    first = known_releases()
    first = first.with_columns(pl.lit("x").alias("campaign"))
    assert first["campaign"][0] == "x"
    assert known_releases()["campaign"][0] == "ira"
    assert known_releases() is not known_releases()


def test_public_api_is_the_same_function() -> None:
    assert ioa.known_releases().equals(known_releases())


def test_known_campaigns_maps_lowercase_to_canonical() -> None:
    mapping = known_campaigns()
    assert len(mapping) == 48
    assert mapping["cnhu_0621"] == "CNHU_0621"
    assert mapping["ira_202012"] == "IRA_202012"
    assert mapping["ira"] == "ira"
    assert "CNHU_0621" not in mapping
    assert sorted(mapping.values()) == sorted(known_releases()["campaign"].to_list())
    with pytest.raises(TypeError):
        mapping["new"] = "x"  # type: ignore[index]


def test_package_copy_matches_shared_data() -> None:
    shared = REAL_DIR.parents[1] / "data" / "known_releases.csv"
    if not shared.exists():
        pytest.skip(f"{shared} not found")
    packaged = (files("ioarchive") / "data" / "known_releases.csv").read_bytes()
    assert packaged == shared.read_bytes()
