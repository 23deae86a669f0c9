"""The canonical schemas, and the column layouts of the archive's files.

Every tweets file, whatever its era, is read into :data:`TWEET_SCHEMA`; every users file into
:data:`USER_SCHEMA`. Columns an era lacks are null. Column order is fixed.

Tweet columns, in order:

======================== ==================== ==================================================
column                   dtype                meaning
======================== ==================== ==================================================
campaign                 String               dataset id, e.g. ``iran_202012`` (null if unknown)
tweetid                  UInt64               the tweet's id (a Twitter snowflake after 2010)
userid                   String               author: decimal id, or a hash for hashed accounts
user_display_name        String               profile snapshot at suspension (hash if hashed)
user_screen_name         String               handle without ``@`` (hash if hashed)
user_reported_location   String               free-text profile location
user_profile_description String               profile bio; may hold newlines
user_profile_url         String               profile link (usually a t.co URL)
follower_count           Int64                followers at suspension
following_count          Int64                accounts followed at suspension
account_creation_date    Date                 the day the account was created
account_language         String               interface language code
tweet_language           String               Twitter's language code (``und`` when unknown)
tweet_text               String               text; HTML entities kept; RTs begin ``RT @name:``
tweet_time               Datetime(us, UTC)    posting minute (seconds truncated by Twitter)
tweet_client_name        String               posting app, e.g. ``TweetDeck``
in_reply_to_tweetid      UInt64               the tweet replied to
in_reply_to_userid       String               the account replied to (id or hash)
quoted_tweet_tweetid     UInt64               the tweet quoted
is_retweet               Boolean              the row is a retweet
retweet_userid           String               author of the retweeted tweet (id or hash)
retweet_tweetid          UInt64               the retweeted tweet
latitude                 Float64              a coordinate where the file gives a number
longitude                Float64              a coordinate where the file gives a number
has_geo                  Boolean              geo present (``present`` or a number); null if empty
quote_count              Int64                engagement; 0 or null on retweets
reply_count              Int64                engagement; 0 or null on retweets
like_count               Int64                engagement; 0 or null on retweets
retweet_count            Int64                engagement; 0 or null on retweets
hashtags                 List(String)         hashtags without ``#``
urls                     List(String)         expanded URLs
user_mentions            List(String)         mentioned accounts (ids or hashes; ``0`` kept)
poll_choices             List(String)         poll options; null in files without the column
======================== ==================== ==================================================

User columns: ``campaign`` and the ten profile columns from ``userid`` to ``account_language``
above, typed the same way.

Examples:
    >>> from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
    >>> TWEET_SCHEMA["tweetid"]
    UInt64
    >>> list(USER_SCHEMA)[:3]
    ['campaign', 'userid', 'user_display_name']
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import polars as pl

__all__ = [
    "LIST_COLUMNS",
    "TWEET_COLUMNS_2018",
    "TWEET_COLUMNS_2019",
    "TWEET_COLUMNS_2020",
    "TWEET_SCHEMA",
    "USER_COLUMNS",
    "USER_COLUMN_ALIASES",
    "USER_SCHEMA",
    "Era",
]

_PROFILE: dict[str, pl.DataType] = {
    "userid": pl.String(),
    "user_display_name": pl.String(),
    "user_screen_name": pl.String(),
    "user_reported_location": pl.String(),
    "user_profile_description": pl.String(),
    "user_profile_url": pl.String(),
    "follower_count": pl.Int64(),
    "following_count": pl.Int64(),
    "account_creation_date": pl.Date(),
    "account_language": pl.String(),
}

TWEET_SCHEMA: pl.Schema = pl.Schema(
    {
        "campaign": pl.String(),
        "tweetid": pl.UInt64(),
        **_PROFILE,
        "tweet_language": pl.String(),
        "tweet_text": pl.String(),
        "tweet_time": pl.Datetime("us", "UTC"),
        "tweet_client_name": pl.String(),
        "in_reply_to_tweetid": pl.UInt64(),
        "in_reply_to_userid": pl.String(),
        "quoted_tweet_tweetid": pl.UInt64(),
        "is_retweet": pl.Boolean(),
        "retweet_userid": pl.String(),
        "retweet_tweetid": pl.UInt64(),
        "latitude": pl.Float64(),
        "longitude": pl.Float64(),
        "has_geo": pl.Boolean(),
        "quote_count": pl.Int64(),
        "reply_count": pl.Int64(),
        "like_count": pl.Int64(),
        "retweet_count": pl.Int64(),
        "hashtags": pl.List(pl.String()),
        "urls": pl.List(pl.String()),
        "user_mentions": pl.List(pl.String()),
        "poll_choices": pl.List(pl.String()),
    }
)
"""The canonical tweet schema: 33 columns in a fixed order."""

USER_SCHEMA: pl.Schema = pl.Schema({"campaign": pl.String(), **_PROFILE})
"""The canonical user schema: ``campaign`` and the ten profile columns."""

USER_COLUMNS: tuple[str, ...] = tuple(_PROFILE)
"""The ten columns of a users file, in file order (every era)."""

TWEET_COLUMNS_2018: tuple[str, ...] = (
    "tweetid",
    *USER_COLUMNS,
    "tweet_language",
    "tweet_text",
    "tweet_time",
    "tweet_client_name",
    "in_reply_to_tweetid",
    "in_reply_to_userid",
    "quoted_tweet_tweetid",
    "is_retweet",
    "retweet_userid",
    "retweet_tweetid",
    "latitude",
    "longitude",
    "quote_count",
    "reply_count",
    "like_count",
    "retweet_count",
    "hashtags",
    "urls",
    "user_mentions",
    "poll_choices",
)
"""The 31 columns of the October 2018 tweets files (``ira``, ``iranian``), in file order."""


def _swap_reply_columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    swapped = list(columns)
    i, j = swapped.index("in_reply_to_tweetid"), swapped.index("in_reply_to_userid")
    swapped[i], swapped[j] = swapped[j], swapped[i]
    return tuple(swapped)


TWEET_COLUMNS_2019: tuple[str, ...] = _swap_reply_columns(TWEET_COLUMNS_2018)
"""The 31 columns of 2019 to early-2020 tweets files: ``in_reply_to_userid`` comes first."""

TWEET_COLUMNS_2020: tuple[str, ...] = tuple(c for c in TWEET_COLUMNS_2019 if c != "poll_choices")
"""The 30 columns of tweets files from mid 2020 on: ``poll_choices`` is gone."""

LIST_COLUMNS: tuple[str, ...] = ("hashtags", "urls", "user_mentions", "poll_choices")
"""Tweet columns that hold a list of strings."""

USER_COLUMN_ALIASES: Mapping[str, str] = {
    "userId": "userid",
    "userDisplayName": "user_display_name",
    "userScreenName": "user_screen_name",
    "userReportedLocation": "user_reported_location",
    "userProfileDescription": "user_profile_description",
    "userProfileUrl": "user_profile_url",
    "followerCount": "follower_count",
    "followingCount": "following_count",
    "accountCreationDate": "account_creation_date",
    "accountLanguage": "account_language",
}
"""CamelCase user column names of some December 2021 exports, mapped to canonical names."""


class Era(enum.StrEnum):
    """The column layout of a file, as told by its header.

    Examples:
        >>> Era.TWEETS_2020.value
        'tweets_2020'
    """

    TWEETS_2018 = "tweets_2018"
    """31 columns, ``in_reply_to_tweetid`` before ``in_reply_to_userid``."""
    TWEETS_2019 = "tweets_2019"
    """31 columns, ``in_reply_to_userid`` before ``in_reply_to_tweetid``."""
    TWEETS_2020 = "tweets_2020"
    """30 columns, no ``poll_choices``."""
    USERS = "users"
    """The ten user columns, snake case."""
    USERS_CAMELCASE = "users_camelcase"
    """The ten user columns, some or all in camelCase."""
