"""The account-creation figure: cohorts per period, batch-creation days marked (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ioarchive import metrics
from ioarchive.plot._style import (
    COLUMN_WIDTH,
    OKABE_ITO,
    Frame,
    date_axis,
    date_numbers,
    empty,
    legend,
    new_figure,
    period_word,
    require,
    single_group,
    style_axes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["creation_cohorts"]


def creation_cohorts(
    data: Frame,
    /,
    *,
    every: str = "1mo",
    batches: Frame | None = None,
    min_accounts: int | None = 5,
    title: str | None = None,
    width: float = COLUMN_WIDTH,
    height: float = 2.2,
) -> Figure:
    """Draw accounts created per period, with the batch-creation days marked.

    Args:
        data: The result of
            [`metrics.creation_cohorts`][ioarchive.metrics.creation_cohorts] for one group
            (columns ``period``, ``accounts``), or users (column ``account_creation_date``),
            from which the cohorts are computed with ``every`` over the whole frame, and the
            batch days with [`metrics.batch_creation`][ioarchive.metrics.batch_creation] and
            ``min_accounts``.
        every: The period of the bars (a Polars duration); it names the axis, sets the bars'
            widths, and is used to compute.
        batches: The result of
            [`metrics.batch_creation`][ioarchive.metrics.batch_creation] (columns ``day``,
            ``accounts``) to mark; by default computed from users, none for a cohorts result.
        min_accounts: When computing from users, a day with at least this many new accounts
            is marked; None marks none.
        title: The title (default: what is counted, per what period).
        width: Figure width in inches.
        height: Figure height in inches.

    Returns:
        A `matplotlib.figure.Figure`: one bar per period (a
        `BarContainer` of bars with ``gid`` ``"cohorts"``, each
        from the period's start over its length, in matplotlib date numbers), and the batch
        days as markers (a line with ``gid`` ``"batch"``: x the day, y the accounts created
        that day).

    Examples:
        >>> import polars as pl, datetime as dt
        >>> from ioarchive import plot
        >>> days = [dt.date(2019, 5, 1)] * 3 + [dt.date(2019, 7, 9)]
        >>> users = pl.LazyFrame({"account_creation_date": days})
        >>> fig = plot.creation_cohorts(users, min_accounts=3)
        >>> bars = fig.axes[0].containers[0]
        >>> [float(bar.get_height()) for bar in bars]
        [3.0, 1.0]
        >>> [line.get_ydata().tolist() for line in fig.axes[0].lines if line.get_gid() == "batch"]
        [[3]]
    """
    require()  # first: say what to install before any work
    import numpy as np

    lf = data.lazy()
    # The schema of a scan is declared, so asking for it reads no rows.
    given = {"period", "accounts"} <= set(lf.collect_schema().names())
    if given:
        plans = [lf, *([batches.lazy()] if batches is not None else [])]
    else:
        cohorts_plan = metrics.creation_cohorts(lf, every=every)
        if batches is not None:
            batch_plan: pl.LazyFrame | None = batches.lazy()
        elif min_accounts is not None:
            batch_plan = metrics.batch_creation(lf, min_accounts=min_accounts)
        else:
            batch_plan = None
        plans = [cohorts_plan, *([batch_plan] if batch_plan is not None else [])]
    frames = pl.collect_all(plans)  # eager: a figure needs the values it draws
    cohorts = single_group(frames[0], ("period", "accounts"), "creation_cohorts").sort("period")
    marks = frames[1].sort("day") if len(frames) > 1 else None
    if marks is not None:
        single_group(marks, ("day", "accounts", "share"), "creation_cohorts")

    word = period_word(every)
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    style_axes(
        ax,
        title=title or f"Accounts created per {word}",
        xlabel="Account creation date (UTC)",
        ylabel=f"Accounts per {word}",
    )
    if cohorts.is_empty():
        empty(ax, "No account with a creation date")
        return fig
    starts = cohorts["period"].cast(pl.Date)
    ends = starts.dt.offset_by(every)
    left = date_numbers(starts.to_numpy())
    widths = date_numbers(ends.to_numpy()) - left
    ax.bar(
        left,
        cohorts["accounts"].to_numpy(),
        width=widths,
        align="edge",
        color=OKABE_ITO[0],
        edgecolor="white",
        linewidth=0.3,
        label=f"Accounts created per {word}",
        gid="cohorts",
    )
    if marks is not None and not marks.is_empty():
        threshold = f" (≥ {min_accounts} accounts)" if not given and batches is None else ""
        (mark,) = ax.plot(
            date_numbers(marks["day"].cast(pl.Date).to_numpy()) + 0.5,
            marks["accounts"].to_numpy(),
            linestyle="none",
            marker="v",
            markersize=4,
            color=OKABE_ITO[3],
            markeredgecolor="black",
            markeredgewidth=0.3,
            label=f"Batch-creation day{threshold}",
            gid="batch",
        )
        legend(ax, handles=[mark], loc="upper left")
    ax.xaxis_date()
    date_axis(ax)
    room = 1.35 if marks is not None and not marks.is_empty() else 1.1
    ax.set_ylim(bottom=0, top=max(float(np.max(cohorts["accounts"].to_numpy())), 1.0) * room)
    return fig
