"""Helpers for the scan tests: hand-written archive files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ioarchive.schema import USER_COLUMNS


def user_row(i: int, description: str = "bio") -> list[str]:
    return [
        str(1000 + i),
        f"name {i}",
        f"user{i}",
        "Москва",
        description,
        "",
        str(i),
        "7",
        "2014-03-15",
        "en",
    ]


def csv_text(header: list[str] | tuple[str, ...], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_users(path: Path, rows: list[list[str]], *, extra: str = "") -> Path:
    path.write_text(csv_text(USER_COLUMNS, rows) + extra, encoding="utf-8", newline="")
    return path


def tweet_row(columns: tuple[str, ...], tweetid: int, **values: str) -> list[str]:
    base = dict.fromkeys(columns, "")
    defaults = {
        "userid": "42",
        "tweet_time": "2020-03-01 10:05",
        "is_retweet": "False",
        "hashtags": "[]",
        "urls": "[]",
        "user_mentions": "[]",
    }
    base.update({"tweetid": str(tweetid), **defaults, **values})
    return [base[c] for c in columns]
