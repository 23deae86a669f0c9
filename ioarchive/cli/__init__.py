"""The ``ioarchive`` command line.

Commands: ``releases``, ``discover ROOT``, ``summary [ROOT]``, ``validate ROOT``,
``convert ROOT DEST``, ``metrics``, ``metric NAME [ROOT]``, ``network [ROOT]`` and
``report ROOT``; ROOT is a mirror (folder, zip, URL) or a Parquet store.
Options may stand before or after the command and its arguments. Tables go to stdout, sized to
the terminal (``--json`` for machine-readable output, ``--output`` for a file), progress bars,
notes and errors to stderr. An error prints one line (a traceback only with ``--debug``) and
the exit status is 2; ``validate`` exits with 1 when it finds a problem.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence

from polars.exceptions import PolarsError

from ioarchive.cli._output import UsageError
from ioarchive.cli._parser import PrintAndExit, parse
from ioarchive.exceptions import IOArchiveError
from ioarchive.scan import BadRowsWarning

__all__ = ["main", "main_entry"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 when ``validate`` finds a problem, 2 on an error.

    Examples:
        >>> main(["--json", "releases", "--quiet", "--limit", "1"])
        [{"campaign": "ira", ...
        0
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in arguments
    if sys.stdout is None:  # started with stdout closed (`>&-`): the output goes nowhere
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (for the rest of the process)
    try:
        try:
            args = parse(arguments)
        except PrintAndExit as text:  # --help, --version
            sys.stdout.write(f"{text}\n")
            return 0
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BadRowsWarning)
            status: int = args.run(args)
        _summarise_skipped(caught)
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) stopped early: not an error
        return 0
    except (IOArchiveError, UsageError, OSError, ValueError, KeyError, PolarsError) as error:
        # A Polars error here comes from what the user asked for (a column of the wrong type).
        if debug:
            raise
        sys.stderr.write(f"ioarchive: error: {_one_line(error)}\n")
        return 2
    return status


def _summarise_skipped(caught: Sequence[warnings.WarningMessage]) -> None:
    """One line on stderr: how many bad rows ``--on-bad-rows skip`` left out, and where."""
    skipped = [w.message for w in caught if isinstance(w.message, BadRowsWarning)]
    if skipped:
        rows = sum(w.count for w in skipped)
        files = len({w.path for w in skipped})
        sys.stderr.write(
            f"ioarchive: {rows} bad rows skipped in {files} file(s); "
            "ioarchive.bad_rows() lists them\n"
        )


def _one_line(error: Exception) -> str:
    """The error in one line: where, what, and the hint, from the error's attributes."""
    if not isinstance(error, IOArchiveError):
        first = str(error).split("\n\n")[0]  # Polars adds its plan's context after a blank line
        return " ".join(first.split())
    head = f"{error.where}: {error.problem}" if error.where else error.problem
    return f"{head} (hint: {error.hint})" if error.hint else head


def main_entry() -> None:
    """Entry point of the ``ioarchive`` console script."""
    sys.exit(main())
