"""Small Polars helpers shared by every stage (private)."""

from __future__ import annotations

import polars as pl


def to_expr(column: str | pl.Expr) -> pl.Expr:
    """Return a column name as ``pl.col(name)``; an expression unchanged."""
    return pl.col(column) if isinstance(column, str) else column


def output_name(column: str | pl.Expr, default: str) -> str:
    """Return the output name of a column name or expression, or ``default`` if it has none."""
    return to_expr(column).meta.output_name(raise_if_undetermined=False) or default


def named_like(expr: pl.Expr, column: str | pl.Expr, default: str) -> pl.Expr:
    """Name ``expr`` like its input column (as Polars' own functions do), else ``default``."""
    return expr.alias(output_name(column, default))
