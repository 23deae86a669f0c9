"""Planted coordination (ioarchive.synthetic.coordination) is recovered by co_action."""

from __future__ import annotations

import polars as pl
import pytest

from ioarchive import network
from ioarchive.synthetic.coordination import KINDS, CoordinationTruth, coordinated_tweets

# Which planted kinds each co-action kind must see (every group posts, so co_post sees all).
SEEN_BY = {
    "retweet": {"retweet", "fast_retweet"},
    "tweet": {"tweet"},
    "url": {"url"},
    "post": set(KINDS),
}


@pytest.fixture(scope="module", params=[0, 1])
def truth(request: pytest.FixtureRequest) -> CoordinationTruth:
    return coordinated_tweets(seed=request.param)


def planted(truth: CoordinationTruth, kinds: set[str]) -> pl.DataFrame:
    pairs = truth.pairs.filter(pl.col("kind").is_in(sorted(kinds)))
    both = pl.concat(
        [
            pairs,
            pairs.select(
                pl.col("account_2").alias("account_1"),
                pl.col("account_1").alias("account_2"),
                "group",
                "kind",
                "rounds",
            ),
        ]
    )
    return both.sort("account_1", "account_2")


@pytest.mark.parametrize("on", list(SEEN_BY))
def test_every_planted_pair_and_nothing_else(truth: CoordinationTruth, on: str) -> None:
    edges = network.co_action(
        truth.tweets.lazy(),
        on=on,  # type: ignore[arg-type]
        window=f"{truth.gap_ms}ms",
        min_weight=truth.min_rounds,
    ).collect()
    expected = planted(truth, SEEN_BY[on])
    found = edges.select("account_1", "account_2").sort("account_1", "account_2")
    assert found.equals(expected.select("account_1", "account_2"))
    # Each member's planted actions are distinct tweets: the weight is the rounds both joined
    # (co_post may add a chance match with another round).
    joined = edges.join(expected, on=["account_1", "account_2"])
    if on == "post":
        assert (joined["weight"] >= joined["rounds"]).all()
    else:
        assert (joined["weight"] == joined["rounds"]).all()


def test_organic_co_retweets_exist_but_stay_light(truth: CoordinationTruth) -> None:
    edges = network.co_action(
        truth.tweets.lazy(), on="retweet", window=f"{truth.gap_ms}ms", min_weight=1
    ).collect()
    members = truth.groups["account"]
    organic = edges.filter(
        ~pl.col("account_1").is_in(members) & ~pl.col("account_2").is_in(members)
    )
    assert organic.height > 100
    assert organic["weight"].max() < truth.min_rounds  # type: ignore[operator]


def test_groups_recover_the_planted_groups(truth: CoordinationTruth) -> None:
    edges = network.co_action(
        truth.tweets.lazy(), on="post", window=f"{truth.gap_ms}ms", min_weight=truth.min_rounds
    )
    found = network.groups(edges).collect().group_by("group").agg(pl.col("account").sort())
    planted_groups = truth.groups.group_by("group").agg(pl.col("account").sort())
    assert sorted(found["account"].to_list()) == sorted(planted_groups["account"].to_list())


def test_fast_retweets_for_luceri() -> None:
    truth = coordinated_tweets(n_groups=4, rounds=25, seed=2)
    edges = network.co_action(truth.tweets.lazy(), preset="luceri_fast_retweet").collect()
    fast = truth.groups.filter(pl.col("kind") == "fast_retweet")["account"]
    assert edges.height > 0
    assert edges["account_1"].is_in(fast).all()
    assert edges["account_2"].is_in(fast).all()


def test_deterministic_and_checked() -> None:
    assert coordinated_tweets(seed=4).tweets.equals(coordinated_tweets(seed=4).tweets)
    with pytest.raises(ValueError, match="group_size"):
        coordinated_tweets(group_size=1)
