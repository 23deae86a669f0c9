"""The one-page campaign report: every number, figure and table of a campaign in one HTML file.

[`report`][ioarchive.reporting.report] writes a single self-contained HTML file for one campaign
or several side by side (one column each): the campaign's numbers (accounts, hashed share,
tweets, span, languages, clients, tweet types), every figure of
[`ioarchive.plot`][ioarchive.plot], the top tables, the internal and external references of
[`identity.references`][ioarchive.identity.references], the parameters used and the ioarchive
version. Figures are inline SVG (``data:`` URIs); the page makes no request (its Content
Security Policy forbids any), so it opens offline and can be mailed as it is. Every value from
the data is HTML-escaped.

It needs the ``plot`` extra (``pip install 'ioarchive[plot]'``) for the figures. The command
line runs it as ``ioarchive report ROOT --campaign C [--campaign D] -o FILE.html``.

Examples:
    >>> import tempfile, pathlib
    >>> import ioarchive
    >>> catalog = ioarchive.discover(ioarchive.synthetic.demo_archive_path())
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "iran.html"
    >>> ioarchive.report([catalog["iran_202012"], catalog["iran_092020"]], out) == out
    True
    >>> page = out.read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), "iran_092020" in page, "http://" in page
    (True, True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, get_args

import polars as pl

from ioarchive import _report_html as h
from ioarchive import _report_sections as part
from ioarchive import identity, metrics, plot
from ioarchive import network as net
from ioarchive._fs import replacing
from ioarchive._report_sections import TOPS, Campaign, Params
from ioarchive._version import __version__
from ioarchive.exceptions import SourceNotFoundError
from ioarchive.metrics._checks import check_at_least, check_duration, check_time_zone
from ioarchive.plot._style import Events, event_times, require
from ioarchive.schema import USER_SCHEMA

__all__ = ["ReportSource", "report"]


class ReportSource(Protocol):
    """What [`report`][ioarchive.reporting.report] reads: a campaign name and lazy tweets and users.

    [`ioarchive.Dataset`][ioarchive.discovery.Dataset] is one (a dataset of a mirror); so is any
    object with these members, such as a dataset of a Parquet store.
    """

    @property
    def campaign(self) -> str:
        """The campaign id."""
        ...

    def tweets(self) -> pl.LazyFrame:
        """The campaign's tweets in the canonical schema."""
        ...

    def users(self) -> pl.LazyFrame:
        """The campaign's users in the canonical schema."""
        ...


def _users(source: ReportSource) -> tuple[pl.LazyFrame, bool]:
    try:
        return source.users(), True
    except SourceNotFoundError:
        empty = pl.LazyFrame(schema=USER_SCHEMA)
        return empty.with_columns(pl.lit(source.campaign).alias("campaign")), False


def _collect(source: ReportSource, p: Params) -> Campaign:
    tweets = source.tweets()
    users, has_users = _users(source)
    if getattr(source, "_backend", None) is None:
        # CSV: Polars does not share one scan between plans that read different columns, so
        # each file is parsed once into memory here (a store's Parquet is cheaper to re-read).
        tweets, users = tweets.cache(), users.cache()
    plans = {
        "summary": metrics.summary(tweets, users),
        "activity": metrics.activity(tweets, every=p.every, fill_gaps=True),
        "profile": metrics.posting_profile(tweets, tz=p.tz),
        "cohorts": metrics.creation_cohorts(users, every=p.cohort_every),
        "batches": metrics.batch_creation(users, min_accounts=p.min_accounts),
        "latency": metrics.retweet_latency(tweets).select("latency_seconds"),
        "references": identity.references(tweets, users)
        .group_by("kind", "class")
        .agg(pl.len().cast(pl.UInt32).alias("n")),
        **{f"top_{name}": metrics.top(tweets, plot.TOP_COLUMNS[name], k=p.k) for name in TOPS},
        **{
            f"distinct_{name}": metrics.concentration(tweets, plot.TOP_COLUMNS[name]).select(
                "distinct"
            )
            for name in ("languages", "clients")
        },
    }
    if p.coordination is not None:
        plans["edges"] = net.co_action(
            tweets,
            on=p.coordination,
            window=p.window,
            min_weight=p.min_weight,
        )
        # What group_summary reads, taken from the same read of the tweets.
        plans["grouped"] = tweets.select("tweetid", "userid", "tweet_time", "hashtags", "urls")
    # One collect_all: Polars shares the scans the plans have in common.
    frames = dict(zip(plans, pl.collect_all(list(plans.values())), strict=True))  # eager: drawn
    groups = None
    if p.coordination is not None:
        edges = frames["edges"].lazy()
        membership = net.groups(edges)
        grouped = frames["grouped"].lazy()
        groups = net.group_summary(membership, grouped, edges=edges).collect()  # eager: shown
    summary = frames["summary"].to_dicts()
    return Campaign(
        name=source.campaign,
        copy=h.copy(getattr(source, "hashed", None)),
        has_users=has_users,
        summary=summary[0] if summary else {},
        distinct={
            name: (frames[f"distinct_{name}"]["distinct"].to_list() or [None])[0]
            for name in ("languages", "clients")
        },
        activity=frames["activity"],
        profile=frames["profile"],
        cohorts=frames["cohorts"],
        batches=frames["batches"],
        latency=frames["latency"],
        tops={name: frames[f"top_{name}"] for name in TOPS},
        references=frames["references"],
        edges=frames.get("edges"),
        groups=groups,
    )


def _check_coordination(coordination: str | None, window: str, min_weight: int) -> None:
    kinds = get_args(net.On)
    if coordination is not None and coordination not in kinds:
        raise ValueError(f"coordination={coordination!r}: use one of {', '.join(kinds)} or None")
    check_at_least("min_weight", min_weight, 1)
    if window != "auto":
        net.window_ms(window)  # raises ValueError naming a bad window


def _check(*, every: str, cohort_every: str, tz: str, k: int, min_accounts: int) -> None:
    """Raise ValueError naming a bad parameter, its value and what is accepted: before any work."""
    check_at_least("k", k, 1)
    check_at_least("min_accounts", min_accounts, 1)
    check_duration("every", every)
    check_duration("cohort_every", cohort_every)
    check_time_zone("tz", tz)


def report(
    datasets: ReportSource | Sequence[ReportSource],
    path: str | Path,
    /,
    *,
    every: str = "1w",
    cohort_every: str = "1mo",
    tz: str = "UTC",
    k: int = 10,
    min_accounts: int = 5,
    events: Events | None = None,
    title: str | None = None,
    coordination: net.On | None = "retweet",
    window: str = "60s",
    min_weight: int = 2,
) -> Path:
    """Write the one-page HTML report of one campaign or several side by side.

    Args:
        datasets: A dataset (``catalog["iran_202012"]``) or several, one column each.
        path: The HTML file to write (its folder must exist).
        every: The period of the activity figure (a Polars duration: ``"1d"``, ``"1w"``).
        cohort_every: The period of the account-creation figure.
        tz: The IANA time zone of the posting-hours heatmap.
        k: How many values in each top table and figure.
        min_accounts: A day with at least this many accounts created is a batch-creation day.
        events: Dates to mark on the activity figures (see [`activity`][ioarchive.plot.activity]).
        title: The page's title (default: names the campaigns).
        coordination: What accounts must share to be linked in the coordination section (an
            ``on`` of [`network.co_action`][ioarchive.network.co_action]: ``"retweet"``,
            ``"tweet"``, ``"url"``, ...); None leaves the section out.
        window: The co-action time window (``"60s"``).
        min_weight: The least edge weight kept.

    Returns:
        ``path``, as a `Path`, once written.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        ValueError: No dataset is given, ``k`` or ``min_accounts`` is below 1, ``every`` or
            ``cohort_every`` is not a positive Polars duration, ``tz`` not a time zone, or
            ``coordination``, ``window`` or ``min_weight`` not what co-action takes.

    Examples:
        >>> import tempfile, pathlib
        >>> import ioarchive
        >>> dataset = ioarchive.discover(ioarchive.synthetic.demo_archive_path())["ira"]
        >>> out = ioarchive.report(dataset, pathlib.Path(tempfile.mkdtemp()) / "ira.html")
        >>> "<h2>Retweet latency</h2>" in out.read_text(encoding="utf-8")
        True
    """
    sources = [datasets] if not isinstance(datasets, Sequence) else list(datasets)
    if not sources:
        raise ValueError("report needs at least one dataset")
    _check(every=every, cohort_every=cohort_every, tz=tz, k=k, min_accounts=min_accounts)
    _check_coordination(coordination, window, min_weight)
    require()  # before any work: the figures need matplotlib
    params = Params(
        every,
        cohort_every,
        tz,
        k,
        min_accounts,
        event_times(events),
        coordination,
        window,
        min_weight,
    )
    campaigns = [_collect(source, params) for source in sources]
    names = ", ".join(c.name for c in campaigns)
    sections = [
        part.numbers(campaigns, params),
        *part.plots(campaigns, params),
        *part.tops(campaigns, params),
        part.references(campaigns, params),
        *([part.coordination(campaigns, params)] if coordination is not None else []),
        part.parameters(campaigns, params, __version__),
    ]
    version = __version__
    page = h.page(
        title or f"Campaign report: {names}",
        f"Twitter information-operations archive · {len(campaigns)} "
        f"campaign{'s' if len(campaigns) > 1 else ''} · ioarchive {version}",
        sections,
        f"Generated by ioarchive {version}. Figures and tables are computed from the data "
        "files; the page makes no network request.",
    )
    out = Path(path)
    with replacing(out) as draft:  # whole or not at all
        draft.write_text(page, encoding="utf-8")
    return out
