"""Benchmark: co-retweet networks, ioarchive vs the QUT toolkit vs a naive Polars join.

Contenders, each in its own process, each from the same CSV (the QUT toolkit's input format:
``message_id, user_id, username, repost_id, reply_id, message, timestamp, urls``, timestamps
in snowflake milliseconds):

- **qut**: coordination-network-toolkit 1.5.2 end to end: ``preprocess_csv_files`` into a
  fresh SQLite database, then ``compute_co_retweet_parallel`` (2 processes, the machine's
  cores), edges read back from its table (self-loops left out);
- **naive**: the join users write: self-join the retweets on the retweeted tweet, then filter
  on the time gap, then count distinct tweets per directed pair (Polars, lazy);
- **ioarchive**: ``ioarchive.network.co_action(on="retweet")`` over the CSV scanned lazily and
  renamed to the canonical columns.

Every contender computes co-retweet edges at a 60 s window with min weight 2; the script
checks that they give the same directed edges (pairs and weights) before it prints. Wall time
and CPU time (user + system, all threads and worker processes) are measured inside the child,
after its imports, from the first read until the edges are in memory in the contender's own
form (a DataFrame, or the toolkit's rows from SQLite); peak memory (maximum resident set of the
child and its worker processes) is read at that moment too. The check (sorting and hashing the
edges) runs after both, untimed: with millions of edges it took seconds and hundreds of MB,
the same for every contender, which an earlier version of this script counted.

Workloads (generated once with Polars, deterministic):

- ``realistic``: 100k tweets, half retweets of skewed popularity with exponential delays,
  planted groups retweeting within 10 s, the rest original posts;
- ``heavy``: 60k retweets, four tweets retweeted 5,000 times each, the rest a long tail;
- ``heavier``: 200k retweets of 25 tweets retweeted 8,000 times each;
- ``big``: 10M tweets like ``realistic`` (ioarchive alone; from Parquet and from CSV).

Usage:
    python bench/network.py [--workloads realistic heavy heavier big] [--repeat 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EPOCH_MS = 1288834974657
T0 = 1_600_000_000_000
WINDOW_MS = 60_000
MIN_WEIGHT = 2


def _uniform(seed: int) -> Any:
    import polars as pl

    return (pl.int_range(pl.len(), dtype=pl.UInt64).hash(seed) % (1 << 53)).cast(
        pl.Float64
    ) / float(1 << 53)


def _retweets(n: int, n_sources: int, n_accounts: int, mean_delay_s: float, seed: int) -> Any:
    """Retweets of sources 0..n_sources-1, each source posted at T0 + its index in minutes."""
    import polars as pl

    frame = pl.DataFrame({"i": range(n)}).select(
        (_uniform(seed) * n_sources).floor().cast(pl.Int64).alias("src"),
        (_uniform(seed + 1) * n_accounts).floor().cast(pl.Int64).alias("acc"),
        (-(1.0 - _uniform(seed + 2)).log() * mean_delay_s * 1000).cast(pl.Int64).alias("delay"),
    )
    return frame.select(
        pl.format("u{}", "acc").alias("user_id"),
        pl.col("src").alias("repost_id"),
        (T0 + pl.col("src") * 60_000 + pl.col("delay")).alias("timestamp"),
    )


def make_frame(workload: str) -> Any:
    import polars as pl

    if workload == "heavy":
        parts = [
            _retweets(20_000, 4, 10_000, 900, seed=1),
            _retweets(40_000, 10_000, 10_000, 3_600, seed=2).with_columns(pl.col("repost_id") + 4),
        ]
    elif workload == "heavier":
        parts = [_retweets(200_000, 25, 20_000, 1_800, seed=3)]
    else:
        n = 100_000 if workload == "realistic" else 10_000_000
        n_acc = max(n // 50, 2_000)
        skew = _retweets(n // 2, n // 20, n_acc, 3_600, seed=4).with_columns(
            (pl.col("repost_id").cast(pl.Float64) ** 3 / (n // 20) ** 2).cast(pl.Int64)
        )
        rounds = n // 2_000
        planted = pl.DataFrame({"i": range(rounds * 10)}).select(
            pl.format("g{}_{}", (pl.col("i") // 10) % 20, pl.col("i") % 10).alias("user_id"),
            ((pl.col("i") // 10) * 7 % (n // 20)).alias("repost_id"),
            (T0 + (pl.col("i") // 10) * 7 % (n // 20) * 60_000 + 30_000).alias("timestamp"),
        )
        planted = planted.with_columns(pl.col("timestamp") + (_uniform(5) * 10_000).cast(pl.Int64))
        posts = pl.DataFrame({"i": range(n - n // 2 - rounds * 10)}).select(
            pl.format("u{}", (_uniform(6) * n_acc).floor().cast(pl.Int64)).alias("user_id"),
            pl.lit(None, pl.Int64).alias("repost_id"),
            (T0 + (_uniform(7) * 86_400_000 * 30).cast(pl.Int64)).alias("timestamp"),
        )
        parts = [skew, planted, posts]
    frame = pl.concat(parts, how="vertical_relaxed").with_row_index("row")
    return frame.select(
        (((pl.col("timestamp") - EPOCH_MS) * (1 << 22)) + pl.col("row") % (1 << 22))
        .cast(pl.UInt64)
        .alias("message_id"),
        "user_id",
        pl.col("user_id").alias("username"),
        (pl.col("repost_id") + 1_300_000_000_000_000_000).cast(pl.UInt64).alias("repost_id"),
        pl.lit(None, pl.UInt64).alias("reply_id"),
        pl.lit("some text").alias("message"),
        "timestamp",
        pl.lit("").alias("urls"),
    )


def make_data(workload: str) -> tuple[Path, Path]:
    folder = DATA / f"network_{workload}"
    csv, parquet = folder / "messages.csv", folder / "messages.parquet"
    if not (folder / "DONE").exists():
        folder.mkdir(parents=True, exist_ok=True)
        frame = make_frame(workload)
        frame.write_csv(csv)
        frame.write_parquet(parquet)
        (folder / "DONE").write_text(str(frame.height))
    return csv, parquet


def _digest(edges: Any) -> dict[str, Any]:
    """Count and hash directed edges (a DataFrame or rows of account, account, weight)."""
    import polars as pl

    frame = edges if isinstance(edges, pl.DataFrame) else pl.DataFrame(edges, orient="row")
    types = {"account_1": pl.String, "account_2": pl.String, "weight": pl.Int64}
    frame = frame.select(
        pl.col(old).cast(dtype).alias(new)
        for old, (new, dtype) in zip(frame.columns, types.items(), strict=True)
    ).sort(list(types))
    return {"edges": frame.height, "sha1": hashlib.sha1(frame.write_csv().encode()).hexdigest()}


def _canonical(lf: Any) -> Any:
    import polars as pl

    return lf.select(
        pl.col("message_id").alias("tweetid"),
        pl.col("user_id").alias("userid"),
        pl.from_epoch("timestamp", time_unit="ms").dt.replace_time_zone("UTC").alias("tweet_time"),
        pl.col("repost_id").is_not_null().alias("is_retweet"),
        pl.col("repost_id").alias("retweet_tweetid"),
        pl.col("reply_id").alias("in_reply_to_tweetid"),
        pl.col("message").alias("tweet_text"),
        pl.col("urls").str.split(" ").alias("urls"),
        pl.lit(None, pl.List(pl.String)).alias("hashtags"),
        pl.lit(None, pl.List(pl.String)).alias("user_mentions"),
    )


_CSV_SCHEMA = {
    "message_id": "UInt64",
    "user_id": "String",
    "username": "String",
    "repost_id": "UInt64",
    "reply_id": "UInt64",
    "message": "String",
    "timestamp": "Int64",
    "urls": "String",
}


def _scan(path: Path) -> Any:
    import polars as pl

    if path.suffix == ".parquet":
        return pl.scan_parquet(path)
    schema = {k: getattr(pl, v) for k, v in _CSV_SCHEMA.items()}
    return pl.scan_csv(path, schema=schema)


def run_ioarchive(path: Path) -> Any:
    from ioarchive import network

    edges = network.co_action(
        _canonical(_scan(path)), on="retweet", window=f"{WINDOW_MS}ms", min_weight=MIN_WEIGHT
    ).collect()
    return edges.select("account_1", "account_2", "weight")


def run_naive(path: Path) -> Any:
    import polars as pl

    rts = (
        _scan(path)
        .filter(pl.col("repost_id").is_not_null())
        .unique("message_id", keep="first")
        .select(
            pl.col("user_id").alias("u"),
            pl.col("message_id").alias("m"),
            "timestamp",
            pl.col("repost_id").alias("k"),
        )
    )
    joined = rts.join(rts, on="k", suffix="_2").filter(
        ((pl.col("timestamp") - pl.col("timestamp_2")).abs() <= WINDOW_MS)
        & (pl.col("u") != pl.col("u_2"))
    )
    edges = (
        joined.group_by("u", "u_2")
        .agg(pl.col("m").n_unique().alias("w"))
        .filter(pl.col("w") >= MIN_WEIGHT)
        .collect()
    )
    return edges


def run_qut(path: Path) -> Any:
    import contextlib
    import io
    import sqlite3
    import tempfile

    from coordination_network_toolkit.compute_networks import compute_co_retweet_parallel
    from coordination_network_toolkit.preprocess import preprocess_csv_files

    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
        db = str(Path(tmp) / "qut.db")
        preprocess_csv_files(db, [str(path)])
        compute_co_retweet_parallel(db, WINDOW_MS, n_threads=2, min_edge_weight=MIN_WEIGHT)
        with sqlite3.connect(db) as con:
            rows = con.execute(
                "select user_1, user_2, weight from co_retweet_network where user_1 != user_2"
            ).fetchall()
    return rows


RUNNERS = {"qut": run_qut, "naive": run_naive, "ioarchive": run_ioarchive}


def child(variant: str, path: Path) -> None:
    # Imports first, outside the timing, for every contender alike.
    import polars  # noqa: F401

    if variant == "qut":
        import coordination_network_toolkit.compute_networks
        import coordination_network_toolkit.preprocess  # noqa: F401
    elif variant == "ioarchive":
        import ioarchive.network  # noqa: F401
    import resource

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # QUT's worker processes
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def peak_mb() -> float:  # the child's or its largest worker's (Linux: kB)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024

    start, start_cpu = time.perf_counter(), cpu()
    edges = RUNNERS[variant](path)
    seconds, cpu_seconds, peak = time.perf_counter() - start, cpu() - start_cpu, peak_mb()
    result = _digest(edges)
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "peak": peak, "result": result}))


def measure(variant: str, path: Path) -> tuple[float, float, float, Any]:
    """Run one contender in a child process: wall seconds, CPU seconds, peak RSS (MB), result.

    Like ``_child.measure``, and also the CPU time of the timed part (user + system, all
    threads and worker processes), which a shared machine disturbs less than wall time; the
    peak memory is the child's own report at the end of the timed part.
    """
    import subprocess

    cmd = [sys.executable, __file__, "--child", variant, "--path", str(path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    if proc.wait() != 0:
        raise SystemExit(f"{variant} failed with status {proc.returncode}")
    data = json.loads(out)
    return data["seconds"], data["cpu"], data["peak"], data["result"]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workloads", nargs="+", default=["realistic", "heavy", "heavier", "big"])
    parser.add_argument("--variants", nargs="+", default=list(RUNNERS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant (median kept)")
    parser.add_argument("--child")
    parser.add_argument("--path", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path)
        return
    sys.path.insert(0, str(HERE.parent))
    print(
        f"co-retweet, window {WINDOW_MS // 1000} s, min weight {MIN_WEIGHT}; {os.cpu_count()} cores"
    )
    print("\n| workload | contender | seconds | vs QUT | CPU seconds | peak memory (MB) | edges |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for workload in args.workloads:
        csv, parquet = make_data(workload)
        variants = ["ioarchive"] if workload == "big" else args.variants
        sources = [("csv", csv), ("parquet", parquet)] if workload == "big" else [("csv", csv)]
        reference: dict[str, Any] | None = None
        base: float | None = None
        for variant in variants:
            for label, path in sources:
                runs = [measure(variant, path) for _ in range(args.repeat)]
                seconds = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                peak = max(r[2] for r in runs)
                result = runs[0][3]
                if reference is None:
                    reference = result
                elif result != reference:
                    raise SystemExit(f"{variant} disagrees on {workload}: {result} {reference}")
                if variant == "qut":
                    base = seconds
                ratio = f"{base / seconds:.1f}x faster" if base and variant != "qut" else ""
                name = variant if workload != "big" else f"{variant} ({label})"
                print(
                    f"| {workload} | {name} | {seconds:.2f} | {ratio} | {cpu:.2f} | {peak:,.0f} | "
                    f"{result['edges']:,} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
