"""Fixtures shared by these tests."""

from __future__ import annotations

import polars as pl
import pytest

from ioarchive import synthetic


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    return synthetic.write_campaign(
        tmp_path_factory.mktemp("metrics"),
        "m_202012",
        n_accounts=40,
        n_tweets=2000,
        seed=31,
        days=60,
        bursty_accounts=2,
        pre_snowflake_tweets=20,
    )


@pytest.fixture(scope="module")
def tweets(truth: synthetic.CampaignTruth) -> pl.LazyFrame:
    return pl.LazyFrame(truth.tweets)
