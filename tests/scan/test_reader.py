"""Scanning: structure quirks, laziness, pushdown and errors, on small hand-written files."""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl
import pytest

import ioarchive as ioa
from ioarchive.schema import (
    TWEET_COLUMNS_2018,
    TWEET_COLUMNS_2019,
    TWEET_COLUMNS_2020,
    USER_COLUMNS,
)
from tests.samples import EngineName
from tests.scan.common import csv_text, tweet_row, user_row, write_users

TRICKY = [
    'line one\nline two "quoted" ""twice""',
    "stray \r carriage return",
    "windows\r\nline end",
    '",",",\n"',
    "",
    "\u200fRTL مرحبا ไทย 😀",
]


@pytest.fixture
def tricky_users(tmp_path: Path) -> Path:
    rows = [user_row(i, TRICKY[i % len(TRICKY)]) for i in range(60)]
    return write_users(tmp_path / "x_users_csv_hashed.csv", rows)


def test_embedded_newlines_and_quotes_keep_every_row(
    tricky_users: Path, engine: EngineName
) -> None:
    lf = ioa.scan_users(tricky_users)
    full = lf.collect(engine=engine)
    assert full.height == 60
    assert lf.select("userid").collect(engine=engine).height == 60
    assert lf.select(pl.len()).collect(engine=engine).item() == 60
    expected = [TRICKY[i % len(TRICKY)] or None for i in range(60)]
    assert full["user_profile_description"].to_list() == expected


def test_predicate_pushdown_returns_the_rows_of_a_full_read(
    tricky_users: Path, engine: EngineName
) -> None:
    lf = ioa.scan_users(tricky_users)
    pushed = lf.filter(pl.col("follower_count") % 7 == 3).select("userid").collect(engine=engine)
    full = lf.collect(engine=engine).filter(pl.col("follower_count") % 7 == 3).select("userid")
    assert (
        pushed["userid"].to_list()
        == full["userid"].to_list()
        == [str(1000 + i) for i in range(3, 60, 7)]
    )
    assert lf.head(5).collect(engine=engine)["userid"].to_list() == [
        str(1000 + i) for i in range(5)
    ]


def test_scan_reads_no_rows(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(0)], extra='"1","too few"\n')
    lf = ioa.scan_users(path)  # the bad row is not read yet
    with pytest.raises(ioa.RaggedRowError):
        lf.collect()


@pytest.mark.parametrize(
    ("extra", "rows"),
    [
        ("\n", 3),
        ("\n\n\n", 3),
        ("", 3),
    ],
)
def test_blank_lines_are_not_rows(tmp_path: Path, extra: str, rows: int) -> None:
    text = csv_text(USER_COLUMNS, [user_row(0), user_row(1)])
    path = tmp_path / "u.csv"
    path.write_text(
        text + "\n" + csv_text(USER_COLUMNS, [user_row(2)]).split("\n", 1)[1] + extra, newline=""
    )
    assert ioa.scan_users(path).collect()["userid"].to_list() == ["1000", "1001", "1002"][:rows]


def test_repeated_header_bom_and_crlf(tmp_path: Path) -> None:
    text = csv_text(USER_COLUMNS, [user_row(0)]) + csv_text(USER_COLUMNS, [user_row(1)])
    path = tmp_path / "u.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace('"\n', '"\r\n').encode())
    users = ioa.scan_users(path).collect()
    assert users["userid"].to_list() == ["1000", "1001"]
    assert users["account_language"].to_list() == ["en", "en"]


def test_unquoted_file_reads_empty_cells_as_null(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text(",".join(USER_COLUMNS) + "\n1,a,b,,,,5,6,2020-01-02,en\n")
    users = ioa.scan_users(path).collect()
    assert users["user_reported_location"].to_list() == [None]
    assert users["user_screen_name"].to_list() == ["b"]
    assert users["follower_count"].to_list() == [5]


def test_camelcase_users_header(tmp_path: Path) -> None:
    camel = [
        "userid",
        "userDisplayName",
        "userScreenName",
        "userReportedLocation",
        "userProfileDescription",
        "userProfileUrl",
        "followerCount",
        "followingCount",
        "accountCreationDate",
        "accountLanguage",
    ]
    path = tmp_path / "CNHU_0621_users.csv"
    path.write_text(csv_text(camel, [user_row(0)]))
    header = ioa.read_header(str(path))
    assert header.era is ioa.Era.USERS_CAMELCASE
    users = ioa.scan_users(path, campaign="CNHU_0621").collect()
    assert users.schema == ioa.USER_SCHEMA
    assert users.row(0, named=True)["user_screen_name"] == "user0"
    assert users.row(0, named=True)["following_count"] == 7
    assert users["campaign"].to_list() == ["CNHU_0621"]


@pytest.mark.parametrize(
    ("columns", "era"),
    [
        (TWEET_COLUMNS_2018, ioa.Era.TWEETS_2018),
        (TWEET_COLUMNS_2019, ioa.Era.TWEETS_2019),
        (TWEET_COLUMNS_2020, ioa.Era.TWEETS_2020),
    ],
)
def test_every_era_reads_into_the_canonical_schema(
    tmp_path: Path, columns: tuple[str, ...], era: ioa.Era
) -> None:
    lists = (
        {"hashtags": "[a, b]", "user_mentions": "[12, 0]"}
        if era is ioa.Era.TWEETS_2018
        else {"hashtags": "['a', \"b'c\"]", "user_mentions": "[12, 'x+y=', 0]"}
    )
    path = tmp_path / "t.csv"
    path.write_text(
        csv_text(
            columns,
            [
                tweet_row(
                    columns,
                    18446744073709551615,
                    in_reply_to_tweetid="7",
                    in_reply_to_userid="8",
                    **lists,
                )
            ],
        )
    )
    assert ioa.read_header(str(path)).era is era
    row = ioa.scan_tweets(path).collect().row(0, named=True)
    assert row["tweetid"] == 18446744073709551615
    assert (row["in_reply_to_tweetid"], row["in_reply_to_userid"]) == (7, "8")
    assert row["poll_choices"] is None
    expected_mentions = ["12", "0"] if era is ioa.Era.TWEETS_2018 else ["12", "x+y=", "0"]
    assert row["user_mentions"] == expected_mentions
    assert row["hashtags"] == (["a", "b"] if era is ioa.Era.TWEETS_2018 else ["a", "b'c"])


def test_parts_are_concatenated_in_part_order(tmp_path: Path) -> None:
    for part in (1, 2, 10):
        text = csv_text(TWEET_COLUMNS_2020, [tweet_row(TWEET_COLUMNS_2020, part)])
        if part == 10:
            with gzip.open(tmp_path / f"c_tweets_csv_hashed_{part}.csv.gz", "wt") as f:
                f.write(text)
        else:
            (tmp_path / f"c_tweets_csv_hashed_{part}.csv").write_text(text)
    lf = ioa.scan_tweets(str(tmp_path / "c_tweets_csv_hashed_*.csv*"), campaign="c")
    assert lf.collect()["tweetid"].to_list() == [1, 2, 10]
    listed = [tmp_path / "c_tweets_csv_hashed_10.csv.gz", tmp_path / "c_tweets_csv_hashed_2.csv"]
    assert ioa.scan_tweets(listed).collect()["tweetid"].to_list() == [2, 10]


def test_a_path_with_pattern_characters_is_read_literally(tmp_path: Path) -> None:
    # "[2021]" in a folder's name is not a character class: the file exists, so it is read
    # (Polars' own glob expansion had found no file and returned no rows, without an error).
    folder = tmp_path / "mirror [2021] *"
    folder.mkdir()
    path = folder / "c_tweets_csv_hashed.csv"
    path.write_text(
        csv_text(TWEET_COLUMNS_2020, [tweet_row(TWEET_COLUMNS_2020, i) for i in (1, 2)])
    )
    assert ioa.scan_tweets(path).collect()["tweetid"].to_list() == [1, 2]
    assert ioa.discover(folder, progress=False).tweets().collect()["tweetid"].to_list() == [1, 2]


def test_missing_source(tmp_path: Path) -> None:
    with pytest.raises(ioa.SourceNotFoundError, match="no such file") as info:
        ioa.scan_tweets(tmp_path / "nope.csv")
    assert isinstance(info.value, FileNotFoundError)
    with pytest.raises(ioa.SourceNotFoundError):
        ioa.scan_tweets(str(tmp_path / "*.csv"))


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [])
    assert ioa.scan_users(path).collect().height == 0


BAD_ROW = user_row(9)


@pytest.mark.parametrize(
    ("tail", "error", "line", "message"),
    [
        ('"1","too","few"\n', ioa.RaggedRowError, 3, "3 fields; expected 10"),
        (
            csv_text(USER_COLUMNS, [[*BAD_ROW, "extra"]]).split("\n", 1)[1],
            ioa.RaggedRowError,
            3,
            "11 fields",
        ),
        (
            '"1","a","b","c","d","e","1","2","2020-01-01","en\n',
            ioa.UnterminatedQuoteError,
            3,
            "never closed",
        ),
        (
            '"1","a","b"c","d","e","1","2","2020-01-01","en"\n',
            ioa.QuotingError,
            3,
            "malformed quoting",
        ),
        (
            '"1","a","b","c","d","e","1x","2","2020-01-01","en"\n',
            ioa.ValueParseError,
            3,
            "'follower_count': cannot parse '1x'",
        ),
        (
            '"1","a","b","c","d","e","1","2","2020-13-01","en"\n',
            ioa.ValueParseError,
            3,
            "account_creation_date",
        ),
        (
            '"1","a","b","c","d\ne","e","1","2.5","2020-01-01","en"\n',
            ioa.ValueParseError,
            3,
            "'2.5'",
        ),
    ],
)
def test_bad_rows_raise_specific_errors(
    tmp_path: Path, tail: str, error: type[Exception], line: int, message: str, engine: EngineName
) -> None:
    path = write_users(tmp_path / "bad_users.csv", [user_row(0)], extra=tail)
    with pytest.raises(error, match=message) as info:
        ioa.scan_users(path).collect(engine=engine)
    assert isinstance(info.value, ioa.IOArchiveError)
    assert isinstance(info.value, ValueError)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ioa.FileFormatError | ioa.ValueParseError)
    assert info.value.line == line


def test_ragged_row_is_found_under_projection_and_predicate(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(0)], extra='"1","too","few"\n')
    with pytest.raises(ioa.RaggedRowError):
        ioa.scan_users(path).select("userid").collect()
    with pytest.raises(ioa.RaggedRowError):
        ioa.scan_users(path).filter(pl.col("userid") == "nobody").collect()


def test_invalid_utf8(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(0), user_row(1)])
    data = path.read_bytes().replace("Москва".encode(), b"\xff\xfe", 1)
    path.write_bytes(data)
    with pytest.raises(ioa.EncodingError, match="0xff") as info:
        ioa.scan_users(path).collect()
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("text", "error", "match"),
    [
        ("", ioa.EmptyFileError, "empty"),
        ("\n\n", ioa.EmptyFileError, "empty"),
        ('"a","b"\n"1","2"\n', ioa.HeaderError, "unexpected columns \\['a', 'b'\\]"),
    ],
)
def test_bad_files_fail_at_scan_time(
    tmp_path: Path, text: str, error: type[Exception], match: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(text)
    with pytest.raises(error, match=match) as info:
        ioa.scan_users(path)
    assert str(path) in str(info.value)


def test_users_file_given_as_tweets_lists_missing_columns(tmp_path: Path) -> None:
    path = write_users(tmp_path / "u.csv", [user_row(0)])
    with pytest.raises(ioa.HeaderError, match="users file") as info:
        ioa.scan_tweets(path)
    assert "tweetid" in info.value.missing
    assert info.value.unexpected == ()


def test_value_error_names_the_column_in_tweets(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        csv_text(
            TWEET_COLUMNS_2020,
            [tweet_row(TWEET_COLUMNS_2020, 1), tweet_row(TWEET_COLUMNS_2020, 2, hashtags="oops")],
        )
    )
    with pytest.raises(ioa.ValueParseError, match="'hashtags': cannot parse 'oops'") as info:
        ioa.scan_tweets(path).collect()
    assert info.value.line == 3
    path.write_text(
        csv_text(TWEET_COLUMNS_2020, [tweet_row(TWEET_COLUMNS_2020, 1, is_retweet="yes")])
    )
    with pytest.raises(ioa.ValueParseError, match="is_retweet"):
        ioa.scan_tweets(path).collect()


def test_a_progress_bar_counts_the_bytes_and_rows_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_users(tmp_path / "x_users_csv_hashed.csv", [user_row(i) for i in range(7)])
    header = ioa.read_header(str(path))
    lf = ioa.scan.scan_headers([header], progress=True)
    assert lf.collect().height == 7
    err = capsys.readouterr().err
    assert "reading" in err
    assert "rows=7" in err
    assert f"{path.stat().st_size}" in err or "B/s" in err or "kB" in err
    quiet = ioa.scan.scan_headers([header])
    assert quiet.collect().height == 7
    assert capsys.readouterr().err == ""
