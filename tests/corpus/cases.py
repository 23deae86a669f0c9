"""The corpus: damaged and awkward inputs, each with what ioarchive must do with it.

Every input is generated here (no hand-edited bytes are kept), from small valid files of the
archive's layouts. Each case says what a scan must give: a number of rows (always also the
number Python's ``csv`` module reads), or an error class with the line it names. The docs page
``docs/corpus.md`` is the table of these cases and what ioarchive did, written by
``docs/scripts/corpus.py``.
"""

from __future__ import annotations

import codecs
import gzip
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ioarchive as ioa
from ioarchive.schema import (
    TWEET_COLUMNS_2018,
    TWEET_COLUMNS_2019,
    TWEET_COLUMNS_2020,
    USER_COLUMNS,
)
from tests.scan.common import csv_text, tweet_row, user_row

ERAS = {"2018": TWEET_COLUMNS_2018, "2019": TWEET_COLUMNS_2019, "2020": TWEET_COLUMNS_2020}
GEO = {"latitude": "absent", "longitude": "absent"}


@dataclass(frozen=True)
class Case:
    """One input and what must happen to it.

    Attributes:
        name: A short identifier.
        group: The defect class or kind of awkwardness.
        what: The input, in words.
        kind: ``"tweets"`` or ``"users"`` (what is scanned), or ``"mirror"`` (discovered).
        build: Writes the input under a folder and returns the path to read.
        rows: The rows a scan must give (and Python's csv reads), or None for an error.
        error: The error class a scan must raise, or None.
        line: The line the error must name, where one is known.
        blind: For the three damages the fast reader cannot see, the error a scan with
            ``exact=True`` raises (``rows`` is then what the default scan reads, and
            ``validate`` must report the file).
        in_part: The rows a query of ``userid`` alone gives, where that differs from reading
            every column: a damage it does not read (a bad cell of another column).
    """

    name: str
    group: str
    what: str
    kind: str
    build: Callable[[Path], Path]
    rows: int | None = None
    error: type[ioa.IOArchiveError] | None = None
    line: int | None = None
    blind: type[ioa.IOArchiveError] | None = None
    in_part: int | None = None


def users_text(n: int = 3) -> str:
    rows = [user_row(i) for i in range(n)]
    return csv_text(USER_COLUMNS, rows)


def tweets_text(era: str, bad: dict[str, str] | None = None, n: int = 4) -> str:
    columns = ERAS[era]
    rows = [tweet_row(columns, i + 1, tweet_text=f"text {i}\nsecond line", **GEO) for i in range(n)]
    if bad:
        rows[2] = [bad.get(c, v) for c, v in zip(columns, rows[2], strict=True)]
    return csv_text(columns, rows)


def writes(name: str, data: str | bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return build


def users(data: str | bytes) -> Callable[[Path], Path]:
    return writes("x_users_csv_hashed.csv", data)


def tweets(data: str | bytes) -> Callable[[Path], Path]:
    return writes("x_tweets_csv_hashed.csv", data)


def lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


U = users_text()
U_LINES = lines(U)


def value_cases() -> list[Case]:
    cells = [
        ("tweetid", "12a"),
        ("tweetid", "18446744073709551616"),
        ("retweet_tweetid", "1.5e18"),
        ("tweet_time", "2020-13-01 10:05"),
        ("tweet_time", "yesterday"),
        ("like_count", "many"),
        ("follower_count", "-"),
        ("account_creation_date", "2020/01/01"),
        ("is_retweet", "yes"),
        ("latitude", "north"),
        ("hashtags", "['Cuba'"),
        ("hashtags", "['Cuba']]"),
        ("user_mentions", "1, 2"),
    ]
    out = []
    for era in ERAS:
        for column, value in cells:
            if era == "2018" and column == "hashtags" and value.endswith("]]"):
                continue  # 2018 lists are bare: any text between the outer brackets
            out.append(
                Case(
                    f"value-{era}-{column}-{value}",
                    "a cell that does not parse",
                    f"{era} tweets, row 3: `{column}` = `{value}`",
                    "tweets",
                    tweets(tweets_text(era, {column: value})),
                    error=ioa.ValueParseError,
                    line=6,
                    in_part=4,
                )
            )
    return out


def structure_cases() -> list[Case]:
    stray = [*U_LINES[:3], '"1","a"b"c"' + ',""' * 8]
    return [
        Case(
            "blank-end",
            "blank lines",
            "a users file ending with a blank line",
            "users",
            users(U + "\n"),
            rows=3,
        ),
        Case(
            "blank-middle",
            "blank lines",
            "blank lines between rows",
            "users",
            users("\n".join([U_LINES[0], U_LINES[1], "", "", U_LINES[2], U_LINES[3]]) + "\n"),
            rows=3,
        ),
        Case(
            "empty-fields-row",
            "blank lines",
            "a row of quoted empty fields",
            "users",
            users(U + ",".join(['""'] * 10) + "\n"),
            rows=4,
        ),
        Case(
            "comma-row",
            "blank lines",
            "a row of bare commas (ten empty fields)",
            "users",
            users(U + "," * 9 + "\n"),
            rows=4,
        ),
        Case(
            "repeated-header",
            "repeated headers",
            "the header repeated inside the file",
            "users",
            users(U + U_LINES[0] + "\n" + U_LINES[1] + "\n"),
            rows=4,
        ),
        Case(
            "header-like-row",
            "repeated headers",
            "a row whose first and last cells are column names",
            "users",
            users(U + '"userid","a","b","c","d","e","1","2","2014-03-15","account_language"\n'),
            rows=4,
        ),
        Case(
            "trailing-comma",
            "malformed CSV",
            "a row with a trailing comma (read with its values in place; validate reports it)",
            "users",
            users("\n".join([*U_LINES[:3], U_LINES[3] + ","]) + "\n"),
            rows=3,
            blind=ioa.RaggedRowError,
        ),
        Case(
            "extra-field-inside",
            "malformed CSV",
            "a row with an extra field before its last (every later value moved by one)",
            "users",
            users("\n".join([*U_LINES[:3], U_LINES[3].replace('","', '","x","', 2)]) + "\n"),
            error=ioa.RaggedRowError,
            line=4,
        ),
        Case(
            "extra-field",
            "malformed CSV",
            "a row with one field too many",
            "users",
            users("\n".join([*U_LINES[:2], U_LINES[2] + ',"x"', U_LINES[3]]) + "\n"),
            error=ioa.RaggedRowError,
            line=3,
        ),
        Case(
            "short-row",
            "malformed CSV",
            "a row with one field too few",
            "users",
            users("\n".join([*U_LINES[:3], U_LINES[3].rsplit(",", 1)[0]]) + "\n"),
            error=ioa.RaggedRowError,
            line=4,
        ),
        Case(
            "short-row-unquoted",
            "malformed CSV",
            "a short row in a file without quotes",
            "users",
            users(U.replace('"', "").rsplit(",", 1)[0] + "\n"),
            error=ioa.RaggedRowError,
            line=4,
        ),
        Case(
            "trailing-comma-unquoted",
            "malformed CSV",
            "a trailing comma in a file without quotes",
            "users",
            users(U.replace('"', "").rstrip("\n") + ",\n"),
            error=ioa.RaggedRowError,
            line=4,
        ),
        Case(
            "stray-quote",
            "malformed CSV",
            "one undoubled quote inside a quoted field",
            "users",
            users("\n".join([*U_LINES[:3], '"1","a"b"' + ',""' * 8]) + "\n"),
            error=ioa.QuotingError,
            line=4,
        ),
        Case(
            "two-stray-quotes",
            "malformed CSV",
            "two undoubled quotes in one field (read as Polars reads it; validate reports it)",
            "users",
            users("\n".join(stray) + "\n"),
            rows=3,
            blind=ioa.QuotingError,
        ),
        Case(
            "cr-between-fields",
            "malformed CSV",
            "a lone CR between two fields (read as Polars reads it; validate reports it)",
            "users",
            users("\n".join([*U_LINES[:3], U_LINES[3].replace(",", "\r,", 1)]) + "\n"),
            rows=3,
            blind=ioa.RaggedRowError,
        ),
        Case(
            "unterminated",
            "malformed CSV",
            "a quoted field never closed (a truncated file)",
            "users",
            users(U + '"9","never closed\n'),
            error=ioa.UnterminatedQuoteError,
            line=5,
        ),
        Case(
            "truncated-mid-row",
            "malformed CSV",
            "a file cut in the middle of a row",
            "users",
            users(U[: len(U) - 12]),
            error=ioa.UnterminatedQuoteError,
            line=4,
        ),
        Case(
            "truncated-at-row-end",
            "malformed CSV",
            "a file cut after a closing quote",
            "users",
            users(U.rstrip("\n")),
            rows=3,
        ),
        Case(
            "mixed-quoting",
            "valid variants",
            "quoted header, minimally quoted rows",
            "users",
            users(U_LINES[0] + "\n" + U_LINES[1].replace('"', "") + "\n" + U_LINES[2] + "\n"),
            rows=2,
        ),
        Case(
            "unquoted",
            "valid variants",
            "no field quoted (a re-saved file)",
            "users",
            users(U.replace('"', "")),
            rows=3,
        ),
        Case(
            "doubled-quotes",
            "valid variants",
            "doubled quotes and commas inside fields",
            "users",
            users(csv_text(USER_COLUMNS, [user_row(0, 'a ""b"", c'), user_row(1)])),
            rows=2,
        ),
        Case(
            "multiline",
            "valid variants",
            "newlines and CR LF inside quoted fields",
            "users",
            users(csv_text(USER_COLUMNS, [user_row(0, "a\nb\r\nc\rd"), user_row(1)])),
            rows=2,
        ),
        Case(
            "long-field",
            "valid variants",
            "a field of 200,000 characters",
            "users",
            users(csv_text(USER_COLUMNS, [user_row(0, "x" * 200_000), user_row(1)]) + "\n"),
            rows=2,
        ),
        Case(
            "nul-in-field",
            "valid variants",
            "a NUL character inside a field",
            "users",
            users(csv_text(USER_COLUMNS, [user_row(0, "a\x00b"), user_row(1)])),
            rows=2,
        ),
    ]


def encoding_cases() -> list[Case]:
    latin = csv_text(USER_COLUMNS, [user_row(0, "café"), user_row(1)]).encode("latin-1", "replace")
    return [
        Case(
            "latin-1",
            "encodings",
            "Latin-1 bytes (é as 0xe9)",
            "users",
            users(latin),
            error=ioa.EncodingError,
            line=2,
        ),
        Case(
            "utf-16",
            "encodings",
            "UTF-16 with a byte-order mark",
            "users",
            users(U.encode("utf-16")),
            error=ioa.EncodingError,
            line=1,
        ),
        Case(
            "utf-16-le",
            "encodings",
            "UTF-16 LE without a mark",
            "users",
            users(U.encode("utf-16-le")),
            error=ioa.HeaderError,
            line=1,
        ),
        Case(
            "bom",
            "encodings",
            "a UTF-8 byte-order mark",
            "users",
            users(codecs.BOM_UTF8 + U.encode()),
            rows=3,
        ),
        Case(
            "surrogate",
            "encodings",
            "an encoded surrogate (CESU-8 bytes)",
            "users",
            users(U.encode().replace("Москва".encode(), b"\xed\xa0\x80", 1)),
            error=ioa.EncodingError,
            line=2,
        ),
        Case(
            "cut-multibyte",
            "encodings",
            "a file cut inside a UTF-8 character (in a field)",
            "users",
            users(U.encode()[: U.encode().index("Москва".encode()) + 1]),
            error=ioa.UnterminatedQuoteError,
            line=2,
        ),
        Case(
            "overlong",
            "encodings",
            "an overlong UTF-8 sequence",
            "users",
            users(U.encode().replace(b"bio", b"b\xc0\xafo", 1)),
            error=ioa.EncodingError,
            line=2,
        ),
    ]


def line_end_cases() -> list[Case]:
    return [
        Case(
            "crlf", "line ends", "CR LF line ends", "users", users(U.replace("\n", "\r\n")), rows=3
        ),
        Case(
            "lone-cr",
            "line ends",
            "lone CR line ends (old Mac)",
            "users",
            users(U.replace("\n", "\r")),
            rows=3,
        ),
        Case(
            "mixed-lf-crlf",
            "line ends",
            "LF and CR LF mixed",
            "users",
            users(U_LINES[0] + "\r\n" + U_LINES[1] + "\n" + U_LINES[2] + "\r\n"),
            rows=2,
        ),
        Case(
            "no-final-newline",
            "line ends",
            "no line end after the last row",
            "users",
            users(U.rstrip("\n")),
            rows=3,
        ),
    ]


def header_cases() -> list[Case]:
    camel = U.replace("account_language", "accountLanguage").replace(
        "follower_count", "followerCount"
    )
    return [
        Case(
            "empty",
            "empty and header-only",
            "an empty file",
            "users",
            users(b""),
            error=ioa.EmptyFileError,
            line=1,
        ),
        Case(
            "blank-first-line",
            "empty and header-only",
            "a file starting with a blank line",
            "users",
            users("\n" + U),
            error=ioa.EmptyFileError,
            line=1,
        ),
        Case(
            "header-only",
            "empty and header-only",
            "a header and no rows",
            "users",
            users(U_LINES[0] + "\n"),
            rows=0,
        ),
        Case(
            "header-only-no-newline",
            "empty and header-only",
            "a header without a line end",
            "users",
            users(U_LINES[0]),
            rows=0,
        ),
        Case(
            "cut-header",
            "empty and header-only",
            "a file cut inside its header",
            "users",
            users(U_LINES[0][:40]),
            error=ioa.HeaderError,
            line=1,
        ),
        Case(
            "users-as-tweets",
            "headers",
            "a users file read as tweets",
            "tweets",
            tweets(U),
            error=ioa.HeaderError,
            line=1,
        ),
        Case(
            "tweets-as-users",
            "headers",
            "a tweets file read as users",
            "users",
            users(tweets_text("2020")),
            error=ioa.HeaderError,
            line=1,
        ),
        Case(
            "camelcase",
            "headers",
            "camelCase user columns (Dec 2021)",
            "users",
            users(camel),
            rows=3,
        ),
        Case(
            "duplicated-column",
            "headers",
            "a column named twice",
            "users",
            users(U.replace('"user_profile_url"', '"user_screen_name"', 1)),
            error=ioa.HeaderError,
            line=1,
        ),
        Case(
            "extra-column",
            "headers",
            "an unknown extra column",
            "users",
            users(U.replace('"account_language"', '"account_language","x"', 1)),
            error=ioa.HeaderError,
            line=1,
        ),
        Case(
            "reordered",
            "headers",
            "columns in another order (matched by name)",
            "users",
            users(csv_text(list(reversed(USER_COLUMNS)), [user_row(0)[::-1]])),
            rows=1,
        ),
        *[
            Case(
                f"era-{era}",
                "headers",
                f"a {era} tweets file",
                "tweets",
                tweets(tweets_text(era)),
                rows=4,
            )
            for era in ERAS
        ],
    ]


def poll_cases() -> list[Case]:
    cells = ["['Yes', 'No']", "Yes|No", "Yes, No", "free text", "['unbalanced'", "[]"]
    return [
        Case(
            f"poll-{cell}",
            "poll choices",
            f"`poll_choices` = `{cell}`",
            "tweets",
            tweets(tweets_text("2019", {"poll_choices": cell})),
            rows=4,
        )
        for cell in cells
    ]


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zipped(members: dict[str, bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "x_users_csv_hashed.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return path

    return build


def compression_cases() -> list[Case]:
    good = gz(U.encode())
    return [
        Case(
            "gzip",
            "compression",
            "a gzipped users file",
            "users",
            writes("x_users_csv_hashed.csv.gz", good),
            rows=3,
        ),
        Case(
            "gzip-truncated",
            "compression",
            "a gzip file cut in half",
            "users",
            writes("x_users_csv_hashed.csv.gz", good[: len(good) // 2]),
            error=ioa.IOArchiveError,
        ),
        Case(
            "gzip-corrupt",
            "compression",
            "a gzip file with a flipped byte",
            "users",
            writes("x_users_csv_hashed.csv.gz", good[:20] + bytes([good[20] ^ 0xFF]) + good[21:]),
            error=ioa.IOArchiveError,
        ),
        Case(
            "gzip-not-gzip",
            "compression",
            "plain text named .gz",
            "users",
            writes("x_users_csv_hashed.csv.gz", U.encode()),
            error=ioa.IOArchiveError,
        ),
        Case(
            "zip-member",
            "mirrors",
            "a users file inside a zip",
            "mirror",
            zipped({"x_users_csv_hashed.csv": U.encode()}),
            rows=3,
        ),
        Case(
            "zip-absolute-member",
            "mirrors",
            "a zip member with an absolute name",
            "mirror",
            zipped({"/abs/x_users_csv_hashed.csv": U.encode()}),
            rows=3,
        ),
        Case(
            "zip-traversal",
            "mirrors",
            "a zip member named ../../x (path traversal)",
            "mirror",
            zipped({"../../x_users_csv_hashed.csv": U.encode()}),
            rows=3,
        ),
        Case(
            "zip-empty-member",
            "mirrors",
            "an empty users file inside a zip",
            "mirror",
            zipped({"x_users_csv_hashed.csv": b""}),
            error=ioa.EmptyFileError,
        ),
        Case(
            "zip-truncated",
            "mirrors",
            "a zip file cut in half",
            "mirror",
            lambda folder: cut(zipped({"x_users_csv_hashed.csv": U.encode() * 50})(folder)),
            error=ioa.IOArchiveError,
        ),
    ]


def cut(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def mirror_cases() -> list[Case]:
    def folder_named_like_data(folder: Path) -> Path:
        (folder / "m" / "x_tweets_csv_hashed.csv").mkdir(parents=True)
        (folder / "m" / "x_users_csv_hashed.csv").write_text(U)
        return folder / "m"

    def symlink_loop(folder: Path) -> Path:
        root = folder / "m"
        (root / "sub").mkdir(parents=True)
        (root / "x_users_csv_hashed.csv").write_text(U)
        (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
        return root

    return [
        Case(
            "folder-named-like-data",
            "mirrors",
            "a folder named like a tweets file",
            "mirror",
            folder_named_like_data,
            rows=3,
        ),
        Case(
            "symlink-loop",
            "mirrors",
            "a symbolic link looping back to the mirror",
            "mirror",
            symlink_loop,
            rows=3,
        ),
    ]


CASES: list[Case] = [
    *value_cases(),
    *structure_cases(),
    *encoding_cases(),
    *line_end_cases(),
    *header_cases(),
    *poll_cases(),
    *compression_cases(),
    *mirror_cases(),
]
"""Every case of the corpus."""


def run(
    case: Case, folder: Path, *, exact: bool = False, columns: list[str] | None = None
) -> tuple[int | None, ioa.IOArchiveError | None]:
    """Build a case's input under ``folder`` and read it: ``(rows, None)`` or ``(None, error)``.

    ``exact``: read with the exact reader only (``scan_users(..., exact=True)``); ``columns``:
    read only these (default: every column).
    """
    path = case.build(folder)
    try:
        if case.kind == "mirror":
            catalog = ioa.discover(path, progress=False, cache_dir=folder / "cache")
            lf = catalog.users(exact=exact)
        else:
            scan = ioa.scan_tweets if case.kind == "tweets" else ioa.scan_users
            lf = scan(path, exact=exact)
        return (lf if columns is None else lf.select(columns)).collect().height, None
    except ioa.IOArchiveError as error:
        return None, error
