"""Raw cells of one file, and the expressions that check and parse them (private).

Shared by the scanner and by the diagnosis that runs when a scan fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from ioarchive import parse
from ioarchive._fs import polars_options
from ioarchive.header import Header
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era

EXTRA = "__ioarchive_extra__"
_BAD = "__ioarchive_bad__"
_TWEET_IDS = {"tweetid", "in_reply_to_tweetid", "quoted_tweet_tweetid", "retweet_tweetid"}
_USER_IDS = {"userid", "in_reply_to_userid", "retweet_userid"}
_COUNTS = {
    "follower_count",
    "following_count",
    "quote_count",
    "reply_count",
    "like_count",
    "retweet_count",
}
_LISTS = {"hashtags", "urls", "user_mentions", "poll_choices"}

EXPECTED: Mapping[str, str] = {
    **dict.fromkeys(_TWEET_IDS, "a decimal tweet id"),
    **dict.fromkeys(_COUNTS, "a whole number"),
    **dict.fromkeys(_LISTS, "a bracketed list such as [] or ['a', 'b']"),
    "tweet_time": "a UTC time YYYY-MM-DD HH:MM",
    "account_creation_date": "a date YYYY-MM-DD",
    "is_retweet": "true/false, True/False or 1/0",
    "latitude": "a number, 'absent' or 'present'",
    "longitude": "a number, 'absent' or 'present'",
}
"""What each parsed column must hold, as said in error messages."""


def column_expr(name: str, header: Header, *, strict: bool = True) -> pl.Expr:
    """Build the expression that parses one canonical column from a file's raw columns.

    Args:
        name: A canonical column name (not ``campaign``).
        header: The file's header, which gives the raw column names and the list style.
        strict: Raise on unparsable values (else null).

    Returns:
        An expression over the raw String columns, aliased to ``name``; a typed null literal
        when the file's era lacks the column.
    """
    schema = USER_SCHEMA if header.kind == "users" else TWEET_SCHEMA
    raw_name = header.canonical.get(name)
    if name == "has_geo":
        if "latitude" not in header.canonical:
            return pl.lit(None, pl.Boolean).alias(name)
        return parse.parse_has_geo("latitude", "longitude").alias(name)
    if raw_name is None:
        return pl.lit(None, schema[name]).alias(name)
    raw = pl.col(raw_name)
    if name in _TWEET_IDS:
        expr = parse.parse_tweet_id(raw, strict=strict)
    elif name in _USER_IDS:
        expr = parse.parse_user_id(raw)
    elif name in _COUNTS:
        expr = parse.parse_count(raw, strict=strict)
    elif name in _LISTS:
        style: parse.ListStyle = "bare" if header.era is Era.TWEETS_2018 else "repr"
        expr = parse.parse_list(raw, style=style, strict=strict)
    elif name == "tweet_time":
        expr = parse.parse_time(raw, strict=strict)
    elif name == "account_creation_date":
        expr = parse.parse_date(raw, strict=strict)
    elif name == "is_retweet":
        expr = parse.parse_bool(raw, strict=strict)
    elif name in ("latitude", "longitude"):
        expr = parse.parse_geo(raw, strict=strict)
    else:
        expr = parse.empty_to_null(raw)
    return expr.alias(name)


def raw_frame(header: Header, storage_options: Mapping[str, Any] | None = None) -> pl.LazyFrame:
    """Scan a file's cells as Strings, with one extra column that catches surplus fields.

    Args:
        header: The file's header.
        storage_options: Options for remote paths, passed to Polars.

    Returns:
        A LazyFrame with the file's columns (raw names) and ``__ioarchive_extra__``; blank
        lines and repeated headers are still in it.
    """
    schema = {c: pl.String() for c in (*header.columns, EXTRA)}
    return pl.scan_csv(
        header.path,
        schema=schema,
        has_header=True,
        missing_columns="insert",
        storage_options=polars_options(header.path, storage_options),
    )


def row_flags(header: Header) -> tuple[pl.Expr, pl.Expr]:
    """Build the expressions that tell, per raw row, whether it is data and whether it is bad.

    Args:
        header: The file's header.

    Returns:
        ``(is_row, is_bad)``: ``is_row`` is false for blank lines and repeated header lines;
        ``is_bad`` is true for rows with too many fields, and, in files whose every field is
        quoted (Twitter's own), too few.
    """
    first, last = header.columns[0], header.columns[-1]
    blank = pl.col(first).is_null() & pl.col(last).is_null()
    # The first column is an id (tweetid or userid), which can never equal its own name.
    repeated = (pl.col(first) == first).fill_null(False)
    bad = pl.col(EXTRA).is_not_null()
    if header.quoted:
        bad = bad | (~blank & pl.col(last).is_null())
    return ~blank & ~repeated, bad
