"""Metric building blocks that fit in an expression (private module; public via metrics)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from ioarchive.schema import LIST_COLUMNS

TWEET_TYPE = pl.Enum(["original", "retweet", "reply", "quote"])
"""The four kinds of tweet."""

By = str | Sequence[str] | None
"""Grouping columns of a frame metric: one name, several, or None for the whole frame."""

_HOST = r"^[A-Za-z][A-Za-z0-9+.\-]*://(?:[^@/?#]*@)?([^/?#:]+)"


def keys(by: By) -> list[str]:
    """Return grouping columns as a list."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _col(col: str | pl.Expr) -> pl.Expr:
    return pl.col(col) if isinstance(col, str) else col


def tweet_type() -> pl.Expr:
    """Classify each tweet as ``original``, ``retweet``, ``reply`` or ``quote``.

    Precedence: a retweet is a retweet whatever else its row holds (it is the act of
    re-sharing, and its row may repeat fields of the tweet it shares); then a tweet that quotes
    is a quote, even when it also replies (as Twitter counted quote tweets); then a reply (a
    ``in_reply_to_tweetid`` or ``in_reply_to_userid``); else an original.

    Returns:
        An expression of dtype :data:`TWEET_TYPE` named ``tweet_type``, one value per row.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"is_retweet": [True, False, False, False],
        ...     "quoted_tweet_tweetid": [None, 7, None, None],
        ...     "in_reply_to_tweetid": [None, 5, 5, None],
        ...     "in_reply_to_userid": [None, None, "1", None]})
        >>> df.select(tweet_type())["tweet_type"].to_list()
        ['retweet', 'quote', 'reply', 'original']
    """
    kind = (
        pl.when(pl.col("is_retweet").fill_null(False))
        .then(pl.lit("retweet"))
        .when(pl.col("quoted_tweet_tweetid").is_not_null())
        .then(pl.lit("quote"))
        .when(
            pl.col("in_reply_to_tweetid").is_not_null() | pl.col("in_reply_to_userid").is_not_null()
        )
        .then(pl.lit("reply"))
        .otherwise(pl.lit("original"))
    )
    return kind.cast(TWEET_TYPE).alias("tweet_type")


def url_domain(col: str | pl.Expr, *, is_list: bool | None = None) -> pl.Expr:
    """The lowercase host of a URL, without ``www.``; for a list column, of each element.

    Args:
        col: A String or ``List(String)`` column of URLs.
        is_list: Whether ``col`` is a list column; None decides by name (the canonical list
            columns ``urls``, ``hashtags``, ``user_mentions`` and ``poll_choices`` are lists).

    Returns:
        An expression of the same shape (String, or List(String)); null where no host.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"u": ["https://www.Example.COM/a,b?x=1", "not a url"]})
        >>> df.select(url_domain("u"))["u"].to_list()
        ['example.com', None]
        >>> lists = pl.DataFrame({"urls": [["http://du3a.org/x", "https://t.co/1"]]})
        >>> lists.select(url_domain("urls"))["urls"].to_list()
        [['du3a.org', 't.co']]
    """

    def host(e: pl.Expr) -> pl.Expr:
        return e.str.extract(_HOST, 1).str.to_lowercase().str.strip_prefix("www.")

    if is_list is None:
        is_list = isinstance(col, str) and col in LIST_COLUMNS
    e = _col(col)
    return e.list.eval(host(pl.element())) if is_list else host(e)  # eager: no, Polars list.eval


def gini(col: str | pl.Expr) -> pl.Expr:
    """The Gini coefficient of non-negative values (0 = equal, near 1 = concentrated).

    ``G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n`` over the values sorted ascending
    (``i`` from 1). Null values are ignored; an all-zero or empty input gives null.

    Args:
        col: A numeric column (counts per account, per hashtag, ...).

    Returns:
        A Float64 expression that aggregates to one value (per group in ``group_by().agg``).

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"x": [1, 1, 1, 1]}).select(gini("x")).item()
        0.0
        >>> round(pl.DataFrame({"x": [0, 0, 0, 10]}).select(gini("x")).item(), 3)
        0.75
    """
    x = _col(col).drop_nulls().cast(pl.Float64).sort()
    n = x.len().cast(pl.Float64)
    weighted = (pl.int_range(1, x.len() + 1, dtype=pl.Int64).cast(pl.Float64) * x).sum()
    total = x.sum()
    return pl.when(total > 0).then(2 * weighted / (n * total) - (n + 1) / n)


def entropy(col: str | pl.Expr, *, base: float = 2.0) -> pl.Expr:
    """The Shannon entropy of a distribution given by non-negative counts or weights.

    Args:
        col: A numeric column of counts (e.g. tweets per value).
        base: The logarithm's base (2 gives bits).

    Returns:
        A Float64 expression that aggregates to one value; null for an all-zero input.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"n": [5, 5, 5, 5]}).select(entropy("n")).item()
        2.0
    """
    x = _col(col).drop_nulls().cast(pl.Float64)
    p = x / x.sum()
    return pl.when(x.sum() > 0).then(-(p * p.log(base)).fill_nan(0).sum())
