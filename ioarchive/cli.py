"""The ``ioarchive`` command line.

Commands: ``releases``, ``discover ROOT``, ``summary [ROOT]``, ``validate ROOT``,
``metric NAME ROOT`` and ``network ROOT``. Tables go to stdout (``--json`` for machine-readable
output), progress bars and errors to stderr. An error prints one line (a traceback only with
``--debug``) and the exit status is 2; ``validate`` exits with 1 when it finds a problem.
"""

from __future__ import annotations

import argparse
import inspect
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from ioarchive._version import __version__
from ioarchive.exceptions import IOArchiveError

__all__ = ["main", "main_entry"]

_FORMATS = (".csv", ".parquet", ".json")
_METRIC_INPUTS = {"creation_cohorts": "users", "batch_creation": "users", "summary": "both"}


class _UsageError(Exception):
    """A command-line mistake: reported in one line, exit status 2."""


def _storage_options(pairs: Sequence[str]) -> dict[str, Any] | None:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise _UsageError(f"--storage-option takes KEY=VALUE, got {pair!r}")
        options[key] = {"true": True, "false": False}.get(value.lower(), value)
    return options or None


def _progress(args: argparse.Namespace) -> bool | None:
    return False if args.quiet else None


def _catalog(args: argparse.Namespace) -> Any:
    from ioarchive.discovery import discover

    return discover(
        args.root,
        storage_options=_storage_options(args.storage_option),
        progress=_progress(args),
    )


def _emit(frame: pl.DataFrame, args: argparse.Namespace, title: str | None = None) -> None:
    output: Path | None = getattr(args, "output", None)
    if output is not None:
        _write(frame, output)
        return
    if args.json:
        sys.stdout.write(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False) + "\n")
        return
    if title and not args.quiet:
        sys.stdout.write(f"{title}\n")
    width = shutil.get_terminal_size((200, 40)).columns
    with pl.Config(
        tbl_rows=-1,
        tbl_cols=-1,
        fmt_str_lengths=60,
        tbl_width_chars=width,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
    ):
        sys.stdout.write(f"{frame}\n")


def _write(frame: pl.DataFrame, output: Path) -> None:
    suffix = output.suffix.lower()
    if suffix not in _FORMATS:
        raise _UsageError(f"--output must end with one of {', '.join(_FORMATS)}: {output}")
    if suffix == ".parquet":
        frame.write_parquet(output)
    elif suffix == ".json":
        output.write_text(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False))
    else:
        nested = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
        elements = pl.element().cast(pl.String)
        as_text = pl.col(nested).list.eval(elements).list.join("|")  # eager: no, Polars list.eval
        (frame.with_columns(as_text) if nested else frame).write_csv(output)


def _cmd_releases(args: argparse.Namespace) -> int:
    from ioarchive.releases import known_releases

    _emit(known_releases(), args)
    return 0


def _cmd_discover(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    files = catalog.files
    if args.json:
        payload = {"datasets": catalog.datasets.to_dicts(), "files": files.drop("url").to_dicts()}
        sys.stdout.write(json.dumps(payload, default=str, ensure_ascii=False) + "\n")
        return 0
    _emit(catalog.datasets, args, f"Datasets under {args.root}")
    data = files.filter(pl.col("used")).select("campaign", "kind", "part", "path", "size")
    _emit(data, args, "\nData files")
    other = files.filter(~pl.col("used")).select("kind", "path", "size", "note")
    if other.height:
        _emit(other, args, "\nOther files (not read)")
    return 0


def _tweets_and_users(args: argparse.Namespace) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    if args.root is None:
        from ioarchive.synthetic import demo_archive_path

        args.root = str(demo_archive_path())
    catalog = _catalog(args)
    campaigns = args.campaign or None
    return catalog.tweets(campaigns), catalog.users(campaigns)


def _cmd_summary(args: argparse.Namespace) -> int:
    from ioarchive.metrics import summary

    tweets, users = _tweets_and_users(args)
    _emit(summary(tweets, users).collect(), args)  # eager: the command prints the result
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from ioarchive.validate import validate

    report = validate(_catalog(args), progress=_progress(args))
    _emit(report, args)
    return 0 if report["ok"].all() else 1


def _metric_functions() -> dict[str, Callable[..., pl.LazyFrame]]:
    from ioarchive import metrics

    frame_metrics = {}
    for name in metrics.__all__:
        function = getattr(metrics, name)
        if not callable(function) or inspect.isclass(function):
            continue
        first = next(iter(inspect.signature(function).parameters.values()), None)
        if first is not None and first.kind is inspect.Parameter.POSITIONAL_ONLY:
            frame_metrics[name] = function
    return frame_metrics


def _cmd_metric(args: argparse.Namespace) -> int:
    functions = _metric_functions()
    function = functions.get(args.name)
    if function is None:
        raise _UsageError(f"no metric {args.name!r}; metrics: {', '.join(sorted(functions))}")
    kwargs = _metric_kwargs(function, args)
    frames = _METRIC_INPUTS.get(args.name, "tweets")
    n_inputs = 2 if frames == "both" else 1
    positional = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_ONLY
    ][n_inputs:]
    missing = [name for name in positional if name not in kwargs]
    if missing:
        needed = " ".join(f"--param {name}=..." for name in missing)
        raise _UsageError(f"metric {args.name} needs {needed}")
    extra = [kwargs.pop(name) for name in positional]
    tweets, users = _tweets_and_users(args)
    inputs = {"tweets": (tweets,), "users": (users,), "both": (tweets, users)}
    frame = function(*inputs[frames], *extra, **kwargs)
    _emit(frame.collect(), args)  # eager: the command prints the result
    return 0


def _metric_kwargs(function: Callable[..., Any], args: argparse.Namespace) -> dict[str, Any]:
    accepted = inspect.signature(function).parameters
    given: dict[str, Any] = {}
    for pair in args.param:
        key, sep, value = pair.partition("=")
        if not sep:
            raise _UsageError(f"--param takes NAME=VALUE, got {pair!r}")
        given[key] = _literal(value)
    if args.by:
        given["by"] = args.by if len(args.by) > 1 else args.by[0]
    unknown = sorted(set(given) - set(accepted))
    if unknown:
        raise _UsageError(f"{function.__name__} takes no parameter {', '.join(unknown)}")
    return given


def _literal(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def _cmd_network(args: argparse.Namespace) -> int:
    from ioarchive import network

    chosen = network.PRESETS.get(args.preset)
    if chosen is None:
        raise _UsageError(f"no preset {args.preset!r}; presets: {', '.join(network.PRESETS)}")
    given = {"on": args.on, "window": args.window, "min_weight": args.min_weight}
    options = {k: v for k, v in given.items() if v is not None}
    run = chosen.with_overrides(options)
    output: Path | None = args.output
    suffix = output.suffix.lower() if output is not None else ""
    if output is not None and suffix not in (".parquet", ".csv", ".graphml", ".gexf"):
        raise _UsageError(f"--output must end with .parquet, .csv, .graphml or .gexf: {output}")
    tweets, users = _tweets_and_users(args)
    edges = network.co_action(tweets, preset=chosen, **options).collect()  # eager: written out
    membership = network.groups(edges.lazy()).collect()  # eager: counted and written out
    params = {
        "preset": chosen.name,
        "on": run.on,
        "window": run.window,
        "min_weight": run.min_weight,
        "directed": run.directed,
        "campaigns": ",".join(args.campaign or []),
    }
    graph_options: dict[str, Any] = {
        "users": users,
        "membership": membership.lazy(),
        "directed": run.directed,
    }
    if output is None:
        _emit(edges, args)
    elif suffix == ".graphml":
        network.to_graphml(edges.lazy(), output, parameters=params, **graph_options)
    elif suffix == ".gexf":
        network.to_gexf(edges.lazy(), output, parameters=params, **graph_options)
    else:
        _write(edges, output)
    target = f" -> {output}" if output is not None else ""
    n_groups = membership["group"].n_unique()
    stream = sys.stdout if output is not None else sys.stderr
    stream.write(
        f"{edges.height:,} edges, {membership.height:,} accounts, {n_groups:,} groups "
        f"(co-{run.on}, window {run.window}, min weight {run.min_weight}){target}\n"
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of tables")
    common.add_argument("--quiet", action="store_true", help="no progress bars or titles")
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    common.add_argument(
        "--storage-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an fsspec storage option for a remote ROOT (repeatable)",
    )
    parser = argparse.ArgumentParser(
        prog="ioarchive",
        description="Twitter's information-operations archive, from the command line.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ioarchive {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    releases = commands.add_parser("releases", parents=[common], help="the 48 known releases")
    releases.set_defaults(run=_cmd_releases)

    discover = commands.add_parser("discover", parents=[common], help="datasets in a mirror")
    discover.add_argument("root", help="a folder, zip file or URL")
    discover.set_defaults(run=_cmd_discover)

    summary = commands.add_parser(
        "summary", parents=[common], help="one row per campaign (the demo archive by default)"
    )
    summary.add_argument("root", nargs="?", help="a mirror; omit for the bundled demo archive")
    summary.add_argument("--campaign", action="append", help="only this campaign (repeatable)")
    summary.set_defaults(run=_cmd_summary)

    validate = commands.add_parser(
        "validate", parents=[common], help="check every file; exit 1 on any problem"
    )
    validate.add_argument("root", help="a folder, zip file or URL")
    validate.set_defaults(run=_cmd_validate)

    metric = commands.add_parser(
        "metric", parents=[common], help="any metric of ioarchive.metrics by name"
    )
    metric.add_argument("name", help="e.g. activity, top, tweet_types, engagement")
    metric.add_argument("root", nargs="?", help="a mirror; omit for the bundled demo archive")
    metric.add_argument("--campaign", action="append", help="only this campaign (repeatable)")
    metric.add_argument("--by", action="append", help="a grouping column (repeatable)")
    metric.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a metric parameter"
    )
    metric.add_argument("--output", type=Path, help="write FILE.csv, .parquet or .json")
    metric.set_defaults(run=_cmd_metric)

    net = commands.add_parser(
        "network", parents=[common], help="co-action (coordination) edges of a campaign"
    )
    net.add_argument("root", nargs="?", help="a mirror; omit for the bundled demo archive")
    net.add_argument("--campaign", action="append", help="only this campaign (repeatable)")
    net.add_argument("--on", help="retweet, tweet, url, domain, hashtag, reply, mention, post")
    net.add_argument("--window", help='e.g. 60s, 500ms, 10m, or "auto"')
    net.add_argument("--min-weight", type=int, help="least edge weight kept")
    net.add_argument("--preset", default="qut", help="qut (default), coortweet, schoch, ...")
    net.add_argument("--output", type=Path, help="write FILE.parquet, .csv, .graphml or .gexf")
    net.set_defaults(run=_cmd_network)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 when ``validate`` finds a problem, 2 on an error.

    Examples:
        >>> main(["releases", "--json", "--quiet"]) == 0  # doctest: +ELLIPSIS
        [{"campaign": "ira", ...
        True
    """
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) stopped early: not an error
        return 0
    except (IOArchiveError, _UsageError, OSError, ValueError, KeyError) as error:
        if args.debug:
            raise
        message = " ".join(str(error).split("\n"))
        sys.stderr.write(f"ioarchive: error: {message}\n")
        return 2
    return status


def main_entry() -> None:
    """Entry point of the ``ioarchive`` console script."""
    sys.exit(main())
