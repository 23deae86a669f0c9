"""Actions: the (account, key, time, tweet) rows every co-action kind pairs (private module)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

import polars as pl

from ioarchive.metrics import url_domain
from ioarchive.snowflake import snowflake_ms

On = Literal["retweet", "tweet", "url", "domain", "hashtag", "reply", "mention", "post", "similar"]
"""What two accounts must share for their actions to match (see
[`co_action`][ioarchive.network.co_action])."""

ON_KINDS: tuple[str, ...] = get_args(On)

# QUT's co_tweet normalisation: lower-case, drop every "@" up to the next whitespace, collapse
# whitespace runs to one space, trim.
_MENTION = r"@\S*"
# QUT's co_similar_tweet tokens (UAX #29 word boundaries in the `regex` module), approximated:
# a run of word characters, joined across "." ":" "'" between word characters, or any single
# character that is neither a word character nor whitespace.
TOKEN_PATTERN = r"\w+(?:[.:'’]\w+)*|[^\w\s]"
_UNITS_MS = {"ms": 1, "s": 1_000, "m": 60_000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d)\s*$")


def window_ms(window: str | int | float | dt.timedelta) -> int:
    """Return a window in whole milliseconds: ``"60s"``, ``"500ms"``, ``"1m"``, seconds, ...

    Args:
        window: A duration string (``ms``, ``s``, ``m``/``min``, ``h``, ``d``), a number of
            seconds, or a ``datetime.timedelta``.

    Returns:
        The window in milliseconds.

    Raises:
        ValueError: The window cannot be read, or is negative.

    Examples:
        >>> window_ms("60s"), window_ms("1.5s"), window_ms(10), window_ms("30m")
        (60000, 1500, 10000, 1800000)
    """
    if isinstance(window, dt.timedelta):
        ms = window / dt.timedelta(milliseconds=1)
    elif isinstance(window, int | float) and not isinstance(window, bool):
        ms = float(window) * 1000
    elif isinstance(window, str) and (found := _DURATION.match(window)):
        ms = float(found.group(1)) * _UNITS_MS[found.group(2)]
    else:
        raise ValueError(
            f"cannot read the window {window!r}"
            '\nHint: give a duration such as "60s", "500ms", "10m", a number of seconds, '
            'a timedelta, or "auto"'
        )
    if ms < 0:
        raise ValueError(f"the window must not be negative, got {window!r}")
    return round(ms)


def action_time() -> pl.Expr:
    """The instant of a tweet in milliseconds: from its snowflake id, else from ``tweet_time``.

    Returns:
        An Int64 expression named ``t``: exact milliseconds for snowflake ids; for older
        (sequential) ids, ``tweet_time`` (which the archive keeps to the minute).
    """
    exact = snowflake_ms("tweetid")
    return pl.coalesce(exact, pl.col("tweet_time").dt.epoch("ms")).alias("t")


def normalised_text(col: str | pl.Expr = "tweet_text") -> pl.Expr:
    r"""Normalise a tweet's text as the QUT toolkit's co_tweet does.

    Lower-case, delete every ``@`` up to the next whitespace (mentions, hashed ``@<hash>``
    mentions too), collapse every whitespace run (newlines, tabs, no-break spaces) to one
    space, trim. Punctuation, ``#``, URLs, entities such as ``&amp;`` and emoji are kept.

    Args:
        col: A String column (name or expression) of texts.

    Returns:
        A String expression, one value per row, named like ``col``.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"tweet_text": ["RT @a_b: Hello\n  World #X", "@only"]})
        >>> df.select(normalised_text())["tweet_text"].to_list()
        ['rt hello world #x', '']
    """
    e = pl.col(col) if isinstance(col, str) else col
    lowered = e.str.to_lowercase().str.replace_all(_MENTION, "")
    # Python's str.split() also splits on \x1c-\x1f, which Unicode's White_Space (\s) lacks.
    return lowered.str.replace_all(r"[\s\x1c-\x1f]+", " ").str.strip_chars(" ")


def token_set(col: str | pl.Expr = "tweet_text") -> pl.Expr:
    """Split a tweet's text into its distinct tokens, as the QUT toolkit's co_similar_tweet does.

    The text is lower-cased and mentions (``@`` up to the next whitespace) are deleted; tokens
    are runs of word characters (joined across ``.``, ``:`` and ``'`` between two word
    characters: ``t.co``, ``x:y``) and every other character that is not whitespace
    (punctuation, ``#``, emoji), each its own token. The toolkit splits on Unicode (UAX #29)
    word boundaries; this rule is the same on ordinary text and differs on a few cases (see
    the docs page).

    Args:
        col: A String column (name or expression) of texts.

    Returns:
        A ``List(String)`` expression of distinct tokens, sorted, one list per row.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"tweet_text": ["Hi, hi @bob see t.co/x!"]})
        >>> df.select(token_set())["tweet_text"].to_list()
        [['!', ',', '/', 'hi', 'see', 't.co', 'x']]
    """
    e = pl.col(col) if isinstance(col, str) else col
    lowered = e.str.to_lowercase().str.replace_all(_MENTION, "")
    return lowered.str.extract_all(TOKEN_PATTERN).list.unique().list.sort()


def _is_retweet() -> pl.Expr:
    return pl.col("is_retweet").fill_null(False) | pl.col("retweet_tweetid").is_not_null()


def actions(tweets: pl.LazyFrame, on: str) -> pl.LazyFrame:
    """One row per (tweet, key) that takes part in the co-action kind ``on``.

    Columns: ``userid`` (String), ``tweetid`` (UInt64), ``t`` (Int64 ms), ``key`` (the
    shared value: UInt64 ids, String texts/URLs/domains/hashtags/mentions, a constant for
    ``post``, a ``List(String)`` token set for ``similar``). Tweets are unique by id (a row
    repeated across parts counts once); rows without an author, a time or a key are dropped.
    """
    if on not in ON_KINDS:
        raise ValueError(f"on must be one of {', '.join(ON_KINDS)}, not {on!r}")
    base = (
        tweets.select(
            "tweetid",
            "userid",
            "tweet_time",
            "is_retweet",
            "retweet_tweetid",
            "in_reply_to_tweetid",
            "tweet_text",
            "urls",
            "hashtags",
            "user_mentions",
        )
        .filter(pl.col("tweetid").is_not_null() & pl.col("userid").is_not_null())
        .unique("tweetid", keep="any")
        .with_columns(action_time())
        .filter(pl.col("t").is_not_null())
    )
    own = base.filter(~_is_retweet())
    ids = ["userid", "tweetid", "t"]
    if on == "retweet":
        frame = base.select(*ids, pl.col("retweet_tweetid").alias("key"))
    elif on == "reply":
        frame = own.select(*ids, pl.col("in_reply_to_tweetid").alias("key"))
    elif on == "tweet":
        frame = own.select(*ids, normalised_text().alias("key")).filter(pl.col("key") != "")
    elif on == "post":
        frame = base.select(*ids, pl.lit(0, pl.UInt8).alias("key"))
    elif on == "similar":
        frame = own.select(*ids, token_set().alias("key")).filter(pl.col("key").list.len() > 0)
    else:
        if on == "url":
            values = pl.col("urls")
        elif on == "domain":
            values = url_domain("urls", is_list=True)
        elif on == "hashtag":
            values = pl.col("hashtags").list.eval(pl.element().str.to_lowercase())
        else:
            values = pl.col("user_mentions").list.filter(pl.element() != "0")
        frame = (
            own.select(*ids, values.alias("key"))
            .explode("key")
            .filter(pl.col("key").is_not_null() & (pl.col("key") != ""))
            .unique(["tweetid", "key"], keep="any")
        )
    return frame.filter(pl.col("key").is_not_null())
