"""Exports: a node table, networkx and igraph graphs, GraphML and GEXF files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import polars as pl

from ioarchive._fs import replacing
from ioarchive._version import __version__
from ioarchive.exceptions import MissingDependencyError
from ioarchive.identity import is_hashed

__all__ = ["nodes", "to_gexf", "to_graphml", "to_igraph", "to_networkx"]

_EDGE_ATTRS = ("weight", "weight_1", "weight_2", "pairs", "first_time", "last_time")


def nodes(
    edges: pl.LazyFrame,
    /,
    *,
    users: pl.LazyFrame | None = None,
    membership: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """List the accounts of an edge table with their attributes: the node table of a graph.

    Args:
        edges: An edge table with ``account_1`` and ``account_2``.
        users: The users file (canonical schema), for screen names, follower counts and
            creation dates (the first row of an account listed twice).
        membership: The output of [`groups`][ioarchive.network.groups], for each node's group.

    Returns:
        A LazyFrame, one row per account, sorted by account: ``account`` (String),
        ``label`` (String: the screen name, else the id; a hash in hashed copies),
        ``hashed`` (Boolean), ``follower_count`` (Int64), ``account_creation_date`` (Date),
        ``degree`` (UInt32: distinct accounts linked), ``group`` (UInt32; null without
        ``membership``).

    Examples:
        >>> import polars as pl
        >>> e = pl.LazyFrame({"account_1": ["a"], "account_2": ["b"], "weight": [2]})
        >>> nodes(e).select("account", "label", "degree").collect().rows()
        [('a', 'a', 1), ('b', 'b', 1)]
    """
    ends = pl.concat(
        [
            edges.select(pl.col("account_1").alias("account"), pl.col("account_2").alias("o")),
            edges.select(pl.col("account_2").alias("account"), pl.col("account_1").alias("o")),
        ]
    )
    table = ends.group_by("account").agg(pl.col("o").n_unique().cast(pl.UInt32).alias("degree"))
    if users is None:
        users = pl.LazyFrame(
            schema={
                "userid": pl.String,
                "user_screen_name": pl.String,
                "follower_count": pl.Int64,
                "account_creation_date": pl.Date,
            }
        )
    profile = users.select(
        pl.col("userid").alias("account"),
        "user_screen_name",
        "follower_count",
        "account_creation_date",
    ).unique("account", keep="first", maintain_order=True)
    table = table.join(profile, on="account", how="left")
    if membership is None:
        table = table.with_columns(pl.lit(None, pl.UInt32).alias("group"))
    else:
        table = table.join(membership.select("account", "group"), on="account", how="left")
    return table.select(
        "account",
        pl.coalesce("user_screen_name", "account").alias("label"),
        is_hashed("account").alias("hashed"),
        "follower_count",
        "account_creation_date",
        "degree",
        "group",
    ).sort("account")


def _frames(
    edges: pl.LazyFrame, users: pl.LazyFrame | None, membership: pl.LazyFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    node_plan = nodes(edges, users=users, membership=membership)
    kept = [c for c in _EDGE_ATTRS if c in edges.collect_schema().names()]
    edge_plan = edges.select("account_1", "account_2", *kept)
    node_frame, edge_frame = pl.collect_all([node_plan, edge_plan])  # eager: an export
    return node_frame, edge_frame


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _graph_attrs(parameters: Mapping[str, Any] | None) -> dict[str, Any]:
    attrs = {"generator": f"ioarchive {__version__}"}
    attrs.update({k: str(_plain(v)) for k, v in (parameters or {}).items()})
    return attrs


def to_networkx(
    edges: pl.LazyFrame,
    /,
    *,
    users: pl.LazyFrame | None = None,
    membership: pl.LazyFrame | None = None,
    directed: bool = True,
    parameters: Mapping[str, Any] | None = None,
) -> Any:
    """Build a networkx graph from an edge table (collects it; needs the ``graph`` extra).

    Args:
        edges: An edge table ([`co_action`][ioarchive.network.co_action]'s columns, or at least
            ``account_1``, ``account_2``).
        users: The users file, for node attributes (see [`nodes`][ioarchive.network.nodes]).
        membership: The output of [`groups`][ioarchive.network.groups], for the ``group``
            attribute.
        directed: A ``DiGraph`` (True) or a ``Graph``.
        parameters: The run's parameters, stored in ``graph.graph``.

    Returns:
        A ``networkx.DiGraph`` or ``networkx.Graph``: nodes keyed by account id with the
        attributes of [`nodes`][ioarchive.network.nodes] (nulls left out), edges with the edge
        table's columns.

    Raises:
        MissingDependencyError: networkx is not installed.

    Examples:
        >>> import polars as pl
        >>> e = pl.LazyFrame({"account_1": ["a"], "account_2": ["b"], "weight": [2]})
        >>> g = to_networkx(e, parameters={"on": "retweet"})
        >>> g["a"]["b"]["weight"], g.graph["on"]
        (2, 'retweet')
    """
    try:
        import networkx as nx  # noqa: PLC0415
    except ImportError as error:
        raise MissingDependencyError("networkx", extra="graph", purpose="to_networkx") from error
    node_frame, edge_frame = _frames(edges, users, membership)
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.graph.update(_graph_attrs(parameters))
    for row in node_frame.iter_rows(named=True):
        account = row.pop("account")
        graph.add_node(account, **{k: _plain(v) for k, v in row.items() if v is not None})
    for row in edge_frame.iter_rows(named=True):
        a, b = row.pop("account_1"), row.pop("account_2")
        graph.add_edge(a, b, **{k: _plain(v) for k, v in row.items() if v is not None})
    return graph


def to_igraph(
    edges: pl.LazyFrame,
    /,
    *,
    users: pl.LazyFrame | None = None,
    membership: pl.LazyFrame | None = None,
    directed: bool = True,
    parameters: Mapping[str, Any] | None = None,
) -> Any:
    """Build an igraph graph from an edge table (collects it; needs the ``graph`` extra).

    Args:
        edges: An edge table (see [`to_networkx`][ioarchive.network.to_networkx]).
        users: The users file, for node attributes (see [`nodes`][ioarchive.network.nodes]).
        membership: The output of [`groups`][ioarchive.network.groups].
        directed: A directed graph (True) or not.
        parameters: The run's parameters, stored as graph attributes.

    Returns:
        An ``igraph.Graph``: vertex attribute ``name`` is the account id, the other vertex
        attributes those of [`nodes`][ioarchive.network.nodes]; edge attributes the edge table's
        columns.

    Raises:
        MissingDependencyError: igraph is not installed.

    Examples:
        >>> import polars as pl
        >>> e = pl.LazyFrame({"account_1": ["a"], "account_2": ["b"], "weight": [2]})
        >>> g = to_igraph(e)
        >>> g.vs["name"], g.es["weight"]
        (['a', 'b'], [2])
    """
    try:
        import igraph as ig  # noqa: PLC0415
    except ImportError as error:
        raise MissingDependencyError("igraph", extra="graph", purpose="to_igraph") from error
    node_frame, edge_frame = _frames(edges, users, membership)
    index = {a: i for i, a in enumerate(node_frame["account"].to_list())}
    pairs = [(index[a], index[b]) for a, b in edge_frame.select("account_1", "account_2").rows()]
    graph = ig.Graph(n=node_frame.height, edges=pairs, directed=directed)
    graph.vs["name"] = node_frame["account"].to_list()
    for column in node_frame.columns[1:]:
        graph.vs[column] = [_plain(v) for v in node_frame[column].to_list()]
    for column in edge_frame.columns[2:]:
        graph.es[column] = [_plain(v) for v in edge_frame[column].to_list()]
    for key, value in _graph_attrs(parameters).items():
        graph[key] = value
    return graph


def _kind(dtype: pl.DataType, types: Mapping[str, str]) -> str:
    if dtype.is_integer():
        return types["int"]
    if dtype.is_float():
        return types["float"]
    if dtype == pl.Boolean:
        return types["bool"]
    return types["str"]


def _raw(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text(value: Any) -> str:
    return escape(_raw(value))


def to_graphml(
    edges: pl.LazyFrame,
    path: str | Path,
    /,
    *,
    users: pl.LazyFrame | None = None,
    membership: pl.LazyFrame | None = None,
    directed: bool = True,
    parameters: Mapping[str, Any] | None = None,
) -> Path:
    """Write an edge table as a GraphML file (no extra needed; collects the table).

    Node attributes are those of [`nodes`][ioarchive.network.nodes]; edge attributes the edge
    table's columns; the run's ``parameters`` (and the ioarchive version) are graph
    attributes, so two runs with different windows can be told apart in Gephi, Cytoscape or
    networkx.

    Args:
        edges: An edge table (see [`to_networkx`][ioarchive.network.to_networkx]).
        path: The file to write.
        users: The users file, for node attributes.
        membership: The output of [`groups`][ioarchive.network.groups].
        directed: Mark the graph directed (True) or undirected.
        parameters: The run's parameters.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, polars as pl
        >>> e = pl.LazyFrame({"account_1": ["a"], "account_2": ["b"], "weight": [2]})
        >>> out = to_graphml(e, tempfile.mkdtemp() + "/g.graphml", parameters={"window": "60s"})
        >>> '<data key="g_window">60s</data>' in out.read_text()
        True
    """
    node_frame, edge_frame = _frames(edges, users, membership)
    types = {"int": "long", "float": "double", "bool": "boolean", "str": "string"}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    graph_attrs = _graph_attrs(parameters)
    lines.extend(
        f'<key id={quoteattr("g_" + key)} for="graph" attr.name={quoteattr(key)} '
        'attr.type="string"/>'
        for key in graph_attrs
    )
    for prefix, target, frame, skip in (("n", "node", node_frame, 1), ("e", "edge", edge_frame, 2)):
        for name, dtype in list(frame.schema.items())[skip:]:
            kind = _kind(dtype, types)
            lines.append(
                f'<key id="{prefix}_{name}" for="{target}" attr.name="{name}" attr.type="{kind}"/>'
            )
    lines.append(f'<graph edgedefault="{"directed" if directed else "undirected"}">')
    lines += [f"<data key={quoteattr('g_' + k)}>{escape(v)}</data>" for k, v in graph_attrs.items()]
    for row in node_frame.iter_rows(named=True):
        data = "".join(
            f'<data key="n_{k}">{_text(v)}</data>'
            for k, v in row.items()
            if k != "account" and v is not None
        )
        lines.append(f"<node id={quoteattr(row['account'])}>{data}</node>")
    for row in edge_frame.iter_rows(named=True):
        data = "".join(
            f'<data key="e_{k}">{_text(v)}</data>'
            for k, v in row.items()
            if k not in ("account_1", "account_2") and v is not None
        )
        ends = f"source={quoteattr(row['account_1'])} target={quoteattr(row['account_2'])}"
        lines.append(f"<edge {ends}>{data}</edge>")
    lines += ["</graph>", "</graphml>", ""]
    out = Path(path)
    with replacing(out) as draft:  # whole or not at all
        draft.write_text("\n".join(lines), encoding="utf-8")
    return out


def to_gexf(
    edges: pl.LazyFrame,
    path: str | Path,
    /,
    *,
    users: pl.LazyFrame | None = None,
    membership: pl.LazyFrame | None = None,
    directed: bool = True,
    parameters: Mapping[str, Any] | None = None,
) -> Path:
    """Write an edge table as a GEXF 1.3 file, Gephi's format (no extra needed).

    Node and edge attributes as in [`to_graphml`][ioarchive.network.to_graphml]; the run's
    parameters go into the file's ``<meta>`` description, one ``key=value`` per line.

    Args:
        edges: An edge table (see [`to_networkx`][ioarchive.network.to_networkx]).
        path: The file to write.
        users: The users file, for node attributes.
        membership: The output of [`groups`][ioarchive.network.groups].
        directed: Mark the graph directed (True) or undirected.
        parameters: The run's parameters.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, polars as pl
        >>> e = pl.LazyFrame({"account_1": ["a"], "account_2": ["b"], "weight": [2]})
        >>> out = to_gexf(e, tempfile.mkdtemp() + "/g.gexf", parameters={"on": "retweet"})
        >>> "on=retweet" in out.read_text()
        True
    """
    node_frame, edge_frame = _frames(edges, users, membership)
    types = {"int": "long", "float": "double", "bool": "boolean", "str": "string"}
    meta = "\n".join(f"{k}={v}" for k, v in _graph_attrs(parameters).items())
    kind = "directed" if directed else "undirected"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        f"<meta><creator>ioarchive {__version__}</creator>"
        f"<description>{escape(meta)}</description></meta>",
        f'<graph mode="static" defaultedgetype="{kind}">',
    ]
    node_cols = [c for c in node_frame.columns if c not in ("account", "label")]
    edge_cols = [c for c in edge_frame.columns[2:] if c != "weight"]
    for target, frame, cols in (("node", node_frame, node_cols), ("edge", edge_frame, edge_cols)):
        lines.append(f'<attributes class="{target}">')
        for i, c in enumerate(cols):
            lines.append(
                f'<attribute id="{i}" title="{c}" type="{_kind(frame.schema[c], types)}"/>'
            )
        lines.append("</attributes>")

    def values(row: dict[str, Any], cols: list[str]) -> str:
        inner = "".join(
            f'<attvalue for="{i}" value={quoteattr(_raw(row[c]))}/>'
            for i, c in enumerate(cols)
            if row[c] is not None
        )
        return f"<attvalues>{inner}</attvalues>"

    lines.append("<nodes>")
    for row in node_frame.iter_rows(named=True):
        ident, label = quoteattr(row["account"]), quoteattr(row["label"])
        lines.append(f"<node id={ident} label={label}>{values(row, node_cols)}</node>")
    lines += ["</nodes>", "<edges>"]
    for i, row in enumerate(edge_frame.iter_rows(named=True)):
        weight = f' weight="{row["weight"]}"' if row.get("weight") is not None else ""
        ends = f"source={quoteattr(row['account_1'])} target={quoteattr(row['account_2'])}"
        lines.append(f'<edge id="{i}" {ends}{weight}>{values(row, edge_cols)}</edge>')
    lines += ["</edges>", "</graph>", "</gexf>", ""]
    out = Path(path)
    with replacing(out) as draft:  # whole or not at all
        draft.write_text("\n".join(lines), encoding="utf-8")
    return out
