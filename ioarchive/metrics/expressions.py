"""The metric expressions: each builds a ``pl.Expr`` for ``select``, ``agg`` and ``over``.

Examples:
    >>> import polars as pl
    >>> from ioarchive.metrics import gini
    >>> pl.DataFrame({"x": [0, 0, 0, 10]}).select(gini("x")).item()
    0.75
"""

from __future__ import annotations

import polars as pl

from ioarchive._polars import named_like, to_expr
from ioarchive.schema import LIST_COLUMNS

__all__ = ["TWEET_TYPE", "entropy", "gini", "tweet_type", "url_domain"]

TWEET_TYPE = pl.Enum(["original", "retweet", "reply", "quote"])
"""The four kinds of tweet, in this order: ``original``, ``retweet``, ``reply``, ``quote``."""

# scheme://[userinfo@]host: a bracketed IPv6 literal, or everything up to the port or path.
# The userinfo runs to the last "@" before the path (as urllib reads it); the host must end
# there, so "https://user@/p" has none.
_SCHEME = r"^[A-Za-z][A-Za-z0-9+.\-]*://"
_HOST = _SCHEME + r"(?:[^/?#]*@)?(\[[^\]/?#]*\]|[^/?#:@]+)(?:[:/?#]|$)"
# The same host for a URL without "@", "[" or a second ":": no user, no IPv6, no port. _HOST's
# optional user is ambiguous until its "@", so the regex engine cannot match it in one pass;
# this pattern it can, about twice as fast.
_PLAIN_HOST = _SCHEME + r"([^/?#:]+)"


def tweet_type() -> pl.Expr:
    """Classify each tweet as ``original``, ``retweet``, ``reply`` or ``quote``.

    A row may carry several of the markers (a quote that also replies; a retweet of a reply, on
    which the archive may repeat the source's reply fields), so one type is chosen by
    precedence, **retweet > quote > reply > original**:

    1. ``retweet``: ``is_retweet`` is true. A retweet is the act of re-sharing whatever else its
       row holds; its engagement counts and reply/quote fields describe the tweet it shares.
    2. ``quote``: ``quoted_tweet_tweetid`` is set. A quote adds a new text to someone else's
       tweet, which is what makes it a quote even when it is also a reply (Twitter's own
       ``quote_count`` counted such tweets as quotes).
    3. ``reply``: ``in_reply_to_tweetid`` or ``in_reply_to_userid`` is set (a reply to a
       deleted tweet may keep only the account).
    4. ``original``: none of these.

    A null ``is_retweet`` counts as false. The expression reads the four columns by name, so
    it works on any frame that has them (``select``, ``with_columns``, ``group_by``, ``over``).

    Returns:
        An expression of dtype [`TWEET_TYPE`][ioarchive.metrics.TWEET_TYPE] named ``tweet_type``,
        one value per row.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"is_retweet": [True, False, False, False],
        ...     "quoted_tweet_tweetid": [None, 7, None, None],
        ...     "in_reply_to_tweetid": [None, 5, 5, None],
        ...     "in_reply_to_userid": [None, None, "1", None]})
        >>> df.select(tweet_type())["tweet_type"].to_list()
        ['retweet', 'quote', 'reply', 'original']
    """

    def kind(name: str) -> pl.Expr:  # an Enum literal: no String column made, then cast
        return pl.lit(name, TWEET_TYPE)

    return (
        pl.when(pl.col("is_retweet").fill_null(False))
        .then(kind("retweet"))
        .when(pl.col("quoted_tweet_tweetid").is_not_null())
        .then(kind("quote"))
        .when(
            pl.col("in_reply_to_tweetid").is_not_null() | pl.col("in_reply_to_userid").is_not_null()
        )
        .then(kind("reply"))
        .otherwise(kind("original"))
        .alias("tweet_type")
    )


def url_domain(column: str | pl.Expr, *, is_list: bool | None = None) -> pl.Expr:
    """Return the lowercase host of a URL, without ``www.``; for a list column, of each element.

    The host is what lies between ``scheme://`` (and any ``user@``) and the port, path, query
    or fragment. A value without a scheme (``example.com/x``) is not a URL and gives null, as
    does a null. Only a leading ``www.`` is removed (``www2.`` or ``m.`` are kept: they may be
    different sites).

    Args:
        column: A String or ``List(String)`` column (name or expression) of URLs.
        is_list: Whether ``column`` is a list column. None decides by the column's name: the
            canonical list columns ``urls``, ``hashtags``, ``user_mentions`` and
            ``poll_choices`` are lists, anything else a string. Give it for a list column
            under another name.

    Returns:
        An expression of the same shape (String per row, or List(String) per row, elements
        without a host null), named like ``column``.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"u": ["https://www.Example.COM:443/a,b?x=1", "not a url", None]})
        >>> df.select(url_domain("u"))["u"].to_list()
        ['example.com', None, None]
        >>> lists = pl.DataFrame({"urls": [["http://du3a.org/x", "https://t.co/1"], []]})
        >>> lists.select(url_domain("urls"))["urls"].to_list()
        [['du3a.org', 't.co'], []]
    """

    def host(url: pl.Expr) -> pl.Expr:
        # _HOST only sees the URLs that need it (the others are null on its side).
        odd = (
            url.str.contains("@", literal=True)
            | url.str.contains("[", literal=True)
            | (url.str.count_matches(":", literal=True) > 1)
        )
        full = pl.when(odd).then(url).str.extract(_HOST, 1)
        found = pl.when(odd).then(full).otherwise(url.str.extract(_PLAIN_HOST, 1))
        return found.str.to_lowercase().str.strip_prefix("www.")

    e = to_expr(column)
    if is_list is None:
        name = e.meta.output_name(raise_if_undetermined=False)
        is_list = name in LIST_COLUMNS
    return e.list.eval(host(pl.element())) if is_list else host(e)


def gini(column: str | pl.Expr) -> pl.Expr:
    """Return the Gini coefficient of non-negative values (0 = equal, towards 1 = concentrated).

    ``G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n`` over the ``n`` values sorted
    ascending (``i`` from 1); its maximum for ``n`` values is ``(n - 1) / n``. Nulls are
    ignored; an empty or all-zero input gives null.

    Args:
        column: A numeric column (name or expression): counts per account, per hashtag, ...

    Returns:
        A Float64 expression named like ``column`` that aggregates to one value (per group in
        ``group_by().agg``, broadcast over each group in ``over``).

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"x": [1, 1, 1, 1]}).select(gini("x")).item()
        0.0
        >>> pl.DataFrame({"x": [0, 0, 0, 10]}).select(gini("x")).item()
        0.75
        >>> df = pl.DataFrame({"g": ["a", "a", "b", "b"], "x": [1, 1, 0, 4]})
        >>> df.group_by("g").agg(gini("x")).sort("g").rows()
        [('a', 0.0), ('b', 0.5)]
    """
    # The position in ascending order is the ordinal rank (ties: equal values, so any order of
    # them gives the same sum). Ranking instead of sorting keeps the expression free of order
    # (a sorted copy beside unsorted ones has been merged wrongly by common-subexpression
    # elimination on the in-memory engine of Polars 2.1).
    x = to_expr(column).drop_nulls().cast(pl.Float64)
    n = x.len().cast(pl.Float64)
    rank = x.rank("ordinal").cast(pl.Float64)
    total = x.sum()
    g = pl.when(total > 0).then(2 * (rank * x).sum() / (n * total) - (n + 1) / n)
    return named_like(g, column, "gini")


def entropy(column: str | pl.Expr, *, base: float = 2.0) -> pl.Expr:
    """Return the Shannon entropy of a distribution given by non-negative counts or weights.

    ``H = -sum(p_i * log(p_i))`` with ``p_i = x_i / sum(x)``; zero counts add nothing. For
    ``n`` values it lies between 0 (one value holds everything) and ``log(n)`` (all equal).

    Args:
        column: A numeric column (name or expression) of counts, e.g. tweets per value.
        base: The logarithm's base (2 gives bits, ``math.e`` nats).

    Returns:
        A Float64 expression named like ``column`` that aggregates to one value; null for an
        empty or all-zero input.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"n": [5, 5, 5, 5]}).select(entropy("n")).item()
        2.0
        >>> pl.DataFrame({"n": [7, 0]}).select(entropy("n")).item()
        0.0
    """
    x = to_expr(column).drop_nulls().cast(pl.Float64)
    p = x / x.sum()
    terms = pl.when(p > 0).then(p * p.log(base)).otherwise(0.0)
    return named_like(pl.when(x.sum() > 0).then(-terms.sum() + 0.0), column, "entropy")
