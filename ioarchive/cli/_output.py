"""How the command line shows a result: a table that fits the terminal, JSON, or a file."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import polars as pl

from ioarchive._fs import replacing

FORMATS = (".csv", ".parquet", ".json")
SIZE_COLUMNS = ("size", "bytes")
"""Columns of byte counts, shown in human units in tables (kept as numbers in JSON and files)."""

_VERTICAL_ROWS = 40


class UsageError(Exception):
    """A command-line mistake: reported in one line, exit status 2."""


def human_size(n: int | None) -> str:
    """Return a byte count in human units: ``"512 B"``, ``"1.5 kB"``, ``"2.3 GB"``."""
    if n is None:
        return ""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"


def arrange(frame: pl.DataFrame, args: argparse.Namespace) -> pl.DataFrame:
    """Apply ``--sort COL`` (descending for numbers, ascending for text) and ``--limit N``."""
    sort = getattr(args, "sort", None)
    if sort:
        if sort not in frame.columns:
            raise UsageError(f"--sort {sort}: no such column; columns: {', '.join(frame.columns)}")
        numeric = frame.schema[sort].is_numeric()
        frame = frame.sort(sort, descending=numeric, nulls_last=True)
    limit = getattr(args, "limit", None)
    if limit is not None:
        if limit < 0:
            raise UsageError(f"--limit {limit}: must be a whole number of at least 0")
        frame = frame.head(limit)
    return frame


def emit(frame: pl.DataFrame, args: argparse.Namespace, title: str | None = None) -> None:
    """Show a result: to ``--output``, as ``--json``, or as a table on stdout."""
    frame = arrange(frame, args)
    output: Path | None = getattr(args, "output", None)
    if output is not None:
        write(frame, output)
        if not args.quiet:
            sys.stderr.write(f"ioarchive: wrote {frame.height} rows to {output}\n")
        return
    if args.json:
        sys.stdout.write(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False) + "\n")
        return
    if title and not args.quiet:
        sys.stdout.write(f"{title}\n")
    sys.stdout.write(table(frame, shutil.get_terminal_size((100, 40)).columns) + "\n")


def _display(frame: pl.DataFrame) -> pl.DataFrame:
    """Text to show: lists joined, byte counts in human units."""
    exprs: list[pl.Expr | pl.Series] = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.List):
            elements = pl.element().cast(pl.String)
            exprs.append(pl.col(name).list.eval(elements).list.join(", "))
        elif name in SIZE_COLUMNS and dtype.is_integer():
            sizes = [human_size(v) for v in frame[name].to_list()]
            exprs.append(pl.Series(name, sizes, pl.String))
        else:
            exprs.append(pl.col(name).cast(pl.String))
    return frame.select(exprs)


def table(frame: pl.DataFrame, width: int) -> str:
    """Render a frame in ``width`` columns: a table if it fits, else one block per row.

    Nothing is cut in a block: a long value (a list of problems, a path) is shown whole.
    """
    text = _display(frame)
    widths = [
        max([len(name), *(len(v or "") for v in text[name].to_list())]) for name in text.columns
    ]
    if sum(w + 3 for w in widths) + 1 <= width or not text.columns:
        with pl.Config(
            tbl_rows=-1,
            tbl_cols=-1,
            fmt_str_lengths=max(widths, default=10),
            tbl_width_chars=width,
            tbl_hide_dataframe_shape=True,
            tbl_hide_column_data_types=True,
        ):
            return str(text)
    if text.height > _VERTICAL_ROWS:
        with pl.Config(
            tbl_rows=-1,
            tbl_width_chars=width,
            fmt_str_lengths=24,
            tbl_hide_dataframe_shape=True,
            tbl_hide_column_data_types=True,
        ):
            note = "(wider than the terminal: values are cut; see --json or --output)"
            return f"{text}\n{note}"
    pad = max(len(c) for c in text.columns)
    blocks = []
    for i, row in enumerate(text.iter_rows(named=True), 1):
        lines = [f"-- {i} of {text.height}"]
        lines += [
            f"{name:<{pad}}  {value if value is not None else ''}" for name, value in row.items()
        ]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def write(frame: pl.DataFrame, output: Path) -> None:
    """Write ``frame`` to ``.csv`` (lists joined with ``|``), ``.parquet`` or ``.json``."""
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"--output must end with one of {', '.join(FORMATS)}: {output}")
    with replacing(output) as draft:  # whole or not at all
        if suffix == ".parquet":
            frame.write_parquet(draft)
        elif suffix == ".json":
            draft.write_text(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False))
        else:
            nested = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
            elements = pl.element().cast(pl.String)
            as_text = pl.col(nested).list.eval(elements).list.join("|")
            (frame.with_columns(as_text) if nested else frame).write_csv(draft)
