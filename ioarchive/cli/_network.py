"""``ioarchive network ROOT``: co-action (coordination) edges of campaigns, to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ioarchive.cli._output import UsageError, emit, write

__all__ = ["add_arguments", "network"]

_OUTPUTS = (".parquet", ".csv", ".graphml", ".gexf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``ioarchive network``."""
    parser.add_argument("root", metavar="ROOT", nargs="?", help="a mirror; omit for the demo")
    parser.add_argument("--campaign", action="append", help="only this campaign (repeatable)")
    parser.add_argument("--on", help="retweet, tweet, url, domain, hashtag, reply, mention, post")
    parser.add_argument("--window", help='e.g. 60s, 500ms, 10m, or "auto"')
    parser.add_argument("--min-weight", type=int, help="least edge weight kept")
    parser.add_argument("--preset", default="qut", help="qut (default), coortweet, schoch, ...")
    parser.add_argument("--output", type=Path, help="FILE.parquet, .csv, .graphml or .gexf")


def network(args: argparse.Namespace) -> int:
    """``ioarchive network ROOT``: co-action edges, and a one-line summary."""
    from ioarchive import network as net
    from ioarchive.cli._commands import _frames

    chosen = net.PRESETS.get(args.preset)
    if chosen is None:
        raise UsageError(f"no preset {args.preset!r}; presets: {', '.join(net.PRESETS)}")
    given = {"on": args.on, "window": args.window, "min_weight": args.min_weight}
    options = {k: v for k, v in given.items() if v is not None}
    run = chosen.with_overrides(options)
    output: Path | None = args.output
    suffix = output.suffix.lower() if output is not None else ""
    if output is not None and suffix not in _OUTPUTS:
        raise UsageError(f"--output must end with {', '.join(_OUTPUTS)}: {output}")
    frames = _frames(args, ["tweets", "users"])
    edges = net.co_action(frames["tweets"], preset=chosen, **options).collect()  # eager: written
    membership = net.groups(edges.lazy()).collect()  # eager: counted and written
    params = {
        "preset": chosen.name,
        "on": run.on,
        "window": run.window,
        "min_weight": run.min_weight,
        "directed": run.directed,
        "campaigns": ",".join(args.campaign or []),
    }
    graph: dict[str, Any] = {
        "users": frames["users"],
        "membership": membership.lazy(),
        "directed": run.directed,
        "parameters": params,
    }
    if output is None:
        emit(edges, args)
    elif suffix == ".graphml":
        net.to_graphml(edges.lazy(), output, **graph)
    elif suffix == ".gexf":
        net.to_gexf(edges.lazy(), output, **graph)
    else:
        write(edges, output)
    if not args.quiet:  # a note, on stderr: stdout holds only the edges (or nothing)
        target = f" -> {output}" if output is not None else ""
        sys.stderr.write(
            f"{edges.height:,} edges, {membership.height:,} accounts, "
            f"{membership['group'].n_unique():,} groups "
            f"(co-{run.on}, window {run.window}, min weight {run.min_weight}){target}\n"
        )
    return 0
