"""Tweets: the values and their spellings in the bytes, kinds, ids, pre-snowflake tweets."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import Era
from ioarchive.snowflake import FIRST_SNOWFLAKE_ID, SNOWFLAKE_EPOCH_MS
from ioarchive.synthetic.draws import Draws
from tests.synthetic.plain import ERAS, read_text


@pytest.mark.parametrize("era", ERAS)
def test_value_quirks_are_in_the_bytes(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "v_202012", era=era, n_tweets=1500, seed=11)
    text = read_text(truth.tweet_files[0])
    users = read_text(truth.user_files[0])
    assert "line one\nline two" in text  # a multi-line text
    assert "windows line\r\nend" in text
    assert "a stray \r carriage return" in text
    assert '"doubled """"quotes"""" kept"' in text  # doubled quotes, doubled again by CSV
    assert "&amp;" in text
    assert "\u200f" in text
    assert "😀" in text
    assert "ประเทศไทย" in text
    assert "line one\nline two" in users
    assert "https://example.org/a,b?x=1,2" in text  # a comma inside a URL
    assert re.search(r'"\d+\.0"', text)  # a count written as a float
    assert re.search(r'"\d+\.0"', users)
    assert re.search(r'"\d{19}"', text)  # 19-digit tweet ids
    assert re.search(r'"\d{4}-\d\d-\d\d \d\d:\d\d"', text)
    assert re.search(r'"(?:19|20)\d\d-\d\d-\d\d","(?:en|ar|ru)"', text)
    assert '"RT @someone: ' in text
    if era is Era.TWEETS_2018:
        assert re.search(r'"\[(STOPNazi|Cuba|CubaVa|Syria|MAGA|HK)(, [^\]"]+)?\]"', text)
        assert (
            "\"[https://news.example.com/it's-here" in text
            or ", https://news.example.com/it's" in text
        )
        assert '"[]"' in text
        assert ',"",""' in text  # empty geo (and empty list cells)
        assert '"true"' in text
        assert '"false"' in text
        assert re.search(r'"\[[0-9a-f]{64}(, |\])', text)  # a hex hash in user_mentions
        assert re.search(r'"-?\d+\.\d+","-?\d+\.\d+"', text)  # a few coordinates
        assert re.search(r'"RT @[0-9a-f]{64}: ', text)
    else:
        assert """["https://news.example.com/it's-here\"""" in text.replace('""', '"')
        assert "['Cuba'" in text or ", 'Cuba'" in text
        assert '"absent","absent"' in text
        assert '"present","present"' in text
        assert re.search(r"\[\d+, '[A-Za-z0-9+]+='", text) or re.search(
            r"'[A-Za-z0-9+]+=', \d+", text
        )
        assert re.search(r'"\[\d{8,19}\]"', text)  # a numeric id written as a Python int
        assert re.search(r'"RT @[A-Za-z0-9+]{39,43}=: ', text)
        assert '"[]"' in text
    assert ", 0]" in text or "[0]" in text or "[0, " in text  # the 0 mention placeholder
    assert "#" not in "".join(truth.tweets["hashtags"].explode().drop_nulls().to_list())
    elements = truth.tweets.select(pl.concat_list("hashtags", "urls", "user_mentions").explode())
    values = elements.to_series().drop_nulls().to_list()
    assert not any("\\" in v or not v.isprintable() for v in values)
    if era is Era.TWEETS_2018:
        assert not any(", " in v for v in values)


def test_2018_empty_lists_are_both_blank_and_brackets(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "ira", era=Era.TWEETS_2018, n_tweets=600, seed=2)
    lists = truth.tweets.select("hashtags", "urls", "user_mentions")
    nulls = lists.select(pl.all().is_null().sum()).row(0)
    empties = lists.select((pl.all().list.len() == 0).sum()).row(0)
    assert all(n > 0 for n in nulls)
    assert all(e > 0 for e in empties)
    assert truth.tweets["poll_choices"].null_count() == 600
    assert truth.tweets["has_geo"].null_count() > 0
    counts = truth.tweets.select("quote_count", "like_count")
    assert counts.null_count().row(0) != (0, 0)


@pytest.mark.parametrize("era", ERAS)
def test_retweets_replies_quotes(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "r_202012", era=era, n_tweets=1200, seed=14)
    t = truth.tweets
    rts = t.filter("is_retweet")
    assert rts.height > 0
    assert rts["retweet_tweetid"].null_count() == 0
    assert rts["tweet_text"].str.starts_with("RT @").all()
    engagement = rts.select("quote_count", "reply_count", "like_count", "retweet_count")
    assert engagement.select(pl.all().fill_null(0).max()).row(0) == (0, 0, 0, 0)
    outside = rts.filter(pl.col("retweet_userid").is_null())
    assert outside.height > 0
    assert outside["tweet_text"].str.starts_with("RT @someone: ").all()
    screen = dict(zip(truth.users["userid"], truth.users["user_screen_name"], strict=True))
    for uid, text in rts.drop_nulls("retweet_userid").select("retweet_userid", "tweet_text").rows():
        assert text.startswith(f"RT @{screen.get(uid, 'ext' + uid[-4:])}: ")
    originals = t.filter(~pl.col("is_retweet"))
    assert originals.filter(pl.col("in_reply_to_tweetid").is_not_null()).height > 0
    assert (
        originals["in_reply_to_tweetid"]
        .is_null()
        .eq(originals["in_reply_to_userid"].is_null())
        .all()
    )
    quoted = set(t["quoted_tweet_tweetid"].drop_nulls().to_list())
    assert quoted & set(t["tweetid"].to_list())  # some quote a tweet of the dataset
    assert quoted - set(t["tweetid"].to_list())
    assert truth.type_counts["retweet"] == rts.height
    assert sum(truth.type_counts.values()) == 1200
    assert (t["like_count"].drop_nulls() > 0).any()


def test_tweet_ids_are_snowflakes_of_their_minute(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "s_202012", n_tweets=300, seed=13, bursty_accounts=2)
    ms = (pl.col("tweetid") // (1 << 22)).cast(pl.Int64) + SNOWFLAKE_EPOCH_MS
    exact = pl.from_epoch(ms, time_unit="ms").dt.replace_time_zone("UTC")
    check = truth.tweets.select((exact.dt.truncate("1m") == pl.col("tweet_time")).all())
    assert check.item()
    assert truth.tweets["tweetid"].is_unique().all()
    rt = truth.tweets.filter("is_retweet")
    assert (rt["retweet_tweetid"] < rt["tweetid"]).all()  # the retweeted tweet is older


def test_pre_snowflake_tweets(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "ira", era=Era.TWEETS_2018, n_accounts=40, n_tweets=200, pre_snowflake_tweets=7
    )
    t = truth.tweets
    assert t.height == 200
    old = t.head(7)  # they come first in the file
    assert (old["tweetid"] < FIRST_SNOWFLAKE_ID).all()
    assert (t.tail(193)["tweetid"] > FIRST_SNOWFLAKE_ID).all()
    assert (old["tweet_time"] < dt.datetime(2010, 11, 4, tzinfo=dt.UTC)).all()
    assert (old["tweet_time"].dt.date() >= old["account_creation_date"]).all()
    assert not old["is_retweet"].any()
    assert old["tweetid"].is_unique().all()
    assert_frame_equal(ioa.scan_tweets(truth.tweet_files, campaign="ira").collect(), t)
    with pytest.raises(ValueError, match="before November 2010"):
        synthetic.write_campaign(tmp_path / "x", "x", n_accounts=1, pre_snowflake_tweets=1, seed=3)


@pytest.mark.parametrize("seed", range(5))
def test_draws_are_the_standard_library_streams(seed: int) -> None:
    ours, theirs = Draws(random.Random(seed)), random.Random(seed)
    for n in (1, 2, 3, 9, 40, 1000, 120_000, 1 << 22, 9 * 10**17):
        assert ours.below(n) == theirs.randrange(n)
    for k in range(4):
        assert ours.sample("abcdefghi", k) == theirs.sample("abcdefghi", k)
    assert ours.random() == theirs.random()
