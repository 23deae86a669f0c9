"""Benchmark: daily tweet counts from a synthetic tweets CSV, four ways.

Runs the same query (tweets per UTC day) through ioarchive's ``scan_tweets``, raw Polars
(``scan_csv`` of strings), DuckDB (``read_csv`` of strings) and pandas
(``read_csv(dtype=str)``), each in its own process so that its peak memory can be read, checks
that all four give the same counts, and prints a Markdown table of times, ratios and peak memory.

Usage:
    python bench/scan.py --rows 2000000 --repeat 3

The data file is written once under ``bench/data/`` with ``ioarchive.synthetic``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import _child

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
VARIANTS = ("ioarchive", "polars", "duckdb", "pandas")


def make_data(rows: int) -> Path:
    """Write (once) a synthetic 2020-era tweets file of ``rows`` rows; return its path.

    The writer runs in a child process, so this process stays small: a child's peak memory
    is measured from its fork, which would otherwise count this process's memory too.
    """
    folder = DATA / f"scan_{rows}"
    done = folder / "DONE"
    if not done.exists():
        code = (
            "import sys; from ioarchive import synthetic; "
            f"t = synthetic.write_campaign(sys.argv[1], 'bench_202012', n_tweets={rows}, "
            f"n_accounts={max(rows // 400, 10)}, seed=7); print(t.tweet_files[0])"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(folder)], check=True, capture_output=True, text=True
        )
        done.write_text(out.stdout.strip())
    return Path(done.read_text())


def run_ioarchive(path: Path) -> dict[str, int]:
    import polars as pl

    import ioarchive

    daily = (
        ioarchive.scan_tweets(path)
        .group_by(pl.col("tweet_time").dt.date().alias("day"))
        .agg(pl.len().alias("tweets"))
        .collect(engine="streaming")
    )
    return {str(d): n for d, n in daily.iter_rows()}


def run_polars(path: Path) -> dict[str, int]:
    import polars as pl

    from ioarchive.schema import TWEET_COLUMNS_2020

    daily = (
        pl.scan_csv(path, schema=dict.fromkeys(TWEET_COLUMNS_2020, pl.String))
        .group_by(
            pl.col("tweet_time")
            .str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d %H:%M")
            .dt.date()
            .alias("day")
        )
        .agg(pl.len().alias("tweets"))
        .collect(engine="streaming")
    )
    return {str(d): n for d, n in daily.iter_rows()}


def run_duckdb(path: Path) -> dict[str, int]:
    import duckdb

    rows = duckdb.sql(
        f"""
        SELECT CAST(strptime(tweet_time, '%Y-%m-%d %H:%M') AS DATE) AS day, count(*) AS tweets
        FROM read_csv('{path}', all_varchar = true, header = true, quote = '"', escape = '"')
        GROUP BY day
        """
    ).fetchall()
    return {str(d): int(n) for d, n in rows}


def run_pandas(path: Path) -> dict[str, int]:
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    days = pd.to_datetime(frame["tweet_time"], format="%Y-%m-%d %H:%M", utc=True).dt.date
    return {str(d): int(n) for d, n in days.value_counts().items()}


def child(variant: str, path: Path) -> None:
    """Run one variant in this process and print its time and result as JSON."""
    runner = {"ioarchive": run_ioarchive, "polars": run_polars, "duckdb": run_duckdb}.get(
        variant, run_pandas
    )
    start = time.perf_counter()
    result = runner(path)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "result": result}))


def measure(variant: str, path: Path) -> tuple[float, float, dict[str, int]]:
    """Run a variant in a child process; return seconds, peak RSS in MB and its result."""
    return _child.measure(__file__, variant, "--file", str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file)
        return
    path = make_data(args.rows)
    size_mb = path.stat().st_size / 1e6
    results: dict[str, tuple[float, float]] = {}
    reference: dict[str, int] | None = None
    for variant in VARIANTS:
        runs = [measure(variant, path) for _ in range(args.repeat)]
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        result = runs[0][2]
        reference = reference or result
        if result != reference:
            raise SystemExit(f"{variant} disagrees with ioarchive on the daily counts")
        results[variant] = (seconds, peak)
    base = results["ioarchive"][0]
    print(
        f"Daily tweet counts, {args.rows:,} tweets, {size_mb:,.0f} MB CSV, "
        f"median of {args.repeat} runs; {os.cpu_count()} cores, Python "
        f"{platform.python_version()}\n"
    )
    print("| tool | seconds | time vs ioarchive | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for variant, (seconds, peak) in results.items():
        print(f"| {variant} | {seconds:.2f} | {seconds / base:.2f}x | {peak:,.0f} |")


if __name__ == "__main__":
    main()
