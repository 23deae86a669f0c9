"""A plain-Python reading of synthetic files, independent of ioarchive.parse, and shared cases.

The truth is checked twice: against ioarchive's own scanner, and against this reading of the
bytes (the ``csv`` module and the canonical rules written out by hand here).
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import datetime as dt
import gzip
import io
import re
from pathlib import Path
from typing import Any

from ioarchive.schema import (
    TWEET_COLUMNS_2018,
    TWEET_COLUMNS_2019,
    TWEET_COLUMNS_2020,
    USER_COLUMN_ALIASES,
    USER_COLUMNS,
    Era,
)
from ioarchive.synthetic import FileQuirks

HEX64 = re.compile(r"^[0-9a-f]{64}$")
BASE64 = re.compile(r"^[A-Za-z0-9+]{39,43}=$")
ERAS = [Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020]
COLUMNS = {
    Era.TWEETS_2018: TWEET_COLUMNS_2018,
    Era.TWEETS_2019: TWEET_COLUMNS_2019,
    Era.TWEETS_2020: TWEET_COLUMNS_2020,
}

# Options of write_campaign, each with one quirk (file-level ones in FileQuirks).
QUIRKS: list[dict[str, Any]] = [
    {},
    {"quirks": FileQuirks(bom=True)},
    {"quirks": FileQuirks(repeated_header=True, parts=3)},
    {"quirks": FileQuirks(trailing_blank_line=True)},
    {"quirks": FileQuirks(camelcase_users=True)},
    {"quirks": FileQuirks(gzip=True, parts=2)},
    {"quirks": FileQuirks(part_style="year", repeated_header=True), "days": 900},
    {"quirks": FileQuirks(part_style="half"), "days": 900},
    {"quirks": FileQuirks(part_style="_partN", parts=3)},
    {"quirks": FileQuirks(part_style="_0N", parts=11)},
    {"quirks": FileQuirks(bool_spelling=("1", "0"))},
    {"quirks": FileQuirks(bool_spelling=("True", "False"))},
    {"quirks": FileQuirks(hash_all=True)},
    {"hashed": False},
    {"bursty_accounts": 2},
    {"n_tweets": 0},
    {"n_tweets": 1, "quirks": FileQuirks(repeated_header=True)},
]


def case_id(value: object) -> str:
    """A short test id: options, with only the quirks that differ from the defaults."""
    if isinstance(value, FileQuirks):
        default = FileQuirks()
        changed = [
            f"{f.name}={getattr(value, f.name)!r}"
            for f in dataclasses.fields(value)
            if getattr(value, f.name) != getattr(default, f.name)
        ]
        return f"FileQuirks({', '.join(changed)})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {case_id(v)}" for k, v in value.items()) + "}"
    return str(value)


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def csv_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows as Python's csv module reads them (blank lines, repeats dropped)."""
    rows = list(csv.reader(io.StringIO(read_text(path).removeprefix("\ufeff"), newline="")))
    return rows[0], [r for r in rows[1:] if r and r != rows[0]]


# A plain-Python statement of the canonical meaning, independent of ioarchive.parse.
BOOLS = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}


def _int(cell: str) -> int | None:
    return int(cell.removesuffix(".0")) if cell else None


def _list(cell: str, era: Era) -> list[str] | None:
    if not cell:
        return None
    if era is Era.TWEETS_2018:
        return cell[1:-1].split(", ") if cell != "[]" else []
    return [str(x) for x in ast.literal_eval(cell)]


def _geo(lat: str, lon: str) -> tuple[float | None, float | None, bool | None]:
    if not lat:
        return None, None, None
    if lat in ("present", "absent"):
        return None, None, lat == "present"
    return float(lat), float(lon), True


def _profile(cells: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {c: cells[c] or None for c in USER_COLUMNS}
    out["follower_count"] = _int(cells["follower_count"])
    out["following_count"] = _int(cells["following_count"])
    out["account_creation_date"] = dt.date.fromisoformat(cells["account_creation_date"])
    return out


def plain_tweets(paths: tuple[Path, ...], era: Era, campaign: str) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        header, body = csv_table(path)
        for raw in body:
            c = dict(zip(header, raw, strict=True))
            row: dict[str, Any] = {"campaign": campaign, "tweetid": int(c["tweetid"])}
            row.update(_profile(c))
            lat, lon, has_geo = _geo(c["latitude"], c["longitude"])
            minute = dt.datetime.strptime(c["tweet_time"], "%Y-%m-%d %H:%M")
            row |= {
                "tweet_language": c["tweet_language"] or None,
                "tweet_text": c["tweet_text"] or None,
                "tweet_time": minute.replace(tzinfo=dt.UTC),
                "tweet_client_name": c["tweet_client_name"] or None,
                "in_reply_to_tweetid": _int(c["in_reply_to_tweetid"]),
                "in_reply_to_userid": c["in_reply_to_userid"] or None,
                "quoted_tweet_tweetid": _int(c["quoted_tweet_tweetid"]),
                "is_retweet": BOOLS[c["is_retweet"]],
                "retweet_userid": c["retweet_userid"] or None,
                "retweet_tweetid": _int(c["retweet_tweetid"]),
                "latitude": lat,
                "longitude": lon,
                "has_geo": has_geo,
                **{k: _int(c[k]) for k in ("quote_count", "reply_count", "like_count")},
                "retweet_count": _int(c["retweet_count"]),
                **{k: _list(c[k], era) for k in ("hashtags", "urls", "user_mentions")},
                "poll_choices": _list(c.get("poll_choices", ""), era),
            }
            rows.append(row)
    return rows


def plain_users(path: Path, campaign: str) -> list[dict[str, Any]]:
    header, body = csv_table(path)
    header = [USER_COLUMN_ALIASES.get(h, h) for h in header]
    return [{"campaign": campaign, **_profile(dict(zip(header, r, strict=True)))} for r in body]
