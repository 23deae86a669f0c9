"""Every input of the corpus gives what it must: its rows (as csv counts them) or its error."""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

import pytest

import ioarchive as ioa
from tests.corpus.cases import CASES, Case, run


def csv_count(path: Path) -> int:
    limit = csv.field_size_limit(sys.maxsize)
    try:
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        return sum(1 for r in reader if r and r != header)
    finally:
        csv.field_size_limit(limit)


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.group for c in CASES}) >= 12


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case(case: Case, tmp_path: Path) -> None:
    rows, error = run(case, tmp_path)
    if case.error is None:
        assert error is None, f"{case.name}: {error}"
        assert rows == case.rows
        if case.kind != "mirror" and case.blind is None:
            assert rows == csv_count(next(p for p in tmp_path.iterdir() if p.is_file()))
        return
    assert error is not None, f"{case.name}: read {rows} rows"
    assert isinstance(error, case.error), f"{case.name}: {type(error).__name__}: {error}"
    assert error.path is not None
    if case.line is not None:
        assert error.line == case.line, f"{case.name}: {error}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_read_exactly(case: Case, tmp_path: Path) -> None:
    """With ``exact=True`` every case gives what it must, and the blind spots are errors too."""
    rows, error = run(case, tmp_path, exact=True)
    expected = case.blind or case.error
    if expected is None:
        assert error is None, f"{case.name}: {error}"
        assert rows == case.rows
        return
    assert isinstance(error, expected), f"{case.name}: {type(error).__name__}: {error}"
    assert error.path is not None
    if case.line is not None:
        assert error.line == case.line, f"{case.name}: {error}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_read_in_part(case: Case, tmp_path: Path) -> None:
    """A query of one column gives what reading every column gives, unless ``in_part`` says."""
    rows, error = run(case, tmp_path, columns=["userid"])
    if case.in_part is not None:
        assert error is None, f"{case.name}: {error}"
        assert rows == case.in_part
        return
    if case.error is None:
        assert error is None, f"{case.name}: {error}"
        assert rows == case.rows
        return
    assert isinstance(error, case.error), f"{case.name}: {type(error).__name__}: {error}"
    if case.line is not None:
        assert error.line == case.line, f"{case.name}: {error}"


@pytest.mark.parametrize("case", [c for c in CASES if c.blind], ids=lambda c: c.name)
def test_blind_spots_are_reported_by_validate(case: Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    report = ioa.validate.validate_file(str(path))
    assert report["ok"] is False
    assert report["problems"], report


def test_corpus_page_is_current() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("corpus", root / "docs" / "scripts" / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (root / "docs" / "corpus.md").read_text(encoding="utf-8"), (
        "run: python docs/scripts/corpus.py"
    )
