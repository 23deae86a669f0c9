"""The coordination-network figure draws exactly the group's accounts and edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ioarchive import network, plot
from ioarchive.synthetic.coordination import coordinated_tweets

pytest.importorskip("matplotlib")


def artist(fig: Any, gid: str) -> Any:
    return next(c for c in fig.axes[0].collections if c.get_gid() == gid)


@pytest.fixture(scope="module")
def edges() -> pl.DataFrame:
    truth = coordinated_tweets(seed=2, n_groups=3)
    lf = network.co_action(truth.tweets.lazy(), on="retweet", window="60s", min_weight=3)
    return lf.collect()


def test_the_largest_group_is_drawn_whole(edges: pl.DataFrame, tmp_path: Path) -> None:
    membership = network.groups(edges.lazy()).collect()
    largest = membership.group_by("group").len().sort("len", descending=True)["group"][0]
    members = set(membership.filter(pl.col("group") == largest)["account"])
    fig = plot.network(edges)
    nodes = artist(fig, "nodes")
    lines = artist(fig, "edges")
    assert len(nodes.get_offsets()) == len(members)
    inside = edges.filter(pl.col("account_1").is_in(members) & pl.col("account_2").is_in(members))
    pairs = {tuple(sorted(p)) for p in inside.select("account_1", "account_2").iter_rows()}
    assert len(lines.get_segments()) == len(pairs)
    assert f"{len(members)} accounts, {len(pairs)} linked pairs" in fig.axes[0].get_title(
        loc="left"
    )
    for suffix in ("png", "svg"):
        fig.savefig(tmp_path / f"network.{suffix}")
        assert (tmp_path / f"network.{suffix}").stat().st_size > 1000


def test_a_chosen_group_and_a_cap_on_nodes(edges: pl.DataFrame) -> None:
    membership = network.groups(edges.lazy()).collect()
    group = int(membership["group"].max())  # type: ignore[arg-type]
    fig = plot.network(edges, membership=membership.lazy(), group=group, max_nodes=2)
    assert len(artist(fig, "nodes").get_offsets()) == 2


def test_hashed_accounts_are_filled() -> None:
    hashed = "a" * 64
    edges = pl.DataFrame({"account_1": [hashed], "account_2": ["123"], "weight": [4]})
    fig = plot.network(edges)
    faces = artist(fig, "nodes").get_facecolors()
    # Accounts in sorted order: "123" (hollow, white) then the hash (filled).
    assert tuple(faces[0][:3]) == (1.0, 1.0, 1.0)
    assert tuple(faces[1][:3]) != (1.0, 1.0, 1.0)


def test_no_edges_says_so() -> None:
    empty = pl.DataFrame(
        schema={"account_1": pl.String, "account_2": pl.String, "weight": pl.UInt32}
    )
    fig = plot.network(empty)
    assert "No edges" in [t.get_text() for t in fig.axes[0].texts]
