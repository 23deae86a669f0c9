"""Content metrics: the most frequent values of a column, and how concentrated they are."""

from __future__ import annotations

import polars as pl

from ioarchive._polars import to_expr
from ioarchive.metrics._checks import check_at_least
from ioarchive.metrics._groups import By, keys
from ioarchive.metrics.expressions import entropy, gini

__all__ = ["concentration", "top"]


def _counts(tweets: pl.LazyFrame, column: str | pl.Expr, group: list[str]) -> pl.LazyFrame:
    """Occurrences of each non-null value per group, list columns counted element by element.

    ``concat_list`` turns a scalar into a one-element list and leaves a list as it is, so one
    ``explode`` serves both without asking the frame for its schema.
    """
    return (
        tweets.select(*group, pl.concat_list(to_expr(column)).alias("value"))
        .explode("value")
        .filter(pl.col("value").is_not_null())
        .group_by(*group, "value")
        .agg(pl.len().cast(pl.UInt32).alias("count"))
    )


def top(
    tweets: pl.LazyFrame, column: str | pl.Expr, /, *, k: int = 20, by: By = None
) -> pl.LazyFrame:
    """Return the ``k`` most frequent values of a scalar or list column, with count and share.

    A list column (``hashtags``, ``urls``, ``user_mentions``) counts each element: a tweet
    with two hashtags counts once for each. Nulls (a null cell, a null element) are not
    values. Values are case-sensitive as stored; normalise first if needed (e.g.
    each element with ``pl.element().str.to_lowercase()`` in a Polars list evaluation).

    Ties are broken deterministically: by count descending, then by value ascending; ranks
    are 1, 2, 3, ... without gaps, so exactly ``min(k, distinct values)`` rows per group.

    Args:
        tweets: Tweets (or any frame).
        column: A column name or expression, e.g. ``"hashtags"``, ``"tweet_client_name"``,
            ``"tweet_language"`` or ``metrics.url_domain("urls")``.
        k: How many values per group.
        by: Grouping columns; None for the whole frame.

    Returns:
        Up to ``k`` rows per group: the ``by`` columns, ``value`` (the column's dtype, or its
        element dtype for a list), ``count`` (UInt32), ``share`` (Float64 in [0, 1]: of the
        group's counted values, all of them, not only the top ``k``), ``rank`` (UInt32, from
        1); sorted by group then rank.

    Examples:
        >>> import polars as pl
        >>> lf = pl.LazyFrame({"hashtags": [["b", "a"], ["a"], None, ["c"]]})
        >>> top(lf, "hashtags", k=2).collect()
        shape: (2, 4)
        ┌───────┬───────┬───────┬──────┐
        │ value ┆ count ┆ share ┆ rank │
        │ ---   ┆ ---   ┆ ---   ┆ ---  │
        │ str   ┆ u32   ┆ f64   ┆ u32  │
        ╞═══════╪═══════╪═══════╪══════╡
        │ a     ┆ 2     ┆ 0.5   ┆ 1    │
        │ b     ┆ 1     ┆ 0.25  ┆ 2    │
        └───────┴───────┴───────┴──────┘
    """
    check_at_least("k", k, 1)
    group = keys(by)
    counts = _counts(tweets, column, group)
    total = pl.col("count").sum().over(group) if group else pl.col("count").sum()
    rank = pl.struct(-pl.col("count").cast(pl.Int64), "value").rank("ordinal").cast(pl.UInt32)
    return (
        counts.with_columns(
            (pl.col("count") / total).alias("share"),
            (rank.over(group) if group else rank).alias("rank"),
        )
        .filter(pl.col("rank") <= k)
        .select(*group, "value", "count", "share", "rank")
        .sort(*group, "rank", nulls_last=True)
    )


def concentration(tweets: pl.LazyFrame, column: str | pl.Expr, /, *, by: By = None) -> pl.LazyFrame:
    """Measure how concentrated a column's values are: Gini, Herfindahl, entropy of their counts.

    The column's values are counted as in [`top`][ioarchive.metrics.top] (list elements each, nulls
    left out);
    the measures describe the distribution of those counts. One client posting everything
    gives Herfindahl 1 and entropy 0; ``n`` clients used equally give Gini 0, Herfindahl
    ``1/n`` and entropy ``log2(n)``. Gini is over the values that occur (an unused value is
    not seen), so it is 0 for a single value.

    Args:
        tweets: Tweets (or any frame).
        column: A scalar or list column name or expression (lists count each element).
        by: Grouping columns; None for the whole frame.

    Returns:
        One row per group: the ``by`` columns, ``values`` (UInt32: occurrences counted),
        ``distinct`` (UInt32: distinct values), ``gini`` (Float64, in [0, 1)), ``herfindahl``
        (Float64: sum of squared shares, in [1/distinct, 1]), ``entropy`` (Float64, bits, in
        [0, log2(distinct)]); sorted by the ``by`` columns.

    Examples:
        >>> import polars as pl
        >>> lf = pl.LazyFrame({"client": ["a", "a", "b", "b", None]})
        >>> concentration(lf, "client").collect().row(0)
        (4, 2, 0.0, 0.5, 1.0)
    """
    group = keys(by)
    fraction = pl.col("count") / pl.col("count").sum()
    stats = [
        pl.col("count").sum().cast(pl.UInt32).alias("values"),
        pl.len().cast(pl.UInt32).alias("distinct"),
        gini("count").alias("gini"),
        # Null, like Gini and entropy, when nothing was counted (a sum of nothing is 0).
        pl.when(pl.len() > 0).then((fraction**2).sum()).alias("herfindahl"),
        entropy("count").alias("entropy"),
    ]
    counts = _counts(tweets, column, group)
    if group:
        return counts.group_by(group).agg(stats).sort(group, nulls_last=True)
    return counts.select(stats)
