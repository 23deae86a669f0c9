"""A damaged source stops its dataset with a clear error and leaves nothing of it in the store."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import Era
from ioarchive.store.layout import MANIFEST_NAME
from ioarchive.synthetic import FileQuirks
from tests.store.common import convert_quietly, store_files


def _mirror(root: Path) -> dict[str, list[Path]]:
    """Three small datasets: plain files, a gzip one and a zip one."""
    out: dict[str, list[Path]] = {}
    for i, (name, option) in enumerate(
        [("iran_202012", None), ("serbia_022020", "gzip"), ("china_082019_3", "zip")]
    ):
        truth = synthetic.write_campaign(
            root / name,
            name,
            era=Era.TWEETS_2019,
            n_tweets=300,
            n_accounts=10,
            seed=i,
            quirks=FileQuirks(gzip=option == "gzip"),
        )
        files = [*truth.tweet_files, *truth.user_files]
        if option == "zip":
            archive = root / name / f"{name}.zip"
            with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
                for f in files:
                    z.write(f, f.name)
            for f in files:
                f.unlink()
            files = [archive]
        out[name] = files
    return out


def truncate_gzip(files: list[Path]) -> str:
    path = next(f for f in files if "tweets" in f.name)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path.name


def corrupt_zip_crc(files: list[Path]) -> str:
    archive = files[0]
    with zipfile.ZipFile(archive) as z:
        info = next(i for i in z.infolist() if "tweets" in i.filename)
    data = bytearray(archive.read_bytes())
    # Flip one byte of the member's compressed data: the CRC check fails when it is read.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    return info.filename


def ragged_row(files: list[Path]) -> str:
    path = next(f for f in files if "tweets" in f.name)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(len(lines) // 2, '"1","2","3"')
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.name


CASES: dict[str, tuple[str, Callable[[list[Path]], str], type[ioa.IOArchiveError]]] = {
    "truncated gzip": ("serbia_022020", truncate_gzip, ioa.DamagedFileError),
    "bad zip CRC": ("china_082019_3", corrupt_zip_crc, ioa.StagingError),
    "ragged row": ("iran_202012", ragged_row, ioa.RaggedRowError),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_damaged_file_fails_its_dataset_only(tmp_path: Path, case: str) -> None:
    campaign, damage, cause = CASES[case]
    files = _mirror(tmp_path / "mirror")
    name = damage(files[campaign])
    store = tmp_path / "store"
    with pytest.raises(ioa.ConversionError) as info:
        convert_quietly(tmp_path / "mirror", store)
    error = info.value
    assert isinstance(error.__cause__, cause)
    assert error.path is not None
    assert name in error.path
    assert error.problem.startswith("not converted")
    report = error.report
    assert isinstance(report, ioa.StoreReport)
    assert (report.converted, report.failed) == (2, 1)
    failed = report.datasets.row(report.datasets["status"].to_list().index("failed"), named=True)
    assert failed["campaign"] == campaign
    assert name in failed["error"]
    # Nothing of the failed dataset: no folder, no staging left, not in the manifest.
    files_left = store_files(store)
    assert not any(f.startswith(f"campaign={campaign}/") for f in files_left)
    assert not any(f.startswith("_staging") for f in files_left)
    manifest = json.loads((store / MANIFEST_NAME).read_text())
    assert campaign not in {d["campaign"] for d in manifest["datasets"]}
    opened = ioa.open_store(store)
    assert campaign not in opened
    assert len(opened.datasets) == 2


def test_a_row_count_mismatch_fails_the_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ioarchive._records import RecordCount
    from ioarchive.store import _files

    _mirror(tmp_path / "mirror")
    monkeypatch.setattr(_files, "count_rows_fast", lambda path: 7)
    monkeypatch.setattr(_files, "count_records", lambda path, options: RecordCount(7, 0, 0))
    with pytest.raises(ioa.ConversionError) as info:
        convert_quietly(tmp_path / "mirror", tmp_path / "store")
    assert "rows written, but Python's csv module counts 7" in info.value.problem
    assert info.value.report.failed == 3  # type: ignore[attr-defined]
    assert store_files(tmp_path / "store") == []


@pytest.mark.parametrize("fast", [7, None])
def test_the_csv_module_decides_when_the_fast_count_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: int | None
) -> None:
    from ioarchive._records import count_records
    from ioarchive.store import _files

    asked: list[str] = []

    def exact(path: str, options: object) -> object:
        asked.append(path)
        return count_records(path)

    _mirror(tmp_path / "mirror")
    monkeypatch.setattr(_files, "count_rows_fast", lambda path: fast)
    monkeypatch.setattr(_files, "count_records", exact)
    report = convert_quietly(tmp_path / "mirror", tmp_path / "store")
    assert (report.converted, report.failed) == (3, 0)
    assert len(asked) == 6  # every file: tweets and users of three datasets


def test_the_csv_module_is_not_asked_when_the_counts_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ioarchive.store import _files

    def refuse(path: str, options: object) -> None:
        raise AssertionError(f"csv count of {path}")

    _mirror(tmp_path / "mirror")
    monkeypatch.setattr(_files, "count_records", refuse)
    report = convert_quietly(tmp_path / "mirror", tmp_path / "store")
    assert (report.converted, report.failed) == (3, 0)


def test_a_file_with_a_csv_error_fails_when_the_fast_count_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ioarchive._records import RecordCount
    from ioarchive.store import _files

    _mirror(tmp_path / "mirror")
    monkeypatch.setattr(_files, "count_rows_fast", lambda path: None)
    broken = RecordCount(300, 0, 0, ((12, "',' expected after '\"'"),))
    monkeypatch.setattr(_files, "count_records", lambda path, options: broken)
    with pytest.raises(ioa.ConversionError) as info:
        convert_quietly(tmp_path / "mirror", tmp_path / "store")
    assert "Python's csv module cannot read this row" in info.value.problem
    assert info.value.line == 12
    assert store_files(tmp_path / "store") == []


def test_a_failed_dataset_keeps_its_previous_version(tmp_path: Path) -> None:
    files = _mirror(tmp_path / "mirror")
    store = tmp_path / "store"
    convert_quietly(tmp_path / "mirror", store)
    before = ioa.open_store(store)["iran_202012"].tweets().collect()
    ragged_row(files["iran_202012"])
    with pytest.raises(ioa.ConversionError):
        convert_quietly(tmp_path / "mirror", store)
    after = ioa.open_store(store)["iran_202012"].tweets().collect()
    assert after.equals(before)
    shutil.rmtree(tmp_path / "mirror")


def test_two_stray_quotes_are_converted_as_the_scanner_reads_them(tmp_path: Path) -> None:
    # Polars and pyarrow both read "a"b"c" as one field, so the counts agree and strict csv,
    # which would refuse the row, is not asked; validate still names its line.
    truth = synthetic.write_campaign(
        tmp_path / "mirror" / "iran_202012", "iran_202012", n_tweets=50, n_accounts=5, seed=1
    )
    users = truth.user_files[0]
    lines = users.read_text(encoding="utf-8").split("\n")
    fields = lines[2].split('","')
    fields[1] = 'a"b"c'
    lines[2] = '","'.join(fields)
    users.write_text("\n".join(lines), encoding="utf-8")
    report = convert_quietly(tmp_path / "mirror", tmp_path / "store")
    assert report.datasets["users"].to_list() == [ioa.read_users(users).height]
    assert ioa.validate.validate_file(str(users))["problems"][0].startswith("line 3: ")


def test_a_lone_carriage_return_between_fields_stops_the_conversion(tmp_path: Path) -> None:
    # Polars reads past it; pyarrow ends the record there, so the counts differ and strict
    # csv decides: a short row, named with its line.
    truth = synthetic.write_campaign(
        tmp_path / "mirror" / "iran_202012", "iran_202012", n_tweets=50, n_accounts=5, seed=1
    )
    users = truth.user_files[0]
    lines = users.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace('","', '"\r,"', 1)
    users.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ioa.ConversionError) as caught:
        convert_quietly(tmp_path / "mirror", tmp_path / "store")
    assert caught.value.path is not None
    assert caught.value.path.endswith(users.name)
    assert isinstance(caught.value.report, ioa.StoreReport)
    assert caught.value.report.failed == 1


def test_an_upload_that_fails_leaves_no_half_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fsspec.implementations.memory import MemoryFileSystem

    url = f"memory://upload-{tmp_path.name}"
    source = ioa.synthetic.demo_archive_path()
    convert_quietly(source, url)
    real = MemoryFileSystem.put_file
    calls = [0]

    def flaky(self: MemoryFileSystem, *args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] == 2:  # the second file of the first dataset
            raise ConnectionError("network dropped")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(MemoryFileSystem, "put_file", flaky)
    with pytest.raises(ioa.ConversionError) as info:
        convert_quietly(source, url, overwrite=True)
    report = info.value.report
    assert isinstance(report, ioa.StoreReport)
    first = report.datasets.row(0, named=True)
    assert first["status"] == "failed"
    expected = f"could not upload the dataset's files to {url}: network dropped"
    assert first["error"].endswith(expected)
    fs = MemoryFileSystem()
    prefix = f"/upload-{tmp_path.name}/campaign={first['campaign']}/copy=hashed"
    assert not fs.exists(prefix) or fs.find(prefix) == []
    with pytest.raises(ioa.StoreError, match="missing"):
        ioa.open_store(url)
    monkeypatch.setattr(MemoryFileSystem, "put_file", real)
    assert convert_quietly(source, url).converted == 1  # the missing one, restored
    reopened = ioa.open_store(url)  # Polars reads no memory:// URL: the manifest check only
    assert first["campaign"] in reopened.datasets["campaign"].to_list()
