"""Tests of leaks."""

from __future__ import annotations

import polars as pl

from ioarchive import identity, synthetic
from ioarchive.schema import Era
from tests.identity.common import H3, PY_HASH_IN_TEXT, expected_leaks, leak_frames
from tests.samples import EngineName


def test_leaks_detects_planted_cases_exactly(engine: EngineName) -> None:
    tweets, users, h2 = leak_frames()
    h1 = synthetic.hash_id("111", era=Era.TWEETS_2020, salt="leak")
    report = identity.leaks(tweets, users).collect(engine=engine)
    assert report.schema["kind"] == identity.LEAK_KIND
    assert report.select("tweetid", "kind", "hashed_account", "clear_ids").rows() == [
        (1, "raw_id_in_mentions", h2, ["222"]),
        (3, "hash_beside_clear_id", h2, ["77"]),
        (6, "raw_id_in_mentions", h1, ["8"]),
        (6, "raw_id_in_mentions", H3, ["8"]),  # a hash not of this dataset counts too
    ]


def test_leaks_planted_in_a_synthetic_release(
    pair: tuple[synthetic.CampaignTruth, synthetic.CampaignTruth, dict[str, str]],
    engine: EngineName,
) -> None:
    hashed, _, truth = pair
    # A clean copy first: every hash in a text is listed in user_mentions (as Twitter's
    # entities do); then the china_082019 leak is planted: in some tweets the hash in
    # user_mentions is replaced by the account's raw id.
    clean_mentions = [
        list(dict.fromkeys([*PY_HASH_IN_TEXT.findall(text or ""), *(mentions or [])]))
        for text, mentions in zip(
            hashed.tweets["tweet_text"].to_list(),
            hashed.tweets["user_mentions"].to_list(),
            strict=True,
        )
    ]
    clean = hashed.tweets.with_columns(
        pl.Series("user_mentions", clean_mentions, dtype=pl.List(pl.String))
    )
    users = pl.LazyFrame(hashed.users)
    baseline = identity.leaks(pl.LazyFrame(clean), users).collect(engine=engine)
    assert (baseline["kind"] == "hash_beside_clear_id").all()

    candidates = clean.filter(
        pl.col("tweet_text").str.contains(r"^RT @[A-Za-z0-9+]+=:")
        & pl.col("user_mentions").list.len().gt(0)
    ).sort("tweetid")
    planted: dict[int, str] = {}
    for row in candidates.head(6).iter_rows(named=True):
        hit = PY_HASH_IN_TEXT.match(row["tweet_text"][3:])
        assert hit is not None
        planted[row["tweetid"]] = hit.group(1)
    assert len(planted) == 6
    leaked_mentions = [
        [truth[m] if planted.get(tweetid) == m else m for m in mentions]
        for tweetid, mentions in zip(
            clean["tweetid"].to_list(), clean["user_mentions"].to_list(), strict=True
        )
    ]
    leaked = clean.with_columns(
        pl.Series("user_mentions", leaked_mentions, dtype=pl.List(pl.String))
    )
    report = identity.leaks(pl.LazyFrame(leaked), users).collect(engine=engine)
    rows = [(t, str(k), h, list(c)) for t, k, h, c in report.drop("campaign").rows()]
    assert rows == expected_leaks(leaked, hashed.users)
    raw = report.filter(pl.col("kind") == "raw_id_in_mentions")
    assert dict(zip(raw["tweetid"], raw["hashed_account"], strict=True)) == planted
    for tweetid, h, clear in raw.select("tweetid", "hashed_account", "clear_ids").rows():
        assert truth[h] in clear, tweetid


def test_leaks_never_reverse_a_hash() -> None:
    tweets, users, _ = leak_frames()
    report = identity.leaks(tweets, users).collect()
    assert report.columns == ["campaign", "tweetid", "kind", "hashed_account", "clear_ids"]
    assert report.schema["clear_ids"] == pl.List(pl.String)
