"""Tests of content."""

from __future__ import annotations

import collections
import math
from typing import Any

import polars as pl
import pytest

from ioarchive import metrics, synthetic
from tests.metrics.common import ranked, rows


def test_top_hashtags_and_domains(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    counter = collections.Counter(h for r in rows(truth) for h in (r["hashtags"] or []))
    out = metrics.top(tweets, "hashtags", k=3).collect()
    assert out.select("value", "count").rows() == ranked(counter, 3)
    assert out["rank"].to_list() == [1, 2, 3]
    assert out["share"].to_list() == pytest.approx(
        [n / counter.total() for _, n in ranked(counter, 3)]
    )
    from urllib.parse import urlsplit

    hosts = collections.Counter(
        (urlsplit(u).hostname or "").removeprefix("www.")
        for r in rows(truth)
        for u in r["urls"] or []
    )
    domains = metrics.top(tweets, metrics.url_domain("urls"), k=10).collect()
    assert domains.select("value", "count").rows() == ranked(hosts, 10)


@pytest.mark.parametrize("column", ["tweet_client_name", "tweet_language", "user_mentions"])
def test_top_by_campaign_matches_counter(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, column: str
) -> None:
    def values(r: dict[str, Any]) -> list[Any]:
        v = r[column]
        return [x for x in v if x is not None] if isinstance(v, list) else [v] if v else []

    counter = collections.Counter(x for r in rows(truth) for x in values(r))
    out = metrics.top(tweets, column, k=1000, by="campaign").collect()
    assert out.height == len(counter)
    assert out.select("value", "count").rows() == ranked(counter, 1000)
    assert out["rank"].to_list() == list(range(1, len(counter) + 1))
    assert math.isclose(out["share"].sum(), 1.0)


def test_top_breaks_ties_by_value() -> None:
    lf = pl.LazyFrame({"g": ["x", "x", "x", "y", "x"], "v": ["b", "a", "c", "z", "c"]})
    assert metrics.top(lf, "v", k=2, by="g").collect().select(
        "g", "value", "count", "rank"
    ).rows() == [
        ("x", "c", 2, 1),
        ("x", "a", 1, 2),
        ("y", "z", 1, 1),
    ]


def test_concentration_matches_python(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    for column in ("tweet_client_name", "hashtags"):
        counts = collections.Counter(
            x
            for r in rows(truth)
            for x in (r[column] if column == "hashtags" else [r[column]]) or []
        )
        total = counts.total()
        out = metrics.concentration(tweets, column).collect().row(0, named=True)
        assert out["values"] == total
        assert out["distinct"] == len(counts)
        ordered = sorted(counts.values())
        n = len(ordered)
        g = 2 * sum((i + 1) * x for i, x in enumerate(ordered)) / (n * total) - (n + 1) / n
        assert math.isclose(out["gini"], g, abs_tol=1e-12)
        assert math.isclose(out["herfindahl"], sum((c / total) ** 2 for c in counts.values()))
        assert math.isclose(
            out["entropy"], -sum(c / total * math.log2(c / total) for c in counts.values())
        )


def test_concentration_extremes_by_group() -> None:
    lf = pl.LazyFrame({"g": ["one"] * 3 + ["even"] * 4, "c": ["x"] * 3 + ["a", "b", "c", "d"]})
    out = metrics.concentration(lf, "c", by="g").collect()
    assert out.rows() == [("even", 4, 4, 0.0, 0.25, 2.0), ("one", 3, 1, 0.0, 1.0, 0.0)]


def test_concentration_of_nothing_is_null() -> None:
    # No value counted: every measure is null (Herfindahl, a sum of nothing, had been 0.0,
    # outside its documented [1/distinct, 1]).
    lf = pl.LazyFrame({"c": [None, None]}, schema={"c": pl.String})
    assert metrics.concentration(lf, "c").collect().rows() == [(0, 0, None, None, None)]
