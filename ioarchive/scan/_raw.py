"""Raw cells of one file, and the expressions that check and parse them (private).

Shared by the fast reader (Polars' CSV reader) and the exact reader (Python's ``csv``). How a
column is parsed is looked up from its role in
[`COLUMN_ROLES`][ioarchive.schema.COLUMN_ROLES].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from ioarchive._fs import polars_options
from ioarchive.scan import parse
from ioarchive.scan.header import Header
from ioarchive.schema import COLUMN_ROLES, TWEET_SCHEMA, USER_SCHEMA, Era, FileKind, Role

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
    Role.POLL: lambda raw, _, strict: parse.parse_poll(raw),
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
        return parse.parse_has_geo(header.canonical["latitude"], header.canonical["longitude"])
    raw_name = header.canonical.get(name)
    if raw_name is None:
        return pl.lit(None, schema[name]).alias(name)
    return _PARSERS[role](pl.col(raw_name), header, strict).alias(name)


def bad_cell(name: str, header: Header) -> pl.Expr | None:
    """Build a Boolean expression, true where a column's raw cell cannot be parsed.

    A cell is bad when it is not empty and its lenient parse is null, except the words
    ``absent`` and ``present`` of the geo columns, which are valid and parse to null.

    Returns:
        The expression, or None for a column whose every value is valid (text, ids of
        accounts, poll choices, a column the file lacks).
    """
    if expected(name) is None or name not in header.canonical:
        return None
    raw = pl.col(header.canonical[name])
    bad = (raw.str.len_bytes() > 0) & column_expr(name, header, strict=False).is_null()
    if COLUMN_ROLES[name] is Role.GEO:
        bad = bad & ~raw.is_in(["absent", "present"])
    return bad


EXTRA = "__ioarchive_extra__"
"""The raw frame's column after the header's: a row's field beyond the header's width."""


def raw_frame(
    header: Header, storage_options: Mapping[str, Any] | None = None, *, extra: bool = True
) -> pl.LazyFrame:
    """Scan a file's cells as Strings with Polars' CSV reader, one row per raw row.

    With ``extra`` (the scanner's fast reader) the schema has one column more than the header,
    ``EXTRA``: null in a row of the right shape, the first extra field of a row with too many
    (fields past it are dropped). The reader then never fails on a field too many: when one
    chunk of a file fails, Polars' streaming engine may already have passed on later chunks,
    numbered as if the failed one were not there, so a row that is judged (``suspect``) is
    safer than an error. Without ``extra`` (a plan that must fail on any damage) a row with a
    field too many makes Polars raise. Blank lines and repeated headers are still rows.

    Args:
        header: The file's header.
        storage_options: Options for remote paths, passed to Polars.
        extra: Add the ``EXTRA`` column.

    Returns:
        A LazyFrame with the file's columns under their raw names.
    """
    return pl.scan_csv(
        header.path,
        glob=False,  # a file named by discovery: "[2021]" in a folder's name is not a pattern
        schema={c: pl.String() for c in [*header.columns, *([EXTRA] if extra else [])]},
        truncate_ragged_lines=extra,
        has_header=True,
        missing_columns="insert",
        eol_char=header.line_end,
        storage_options=polars_options(header.path, storage_options),
    )


def suspect(header: Header, *, extra: bool = True) -> pl.Expr:
    """Build the expression that marks raw rows the fast reader cannot judge alone.

    In a file that quotes every field (Twitter's own), a data row has no null cell: an empty
    field is ``""``, read as an empty string. A null first or last cell is therefore a blank
    line, a row with too few fields or an unquoted row; a row with a field in ``EXTRA`` has
    too many (one whose extra field is an unquoted empty one, a trailing comma, looks right:
    its values are all in place, and only the exact reader sees it); a row
    whose first and last cells are the header's names may be a repeated header; a first cell
    that starts with a carriage return follows a lone one at the end of the line before,
    which Polars reads into the cell and ``csv`` as a line end. For these rows the exact
    reader decides.

    Args:
        header: The file's header (with every field quoted).
        extra: The raw frame has the ``EXTRA`` column (see ``raw_frame``).

    Returns:
        A Boolean expression, one value per raw row.
    """
    first, last = header.columns[0], header.columns[-1]
    lone_cr = pl.col(first).str.starts_with("\r").fill_null(False)
    flag = pl.col(first).is_null() | pl.col(last).is_null() | named(header) | lone_cr
    return flag | pl.col(EXTRA).is_not_null() if extra else flag


def named(header: Header) -> pl.Expr:
    """Build the expression that marks raw rows whose first and last cells are column names."""
    first, last = header.columns[0], header.columns[-1]
    return ((pl.col(first) == first) & (pl.col(last) == last)).fill_null(False)


def blank(header: Header) -> pl.Expr:
    """Build the expression that marks raw rows that look blank: a null first and last cell.

    A blank line reads so; so does a row of unquoted empty fields, which only the file's
    bytes can tell apart (see ``_file``).
    """
    first, last = header.columns[0], header.columns[-1]
    return pl.col(first).is_null() & pl.col(last).is_null()


def checked_frame(
    header: Header,
    *,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> pl.LazyFrame:
    """Scan one file into its canonical schema as a pure Polars plan (no Python callback).

    The same rows and values as the scanner, for writing a file out on the streaming engine
    (the store), where the file holds no row the fast reader cannot judge alone: a suspect
    row (a blank line, a possible repeated header, a short or unquoted row), a cell that does
    not parse or a field too many makes the query raise a Polars error. The caller then reads
    the file with the scanner, which judges those rows (and names any problem).

    Args:
        header: The file's header.
        campaign: The value of the ``campaign`` column.
        storage_options: Options for remote paths, passed to Polars.

    Returns:
        A LazyFrame in the canonical schema of the file's kind.
    """
    if not header.quoted:  # Polars cannot tell a missing field from an empty one here
        raise ValueError("checked_frame needs a file that quotes every field")
    schema = USER_SCHEMA if header.kind is FileKind.USERS else TWEET_SCHEMA
    # Every column is read, so no EXTRA column: Polars raises on a field too many.
    sound = parse._fail_unless(
        ~suspect(header, extra=False), pl.lit("a suspect row"), "a row it can judge"
    )
    columns = [
        pl.lit(campaign, pl.String).alias(name) if name == "campaign" else column_expr(name, header)
        for name in schema
    ]
    return raw_frame(header, storage_options, extra=False).filter(sound).select(columns)
