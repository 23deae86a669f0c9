"""Content metrics: the most frequent values of a column, and how concentrated they are."""

from __future__ import annotations

import polars as pl

from ioarchive.metrics._expr import By, entropy, gini, keys

__all__ = ["concentration", "top"]


def _values(lf: pl.LazyFrame, column: str | pl.Expr, group: list[str]) -> pl.LazyFrame:
    """One row per value occurrence (list columns exploded), nulls dropped, named ``value``."""
    expr = pl.col(column) if isinstance(column, str) else column
    values = lf.select(*group, expr.alias("value"))
    if isinstance(values.collect_schema()["value"], pl.List):
        values = values.explode("value")
    return values.filter(pl.col("value").is_not_null())


def _counts(lf: pl.LazyFrame, column: str | pl.Expr, group: list[str]) -> pl.LazyFrame:
    return _values(lf, column, group).group_by(*group, "value").agg(pl.len().alias("count"))


def top(lf: pl.LazyFrame, column: str | pl.Expr, /, *, k: int = 20, by: By = None) -> pl.LazyFrame:
    """The ``k`` most frequent values of a scalar or list column.

    List columns (``hashtags``, ``urls``, ``user_mentions``) count each element. Ties are broken
    by value, ascending, so the result is deterministic.

    Args:
        lf: Tweets (or any frame).
        column: A column name or expression, e.g. ``"hashtags"``, ``"tweet_client_name"`` or
            ``metrics.url_domain("urls")``.
        k: How many values per group.
        by: Grouping columns; None for the whole frame.

    Returns:
        Up to ``k`` rows per group: the ``by`` columns, ``value`` (the column's dtype),
        ``count`` (UInt32), ``share`` (Float64: of the group's non-null values), ``rank``
        (UInt32, from 1); sorted by group then rank.

    Examples:
        >>> import polars as pl
        >>> lf = pl.LazyFrame({"hashtags": [["a", "b"], ["a"], None, ["c"]]})
        >>> top(lf, "hashtags", k=2).collect().rows()
        [('a', 2, 0.5, 1), ('b', 1, 0.25, 2)]
    """
    group = keys(by)
    counts = _counts(lf, column, group)
    total = pl.col("count").sum().over(group) if group else pl.col("count").sum()
    ordered = counts.sort(
        *group, pl.col("count"), "value", descending=[False] * len(group) + [True, False]
    )
    rank = pl.int_range(1, pl.len() + 1, dtype=pl.UInt32)
    return (
        ordered.with_columns(
            (pl.col("count") / total).alias("share"),
            (rank.over(group) if group else rank).alias("rank"),
        )
        .filter(pl.col("rank") <= k)
        .with_columns(pl.col("count").cast(pl.UInt32))
        .select(*group, "value", "count", "share", "rank")
        .sort(*group, "rank")
    )


def concentration(lf: pl.LazyFrame, column: str | pl.Expr, /, *, by: By = None) -> pl.LazyFrame:
    """How concentrated a column's values are: Gini, Herfindahl and entropy of their counts.

    Args:
        lf: Tweets (or any frame).
        column: A scalar or list column name or expression (lists count each element).
        by: Grouping columns; None for the whole frame.

    Returns:
        One row per group: the ``by`` columns, ``values`` (UInt32: occurrences counted),
        ``distinct`` (UInt32), ``gini`` (Float64, 0 equal to 1 concentrated), ``herfindahl``
        (Float64: sum of squared shares, 1/distinct to 1), ``entropy`` (Float64, bits).

    Examples:
        >>> import polars as pl
        >>> lf = pl.LazyFrame({"client": ["a", "a", "b", "b"]})
        >>> concentration(lf, "client").collect().row(0)
        (4, 2, 0.0, 0.5, 1.0)
    """
    group = keys(by)
    share = pl.col("count") / pl.col("count").sum()
    stats = [
        pl.col("count").sum().cast(pl.UInt32).alias("values"),
        pl.len().cast(pl.UInt32).alias("distinct"),
        gini("count").alias("gini"),
        (share**2).sum().alias("herfindahl"),
        entropy("count").alias("entropy"),
    ]
    counts = _counts(lf, column, group)
    if group:
        return counts.group_by(group).agg(stats).sort(group)
    return counts.select(stats)
