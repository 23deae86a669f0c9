"""The coordination network of a group: accounts as nodes, co-action edges between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ioarchive import network as net
from ioarchive.identity import is_hashed
from ioarchive.plot._style import (
    COLUMN_WIDTH,
    OKABE_ITO,
    TICK_SIZE,
    Frame,
    empty,
    new_figure,
    require,
    style_axes,
)

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

__all__ = ["network"]

_ITERATIONS = 120


def _layout(n: int, pairs: list[tuple[int, int]], weights: list[float], seed: int) -> np.ndarray:
    """Place ``n`` nodes with a force-directed layout (Fruchterman and Reingold 1991).

    Deterministic for a seed. Every node repels every other and edges pull their ends together,
    in proportion to their weight; the step cools linearly. O(n^2) per step: for the few hundred
    accounts of one group.
    """
    import numpy as np  # matplotlib's own dependency

    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    if n < 2:
        return np.zeros((n, 2))
    k = 1.0 / np.sqrt(n)
    src = np.array([a for a, _ in pairs], dtype=int)
    dst = np.array([b for _, b in pairs], dtype=int)
    w = np.array(weights, dtype=float)
    w = w / w.max() if w.size else w
    for step in range(_ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-6)
        force = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)
        if src.size:
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-6)
            pull = d / length[:, None] * ((length * length / k) * (0.5 + w))[:, None]
            np.add.at(force, src, -pull)
            np.add.at(force, dst, pull)
        size = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        temperature = 0.1 * (1 - step / _ITERATIONS) + 0.002
        pos += force / size[:, None] * np.minimum(size, temperature)[:, None]
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)


def network(
    edges: Frame,
    /,
    *,
    membership: Frame | None = None,
    group: int | None = None,
    max_nodes: int = 300,
    seed: int = 0,
    title: str | None = None,
    width: float = COLUMN_WIDTH,
    height: float = COLUMN_WIDTH,
) -> Figure:
    """Draw the coordination network of one group of accounts.

    Nodes are accounts, filled for hashed accounts (removed by Twitter) and hollow for the
    others; their area grows with the account's weighted degree. Lines are the pairs of
    accounts linked inside the group (a directed edge both ways is one line, of the heavier
    weight), their width growing with the weight. Positions come from a
    force-directed layout, deterministic for a ``seed``.

    Args:
        edges: Edges of [`network.co_action`][ioarchive.network.co_action] (``account_1``,
            ``account_2``, ``weight``), lazy or not.
        membership: The accounts' groups, as [`network.groups`][ioarchive.network.groups]
            gives them (``account``, ``group``); computed from ``edges`` when None.
        group: The group to draw; None draws the largest.
        max_nodes: Draw at most this many accounts of the group: those of highest weighted
            degree.
        seed: The layout's random seed.
        title: The title (default: the group, its accounts and edges).
        width: Figure width in inches.
        height: Figure height in inches.

    Returns:
        A `matplotlib.figure.Figure` with one Axes: a `PathCollection` of nodes (``gid``
        ``"nodes"``, one per account drawn, in account order) and a `LineCollection` of edges
        (``gid`` ``"edges"``).

    Examples:
        >>> import polars as pl
        >>> from ioarchive import plot
        >>> edges = pl.DataFrame(
        ...     {"account_1": ["a", "a", "b", "x"], "account_2": ["b", "c", "c", "y"],
        ...      "weight": [3, 2, 2, 5]}
        ... )
        >>> fig = plot.network(edges)
        >>> nodes = next(c for c in fig.axes[0].collections if c.get_gid() == "nodes")
        >>> len(nodes.get_offsets())
        3
    """
    require()
    from matplotlib.collections import LineCollection

    links = edges.lazy().select("account_1", "account_2", pl.col("weight").cast(pl.Float64))
    groups = net.groups(links) if membership is None else membership.lazy()
    members = groups.select("account", "group").collect()  # eager: a figure needs its values
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    if members.is_empty():
        style_axes(ax, title=title or "Coordination network", xlabel="", ylabel="", grid=None)
        empty(ax, "No edges")
        return fig
    chosen = group if group is not None else _largest(members)
    accounts = members.filter(pl.col("group") == chosen)["account"].to_list()
    inside = links.filter(pl.col("account_1").is_in(accounts) & pl.col("account_2").is_in(accounts))
    # One line per pair of accounts: directed edges both ways are drawn once, the heavier.
    pair = [
        pl.min_horizontal("account_1", "account_2"),
        pl.max_horizontal("account_1", "account_2"),
    ]
    inner = (
        inside.group_by(pair[0].alias("account_1"), pair[1].alias("account_2"))
        .agg(pl.col("weight").max())
        .sort("account_1", "account_2")
        .collect()  # eager: the group's edges, drawn
    )
    degree = (
        pl.concat(
            [
                inner.select(account="account_1", weight="weight"),
                inner.select(account="account_2", weight="weight"),
            ]
        )
        .group_by("account")
        .agg(pl.col("weight").sum())
        .sort("weight", "account", descending=[True, False])
        .head(max_nodes)
        .sort("account")
    )
    index = {a: i for i, a in enumerate(degree["account"].to_list())}
    kept = inner.filter(
        pl.col("account_1").is_in(list(index)) & pl.col("account_2").is_in(list(index))
    )
    pairs = [(index[a], index[b]) for a, b in kept.select("account_1", "account_2").iter_rows()]
    pos = _layout(len(index), pairs, kept["weight"].to_list(), seed)
    top = float(kept["weight"].max() or 1.0)  # type: ignore[arg-type]
    segments = [(pos[a], pos[b]) for a, b in pairs]
    ax.add_collection(
        LineCollection(
            segments,
            linewidths=[0.3 + 1.7 * w / top for w in kept["weight"].to_list()],
            colors="#999999",
            alpha=0.6,
            gid="edges",
            zorder=1,
        )
    )
    hashed = degree.select(is_hashed("account").fill_null(False))["account"].to_list()
    strength = degree["weight"].to_list()
    biggest = max(strength) if strength else 1.0
    ax.scatter(
        pos[:, 0],
        pos[:, 1],
        s=[12 + 60 * s / biggest for s in strength],
        facecolors=[OKABE_ITO[0] if h else "white" for h in hashed],
        edgecolors=OKABE_ITO[0],
        linewidths=0.8,
        gid="nodes",
        zorder=2,
    )
    label = title or f"Group {chosen}: {len(index)} accounts, {kept.height} linked pairs"
    style_axes(ax, title=label, xlabel="", ylabel="", grid=None)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_aspect("equal")
    ax.margins(0.08)
    ax.text(
        0.0,
        -0.02,
        "filled: hashed account; area: weighted degree; width: edge weight",
        transform=ax.transAxes,
        fontsize=TICK_SIZE - 1,
        va="top",
    )
    return fig


def _largest(members: pl.DataFrame) -> int:
    counts = members.group_by("group").len().sort("len", "group", descending=[True, False])
    return int(counts["group"][0])
