"""Accounts: hash formats, the 5,000-follower rule, copies, never-tweeted and external ids."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ioarchive import synthetic
from ioarchive.schema import Era
from ioarchive.synthetic import FileQuirks
from tests.synthetic.plain import BASE64, ERAS, HEX64


@pytest.mark.parametrize("era", ERAS)
def test_hash_formats_and_the_5000_follower_rule(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "h_202012", era=era, n_accounts=60, seed=4)
    pattern = HEX64 if era is Era.TWEETS_2018 else BASE64
    assert truth.hashed_accounts
    assert truth.unhashed_accounts
    assert all(pattern.match(h) for h in truth.hashed_accounts)
    assert all(u.isdigit() for u in truth.unhashed_accounts)
    users = truth.users
    hashed = users["userid"].is_in(list(truth.hashed_accounts))
    assert (users.filter(hashed)["follower_count"] < 5000).all()
    assert (users.filter(~hashed)["follower_count"] >= 5000).all()
    assert (
        users.filter(pl.col("follower_count") == 4999)["userid"].to_list()[0]
        in truth.hashed_accounts
    )
    assert (
        users.filter(pl.col("follower_count") == 5000)["userid"].to_list()[0]
        in truth.unhashed_accounts
    )
    hashed_rows = users.filter(hashed)
    assert (hashed_rows["user_screen_name"] == hashed_rows["userid"]).all()
    assert (hashed_rows["user_display_name"] == hashed_rows["userid"]).all()
    clear_rows = users.filter(~hashed)
    assert (clear_rows["user_screen_name"] != clear_rows["userid"]).all()


def test_hash_id_lengths_stay_in_the_real_range() -> None:
    hashes = [synthetic.hash_id(str(i), era=Era.TWEETS_2020, salt="s") for i in range(20000)]
    assert all(BASE64.match(h) for h in hashes)
    assert {len(h) for h in hashes} <= set(range(40, 45))
    assert any(len(h) < 44 for h in hashes)  # slashes were deleted somewhere
    assert len(set(hashes)) == len(hashes)
    assert synthetic.hash_id("1", era=Era.TWEETS_2020) != synthetic.hash_id(
        "1", era=Era.TWEETS_2020, salt="x"
    )


def test_unhashed_copy_and_hash_all(tmp_path: Path) -> None:
    clear = synthetic.write_campaign(tmp_path / "u", "h_202012", hashed=False, seed=4)
    hashed = synthetic.write_campaign(tmp_path / "h", "h_202012", seed=4)
    assert not clear.hashed_accounts
    assert clear.tweet_files[0].name == "h_202012_tweets_csv_unhashed.csv"
    assert clear.user_files[0].name == "h_202012_users_csv_unhashed.csv"
    # The two copies of a release share tweet ids and differ in hashed ids only.
    assert clear.tweets["tweetid"].to_list() == hashed.tweets["tweetid"].to_list()
    paired = dict(zip(hashed.users["userid"], clear.users["userid"], strict=True))
    assert all(paired[h] != h for h in hashed.hashed_accounts)
    assert all(paired[u] == u for u in hashed.unhashed_accounts)
    everyone = synthetic.write_campaign(
        tmp_path / "a", "h_202012", seed=4, quirks=FileQuirks(hash_all=True)
    )
    assert not everyone.unhashed_accounts
    assert len(everyone.hashed_accounts) == everyone.users.height
    assert (everyone.users["follower_count"] >= 5000).any()


def test_hash_all_in_an_unhashed_copy_hashes_nothing(tmp_path: Path) -> None:
    clear = synthetic.write_campaign(
        tmp_path, "h_202012", hashed=False, quirks=FileQuirks(hash_all=True)
    )
    assert not clear.hashed_accounts
    assert clear.unhashed_accounts == set(clear.users["userid"].to_list())


def test_never_tweeted_and_external_accounts(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "n_202012", n_accounts=30, n_tweets=500, seed=9)
    authors = set(truth.tweets["userid"].to_list())
    users = set(truth.users["userid"].to_list())
    assert truth.never_tweeted
    assert truth.never_tweeted == users - authors
    assert authors <= users
    assert truth.external_accounts
    assert all(e.isdigit() for e in truth.external_accounts)
    assert not truth.external_accounts & users
    refs = pl.concat(
        [truth.tweets["retweet_userid"], truth.tweets["in_reply_to_userid"]]
    ).drop_nulls()
    mentions = truth.tweets["user_mentions"].explode().drop_nulls()
    referenced = set(refs.to_list()) | set(mentions.to_list())
    assert truth.external_accounts == referenced - users - {"0"}
    assert referenced & truth.hashed_accounts
