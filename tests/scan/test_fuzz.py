"""A mutation fuzzer: damaged copies of valid files are read exactly as csv reads them, or fail.

Every example is read twice: by the default scan and with ``exact=True``. The exact scan must
always give csv's rows or an error. Two damages are invisible to the fast reader (see
``check``); for them ``validate`` must say the file is not clean, and the exact scan must fail.

Small valid files of each era are truncated at any offset, have a byte flipped, or get a quote,
comma, newline, carriage return or NUL inserted (300 examples in CI; set
``IOARCHIVE_FUZZ_EXAMPLES`` for more). Every outcome of the exact scan must be one of
two: exactly the rows Python's strict ``csv`` module reads (same count, same ids and accounts),
or an IOArchiveError naming the file. Never another exception, never a different count silently.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import Era

BASES = [
    ("tweets", Era.TWEETS_2018),
    ("tweets", Era.TWEETS_2019),
    ("tweets", Era.TWEETS_2020),
    ("users", Era.TWEETS_2020),
]
INSERTS = [b'"', b",", b"\n", b"\r", b"\x00", b'""', b"\r\n"]


def base_bytes(kind: str, era: Era, root: Path) -> bytes:
    truth = synthetic.write_campaign(
        root / f"{kind}-{era.value}", "fuzz_202012", era=era, n_tweets=6, n_accounts=4, seed=3
    )
    files = truth.tweet_files if kind == "tweets" else truth.user_files
    return files[0].read_bytes()


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, Era], bytes]:
    root = tmp_path_factory.mktemp("fuzz-bases")
    return {(kind, era): base_bytes(kind, era, root) for kind, era in BASES}


def csv_rows(data: bytes) -> list[list[str]] | None:
    """The data records strict csv reads (no blank lines, no header repeats).

    None if csv fails, or if a record has not the header's number of fields (a ragged row).
    """
    limit = csv.field_size_limit(sys.maxsize)
    try:
        text = data.decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        rows = [r for r in reader if r and r != header]
        return None if header is None or any(len(r) != len(header) for r in rows) else rows
    except (csv.Error, UnicodeDecodeError):
        return None
    finally:
        csv.field_size_limit(limit)


def mutate(data: bytes, how: str, offset: int, value: int, insert: bytes) -> bytes:
    at = offset % (len(data) + 1)
    if how == "truncate":
        return data[:at]
    if how == "flip" and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (value or 1)]) + data[at + 1 :]
    return data[:at] + insert + data[at:]


def read(path: Path, kind: str, data: bytes, *, exact: bool) -> str:
    """Scan ``path`` as ``kind``: ``exact`` (csv's rows), ``error`` (naming it) or ``different``."""
    expected = csv_rows(data)
    scan = ioa.scan_tweets if kind == "tweets" else ioa.scan_users
    columns = ["tweetid", "userid"] if kind == "tweets" else ["userid"]
    try:
        got = scan(path, exact=exact).select(columns).collect()
    except ioa.IOArchiveError as error:
        failure: ioa.IOArchiveError | None = error
    else:
        failure = None
    if failure is not None:
        assert failure.path == str(path)
        return "error"
    if expected is None or not same_rows(got, expected, data, kind):
        return "different"
    return "exact"


def check(path: Path, kind: str, data: bytes) -> str:
    """Read ``path`` as ``kind`` both ways and say how the default scan went.

    ``exact`` or ``error``; or ``validate``: one of the two damages the fast reader cannot see
    (two undoubled quotes in one field; a lone carriage return between fields), read as Polars
    reads them, reported by ``validate`` and rejected by the exact scan. Anything else fails.
    """
    exact = read(path, kind, data, exact=True)
    assert exact in ("exact", "error"), "the exact scan differs from csv"
    outcome = read(path, kind, data, exact=False)
    if outcome == "exact":
        assert exact == "exact", "the exact scan rejects what csv and the fast scan read"
    if outcome == "different":
        report = ioa.validate.validate_file(str(path))
        assert report["ok"] is False, f"a silent difference that validate misses: {report}"
        assert exact == "error"
        return "validate"
    return outcome


def same_rows(got: pl.DataFrame, expected: list[list[str]], data: bytes, kind: str) -> bool:
    if got.height != len(expected):
        return False
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    at = {n: i for i, n in enumerate(header)}
    if got["userid"].to_list() != [r[at["userid"]] or None for r in expected]:
        return False
    if kind == "users":
        return True
    ids = [int(r[at["tweetid"]]) if r[at["tweetid"]] else None for r in expected]
    return bool(got["tweetid"].to_list() == ids)


@settings(
    max_examples=int(os.environ.get("IOARCHIVE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    base=st.sampled_from(BASES),
    how=st.sampled_from(["truncate", "flip", "insert"]),
    offset=st.integers(min_value=0, max_value=1 << 16),
    value=st.integers(min_value=1, max_value=255),
    insert=st.sampled_from(INSERTS),
)
def test_mutated_files_are_read_exactly_or_rejected(
    bases: dict[tuple[str, Era], bytes],
    tmp_path: Path,
    base: tuple[str, Era],
    how: str,
    offset: int,
    value: int,
    insert: bytes,
) -> None:
    data = mutate(bases[base], how, offset, value, insert)
    path = tmp_path / f"fuzz_{base[0]}_csv_hashed.csv"
    path.write_bytes(data)
    check(path, base[0], data)


@pytest.mark.parametrize("base", BASES, ids=lambda b: f"{b[0]}-{b[1].value}")
def test_every_truncation_is_exact_or_rejected(
    bases: dict[tuple[str, Era], bytes], tmp_path: Path, base: tuple[str, Era]
) -> None:
    data = bases[base]
    path = tmp_path / f"fuzz_{base[0]}_csv_hashed.csv"
    outcomes = {"exact": 0, "error": 0}
    line_ends = [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
    for at in sorted({*range(0, len(data) + 1, max(1, len(data) // 150)), *line_ends}):
        path.write_bytes(data[:at])
        outcomes[check(path, base[0], data[:at])] += 1
    assert outcomes["error"] > 0
    assert outcomes["exact"] > 0
    assert pl.Series(list(outcomes.values())).sum() > 100
