"""co_action: hand-worked cases for each rule that differs between implementations."""

from __future__ import annotations

import collections
import datetime as dt
import inspect
import io
import random
from pathlib import Path
from typing import Any, Literal

import polars as pl
import pytest

from ioarchive import network
from ioarchive.schema import TWEET_SCHEMA
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS
from tests.network.workload import START_MS, snowflake, workload
from tests.samples import ENGINES, EngineName

T0 = START_MS
_seq = iter(range(1, 1 << 22))


def rt(user: str, ms: int, source: int = 1, **extra: Any) -> dict[str, Any]:
    row = {"tweetid": snowflake(ms, next(_seq)), "userid": user, "is_retweet": True}
    return row | {"retweet_tweetid": source} | extra


def post(user: str, ms: int, **extra: Any) -> dict[str, Any]:
    return {"tweetid": snowflake(ms, next(_seq)), "userid": user, "is_retweet": False} | extra


def edges(rows: list[dict[str, Any]], **kwargs: Any) -> set[tuple[str, str, int]]:
    frame = network.co_action(pl.LazyFrame(rows, schema=TWEET_SCHEMA), **kwargs).collect()
    return set(frame.select("account_1", "account_2", "weight").iter_rows())


def test_the_window_is_inclusive_to_the_millisecond() -> None:
    inside = [rt("a", T0), rt("b", T0 + 60_000)]
    outside = [rt("a", T0), rt("b", T0 + 60_001)]
    assert edges(inside, min_weight=1) == {("a", "b", 1), ("b", "a", 1)}
    assert edges(outside, min_weight=1) == set()


def test_the_partner_may_act_first() -> None:
    rows = [rt("b", T0), rt("a", T0 + 30_000), rt("b", T0, source=2), rt("a", T0 - 5, source=2)]
    assert edges(rows) == {("a", "b", 2), ("b", "a", 2)}


def test_no_transitivity() -> None:
    rows = [rt("a", T0), rt("b", T0 + 40_000), rt("c", T0 + 80_000)]
    assert edges(rows, min_weight=1) == {
        ("a", "b", 1),
        ("b", "a", 1),
        ("b", "c", 1),
        ("c", "b", 1),
    }


def test_repeated_rows_count_once() -> None:
    a, b = rt("a", T0), rt("b", T0 + 1)
    assert edges([a, a, a, b, b], min_weight=1) == {("a", "b", 1), ("b", "a", 1)}


def test_retweeting_one_tweet_twice_gives_asymmetric_weights() -> None:
    rows = [rt("a", T0), rt("b", T0 + 10_000), rt("a", T0 + 20_000)]
    assert edges(rows, min_weight=1) == {("a", "b", 2), ("b", "a", 1)}
    # min_weight applies to each direction: only a -> b is kept at 2
    assert edges(rows, min_weight=2) == {("a", "b", 2)}


@pytest.mark.parametrize("engine", ENGINES)
def test_actions_without_any_match_give_no_edges(engine: EngineName) -> None:
    rows = [rt("a", T0, source=1), rt("b", T0, source=2)]
    plan = network.co_action(pl.LazyFrame(rows, schema=TWEET_SCHEMA))
    assert plan.collect(engine=engine).height == 0


def test_no_self_loops() -> None:
    assert edges([rt("a", T0), rt("a", T0 + 1)], min_weight=1) == set()


def test_exact_times_not_minutes() -> None:
    minute = T0 - T0 % 60_000
    same_minute = [rt("a", minute + 1_000), rt("b", minute + 59_000)]  # 58 s apart
    assert edges(same_minute, min_weight=1, window="30s") == set()
    assert edges(same_minute, min_weight=1, window="58s") == {("a", "b", 1), ("b", "a", 1)}
    across = [rt("a", minute - 100), rt("b", minute + 100)]  # adjacent minutes, 200 ms apart
    assert edges(across, min_weight=1, window="1s") == {("a", "b", 1), ("b", "a", 1)}


def test_pre_snowflake_ids_fall_back_to_tweet_time() -> None:
    when = dt.datetime(2009, 5, 1, 12, 0, tzinfo=dt.UTC)
    rows = [
        {"tweetid": 1_000 + i, "userid": u, "tweet_time": when, "retweet_tweetid": 5}
        for i, u in enumerate("ab")
    ]
    assert edges(rows, min_weight=1, window="1s") == {("a", "b", 1), ("b", "a", 1)}


def test_undirected_counts_pairs_of_actions() -> None:
    rows = [rt("a", T0), rt("b", T0 + 1_000), rt("b", T0 + 2_000)]
    frame = network.co_action(
        pl.LazyFrame(rows, schema=TWEET_SCHEMA), directed=False, min_weight=1
    ).collect()
    assert frame.select("account_1", "account_2", "weight", "weight_1", "weight_2").rows() == [
        ("a", "b", 2, 1, 2)
    ]


def test_retweets_without_a_retweeted_account_still_count() -> None:
    rows = [rt("a", T0, retweet_userid=None), rt("b", T0 + 5, retweet_userid="")]
    assert edges(rows, min_weight=1) == {("a", "b", 1), ("b", "a", 1)}


@pytest.mark.parametrize(
    ("on", "a", "b", "expected"),
    [
        ("tweet", {"tweet_text": "Hello  @x World"}, {"tweet_text": "hello world\n"}, 1),
        ("tweet", {"tweet_text": "@x"}, {"tweet_text": "@y "}, 0),  # empty texts never match
        ("url", {"urls": ["https://e.org/1"] * 2}, {"urls": ["https://e.org/1"]}, 1),
        ("url", {"urls": []}, {"urls": []}, 0),  # no URL is no key (QUT's bug not copied)
        ("domain", {"urls": ["https://www.E.org/1"]}, {"urls": ["http://e.org/2"]}, 1),
        ("hashtag", {"hashtags": ["Vote"]}, {"hashtags": ["vote"]}, 1),
        ("mention", {"user_mentions": ["7", "0"]}, {"user_mentions": ["7"]}, 1),
        ("mention", {"user_mentions": ["0"]}, {"user_mentions": ["0"]}, 0),
        ("reply", {"in_reply_to_tweetid": 9}, {"in_reply_to_tweetid": 9}, 1),
        ("post", {}, {"retweet_tweetid": 4, "is_retweet": True}, 1),
        ("similar", {"tweet_text": "a b c d e"}, {"tweet_text": "A b c d e f"}, 1),  # 5/6
        ("similar", {"tweet_text": "a b c d"}, {"tweet_text": "a b c d e f"}, 0),  # 4/6
    ],
)
def test_each_kind(on: str, a: dict[str, Any], b: dict[str, Any], expected: int) -> None:
    rows = [post("a", T0, **a), post("b", T0 + 1_000, **b)]
    found = edges(rows, on=on, min_weight=1)
    assert found == ({("a", "b", 1), ("b", "a", 1)} if expected else set())


def test_retweets_take_no_part_in_content_kinds() -> None:
    rows = [
        rt("a", T0, tweet_text="same", urls=["https://e.org"]),
        post("b", T0, tweet_text="same"),
    ]
    assert edges(rows, on="tweet", min_weight=1) == set()


def test_percentile_top_share_and_participation() -> None:
    rows = []
    for i in range(6):  # a-b share 6 tweets, c-d 2, e-f 1
        rows += [rt("a", T0 + i * 100_000, source=i), rt("b", T0 + i * 100_000 + 1, source=i)]
    for i in range(2):
        rows += [rt("c", T0 + i * 100_000, source=i + 10), rt("d", T0 + i * 100_000, source=i + 10)]
    rows += [rt("e", T0, source=30), rt("f", T0, source=30)]
    lf = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
    above = network.co_action(lf, min_weight=1, directed=False, percentile=0.5).collect()
    assert above["account_1"].to_list() == ["a"]  # weights 6, 2, 1: strictly above 2
    top = network.co_action(lf, min_weight=1, top_share=0.5).collect()  # 6 edges, keep 3
    assert sorted(top["weight"].to_list()) == [2, 2, 6, 6]  # 6, 6, 2 and the tie at the cut
    part = network.co_action(lf, min_weight=1, min_participation=2).collect()
    assert set(part["account_1"]) == {"a", "b", "c", "d"}


def test_auto_window_and_presets_run() -> None:
    rows = workload(3_000, seed=3)
    lf = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
    estimated = network.estimate_window(lf).collect().item()
    assert 0 < estimated < 86_400_000
    auto = network.co_action(lf, window="auto", min_weight=1).collect()
    fixed = network.co_action(lf, window=f"{estimated}ms", min_weight=1).collect()
    assert auto.equals(fixed)
    for name in network.PRESETS:
        frame = network.co_action(lf, preset=name).collect()
        assert frame.columns == list(network.EDGE_SCHEMA)
        assert dict(frame.schema) == network.EDGE_SCHEMA


def test_unknown_arguments() -> None:
    lf = pl.LazyFrame(schema=TWEET_SCHEMA)
    with pytest.raises(ValueError, match="preset"):
        network.co_action(lf, preset="nope")
    with pytest.raises(ValueError, match="on must be"):
        network.co_action(lf, on="likes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="window"):
        network.co_action(lf, window="soon")
    assert network.co_action(lf).collect().schema == pl.Schema(network.EDGE_SCHEMA)


def python_qut(rows: list[dict[str, Any]], window: int) -> set[tuple[str, str, int]]:
    """The QUT rule for co_retweet in plain Python (quadratic; small inputs only)."""
    by_key: dict[int, list[tuple[str, int, int]]] = collections.defaultdict(list)
    seen = set()
    for r in rows:
        if r["retweet_tweetid"] is None or r["tweetid"] in seen:
            continue
        seen.add(r["tweetid"])
        ms = (r["tweetid"] >> 22) + SNOWFLAKE_EPOCH_MS
        by_key[r["retweet_tweetid"]].append((r["userid"], r["tweetid"], ms))
    matched: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    for actions in by_key.values():
        for u1, m1, t1 in actions:
            for u2, _, t2 in actions:
                if u1 != u2 and abs(t1 - t2) <= window:
                    matched[u1, u2].add(m1)
    return {(a, b, len(m)) for (a, b), m in matched.items() if len(m) >= 2}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("on", ["retweet", "reply", "post"])
def test_accounts_acting_many_times_on_a_key_count_each_tweet_once(
    engine: EngineName, on: Literal["retweet", "reply", "post"]
) -> None:
    # Five accounts acting 300 times on three keys within minutes: most accounts match one
    # another several times from one tweet, and several tweets of one account in one window.
    rng = random.Random(11)
    rows, actions = [], []
    for i in range(300):
        user, key, ms = f"u{rng.randrange(5)}", rng.randrange(3), T0 + rng.randrange(600_000)
        if on == "retweet":
            rows.append(rt(user, ms, source=key))
        else:
            rows.append(post(user, ms, in_reply_to_tweetid=key))
        actions.append((user, i, ms, key if on != "post" else 0))
    matched: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    pairs: collections.Counter[tuple[str, str]] = collections.Counter()
    for u1, m1, t1, k1 in actions:
        for u2, m2, t2, k2 in actions:
            if u1 != u2 and k1 == k2 and abs(t1 - t2) <= 20_000:
                matched[u1, u2].add(m1)
                if m1 < m2:  # each pair of actions once
                    pairs[min(u1, u2), max(u1, u2)] += 1
    plan = network.co_action(
        pl.LazyFrame(rows, schema=TWEET_SCHEMA), on=on, window="20s", min_weight=1
    )
    frame = plan.collect(engine=engine)
    got = {
        (r[0], r[1]): r[2:]
        for r in frame.select(
            "account_1", "account_2", "weight", "weight_1", "weight_2", "pairs"
        ).iter_rows()
    }
    assert got == {
        (a, b): (len(m), len(m), len(matched[b, a]), pairs[min(a, b), max(a, b)])
        for (a, b), m in matched.items()
    }
    assert max(w for w, *_ in got.values()) > 5


@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_agree_with_plain_python(engine: EngineName) -> None:
    rows = workload(8_000, seed=5)
    plan = network.co_action(pl.LazyFrame(rows, schema=TWEET_SCHEMA), window="30s")
    got = set(plan.collect(engine=engine).select("account_1", "account_2", "weight").iter_rows())
    assert got == python_qut(rows, 30_000)
    assert len(got) > 20


def test_plans_serialise_over_a_parquet_scan(tmp_path: Path) -> None:
    path = tmp_path / "tweets.parquet"
    pl.DataFrame(workload(2_000, seed=9), schema=TWEET_SCHEMA).write_parquet(path)
    scan = pl.scan_parquet(path)
    edges = network.co_action(scan, min_weight=1)
    # The membership is collected, as the docs advise: `groups` is a Python step.
    membership = network.groups(edges).collect().lazy()
    plans = {
        "retweet": network.co_action(scan, on="retweet", min_weight=1),
        "url": network.co_action(scan, on="url", min_weight=1, directed=False),
        "similar": network.co_action(scan, on="similar", min_weight=1),
        "auto": network.co_action(scan, window="auto", min_weight=1),
        "luceri": network.co_action(scan, preset="luceri_fast_retweet"),
        "coortweet": network.co_action(scan, preset="coortweet"),
        "window": network.estimate_window(scan),
        "interactions": network.interactions(
            scan.with_columns(campaign=pl.lit("c")), kind=["retweet", "mention"]
        ),
        "nodes": network.nodes(network.co_action(scan, min_weight=1)),
        "group_summary": network.group_summary(membership, scan, edges=edges),
    }
    for name, plan in plans.items():
        assert "PYTHON" not in plan.explain(), name
        again = pl.LazyFrame.deserialize(io.BytesIO(plan.serialize()))
        assert again.collect().equals(plan.collect()), name


def test_every_lazy_network_function_is_checked() -> None:
    # A new LazyFrame-returning function must join the serialisation checks: here,
    # tfidf_similarity's in test_similarity.py, or the groups exception below.
    lazy = {
        name
        for name in network.__all__
        if inspect.isfunction(f := getattr(network, name))
        and "LazyFrame" in str(inspect.signature(f).return_annotation)
    }
    checked = {"co_action", "estimate_window", "interactions", "nodes", "group_summary"}
    assert lazy == checked | {"tfidf_similarity", "groups"}


def test_groups_is_the_one_python_step(tmp_path: Path) -> None:
    # Documented: the graph step of `groups` runs in Python (an unrolled pure-Polars version
    # makes Polars 2.1's optimiser panic), so its plan is opaque to other engines.
    path = tmp_path / "tweets.parquet"
    pl.DataFrame(workload(2_000, seed=9), schema=TWEET_SCHEMA).write_parquet(path)
    plan = network.groups(network.co_action(pl.scan_parquet(path), min_weight=1))
    assert plan.explain().startswith("OPAQUE_PYTHON")
    assert plan.collect().height > 0


def test_a_window_longer_than_a_day_pairs_by_key(tmp_path: Path) -> None:
    # Up to a day, one as-of join of "virtual times" finds each window's start; longer ones
    # join per key, since virtual times would pass Int64 (pacheco_coretweet's 5000 days at
    # about 20 million keys; here 2,000 keys with a window of 10^8 days).
    rows = [
        {"tweetid": snowflake(T0 + i, i), "userid": "x", "is_retweet": True, "retweet_tweetid": i}
        for i in range(2_000)
    ]
    rows += [
        {
            "tweetid": snowflake(T0 + ms, 9_000 + ms),
            "userid": user,
            "is_retweet": True,
            "retweet_tweetid": 5_000,
        }
        for user, ms in (("a", 0), ("b", 1_000))
    ]
    tweets = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
    edges = {
        w: network.co_action(tweets, window=w, min_weight=1)
        .select("account_1", "account_2", "weight", "pairs")
        .collect()
        .rows()
        for w in ("1d", "86400001ms", "100000000d")
    }
    assert edges["1d"] == [("a", "b", 1, 1), ("b", "a", 1, 1)]
    assert edges["86400001ms"] == edges["1d"] == edges["100000000d"]
    workload_tweets = pl.LazyFrame(workload(3_000, seed=4), schema=TWEET_SCHEMA)
    for on in ("retweet", "tweet", "url", "post"):
        bounded = network.co_action(workload_tweets, on=on, window="1d", min_weight=1)
        # No two actions of a key are between 1 day and 1 day + 1 ms apart: the same edges.
        longer = network.co_action(workload_tweets, on=on, window="86400001ms", min_weight=1)
        assert bounded.collect().equals(longer.collect()), on


def test_top_share_is_exact_where_floating_point_is_not() -> None:
    # 100 edges of distinct weights; 100 * 0.07 is 7.000000000000001, whose ceiling is 8.
    rows: list[dict[str, Any]] = []
    for k in range(100):  # pair k retweets k + 1 tweets together
        for j in range(k + 1):
            for user in (f"a{k:03}", f"b{k:03}"):
                rows.append(
                    {
                        "tweetid": snowflake(T0 + 100_000 * j, len(rows)),
                        "userid": user,
                        "is_retweet": True,
                        "retweet_tweetid": 1_000 * k + j,
                    }
                )
    tweets = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
    edges = network.co_action(tweets, min_weight=1, directed=False, top_share=0.07).collect()
    assert sorted(edges["weight"].to_list()) == list(range(94, 101))


def test_the_text_key_splits_on_what_python_splits_on() -> None:
    # QUT normalises with str.split(), which also splits on \x1c-\x1f (not Unicode spaces).
    texts = pl.DataFrame({"t": ["hello\x1fworld", "hello \u3000 world", "hello world"]})
    assert texts.select(network.normalised_text("t"))["t"].to_list() == ["hello world"] * 3
    assert [" ".join(t.split()) for t in texts["t"]] == ["hello world"] * 3
