"""Groups, exports, interactions, the command line and the public surface of ioarchive.network."""

from __future__ import annotations

import builtins
import datetime as dt
import json
from pathlib import Path
from typing import Any

import networkx as nx
import polars as pl
import pytest

from ioarchive import cli, network
from ioarchive.exceptions import MissingDependencyError
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
from tests.network.workload import workload


@pytest.fixture(scope="module")
def edges() -> pl.LazyFrame:
    tweets = pl.LazyFrame(workload(6_000, seed=2), schema=TWEET_SCHEMA)
    return network.co_action(tweets, on="retweet", window="60s", min_weight=2).collect().lazy()


def union_find(pairs: list[tuple[str, str]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    found: dict[str, set[str]] = {}
    for x in parent:
        found.setdefault(find(x), set()).add(x)
    return list(found.values())


def test_components_are_those_of_plain_python(edges: pl.LazyFrame) -> None:
    pairs = edges.select("account_1", "account_2").collect().rows()
    membership = network.groups(edges).collect()
    ours = membership.group_by("group").agg(pl.col("account")).rows()
    assert sorted(sorted(g) for _, g in ours) == sorted(sorted(g) for g in union_find(pairs))
    sizes = membership.group_by("group").agg(pl.len(), pl.col("group_size").first())
    assert (sizes["len"] == sizes["group_size"]).all()
    first = membership.filter(pl.col("group") == 1)["group_size"][0]
    assert first == membership["group_size"].max()


def test_a_long_chain_is_one_component() -> None:
    chain = pl.LazyFrame(
        {
            "account_1": [f"{i:04d}" for i in range(500)],
            "account_2": [f"{i + 1:04d}" for i in range(500)],
            "weight": [1] * 500,
        }
    )
    assert network.groups(chain).collect()["group"].unique().to_list() == [1]


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_communities(edges: pl.LazyFrame, method: network.Method) -> None:
    membership = network.groups(edges, method=method, seed=1).collect()
    components = network.groups(edges).collect()
    assert membership.height == components.height
    again = network.groups(edges, method=method, seed=1).collect()
    assert membership.equals(again)


def test_a_missing_extra_names_the_install(
    edges: pl.LazyFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def blocked(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("igraph", "networkx"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocked)
    with pytest.raises(MissingDependencyError, match=r"pip install 'ioarchive\[graph\]'"):
        network.to_networkx(edges)
    with pytest.raises(ImportError, match="ioarchive"):
        network.to_igraph(edges)
    with pytest.raises(MissingDependencyError, match="graph"):
        network.groups(edges, method="leiden").collect()


def test_group_summary(edges: pl.LazyFrame) -> None:
    tweets = pl.LazyFrame(workload(6_000, seed=2), schema=TWEET_SCHEMA)
    membership = network.groups(edges)
    summary = network.group_summary(membership, tweets, edges=edges).collect()
    sizes = membership.collect().group_by("group").len().sort("group")
    assert summary["accounts"].to_list() == sizes["len"].to_list()
    assert summary["density"].drop_nulls().is_between(0, 1).all()
    assert (summary["tweets"] > 0).all()
    assert summary["edges"].min() >= 1  # type: ignore[operator]


def test_exports_round_trip(edges: pl.LazyFrame, tmp_path: Path) -> None:
    frame = edges.collect()
    accounts = sorted(set(frame["account_1"]) | set(frame["account_2"]))
    users = pl.LazyFrame(
        [
            {
                "userid": a,
                "user_screen_name": f"@{a}",
                "follower_count": 3,
                "account_creation_date": dt.date(2015, 1, 2),
            }
            for a in accounts[:5]
        ],
        schema=USER_SCHEMA,
    )
    membership = network.groups(edges)
    params = {"on": "retweet", "window": "60s", "min_weight": 2}
    graph = network.to_networkx(edges, users=users, membership=membership, parameters=params)
    assert graph.number_of_edges() == frame.height
    assert graph.graph["window"] == "60s"
    assert graph.nodes[accounts[0]]["label"] == f"@{accounts[0]}"
    graphml = nx.read_graphml(
        network.to_graphml(
            edges, tmp_path / "g.graphml", users=users, membership=membership, parameters=params
        )
    )
    assert graphml.number_of_edges() == frame.height
    assert graphml.graph["window"] == "60s"
    assert graphml.nodes[accounts[0]]["follower_count"] == 3
    gexf = nx.read_gexf(network.to_gexf(edges, tmp_path / "g.gexf", membership=membership))
    assert gexf.number_of_edges() == frame.height
    igraph = network.to_igraph(edges, membership=membership)
    assert igraph.ecount() == frame.height
    assert sorted(igraph.vs["name"]) == accounts


def test_interactions() -> None:
    h = "a" * 64
    rows = [
        {
            "campaign": "c",
            "tweetid": 10**18 + 1,
            "userid": "1",
            "is_retweet": True,
            "retweet_userid": "99",
            "retweet_tweetid": 5,
        },
        {
            "campaign": "c",
            "tweetid": 10**18 + 1,
            "userid": "1",
            "is_retweet": True,
            "retweet_userid": "99",
            "retweet_tweetid": 5,
        },  # repeated row
        {"campaign": "c", "tweetid": 10**18 + 2, "userid": "1", "user_mentions": [h, "0"]},
        {
            "campaign": "c",
            "tweetid": 10**18 + 3,
            "userid": h,
            "in_reply_to_userid": "1",
            "in_reply_to_tweetid": 10**18 + 2,
        },
    ]
    tweets = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
    found = network.interactions(tweets, kind=["retweet", "reply", "mention"]).collect()
    got = found.select("source", "target", "kind", "weight", "target_class", "target_hashed")
    assert sorted(got.rows()) == [
        ("1", "99", "retweet", 1, "external", False),
        ("1", h, "mention", 1, "internal", True),
        (h, "1", "reply", 1, "internal", False),
    ]
    with pytest.raises(ValueError, match="kind"):
        network.interactions(tweets, kind="like")


def test_cli_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "edges.parquet"
    argv = ["network", "--on", "tweet", "--window", "1d", "--min-weight", "1", "--output"]
    assert cli.main([*argv, str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out == ""  # the summary is a note: stderr
    edges = pl.read_parquet(out)
    assert printed.err.startswith(f"{edges.height:,} edges, ")
    assert "accounts" in printed.err
    assert "groups" in printed.err
    assert edges.columns == list(network.EDGE_SCHEMA)
    assert cli.main([*argv, str(out), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    graph = tmp_path / "g.gexf"
    assert cli.main([*argv, str(graph)]) == 0
    assert "window=1d" in graph.read_text()
    assert cli.main(["network", "--preset", "nope", "--quiet"]) == 2
    assert cli.main(["network", "--output", str(tmp_path / "x.txt")]) == 2
    capsys.readouterr()
    assert cli.main(["network", "--on", "tweet", "--window", "1d", "--json", "--quiet"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out.splitlines()[0]), list)


def test_graph_parameters_with_markup_characters(tmp_path: Path) -> None:
    # A parameter's name went into the file unescaped: the GraphML did not parse.
    one = pl.LazyFrame({"account_1": ["a"], "account_2": ["b"], "weight": [2]})
    path = network.to_graphml(one, tmp_path / "g.graphml", parameters={"a<b & c": 2})
    assert nx.read_graphml(path).graph["a<b & c"] == "2"


def test_interactions_leave_out_accounts_that_cannot_be_told() -> None:
    # A referenced id that is neither a number nor a hash (here empty) is of class unknown,
    # which the documentation leaves out.
    rows = [
        {
            "campaign": "c",
            "tweetid": 10**18,
            "userid": "1",
            "is_retweet": True,
            "retweet_tweetid": 5,
            "retweet_userid": "",
        },
        {
            "campaign": "c",
            "tweetid": 10**18 + 1,
            "userid": "1",
            "is_retweet": True,
            "retweet_tweetid": 6,
            "retweet_userid": "42",
        },
    ]
    edges = network.interactions(pl.LazyFrame(rows, schema=TWEET_SCHEMA)).collect()
    assert edges.select("source", "target", "target_class").rows() == [("1", "42", "external")]
