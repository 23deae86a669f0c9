"""Each figure draws exactly its metric's values (read back from the artists), and saves."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

pytest.importorskip("matplotlib", reason="the figures need the plot extra (matplotlib)")

import matplotlib
from matplotlib.container import BarContainer
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import StepPatch

import ioarchive
from ioarchive import metrics, plot
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA

DEMO = ioarchive.synthetic.demo_archive_path()


@pytest.fixture(scope="module")
def catalog() -> ioarchive.Catalog:
    return ioarchive.discover(DEMO)


@pytest.fixture(scope="module")
def tweets(catalog: ioarchive.Catalog) -> pl.LazyFrame:
    return catalog.tweets()


@pytest.fixture(scope="module")
def one(catalog: ioarchive.Catalog) -> pl.LazyFrame:
    return catalog["iran_202012"].tweets()


def data_lines(fig: Figure, gid: str) -> list[Line2D]:
    return [line for line in fig.axes[0].lines if line.get_gid() == gid]


def xs(line: Line2D) -> list[Any]:
    return list(np.asarray(line.get_xdata()))


def ys(line: Line2D) -> list[Any]:
    return list(np.asarray(line.get_ydata()).tolist())


def dnum(values: Any) -> list[float]:
    return list(np.asarray(date2num(values)).tolist())  # type: ignore[no-untyped-call]


def steps(fig: Figure) -> StepPatch:
    (step,) = [p for p in fig.axes[0].patches if p.get_gid() == "latency"]
    assert isinstance(step, StepPatch)
    return step


def naive(series: pl.Series) -> list[np.datetime64]:
    return list(series.dt.replace_time_zone(None).to_numpy())


# --- activity -----------------------------------------------------------------------------


@pytest.mark.parametrize("every", ["1d", "1w", "1mo"])
def test_activity_from_tweets_draws_the_metric(tweets: pl.LazyFrame, every: str) -> None:
    fig = plot.activity(tweets, every=every)
    expected = metrics.activity(tweets, every=every, by="campaign", fill_gaps=True).collect()
    lines = data_lines(fig, "activity")
    assert [line.get_label() for line in lines] == expected["campaign"].unique().sort().to_list()
    for line in lines:
        part = expected.filter(pl.col("campaign") == line.get_label())
        assert xs(line) == naive(part["period"])
        assert ys(line) == part["tweets"].to_list()


@pytest.mark.parametrize("lazy", [True, False])
def test_activity_from_a_result_frame(one: pl.LazyFrame, lazy: bool) -> None:
    result = metrics.activity(one, every="1d")
    fig = plot.activity(result if lazy else result.collect(), every="1d")
    (line,) = data_lines(fig, "activity")
    expected = result.collect()
    assert ys(line) == expected["tweets"].to_list()
    assert xs(line) == naive(expected["period"])
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Tweets per day"
    assert ax.get_xlabel() == "Date (UTC)"
    assert ax.get_ylabel() == "Tweets per day"
    assert ax.get_legend() is None  # one series: nothing to tell apart


def test_activity_events_are_marked(one: pl.LazyFrame) -> None:
    events: dict[dt.date | dt.datetime | str, str] = {
        "2019-06-01": "A",
        dt.date(2019, 3, 1): "B",
        dt.datetime(2019, 9, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=3))): "C",
    }
    fig = plot.activity(one, events=events)
    marks = data_lines(fig, "event")
    assert [xs(line)[0] for line in marks] == dnum(
        [dt.datetime(2019, 3, 1), dt.datetime(2019, 6, 1), dt.datetime(2019, 9, 1, 9)]
    )
    labels = [t.get_text().strip() for t in fig.axes[0].texts if t.get_gid() == "event"]
    assert labels == ["B", "A", "C"]


def test_activity_style_is_okabe_ito_at_column_width(tweets: pl.LazyFrame) -> None:
    fig = plot.activity(tweets, every="1w")
    assert tuple(fig.get_size_inches()) == (plot.COLUMN_WIDTH, 2.4)
    colours = [matplotlib.colors.to_hex(line.get_color()) for line in data_lines(fig, "activity")]
    assert colours == [c.lower() for c in plot.OKABE_ITO[: len(colours)]]
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "ira",
        "iran_092020",
        "iran_201901_1",
        "iran_202012",
    ]


# --- posting heatmap ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["share", "tweets"])
@pytest.mark.parametrize("tz", ["UTC", "Asia/Tehran", "America/New_York"])
def test_heatmap_cells_are_the_posting_profile(one: pl.LazyFrame, tz: str, value: str) -> None:
    fig = plot.posting_heatmap(one, tz=tz, value=value)
    ax = fig.axes[0]
    (image,) = ax.images
    assert image.get_gid() == "heatmap"
    profile = metrics.posting_profile(one, tz=tz).collect()
    expected = np.array(profile.sort("weekday", "hour")[value].to_list(), dtype=float)
    assert np.asarray(image.get_array()).shape == (7, 24)
    assert np.asarray(image.get_array()).ravel().tolist() == expected.tolist()
    assert tz in ax.get_title(loc="left")
    assert ax.get_xlabel() == f"Hour of day ({tz})"
    weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [t.get_text() for t in ax.get_yticklabels()] == weekdays


def test_heatmap_of_a_result_and_its_errors(tweets: pl.LazyFrame) -> None:
    profile = metrics.posting_profile(tweets, tz="Europe/Moscow", by="campaign")
    with pytest.raises(ValueError, match="campaign"):
        plot.posting_heatmap(profile, tz="Europe/Moscow")
    one = profile.filter(pl.col("campaign") == "ira")
    fig = plot.posting_heatmap(one, tz="Europe/Moscow")
    cells = np.asarray(fig.axes[0].images[0].get_array())
    assert cells.sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="value"):
        plot.posting_heatmap(one, value="counts")


# --- creation cohorts ---------------------------------------------------------------------


def planted_users() -> pl.LazyFrame:
    days: list[dt.date | None] = [None]
    days += [dt.date(2014, 1, 5)] * 6 + [dt.date(2014, 1, 20), dt.date(2014, 3, 2)]
    days += [dt.date(2016, 7, 4)] * 5
    return pl.LazyFrame(
        {"campaign": ["x"] * len(days), "account_creation_date": days},
        schema={"campaign": pl.String, "account_creation_date": pl.Date},
    )


@pytest.mark.parametrize("every", ["1mo", "1y", "1w"])
def test_cohort_bars_and_batch_days_are_the_metrics(every: str) -> None:
    users = planted_users()
    fig = plot.creation_cohorts(users, every=every, min_accounts=5)
    ax = fig.axes[0]
    (bars,) = ax.containers
    assert isinstance(bars, BarContainer)
    assert {b.get_gid() for b in bars} == {"cohorts"}
    cohorts = metrics.creation_cohorts(users, every=every).collect()
    assert [b.get_height() for b in bars] == cohorts["accounts"].to_list()
    starts = cohorts["period"]
    assert [b.get_x() for b in bars] == dnum(starts.to_numpy())
    ends = dnum(starts.dt.offset_by(every).to_numpy())
    assert [b.get_x() + b.get_width() for b in bars] == pytest.approx(ends)
    (marks,) = data_lines(fig, "batch")
    batches = metrics.batch_creation(users, min_accounts=5).collect()
    assert ys(marks) == batches["accounts"].to_list() == [6, 5]
    assert xs(marks) == [d + 0.5 for d in dnum(batches["day"].to_numpy())]
    assert "≥ 5 accounts" in str(marks.get_label())


def test_cohorts_from_results_and_without_marks() -> None:
    users = planted_users()
    cohorts = metrics.creation_cohorts(users, every="1y")
    batches = metrics.batch_creation(users, min_accounts=6)
    fig = plot.creation_cohorts(cohorts, every="1y", batches=batches)
    assert [ys(m) for m in data_lines(fig, "batch")] == [[6]]
    assert data_lines(plot.creation_cohorts(cohorts.collect(), every="1y"), "batch") == []
    assert data_lines(plot.creation_cohorts(users, every="1y", min_accounts=None), "batch") == []
    assert data_lines(plot.creation_cohorts(users, min_accounts=50), "batch") == []
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Accounts per year"
    assert ax.get_xlabel() == "Account creation date (UTC)"


# --- top values ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["hashtags", "domains", "clients", "languages", "mentions"])
def test_top_bars_are_the_top_metric(one: pl.LazyFrame, name: str) -> None:
    fig = plot.top_values(one, name, k=6)
    ax = fig.axes[0]
    (bars,) = ax.containers
    assert {b.get_gid() for b in bars} == {"top"}
    expected = metrics.top(one, plot.TOP_COLUMNS[name], k=6).collect()
    assert [b.get_width() for b in bars] == expected["count"].to_list()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    short = [v if len(v) <= 24 else v[:23] + "…" for v in expected["value"].to_list()]
    assert ticks == short
    assert [b.get_y() for b in bars] == sorted(b.get_y() for b in bars)
    assert ax.yaxis_inverted()  # rank 1 on top
    shares = [t.get_text() for t in ax.texts]
    assert shares == [f"{s:.0%}" for s in expected["share"].to_list()]
    assert ax.get_title(loc="left") == f"Top {expected.height} {name}"


def test_top_values_of_a_result_with_hostile_values() -> None:
    values = ["$\\notacommand$", "<script>", "x" * 40]
    lf = pl.LazyFrame({"hashtags": [[v] for v in values] + [[values[0]]]})
    result = metrics.top(lf, "hashtags", k=5).collect()
    fig = plot.top_values(result, "hashtags")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["$\\notacommand$", "<script>", "x" * 23 + "…"]
    fig.savefig(io.BytesIO(), format="svg")  # drawn as text, not mathtext: no error
    by = metrics.top(
        pl.LazyFrame({"c": ["a", "b"], "hashtags": [["x"], ["y"]]}), "hashtags", by="c"
    )
    with pytest.raises(ValueError, match="'c'"):
        plot.top_values(by, "hashtags")


# --- retweet latency ----------------------------------------------------------------------


@pytest.mark.parametrize("bins_per_decade", [1, 5, 10])
def test_latency_histogram_is_the_metric(one: pl.LazyFrame, bins_per_decade: int) -> None:
    fig = plot.retweet_latency(one, bins_per_decade=bins_per_decade)
    ax = fig.axes[0]
    counts, edges, _ = steps(fig).get_data()
    latency = metrics.retweet_latency(one).collect()["latency_seconds"].drop_nulls()
    positive = latency.filter(latency > 0).to_numpy()
    assert counts.sum() == positive.size == latency.len()
    assert counts.tolist() == np.histogram(positive, bins=edges)[0].tolist()
    ratios = edges[1:] / edges[:-1]
    assert ratios == pytest.approx([10 ** (1 / bins_per_decade)] * len(ratios))
    assert ax.get_xscale() == "log"
    assert "log scale" in ax.get_xlabel()
    assert f"{positive.size:,} retweets" in ax.get_title(loc="left")


def test_latency_leaves_out_what_a_log_axis_cannot_show() -> None:
    frame = pl.DataFrame({"latency_seconds": [0.5, 30.0, 30.0, 4000.0, 0.0, -2.0, None]})
    fig = plot.retweet_latency(frame, bins_per_decade=1)
    counts, edges, _ = steps(fig).get_data()
    assert counts.tolist() == [1, 0, 2, 0, 1]
    assert edges.tolist() == [0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0]
    assert "3 without a latency not shown" in fig.axes[0].get_title(loc="left")
    marks = [t.get_text().strip() for t in fig.axes[0].texts if t.get_gid() == "mark"]
    assert marks == ["1 min", "1 h"]


# --- every figure -------------------------------------------------------------------------

FIGURES: dict[str, Callable[[pl.LazyFrame, pl.LazyFrame], Figure]] = {
    "activity": lambda t, u: plot.activity(t, events={"2019-06-01": "event"}),
    "posting_heatmap": lambda t, u: plot.posting_heatmap(t, tz="Asia/Tehran"),
    "creation_cohorts": lambda t, u: plot.creation_cohorts(u, every="1y", min_accounts=1),
    "top_values": lambda t, u: plot.top_values(t, "domains"),
    "retweet_latency": lambda t, u: plot.retweet_latency(t),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_writes_png_and_svg(
    catalog: ioarchive.Catalog, name: str, tmp_path: Path
) -> None:
    dataset = catalog["iran_202012"]
    fig = FIGURES[name](dataset.tweets(), dataset.users())
    assert isinstance(fig, Figure)
    assert fig.get_size_inches()[0] == plot.COLUMN_WIDTH
    png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
    fig.savefig(png, dpi=150)
    fig.savefig(svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 5_000
    assert "<svg" in svg.read_text(encoding="utf-8")[:2_000]
    assert fig.axes[0].get_title(loc="left")
    assert fig.axes[0].get_xlabel()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_of_nothing_says_so(name: str) -> None:
    tweets = pl.LazyFrame(schema=TWEET_SCHEMA)
    users = pl.LazyFrame(schema=USER_SCHEMA)
    fig = FIGURES[name](tweets, users)
    texts = [t for t in fig.axes[0].texts if t.get_gid() == "empty"]
    if name == "posting_heatmap":  # 168 zero cells: a blank map is the truth
        assert np.asarray(fig.axes[0].images[0].get_array()).sum() == 0
    else:
        assert len(texts) == 1
    fig.savefig(io.BytesIO(), format="png")


def test_figures_leave_matplotlib_global_state_alone(tweets: pl.LazyFrame) -> None:
    before = dict(matplotlib.rcParams)
    for build in FIGURES.values():
        build(tweets, pl.LazyFrame(schema=USER_SCHEMA)).savefig(io.BytesIO(), format="svg")
    assert dict(matplotlib.rcParams) == before


def test_no_pyplot_is_imported() -> None:
    code = (
        "import sys, io, ioarchive\n"
        "from ioarchive import plot\n"
        "t = ioarchive.discover(ioarchive.synthetic.demo_archive_path()).tweets()\n"
        "for f in (plot.activity(t), plot.posting_heatmap(t), plot.retweet_latency(t)):\n"
        "    f.savefig(io.BytesIO(), format='png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
