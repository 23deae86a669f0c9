"""The one figure style of ioarchive.plot, and the helpers every figure shares (private).

Every setting is made on the artist it concerns (no pyplot, no change to matplotlib's global
``rcParams``), so a figure looks the same whatever style the caller has set, and drawing one
changes nothing for the caller's own figures.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from ioarchive.exceptions import MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
"""The Okabe-Ito palette (Okabe and Ito 2008), distinguishable with every common colour-vision
deficiency, in the order series take it."""

SEQUENTIAL = "cividis"
"""The colour map of heatmaps: perceptually uniform and readable with colour-vision deficiency."""

COLUMN_WIDTH = 3.5
"""The default figure width in inches: one column of a two-column paper."""

TITLE_SIZE = 9.0
LABEL_SIZE = 8.0
TICK_SIZE = 7.0
GRID = "#DDDDDD"
EVENT = "#555555"

By = str | Sequence[str] | None
"""Grouping columns, as in `ioarchive.metrics`: one name, several, or None."""

Frame = pl.DataFrame | pl.LazyFrame
"""A metric's result or its input, eager or lazy."""

Events = (
    Mapping[dt.date | dt.datetime | str, str] | Sequence[tuple[dt.date | dt.datetime | str, str]]
)
"""Events to annotate on a time axis: ``{when: label}`` or ``[(when, label), ...]``; ``when``
is a date (midnight UTC), a datetime (naive means UTC) or an ISO 8601 string."""

_PERIODS = {"1h": "hour", "1d": "day", "1w": "week", "1mo": "month", "1q": "quarter", "1y": "year"}


def require() -> None:
    """Raise `MissingDependencyError` unless matplotlib can be imported."""
    try:
        importlib.import_module("matplotlib")
        importlib.import_module("matplotlib.figure")
    except ImportError as error:
        raise MissingDependencyError(
            "matplotlib", extra="plot", purpose="drawing figures (ioarchive.plot)"
        ) from error


def new_figure(width: float, height: float) -> Figure:
    """Return an empty figure of the given size (inches), not attached to any GUI or pyplot."""
    require()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained", facecolor="white")


def style_axes(
    ax: Axes,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    grid: Literal["x", "y", "both"] | None = "y",
) -> None:
    """Apply the house style to one Axes: fonts, spines, grid, title and labels."""
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE, length=3, width=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_linewidth(0.6)
    if grid is not None:
        ax.grid(True, axis=grid, color=GRID, linewidth=0.5)
        ax.set_axisbelow(True)
    ax.xaxis.get_offset_text().set_fontsize(TICK_SIZE)
    ax.yaxis.get_offset_text().set_fontsize(TICK_SIZE)


def date_axis(ax: Axes) -> None:
    """Put concise date ticks on the x axis."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=6)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.xaxis.get_offset_text().set_fontsize(TICK_SIZE)


def date_numbers(values: Any) -> Any:
    """Return dates or datetimes (naive: UTC) as matplotlib date numbers (days since 1970)."""
    from matplotlib.dates import date2num

    return date2num(values)  # type: ignore[no-untyped-call]


def legend(ax: Axes, **kwargs: Any) -> None:
    """Add a small, frameless legend (only when there is something to tell apart)."""
    for label in ax.legend(fontsize=TICK_SIZE, frameon=False, **kwargs).get_texts():
        label.set_parse_math(False)  # labels are data (campaign names), not mathtext


def materialise(
    data: Frame, columns: Iterable[str], compute: Callable[[pl.LazyFrame], pl.LazyFrame]
) -> pl.DataFrame:
    """Collect ``data`` if it has ``columns`` (a metric's result), else ``compute(data)``.

    Args:
        data: The metric's result, or its input (tweets, users).
        columns: Columns that only the result has.
        compute: Builds the metric's (lazy) result from its input.

    Returns:
        The result, collected.
    """
    lf = data.lazy()
    # The schema of a scan is declared, so asking for it reads no rows.
    names = set(lf.collect_schema().names())
    plan = lf if set(columns) <= names else compute(lf)
    return plan.collect()  # eager: a figure needs the values it draws


def single_group(frame: pl.DataFrame, data_columns: Iterable[str], what: str) -> pl.DataFrame:
    """Check that ``frame`` holds one group: its extra (``by``) columns have one value each."""
    extra = [c for c in frame.columns if c not in set(data_columns)]
    for column in extra:
        if frame[column].n_unique() > 1:
            values = ", ".join(map(str, frame[column].unique().sort().head(4).to_list()))
            raise ValueError(
                f"{what} draws one group, but column {column!r} has several values ({values}, "
                f"...); filter the frame first, e.g. frame.filter(pl.col({column!r}) == ...)"
            )
    return frame


def naive_utc(times: pl.Series) -> Any:
    """Return dates or datetimes as a numpy array matplotlib reads, datetimes as naive UTC."""
    if isinstance(times.dtype, pl.Datetime) and times.dtype.time_zone is not None:
        times = times.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    return times.to_numpy()


def empty(ax: Axes, message: str) -> None:
    """Say on an Axes that there is nothing to draw."""
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=LABEL_SIZE,
        color=EVENT,
        gid="empty",
    )


def period_word(every: str) -> str:
    """Name a Polars duration for a label: ``"1d"`` gives ``"day"``, ``"6h"`` gives ``"6h"``."""
    return _PERIODS.get(every, every)


def event_times(events: Events | None) -> list[tuple[dt.datetime, str]]:
    """Return events as (naive UTC datetime, label) pairs, sorted by time."""
    if events is None:
        return []
    pairs = list(events.items()) if isinstance(events, Mapping) else list(events)
    out = []
    for when, label in pairs:
        try:
            value: dt.date | dt.datetime = (
                dt.datetime.fromisoformat(when) if isinstance(when, str) else when
            )
        except ValueError:
            raise ValueError(
                f"event {label!r}: {when!r} is not an ISO 8601 date or time (e.g. 2020-11-03)"
            ) from None
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        out.append((value, str(label)))
    return sorted(out, key=lambda pair: pair[0])
