"""Metrics against independent references: plain Python over the same data, hand-computed values
on tiny frames, the synthetic writer's ground truth; every metric on both engines."""

from __future__ import annotations

import ast
import collections
import csv
import datetime as dt
import itertools
import math
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import ioarchive
from ioarchive import metrics, synthetic
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS
from tests.samples import ENGINES, EngineName

UTC = dt.UTC


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    return synthetic.write_campaign(
        tmp_path_factory.mktemp("metrics"),
        "m_202012",
        n_accounts=40,
        n_tweets=2000,
        seed=31,
        days=60,
        bursty_accounts=2,
        pre_snowflake_tweets=20,
    )


@pytest.fixture(scope="module")
def tweets(truth: synthetic.CampaignTruth) -> pl.LazyFrame:
    return pl.LazyFrame(truth.tweets)


def rows(truth: synthetic.CampaignTruth) -> list[dict[str, Any]]:
    return truth.tweets.to_dicts()


def py_type(row: dict[str, Any]) -> str:
    """The documented precedence, in plain Python: retweet > quote > reply > original."""
    if row["is_retweet"]:
        return "retweet"
    if row["quoted_tweet_tweetid"] is not None:
        return "quote"
    if row["in_reply_to_tweetid"] is not None or row["in_reply_to_userid"] is not None:
        return "reply"
    return "original"


def ranked(counter: collections.Counter[Any], k: int) -> list[tuple[Any, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def tiny(rows_: list[dict[str, Any]]) -> pl.LazyFrame:
    return pl.LazyFrame(rows_, schema=TWEET_SCHEMA)


# --- both engines, on real-sized, group-less, null-keyed and empty inputs -------------------

Metric = Callable[[pl.LazyFrame, pl.LazyFrame], pl.LazyFrame]
METRIC_CALLS: dict[str, Metric] = {
    "activity": lambda t, u: metrics.activity(t, every="1d", by="userid", fill_gaps=True),
    "activity_whole": lambda t, u: metrics.activity(t, every="1w", fill_gaps=True),
    "activity_exact": lambda t, u: metrics.activity(
        t.with_columns(metrics.exact_time().alias("exact")), every="6h", time="exact"
    ),
    "posting_profile": lambda t, u: metrics.posting_profile(t, tz="Asia/Tehran", by="campaign"),
    "posting_profile_whole": lambda t, u: metrics.posting_profile(t, tz="America/New_York"),
    "tweet_types": lambda t, u: metrics.tweet_types(t, by="userid"),
    "tweet_types_whole": lambda t, u: metrics.tweet_types(t),
    "top": lambda t, u: metrics.top(t, "hashtags", k=5, by="userid"),
    "top_scalar": lambda t, u: metrics.top(t, "tweet_client_name", k=3),
    "top_domains": lambda t, u: metrics.top(t, metrics.url_domain("urls"), k=4, by="campaign"),
    "concentration": lambda t, u: metrics.concentration(t, "tweet_client_name", by="campaign"),
    "concentration_list": lambda t, u: metrics.concentration(t, "hashtags"),
    "account_activity": lambda t, u: metrics.account_activity(t),
    "creation_cohorts": lambda t, u: metrics.creation_cohorts(u, every="1y", fill_gaps=True),
    "creation_cohorts_by": lambda t, u: metrics.creation_cohorts(u, every="1mo", by="campaign"),
    "batch_creation": lambda t, u: metrics.batch_creation(u, min_accounts=1, by="campaign"),
    "engagement": lambda t, u: metrics.engagement(t, by="tweet_language"),
    "engagement_whole": lambda t, u: metrics.engagement(t),
    "burstiness": lambda t, u: metrics.burstiness(t, min_tweets=5),
    "burstiness_whole": lambda t, u: metrics.burstiness(t, by=None, min_tweets=5),
    "retweet_latency": lambda t, _: metrics.retweet_latency(t),
    "summary": metrics.summary,
    "expressions": lambda t, _: (
        t.group_by("userid")
        .agg(
            metrics.gini(pl.col("like_count")).alias("gini"),
            metrics.entropy("retweet_count").alias("entropy"),
            (metrics.tweet_type() == "retweet").sum().alias("retweets"),
            metrics.exact_time().max().alias("last"),
        )
        .sort("userid")
    ),
}


def inputs(truth: synthetic.CampaignTruth, kind: str) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    t, u = pl.LazyFrame(truth.tweets), pl.LazyFrame(truth.users)
    if kind == "null-campaign":  # what scan_tweets gives without campaign=
        no = pl.lit(None, pl.String).alias("campaign")
        return t.with_columns(no), u.with_columns(no)
    if kind == "empty":
        return t.head(0), u.head(0)
    return t, u


@pytest.mark.parametrize("kind", ["truth", "null-campaign", "empty"])
@pytest.mark.parametrize("name", sorted(METRIC_CALLS))
def test_streaming_equals_in_memory(name: str, kind: str, truth: synthetic.CampaignTruth) -> None:
    frame = METRIC_CALLS[name](*inputs(truth, kind))
    assert isinstance(frame, pl.LazyFrame)
    streaming = frame.collect(engine="streaming")
    assert_frame_equal(streaming, frame.collect(engine="in-memory"))
    if kind != "empty":
        assert streaming.height > 0


def test_null_group_keys_are_a_group(truth: synthetic.CampaignTruth) -> None:
    t, _ = inputs(truth, "null-campaign")
    daily = metrics.activity(t, by="campaign", fill_gaps=True).collect()
    assert daily["campaign"].null_count() == daily.height
    assert daily["tweets"].sum() == truth.tweets.height
    profile = metrics.posting_profile(t, by="campaign").collect()
    assert profile.height == 168
    assert profile["tweets"].sum() == truth.tweets.height
    types = metrics.tweet_types(t, by="campaign").collect()
    assert dict(zip(types["tweet_type"], types["tweets"], strict=True)) == truth.type_counts


def test_public_names_are_documented() -> None:
    assert metrics.__all__ == sorted(metrics.__all__)
    for name in metrics.__all__:
        obj = getattr(metrics, name)
        if callable(obj) and not isinstance(obj, pl.DataType):
            assert obj.__doc__
            assert ">>>" in obj.__doc__, name


# --- expressions ----------------------------------------------------------------------------


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


@pytest.mark.parametrize("engine", ENGINES)
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


# --- activity -------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_activity_matches_counter_and_truth(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, engine: EngineName
) -> None:
    daily = metrics.activity(tweets, every="1d").collect(engine=engine)
    assert daily.schema == pl.Schema(
        [("period", pl.Datetime("us", "UTC")), ("tweets", pl.UInt32())]
    )
    expected = collections.Counter(r["tweet_time"].date() for r in rows(truth))
    assert {p.date(): n for p, n in daily.iter_rows()} == dict(expected)
    assert_frame_equal(
        daily.select(pl.col("period").dt.date().alias("day"), "tweets"),
        truth.daily_counts.with_columns(pl.col("tweets").cast(pl.UInt32)),
    )


@pytest.mark.parametrize("every", ["1w", "1mo", "6h"])
def test_activity_by_account_matches_counter(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, every: str
) -> None:
    def start(t: dt.datetime) -> dt.datetime:
        if every == "1w":
            day = t.date() - dt.timedelta(days=t.weekday())
            return dt.datetime.combine(day, dt.time(), UTC)
        if every == "1mo":
            return dt.datetime(t.year, t.month, 1, tzinfo=UTC)
        return t.replace(hour=t.hour - t.hour % 6, minute=0, second=0, microsecond=0)

    out = metrics.activity(tweets, every=every, by="userid").collect()
    expected = collections.Counter((r["userid"], start(r["tweet_time"])) for r in rows(truth))
    assert {(u, p): n for u, p, n in out.iter_rows()} == dict(expected)
    assert out.select("userid", "period").rows() == sorted(expected)


def test_activity_fill_gaps_by_group() -> None:
    t = [dt.datetime(2020, 1, d, 5, tzinfo=UTC) for d in (1, 4, 2, 2)]
    lf = pl.LazyFrame({"campaign": ["a", "a", "b", "b"], "tweet_time": t})
    out = metrics.activity(lf, by="campaign", fill_gaps=True).collect()
    assert out.select("campaign", pl.col("period").dt.day(), "tweets").rows() == [
        ("a", 1, 1),
        ("a", 2, 0),
        ("a", 3, 0),
        ("a", 4, 1),
        ("b", 2, 2),
    ]
    hourly = metrics.activity(lf, every="1h").collect()
    assert hourly["tweets"].to_list() == [1, 2, 1]
    monthly = metrics.activity(
        pl.LazyFrame({"tweet_time": [dt.datetime(2020, 1, 31, tzinfo=UTC), None]}).with_columns(
            pl.col("tweet_time").cast(pl.Datetime("us", "UTC"))
        ),
        every="1mo",
    ).collect()
    assert monthly.rows() == [(dt.datetime(2020, 1, 1, tzinfo=UTC), 1)]  # null time not counted


def test_activity_fill_gaps_is_complete(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.activity(tweets, every="1d", by="userid", fill_gaps=True).collect()
    assert out["tweets"].sum() == truth.tweets.height
    for (user,), g in out.group_by("userid"):
        times = [r["tweet_time"].date() for r in rows(truth) if r["userid"] == user]
        days = (max(times) - min(times)).days + 1
        assert g.height == days
        assert g["period"].diff().drop_nulls().eq(dt.timedelta(days=1)).all()


# --- posting profile, tweet types -----------------------------------------------------------


@pytest.mark.parametrize("tz", ["Asia/Tehran", "America/New_York", "UTC"])
def test_posting_profile_matches_python(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame, tz: str
) -> None:
    out = metrics.posting_profile(tweets, tz=tz, by="campaign").collect()
    assert out.height == 168
    assert out.schema == pl.Schema(
        {
            "campaign": pl.String,
            "weekday": pl.Int8,
            "hour": pl.Int8,
            "tweets": pl.UInt32,
            "share": pl.Float64,
        }
    )
    zone = ZoneInfo(tz)
    local = [r["tweet_time"].astimezone(zone) for r in rows(truth)]
    expected = collections.Counter((t.isoweekday(), t.hour) for t in local)
    got = {(w, h): n for _, w, h, n, _ in out.iter_rows() if n}
    assert got == dict(expected)
    assert math.isclose(out["share"].sum(), 1.0)
    assert out.select("weekday", "hour").rows() == [(w, h) for w in range(1, 8) for h in range(24)]


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


# --- content --------------------------------------------------------------------------------


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


# --- accounts -------------------------------------------------------------------------------


def test_account_activity_matches_python(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.account_activity(tweets).collect()
    by_user: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in rows(truth):
        by_user[r["userid"]].append(r)
    assert out.height == len(by_user)
    assert out["userid"].to_list() == sorted(by_user)
    for row in out.iter_rows(named=True):
        mine = by_user[row["userid"]]
        days = {r["tweet_time"].date() for r in mine}
        kinds = collections.Counter(py_type(r) for r in mine)
        assert row["campaign"] == truth.campaign
        assert row["tweets"] == len(mine)
        assert row["active_days"] == len(days)
        assert math.isclose(row["tweets_per_active_day"], len(mine) / len(days))
        for kind in metrics.TWEET_TYPE.categories:
            assert math.isclose(row[f"share_{kind}"], kinds[kind] / len(mine))
        assert row["first_tweet"] == min(r["tweet_time"] for r in mine)
        assert row["last_tweet"] == max(r["tweet_time"] for r in mine)


def test_creation_cohorts_match_counter(truth: synthetic.CampaignTruth) -> None:
    users = pl.LazyFrame(truth.users)
    dates = truth.users["account_creation_date"].drop_nulls().to_list()
    yearly = metrics.creation_cohorts(users, every="1y").collect()
    assert {p.year: n for p, n in yearly.iter_rows()} == dict(
        collections.Counter(d.year for d in dates)
    )
    monthly = metrics.creation_cohorts(users, every="1mo", fill_gaps=True).collect()
    expected = collections.Counter(d.replace(day=1) for d in dates)
    assert {p: n for p, n in monthly.iter_rows() if n} == dict(expected)
    first, last = min(expected), max(expected)
    assert monthly.height == (last.year - first.year) * 12 + last.month - first.month + 1
    assert monthly.schema == pl.Schema({"period": pl.Date, "accounts": pl.UInt32})


def test_batch_creation_hand_computed() -> None:
    days = [dt.date(2019, 5, 1)] * 4 + [dt.date(2019, 5, 2)] * 2 + [dt.date(2019, 7, 1), None]
    users = pl.LazyFrame(
        {"campaign": ["a"] * 6 + ["b", "b"], "account_creation_date": days},
    )
    whole = metrics.batch_creation(users, min_accounts=2).collect()
    assert whole.rows() == [
        (dt.date(2019, 5, 1), 4, pytest.approx(4 / 7)),
        (dt.date(2019, 5, 2), 2, pytest.approx(2 / 7)),
    ]
    by = metrics.batch_creation(users, min_accounts=1, by="campaign").collect()
    assert by.select("campaign", "accounts", "share").rows() == [
        ("a", 4, pytest.approx(4 / 6)),
        ("a", 2, pytest.approx(2 / 6)),
        ("b", 1, 1.0),
    ]


# --- engagement -----------------------------------------------------------------------------


def test_engagement_leaves_retweets_out(
    truth: synthetic.CampaignTruth, tweets: pl.LazyFrame
) -> None:
    out = metrics.engagement(tweets).collect().row(0, named=True)
    own = [r for r in rows(truth) if not r["is_retweet"]]
    assert out["tweets"] == len(own)
    for name in ("like", "retweet", "reply", "quote"):
        values = [r[f"{name}_count"] for r in own if r[f"{name}_count"] is not None]
        assert out[f"{name}_sum"] == sum(values)
        assert math.isclose(out[f"{name}_mean"], statistics.fmean(values))
        assert out[f"{name}_median"] == statistics.median(values)
    with_retweets = statistics.fmean(r["like_count"] or 0 for r in rows(truth))
    assert out["like_mean"] > with_retweets


def test_engagement_hand_computed_by_group() -> None:
    lf = tiny(
        [
            {"userid": "a", "is_retweet": False, "like_count": 1, "retweet_count": 4},
            {"userid": "a", "is_retweet": False, "like_count": None, "retweet_count": 0},
            {"userid": "a", "is_retweet": True, "like_count": 0, "retweet_count": 0},
            {"userid": "a", "is_retweet": False, "like_count": 6, "retweet_count": 2},
            {"userid": "b", "is_retweet": True, "like_count": None},
        ]
    )
    out = metrics.engagement(lf, by="userid").collect()
    assert out["userid"].to_list() == ["a"]  # b posted only retweets
    a = out.row(0, named=True)
    assert (a["tweets"], a["like_sum"], a["like_mean"], a["like_median"]) == (3, 7, 3.5, 3.5)
    assert (a["retweet_sum"], a["retweet_mean"], a["retweet_median"]) == (6, 2.0, 2.0)
    assert out.schema["like_sum"] == pl.Int64
    assert out.schema["like_median"] == pl.Float64


# --- timing ---------------------------------------------------------------------------------


def snowflake(seconds: float) -> int:
    return (round(seconds * 1000) - SNOWFLAKE_EPOCH_MS + 1_600_000_000_000) << 22


def test_burstiness_hand_computed() -> None:
    regular = [snowflake(s) for s in (0, 10, 20, 30, 40)]
    bursty = [snowflake(s) for s in (0, 1, 2, 3, 1000)]
    lf = pl.LazyFrame(
        {
            "userid": ["r"] * 5 + ["b"] * 5 + ["few"] * 2 + ["r"],
            "tweetid": [*regular, *bursty, *regular[:2], 12345],  # a pre-snowflake id: no time
        },
        schema_overrides={"tweetid": pl.UInt64},
    )
    out = metrics.burstiness(lf, min_tweets=5).collect()
    assert out["userid"].to_list() == ["b", "r"]
    r = out.row(1, named=True)
    assert (r["tweets"], r["mean_gap_seconds"], r["std_gap_seconds"], r["burstiness"], r["cv"]) == (
        5,
        10.0,
        0.0,
        -1.0,
        0.0,
    )
    gaps = [1.0, 1.0, 1.0, 997.0]
    m, s = statistics.fmean(gaps), statistics.pstdev(gaps)
    b = out.row(0, named=True)
    assert math.isclose(b["burstiness"], (s - m) / (s + m))
    assert math.isclose(b["cv"], s / m)
    whole = metrics.burstiness(lf, by=None, min_tweets=2).collect()
    assert whole.columns == ["tweets", "mean_gap_seconds", "std_gap_seconds", "cv", "burstiness"]
    assert whole["tweets"].item() == 12


def test_burstiness_matches_python(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.burstiness(tweets, min_tweets=10).collect()
    times: dict[str, list[int]] = collections.defaultdict(list)
    for r in rows(truth):
        if r["tweetid"] >= 30_000_000_000:
            times[r["userid"]].append((r["tweetid"] >> 22) + SNOWFLAKE_EPOCH_MS)
    expected = {}
    for user, ms in times.items():
        if len(ms) >= 10:
            ms.sort()
            gaps = [(b - a) / 1000 for a, b in itertools.pairwise(ms)]
            m, s = statistics.fmean(gaps), statistics.pstdev(gaps)
            expected[user] = (len(ms), m, s, (s - m) / (s + m))
    got = {u: (n, m, s, b) for u, n, m, s, _, b in out.iter_rows()}
    assert got.keys() == expected.keys()
    for user, values in expected.items():
        assert got[user] == pytest.approx(values, rel=1e-9)


@pytest.mark.parametrize("engine", ENGINES)
def test_burstiness_finds_planted_bursts(tmp_path: Path, engine: EngineName) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "burst_202012", n_accounts=20, n_tweets=1500, seed=5, bursty_accounts=3
    )
    assert len(truth.bursty_accounts) == 3
    scanned = ioarchive.scan_tweets(truth.tweet_files, campaign=truth.campaign)
    out = metrics.burstiness(scanned, min_tweets=10).collect(engine=engine)
    ranked_users = out.sort("burstiness", descending=True)["userid"].to_list()
    assert set(ranked_users[:3]) == truth.bursty_accounts
    scores = dict(zip(out["userid"], out["burstiness"], strict=True))
    assert all(scores[u] > 0.5 for u in truth.bursty_accounts)
    assert all(abs(scores[u]) < 0.3 for u in scores if u not in truth.bursty_accounts)


def test_retweet_latency_matches_ids(truth: synthetic.CampaignTruth, tweets: pl.LazyFrame) -> None:
    out = metrics.retweet_latency(tweets).collect()
    retweets = [r for r in rows(truth) if r["is_retweet"] and r["retweet_tweetid"] is not None]
    assert out.height == len(retweets)
    assert out["tweetid"].to_list() == [r["tweetid"] for r in retweets]  # input order kept
    expected = [((r["tweetid"] >> 22) - (r["retweet_tweetid"] >> 22)) / 1000 for r in retweets]
    assert out["latency_seconds"].to_list() == pytest.approx(expected)
    assert (out["latency_seconds"] > 0).all()


def test_retweet_latency_hand_computed() -> None:
    source = snowflake(0)
    lf = tiny(
        [
            {"tweetid": snowflake(0.25), "is_retweet": True, "retweet_tweetid": source},
            {"tweetid": snowflake(90), "is_retweet": True, "retweet_tweetid": 20},  # 2006 source
            {"tweetid": snowflake(5), "is_retweet": True},  # source unknown: no row
            {"tweetid": snowflake(6), "is_retweet": False, "retweet_tweetid": source},
        ]
    )
    out = metrics.retweet_latency(lf).collect()
    assert out["latency_seconds"].to_list() == [0.25, None]
    assert out.columns == [
        "campaign",
        "tweetid",
        "userid",
        "retweet_tweetid",
        "retweet_userid",
        "latency_seconds",
    ]


# --- summary --------------------------------------------------------------------------------


def test_summary_matches_truth(tmp_path: Path) -> None:
    a = synthetic.write_campaign(tmp_path / "a", "a_202012", n_tweets=300, seed=1)
    b = synthetic.write_campaign(
        tmp_path / "b", "b_201901", era=Era.TWEETS_2019, n_tweets=200, seed=2
    )
    tweets = pl.LazyFrame(pl.concat([a.tweets, b.tweets]))
    users = pl.LazyFrame(pl.concat([a.users, b.users]))
    out = metrics.summary(tweets, users).collect()
    assert out["campaign"].to_list() == ["a_202012", "b_201901"]
    for row, t in zip(out.iter_rows(named=True), (a, b), strict=True):
        accounts = t.users.height
        assert row["accounts"] == accounts
        assert math.isclose(row["hashed_share"], len(t.hashed_accounts) / accounts)
        assert math.isclose(row["never_tweeted_share"], len(t.never_tweeted) / accounts)
        assert row["tweets"] == t.tweets.height
        assert row["first_tweet"] == t.tweets["tweet_time"].min()
        assert row["last_tweet"] == t.tweets["tweet_time"].max()
        for kind in metrics.TWEET_TYPE.categories:
            assert math.isclose(row[f"share_{kind}"], t.type_counts[kind] / t.tweets.height)
        langs = collections.Counter(t.tweets["tweet_language"].drop_nulls().to_list())
        assert row["top_languages"] == [k for k, _ in ranked(langs, 3)]


def test_summary_hand_computed() -> None:
    b64 = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="
    users = pl.LazyFrame(
        [
            {"campaign": "c", "userid": "123"},
            {"campaign": "c", "userid": "f" * 64},
            {"campaign": "c", "userid": b64},
            {"campaign": "c", "userid": "F" * 64},  # uppercase hex: not a hash of the archive
            {"campaign": "quiet", "userid": "9"},
        ],
        schema=USER_SCHEMA,
    )
    t0 = dt.datetime(2020, 1, 1, tzinfo=UTC)
    tweets = tiny(
        [
            {"campaign": "c", "userid": "123", "tweet_time": t0, "tweet_language": "en"},
            {"campaign": "c", "userid": "123", "tweet_time": t0, "tweet_language": "ar",
             "is_retweet": True},
            {"campaign": "c", "userid": b64, "tweet_time": t0, "tweet_language": "ar"},
            {"campaign": "c", "userid": "777", "tweet_language": "ru",  # not in the users file
             "tweet_time": t0 + dt.timedelta(days=3), "quoted_tweet_tweetid": 1},
        ]
    )  # fmt: skip
    out = metrics.summary(tweets, users).collect()
    c, quiet = out.rows(named=True)
    assert c == {
        "campaign": "c",
        "accounts": 5,
        "hashed_share": 2 / 5,
        "never_tweeted_share": 2 / 5,
        "tweets": 4,
        "first_tweet": t0,
        "last_tweet": t0 + dt.timedelta(days=3),
        "top_languages": ["ar", "en", "ru"],
        "share_original": 0.5,
        "share_retweet": 0.25,
        "share_reply": 0.0,
        "share_quote": 0.25,
    }
    assert quiet["tweets"] == 0
    assert quiet["never_tweeted_share"] == 1.0
    assert quiet["top_languages"] == []
    assert quiet["share_original"] is None


# --- the files themselves, read with the csv module -----------------------------------------


def test_metrics_on_scanned_files_match_csv_module(truth: synthetic.CampaignTruth) -> None:
    """An independent path: the CSV files parsed by Python's csv module, not the truth frame."""
    records: list[dict[str, str]] = []
    for path in truth.tweet_files:
        with path.open(newline="", encoding="utf-8") as f:
            records += list(csv.DictReader(f))
    scanned = ioarchive.scan_tweets(truth.tweet_files, campaign=truth.campaign)

    daily = metrics.activity(scanned, every="1d").collect()
    expected_days = collections.Counter(r["tweet_time"][:10] for r in records)
    assert {str(p.date()): n for p, n in daily.iter_rows()} == dict(expected_days)

    def kind(r: dict[str, str]) -> str:
        if r["is_retweet"].lower() in {"true", "1"}:
            return "retweet"
        if r["quoted_tweet_tweetid"]:
            return "quote"
        return "reply" if r["in_reply_to_tweetid"] or r["in_reply_to_userid"] else "original"

    types = metrics.tweet_types(scanned).collect()
    expected_types = dict.fromkeys(metrics.TWEET_TYPE.categories, 0)
    expected_types.update(collections.Counter(kind(r) for r in records))
    assert dict(types.select("tweet_type", "tweets").iter_rows()) == expected_types
    hashtags = collections.Counter(
        h for r in records if r["hashtags"] for h in ast.literal_eval(r["hashtags"])
    )
    top = metrics.top(scanned, "hashtags", k=5).collect()
    assert top.select("value", "count").rows() == ranked(hashtags, 5)
    clients = collections.Counter(r["tweet_client_name"] for r in records)
    assert metrics.top(scanned, "tweet_client_name", k=3).collect().select(
        "value", "count"
    ).rows() == ranked(clients, 3)


def test_describe_a_campaign_page_is_current() -> None:
    """The docs page is the output of its script: regenerate it when a metric changes."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "describe_campaign", root / "docs" / "scripts" / "describe_campaign.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (root / "docs" / "describe-a-campaign.md").read_text(
        encoding="utf-8"
    ), "run: python docs/scripts/describe_campaign.py"
