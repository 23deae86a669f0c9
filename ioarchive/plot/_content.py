"""The top-k bar figure: hashtags, domains, clients, languages (private module)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import polars as pl

from ioarchive import metrics
from ioarchive.plot._style import (
    COLUMN_WIDTH,
    OKABE_ITO,
    TICK_SIZE,
    Frame,
    empty,
    materialise,
    new_figure,
    require,
    single_group,
    style_axes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["TOP_COLUMNS", "top_values"]

TOP_COLUMNS: Mapping[str, str | pl.Expr] = {
    "hashtags": "hashtags",
    "domains": metrics.url_domain("urls"),
    "clients": "tweet_client_name",
    "languages": "tweet_language",
    "mentions": "user_mentions",
}
"""Short names [`top_values`][ioarchive.plot.top_values] accepts for a column of tweets, and
what each counts."""

_PER_TWEET = ("clients", "languages", "tweet_client_name", "tweet_language")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def top_values(
    data: Frame,
    column: str | pl.Expr,
    /,
    *,
    k: int = 10,
    title: str | None = None,
    label_chars: int = 24,
    width: float = COLUMN_WIDTH,
    height: float | None = None,
) -> Figure:
    """Draw the ``k`` most frequent values of a column as horizontal bars, rank 1 on top.

    Args:
        data: The result of [`metrics.top`][ioarchive.metrics.top] for one group (columns ``value``,
            ``count``, ``share``, ``rank``), or tweets, from which it is computed with
            ``column`` and ``k``.
        column: What is counted: a key of [`TOP_COLUMNS`][ioarchive.plot.TOP_COLUMNS]
            (``"hashtags"``, ``"domains"``, ``"clients"``, ``"languages"``, ``"mentions"``), a
            column name or an expression. It names the figure, and is used to compute.
        k: How many values (when computing; a result is drawn whole).
        title: The title (default: ``Top k`` and what is counted).
        label_chars: Longer values are cut to this many characters on the axis.
        width: Figure width in inches.
        height: Figure height in inches (default: grows with the number of bars).

    Returns:
        A `matplotlib.figure.Figure`: one bar per value (a
        `BarContainer` of bars with ``gid`` ``"top"``; bar ``i``
        is rank ``i + 1``, its width the count), the values as y tick labels and each value's
        share of all values at the bar's end.

    Raises:
        ValueError: The result holds several groups.

    Examples:
        >>> import polars as pl
        >>> from ioarchive import plot
        >>> tweets = pl.LazyFrame({"hashtags": [["b", "a"], ["a"], None, ["c"]]})
        >>> fig = plot.top_values(tweets, "hashtags", k=2)
        >>> ax = fig.axes[0]
        >>> [float(bar.get_width()) for bar in ax.containers[0]]
        [2.0, 1.0]
        >>> [label.get_text() for label in ax.get_yticklabels()]
        ['a', 'b']
    """
    require()  # first: say what to install before any work
    name = column if isinstance(column, str) else column.meta.output_name()
    expr = TOP_COLUMNS.get(column, column) if isinstance(column, str) else column
    frame = materialise(
        data, ("value", "count", "rank"), lambda lf: metrics.top(lf, expr, k=k)
    ).sort("rank")
    single_group(frame, ("value", "count", "share", "rank"), "top_values")
    n = frame.height
    fig = new_figure(width, height if height is not None else max(1.4, 0.7 + 0.17 * n))
    ax = fig.add_subplot()
    unit = "Tweets" if name in _PER_TWEET else "Occurrences"
    style_axes(
        ax,
        title=title or f"Top {n} {name}",
        xlabel=f"{unit} (count, % of all)",
        ylabel="",
        grid="x",
    )
    if n == 0:
        empty(ax, f"No {name}")
        return fig
    values = frame["value"].cast(pl.String).fill_null("(null)").to_list()
    bars = ax.barh(range(n), frame["count"].to_numpy(), color=OKABE_ITO[0], height=0.7, gid="top")
    # Values are data: never parsed as mathtext ("$" is common in cashtags and spam).
    ax.set_yticks(range(n), [_shorten(v, label_chars) for v in values], parse_math=False)
    ax.invert_yaxis()
    shares = frame["share"].to_list() if "share" in frame.columns else [None] * n
    ax.bar_label(
        bars,
        labels=["" if s is None else f"{s:.0%}" for s in shares],
        padding=2,
        fontsize=TICK_SIZE - 1,
    )
    ax.margins(x=0.12)
    return fig
