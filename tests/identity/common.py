"""Helpers shared by these tests: plain-Python references and tiny frames."""

from __future__ import annotations

import base64
import collections
import datetime as dt
import re
from typing import Any

import polars as pl
from polars.testing import assert_frame_equal

from ioarchive import identity, synthetic
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era

# From the samples' README: hashed accounts of each real users file.
REAL_HASHED = {
    "cuba_082020_users_csv_hashed.csv": 490,
    "qatar_082020_users_csv_hashed.csv": 22,
    "iran_092020_users_csv_hashed.csv": 104,
    "thailand_092020_users_csv_hashed.csv": 926,
    "ira_092020_users_csv_hashed.csv": 5,
    "ira_2018_excerpt_users_csv_hashed.csv": 2,
}


# An independent spelling of the rules, for the reference implementations below.
PY_HASH = re.compile(r"[0-9a-f]{64}|[A-Za-z0-9+]{30,42}[AEIMQUYcgkosw048]=")


PY_HASH_IN_TEXT = re.compile(r"@([0-9a-f]{64}|[A-Za-z0-9+]{30,42}[AEIMQUYcgkosw048]=)")


H1, H2, H3 = "a" * 64, "b" * 64, "c" * 64


B64 = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="


T0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def kinds(values: list[str | None]) -> list[str | None]:
    frame = pl.DataFrame({"x": values}, schema={"x": pl.String})
    return frame.select(identity.id_kind("x"))["x"].to_list()


def py_hashed(value: str | None) -> bool | None:
    return None if value is None else PY_HASH.fullmatch(value) is not None


def tweets_frame(rows: list[dict[str, Any]]) -> pl.LazyFrame:
    return pl.LazyFrame([{"campaign": "c", **r} for r in rows], schema=TWEET_SCHEMA)


def users_frame(rows: list[dict[str, Any]]) -> pl.LazyFrame:
    return pl.LazyFrame([{"campaign": "c", **r} for r in rows], schema=USER_SCHEMA)


def both_engines(lf: pl.LazyFrame, *sort: str) -> pl.DataFrame:
    """Collect on both engines, check they agree (sorted), return the streaming result."""
    streaming = lf.collect(engine="streaming").sort(*sort)
    in_memory = lf.collect(engine="in-memory").sort(*sort)
    assert_frame_equal(streaming, in_memory)
    return streaming


def b64_hash(digest: bytes) -> str:
    return base64.b64encode(digest).decode().replace("/", "")


def expected_references(tweets: pl.DataFrame, users: pl.DataFrame) -> collections.Counter[Any]:
    """Plain Python: (tweetid, kind, referenced id, referenced tweet, class, hashed, member)."""
    members = {(r["campaign"], r["userid"]) for r in users.iter_rows(named=True)}
    members |= {(r["campaign"], r["userid"]) for r in tweets.iter_rows(named=True)}
    authors: dict[tuple[str, int], str] = {}
    targets: dict[tuple[str, int], list[str]] = collections.defaultdict(list)
    for r in tweets.iter_rows(named=True):
        authors[r["campaign"], r["tweetid"]] = r["userid"]
        for t, a in (
            ("retweet_tweetid", "retweet_userid"),
            ("in_reply_to_tweetid", "in_reply_to_userid"),
        ):
            if r[t] is not None and r[a] is not None:
                targets[r["campaign"], r[t]].append(r[a])

    def author(campaign: str, tweetid: int) -> str | None:
        if (campaign, tweetid) in authors:
            return authors[campaign, tweetid]
        return min(targets[campaign, tweetid], default=None)

    def row(
        r: dict[str, Any], kind: str, ref: str | None, ref_tweet: int | None
    ) -> tuple[Any, ...]:
        member = None if ref is None else (r["campaign"], ref) in members
        if ref is None:
            klass = "unknown"
        elif py_hashed(ref) or member:
            klass = "internal"
        elif re.fullmatch(r"[0-9]{1,20}", ref):
            klass = "external"
        else:
            klass = "unknown"
        return (r["tweetid"], kind, ref, ref_tweet, klass, py_hashed(ref), member)

    out: collections.Counter[Any] = collections.Counter()
    for r in tweets.iter_rows(named=True):
        if r["is_retweet"] or r["retweet_userid"] or r["retweet_tweetid"]:
            out[row(r, "retweet", r["retweet_userid"], r["retweet_tweetid"])] += 1
        if r["in_reply_to_userid"] or r["in_reply_to_tweetid"]:
            out[row(r, "reply", r["in_reply_to_userid"], r["in_reply_to_tweetid"])] += 1
        for mention in dict.fromkeys(r["user_mentions"] or []):
            if mention != "0":
                out[row(r, "mention", mention, None)] += 1
        if r["quoted_tweet_tweetid"] is not None:
            quoted = r["quoted_tweet_tweetid"]
            out[row(r, "quote", author(r["campaign"], quoted), quoted)] += 1
    return out


def leak_frames() -> tuple[pl.LazyFrame, pl.LazyFrame, str]:
    h1 = synthetic.hash_id("111", era=Era.TWEETS_2020, salt="leak")
    h2 = synthetic.hash_id("222", era=Era.TWEETS_2020, salt="leak")
    users = users_frame([{"userid": u} for u in (h1, h2, "5000000")])
    rows = [
        {"tweetid": 1, "userid": h1, "tweet_text": f"hello @{h2}", "user_mentions": ["222"]},
        {"tweetid": 2, "userid": h1, "tweet_text": f"hello @{h2}", "user_mentions": [h2]},
        {"tweetid": 3, "userid": h1, "tweet_text": f"@{h2} @x", "user_mentions": [h2, "77"]},
        {"tweetid": 4, "userid": h2, "tweet_text": "@friend", "user_mentions": ["5000000"]},
        {"tweetid": 5, "userid": h2, "tweet_text": f"RT @{h1}: hi", "user_mentions": ["5000000"]},
        {
            "tweetid": 6,
            "userid": h2,
            "tweet_text": f"@{h1} @{H3}",
            "user_mentions": ["0", "8", "8"],
        },
    ]
    return tweets_frame(rows), users, h2


def expected_leaks(tweets: pl.DataFrame, users: pl.DataFrame) -> list[tuple[Any, ...]]:
    """Plain Python: (tweetid, kind, hash, clear ids) for each hash mentioned in a text."""
    members = set(users["userid"]) | set(tweets["userid"])
    out = []
    for r in tweets.iter_rows(named=True):
        mentions = r["user_mentions"] or []
        clear = sorted({m for m in mentions if m.isdigit() and m != "0" and m not in members})
        if not clear:
            continue
        for h in sorted(set(PY_HASH_IN_TEXT.findall(r["tweet_text"] or ""))):
            kind = "hash_beside_clear_id" if h in mentions else "raw_id_in_mentions"
            out.append((r["tweetid"], kind, h, clear))
    return sorted(out)
