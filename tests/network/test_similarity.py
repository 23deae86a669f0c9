"""Pacheco et al.'s similarity networks, against their published code run on the same traces.

The reference below is the computation of ``osome-iu/coordination-detection`` (case studies 4
and 5: ``calculate_interaction`` and the edge filter), with the same library calls:
scikit-learn's ``TfidfVectorizer`` and ``sparse_dot_topn.sp_matmul_topn``.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from ioarchive import network
from ioarchive.network._actions import action_time
from ioarchive.schema import TWEET_SCHEMA
from tests.network.workload import workload

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
topn = pytest.importorskip("sparse_dot_topn", reason="sparse-dot-topn is a test dependency")

Edge = tuple[str, str, float, int]


def _same(doc: Any) -> Any:
    return doc


def reference(
    traces: Counter[tuple[str, Any]], support_above: int, *, top_n: int = 100, q: float | None
) -> list[Edge]:
    """Pacheco et al.'s code: supports, TF-IDF (min_df 3, else 1), sparse top-n, quantile."""
    supports: Counter[str] = Counter()
    for (user, _), n in traces.items():
        supports[user] += n
    kept = {u: s for u, s in supports.items() if s > support_above}
    by_user: dict[str, list[Any]] = {}
    for (user, feature), n in sorted(traces.items()):
        if user in kept:
            by_user.setdefault(user, []).extend([feature] * n)
    users = [u for u in sorted(by_user) if len(set(by_user[u])) > 1]
    docs = [by_user[u] for u in users]
    options = {"analyzer": "word", "tokenizer": _same, "preprocessor": _same}
    options |= {"token_pattern": None, "lowercase": False, "sublinear_tf": True}
    try:
        vectors = sklearn_text.TfidfVectorizer(**options, min_df=3).fit_transform(docs)
    except ValueError:
        vectors = sklearn_text.TfidfVectorizer(**options, min_df=1).fit_transform(docs)
    product = topn.sp_matmul_topn(vectors, vectors.T, top_n=top_n)
    edges = [
        (u1, users[j], float(sim), min(kept[u1], kept[users[j]]))
        for i, u1 in enumerate(users)
        for j, sim in zip(
            product.indices[product.indptr[i] : product.indptr[i + 1]],
            product.data[product.indptr[i] : product.indptr[i + 1]],
            strict=True,
        )
        if i < j
    ]
    if q is None:
        return sorted(edges)
    cut = pl.Series([e[2] for e in edges]).quantile(q, "linear")  # pandas' default rule
    assert cut is not None
    return sorted(e for e in edges if e[2] >= cut)


@pytest.fixture(scope="module")
def tweets() -> pl.DataFrame:
    rows = workload(30_000, seed=5)
    # Self-retweets, which the paper leaves out.
    rows += [
        {**r, "tweetid": r["tweetid"] + 1, "retweet_userid": r["userid"]}
        for r in rows[:400]
        if r.get("is_retweet")
    ]
    return pl.DataFrame(rows, schema=TWEET_SCHEMA)


def retweet_traces(tweets: pl.DataFrame) -> Counter[tuple[str, Any]]:
    unique = tweets.unique("tweetid", keep="first")
    found = unique.filter(
        pl.col("retweet_tweetid").is_not_null()
        & pl.col("retweet_userid").ne_missing(pl.col("userid"))
    )
    return Counter(zip(found["userid"], found["retweet_tweetid"], strict=True))


def post_traces(tweets: pl.DataFrame, bin_ms: int) -> Counter[tuple[str, Any]]:
    unique = tweets.unique("tweetid", keep="first").with_columns(action_time())
    return Counter(zip(unique["userid"], (unique["t"] // bin_ms).to_list(), strict=True))


def ours(tweets: pl.DataFrame, **options: Any) -> list[Edge]:
    found = network.tfidf_similarity(tweets.lazy(), **options).collect()
    return [(a, b, s, n) for a, b, s, _, n in found.rows()]


def assert_same(got: list[Edge], expected: list[Edge]) -> None:
    assert [(a, b, n) for a, b, _, n in got] == [(a, b, n) for a, b, _, n in expected]
    assert max(abs(g[2] - e[2]) for g, e in zip(got, expected, strict=True)) < 1e-9


@pytest.mark.parametrize("q", [None, 0.9, 0.995])
def test_co_retweet_is_the_published_code(tweets: pl.DataFrame, q: float | None) -> None:
    expected = reference(retweet_traces(tweets), 10, q=q)
    got = ours(tweets, on="retweet", quantile=q)
    assert len(got) > (10 if q else 1000)
    assert_same(got, expected)


@pytest.mark.parametrize("bin_", ["30m", "10m"])
def test_synchronised_posting_is_the_published_code(tweets: pl.DataFrame, bin_: str) -> None:
    bin_ms = network.window_ms(bin_)
    expected = reference(post_traces(tweets, bin_ms), 8, q=None, top_n=20)
    got = ours(tweets, on="post", bin=bin_, quantile=None, top_n=20)
    assert len(got) > 1000
    assert_same(got, expected)


def test_supports_and_min_df_fallback() -> None:
    # No tweet is retweeted by three accounts, so min_df falls back to 1, as in the code (else
    # nothing would be left); "d" has 10 retweets and is left out (the code keeps more than
    # 10), so the tweet it shares with "c" makes no edge.
    rows = [
        {"tweetid": 1000 * a + i, "userid": u, "is_retweet": True, "retweet_tweetid": s}
        for a, (u, sources) in enumerate(
            [("a", range(12)), ("b", range(6, 18)), ("c", range(30, 41)), ("d", range(40, 50))]
        )
        for i, s in enumerate(sources)
    ]
    frame = pl.DataFrame(rows, schema=TWEET_SCHEMA)
    got = ours(frame, quantile=None)
    assert_same(got, reference(retweet_traces(frame), 10, q=None))
    assert [(a, b, n) for a, b, _, n in got] == [("a", "b", 12)]


def test_arguments_are_checked() -> None:
    frame = pl.LazyFrame(schema=TWEET_SCHEMA)
    with pytest.raises(ValueError, match="on must be"):
        network.tfidf_similarity(frame, on="url")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="quantile"):
        network.tfidf_similarity(frame, quantile=2)
    assert network.tfidf_similarity(frame).collect().schema == pl.Schema(network.SIMILARITY_SCHEMA)


def test_the_plan_serialises_over_a_parquet_scan(tweets: pl.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "tweets.parquet"
    tweets.write_parquet(path)
    for on in ("retweet", "post"):
        plan = network.tfidf_similarity(pl.scan_parquet(path), on=on)
        again = pl.LazyFrame.deserialize(io.BytesIO(plan.serialize()))
        # Sums of floats in another order may differ in the last bit.
        assert_frame_equal(again.collect(), plan.collect(), check_exact=False, rel_tol=1e-12)
