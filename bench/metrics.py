"""Benchmark: the whole metric set on a synthetic campaign, ioarchive (CSV, Parquet) vs pandas.

The metric set (13 measures): daily activity, posting profile (Tehran time), tweet types, top
hashtags, top URL domains, client concentration, per-account activity, monthly creation
cohorts, batch-creation days, engagement (retweets left out), burstiness, retweet latency and
the campaign summary.

- **ioarchive-csv**: the ``ioarchive.metrics`` functions over ``scan_tweets``/``scan_users``,
  all collected with one ``pl.collect_all``;
- **ioarchive-csv-once**: the same, with the two scans marked ``.cache()``: each CSV file is
  read once for the thirteen queries (which then share the parsed columns in memory);
- **ioarchive-store**: the same over ``ioarchive.open_store`` of a store written once with
  ``ioarchive.convert`` (the conversion is not timed);
- **pandas**: the same measures as a careful pandas user writes them: ``read_csv(dtype=str)``
  (ids as strings: floats would lose digits), explicit parsing, ``ast.literal_eval`` for list
  cells, vectorised ``groupby`` everywhere else.

Each variant runs in its own process (wall time measured inside it, from before the first read
to the last result; peak resident memory read for that process alone with ``wait4``). The
script checks that the three variants agree on a digest of every measure before it prints.

Usage:
    python bench/metrics.py --rows 2000000 [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import _child

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CAMPAIGN = "bench_202012"
TZ = "Asia/Tehran"
HASHED = r"^(?:[0-9a-f]{64}|[A-Za-z0-9+]{30,42}[AEIMQUYcgkosw048]=)$"  # ioarchive.identity's rule
EPOCH_MS = 1288834974657


def make_data(rows: int) -> tuple[Path, Path]:
    """Write (once, in a child process) a campaign of ``rows`` tweets; return its two files."""
    folder = DATA / f"metrics_{rows}"
    done = folder / "DONE"
    if not done.exists():
        code = (
            "import sys; from ioarchive import synthetic; "
            f"t = synthetic.write_campaign(sys.argv[1], {CAMPAIGN!r}, n_tweets={rows}, "
            f"n_accounts={max(rows // 400, 10)}, seed=11); "
            "print(t.tweet_files[0]); print(t.user_files[0])"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(folder)], check=True, capture_output=True, text=True
        )
        done.write_text(out.stdout)
    tweets, users = done.read_text().split()
    return Path(tweets), Path(users)


def store_of(tweets: Path) -> Path:
    return tweets.parent.with_name(tweets.parent.name + ".store")


def make_store(tweets: Path) -> None:
    """Convert the campaign's folder into a store (once; a second call skips it)."""
    code = "import sys, ioarchive; ioarchive.convert(sys.argv[1], sys.argv[2], progress=False)"
    subprocess.run(
        [sys.executable, "-c", code, str(tweets.parent), str(store_of(tweets))], check=True
    )


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def ioarchive_results(tweets_lf: Any, users_lf: Any) -> dict[str, Any]:
    import polars as pl

    from ioarchive import metrics as m

    t, u = tweets_lf, users_lf
    queries = {
        "activity": m.activity(t, every="1d"),
        "posting_profile": m.posting_profile(t, tz=TZ),
        "tweet_types": m.tweet_types(t),
        "top_hashtags": m.top(t, "hashtags", k=10),
        "top_domains": m.top(t, m.url_domain("urls"), k=10),
        "concentration": m.concentration(t, "tweet_client_name"),
        "account_activity": m.account_activity(t),
        "creation_cohorts": m.creation_cohorts(u, every="1mo"),
        "batch_creation": m.batch_creation(u, min_accounts=3),
        "engagement": m.engagement(t),
        "burstiness": m.burstiness(t, min_tweets=10),
        "retweet_latency": m.retweet_latency(t).select(pl.col("latency_seconds").median()),
        "summary": m.summary(t, u),
    }
    out = dict(zip(queries, pl.collect_all(list(queries.values())), strict=True))
    profile = out["posting_profile"].sort(
        "tweets", "weekday", "hour", descending=[True, False, False]
    )
    conc = out["concentration"].row(0, named=True)
    acts = out["account_activity"]
    summary = out["summary"].row(0, named=True)
    bursts = out["burstiness"]
    return {
        "daily": {str(p.date()): n for p, n in out["activity"].iter_rows()},
        "profile_top": list(profile.row(0)[:3]),
        "types": dict(out["tweet_types"].select("tweet_type", "tweets").iter_rows()),
        "top_hashtags": [list(r) for r in out["top_hashtags"].select("value", "count").rows()],
        "top_domains": [list(r) for r in out["top_domains"].select("value", "count").rows()],
        "herfindahl": _r(conc["herfindahl"]),
        "entropy": _r(conc["entropy"]),
        "accounts_active": acts.height,
        "max_active_days": int(acts["active_days"].max()),  # type: ignore[arg-type]
        "mean_share_retweet": _r(acts["share_retweet"].mean()),  # type: ignore[arg-type]
        "cohorts": {str(p): n for p, n in out["creation_cohorts"].iter_rows()},
        "batch_days": out["batch_creation"].height,
        "like_mean": _r(out["engagement"]["like_mean"].item()),
        "like_median": _r(out["engagement"]["like_median"].item()),
        "bursty_accounts": bursts.height,
        "mean_burstiness": _r(bursts["burstiness"].mean()),  # type: ignore[arg-type]
        "latency_median": _r(out["retweet_latency"].item()),
        "summary": [
            summary["accounts"],
            _r(summary["hashed_share"]),
            _r(summary["never_tweeted_share"]),
            summary["tweets"],
            summary["top_languages"],
            _r(summary["share_quote"]),
        ],
    }


def run_ioarchive_csv(tweets: Path, users: Path) -> dict[str, Any]:
    import ioarchive

    return ioarchive_results(
        ioarchive.scan_tweets(tweets, campaign=CAMPAIGN),
        ioarchive.scan_users(users, campaign=CAMPAIGN),
    )


def run_ioarchive_csv_once(tweets: Path, users: Path) -> dict[str, Any]:
    import ioarchive

    return ioarchive_results(
        ioarchive.scan_tweets(tweets, campaign=CAMPAIGN).cache(),
        ioarchive.scan_users(users, campaign=CAMPAIGN).cache(),
    )


def run_ioarchive_store(tweets: Path, users: Path) -> dict[str, Any]:
    import ioarchive

    store = ioarchive.open_store(store_of(tweets))
    return ioarchive_results(store.tweets(), store.users())


def run_pandas(tweets: Path, users: Path) -> dict[str, Any]:  # noqa: PLR0915
    import ast
    import collections
    from urllib.parse import urlsplit

    import numpy as np
    import pandas as pd

    t = pd.read_csv(tweets, dtype=str, keep_default_na=False)
    u = pd.read_csv(users, dtype=str, keep_default_na=False)
    t["campaign"] = CAMPAIGN
    u["campaign"] = CAMPAIGN
    t["tweet_time"] = pd.to_datetime(t["tweet_time"], format="%Y-%m-%d %H:%M", utc=True)
    t["tweetid"] = t["tweetid"].astype("uint64")
    t["is_retweet"] = t["is_retweet"].str.lower().isin(["true", "1"])
    for c in ("like_count", "retweet_count", "reply_count", "quote_count"):
        t[c] = pd.to_numeric(t[c].replace("", None))
    for c in ("hashtags", "urls"):
        t[c] = t[c].map(lambda s: ast.literal_eval(s) if s else None)
    u["account_creation_date"] = pd.to_datetime(u["account_creation_date"], format="%Y-%m-%d")
    t["kind"] = np.select(
        [
            t["is_retweet"],
            t["quoted_tweet_tweetid"] != "",
            (t["in_reply_to_tweetid"] != "") | (t["in_reply_to_userid"] != ""),
        ],
        ["retweet", "quote", "reply"],
        "original",
    )
    t["day"] = t["tweet_time"].dt.floor("D")

    def ranked(counts: pd.Series, k: int) -> list[list[Any]]:
        frame = counts.rename("n").rename_axis("value").reset_index()
        frame = frame.sort_values(["n", "value"], ascending=[False, True]).head(k)
        return [[v, int(n)] for v, n in frame.itertuples(index=False)]

    # activity
    daily = t.groupby("day").size()
    # posting profile: 168 cells, zeros included, shares
    local = t["tweet_time"].dt.tz_convert(TZ)
    cells = pd.MultiIndex.from_product([range(1, 8), range(24)], names=["weekday", "hour"])
    profile = (
        t.groupby([local.dt.day_of_week.rename("weekday") + 1, local.dt.hour.rename("hour")])
        .size()
        .reindex(cells, fill_value=0)
    )
    profile_share = profile / profile.sum()  # noqa: F841
    profile_top = profile.reset_index(name="n").sort_values(
        ["n", "weekday", "hour"], ascending=[False, True, True]
    )
    # tweet types
    types = t["kind"].value_counts()
    # top hashtags and domains
    hashtags = pd.Series(collections.Counter(h for hs in t["hashtags"].dropna() for h in hs))
    urls = t["urls"].dropna().explode().dropna()
    hosts = urls.map(lambda x: urlsplit(x).hostname).dropna().str.removeprefix("www.")
    # client concentration
    shares = t["tweet_client_name"].value_counts(normalize=True)
    herfindahl = (shares**2).sum()
    entropy = -(shares * np.log2(shares)).sum()
    # account activity
    grouped = t.groupby(["campaign", "userid"])
    acts = grouped.agg(
        tweets=("tweetid", "size"),
        active_days=("day", "nunique"),
        first=("tweet_time", "min"),
        last=("tweet_time", "max"),
    )
    type_shares = pd.crosstab([t["campaign"], t["userid"]], t["kind"], normalize="index")
    acts = acts.join(type_shares)
    acts["per_day"] = acts["tweets"] / acts["active_days"]
    # creation cohorts and batch creation
    created = u["account_creation_date"].dropna()
    cohorts = created.dt.to_period("M").dt.start_time.value_counts().sort_index()
    per_day = created.value_counts()
    batch = per_day[per_day >= 3]
    # engagement, retweets left out
    own = t[~t["is_retweet"]]
    engagement = own[["like_count", "retweet_count", "reply_count", "quote_count"]].agg(
        ["sum", "mean", "median"]
    )
    # burstiness from exact (snowflake) times, vectorised
    ts = pd.DataFrame(
        {"userid": t["userid"], "ms": (t["tweetid"] >> np.uint64(22)).astype("int64") + EPOCH_MS}
    ).sort_values(["userid", "ms"])
    ts["gap"] = ts.groupby("userid")["ms"].diff() / 1000
    gaps = ts.groupby("userid").agg(n=("ms", "size"), m=("gap", "mean"))
    gaps["s"] = ts.groupby("userid")["gap"].std(ddof=0)
    gaps = gaps[gaps["n"] >= 10]
    burst = (gaps["s"] - gaps["m"]) / (gaps["s"] + gaps["m"])
    # retweet latency
    rt = t[t["is_retweet"] & (t["retweet_tweetid"] != "")]
    source = rt["retweet_tweetid"].astype("uint64") >> np.uint64(22)
    latency = ((rt["tweetid"] >> np.uint64(22)).astype("int64") - source.astype("int64")) / 1000
    # summary
    members = pd.concat([u[["campaign", "userid"]], t[["campaign", "userid"]]]).drop_duplicates()
    authors = set(t["userid"])
    hashed_share = members["userid"].str.match(HASHED).mean()
    never = (~members["userid"].isin(authors)).mean()
    langs = t.loc[t["tweet_language"] != "", "tweet_language"].value_counts()
    top_langs = [v for v, _ in ranked(langs, 3)]
    quote_share = (t["kind"] == "quote").mean()
    return {
        "daily": {str(d.date()): int(n) for d, n in daily.items()},
        "profile_top": [int(x) for x in profile_top.iloc[0]],
        "types": {k: int(types.get(k, 0)) for k in ("original", "retweet", "reply", "quote")},
        "top_hashtags": ranked(hashtags, 10),
        "top_domains": ranked(hosts.value_counts(), 10),
        "herfindahl": _r(herfindahl),
        "entropy": _r(entropy),
        "accounts_active": len(acts),
        "max_active_days": int(acts["active_days"].max()),
        "mean_share_retweet": _r(acts["retweet"].mean()),
        "cohorts": {str(p.date()): int(n) for p, n in cohorts.items()},
        "batch_days": len(batch),
        "like_mean": _r(engagement.loc["mean", "like_count"]),
        "like_median": _r(engagement.loc["median", "like_count"]),
        "bursty_accounts": len(burst),
        "mean_burstiness": _r(burst.mean()),
        "latency_median": _r(latency.median()),
        "summary": [
            len(members),
            _r(hashed_share),
            _r(never),
            len(t),
            top_langs,
            _r(quote_share),
        ],
    }


RUNNERS = {
    "ioarchive-csv": run_ioarchive_csv,
    "ioarchive-csv-once": run_ioarchive_csv_once,
    "ioarchive-store": run_ioarchive_store,
    "pandas": run_pandas,
}


def child(variant: str, tweets: Path, users: Path) -> None:
    start = time.perf_counter()
    result = RUNNERS[variant](tweets, users)
    print(json.dumps({"seconds": time.perf_counter() - start, "result": result}))


def _differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [key for key in a if a[key] != b.get(key)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant (median kept)")
    parser.add_argument("--child")
    parser.add_argument("--tweets", type=Path)
    parser.add_argument("--users", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.tweets, args.users)
        return
    tweets, users = make_data(args.rows)
    make_store(tweets)
    timings: dict[str, tuple[float, float]] = {}
    reference: dict[str, Any] | None = None
    for variant in RUNNERS:
        runs = [
            _child.measure(__file__, variant, "--tweets", str(tweets), "--users", str(users))
            for _ in range(args.repeat)
        ]
        timings[variant] = (
            statistics.median(r[0] for r in runs),
            max(r[1] for r in runs),
        )
        result = runs[0][2]
        if reference is None:
            reference = result
        elif differences := _differences(reference, result):
            raise SystemExit(f"{variant} disagrees with ioarchive-csv on: {differences}")
    size = tweets.stat().st_size / 1e6
    print(
        f"Whole metric set (13 measures), {args.rows:,} tweets ({size:,.0f} MB of CSV); "
        f"{os.cpu_count()} cores; median of {args.repeat} run(s)\n"
    )
    print("| variant | seconds | time vs ioarchive (CSV) | pandas / variant | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    base, pandas = timings["ioarchive-csv"][0], timings["pandas"][0]
    for variant, (seconds, peak) in timings.items():
        print(
            f"| {variant} | {seconds:.2f} | {seconds / base:.2f}x | {pandas / seconds:.1f}x "
            f"| {peak:,.0f} |"
        )


if __name__ == "__main__":
    main()
