"""Grouping helpers shared by the frame metrics (private)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

By = str | Sequence[str] | None
"""Grouping columns of a frame metric: one name, several, or None for the whole frame."""

ALL = "__ioarchive_all__"
"""A constant grouping column that stands for "the whole frame" inside a query."""


def fill_periods(counts: pl.LazyFrame, group: list[str], span: pl.Expr, count: str) -> pl.LazyFrame:
    """Add the periods missing between each group's first and last ``period``, with 0.

    Args:
        counts: One row per group and ``period``, with a ``count`` column.
        group: The grouping columns (may be empty; null keys are a group of their own).
        span: The range of periods, built from ``pl.col("period").min()`` and ``.max()``.
        count: The count column to fill with 0.

    Returns:
        ``counts`` with every period of each group's span.
    """
    grid = (
        counts.with_columns(pl.lit(True).alias(ALL))
        .group_by(group or [ALL])
        .agg(span.alias("period"))
        .explode("period")
        .select(*group, "period")
    )
    joined = grid.join(counts, on=[*group, "period"], how="left", nulls_equal=True)
    return joined.with_columns(pl.col(count).fill_null(0))


def keys(by: By) -> list[str]:
    """Return grouping columns as a list (empty for None: the whole frame is one group)."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def share(count: str, group: Sequence[str]) -> pl.Expr:
    """``count`` over its group's total, Float64; null (not NaN) when the total is 0."""
    total = pl.col(count).sum().over(group) if group else pl.col(count).sum()
    return pl.when(total > 0).then(pl.col(count).cast(pl.Float64) / total)
