"""Damaged and awkward files: every problem named at its line and column, nothing silent."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from ioarchive._records import count_records
from ioarchive.scan._exact import read_exact
from ioarchive.scan.header import Header
from ioarchive.schema import TWEET_COLUMNS_2019, TWEET_COLUMNS_2020, USER_COLUMNS
from tests.samples import EngineName
from tests.scan.common import csv_text, tweet_row, user_row, write_users

GEO = {"latitude": "absent", "longitude": "absent"}


def tweets_file(
    path: Path, bad: dict[str, str], columns: tuple[str, ...] = TWEET_COLUMNS_2020
) -> Path:
    rows = [
        tweet_row(columns, 1, tweet_text="two\nlines", **GEO),
        tweet_row(columns, 2, **GEO),
        [bad.get(c, v) for c, v in zip(columns, tweet_row(columns, 3, **GEO), strict=True)],
        tweet_row(columns, 4, **GEO),
    ]
    path.write_text(csv_text(columns, rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("tweetid", "12a"),
        ("tweetid", "18446744073709551616"),
        ("retweet_tweetid", "-5"),
        ("tweet_time", "2020-13-01 10:05"),
        ("like_count", "many"),
        ("hashtags", "['Cuba'"),
        ("hashtags", "['Cuba']]"),
        ("is_retweet", "yes"),
        ("account_creation_date", "2020/01/01"),
        ("latitude", "north"),
    ],
)
@pytest.mark.parametrize("columns", [TWEET_COLUMNS_2019, TWEET_COLUMNS_2020])
def test_a_bad_cell_is_named_at_its_line_and_column(
    tmp_path: Path, column: str, value: str, columns: tuple[str, ...], engine: EngineName
) -> None:
    path = tweets_file(tmp_path / "t_tweets_csv_hashed.csv", {column: value}, columns)
    with pytest.raises(ioa.ValueParseError) as info:
        ioa.scan_tweets(path).collect(engine=engine)
    assert (info.value.line, info.value.column, info.value.value) == (5, column, value)
    assert info.value.path == str(path)


def test_a_bad_cell_outside_the_query_does_not_fail_it(tmp_path: Path) -> None:
    path = tweets_file(tmp_path / "t.csv", {"like_count": "many"})
    assert ioa.scan_tweets(path).select("tweetid").collect()["tweetid"].to_list() == [1, 2, 3, 4]


def test_only_a_whole_header_line_is_a_repeated_header(tmp_path: Path) -> None:
    looks_like_header = ["userid", *user_row(1)[1:-1], "account_language"]
    rows = [user_row(0), list(USER_COLUMNS), looks_like_header, user_row(2)]
    path = write_users(tmp_path / "u.csv", rows)
    users = ioa.read_users(path)
    assert users["userid"].to_list() == ["1000", "userid", "1002"]


def test_a_row_of_empty_fields_is_a_row_and_a_blank_line_is_not(tmp_path: Path) -> None:
    empty = [""] * len(USER_COLUMNS)
    text = csv_text(USER_COLUMNS, [user_row(0), empty]) + "\n" + ",".join([""] * 10) + "\n"
    path = tmp_path / "u.csv"
    path.write_text(text)
    users = ioa.read_users(path)
    assert users.height == 3 == count_records(str(path)).rows
    assert users["userid"].to_list() == ["1000", None, None]


@pytest.mark.parametrize(
    ("row", "error", "line"),
    [
        ('"1","a"b"c","x"', ioa.QuotingError, 3),
        ('"1","x","y",', ioa.RaggedRowError, 3),
        ('"1","x"', ioa.RaggedRowError, 3),
        ('"1","open', ioa.UnterminatedQuoteError, 3),
    ],
)
def test_malformed_csv_is_an_error_with_its_line(
    tmp_path: Path, row: str, error: type[ioa.IOArchiveError], line: int
) -> None:
    header = ",".join(f'"{c}"' for c in USER_COLUMNS[:3])
    good = ",".join(f'"{v}"' for v in ("9", "a", "b"))
    path = tmp_path / "u.csv"
    path.write_text(f"{header}\n{good}\n{row}\n")
    # A users file with three columns is no archive header: read it with the exact reader.
    head = Header(str(path), tuple(USER_COLUMNS[:3]), True, ioa.Era.USERS)
    rows = read_exact(head, columns=["userid"], check=["userid"], campaign=None)
    with pytest.raises(error) as info:
        list(rows)
    assert info.value.line == line


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (lambda rows: [*rows[:-1], rows[-1] + ',"x"'], ioa.RaggedRowError),
        (lambda rows: [*rows[:-1], rows[-1] + ',"x","y"'], ioa.RaggedRowError),
        (lambda rows: [*rows[:-1], rows[-1].rsplit(",", 1)[0]], ioa.RaggedRowError),
    ],
)
def test_malformed_rows_in_real_layout_raise(
    tmp_path: Path, damage: object, error: type[ioa.IOArchiveError]
) -> None:
    text = csv_text(USER_COLUMNS, [user_row(i) for i in range(3)])
    lines = text.rstrip("\n").split("\n")
    lines = damage(lines)  # type: ignore[operator]
    path = tmp_path / "u.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(error) as info:
        ioa.read_users(path)
    assert info.value.line == 4
    assert info.value.path == str(path)


def test_a_trailing_comma_is_read_by_the_fast_reader_and_found_by_the_exact_one(
    tmp_path: Path,
) -> None:
    # Its values are all in place; the fast reader reads one field past the header's last
    # and sees it empty. (Reading it as an error cost a Polars parse error mid-file.)
    text = csv_text(USER_COLUMNS, [user_row(i) for i in range(3)])
    path = tmp_path / "u.csv"
    path.write_text(text.rstrip("\n") + ",\n")
    assert ioa.read_users(path)["userid"].to_list() == ["1000", "1001", "1002"]
    with pytest.raises(ioa.RaggedRowError) as info:
        ioa.read_users(path, exact=True)
    assert info.value.line == 4


def test_unquoted_file_short_row_and_trailing_comma(tmp_path: Path) -> None:
    header = ",".join(USER_COLUMNS)
    row = ",".join(user_row(0))
    path = tmp_path / "u.csv"
    path.write_text(f"{header}\n{row}\n{row.rsplit(',', 1)[0]}\n")
    with pytest.raises(ioa.RaggedRowError) as info:
        ioa.read_users(path)
    assert info.value.line == 3
    path.write_text(f"{header}\n{row}\n{row},\n")
    with pytest.raises(ioa.RaggedRowError):
        ioa.read_users(path)


def test_mixed_quoting_is_read(tmp_path: Path) -> None:
    header = ",".join(f'"{c}"' for c in USER_COLUMNS)
    minimal = io.StringIO()
    csv.writer(minimal, lineterminator="\n").writerow(user_row(1, 'a "quoted", bio'))
    path = tmp_path / "u.csv"
    path.write_text(csv_text(USER_COLUMNS, [user_row(0)]) + minimal.getvalue())
    assert header in path.read_text()
    users = ioa.read_users(path)
    assert users["user_profile_description"].to_list() == ["bio", 'a "quoted", bio']


def test_fields_longer_than_the_csv_default_limit(tmp_path: Path) -> None:
    long = "x" * 200_000
    path = write_users(tmp_path / "u.csv", [user_row(0), user_row(1, long)], extra="\n")
    users = ioa.read_users(path)  # the blank line at the end hands over to the exact reader
    assert users["user_profile_description"].str.len_chars().to_list() == [3, 200_000]
    report = ioa.validate.validate_file(str(path))
    assert report["ok"] is True, report["problems"]


@pytest.mark.parametrize(
    ("cell", "choices"),
    [
        ("", None),
        ("[]", []),
        ("['Yes', 'No']", ["Yes", "No"]),
        ("[Yes, No]", ["Yes", "No"]),
        ("Yes|No|Maybe", ["Yes", "No", "Maybe"]),
        ("Yes, No", ["Yes", "No"]),
        ("Only one", ["Only one"]),
        ("['unbalanced'", ["['unbalanced'"]),
    ],
)
def test_poll_choices_never_stop_a_scan(
    tmp_path: Path, cell: str, choices: list[str] | None
) -> None:
    path = tweets_file(tmp_path / "t.csv", {"poll_choices": cell}, TWEET_COLUMNS_2019)
    got = ioa.read_tweets(path)["poll_choices"].to_list()
    assert got[2] == choices


def test_lone_carriage_return_line_ends(tmp_path: Path) -> None:
    text = csv_text(USER_COLUMNS, [user_row(0), user_row(1, "multi\nline")]).replace("\n", "\r")
    text = text.replace("multi\rline", "multi\nline")
    path = tmp_path / "u.csv"
    path.write_bytes(text.encode())
    users = ioa.read_users(path)
    assert users["user_profile_description"].to_list() == ["bio", "multi\nline"]


def test_a_lone_carriage_return_before_a_row_is_a_line_end(tmp_path: Path) -> None:
    """``\n\r`` before a row: csv reads a line end and a blank line; Polars, a first cell that
    starts with the CR (found by the fuzzer: the users file's userid came out as ``\r"1"``)."""
    text = csv_text(USER_COLUMNS, [user_row(0), user_row(1), user_row(2)])
    lines = text.split("\n")
    lines[2] = "\r" + lines[2]
    path = tmp_path / "u_users_csv_hashed.csv"
    path.write_bytes("\n".join(lines).encode())
    with path.open(newline="") as f:
        expected = [r[0] for r in list(csv.reader(f))[1:] if r]
    got = ioa.read_users(path)["userid"].to_list()
    assert got == expected
    assert len(got) == 3
    assert not got[1].startswith("\r")


def damaged_users(tmp_path: Path) -> Path:
    rows = [user_row(i) for i in range(8)]
    rows[2][6] = "many"  # follower_count
    rows[5][8] = "yesterday"  # account_creation_date
    text = csv_text(USER_COLUMNS, rows).split("\n")
    text[5] = text[5] + ',"surplus"'  # row 4 (line 6) has a field too many
    path = tmp_path / "x_users_csv_hashed.csv"
    path.write_text("\n".join(text))
    return path


def test_skip_mode_reads_the_rest_and_says_how_many(tmp_path: Path) -> None:
    path = damaged_users(tmp_path)
    with pytest.warns(ioa.BadRowsWarning, match="3 bad rows skipped"):
        users = ioa.scan_users(path, on_bad_rows="skip").select("userid").collect()
    assert users["userid"].to_list() == ["1000", "1001", "1003", "1006", "1007"]
    bad = ioa.bad_rows(path).collect()
    assert bad["line"].to_list() == [4, 6, 7]
    assert bad["column"].to_list() == ["follower_count", None, "account_creation_date"]
    assert "surplus" in bad["raw"][1]
    count = count_records(str(path))
    assert users.height + bad.height == count.rows + len(count.errors)


def test_skip_mode_does_not_depend_on_the_query(tmp_path: Path) -> None:
    path = damaged_users(tmp_path)
    with pytest.warns(ioa.BadRowsWarning):
        narrow = ioa.scan_users(path, on_bad_rows="skip").select(pl.len()).collect().item()
    with pytest.warns(ioa.BadRowsWarning):
        wide = ioa.read_users(path, on_bad_rows="skip").height
    assert narrow == wide == 5


def test_on_bad_rows_is_checked(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(0)])
    with pytest.raises(ValueError, match="on_bad_rows"):
        ioa.scan_users(path, on_bad_rows="ignore")  # type: ignore[arg-type]


def test_validate_lists_each_bad_row_and_matches_the_scan(tmp_path: Path) -> None:
    path = damaged_users(tmp_path)
    report = ioa.validate.validate_file(str(path))
    assert report["ok"] is False
    assert report["bad_rows"] == 3
    assert report["rows"] == 5
    assert [p.split(":", 1)[0] for p in report["problems"]] == ["line 4", "line 6", "line 7"]


def test_two_stray_quotes_in_one_field_are_found_by_validate(tmp_path: Path) -> None:
    # The one malformation the fast reader cannot see: Polars reads "a"b"c" as abc, with the
    # same rows. validate, which reads every file with strict csv too, names its line.
    text = csv_text(USER_COLUMNS, [user_row(i) for i in range(3)]).rstrip("\n").split("\n")
    text[3] = '"1","a"b"c"' + ',""' * 8
    path = tmp_path / "u.csv"
    path.write_text("\n".join(text) + "\n")
    assert ioa.read_users(path).height == 3
    report = ioa.validate.validate_file(str(path))
    assert report["ok"] is False
    assert report["problems"][0].startswith("line 4: Python's csv module cannot read this row")
    assert report["bad_rows"] == 0


def test_blank_lines_at_the_end_need_no_second_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(i) for i in range(5)], extra="\n\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the exact reader ran")

    monkeypatch.setattr("ioarchive.scan._file.read_exact", refuse)
    assert ioa.read_users(path).height == 5


def test_a_row_of_commas_at_the_end_is_still_a_row(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(i) for i in range(2)], extra="," * 9 + "\n")
    users = ioa.read_users(path)
    assert users.height == 3
    assert users["userid"].to_list() == ["1000", "1001", None]


def test_repeated_headers_stay_on_the_fast_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = csv_text(
        TWEET_COLUMNS_2020, [tweet_row(TWEET_COLUMNS_2020, i + 1, **GEO) for i in range(3)]
    )
    path = tmp_path / "t.csv"
    path.write_text(part + part + part)  # three parts concatenated, each with its header

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the exact reader ran")

    monkeypatch.setattr("ioarchive.scan._file.read_exact", refuse)
    got = ioa.scan_tweets(path).select("tweetid").collect()["tweetid"].to_list()
    assert got == [1, 2, 3] * 3


def _big_users(path: Path, damaged: bytes, *, at: int = 10, rows: int = 300_000) -> Path:
    """A users file large enough for Polars to read it in many chunks, one row damaged."""
    lines = [csv_text(USER_COLUMNS, []).rstrip("\n").encode()]
    for i in range(rows):
        row = f'"{1000 + i}","n","u{i}","loc","bio","","{i}","7","2014-03-15","en"'.encode()
        lines.append(damaged.replace(b"ROW", row) if i == at else row)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize(
    ("damaged", "error"),
    [
        (b'ROW,"x"', ioa.RaggedRowError),  # a field too many
        (b'"1010","n","u10","l\xffc","bio","","10","7","2014-03-15","en"', ioa.EncodingError),
        (b'"1010","n","u10","loc","bio","","many","7","2014-03-15","en"', ioa.ValueParseError),
    ],
    ids=["ragged", "utf-8", "cell"],
)
def test_damage_early_in_a_large_file_is_an_error_not_other_rows(
    tmp_path: Path, damaged: bytes, error: type[ioa.IOArchiveError]
) -> None:
    # When a chunk failed, Polars' streaming engine passed on later chunks first (numbered
    # as if the failed one were not there), and the scan returned other rows without error.
    path = _big_users(tmp_path / "x_users_csv_hashed.csv", damaged)
    with pytest.raises(error) as info:
        ioa.read_users(path)
    assert info.value.line == 12


def test_skipping_damage_early_in_a_large_file_keeps_every_other_row(tmp_path: Path) -> None:
    path = _big_users(tmp_path / "x_users_csv_hashed.csv", b'ROW,"x"')
    with pytest.warns(ioa.scan.BadRowsWarning):
        ids = ioa.read_users(path, on_bad_rows="skip")["userid"].cast(pl.Int64)
    assert ids.to_list() == [1000 + i for i in range(300_000) if i != 10]


def test_a_filter_read_by_the_exact_reader(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(0), user_row(1)])
    text = path.read_text()
    path.write_text(text.replace("\n", "\n\n", 2).replace("\n\n", "\n", 1))  # a blank line
    for exact in (False, True):
        got = ioa.scan_users(path, exact=exact).filter(pl.col("follower_count") >= 0)
        assert got.collect()["userid"].to_list() == ["1000", "1001"]


def test_a_query_of_constant_columns_has_every_row(tmp_path: Path) -> None:
    # Through the exact reader (a blank line after the first row), a select of literals only
    # (campaign, a column the era lacks) gave one row per batch.
    rows = [user_row(i) for i in range(5)]
    text = csv_text(USER_COLUMNS, rows).split("\n")
    path = tmp_path / "u.csv"
    path.write_text("\n".join([*text[:2], "", *text[2:]]))
    for exact in (False, True):
        lf = ioa.scan_users(path, campaign="demo", exact=exact)
        assert lf.select("campaign").collect().height == 5
        assert lf.group_by("campaign").len().collect().rows() == [("demo", 5)]


def test_a_repeated_header_with_a_field_too_many_is_a_ragged_row(tmp_path: Path) -> None:
    header = csv_text(USER_COLUMNS, []).rstrip("\n")
    rows = csv_text(USER_COLUMNS, [user_row(0), user_row(1)]).split("\n")[1:3]
    path = tmp_path / "u.csv"
    path.write_text("\n".join([header, rows[0], header + ',"surplus"', rows[1]]) + "\n")
    for query in (ioa.scan_users(path), ioa.scan_users(path).select("userid")):
        with pytest.raises(ioa.RaggedRowError) as info:
            query.collect()
        assert info.value.line == 3
