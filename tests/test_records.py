"""The fast record counter (pyarrow) agrees with the exact one (Python's csv) where it answers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ioarchive import synthetic
from ioarchive._records import count_records, count_rows_fast
from ioarchive.schema import Era
from ioarchive.synthetic import FileQuirks
from tests.samples import real_params

HEADER = '"a","b"\n'


@pytest.mark.parametrize("path", real_params())
def test_agrees_with_csv_on_real_files(path: Path) -> None:
    assert count_rows_fast(str(path)) == count_records(str(path)).rows


@pytest.mark.parametrize("era", [Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020])
@pytest.mark.parametrize("quirks", [FileQuirks(), FileQuirks(gzip=True)], ids=["plain", "gzip"])
def test_agrees_with_csv_on_synthetic_files(tmp_path: Path, era: Era, quirks: FileQuirks) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "x_202012", era=era, n_tweets=500, n_accounts=20, seed=5, quirks=quirks
    )
    for path in [*truth.tweet_files, *truth.user_files]:
        assert count_rows_fast(str(path)) == count_records(str(path)).rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADER + '"1","2"\n"3","4"', 2),
        (HEADER + '"1","2"\n\n\n"3","4"\n\n', 2),  # blank lines are skipped, as by csv
        (HEADER + '"1","a\nb\r\nc\rd"\n"3","4"\n', 2),  # newlines inside quotes
        (HEADER.replace("\n", "\r\n") + '"1","2"\r\n', 1),
        (HEADER + '"1","2"\n' + HEADER + '"3","4"\n', 3),  # a repeated header is a record
        (HEADER + '"1","2"\n"3","4","5"\n', None),  # ragged
        (HEADER, None),  # no record after the header
        ("", None),
    ],
)
def test_cases(tmp_path: Path, text: str, expected: int | None) -> None:
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    assert count_rows_fast(str(path)) == expected


def test_says_none_for_what_it_cannot_read(tmp_path: Path) -> None:
    damaged = tmp_path / "x.csv.gz"
    data = gzip.compress((HEADER + "".join(f'"{i}","{i * i}"\n' for i in range(10**5))).encode())
    damaged.write_bytes(data[: len(data) // 2])
    assert count_rows_fast(str(damaged)) is None
    assert count_rows_fast(str(tmp_path / "missing.csv")) is None
    assert count_rows_fast("s3://bucket/x.csv") is None
    assert count_rows_fast("zip://x.csv::archive.zip") is None


cells = st.text(alphabet='ab,"\n\r ', max_size=6)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(cells, cells), max_size=6), quote=st.booleans())
def test_agrees_with_csv_on_any_clean_file(
    tmp_path: Path, rows: list[tuple[str, str]], quote: bool
) -> None:
    def field(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if quote or set(cell) & set(',"\n\r') else cell

    path = tmp_path / "x.csv"
    path.write_bytes((HEADER + "".join(f"{field(a)},{field(b)}\n" for a, b in rows)).encode())
    exact = count_records(str(path))
    fast = count_rows_fast(str(path))
    if not exact.errors and not exact.repeated_headers and exact.rows:
        assert fast in (None, exact.rows)
