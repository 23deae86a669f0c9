"""The sections of the campaign report: each renders collected results as HTML (private)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from ioarchive import _report_html as h
from ioarchive import identity, plot
from ioarchive import network as net

TOPS = {
    "hashtags": "Top hashtags",
    "domains": "Top domains (of URLs)",
    "clients": "Top clients",
    "languages": "Top tweet languages",
}
TYPES = {
    "original": "Original tweets",
    "retweet": "Retweets",
    "reply": "Replies",
    "quote": "Quotes",
}


@dataclass(frozen=True)
class Params:
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
class Campaign:
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


def _span(s: dict[str, Any]) -> str:
    first, last = s.get("first_tweet"), s.get("last_tweet")
    if first is None or last is None:
        return ""
    return f"{(last - first).days + 1:,} days"


def _leaders(top: pl.DataFrame, distinct: int | None, n: int = 3) -> str:
    head = [f"{v} ({h.percent(s)})" for v, s in top.head(n).select("value", "share").rows()]
    return f"{h.count(distinct)} distinct" + (f": {', '.join(head)}" if head else "")


def numbers(cs: Sequence[Campaign], p: Params) -> str:
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
            for kind, label in TYPES.items()
        ],
    ]
    note = "" if all(c.has_users for c in cs) else "A campaign without a users file: accounts "
    note += "are its tweets' authors only." if note else ""
    header = ["", *[c.name for c in cs]]
    return h.section("numbers", "The numbers", h.table(header, rows), note)


def _figures(
    cs: Sequence[Campaign], anchor: str, title: str, draw: Any, alt: str, note: str = ""
) -> str:
    cells = [f"<h3>{h.text(c.name)}</h3>{h.figure(draw(c), f'{alt}: {c.name}')}" for c in cs]
    return h.section(anchor, title, h.columns(cells), note)


def plots(cs: Sequence[Campaign], p: Params) -> list[str]:
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


def tops(cs: Sequence[Campaign], p: Params) -> list[str]:
    out = []
    for name, title in TOPS.items():
        cells = [
            f"<h3>{h.text(c.name)}</h3>"
            + h.figure(plot.top_values(c.tops[name], name), f"{title}: {c.name}")
            + _top_table(c.tops[name])
            for c in cs
        ]
        out.append(h.section(f"top-{name}", title, h.columns(cells)))
    return out


def references(cs: Sequence[Campaign], p: Params) -> str:
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


def coordination(cs: Sequence[Campaign], p: Params) -> str:
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


def parameters(cs: Sequence[Campaign], p: Params, version: str) -> str:
    rows = [
        ("Campaigns", ", ".join(c.name for c in cs)),
        ("Activity period (every)", p.every),
        ("Account-creation period (cohort_every)", p.cohort_every),
        ("Time zone of posting hours (tz)", p.tz),
        ("Values in top tables (k)", p.k),
        ("Batch-creation threshold (min_accounts)", p.min_accounts),
        ("Events", "; ".join(f"{w:%Y-%m-%d %H:%M} UTC: {t}" for w, t in p.events) or "none"),
        ("Coordination (co-action, window, min weight)", coordination_rule(p)),
        ("ioarchive", version),
        ("Polars", pl.__version__),
        ("matplotlib", importlib.metadata.version("matplotlib")),
    ]
    return h.section("parameters", "Parameters", h.table(["Parameter", "Value"], rows))


def coordination_rule(p: Params) -> str:
    if p.coordination is None:
        return "not computed"
    return f"co-{p.coordination}, {p.window}, {p.min_weight}"
