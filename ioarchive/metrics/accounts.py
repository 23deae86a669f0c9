"""Account metrics: creation cohorts and batch creation."""

from __future__ import annotations

import polars as pl

from ioarchive.metrics._checks import check_at_least, check_duration
from ioarchive.metrics._groups import By, fill_periods, keys, share

__all__ = ["batch_creation", "creation_cohorts"]


def creation_cohorts(
    users: pl.LazyFrame, /, *, every: str = "1mo", by: By = None, fill_gaps: bool = False
) -> pl.LazyFrame:
    """Count accounts created per period (from ``account_creation_date``).

    Accounts without a creation date are not counted. A users file has one row per account;
    for tweets, which repeat the author's profile on every row, take
    ``tweets.unique(["campaign", "userid"])`` first.

    Args:
        users: Users in the canonical schema (or any frame with ``account_creation_date``).
        every: A Polars duration (``"1d"``, ``"1w"``, ``"1mo"``, ``"1q"``, ``"1y"``).
        by: Grouping columns; None for the whole frame.
        fill_gaps: Add, with 0, the periods without a new account between each group's first
            and last period.

    Returns:
        One row per group and period: the ``by`` columns, ``period`` (Date, the period's
        start), ``accounts`` (UInt32); sorted by group then period.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> days = [dt.date(2014, 1, 5), dt.date(2014, 1, 9), dt.date(2014, 3, 1)]
        >>> lf = pl.LazyFrame({"account_creation_date": days})
        >>> creation_cohorts(lf, fill_gaps=True).collect()
        shape: (3, 2)
        ┌────────────┬──────────┐
        │ period     ┆ accounts │
        │ ---        ┆ ---      │
        │ date       ┆ u32      │
        ╞════════════╪══════════╡
        │ 2014-01-01 ┆ 2        │
        │ 2014-02-01 ┆ 0        │
        │ 2014-03-01 ┆ 1        │
        └────────────┴──────────┘
    """
    check_duration("every", every)
    group = keys(by)
    counts = (
        users.filter(pl.col("account_creation_date").is_not_null())
        .group_by(*group, pl.col("account_creation_date").dt.truncate(every).alias("period"))
        .agg(pl.len().cast(pl.UInt32).alias("accounts"))
    )
    if fill_gaps:
        span = pl.date_range(pl.col("period").min(), pl.col("period").max(), every)
        counts = fill_periods(counts, group, span, "accounts")
    return counts.sort(*group, "period", nulls_last=True)


def batch_creation(users: pl.LazyFrame, /, *, min_accounts: int = 5, by: By = None) -> pl.LazyFrame:
    """Find the days on which many accounts were created: a sign of bulk registration.

    Organic accounts of an operation trickle in over years; accounts bought or registered in
    bulk share creation days. A day is reported when at least ``min_accounts`` accounts of
    the group were created on it; ``share`` tells how much of the group that day holds.

    Args:
        users: Users in the canonical schema.
        min_accounts: A day is reported when at least this many accounts were created on it.
        by: Grouping columns; None for the whole frame.

    Returns:
        One row per reported group and day: the ``by`` columns, ``day`` (Date), ``accounts``
        (UInt32), ``share`` (Float64 in [0, 1]: of the group's accounts with a creation date);
        sorted by group then day.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> days = [dt.date(2019, 5, 1)] * 3 + [dt.date(2019, 6, 1)]
        >>> lf = pl.LazyFrame({"account_creation_date": days})
        >>> batch_creation(lf, min_accounts=3).collect().rows()
        [(datetime.date(2019, 5, 1), 3, 0.75)]
    """
    check_at_least("min_accounts", min_accounts, 1)
    group = keys(by)
    daily = creation_cohorts(users, every="1d", by=by).rename({"period": "day"})
    return (
        daily.with_columns(share("accounts", group).alias("share"))
        .filter(pl.col("accounts") >= min_accounts)
        .sort(*group, "day", nulls_last=True)
    )
