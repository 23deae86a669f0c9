"""Errors are structured: attributes first, the message built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

import ioarchive as ioa
from ioarchive import exceptions

BUILTINS: dict[type[ioa.IOArchiveError], type[Exception]] = {
    exceptions.SourceNotFoundError: FileNotFoundError,
    exceptions.FileFormatError: ValueError,
    exceptions.EmptyFileError: ValueError,
    exceptions.EncodingError: ValueError,
    exceptions.RaggedRowError: ValueError,
    exceptions.QuotingError: ValueError,
    exceptions.UnterminatedQuoteError: ValueError,
    exceptions.StagingError: OSError,
    exceptions.DamagedFileError: ValueError,
    exceptions.RemoteError: OSError,
    exceptions.DatasetNotFoundError: KeyError,
}


@pytest.mark.parametrize("cls", list(BUILTINS), ids=[c.__name__ for c in BUILTINS])
def test_message_is_built_from_the_attributes(cls: type[ioa.IOArchiveError]) -> None:
    error = cls("something is wrong", path="a/b.csv", line=12, hint="do this")
    assert isinstance(error, BUILTINS[cls])
    assert (error.path, error.line, error.problem, error.hint) == (
        "a/b.csv",
        12,
        "something is wrong",
        "do this",
    )
    assert str(error) == "a/b.csv: line 12: something is wrong\nHint: do this"


def test_without_path_or_hint() -> None:
    error = ioa.DatasetNotFoundError("no dataset 'x'")
    assert str(error) == "no dataset 'x'"
    assert error.where == ""
    assert ioa.SourceNotFoundError("no such file", path="x.csv").where == "x.csv"


def test_value_parse_error_keeps_the_cell() -> None:
    error = ioa.ValueParseError("like_count", "many", "a whole number", path="t.csv", line=3)
    assert (error.column, error.value, error.expected, error.line) == (
        "like_count",
        "many",
        "a whole number",
        3,
    )
    assert error.problem == "column 'like_count': cannot parse 'many'; expected a whole number"


def test_missing_dependency_error_keeps_its_path_attribute() -> None:
    # ImportError has a ``path`` of its own; ours must not be overwritten by it.
    error = ioa.MissingDependencyError("matplotlib", extra="plot", purpose="drawing figures")
    assert error.path is None
    assert error.name == "matplotlib"
    assert str(error).endswith("Hint: pip install 'ioarchive[plot]'")


def test_scan_errors_carry_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x_users_csv_hashed.csv"
    path.write_text("")
    with pytest.raises(ioa.EmptyFileError) as info:
        ioa.scan_users(path)
    assert (info.value.path, info.value.line) == (str(path), 1)
    assert info.value.hint is not None
    assert "empty" in info.value.problem
