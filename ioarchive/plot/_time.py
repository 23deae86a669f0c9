"""Figures of time: activity over time, the posting heatmap, retweet latency (private module)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import polars as pl

from ioarchive import metrics
from ioarchive.plot._style import (
    COLUMN_WIDTH,
    EVENT,
    OKABE_ITO,
    SEQUENTIAL,
    TICK_SIZE,
    By,
    Events,
    Frame,
    date_axis,
    date_numbers,
    empty,
    event_times,
    legend,
    materialise,
    naive_utc,
    new_figure,
    period_word,
    require,
    single_group,
    style_axes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["activity", "posting_heatmap", "retweet_latency"]

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MARKS = ((60.0, "1 min"), (3600.0, "1 h"), (86400.0, "1 day"), (7 * 86400.0, "1 week"))


def activity(
    data: Frame,
    /,
    *,
    every: str = "1d",
    by: By = "campaign",
    events: Events | None = None,
    title: str | None = None,
    width: float = COLUMN_WIDTH,
    height: float = 2.4,
) -> Figure:
    """Draw tweets per period over time, one line per group (e.g. per campaign).

    Args:
        data: The result of `ioarchive.metrics.activity` (columns ``period``,
            ``tweets`` and any ``by`` columns), or tweets, from which it is computed with
            ``every``, ``by`` and ``fill_gaps=True``.
        every: The period (a Polars duration); it names the axis, and is used to compute.
        by: Grouping columns, used only when computing from tweets; every column of the
            result besides ``period`` and ``tweets`` makes one line per value.
        events: Dates to mark with a dashed line and a label, e.g.
            ``{"2020-11-03": "US election"}`` (times in UTC).
        title: The title (default: what is counted, per what period).
        width: Figure width in inches (default: a paper's column).
        height: Figure height in inches.

    Returns:
        A `matplotlib.figure.Figure` with one Axes: one line per group (``gid``
        ``"activity"``, labelled with the group's values), x the period's start in UTC, y the
        tweets; each event a dashed vertical line (``gid`` ``"event"``). Nothing is shown.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> from ioarchive import metrics, plot
        >>> days = [dt.datetime(2020, 1, d, 9, tzinfo=dt.UTC) for d in (1, 1, 3)]
        >>> tweets = pl.LazyFrame({"campaign": ["a", "a", "a"], "tweet_time": days})
        >>> fig = plot.activity(tweets, events={"2020-01-02": "launch"})
        >>> line = fig.axes[0].lines[0]
        >>> line.get_label(), line.get_ydata().tolist()
        ('a', [2, 0, 1])
    """
    require()  # first: say what to install before any work
    frame = materialise(
        data,
        ("period", "tweets"),
        lambda lf: metrics.activity(lf, every=every, by=by, fill_gaps=True),
    )
    word = period_word(every)
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    style_axes(
        ax,
        title=title or f"Tweets per {word}",
        xlabel="Date (UTC)",
        ylabel=f"Tweets per {word}",
    )
    group = [c for c in frame.columns if c not in ("period", "tweets")]
    if frame.is_empty():
        empty(ax, "No tweet with a time")
        return fig
    frame = frame.sort(*group, "period", nulls_last=True)
    series = frame.partition_by(group, maintain_order=True) if group else [frame]
    for number, part in enumerate(series):
        values = part.select(group).row(0) if group else ()
        label = ", ".join("(none)" if v is None else str(v) for v in values)
        ax.plot(
            naive_utc(part["period"]),
            part["tweets"].to_numpy(),
            color=OKABE_ITO[number % len(OKABE_ITO)],
            linewidth=1.0,
            label=label or "tweets",
            gid="activity",
        )
    for when, text in event_times(events):
        at = float(date_numbers(when))
        ax.axvline(at, color=EVENT, linestyle="--", linewidth=0.7, gid="event")
        ax.text(
            at,
            0.98,
            f" {text}",
            transform=ax.get_xaxis_transform(),
            rotation=90,
            ha="right",
            va="top",
            fontsize=TICK_SIZE - 1,
            color=EVENT,
            parse_math=False,
            gid="event",
        )
    date_axis(ax)
    if len(series) > 1:
        ax.set_ylim(bottom=0, top=float(frame["tweets"].max() or 1) * 1.4)  # type: ignore[arg-type]
        legend(ax, loc="upper left", ncols=min(len(series), 3), handlelength=1.2)
    else:
        ax.set_ylim(bottom=0)
    return fig


def posting_heatmap(
    data: Frame,
    /,
    *,
    tz: str = "UTC",
    value: str = "share",
    title: str | None = None,
    width: float = COLUMN_WIDTH,
    height: float = 2.0,
) -> Figure:
    """Draw the hour x weekday heatmap of posting in a time zone: when the accounts post.

    Args:
        data: The result of [`metrics.posting_profile`][ioarchive.metrics.posting_profile]
            for one group (columns ``weekday``, ``hour``, ``tweets``, ``share``), or tweets,
            from which it is computed in ``tz`` over the whole frame (filter first for one
            campaign).
        tz: The IANA time zone of the hours; it names the axes, and is used to compute.
        value: ``"share"`` (of the group's tweets) or ``"tweets"`` (counts).
        title: The title (default: names the time zone).
        width: Figure width in inches.
        height: Figure height in inches.

    Returns:
        A `matplotlib.figure.Figure`: one image (``gid`` ``"heatmap"``) of 7 rows
        (Monday first) by 24 columns (hour 0 to 23) whose values are ``value``, and its
        colour bar.

    Raises:
        ValueError: ``value`` is neither, or the result holds several groups.

    Examples:
        >>> import polars as pl, datetime as dt
        >>> from ioarchive import plot
        >>> tweets = pl.LazyFrame({"tweet_time": [dt.datetime(2020, 1, 6, 23, tzinfo=dt.UTC)]})
        >>> fig = plot.posting_heatmap(tweets, tz="Asia/Tehran", value="tweets")
        >>> cells = fig.axes[0].images[0].get_array()
        >>> cells.shape, float(cells[1, 2])  # Tuesday, 02:00 in Tehran
        ((7, 24), 1.0)
    """
    require()  # first: say what to install before any work
    if value not in ("share", "tweets"):
        raise ValueError(f"value must be 'share' or 'tweets', got {value!r}")
    frame = materialise(
        data, ("weekday", "hour", "tweets"), lambda lf: metrics.posting_profile(lf, tz=tz)
    )
    single_group(frame, ("weekday", "hour", "tweets", "share"), "posting_heatmap")
    import numpy as np
    from matplotlib.ticker import PercentFormatter

    cells = np.zeros((7, 24))
    weekday = frame["weekday"].cast(pl.Int64).to_numpy() - 1
    hour = frame["hour"].cast(pl.Int64).to_numpy()
    cells[weekday, hour] = frame[value].cast(pl.Float64).fill_null(0.0).to_numpy()
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    style_axes(
        ax,
        title=title or f"When the accounts post ({tz})",
        xlabel=f"Hour of day ({tz})",
        ylabel="",
        grid=None,
    )
    image = ax.imshow(
        cells,
        aspect="auto",
        cmap=SEQUENTIAL,
        interpolation="nearest",
        vmin=0,
        gid="heatmap",
    )
    ax.set_yticks(range(7), WEEKDAYS)
    ax.set_xticks(range(0, 24, 3))
    bar = fig.colorbar(image, ax=ax, pad=0.02, fraction=0.05)
    bar.ax.tick_params(labelsize=TICK_SIZE, length=2, width=0.5)
    bar.outline.set_linewidth(0.5)
    if value == "share":
        bar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=1))
    bar.set_label("Share of tweets" if value == "share" else "Tweets", fontsize=TICK_SIZE)
    return fig


def retweet_latency(
    data: Frame,
    /,
    *,
    bins_per_decade: int = 5,
    title: str | None = None,
    width: float = COLUMN_WIDTH,
    height: float = 2.2,
) -> Figure:
    """Draw the distribution of retweet latencies on a log scale.

    Retweeting on cue shows as a mass of latencies of seconds; organic retweets spread over
    hours and days. Latencies that are null (a pre-snowflake id) or not positive cannot be
    placed on a log scale and are left out; the title counts what is drawn.

    Args:
        data: The result of [`metrics.retweet_latency`][ioarchive.metrics.retweet_latency] (column
            ``latency_seconds``), or tweets, from which it is computed.
        bins_per_decade: Histogram bins per factor of ten (bins have equal width on the log
            axis, edges at powers of ten).
        title: The title (default: says how many retweets are drawn).
        width: Figure width in inches.
        height: Figure height in inches.

    Returns:
        A `matplotlib.figure.Figure`: one step histogram (``gid`` ``"latency"``, a
        `matplotlib.patches.StepPatch` whose ``get_data()`` gives the counts and the
        edges in seconds), x on a log scale, with dotted reference lines at a minute, an
        hour, a day and a week where they fall in range.

    Examples:
        >>> import polars as pl
        >>> from ioarchive import plot
        >>> latencies = pl.DataFrame({"latency_seconds": [2.0, 3.0, 5000.0, None]})
        >>> fig = plot.retweet_latency(latencies, bins_per_decade=1)
        >>> counts, edges, _ = fig.axes[0].patches[0].get_data()
        >>> counts.tolist(), edges.tolist()
        ([2, 0, 0, 1], [1.0, 10.0, 100.0, 1000.0, 10000.0])
    """
    require()  # first: say what to install before any work
    import numpy as np

    frame = materialise(data, ("latency_seconds",), metrics.retweet_latency)
    seconds = frame["latency_seconds"].drop_nulls()
    positive = seconds.filter(seconds > 0).to_numpy()
    left_out = frame.height - positive.size
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    note = f" ({left_out:,} without a latency not shown)" if left_out else ""
    style_axes(
        ax,
        title=title or f"Retweet latency, {positive.size:,} retweets{note}",
        xlabel="Seconds from tweet to retweet (log scale)",
        ylabel="Retweets per bin",
    )
    if positive.size == 0:
        empty(ax, "No retweet with a known latency")
        return fig
    low = math.floor(math.log10(positive.min()))
    high = max(math.ceil(math.log10(positive.max())), low + 1)
    edges = np.logspace(low, high, (high - low) * bins_per_decade + 1)
    counts, _ = np.histogram(positive, bins=edges)
    ax.stairs(counts, edges, fill=True, color=OKABE_ITO[0], alpha=0.85, gid="latency")
    ax.set_xscale("log")
    ax.set_xlim(edges[0], edges[-1])
    for at, text in _MARKS:
        if edges[0] < at < edges[-1]:
            ax.axvline(at, color=EVENT, linestyle=":", linewidth=0.7, gid="mark")
            ax.text(
                at,
                0.98,
                f" {text}",
                transform=ax.get_xaxis_transform(),
                fontsize=TICK_SIZE - 1,
                color=EVENT,
                va="top",
                gid="mark",
            )
    return fig
