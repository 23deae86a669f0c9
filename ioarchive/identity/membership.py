"""Campaign accounts: who belongs to a campaign, and one row per account with its profile."""

from __future__ import annotations

import polars as pl

from ioarchive.identity.ids import account_key, is_hashed
from ioarchive.schema import USER_COLUMNS

__all__ = ["accounts", "members"]

_PROFILE = USER_COLUMNS[1:]


def members(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List the members of each campaign: accounts of the users file, and authors of tweets.

    This is the one definition of a campaign's accounts; ``accounts``, ``references``,
    ``leaks`` and [`metrics.summary`][ioarchive.metrics.summary] all use it. Rows with a null
    ``userid`` are not accounts.

    Args:
        tweets: Any frame with ``campaign`` and ``userid`` (tweets: their authors).
        users: Any frame with ``campaign`` and ``userid`` (users).

    Returns:
        A LazyFrame, one row per distinct (campaign, userid), unordered: ``campaign``,
        ``userid`` (String).

    Examples:
        >>> import polars as pl
        >>> t = pl.LazyFrame({"campaign": ["c", "c"], "userid": ["1", None]})
        >>> u = pl.LazyFrame({"campaign": ["c"], "userid": ["2"]})
        >>> sorted(members(t, u).collect()["userid"])
        ['1', '2']
    """
    keys = ["campaign", "userid"]
    return (
        pl.concat([users.select(keys), tweets.select(keys)])
        .filter(pl.col("userid").is_not_null())
        .unique()
    )


def accounts(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List every campaign account: from the users file, and every author of a tweet.

    Profile fields come from the users file; for an account the users file lacks (or a field it
    leaves empty) they come from the profile repeated on the account's latest tweet (latest by
    ``tweet_time``, then ``tweetid``). Accounts that never tweeted are included, with
    ``tweets`` 0. Rows with a null ``userid`` are ignored. If a users file lists an account
    twice, either row's profile may be kept.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (campaign, userid), unordered, with columns: ``key`` (String,
        [`account_key`][ioarchive.identity.account_key] dataset scope), ``campaign`` (String),
        ``userid`` (String),
        ``hashed`` (Boolean), ``in_users_file`` (Boolean), ``tweets`` (UInt32: tweets
        authored), ``first_tweet``, ``last_tweet`` (Datetime(us, UTC); null if none), then the
        nine profile columns of the user schema, ``user_display_name`` to
        ``account_language``, typed as there.

    Examples:
        >>> import datetime as dt
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
        >>> when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        >>> t = pl.LazyFrame(
        ...     [{"campaign": "c", "tweetid": 9, "userid": "1", "tweet_time": when,
        ...       "follower_count": 5}],
        ...     schema=TWEET_SCHEMA,
        ... )
        >>> u = pl.LazyFrame([{"campaign": "c", "userid": "a" * 64}], schema=USER_SCHEMA)
        >>> accounts(t, u).sort("userid").select(
        ...     pl.col("userid").str.head(3), "hashed", "in_users_file", "tweets", "follower_count"
        ... ).collect().rows()
        [('1', False, False, 1, 5), ('aaa', True, True, 0, None)]
    """
    keys = ["campaign", "userid"]
    listed = (
        users.select(*keys, *_PROFILE)
        .filter(pl.col("userid").is_not_null())
        .unique(keys, keep="any")
        .with_columns(pl.lit(True).alias("in_users_file"))
    )
    order = ["tweet_time", "tweetid"]
    authored = (
        tweets.select(*keys, *order, *_PROFILE)
        .filter(pl.col("userid").is_not_null())
        .group_by(keys)
        .agg(
            pl.len().cast(pl.UInt32).alias("tweets"),
            pl.col("tweet_time").min().alias("first_tweet"),
            pl.col("tweet_time").max().alias("last_tweet"),
            *[pl.col(c).sort_by(order).last().alias(f"_tweet_{c}") for c in _PROFILE],
        )
    )
    joined = listed.join(authored, on=keys, how="full", coalesce=True, nulls_equal=True)
    return joined.select(
        account_key("userid").alias("key"),
        *keys,
        is_hashed("userid").alias("hashed"),
        pl.col("in_users_file").fill_null(False),
        pl.col("tweets").fill_null(0),
        "first_tweet",
        "last_tweet",
        *[pl.coalesce(c, f"_tweet_{c}").alias(c) for c in _PROFILE],
    )
