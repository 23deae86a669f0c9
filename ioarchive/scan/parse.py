"""Polars expressions that turn the archive's raw text cells into canonical values.

Each function takes a column name or an expression of dtype String and returns a ``pl.Expr``,
so it works in ``select``, ``with_columns`` and ``group_by().agg()``, on the streaming engine.
An empty cell becomes null. With ``strict=True`` (the default) a cell that cannot be parsed
raises a Polars error when the query runs (never a silent null); with ``strict=False`` it becomes
null, so it can be found with ``raw.is_not_null() & parsed.is_null()``.

Examples:
    >>> import polars as pl
    >>> from ioarchive.scan import parse
    >>> raw = pl.DataFrame({"hashtags": ["['Cuba', 'CubaVa']", "[]", ""]})
    >>> raw.select(parse.parse_list("hashtags")).to_series().to_list()
    [['Cuba', 'CubaVa'], [], None]
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from ioarchive._polars import to_expr

__all__ = [
    "ListStyle",
    "empty_to_null",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_geo",
    "parse_has_geo",
    "parse_list",
    "parse_poll",
    "parse_time",
    "parse_tweet_id",
    "parse_user_id",
]

ListStyle = Literal["bare", "repr"]
"""How a file writes list cells: ``"bare"`` (2018: ``[a, b]``) or ``"repr"`` (Python repr)."""

_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")
_GEO_WORDS = ("absent", "present")
# One element of a Python list repr: a single- or double-quoted string with backslash escapes,
# or a bare token (an int such as a numeric user id).
_REPR_ELEMENT = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,\s\[\]'"]+"""
_REPR_LIST = rf"^\[\s*(?:(?:{_REPR_ELEMENT})(?:\s*,\s*(?:{_REPR_ELEMENT}))*\s*,?)?\s*\]$"
"""A whole Python list repr: brackets around elements separated by commas, nothing else."""
_CLOCK = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"
_DATE = rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?:[ T]{_CLOCK}(?::[0-5][0-9])?)?$"
_TIME = rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} {_CLOCK}:[0-5][0-9]$"
"""The shapes, in ASCII digits, of a date (with or without a time) and of a time to the second."""
_REPR_ESCAPES = {"\\\\": "\\", "\\'": "'", '\\"': '"', "\\n": "\n", "\\r": "\r", "\\t": "\t"}
# A piece of an element between escaped backslashes whose escapes JSON can undo once written as
# a JSON string: \n \r \t \' \" \xNN and \uNNNN (no lone surrogate), no raw control character.
_JSON_SAFE = (
    r"^(?:[^\\\x00-\x1f]|\\[nrt'\"]|\\x[0-9a-fA-F]{2}"
    r"|\\u(?:[0-9a-cA-Ce-fE-F][0-9a-fA-F]{3}|[dD][0-7][0-9a-fA-F]{2}))*$"
)


def empty_to_null(column: str | pl.Expr) -> pl.Expr:
    """Turn empty strings into null; other values are kept.

    Args:
        column: A String column name or expression.

    Returns:
        A String expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.select(empty_to_null(pl.lit(""))).item() is None
        True
    """
    e = to_expr(column)
    return pl.when(e.str.len_bytes() > 0).then(e)


def _fail_unless(valid: pl.Expr, raw: pl.Expr, what: str) -> pl.Expr:
    """Return a Boolean expression that is true where ``valid`` and raises where not.

    Polars has no "raise" expression; a strict integer parse of a message that names the
    offending value makes the query fail with that value in its error text.
    """
    message = pl.lit(f"not {what}: ") + raw
    return pl.when(valid).then(pl.lit("0")).otherwise(message).str.to_integer(strict=True) == 0


def parse_tweet_id(column: str | pl.Expr, *, strict: bool = True) -> pl.Expr:
    """Parse a tweet id (``tweetid``, ``*_tweetid``) to UInt64.

    Ids are plain decimal digits, up to 19 of them; they are never read through a float.

    Args:
        column: A String column name or expression.
        strict: Raise on a value that is not a decimal id (else null).

    Returns:
        A UInt64 expression, one value per row; null for an empty cell.

    Examples:
        >>> import polars as pl
        >>> pl.select(parse_tweet_id(pl.lit("1290403932421328896"))).item()
        1290403932421328896
    """
    return empty_to_null(column).str.to_integer(dtype=pl.UInt64, strict=strict)


def parse_user_id(column: str | pl.Expr) -> pl.Expr:
    """Keep a user id (decimal id or hash) as a String, empty as null.

    Args:
        column: A String column name or expression.

    Returns:
        A String expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.select(parse_user_id(pl.lit("2572896396"))).item()
        '2572896396'
    """
    return empty_to_null(column)


def parse_time(column: str | pl.Expr, *, strict: bool = True) -> pl.Expr:
    """Parse ``tweet_time`` (``YYYY-MM-DD HH:MM``, UTC; seconds also accepted).

    Args:
        column: A String column name or expression.
        strict: Raise on a malformed time (else null).

    Returns:
        A ``Datetime("us", "UTC")`` expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.select(parse_time(pl.lit("2017-06-22 16:03"))).item()
        datetime.datetime(2017, 6, 22, 16, 3, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
    """
    e = empty_to_null(column)
    # strptime alone is lenient (a two-digit year, one-digit fields, a sign, extra spaces, a
    # 60th second): the shape is tested first, on the time with seconds (":00" added to a
    # minute), and a cell of another shape is parsed as a message that names it, so that one
    # strict strptime raises on both (measured three times cheaper than a separate check).
    full = pl.when(e.str.len_bytes() == len("YYYY-MM-DD HH:MM")).then(e + ":00").otherwise(e)
    checked = pl.when(full.str.contains(_TIME)).then(full).otherwise(pl.lit("not a time: ") + e)
    return checked.str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d %H:%M:%S", strict=strict)


def parse_date(column: str | pl.Expr, *, strict: bool = True) -> pl.Expr:
    """Parse ``account_creation_date`` (``YYYY-MM-DD``; a trailing time is dropped).

    Args:
        column: A String column name or expression.
        strict: Raise on a malformed date (else null).

    Returns:
        A Date expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.select(parse_date(pl.lit("2013-12-07"))).item()
        datetime.date(2013, 12, 7)
    """
    e = empty_to_null(column)
    # Tested with the regex, then sliced (a regex replace costs even where it does not match);
    # strptime alone would take "9-8-2" or "+2013-12-07". A cell of another shape is parsed as
    # a message that names it, so that the strict strptime raises on it.
    day = pl.lit("not a date: ") + e
    checked = pl.when(e.str.contains(_DATE)).then(e.str.slice(0, len("YYYY-MM-DD"))).otherwise(day)
    return checked.str.strptime(pl.Date, "%Y-%m-%d", strict=strict)


def parse_bool(column: str | pl.Expr, *, strict: bool = True) -> pl.Expr:
    """Parse a boolean: ``true``/``false``, ``True``/``False``, ``TRUE``/``FALSE`` or ``1``/``0``.

    Args:
        column: A String column name or expression.
        strict: Raise on any other spelling (else null).

    Returns:
        A Boolean expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"b": ["true", "False", "1", ""]}).select(parse_bool("b"))["b"].to_list()
        [True, False, True, None]
    """
    # Two ``is_in`` tests rather than ``replace_strict``: the streaming engine runs
    # ``replace_strict`` outside its streaming nodes, which made a whole file's scan wait in
    # memory (a 10M-tweet sink peaked at 9.4 GB).
    e = empty_to_null(column)
    true, false = e.is_in(_TRUE), e.is_in(_FALSE)
    value = pl.when(true | false).then(true)
    if strict:
        return pl.when(_fail_unless(true | false | e.is_null(), e, "a boolean")).then(value)
    return value


def parse_count(column: str | pl.Expr, *, strict: bool = True) -> pl.Expr:
    """Parse a count (followers, likes, ...): ``"3"`` and ``"3.0"`` are 3, empty is null.

    Args:
        column: A String column name or expression.
        strict: Raise on a value that is not a whole number (else null).

    Returns:
        An Int64 expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"n": ["3", "3.0", ""]}).select(parse_count("n"))["n"].to_list()
        [3, 3, None]
    """
    e = empty_to_null(column)
    # Testing with the regex and then stripping is much cheaper than a regex replace, which
    # costs even where it does not match. "30.00" -> "30." -> "30".
    fraction = e.str.contains(r"^-?\d+\.0*$")
    whole = pl.when(fraction).then(e.str.strip_chars_end("0").str.strip_suffix(".")).otherwise(e)
    return whole.str.to_integer(dtype=pl.Int64, strict=strict)


def parse_geo(column: str | pl.Expr, *, strict: bool = True) -> pl.Expr:
    """Parse ``latitude`` or ``longitude``: a number, or null for ``absent``/``present``/empty.

    Args:
        column: A String column name or expression.
        strict: Raise on a value that is neither a number nor one of the two words.

    Returns:
        A Float64 expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> raw = pl.DataFrame({"g": ["51.5", "present", "absent", ""]})
        >>> raw.select(parse_geo("g"))["g"].to_list()
        [51.5, None, None, None]
    """
    e = empty_to_null(column)
    return pl.when(~e.is_in(_GEO_WORDS)).then(e).cast(pl.Float64, strict=strict)


def parse_has_geo(latitude: str | pl.Expr, longitude: str | pl.Expr) -> pl.Expr:
    """Tell whether a tweet has geo data, from the raw latitude and longitude cells.

    ``present`` or a number in either cell is true; ``absent`` is false; two empty cells
    are null (the file does not say).

    Args:
        latitude: The raw ``latitude`` column name or expression.
        longitude: The raw ``longitude`` column name or expression.

    Returns:
        A Boolean expression, one value per row.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame(
        ...     {"lat": ["present", "absent", "", "12.5"], "lon": ["present", "absent", "", "3"]}
        ... )
        >>> df.select(parse_has_geo("lat", "lon")).to_series().to_list()
        [True, False, None, True]
    """

    def flag(cell: str | pl.Expr) -> pl.Expr:
        e = empty_to_null(cell)
        return pl.when(e.is_null()).then(None).otherwise(e != "absent")

    return pl.max_horizontal(flag(latitude), flag(longitude)).alias("has_geo")


def parse_list(column: str | pl.Expr, *, style: ListStyle = "repr", strict: bool = True) -> pl.Expr:
    r"""Parse a list cell (``hashtags``, ``urls``, ``user_mentions``, ``poll_choices``).

    Two styles occur. ``"bare"`` (2018 files): ``[STOPNazi]``, ``[a, b]``, elements joined by
    ``", "`` and never quoted. ``"repr"`` (2019 on): a Python list repr, ``['Cuba', 'CubaVa']``,
    ``[587848359]``, mixed ``[123, 'abc=']``, an element with an apostrophe in double quotes;
    quoted elements may hold commas. Nothing is evaluated: elements are matched by a regular
    expression and the escapes ``\\\\ \\' \\" \\n \\r \\t \\xNN \\uNNNN`` are undone (``\\U`` are
    kept). Elements are kept as text (``0`` mention placeholders too).

    Args:
        column: A String column name or expression.
        style: ``"bare"`` or ``"repr"``.
        strict: Raise on a cell that is not bracketed (else null).

    Returns:
        A ``List(String)`` expression, one list per row; ``[]`` is an empty list and an empty
        cell is null.

    Examples:
        >>> import polars as pl
        >>> raw = pl.DataFrame({"m": ["[123, 'abc=']", '["it\'s", \'a,b\']']})
        >>> raw.select(parse_list("m"))["m"].to_list()
        [['123', 'abc='], ["it's", 'a,b']]
        >>> bare = pl.DataFrame({"h": ["[STOPNazi, Syria]"]})
        >>> bare.select(parse_list("h", style="bare"))["h"].to_list()
        [['STOPNazi', 'Syria']]
    """
    e = empty_to_null(column)
    parsed: pl.Expr
    if style == "bare":
        empty = pl.lit([], pl.List(pl.String))
        inner = e.str.strip_prefix("[").str.strip_suffix("]")
        size = inner.str.len_bytes()
        parsed = pl.when(size > 0).then(inner.str.split(", ")).when(size == 0).then(empty)
        # The same test as the regex (?s)^\[.*\]$, without a regex: no 1-byte cell has both.
        valid = e.str.starts_with("[") & e.str.ends_with("]")
    else:
        # The regex runs on the whole cell: no element can begin with a bracket, so the matches
        # are those of the text between them. A match that starts with a quote ends with it.
        element = pl.element()
        quoted = element.str.starts_with("'") | element.str.starts_with('"')
        unquoted = pl.when(quoted).then(element.str.slice(1).str.head(-1)).otherwise(element)
        escaped = pl.when(unquoted.str.contains("\\", literal=True)).then(unquoted)
        unescaped = pl.coalesce(_unescape(escaped), unquoted)
        matches = e.str.extract_all(_REPR_ELEMENT)
        parsed = matches.list.eval(unescaped)
        valid = e.str.contains(_REPR_LIST)
    if strict:
        return pl.when(_fail_unless(valid | e.is_null(), e, "a list")).then(parsed)
    return pl.when(valid).then(parsed)


def _unescape(text: pl.Expr) -> pl.Expr:
    r"""Undo the backslash escapes of a Python string repr's content (``\u200c`` too).

    Python's repr escapes every character it does not print: ``\xNN``, ``\uNNNN`` (the
    zero-width non-joiner of Persian words, the direction marks), as well as ``\\ \' \" \n
    \r \t``. The text is cut at each escaped backslash (left to right, as the escapes pair
    up); a piece that JSON can read (see ``_JSON_SAFE``) is read as a JSON string, any other
    has only the six simple escapes undone; the pieces are joined by backslashes again.
    ``\U`` escapes (above U+FFFF) are kept as they are.
    """
    piece = pl.element()
    safe = piece.str.contains(_JSON_SAFE)
    # Masked before decoding: when/then evaluates both sides, and JSON fails on the others.
    as_json = (
        pl.when(safe)
        .then(piece)
        .str.replace_all('\\"', '"', literal=True)
        .str.replace_all('"', '\\"', literal=True)
        .str.replace_all("\\'", "'", literal=True)
        .str.replace_all("\\x", "\\u00", literal=True)
    )
    decoded = (pl.lit('"') + as_json + pl.lit('"')).str.json_decode(pl.String)
    simple = piece.str.replace_many(_REPR_ESCAPES)
    each = pl.when(safe).then(decoded).otherwise(simple)
    return text.str.split("\\\\").list.eval(each).list.join("\\")


def parse_poll(column: str | pl.Expr) -> pl.Expr:
    r"""Parse ``poll_choices``, whose inner format no real file has shown: never an error.

    The column is nearly always empty, so it must never stop a scan. The rule, in order: an
    empty cell is null; a bracketed list (either style) gives its elements; text with ``|``
    is split on ``|``; text with ``,`` is split on ``,``; other text is one choice. Choices
    are trimmed, and empty ones dropped.

    Args:
        column: A String column name or expression.

    Returns:
        A ``List(String)`` expression, one list per row.

    Examples:
        >>> import polars as pl
        >>> raw = pl.DataFrame({"p": ["['Yes', 'No']", "Yes|No", "Yes, No", "Maybe", ""]})
        >>> raw.select(parse_poll("p"))["p"].to_list()
        [['Yes', 'No'], ['Yes', 'No'], ['Yes', 'No'], ['Maybe'], None]
    """
    e = empty_to_null(column)
    repr_list = parse_list(e, style="repr", strict=False)
    bare_list = parse_list(e, style="bare", strict=False)
    separator = pl.when(e.str.contains("|", literal=True)).then(pl.lit("|")).otherwise(pl.lit(","))
    split = e.str.split(separator)
    trimmed = pl.element().str.strip_chars()
    # Every branch's choices are trimmed and the empty ones dropped.
    return pl.coalesce(repr_list, bare_list, split).list.eval(trimmed.filter(trimmed != ""))
