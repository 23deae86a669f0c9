"""Raw cells of one file, and the expressions that check and parse them (private).

Shared by the scanner and by the diagnosis that runs when a scan fails. How a column is parsed
is looked up from its role in [`COLUMN_ROLES`][ioarchive.schema.COLUMN_ROLES].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from ioarchive._fs import polars_options
from ioarchive.scan import parse
from ioarchive.scan.header import Header
from ioarchive.schema import COLUMN_ROLES, TWEET_SCHEMA, USER_SCHEMA, Era, FileKind, Role

EXTRA = "__ioarchive_extra__"

EXPECTED: Mapping[Role, str] = {
    Role.TWEET_ID: "a decimal tweet id",
    Role.COUNT: "a whole number",
    Role.LIST: "a bracketed list such as [] or ['a', 'b']",
    Role.TIME: "a UTC time YYYY-MM-DD HH:MM",
    Role.DATE: "a date YYYY-MM-DD",
    Role.BOOL: "true/false, True/False or 1/0",
    Role.GEO: "a number, 'absent' or 'present'",
}
"""What a column of each parsed role must hold, as said in error messages."""

_Parser = Callable[[pl.Expr, Header, bool], pl.Expr]

_PARSERS: Mapping[Role, _Parser] = {
    Role.TWEET_ID: lambda raw, _, strict: parse.parse_tweet_id(raw, strict=strict),
    Role.USER_ID: lambda raw, _, strict: parse.parse_user_id(raw),
    Role.TEXT: lambda raw, _, strict: parse.empty_to_null(raw),
    Role.COUNT: lambda raw, _, strict: parse.parse_count(raw, strict=strict),
    Role.DATE: lambda raw, _, strict: parse.parse_date(raw, strict=strict),
    Role.TIME: lambda raw, _, strict: parse.parse_time(raw, strict=strict),
    Role.BOOL: lambda raw, _, strict: parse.parse_bool(raw, strict=strict),
    Role.GEO: lambda raw, _, strict: parse.parse_geo(raw, strict=strict),
    Role.LIST: lambda raw, header, strict: parse.parse_list(
        raw, style="bare" if header.era is Era.TWEETS_2018 else "repr", strict=strict
    ),
}


def expected(column: str) -> str | None:
    """Return what a canonical column must hold, or None if any text will do."""
    return EXPECTED.get(COLUMN_ROLES[column])


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
    schema = USER_SCHEMA if header.kind is FileKind.USERS else TWEET_SCHEMA
    role = COLUMN_ROLES[name]
    if role is Role.GEO_FLAG:
        if "latitude" not in header.canonical:
            return pl.lit(None, pl.Boolean).alias(name)
        return parse.parse_has_geo("latitude", "longitude").alias(name)
    raw_name = header.canonical.get(name)
    if raw_name is None:
        return pl.lit(None, schema[name]).alias(name)
    return _PARSERS[role](pl.col(raw_name), header, strict).alias(name)


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


def checked_frame(
    header: Header,
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> pl.LazyFrame:
    """Scan one file into its canonical schema as a pure Polars plan (no Python callback).

    The same rows and values as the scanner's IO source, for writing a file out on the
    streaming engine (the store): a row that fails the shape check, or a cell that does not
    parse, makes the query raise a Polars error; the caller turns it into the specific error
    with ``diagnose``.

    Args:
        header: The file's header.
        campaign: The value of the ``campaign`` column.
        storage_options: Options for remote paths, passed to Polars.

    Returns:
        A LazyFrame in the canonical schema of the file's kind.
    """
    schema = USER_SCHEMA if header.kind is FileKind.USERS else TWEET_SCHEMA
    is_row, is_bad = row_flags(header)
    sound = parse._fail_unless(~is_bad, pl.lit("a ragged row"), "a row of the header's width")
    columns = [
        pl.lit(campaign, pl.String).alias(name) if name == "campaign" else column_expr(name, header)
        for name in schema
    ]
    return raw_frame(header, storage_options).filter(is_row).filter(sound).select(columns)
