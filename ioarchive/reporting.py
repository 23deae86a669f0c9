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

import datetime as dt
import importlib.metadata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, get_args

import polars as pl

from ioarchive import _report_html as h
from ioarchive import identity, metrics, plot
from ioarchive import network as net
from ioarchive._version import __version__
from ioarchive.exceptions import SourceNotFoundError
from ioarchive.metrics._checks import check_at_least, check_duration, check_time_zone
from ioarchive.plot._style import Events, event_times, require
from ioarchive.schema import USER_SCHEMA

__all__ = ["ReportSource", "report"]

_TOPS = {
    "hashtags": "Top hashtags",
    "domains": "Top domains (of URLs)",
    "clients": "Top clients",
    "languages": "Top tweet languages",
}
_TYPES = {
    "original": "Original tweets",
    "retweet": "Retweets",
    "reply": "Replies",
    "quote": "Quotes",
}


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


@dataclass(frozen=True)
class _Params:
    every: str
    cohort_every: str
    tz: str
    k: int
    min_accounts: int
    events: list[tuple[dt.datetime, str]]
    coordination: net.On | None = "retweet"
    window: str = "60s"
    min_weight: int = 2


@dataclass(frozen=True)
class _Campaign:
    """The collected results of one campaign: every value the page shows."""

    name: str
    copy: str
    has_users: bool
    summary: dict[str, Any]
    distinct: dict[str, int | None]
    activity: pl.DataFrame
    profile: pl.DataFrame
    cohorts: pl.DataFrame
    batches: pl.DataFrame
    latency: pl.DataFrame
    tops: dict[str, pl.DataFrame]
    references: pl.DataFrame
    edges: pl.DataFrame | None = None
    groups: pl.DataFrame | None = None


def _users(source: ReportSource) -> tuple[pl.LazyFrame, bool]:
    try:
        return source.users(), True
    except SourceNotFoundError:
        empty = pl.LazyFrame(schema=USER_SCHEMA)
        return empty.with_columns(pl.lit(source.campaign).alias("campaign")), False


def _collect(source: ReportSource, p: _Params) -> _Campaign:
    tweets = source.tweets()
    users, has_users = _users(source)
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
        **{f"top_{name}": metrics.top(tweets, plot.TOP_COLUMNS[name], k=p.k) for name in _TOPS},
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
    # One collect_all: Polars shares the scans the plans have in common.
    frames = dict(zip(plans, pl.collect_all(list(plans.values())), strict=True))  # eager: drawn
    groups = None
    if p.coordination is not None:
        edges = frames["edges"].lazy()
        membership = net.groups(edges)
        groups = net.group_summary(membership, tweets, edges=edges).collect()  # eager: shown
    summary = frames["summary"].to_dicts()
    return _Campaign(
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
        tops={name: frames[f"top_{name}"] for name in _TOPS},
        references=frames["references"],
        edges=frames.get("edges"),
        groups=groups,
    )


def _span(s: dict[str, Any]) -> str:
    first, last = s.get("first_tweet"), s.get("last_tweet")
    if first is None or last is None:
        return ""
    return f"{(last - first).days + 1:,} days"


def _leaders(top: pl.DataFrame, distinct: int | None, n: int = 3) -> str:
    head = [f"{v} ({h.percent(s)})" for v, s in top.head(n).select("value", "share").rows()]
    return f"{h.count(distinct)} distinct" + (f": {', '.join(head)}" if head else "")


def _numbers(cs: Sequence[_Campaign], p: _Params) -> str:
    rows: list[Sequence[object]] = [
        ["Copy", *[c.copy for c in cs]],
        ["Accounts", *[h.count(c.summary.get("accounts")) for c in cs]],
        ["Hashed accounts", *[h.percent(c.summary.get("hashed_share")) for c in cs]],
        [
            "Accounts that never tweeted",
            *[h.percent(c.summary.get("never_tweeted_share")) for c in cs],
        ],
        ["Tweets", *[h.count(c.summary.get("tweets")) for c in cs]],
        ["First tweet (UTC)", *[h.when(c.summary.get("first_tweet")) for c in cs]],
        ["Last tweet (UTC)", *[h.when(c.summary.get("last_tweet")) for c in cs]],
        ["Span", *[_span(c.summary) for c in cs]],
        ["Tweet languages", *[_leaders(c.tops["languages"], c.distinct["languages"]) for c in cs]],
        ["Clients", *[_leaders(c.tops["clients"], c.distinct["clients"]) for c in cs]],
        *[
            [label, *[h.percent(c.summary.get(f"share_{kind}")) for c in cs]]
            for kind, label in _TYPES.items()
        ],
    ]
    note = "" if all(c.has_users for c in cs) else "A campaign without a users file: accounts "
    note += "are its tweets' authors only." if note else ""
    header = ["", *[c.name for c in cs]]
    return h.section("numbers", "The numbers", h.table(header, rows), note)


def _figures(
    cs: Sequence[_Campaign], anchor: str, title: str, draw: Any, alt: str, note: str = ""
) -> str:
    cells = [f"<h3>{h.text(c.name)}</h3>{h.figure(draw(c), f'{alt}: {c.name}')}" for c in cs]
    return h.section(anchor, title, h.columns(cells), note)


def _plots(cs: Sequence[_Campaign], p: _Params) -> list[str]:
    tz = p.tz
    return [
        _figures(
            cs,
            "activity",
            "Activity over time",
            lambda c: plot.activity(c.activity, every=p.every, events=p.events or None),
            "Tweets over time",
        ),
        _figures(
            cs,
            "posting-hours",
            f"Posting hours ({tz})",
            lambda c: plot.posting_heatmap(c.profile, tz=tz),
            f"Share of tweets by weekday and hour in {tz}",
            "An operation run from an office shows its working hours and days.",
        ),
        _figures(
            cs,
            "account-creation",
            "Account creation",
            lambda c: plot.creation_cohorts(c.cohorts, every=p.cohort_every, batches=c.batches),
            "Accounts created per period",
            f"Triangles mark batch-creation days: at least {p.min_accounts} accounts created "
            "on one day.",
        ),
        _figures(
            cs,
            "retweet-latency",
            "Retweet latency",
            lambda c: plot.retweet_latency(c.latency),
            "Distribution of retweet latencies",
            "Seconds from the retweeted tweet to the retweet, both read from the tweet ids. "
            "Retweeting on cue shows as a mass of latencies of seconds.",
        ),
    ]


def _top_table(top: pl.DataFrame) -> str:
    rows = [
        (rank, value, h.count(count), h.percent(share))
        for rank, value, count, share in top.select("rank", "value", "count", "share").rows()
    ]
    return h.table(["#", "Value", "Count", "Share"], rows, numeric=(True, False, True, True))


def _tops(cs: Sequence[_Campaign], p: _Params) -> list[str]:
    out = []
    for name, title in _TOPS.items():
        cells = [
            f"<h3>{h.text(c.name)}</h3>"
            + h.figure(plot.top_values(c.tops[name], name), f"{title}: {c.name}")
            + _top_table(c.tops[name])
            for c in cs
        ]
        out.append(h.section(f"top-{name}", title, h.columns(cells)))
    return out


def _references(cs: Sequence[_Campaign], p: _Params) -> str:
    classes = identity.REFERENCE_CLASS.categories.to_list()
    cells = []
    for c in cs:
        counts = {(k, cl): n for k, cl, n in c.references.rows()}
        rows = []
        for kind in identity.REFERENCE_KIND.categories.to_list():
            row = [counts.get((kind, cl), 0) for cl in classes]
            total = sum(row)
            external = h.percent(row[1] / total) if total else ""
            rows.append([kind, *map(h.count, row), h.count(total), external])
        header = ["Reference", *classes, "total", "external share"]
        numeric = (False, True, True, True, True, True)
        cells.append(f"<h3>{h.text(c.name)}</h3>" + h.table(header, rows, numeric=numeric))
    note = (
        "Internal: an account of the operation (a campaign account, or any hash: Twitter "
        "hashed only accounts it removed). External: a numeric id outside the campaign. "
        "Unknown: the archive does not name the account."
    )
    return h.section("references", "Internal and external references", h.columns(cells), note)


_GROUPS_SHOWN = 10


def _coordination(cs: Sequence[_Campaign], p: _Params) -> str:
    cells = []
    for c in cs:
        if c.edges is None or c.groups is None:
            continue
        shown = c.groups.sort("accounts", "group", descending=[True, False]).head(_GROUPS_SHOWN)
        rows = [
            [
                h.count(g["group"]),
                h.count(g["accounts"]),
                h.percent(g["hashed_share"]),
                h.count(g["tweets"]),
                f"{h.when(g['first_time'])} to {h.when(g['last_time'])}",
                ", ".join(g["top_hashtags"] or []),
                ", ".join(g["top_domains"] or []),
                "" if g["density"] is None else f"{g['density']:.2f}",
            ]
            for g in shown.iter_rows(named=True)
        ]
        header = ["Group", "accounts", "hashed", "tweets", "span", "hashtags", "domains", "density"]
        numeric = (True, True, True, True, False, False, False, True)
        figure = (
            h.figure(plot.network(c.edges), f"Coordination network of the largest group: {c.name}")
            if c.edges.height
            else ""
        )
        summary = f"{h.count(c.edges.height)} edges, {h.count(c.groups.height)} groups"
        cells.append(
            f"<h3>{h.text(c.name)}</h3><p>{summary}</p>"
            + h.table(header, rows, numeric=numeric)
            + figure
        )
    note = (
        f"Accounts linked when they co-{p.coordination} within {p.window} at least "
        f"{p.min_weight} times (the QUT toolkit's rule: ioarchive.network.co_action); groups "
        "are connected components. Coordination is evidence to examine, not a verdict: fans, "
        "news bots and shared tools co-act too."
    )
    return h.section("coordination", "Coordinated accounts", h.columns(cells), note)


def _parameters(cs: Sequence[_Campaign], p: _Params, version: str) -> str:
    rows = [
        ("Campaigns", ", ".join(c.name for c in cs)),
        ("Activity period (every)", p.every),
        ("Account-creation period (cohort_every)", p.cohort_every),
        ("Time zone of posting hours (tz)", p.tz),
        ("Values in top tables (k)", p.k),
        ("Batch-creation threshold (min_accounts)", p.min_accounts),
        ("Events", "; ".join(f"{w:%Y-%m-%d %H:%M} UTC: {t}" for w, t in p.events) or "none"),
        ("Coordination (co-action, window, min weight)", _coordination_rule(p)),
        ("ioarchive", version),
        ("Polars", pl.__version__),
        ("matplotlib", importlib.metadata.version("matplotlib")),
    ]
    return h.section("parameters", "Parameters", h.table(["Parameter", "Value"], rows))


def _coordination_rule(p: _Params) -> str:
    if p.coordination is None:
        return "not computed"
    return f"co-{p.coordination}, {p.window}, {p.min_weight}"


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
            ``cohort_every`` is not a Polars duration, ``tz`` not a time zone, or
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
    params = _Params(
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
        _numbers(campaigns, params),
        *_plots(campaigns, params),
        *_tops(campaigns, params),
        _references(campaigns, params),
        *([_coordination(campaigns, params)] if coordination is not None else []),
        _parameters(campaigns, params, __version__),
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
    out.write_text(page, encoding="utf-8")
    return out
