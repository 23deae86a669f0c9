"""Fixtures shared by these tests."""

from __future__ import annotations

import pytest

from ioarchive import synthetic


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> synthetic.CampaignTruth:
    folder = tmp_path_factory.mktemp("identity")
    return synthetic.write_campaign(folder, "id_202012", n_accounts=40, n_tweets=800, seed=21)


@pytest.fixture(scope="module")
def pair(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[synthetic.CampaignTruth, synthetic.CampaignTruth, dict[str, str]]:
    """A release's hashed and unhashed copies, and the true hash → id of hashed accounts."""
    folder = tmp_path_factory.mktemp("pair")
    hashed = synthetic.write_campaign(
        folder / "h", "pair_202012", n_accounts=30, n_tweets=600, seed=8
    )
    clear = synthetic.write_campaign(
        folder / "u", "pair_202012", n_accounts=30, n_tweets=600, seed=8, hashed=False
    )
    truth = dict(zip(hashed.users["userid"], clear.users["userid"], strict=True))
    return hashed, clear, {h: c for h, c in truth.items() if h in hashed.hashed_accounts}
