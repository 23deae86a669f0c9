"""convert(): every file verified, the layout and manifest, skipping, overwriting."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive.store.layout import FORMAT_VERSION, MANIFEST_NAME
from tests.mirror import check_catalog
from tests.store.common import convert_quietly, csv_rows, parquet_rows, store_files
from tests.store.conftest import Mirror


def test_every_file_has_the_csv_module_row_count(mirror: Mirror, converted: Path) -> None:
    catalog = ioa.discover(mirror[0], progress=False)
    manifest = json.loads((converted / MANIFEST_NAME).read_text())
    by_source = {o["source"]: o for d in manifest["datasets"] for o in d["outputs"]}
    used = catalog.files.filter(pl.col("used"))
    assert set(by_source) == set(used["path"])
    for row in used.iter_rows(named=True):
        expected = csv_rows(row["url"])
        output = by_source[row["path"]]
        assert parquet_rows(converted / output["path"]) == expected, row["path"]
        assert output["rows"] == expected


def test_the_store_reads_back_as_the_truth(mirror: Mirror, converted: Path) -> None:
    check_catalog(ioa.open_store(converted), mirror[1])


def test_layout_and_manifest(mirror: Mirror, converted: Path) -> None:
    files = store_files(converted)
    assert MANIFEST_NAME in files
    data = [f for f in files if f != MANIFEST_NAME]
    assert all(f.endswith(".parquet") for f in data)
    n_parts = len(mirror[1][("serbia_022020", True)].parts)
    assert f"campaign=serbia_022020/copy=hashed/kind=tweets/part-{n_parts - 1:05d}.parquet" in data
    assert f"campaign=serbia_022020/copy=hashed/kind=tweets/part-{n_parts:05d}.parquet" not in data
    assert "campaign=saudi_arabia_082019_1/copy=unhashed/kind=users/part-00000.parquet" in data
    assert not any(f.startswith("_staging") for f in files)
    manifest = json.loads((converted / MANIFEST_NAME).read_text())
    assert manifest["format"] == "ioarchive-store"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["source"] == str(mirror[0])
    keys = [(d["campaign"], d["hashed"]) for d in manifest["datasets"]]
    assert sorted(keys, key=lambda k: (k[0], not k[1])) == keys
    assert set(keys) == set(mirror[1])
    serbia = next(d for d in manifest["datasets"] if d["campaign"] == "serbia_022020")
    tweets = [s for s in serbia["sources"] if s["kind"] == "tweets"]
    assert [s["part_order"] for s in tweets] == list(range(n_parts))
    assert all(s["size"] > 0 and s["identity"] for s in serbia["sources"])


def test_parquet_settings(converted: Path) -> None:
    import pyarrow.parquet as pq

    path = next(converted.rglob("kind=tweets/part-00000.parquet"))
    meta = pq.read_metadata(str(path))
    column = meta.row_group(0).column(0)
    assert column.compression == "ZSTD"
    assert column.statistics is not None
    names = set(pq.read_schema(str(path)).names)
    assert "campaign" not in names  # it is the partition
    assert names == set(ioa.TWEET_SCHEMA) - {"campaign"}


def test_a_second_convert_skips_everything(mirror: Mirror, store_copy: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in store_copy.rglob("*.parquet")}
    report = convert_quietly(mirror[0], store_copy)
    assert report.skipped == len(mirror[1])
    assert report.converted == 0
    assert {p: p.stat().st_mtime_ns for p in store_copy.rglob("*.parquet")} == before
    skipped = report.datasets.filter(pl.col("campaign") == "iran_202012")
    assert skipped["tweets"].item() == mirror[1][("iran_202012", True)].truth.tweets.height


def test_overwrite_converts_everything(mirror: Mirror, store_copy: Path) -> None:
    report = convert_quietly(mirror[0], store_copy, overwrite=True)
    assert report.converted == len(mirror[1])
    check_catalog(ioa.open_store(store_copy), mirror[1])


def test_a_changed_source_is_converted_again(mirror: Mirror, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "mirror"
    shutil.copytree(mirror[0], root)
    store = tmp_path / "store"
    convert_quietly(root, store)
    users = root / "downloads/hashed_2020_12_GRU_202012_GRU_202012_users_csv_hashed.csv"
    with users.open(newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    with users.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL).writerows(records[:-1])  # one account fewer
    report = convert_quietly(root, store)
    assert report.converted == 1
    assert report.skipped == len(mirror[1]) - 1
    changed = report.datasets.filter(pl.col("status") == "converted")
    assert changed["campaign"].item() == "GRU_202012"
    users_out = ioa.open_store(store)["GRU_202012"].users().collect()
    assert users_out.height == csv_rows(str(users))


def test_a_dataset_as_source(mirror: Mirror, tmp_path: Path) -> None:
    dataset = ioa.discover(mirror[0], progress=False).dataset("china_082019_3")
    report = convert_quietly(dataset, tmp_path / "store")
    assert report.datasets["campaign"].to_list() == ["china_082019_3"]
    back = ioa.open_store(tmp_path / "store")["china_082019_3"]
    assert_frame_equal(back.tweets().collect(), dataset.tweets().collect())
    assert_frame_equal(back.users().collect(), dataset.users().collect())


def test_the_report(mirror: Mirror, converted: Path, tmp_path: Path) -> None:
    catalog = ioa.discover(mirror[0], progress=False)
    report = convert_quietly(catalog.dataset("iran_202012"), tmp_path / "s")
    row = report.datasets.row(0, named=True)
    truth = mirror[1][("iran_202012", True)].truth
    assert row["status"] == "converted"
    assert (row["tweets"], row["users"], row["files"]) == (
        truth.tweets.height,
        truth.users.height,
        2,
    )
    assert row["source_bytes"] == catalog.dataset("iran_202012").files["size"].sum()
    parquet = sum(p.stat().st_size for p in (tmp_path / "s").rglob("*.parquet"))
    assert row["store_bytes"] == parquet
    assert report.datasets.schema == ioa.store.REPORT_SCHEMA
    assert "converted=1" in repr(report)


@pytest.mark.parametrize("progress", [True, False])
def test_progress_bars(
    mirror: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str], progress: bool
) -> None:
    dataset = ioa.discover(mirror[0], progress=False).dataset("iran_202012")
    ioa.convert(dataset, tmp_path / "store", progress=progress)
    err = capsys.readouterr().err
    for bar in ("files", "bytes", "rows"):
        assert (f"{bar}:" in err) is progress


def test_a_store_is_not_a_source(converted: Path, tmp_path: Path) -> None:
    with pytest.raises(ioa.StoreError, match="the source is a store"):
        convert_quietly(ioa.open_store(converted), tmp_path / "again")
    assert not (tmp_path / "again").exists()


def test_campaigns_that_differ_only_in_case_are_both_converted(tmp_path: Path) -> None:
    ioa.synthetic.write_campaign(tmp_path / "m" / "x", "Atlantis_202301", n_tweets=50, seed=1)
    ioa.synthetic.write_campaign(tmp_path / "m" / "y", "atlantis_202301", n_tweets=70, seed=2)
    report = convert_quietly(tmp_path / "m", tmp_path / "store")
    rows = report.datasets.select("campaign", "status", "tweets").sort("campaign").rows()
    assert rows == [("Atlantis_202301", "converted", 50), ("atlantis_202301", "converted", 70)]
    store = ioa.open_store(tmp_path / "store")
    counts = store.tweets().group_by("campaign").len().sort("campaign").collect().rows()
    assert counts == [("Atlantis_202301", 50), ("atlantis_202301", 70)]


def test_a_store_inside_its_mirror_is_refused(tmp_path: Path) -> None:
    # The mirror's walk would see the store's work in progress (a gzip source decompressed
    # into its staging folder is a CSV file like the mirror's own) as one of its data files.
    mirror = tmp_path / "mirror"
    ioa.synthetic.write_campaign(mirror / "a", "iran_202012", n_tweets=20)
    for dest in (mirror / "store", mirror, mirror / "a" / ".." / "s"):
        with pytest.raises(ioa.StoreError, match="inside the mirror") as info:
            convert_quietly(mirror, dest)
        assert info.value.hint == f"write the store to a folder outside {mirror.resolve()}"
    assert not (mirror / "store").exists()
    assert convert_quietly(mirror, tmp_path / "mirror-store").converted == 1


def test_a_dataset_gone_from_the_mirror_is_kept_or_removed(tmp_path: Path) -> None:
    mirror, store = tmp_path / "m", tmp_path / "store"
    for seed, campaign in enumerate(["aa_202001", "bb_202001"]):
        ioa.synthetic.write_campaign(mirror / campaign, campaign, n_tweets=30, seed=seed)
    convert_quietly(mirror, store)
    for path in (mirror / "bb_202001").iterdir():
        path.unlink()
    # Intact in the store: kept as converted, and said so.
    report = convert_quietly(mirror, store)
    assert report.datasets.select("campaign", "status").rows() == [
        ("aa_202001", "skipped"),
        ("bb_202001", "kept"),
    ]
    assert ioa.open_store(store)["bb_202001"].tweets().collect().height == 30
    # Damaged in the store and gone from the mirror: it cannot be converted again, so it is
    # removed and the store opens again (it had stayed unopenable for good).
    next((store / "campaign=bb_202001").rglob("*.parquet")).unlink()
    with pytest.raises(ioa.StoreError, match="missing"):
        ioa.open_store(store)
    report = convert_quietly(mirror, store)
    removed = report.datasets.filter(pl.col("campaign") == "bb_202001").row(0, named=True)
    assert removed["status"] == "removed"
    assert removed["error"] == (
        "its files in the store were missing or changed, and the mirror no longer has it"
    )
    assert ioa.open_store(store).datasets["campaign"].to_list() == ["aa_202001"]
    assert not (store / "campaign=bb_202001").exists()
    # A single dataset as the source says nothing of the others.
    single = ioa.discover(mirror, progress=False)["aa_202001"]
    assert convert_quietly(single, store).datasets["campaign"].to_list() == ["aa_202001"]


def test_a_source_known_only_by_its_size_is_converted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server that sends no ETag and no time gives only the size: a file rewritten to the
    # same size would look unchanged, so it is never skipped.
    import ioarchive.discovery._walk as walk

    monkeypatch.setattr(walk, "identity_of", lambda info, size: f"size:{size}")
    source = ioa.synthetic.demo_archive_path()
    first = convert_quietly(source, tmp_path / "store")
    again = convert_quietly(source, tmp_path / "store")
    assert (again.converted, again.skipped) == (first.converted, 0)
