"""The ``ioarchive`` command line.

Commands: ``releases``, ``discover ROOT``, ``summary [ROOT]``, ``validate ROOT``,
``metric NAME ROOT`` and ``convert ROOT DEST``; a ROOT may be a mirror or a Parquet store.
Tables go to stdout (``--json`` for machine-readable output), progress bars and errors to
stderr. An error prints one line (a traceback only with ``--debug``) and
the exit status is 2; ``validate`` exits with 1 when it finds a problem.
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
_FRAME_INPUTS = ("tweets", "users")
"""Names of the frame arguments a metric can take; the CLI loads each from the catalog."""


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
    from ioarchive.store import is_store, open_store

    options = _storage_options(args.storage_option)
    if is_store(args.root, storage_options=options):
        return open_store(args.root, storage_options=options)
    return discover(args.root, storage_options=options, progress=_progress(args))


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

    catalog = _catalog(args)
    if catalog.files["url"].str.ends_with(".parquet").all() and catalog.files.height:
        # A store: opening it checked its manifest; its rows were verified when converted.
        rows = pl.col("identity").str.strip_prefix("rows=").cast(pl.Int64)
        _emit(catalog.files.select("path", "campaign", "kind", rows.alias("rows")), args)
        return 0
    report = validate(catalog, progress=_progress(args))
    _emit(report, args)
    return 0 if report["ok"].all() else 1


def _cmd_convert(args: argparse.Namespace) -> int:
    from ioarchive.store import convert

    report = convert(
        args.root,
        args.dest,
        progress=_progress(args),
        overwrite=args.overwrite,
        storage_options=_storage_options(args.storage_option),
        dest_options=_storage_options(args.dest_option),
    )
    _emit(report.datasets, args, f"Store {report.store}")
    return 0


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
    positional = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_ONLY
    ]
    frames = [name for name in positional if name in _FRAME_INPUTS]
    others = [name for name in positional if name not in _FRAME_INPUTS]
    missing = [name for name in others if name not in kwargs]
    if missing:
        needed = " ".join(f"--param {name}=..." for name in missing)
        raise _UsageError(f"metric {args.name} needs {needed}")
    extra = [kwargs.pop(name) for name in others]
    tweets, users = _tweets_and_users(args)
    loaded = {"tweets": tweets, "users": users}
    frame = function(*[loaded[name] for name in frames], *extra, **kwargs)
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

    convert = commands.add_parser(
        "convert", parents=[common], help="convert a mirror to a Parquet store (resumable)"
    )
    convert.add_argument("root", help="a mirror: folder, zip file or URL")
    convert.add_argument("dest", help="the store: a folder or URL (s3://bucket/store)")
    convert.add_argument("--overwrite", action="store_true", help="convert unchanged datasets too")
    convert.add_argument(
        "--dest-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an fsspec storage option for a remote DEST (repeatable)",
    )
    convert.set_defaults(run=_cmd_convert)

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
        sys.stderr.write(f"ioarchive: error: {_one_line(error)}\n")
        return 2
    return status


def _one_line(error: Exception) -> str:
    """The error in one line: where, what, and the hint, from the error's attributes."""
    if not isinstance(error, IOArchiveError):
        return " ".join(str(error).split())
    head = f"{error.where}: {error.problem}" if error.where else error.problem
    return f"{head} (hint: {error.hint})" if error.hint else head


def main_entry() -> None:
    """Entry point of the ``ioarchive`` console script."""
    sys.exit(main())
