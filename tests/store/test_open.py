"""open_store(): the Catalog API over Parquet, pruning on campaign, and its manifest check."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.dataset as pads
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive.store.layout import MANIFEST_NAME
from tests.store.conftest import Mirror


def test_the_same_datasets_as_the_mirror(mirror: Mirror, converted: Path) -> None:
    source = ioa.discover(mirror[0], progress=False)
    store = ioa.open_store(converted)
    columns = ["campaign", "hashed", "known", "tweet_parts", "user_files"]
    assert_frame_equal(store.datasets.select(columns), source.datasets.select(columns))
    assert store.files.schema == ioa.discovery.FILES_SCHEMA
    assert store.files["url"].str.ends_with(".parquet").all()
    assert "iran_202012" in store
    assert ioa.store.is_store(converted)
    assert not ioa.store.is_store(mirror[0])


def test_catalog_scans_equal_the_mirror_scans(mirror: Mirror, converted: Path) -> None:
    source = ioa.discover(mirror[0], progress=False)
    store = ioa.open_store(converted)
    assert_frame_equal(store.tweets().collect(), source.tweets().collect())
    assert_frame_equal(store.users().collect(), source.users().collect())
    unhashed = store.dataset("saudi_arabia_082019_1", hashed=False)
    assert not unhashed.hashed
    assert_frame_equal(
        unhashed.tweets().collect(),
        source.dataset("saudi_arabia_082019_1", hashed=False).tweets().collect(),
    )


def test_a_scan_is_parquet_with_hive_partitions(converted: Path) -> None:
    plan = ioa.open_store(converted)["serbia_022020"].tweets().explain()
    assert "Parquet SCAN" in plan
    assert "ioarchive" not in plan.split("Parquet SCAN")[0]  # no Python IO source


def test_a_filter_on_campaign_prunes_files(converted: Path) -> None:
    store = ioa.open_store(converted)
    lf = pl.scan_parquet(
        store.files.filter(pl.col("kind") == "tweets")["url"].to_list(),
        hive_partitioning=True,
        hive_schema=ioa.store.layout.HIVE_SCHEMA,
    )
    plan = lf.filter(pl.col("campaign") == "iran_202012").explain()
    scanned = [line for line in plan.splitlines() if "SCAN" in line]
    assert scanned
    assert all("campaign=iran_202012" in line for line in scanned)
    assert "campaign=serbia_022020" not in plan
    whole = store.tweets().filter(pl.col("campaign") == "iran_202012")
    assert "campaign=serbia_022020/copy=hashed/kind=tweets/part-00001" not in whole.explain()
    assert whole.collect()["campaign"].unique().to_list() == ["iran_202012"]


def test_pyarrow_reads_the_store_without_ioarchive(converted: Path) -> None:
    dataset = pads.dataset(
        str(converted), format="parquet", partitioning="hive", exclude_invalid_files=True
    )
    table = dataset.to_table(filter=pads.field("kind") == "tweets")
    store = ioa.open_store(converted)
    keys = store.datasets.select("campaign", "hashed").rows()
    expected = sum(store.dataset(c, hashed=h).tweets().collect().height for c, h in keys)
    assert table.num_rows == expected  # both copies of every dataset
    assert set(table.column("copy").to_pylist()) == {"hashed", "unhashed"}


def _edit_manifest(store: Path, change: str) -> None:
    path = store / MANIFEST_NAME
    data = json.loads(path.read_text())
    if change == "version":
        data["format_version"] = 99
    elif change == "format":
        data["format"] = "something-else"
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("change", "message"),
    [("version", "format version 99"), ("format", "not an ioarchive store manifest")],
)
def test_another_version_is_a_clear_error(store_copy: Path, change: str, message: str) -> None:
    _edit_manifest(store_copy, change)
    with pytest.raises(ioa.StoreError) as info:
        ioa.open_store(store_copy)
    assert message in info.value.problem
    assert info.value.path is not None
    assert info.value.path.endswith(MANIFEST_NAME)


def test_another_version_is_not_overwritten_by_convert(mirror: Mirror, store_copy: Path) -> None:
    _edit_manifest(store_copy, "version")
    for overwrite in (False, True):  # its files may be laid out otherwise: never mixed
        with pytest.raises(ioa.StoreError, match="format version 99") as info:
            ioa.convert(mirror[0], store_copy, progress=False, overwrite=overwrite)
        assert info.value.hint == (
            "convert the mirror into a new folder with this version of ioarchive, "
            "or delete this store first"
        )


def _drop_output(data: dict[str, Any]) -> None:
    data["datasets"][1]["outputs"].pop()


def _text_part_order(data: dict[str, Any]) -> None:
    data["datasets"][0]["sources"][0]["part_order"] = "zero"


def _bool_rows(data: dict[str, Any]) -> None:
    data["datasets"][0]["outputs"][0]["rows"] = True


def _twice(data: dict[str, Any]) -> None:
    data["datasets"].append(data["datasets"][0])


def _no_campaign(data: dict[str, Any]) -> None:
    del data["datasets"][0]["campaign"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_drop_output, "lists 2 sources, 1 outputs"),
        (_text_part_order, "SourceFile.part_order is 'zero', not int"),
        (_bool_rows, "OutputFile.rows is True, not int"),
        (_twice, "is listed twice"),
        (_no_campaign, "a field is missing: 'campaign'"),
    ],
)
def test_a_hand_edited_manifest_is_a_clear_error(
    store_copy: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    # Each of these had given a raw ValueError, a Polars error, or a store read twice.
    path = store_copy / MANIFEST_NAME
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    with pytest.raises(ioa.StoreError) as info:
        ioa.open_store(store_copy)
    assert info.value.problem.startswith("the manifest is malformed: ")
    assert message in info.value.problem
    assert info.value.path == str(path)


def test_a_missing_file_is_a_clear_error(store_copy: Path) -> None:
    victim = next(store_copy.rglob("campaign=turkey_052020/copy=hashed/kind=tweets/*.parquet"))
    victim.unlink()
    with pytest.raises(ioa.StoreError) as info:
        ioa.open_store(store_copy)
    assert info.value.problem == "a file the manifest lists is missing"
    assert info.value.path == str(victim)
    assert info.value.hint is not None
    assert "convert again" in info.value.hint


def test_a_changed_file_fails_the_manifest_check(store_copy: Path) -> None:
    victim = next(store_copy.rglob("campaign=iran_202012/copy=hashed/kind=users/*.parquet"))
    victim.write_bytes(victim.read_bytes()[:-10])
    with pytest.raises(ioa.StoreError, match="bytes, the manifest says"):
        ioa.open_store(store_copy)


def test_repairing_a_damaged_store(mirror: Mirror, store_copy: Path) -> None:
    victim = next(store_copy.rglob("campaign=iran_202012/copy=hashed/kind=users/*.parquet"))
    victim.unlink()
    report = ioa.convert(mirror[0], store_copy, progress=False)
    assert report.converted == 1
    ioa.open_store(store_copy)  # the check passes again


def test_no_manifest(tmp_path: Path) -> None:
    with pytest.raises(ioa.SourceNotFoundError, match="no store here"):
        ioa.open_store(tmp_path)
    assert not ioa.store.is_store(tmp_path)


def test_a_store_path_with_pattern_characters_is_read_literally(
    converted: Path, tmp_path: Path
) -> None:
    # Polars expands "*" and "[...]" in paths by default: a store at "store*" read its
    # sibling stores too, and one at "store[1]" read nothing.
    expected = ioa.open_store(converted).tweets().select(pl.len()).collect().item()
    for name in ("store*", "store[1]", "store1"):
        shutil.copytree(converted, tmp_path / name)
    for name in ("store*", "store[1]"):
        store = ioa.open_store(tmp_path / name)
        assert store.tweets().select(pl.len()).collect().item() == expected
