"""The command line's grammar: every option before or after the command, before or after ROOT.

Each command has its own parser holding the global options too; ``parse`` finds the command
in the arguments and gives every other argument to that parser, with
``parse_intermixed_args`` so options may stand between positional arguments.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from ioarchive._version import __version__
from ioarchive.cli import _commands as commands
from ioarchive.cli import _network as network
from ioarchive.cli._output import UsageError

PROG = "ioarchive"
DESCRIPTION = "Twitter's information-operations archive, from the command line."
Command = Callable[[argparse.Namespace], int]


def _global(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("options of every command")
    group.add_argument("--json", action="store_true", help="print JSON instead of tables")
    group.add_argument("--quiet", action="store_true", help="no progress bars or notes")
    group.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    group.add_argument(
        "--storage-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an fsspec storage option for a remote ROOT (repeatable)",
    )
    group.add_argument(
        "--on-bad-rows",
        choices=("raise", "skip"),
        default="raise",
        help="stop at a row that cannot be read (default), or skip it and say how many",
    )
    group.add_argument(
        "--exact",
        action="store_true",
        help="read every CSV record with Python's csv module (slower; exact on any damage)",
    )
    group.add_argument("--limit", type=int, metavar="N", help="show at most N rows")
    group.add_argument("--sort", metavar="COL", help="sort the rows by COL (numbers descending)")
    group.add_argument(
        "--copy",
        choices=("hashed", "unhashed"),
        help="which copy of a campaign to read (default: the hashed one where both exist)",
    )


def _new(name: str, summary: str, run: Command) -> argparse.ArgumentParser:
    # ``metric NAME --help`` shows the metric's own page, so that parser keeps --help itself.
    parser = argparse.ArgumentParser(
        prog=f"{PROG} {name}", description=summary, add_help=name != "metric"
    )
    _global(parser)
    parser.set_defaults(run=run, command=name)
    return parser


def _campaigns(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    what = "a campaign (repeatable: side by side)" if required else "only this campaign"
    parser.add_argument("--campaign", action="append", required=required, help=f"{what}")


def build() -> dict[str, tuple[str, argparse.ArgumentParser]]:
    """Every command: its one-line summary and its parser."""
    parsers: dict[str, tuple[str, argparse.ArgumentParser]] = {}

    def add(name: str, summary: str, run: Command) -> argparse.ArgumentParser:
        parser = _new(name, summary, run)
        parsers[name] = (summary, parser)
        return parser

    add("releases", "the 48 known datasets", commands.releases)
    p = add("discover", "datasets and files in a mirror", commands.discover)
    p.add_argument("root", metavar="ROOT", help="a folder, zip file or URL")
    p = add("summary", "one row per campaign (the demo archive without ROOT)", commands.summary)
    p.add_argument("root", metavar="ROOT", nargs="?", help="a mirror; omit for the demo archive")
    _campaigns(p)
    p = add("validate", "every file checked; exit 1 on a problem", commands.validate)
    p.add_argument("root", metavar="ROOT", help="a folder, zip file or URL")
    p = add("convert", "a mirror to a verified, resumable Parquet store", commands.convert)
    p.add_argument("root", metavar="ROOT", help="a mirror: folder, zip file or URL")
    p.add_argument("dest", metavar="DEST", help="the store: a folder or URL (s3://bucket/store)")
    p.add_argument("--overwrite", action="store_true", help="convert unchanged datasets too")
    p.add_argument(
        "--dest-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an fsspec storage option for a remote DEST (repeatable)",
    )
    add("metrics", "every metric, with its parameters", commands.list_metrics)
    p = _metric(add("metric", "any metric of ioarchive.metrics by name", commands.metric))
    p = add("report", "a one-page HTML report of campaigns, side by side", commands.report)
    _report(p)
    p = add("network", "co-action (coordination) edges, to a file", network.network)
    network.add_arguments(p)
    return parsers


def _metric(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("name", metavar="NAME", nargs="?", help="e.g. activity, top, summary")
    parser.add_argument("root", metavar="ROOT", nargs="?", help="a mirror; omit for the demo")
    _campaigns(parser)
    parser.add_argument("--by", action="append", help="a grouping column (repeatable)")
    parser.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a metric parameter"
    )
    parser.add_argument("--output", type=Path, help="write FILE.csv, .parquet or .json")
    # ``metric NAME --help`` shows the metric's own page (see commands.metric).
    parser.add_argument(
        "--help-metric", dest="help", action="store_true", help="this metric's page"
    )
    return parser


def _report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("root", metavar="ROOT", help="a mirror: folder, zip file or URL")
    _campaigns(parser, required=True)
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.html", help="the file to write"
    )
    parser.add_argument("--every", default="1w", help="activity period (default 1w)")
    parser.add_argument("--cohort-every", default="1mo", help="account-creation period (1mo)")
    parser.add_argument("--tz", default="UTC", help="time zone of posting hours (default UTC)")
    parser.add_argument("--top", type=int, default=10, help="values per top table (default 10)")
    parser.add_argument(
        "--min-accounts", type=int, default=5, help="accounts on one day for a batch (default 5)"
    )
    parser.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="DATE=LABEL",
        help="mark a date (UTC) on the activity figures (repeatable)",
    )
    parser.add_argument(
        "--coordination",
        default="retweet",
        metavar="ON",
        help="co-action of the coordination section: retweet (default), tweet, url, ...; none",
    )
    parser.add_argument("--window", default="60s", help="co-action window (default 60s)")
    parser.add_argument(
        "--min-weight", type=int, default=2, help="least co-action edge weight (default 2)"
    )


def top_help(parsers: dict[str, tuple[str, argparse.ArgumentParser]]) -> str:
    """``ioarchive --help``: the commands and the options every command takes."""
    width = max(len(n) for n in parsers)
    lines = [f"usage: {PROG} COMMAND [ARGS] [OPTIONS]", "", DESCRIPTION, "", "commands:"]
    lines += [f"  {name:<{width}}  {summary}" for name, (summary, _) in parsers.items()]
    lines += ["", f"'{PROG} COMMAND --help' documents a command; options may come anywhere."]
    return "\n".join(lines)


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the arguments: the command anywhere, options before or after it and ROOT.

    Raises:
        SystemExit: For ``--help``, ``--version`` and usage errors (argparse's own).
        UsageError: No command, or an unknown one.
    """
    parsers = build()
    argv = list(argv)
    if argv in (["--version"], ["-V"]):
        raise PrintAndExit(f"{PROG} {__version__}")
    index = _command_index(argv, _valued(parsers))
    if index is None:
        if {"-h", "--help"} & set(argv) or not argv:
            raise PrintAndExit(top_help(parsers))
        raise UsageError(f"no command; commands: {', '.join(parsers)} ({PROG} --help)")
    name = argv[index]
    if name not in parsers:
        raise UsageError(f"no command {name!r}; commands: {', '.join(parsers)}")
    rest = argv[:index] + argv[index + 1 :]
    args = parsers[name][1].parse_intermixed_args(rest)
    if name == "metric" and args.help and args.name is None:
        raise PrintAndExit(parsers[name][1].format_help())
    return args


class PrintAndExit(Exception):  # noqa: N818 (not an error: a page to print, then exit 0)
    """Text to print on stdout, then exit 0 (``--help``, ``--version``)."""


def _valued(parsers: dict[str, tuple[str, argparse.ArgumentParser]]) -> set[str]:
    """Every option of any command that takes a value (its value is not the command)."""
    return {
        flag
        for _, parser in parsers.values()
        for action in parser._actions  # argparse has no public list of a parser's options
        if action.option_strings and action.nargs != 0
        for flag in action.option_strings
    }


def _command_index(argv: list[str], valued: set[str]) -> int | None:
    skip = False
    for i, token in enumerate(argv):
        if skip:
            skip = False
            continue
        if token in valued:
            skip = True
            continue
        if not token.startswith("-"):
            return i
    return None
