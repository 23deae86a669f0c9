"""Conventions every metric keeps: both engines agree, null keys, documentation, real files."""

from __future__ import annotations

import ast
import collections
import csv
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive
from ioarchive import metrics, synthetic
from tests.metrics.common import METRIC_CALLS, inputs, ranked


@pytest.mark.parametrize("kind", ["truth", "null-campaign", "empty"])
@pytest.mark.parametrize("name", sorted(METRIC_CALLS))
def test_streaming_equals_in_memory(name: str, kind: str, truth: synthetic.CampaignTruth) -> None:
    frame = METRIC_CALLS[name](*inputs(truth, kind))
    assert isinstance(frame, pl.LazyFrame)
    streaming = frame.collect(engine="streaming")
    assert_frame_equal(streaming, frame.collect(engine="in-memory"))
    if kind != "empty":
        assert streaming.height > 0


def test_null_group_keys_are_a_group(truth: synthetic.CampaignTruth) -> None:
    t, _ = inputs(truth, "null-campaign")
    daily = metrics.activity(t, by="campaign", fill_gaps=True).collect()
    assert daily["campaign"].null_count() == daily.height
    assert daily["tweets"].sum() == truth.tweets.height
    profile = metrics.posting_profile(t, by="campaign").collect()
    assert profile.height == 168
    assert profile["tweets"].sum() == truth.tweets.height
    types = metrics.tweet_types(t, by="campaign").collect()
    assert dict(zip(types["tweet_type"], types["tweets"], strict=True)) == truth.type_counts


def test_public_names_are_documented() -> None:
    assert metrics.__all__ == sorted(metrics.__all__)
    for name in metrics.__all__:
        obj = getattr(metrics, name)
        if callable(obj) and not isinstance(obj, pl.DataType):
            assert obj.__doc__
            assert ">>>" in obj.__doc__, name


def test_metrics_on_scanned_files_match_csv_module(truth: synthetic.CampaignTruth) -> None:
    """An independent path: the CSV files parsed by Python's csv module, not the truth frame."""
    records: list[dict[str, str]] = []
    for path in truth.tweet_files:
        with path.open(newline="", encoding="utf-8") as f:
            records += list(csv.DictReader(f))
    scanned = ioarchive.scan_tweets(truth.tweet_files, campaign=truth.campaign)

    daily = metrics.activity(scanned, every="1d").collect()
    expected_days = collections.Counter(r["tweet_time"][:10] for r in records)
    assert {str(p.date()): n for p, n in daily.iter_rows()} == dict(expected_days)

    def kind(r: dict[str, str]) -> str:
        if r["is_retweet"].lower() in {"true", "1"}:
            return "retweet"
        if r["quoted_tweet_tweetid"]:
            return "quote"
        return "reply" if r["in_reply_to_tweetid"] or r["in_reply_to_userid"] else "original"

    types = metrics.tweet_types(scanned).collect()
    expected_types = dict.fromkeys(metrics.TWEET_TYPE.categories, 0)
    expected_types.update(collections.Counter(kind(r) for r in records))
    assert dict(types.select("tweet_type", "tweets").iter_rows()) == expected_types
    hashtags = collections.Counter(
        h for r in records if r["hashtags"] for h in ast.literal_eval(r["hashtags"])
    )
    top = metrics.top(scanned, "hashtags", k=5).collect()
    assert top.select("value", "count").rows() == ranked(hashtags, 5)
    clients = collections.Counter(r["tweet_client_name"] for r in records)
    assert metrics.top(scanned, "tweet_client_name", k=3).collect().select(
        "value", "count"
    ).rows() == ranked(clients, 3)


def test_describe_a_campaign_page_is_current() -> None:
    """The docs page is the output of its script: regenerate it when a metric changes."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "describe_campaign", root / "docs" / "scripts" / "describe_campaign.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (root / "docs" / "describe-a-campaign.md").read_text(
        encoding="utf-8"
    ), "run: python docs/scripts/describe_campaign.py"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda t: metrics.activity(t, every="daily"),
            "every='daily': not a positive Polars duration",
        ),
        (lambda t: metrics.activity(t, every="-1d"), "every='-1d': not a positive Polars duration"),
        (lambda t: metrics.posting_profile(t, tz="Tehran"), "tz='Tehran': not an IANA time zone"),
        (lambda t: metrics.top(t, "hashtags", k=-3), "k=-3: must be a whole number of at least 1"),
        (lambda t: metrics.top(t, "hashtags", k=0), "k=0"),
        (lambda t: metrics.burstiness(t, min_tweets=1), "min_tweets=1"),
        (lambda t: metrics.creation_cohorts(t, every="1zz"), "every='1zz'"),
        (lambda t: metrics.batch_creation(t, min_accounts=0), "min_accounts=0"),
    ],
)
def test_bad_parameters_fail_when_the_query_is_built(call: Any, message: str) -> None:
    frame = pl.LazyFrame(schema=ioarchive.TWEET_SCHEMA)
    with pytest.raises(ValueError, match=re.escape(message)):
        call(frame)
