"""Discovery on a synthetic mirror with every naming variant, locally, in a zip and in memory."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from tests.mirror import DECOYS, Expected, build_mirror, check_catalog


@pytest.fixture(scope="module")
def mirror(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[tuple[str, bool], Expected]]:
    root = tmp_path_factory.mktemp("mirror") / "root"
    root.mkdir()
    return root, build_mirror(root)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_discover_local_mirror(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]], cache: Path
) -> None:
    root, expected = mirror
    catalog = ioa.discover(root, cache_dir=cache, progress=False)
    check_catalog(catalog, expected)
    files = {r["path"]: r for r in catalog.files.iter_rows(named=True)}
    for path, kind in DECOYS.items():
        assert files[path]["kind"] == kind
        assert files[path]["used"] is False
    assert (
        "not an archive tweets header" in files["other/fake_202201_tweets_csv_hashed.csv"]["note"]
    )
    duplicate = files[
        "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.zip/iran_202012_tweets_csv_hashed.csv"
    ]
    assert duplicate["used"] is False
    assert duplicate["note"].startswith("duplicate of hashed/2020_12/iran_202012/")
    assert files["hashed/2021_12/CNHU_0621/CNHU_0621_users.csv"]["era"] == "users_camelcase"


def test_hashed_copy_is_the_default(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]], cache: Path
) -> None:
    root, _ = mirror
    catalog = ioa.discover(root, cache_dir=cache, progress=False)
    assert catalog["saudi_arabia_082019_1"].hashed is True
    assert catalog.dataset("SAUDI_ARABIA_082019_1", hashed=False).hashed is False
    assert "iran_202012" in catalog
    with pytest.raises(ioa.DatasetNotFoundError, match="no dataset 'iran_999999'") as info:
        catalog["iran_999999"]
    assert isinstance(info.value, KeyError)
    with pytest.raises(ioa.DatasetNotFoundError, match="unhashed copy"):
        catalog.dataset("iran_202012", hashed=False)


def test_catalog_tweets_over_many_datasets(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]], cache: Path
) -> None:
    root, expected = mirror
    catalog = ioa.discover(root, cache_dir=cache, progress=False)
    counts = catalog.tweets().group_by("campaign").len().collect()
    hashed = {k[0]: e.truth.tweets.height for k, e in expected.items() if k[1]}
    hashed["egypt_uae_082019_1"] = expected[("egypt_uae_082019_1", False)].truth.tweets.height
    assert dict(counts.iter_rows()) == hashed
    two = catalog.tweets(["GRU_202012", "iran_202012"]).select(pl.len()).collect().item()
    assert (
        two
        == expected[("GRU_202012", True)].truth.tweets.height
        + expected[("iran_202012", True)].truth.tweets.height
    )


def test_zip_members_are_staged_once(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]],
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, expected = mirror
    catalog = ioa.discover(root, cache_dir=cache, progress=False)
    first = catalog["china_082019_3"].tweets().collect()
    staged = sorted(cache.rglob("*.csv"), key=lambda p: p.name)
    assert [p.name for p in staged] == [
        f"china_082019_3_tweets_csv_hashed_part{i}.csv" for i in (1, 2, 3)
    ]
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(str(name))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    again = catalog["china_082019_3"].tweets().collect()
    assert opened == []
    assert_frame_equal(first, again)
    assert_frame_equal(again, expected[("china_082019_3", True)].truth.tweets)


def test_corrupt_zip_fails_cleanly(
    tmp_path: Path, mirror: tuple[Path, dict[tuple[str, bool], Expected]]
) -> None:
    root, _ = mirror
    source = root / "hashed/2019_08/china_082019_3/china_082019_3_users_csv_hashed.zip"
    broken = tmp_path / "broken" / "china_082019_3_users_csv_hashed.zip"
    broken.parent.mkdir()
    data = bytearray(source.read_bytes())
    data[80:90] = b"\xff" * 10
    broken.write_bytes(bytes(data))
    catalog = ioa.discover(broken.parent, cache_dir=tmp_path / "cache", progress=False)
    with pytest.raises(
        ioa.StagingError,
        match=r"china_082019_3_users_csv_hashed\.zip:china_082019_3_users_csv_hashed\.csv",
    ):
        catalog["china_082019_3"].users()
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


def test_discover_a_zip_file_as_root(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]], cache: Path
) -> None:
    root, expected = mirror
    catalog = ioa.discover(root / "turkey_052020.zip", cache_dir=cache, progress=False)
    assert catalog.datasets["campaign"].to_list() == ["turkey_052020"]
    assert_frame_equal(
        catalog["turkey_052020"].tweets().collect(), expected[("turkey_052020", True)].truth.tweets
    )


def test_discover_memory_filesystem(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]], cache: Path, memfs: Any
) -> None:
    root, expected = mirror
    memfs.put(str(root), "/ioarchive-mirror", recursive=True)
    catalog = ioa.discover("memory://ioarchive-mirror", cache_dir=cache, progress=False)
    check_catalog(catalog, expected)


def test_missing_root(tmp_path: Path) -> None:
    with pytest.raises(ioa.SourceNotFoundError):
        ioa.discover(tmp_path / "nowhere")


def test_renamed_file_is_found_by_its_header(tmp_path: Path, cache: Path) -> None:
    truth = ioa.synthetic.write_campaign(tmp_path / "w", "iran_202012", n_tweets=20)
    (tmp_path / "m").mkdir()
    shutil.copy(truth.tweet_files[0], tmp_path / "m" / "my copy.csv")
    catalog = ioa.discover(tmp_path / "m", cache_dir=cache, progress=False)
    row = catalog.files.row(0, named=True)
    assert (row["kind"], row["campaign"], row["known"], row["era"]) == (
        "tweets",
        "my copy",
        False,
        "tweets_2020",
    )
    assert catalog["my copy"].tweets().select(pl.len()).collect().item() == 20


def test_catalog_repr_hides_storage_options(
    mirror: tuple[Path, dict[tuple[str, bool], Expected]],
) -> None:
    root, _ = mirror
    catalog = ioa.discover(root, storage_options={"auto_mkdir": False}, progress=False)
    assert "auto_mkdir" not in repr(catalog)
    assert "auto_mkdir" not in repr(catalog["iran_202012"])
    assert repr(catalog).startswith("Catalog(root=")


def test_campaigns_that_differ_only_in_case_stay_apart(tmp_path: Path) -> None:
    # Unknown campaigns keep their spelling: each must be found as spelled, never the other.
    upper = ioa.synthetic.write_campaign(tmp_path / "x", "Atlantis_202301", n_tweets=50, seed=1)
    lower = ioa.synthetic.write_campaign(tmp_path / "y", "atlantis_202301", n_tweets=70, seed=2)
    catalog = ioa.discover(tmp_path, progress=False)
    assert catalog.dataset("Atlantis_202301").tweets().collect().height == upper.tweets.height
    assert catalog["atlantis_202301"].tweets().collect().height == lower.tweets.height == 70
    assert catalog.tweets().collect().height == 50 + 70
    with pytest.raises(ioa.DatasetNotFoundError, match="differ only in case") as info:
        catalog.dataset("ATLANTIS_202301")
    assert info.value.hint == "give the campaign id exactly as spelled"


def test_a_gzip_file_named_dot_gzip_is_decompressed(tmp_path: Path) -> None:
    import gzip

    truth = ioa.synthetic.write_campaign(tmp_path / "m", "iran_202012", n_tweets=20)
    path = truth.tweet_files[0]
    packed = path.with_name(path.name + ".gzip")
    packed.write_bytes(gzip.compress(path.read_bytes()))
    path.unlink()
    catalog = ioa.discover(tmp_path / "m", progress=False)
    assert catalog["iran_202012"].tweets().collect().height == 20


def test_a_zip_inside_a_zip_is_an_error_not_its_first_member(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.csv", "x\n")
        archive.writestr("b.csv", "y\n")
    with zipfile.ZipFile(tmp_path / "mirror.zip", "w") as outer:
        outer.writestr("iran_202012_tweets_csv_hashed.zip", inner.getvalue())
    with pytest.raises(ioa.DamagedFileError, match="a zip inside a zip is not read"):
        ioa.discover(tmp_path / "mirror.zip", progress=False).tweets().collect()


def test_renamed_files_take_their_campaign_from_their_zip_or_folder(tmp_path: Path) -> None:
    # Two campaigns' tweets, each renamed data.csv in its folder, had both become campaign
    # "data", and one was dropped as a copy of the other; so had two renamed part zips.
    mirror = tmp_path / "m"
    for name in ("iran_202012", "GRU_202012"):
        truth = ioa.synthetic.write_campaign(mirror / name, name, n_tweets=20)
        truth.tweet_files[0].rename(mirror / name / "data.csv")
    parts = tmp_path / "parts"
    truth = ioa.synthetic.write_campaign(tmp_path / "w", "iran_202012", n_tweets=20)
    parts.mkdir()
    for part in (1, 2):
        with zipfile.ZipFile(parts / f"iran_202012_tweets_csv_hashed_{part}.zip", "w") as z:
            z.write(truth.tweet_files[0], "data.csv")
    catalog = ioa.discover(mirror, progress=False)
    rows = catalog.datasets.select("campaign", "known", "tweet_parts").rows()
    assert rows == [("GRU_202012", True, 1), ("iran_202012", True, 1)]
    assert catalog.tweets().collect().height == 40
    zipped = ioa.discover(parts, progress=False)
    assert zipped.files.select("campaign", "part", "used").rows() == [
        ("iran_202012", "_1", True),
        ("iran_202012", "_2", True),
    ]
    assert zipped["iran_202012"].tweets().collect().height == 40


def test_macos_metadata_files_are_not_data(tmp_path: Path) -> None:
    # A copy to a USB disk leaves "._name" sidecars; one named like a zip stopped discover().
    truth = ioa.synthetic.write_campaign(tmp_path / "m", "iran_202012", n_tweets=20)
    (tmp_path / "m" / "._iran_202012_tweets_csv_hashed.zip").write_bytes(b"\x00\x05\x16\x07")
    (truth.tweet_files[0].parent / f"._{truth.tweet_files[0].name}").write_bytes(b"\x00\x05")
    catalog = ioa.discover(tmp_path / "m", progress=False)
    assert catalog["iran_202012"].tweets().collect().height == 20
    sidecars = catalog.files.filter(pl.col("name").str.starts_with("._"))
    assert sidecars["kind"].to_list() == ["other", "other"]
