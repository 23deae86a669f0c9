"""Groups of coordinated accounts: connected components or communities, and their summary."""

from __future__ import annotations

import logging
import random
from typing import Any, Literal

import polars as pl

from ioarchive.exceptions import MissingDependencyError
from ioarchive.identity import is_hashed
from ioarchive.metrics import url_domain
from ioarchive.network._actions import action_time

__all__ = ["GROUP_SCHEMA", "Method", "group_summary", "groups"]

logger = logging.getLogger(__name__)

Method = Literal["components", "leiden", "louvain"]
"""How accounts are grouped (see [`groups`][ioarchive.network.groups])."""

GROUP_SCHEMA: dict[str, pl.DataType] = {
    "account": pl.String(),
    "group": pl.UInt32(),
    "group_size": pl.UInt32(),
}
"""The columns of [`groups`][ioarchive.network.groups], in order."""


def _components(edges: pl.DataFrame) -> pl.DataFrame:
    """Label every node with the smallest node code of its component.

    Min-label propagation with pointer jumping, each round one pass of Polars joins over all
    edges (no loop over rows); it stops when a round changes nothing, which takes at most as
    many rounds as the longest shortest path of a component, and far fewer in practice.
    """
    both = pl.concat(
        [edges.select("u", "v"), edges.select(pl.col("v").alias("u"), pl.col("u").alias("v"))]
    )
    labels = both.select(pl.col("u").alias("node")).unique().with_columns(label=pl.col("node"))
    rounds = 0
    while True:
        rounds += 1
        via_edges = both.join(labels, left_on="u", right_on="node").select(
            pl.col("v").alias("node"), "label"
        )
        jumped = labels.join(
            labels.select(pl.col("node").alias("label"), pl.col("label").alias("up")), on="label"
        ).select("node", pl.col("up").alias("label"))
        new = (
            pl.concat([labels, via_edges, jumped])
            .group_by("node")
            .agg(pl.col("label").min())
            .sort("node")
        )
        if new.equals(labels.sort("node")):
            logger.debug("components settled after %d rounds", rounds)
            return new
        labels = new


def _communities(edges: pl.DataFrame, n: int, method: str, resolution: float, seed: int) -> Any:
    try:
        import igraph as ig  # noqa: PLC0415
    except ImportError as error:
        raise MissingDependencyError(
            "igraph", extra="graph", purpose=f"method={method!r}"
        ) from error
    graph = ig.Graph(n=n, edges=edges.select("u", "v").rows(), directed=False)
    weights = edges["w"].cast(pl.Float64).to_list()
    ig.set_random_number_generator(random.Random(seed))
    try:
        if method == "leiden":
            parts = graph.community_leiden(
                objective_function="modularity", weights=weights, resolution=resolution
            )
        else:
            parts = graph.community_multilevel(weights=weights, resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    return pl.DataFrame(
        {"node": range(n), "label": parts.membership}, schema={"node": pl.UInt32, "label": pl.Int64}
    )


def _label(
    edges: pl.DataFrame, method: str, resolution: float, seed: int, weight: str
) -> pl.DataFrame:
    names = (
        pl.concat([edges.select(a="account_1"), edges.select(a="account_2")])
        .unique()
        .sort("a")
        .with_row_index("node")
    )
    coded = (
        edges.join(names.select(account_1="a", u="node"), on="account_1")
        .join(names.select(account_2="a", v="node"), on="account_2")
        .with_columns(
            pl.min_horizontal("u", "v").alias("u"),
            pl.max_horizontal("u", "v").alias("v"),
        )
        .group_by("u", "v")
        .agg(pl.col(weight).sum().alias("w"))
        .sort("u", "v")
    )
    if method == "components":
        labels = _components(coded)
    else:
        labels = _communities(coded, names.height, method, resolution, seed)
    labelled = names.join(labels, on="node").select("a", "label")
    # Number groups 1, 2, ... by size (largest first), then by their first account.
    order = (
        labelled.group_by("label")
        .agg(pl.len().alias("n"), pl.col("a").min().alias("first"))
        .sort(["n", "first"], descending=[True, False])
        .with_row_index("group", offset=1)
    )
    return (
        labelled.join(order, on="label")
        .select(
            pl.col("a").alias("account"),
            pl.col("group").cast(pl.UInt32),
            pl.col("n").cast(pl.UInt32).alias("group_size"),
        )
        .sort("group", "account")
    )


def groups(
    edges: pl.LazyFrame,
    /,
    *,
    method: Method = "components",
    weight: str = "weight",
    resolution: float = 1.0,
    seed: int = 0,
) -> pl.LazyFrame:
    """Put every account of an edge table in a group: its connected component or community.

    Edge direction is ignored (an edge in either direction links two accounts). ``method``:

    - ``"components"`` (default, no extra needed): connected components, by min-label
      propagation with pointer jumping in Polars, run until it settles.
    - ``"leiden"``: igraph's Leiden communities maximising weighted modularity.
    - ``"louvain"``: igraph's multilevel (Louvain) communities, weighted.

    Communities need the optional extra: ``pip install 'ioarchive[graph]'``. Groups are
    numbered 1, 2, ... from the largest; ties by their smallest account id. The grouping
    runs when the result is collected, as one step over the whole edge table: a Python step,
    so this plan serialises only as pickled Python, unlike
    [`co_action`][ioarchive.network.co_action]'s (collect the edges, which are small, and group
    them where they are needed).

    Args:
        edges: An edge table with ``account_1``, ``account_2`` and ``weight`` columns (the
            output of [`co_action`][ioarchive.network.co_action] or, renamed, of ``interactions``).
        method: ``"components"``, ``"leiden"`` or ``"louvain"``.
        weight: The weight column (summed over the two directions of a pair).
        resolution: The modularity resolution of ``leiden`` and ``louvain``.
        seed: The random seed of ``leiden`` and ``louvain``.

    Returns:
        A LazyFrame, one row per account, sorted by group then account: ``account`` (String),
        ``group`` (UInt32), ``group_size`` (UInt32: accounts in the group).

    Raises:
        ValueError: An unknown method.
        MissingDependencyError: ``leiden`` or ``louvain`` without igraph (at collect time).

    Examples:
        >>> import polars as pl
        >>> e = pl.LazyFrame({"account_1": ["a", "b", "x"], "account_2": ["b", "c", "y"],
        ...                   "weight": [2, 3, 5]})
        >>> groups(e).collect().rows()
        [('a', 1, 3), ('b', 1, 3), ('c', 1, 3), ('x', 2, 2), ('y', 2, 2)]
    """
    if method not in ("components", "leiden", "louvain"):
        raise ValueError(f"method must be 'components', 'leiden' or 'louvain', not {method!r}")

    def run(frame: pl.DataFrame) -> pl.DataFrame:
        return _label(frame, method, resolution, seed, weight)  # eager: one graph step

    frame = edges.select("account_1", "account_2", weight)
    return frame.map_batches(run, schema=GROUP_SCHEMA, streamable=False)  # eager: one graph step


def group_summary(
    membership: pl.LazyFrame,
    tweets: pl.LazyFrame,
    /,
    *,
    edges: pl.LazyFrame | None = None,
    top: int = 3,
) -> pl.LazyFrame:
    """Describe each group: its accounts, their tweets, what they share, how dense it is.

    Args:
        membership: The output of [`groups`][ioarchive.network.groups].
        tweets: Tweets in the canonical schema (those the edges were computed from).
        edges: The edge table, for the density; without it ``edges`` and ``density`` are null.
        top: How many hashtags and domains to list.

    Returns:
        A LazyFrame, one row per group, sorted by group: ``group`` (UInt32), ``accounts``
        (UInt32), ``hashed_share`` (Float64: share of hashed accounts), ``tweets`` (UInt32:
        distinct tweets of the group's accounts), ``first_time``, ``last_time``
        (Datetime(ms, UTC)), ``top_hashtags``, ``top_domains`` (List(String), most frequent
        first, ties by value), ``edges`` (UInt32: unordered linked pairs inside the group),
        ``density`` (Float64: ``edges`` over the possible pairs; null for one account).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> m = pl.LazyFrame({"account": ["a", "b"], "group": [1, 1], "group_size": [2, 2]},
        ...                  schema={"account": pl.String, "group": pl.UInt32,
        ...                          "group_size": pl.UInt32})
        >>> t = pl.LazyFrame([{"tweetid": 10**18, "userid": "a", "hashtags": ["X"]}],
        ...                  schema=TWEET_SCHEMA)
        >>> group_summary(m, t).select("group", "accounts", "tweets", "top_hashtags").collect(
        ...     ).rows()
        [(1, 2, 1, ['X'])]
    """
    members = membership.select("account", "group")
    own = (
        tweets.select("tweetid", "userid", "tweet_time", "hashtags", "urls")
        .unique("tweetid", keep="any")
        .join(members, left_on="userid", right_on="account", how="inner")
        .with_columns(action_time())
    )

    def ranked(values: pl.Expr, name: str) -> pl.LazyFrame:
        counted = (
            own.select("group", values.alias("v"))
            .explode("v")
            .filter(pl.col("v").is_not_null())
            .group_by("group", "v")
            .agg(pl.len().alias("n"))
        )
        return (
            counted.sort(["group", "n", "v"], descending=[False, True, False])
            .group_by("group", maintain_order=True)
            .agg(pl.col("v").head(top).alias(name))
        )

    when = pl.Datetime("ms")
    activity = own.group_by("group").agg(
        pl.col("tweetid").n_unique().cast(pl.UInt32).alias("tweets"),
        pl.col("t").min().cast(when).dt.replace_time_zone("UTC").alias("first_time"),
        pl.col("t").max().cast(when).dt.replace_time_zone("UTC").alias("last_time"),
    )
    people = members.group_by("group").agg(
        pl.len().cast(pl.UInt32).alias("accounts"),
        is_hashed("account").cast(pl.Float64).mean().alias("hashed_share"),
    )
    summary = (
        people.join(activity, on="group", how="left")
        .join(ranked(pl.col("hashtags"), "top_hashtags"), on="group", how="left")
        .join(ranked(url_domain("urls", is_list=True), "top_domains"), on="group", how="left")
    )
    if edges is None:
        linked = people.select("group", pl.lit(None, pl.UInt32).alias("edges"))
    else:
        one = members.select(pl.col("account").alias("account_1"), pl.col("group").alias("g1"))
        two = members.select(pl.col("account").alias("account_2"), pl.col("group").alias("g2"))
        linked = (
            edges.select(
                pl.min_horizontal("account_1", "account_2").alias("account_1"),
                pl.max_horizontal("account_1", "account_2").alias("account_2"),
            )
            .unique()
            .join(one, on="account_1")
            .join(two, on="account_2")
            .filter(pl.col("g1") == pl.col("g2"))
            .group_by(pl.col("g1").alias("group"))
            .agg(pl.len().cast(pl.UInt32).alias("edges"))
        )
    possible = pl.col("accounts").cast(pl.Float64) * (pl.col("accounts") - 1) / 2
    return (
        summary.join(linked, on="group", how="left")
        .with_columns(
            pl.col("tweets").fill_null(0),
            pl.col("edges").fill_null(pl.lit(0 if edges is not None else None, pl.UInt32)),
            pl.col("top_hashtags", "top_domains").fill_null([]),
            pl.when(possible > 0)
            .then(pl.col("edges").cast(pl.Float64) / possible)
            .alias("density"),
        )
        .select(
            "group",
            "accounts",
            "hashed_share",
            "tweets",
            "first_time",
            "last_time",
            "top_hashtags",
            "top_domains",
            "edges",
            "density",
        )
        .sort("group")
    )
