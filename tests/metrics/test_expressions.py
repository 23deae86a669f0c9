"""Tests of expressions."""

from __future__ import annotations

import collections
import itertools
import math
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ioarchive import metrics, synthetic
from tests.metrics.common import py_type, rows, tiny
from tests.samples import EngineName


@pytest.mark.parametrize(
    ("is_retweet", "quoted", "reply_tweet", "reply_user"),
    list(itertools.product([True, False, None], [None, 7], [None, 5], [None, "u"])),
)
def test_tweet_type_precedence(
    is_retweet: bool | None, quoted: int | None, reply_tweet: int | None, reply_user: str | None
) -> None:
    row = {
        "is_retweet": is_retweet,
        "quoted_tweet_tweetid": quoted,
        "in_reply_to_tweetid": reply_tweet,
        "in_reply_to_userid": reply_user,
    }
    out = tiny([row]).select(metrics.tweet_type()).collect()
    assert out.schema["tweet_type"] == metrics.TWEET_TYPE
    assert out.item() == py_type(row)


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.Example.COM/a,b?x=1", "example.com"),
        ("http://du3a.org", "du3a.org"),
        ("https://user:pw@News.example.co.uk:8443/p#f", "news.example.co.uk"),
        ("https://www2.example.com/", "www2.example.com"),
        ("https://m.facebook.com/story", "m.facebook.com"),
        ("http://[2001:db8::1]:80/x", "[2001:db8::1]"),
        ("https://user@pass@host.com/", "host.com"),  # userinfo runs to the last "@"
        ("http://a:b@c@example.org:8080/x", "example.org"),
        ("https://user@/path", None),  # no host
        ("HTTPS://WWW.YOUTUBE.COM/watch?v=x", "youtube.com"),
        ("ru-open.livejournal.com/374284.html", None),
        ("", None),
        (None, None),
    ],
)
def test_url_domain(url: str | None, domain: str | None) -> None:
    from urllib.parse import urlsplit

    frame = pl.DataFrame({"u": [url]}, schema={"u": pl.String})
    assert frame.select(metrics.url_domain("u")).item() == domain
    if domain is not None and url is not None:  # the standard library agrees
        host = urlsplit(url).hostname
        assert host is not None
        assert domain.strip("[]") == host.removeprefix("www.")


def test_url_domain_list_columns() -> None:
    frame = pl.DataFrame(
        {
            "urls": [["http://a.com/x", "https://www.B.org"], [], None],
            "links": [["http://c.net"]] * 3,
        }
    )
    out = frame.select(
        metrics.url_domain("urls"),
        metrics.url_domain(pl.col("urls")).alias("by_expr"),
        metrics.url_domain("links", is_list=True),
    )
    assert out.schema == pl.Schema({n: pl.List(pl.String) for n in ("urls", "by_expr", "links")})
    assert out["urls"].to_list() == [["a.com", "b.org"], [], None]
    assert out["by_expr"].to_list() == out["urls"].to_list()
    assert out["links"].to_list() == [["c.net"]] * 3


@pytest.mark.parametrize(
    ("values", "gini", "entropy"),
    [
        ([1, 1, 1, 1], 0.0, 2.0),
        ([0, 0, 0, 10], 0.75, 0.0),
        ([1, 3], 0.25, -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75))),
        ([5], 0.0, 0.0),
        ([2, None, 2], 0.0, 1.0),
        ([0, 0], None, None),
        ([], None, None),
    ],
)
def test_gini_entropy_known_values(
    values: list[int | None], gini: float | None, entropy: float | None
) -> None:
    frame = pl.DataFrame({"x": values}, schema={"x": pl.Int64})
    out = frame.select(metrics.gini("x").alias("g"), metrics.entropy("x").alias("h")).row(0)
    assert out == pytest.approx((gini, entropy))


@given(
    st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=50),
    st.integers(min_value=1, max_value=7),
    st.randoms(use_true_random=False),
)
def test_gini_and_entropy_properties(values: list[int], scale: int, rnd: Any) -> None:
    frame = pl.DataFrame({"x": values})
    g = frame.select(metrics.gini("x")).item()
    h = frame.select(metrics.entropy("x")).item()
    total = sum(values)
    if total == 0:
        assert g is None
        assert h is None
        return
    n = len(values)
    ordered = sorted(values)
    reference = 2 * sum((i + 1) * x for i, x in enumerate(ordered)) / (n * total) - (n + 1) / n
    assert math.isclose(g, reference, abs_tol=1e-9)
    assert -1e-12 <= g <= (n - 1) / n + 1e-12
    shares = [x / total for x in values if x]
    assert math.isclose(h, -sum(p * math.log2(p) for p in shares), abs_tol=1e-9)
    assert -1e-12 <= h <= math.log2(n) + 1e-9
    shuffled = values.copy()
    rnd.shuffle(shuffled)
    scaled = pl.DataFrame({"x": [v * scale for v in shuffled]})
    assert scaled.select(metrics.gini("x")).item() == pytest.approx(g, abs=1e-9)
    assert scaled.select(metrics.entropy("x")).item() == pytest.approx(h, abs=1e-9)


def test_gini_beside_other_aggregates_lazily(engine: EngineName) -> None:
    # Regression: a sort inside gini was merged with the unsorted column by the in-memory
    # engine's common-subexpression elimination (Polars 2.1), giving a wrong, even negative, Gini.
    values = [292, 61, 390, 33, 231, 392, 69, 254, 131]
    ordered, n, total = sorted(values), len(values), sum(values)
    expected = 2 * sum((i + 1) * x for i, x in enumerate(ordered)) / (n * total) - (n + 1) / n
    out = (
        pl.LazyFrame({"x": values})
        .select(
            pl.col("x").sum().alias("total"), metrics.gini("x"), metrics.entropy("x").alias("h")
        )
        .collect(engine=engine)
    )
    assert out["x"].item() == pytest.approx(expected)


def test_gini_and_entropy_per_group_and_over() -> None:
    frame = pl.DataFrame({"g": ["a", "a", "b", "b", "b"], "x": [1, 1, 0, 0, 9]})
    agg = frame.group_by("g").agg(metrics.gini("x"), metrics.entropy("x").alias("h")).sort("g")
    assert agg.rows() == [("a", 0.0, 1.0), ("b", pytest.approx(2 / 3), 0.0)]
    over = frame.select(metrics.gini("x").over("g"))["x"].to_list()
    assert over == [0.0, 0.0, *[pytest.approx(2 / 3)] * 3]


def test_tweet_types_match_truth(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.tweet_types(tweets).collect()
    assert dict(zip(out["tweet_type"], out["tweets"], strict=True)) == truth.type_counts
    assert collections.Counter(py_type(r) for r in rows(truth)) == collections.Counter(
        truth.type_counts
    )
    n = truth.tweets.height
    assert out["share"].to_list() == pytest.approx(
        [truth.type_counts[k] / n for k in out["tweet_type"]]
    )


def test_tweet_types_by_account_has_four_rows_each(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.tweet_types(tweets, by="userid").collect()
    expected = collections.Counter((r["userid"], py_type(r)) for r in rows(truth))
    authors = {r["userid"] for r in rows(truth)}
    assert out.height == 4 * len(authors)
    for user, kind, n, _ in out.iter_rows():
        assert n == expected[(user, kind)]
    sums = out.group_by("userid").agg(pl.col("share").sum())["share"]
    assert sums.to_list() == pytest.approx([1.0] * len(authors))


_URL_PARTS = st.sampled_from(
    [
        "http",
        "HTTPS",
        "x+y.z-1",
        "1a",
        "://",
        ":",
        "/",
        "//",
        "?",
        "#",
        "@",
        "[",
        "]",
        "::1",
        "www.",
        "WWW.",
        "Example.COM",
        "é",
        "a",
        "8080",
        "user:pw",
        "\n",
        " ",
        "",
    ]
)


@given(st.lists(_URL_PARTS, max_size=8).map("".join) | st.text(max_size=30))
def test_url_domain_matches_its_regex(url: str) -> None:
    """The two-pattern host extraction equals the single general pattern on any text."""
    from ioarchive.metrics.expressions import _HOST

    frame = pl.DataFrame({"u": [url, None]}, schema={"u": pl.String})
    expected = frame.select(pl.col("u").str.extract(_HOST, 1).str.to_lowercase())
    expected = expected.select(pl.col("u").str.strip_prefix("www."))
    assert frame.select(metrics.url_domain("u")).equals(expected)
    lists = frame.select(pl.concat_list("u"))
    assert lists.select(metrics.url_domain("u", is_list=True)).to_series().to_list() == [
        [v] for v in expected.to_series().to_list()
    ]
