"""Benchmark: the whole metric set on a synthetic campaign, ioarchive (CSV, Parquet) vs pandas.

The metric set: daily activity, posting profile (Tehran time), tweet types, top hashtags, top
URL domains, client concentration, per-account activity, engagement (retweets left out),
burstiness, retweet latency and the campaign summary. ioarchive computes them with
``pl.collect_all`` from the CSV files, then from a Parquet copy (``sink_parquet`` of the scan);
pandas computes the same measures the way a careful user would (``read_csv(dtype=str)``,
explicit parsing, ``ast.literal_eval`` for list cells). Each variant runs in its own process;
the script checks that pandas and ioarchive agree on daily counts, type counts and top
hashtags, and prints seconds and peak memory.

Usage:
    python bench/metrics.py --rows 2000000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import _child

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def make_data(rows: int) -> tuple[Path, Path]:
    """Write (once, in a child process) a campaign of ``rows`` tweets; return its two files."""
    folder = DATA / f"metrics_{rows}"
    done = folder / "DONE"
    if not done.exists():
        code = (
            "import sys; from ioarchive import synthetic; "
            f"t = synthetic.write_campaign(sys.argv[1], 'bench_202012', n_tweets={rows}, "
            f"n_accounts={max(rows // 400, 10)}, seed=11); "
            "print(t.tweet_files[0]); print(t.user_files[0])"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(folder)], check=True, capture_output=True, text=True
        )
        done.write_text(out.stdout)
    tweets, users = done.read_text().split()
    return Path(tweets), Path(users)


def ioarchive_results(tweets_lf: object, users_lf: object) -> dict[str, object]:
    import polars as pl

    from ioarchive import metrics as m

    assert isinstance(tweets_lf, pl.LazyFrame)
    assert isinstance(users_lf, pl.LazyFrame)
    t, u = tweets_lf, users_lf
    queries = {
        "activity": m.activity(t, every="1d"),
        "posting_profile": m.posting_profile(t, tz="Asia/Tehran"),
        "tweet_types": m.tweet_types(t),
        "top_hashtags": m.top(t, "hashtags", k=10),
        "top_domains": m.top(t, m.url_domain("urls"), k=10),
        "concentration": m.concentration(t, "tweet_client_name"),
        "account_activity": m.account_activity(t),
        "engagement": m.engagement(t),
        "burstiness": m.burstiness(t, min_tweets=10),
        "retweet_latency": m.retweet_latency(t).select(pl.col("latency_seconds").median()),
        "summary": m.summary(t, u),
    }
    frames = pl.collect_all(list(queries.values()))
    out = dict(zip(queries, frames, strict=True))
    return {
        "daily": {str(p.date()): n for p, n in out["activity"].iter_rows()},
        "types": dict(out["tweet_types"].select("tweet_type", "tweets").iter_rows()),
        "top_hashtags": [list(r) for r in out["top_hashtags"].select("value", "count").iter_rows()],
    }


def run_ioarchive_csv(tweets: Path, users: Path) -> dict[str, object]:
    import ioarchive

    campaign = "bench_202012"
    return ioarchive_results(
        ioarchive.scan_tweets(tweets, campaign=campaign),
        ioarchive.scan_users(users, campaign=campaign),
    )


def run_ioarchive_parquet(tweets: Path, users: Path) -> dict[str, object]:
    import polars as pl

    return ioarchive_results(
        pl.scan_parquet(tweets.with_suffix(".parquet")),
        pl.scan_parquet(users.with_suffix(".parquet")),
    )


def run_pandas(tweets: Path, users: Path) -> dict[str, object]:
    import ast
    import collections
    from urllib.parse import urlsplit

    import numpy as np
    import pandas as pd

    t = pd.read_csv(tweets, dtype=str, keep_default_na=False)
    u = pd.read_csv(users, dtype=str, keep_default_na=False)
    t["tweet_time"] = pd.to_datetime(t["tweet_time"], format="%Y-%m-%d %H:%M", utc=True)
    t["tweetid"] = t["tweetid"].astype("uint64")
    t["retweet_tweetid"] = pd.to_numeric(t["retweet_tweetid"].replace("", None)).astype("UInt64")
    t["is_retweet"] = t["is_retweet"].str.lower().isin(["true", "1"])
    for c in ("like_count", "retweet_count", "reply_count", "quote_count"):
        t[c] = pd.to_numeric(t[c].str.replace(r"\.0+$", "", regex=True).replace("", None))
    for c in ("hashtags", "urls"):
        t[c] = t[c].map(lambda s: ast.literal_eval(s) if s else None)
    kind = np.select(
        [
            t["is_retweet"],
            t["quoted_tweet_tweetid"] != "",
            (t["in_reply_to_tweetid"] != "") | (t["in_reply_to_userid"] != ""),
        ],
        ["retweet", "quote", "reply"],
        "original",
    )
    t["kind"] = kind
    daily = t.groupby(t["tweet_time"].dt.date).size()
    local = t["tweet_time"].dt.tz_convert("Asia/Tehran")
    t.groupby([local.dt.day_of_week, local.dt.hour]).size()
    types = t["kind"].value_counts()
    hashtags = collections.Counter(h for hs in t["hashtags"].dropna() for h in hs)
    top = sorted(hashtags.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    domains = collections.Counter(
        urlsplit(x).hostname.removeprefix("www.")
        for xs in t["urls"].dropna()
        for x in xs
        if urlsplit(x).hostname
    )
    sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    shares = t["tweet_client_name"].value_counts(normalize=True)
    (shares**2).sum()
    -(shares * np.log2(shares)).sum()
    t["day"] = t["tweet_time"].dt.date
    t.groupby("userid").agg(
        tweets=("tweetid", "size"), days=("day", "nunique"), first=("tweet_time", "min")
    )
    own = t[~t["is_retweet"]]
    own[["like_count", "retweet_count", "reply_count", "quote_count"]].agg(
        ["sum", "mean", "median"]
    )
    ms = (t["tweetid"] // (1 << 22)).astype("int64") + 1288834974657
    gaps = ms.groupby(t["userid"]).apply(lambda s: np.diff(np.sort(s.to_numpy())) / 1000)
    gaps.map(lambda g: (g.std() - g.mean()) / (g.std() + g.mean()) if len(g) >= 9 else None)
    rt = t[t["is_retweet"] & t["retweet_tweetid"].notna()]
    source = (rt["retweet_tweetid"].astype("uint64") // (1 << 22)).astype("int64")
    ((rt["tweetid"] // (1 << 22)).astype("int64") - source).div(1000).median()
    len(set(u["userid"]) | set(t["userid"]))
    t["tweet_language"].value_counts().head(3)
    return {
        "daily": {str(d): int(n) for d, n in daily.items()},
        "types": {k: int(v) for k, v in types.items()},
        "top_hashtags": [[k, v] for k, v in top],
    }


RUNNERS = {
    "ioarchive-csv": run_ioarchive_csv,
    "ioarchive-parquet": run_ioarchive_parquet,
    "pandas": run_pandas,
}


def child(variant: str, tweets: Path, users: Path) -> None:
    start = time.perf_counter()
    result = RUNNERS[variant](tweets, users)
    print(json.dumps({"seconds": time.perf_counter() - start, "result": result}))


def measure(variant: str, tweets: Path, users: Path) -> tuple[float, float, dict[str, object]]:
    """Run a variant in a child process; return seconds, peak RSS in MB and its result."""
    return _child.measure(__file__, variant, "--tweets", str(tweets), "--users", str(users))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--child")
    parser.add_argument("--tweets", type=Path)
    parser.add_argument("--users", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.tweets, args.users)
        return
    tweets, users = make_data(args.rows)
    if not tweets.with_suffix(".parquet").exists():
        code = (
            "import sys, ioarchive; "
            "c = 'bench_202012'; "
            "ioarchive.scan_tweets(sys.argv[1], campaign=c).sink_parquet(sys.argv[2]); "
            "ioarchive.scan_users(sys.argv[3], campaign=c).sink_parquet(sys.argv[4])"
        )
        subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                str(tweets),
                str(tweets.with_suffix(".parquet")),
                str(users),
                str(users.with_suffix(".parquet")),
            ],
            check=True,
        )
    results = {v: measure(v, tweets, users) for v in RUNNERS}
    reference = results["ioarchive-csv"][2]
    for variant, (_, _, result) in results.items():
        if result != reference:
            raise SystemExit(f"{variant} disagrees with ioarchive-csv")
    base = results["ioarchive-csv"][0]
    print(f"Whole metric set, {args.rows:,} tweets; {os.cpu_count()} cores\n")
    print("| variant | seconds | time vs ioarchive (CSV) | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for variant, (seconds, peak, _) in results.items():
        print(f"| {variant} | {seconds:.2f} | {seconds / base:.2f}x | {peak:,.0f} |")


if __name__ == "__main__":
    main()
