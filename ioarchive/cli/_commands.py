"""The commands of ``ioarchive``: each takes the parsed arguments and returns an exit status."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import polars as pl

from ioarchive.cli._metrics import metrics
from ioarchive.cli._output import UsageError, emit


def storage_options(pairs: list[str]) -> dict[str, Any] | None:
    """``--storage-option KEY=VALUE`` pairs as fsspec options (``true``/``false`` as booleans)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--storage-option takes KEY=VALUE, got {pair!r}")
        options[key] = {"true": True, "false": False}.get(value.lower(), value)
    return options or None


def _catalog(args: argparse.Namespace) -> Any:
    """The catalog of ROOT: a Parquet store (told by its manifest) or a mirror."""
    from ioarchive.discovery import discover
    from ioarchive.store import is_store, open_store

    if getattr(args, "root", None) is None:
        from ioarchive.synthetic import demo_archive_path

        args.root = str(demo_archive_path())
    options = storage_options(args.storage_option)
    if is_store(args.root, storage_options=options):
        return open_store(args.root, storage_options=options)
    return discover(args.root, storage_options=options, progress=False if args.quiet else None)


def _frames(args: argparse.Namespace, needed: list[str]) -> dict[str, pl.LazyFrame]:
    """Only the frames a command needs: a tweets-only dataset serves tweets-only metrics."""
    catalog = _catalog(args)
    campaigns = args.campaign or None
    hashed = None if args.copy is None else args.copy == "hashed"
    if not args.quiet:
        _note_other_copies(catalog, campaigns, hashed)
    frames = {}
    for name in needed:
        scan = catalog.tweets if name == "tweets" else catalog.users
        frames[name] = scan(
            campaigns, hashed=hashed, on_bad_rows=args.on_bad_rows, exact=args.exact
        )
    return frames


def _note_other_copies(catalog: Any, campaigns: list[str] | None, hashed: bool | None) -> None:
    """Say on stderr which campaigns have a second copy that is not read."""
    both = catalog.datasets.filter(pl.len().over("campaign") > 1)
    left_out = both.filter(pl.col("hashed") != (hashed is not False))
    if campaigns:
        lowered = [c.lower() for c in campaigns]
        left_out = left_out.filter(pl.col("campaign").str.to_lowercase().is_in(lowered))
    if left_out.height:
        other = "hashed" if hashed is False else "unhashed"
        names = ", ".join(left_out["campaign"].to_list())
        sys.stderr.write(
            f"ioarchive: the {other} copies of {names} are left out (--copy {other} reads them)\n"
        )


def releases(args: argparse.Namespace) -> int:
    """``ioarchive releases``: the 48 known datasets."""
    from ioarchive.releases import known_releases

    emit(known_releases(), args)
    return 0


def discover(args: argparse.Namespace) -> int:
    """``ioarchive discover ROOT``: the datasets and files of a mirror."""
    catalog = _catalog(args)
    files = catalog.files
    if args.json:
        payload = {"datasets": catalog.datasets.to_dicts(), "files": files.drop("url").to_dicts()}
        sys.stdout.write(json.dumps(payload, default=str, ensure_ascii=False) + "\n")
        return 0
    emit(catalog.datasets, args, f"Datasets under {args.root}")
    data = files.filter(pl.col("used")).select("campaign", "kind", "part", "path", "size")
    emit(data, args, "\nData files")
    other = files.filter(~pl.col("used")).select("kind", "path", "size", "note")
    if other.height:
        emit(other, args, "\nOther files (not read)")
    return 0


def summary(args: argparse.Namespace) -> int:
    """``ioarchive summary [ROOT]``: one row per campaign."""
    from ioarchive.metrics import summary as summarise

    frames = _frames(args, ["tweets", "users"])
    emit(summarise(frames["tweets"], frames["users"]).collect(), args)  # eager: it prints
    return 0


def validate(args: argparse.Namespace) -> int:
    """``ioarchive validate ROOT``: every file checked; exit 1 when one has a problem."""
    from ioarchive.validate import validate as check

    catalog = _catalog(args)
    if catalog.datasets.is_empty():  # a mistyped root: say so rather than a blank report
        raise UsageError(f"no tweets or users file in {args.root}")
    if catalog.files.height and catalog.files["url"].str.ends_with(".parquet").all():
        # A store: opening it checked its manifest; its rows were verified when converted.
        rows = pl.col("identity").str.strip_prefix("rows=").cast(pl.Int64)
        emit(catalog.files.select("path", "campaign", "kind", rows.alias("rows")), args)
        return 0
    report = check(catalog, progress=False if args.quiet else None)
    emit(report, args)
    return 0 if report["ok"].all() else 1


def convert(args: argparse.Namespace) -> int:
    """``ioarchive convert ROOT DEST``: a mirror to a verified, resumable Parquet store."""
    from ioarchive.store import convert as to_store

    report = to_store(
        args.root,
        args.dest,
        progress=False if args.quiet else None,
        overwrite=args.overwrite,
        storage_options=storage_options(args.storage_option),
        dest_options=storage_options(args.dest_option),
    )
    emit(report.datasets, args, f"Store {report.store}")
    return 0


def list_metrics(args: argparse.Namespace) -> int:
    """``ioarchive metrics``: every metric, its inputs and its parameters."""
    rows = [
        {
            "metric": m.name,
            "reads": " and ".join(m.frames),
            "parameters": [f"{n}: {t} = {d}" for n, t, d in m.parameters()],
            "summary": m.summary,
        }
        for m in metrics().values()
    ]
    emit(pl.DataFrame(rows), args)
    return 0


def metric(args: argparse.Namespace) -> int:
    """``ioarchive metric NAME [ROOT]``: any metric, by name."""
    found = metrics()
    if args.name is None or args.name not in found:
        unknown = "" if args.name is None else f"no metric {args.name!r}; "
        raise UsageError(f"{unknown}metrics: {', '.join(found)} (ioarchive metrics lists them)")
    chosen = found[args.name]
    if args.help:
        sys.stdout.write(chosen.help() + "\n")
        return 0
    given: dict[str, str] = {}
    for pair in args.param:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--param takes NAME=VALUE, got {pair!r}")
        given[key] = value
    if args.by:
        given["by"] = ",".join(args.by)
    frames = _frames(args, chosen.frames)
    emit(chosen.call(frames, given).collect(), args)  # eager: the command prints the result
    return 0


def report(args: argparse.Namespace) -> int:
    """``ioarchive report ROOT --campaign C -o FILE.html``: the one-page campaign report."""
    from ioarchive.reporting import report as write_report

    if args.output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o/--output must end with .html (a web page): {args.output}")
    events = {}
    for pair in args.event:
        when, sep, label = pair.partition("=")
        if not sep or not when:
            raise UsageError(f"--event takes DATE=LABEL (e.g. 2020-11-03=election), got {pair!r}")
        events[when] = label
    catalog = _catalog(args)
    hashed = None if args.copy is None else args.copy == "hashed"
    datasets = [catalog.dataset(name, hashed=hashed) for name in args.campaign]
    written: Path = write_report(
        datasets,
        args.output,
        every=args.every,
        cohort_every=args.cohort_every,
        tz=args.tz,
        k=args.top,
        min_accounts=args.min_accounts,
        events=events,
        coordination=None if args.coordination == "none" else args.coordination,
        window=args.window,
        min_weight=args.min_weight,
    )
    if not args.quiet:
        sys.stderr.write(f"ioarchive: wrote {written} ({len(datasets)} campaigns)\n")
    return 0
