"""The canonical schemas, and the column layouts of the archive's files.

Every tweets file, whatever its era, is read into
[`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA]; every users file into
[`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA]. Columns an era lacks are null. Column order is
fixed. [`COLUMN_ROLES`][ioarchive.schema.COLUMN_ROLES] gives each column's role (an id, a count,
a list, ...), from which its dtype and its parser follow.

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
from types import MappingProxyType

import polars as pl

__all__ = [
    "COLUMN_ROLES",
    "LIST_COLUMNS",
    "TWEET_COLUMNS_2018",
    "TWEET_COLUMNS_2019",
    "TWEET_COLUMNS_2020",
    "TWEET_SCHEMA",
    "USER_COLUMNS",
    "USER_COLUMN_ALIASES",
    "USER_SCHEMA",
    "Era",
    "FileKind",
    "Role",
    "columns_with",
]


class FileKind(enum.StrEnum):
    """What a file of the archive holds (from its name, and for data files its header).

    Examples:
        >>> FileKind("tweets") is FileKind.TWEETS
        True
        >>> sorted(k.value for k in FileKind)
        ['media', 'media_list', 'other', 'readme', 'tweets', 'users']
    """

    TWEETS = "tweets"
    """One row per tweet."""
    USERS = "users"
    """One row per account."""
    MEDIA = "media"
    """Images and videos, or archives of them."""
    MEDIA_LIST = "media_list"
    """A list of a campaign's media files."""
    README = "readme"
    """A release's read-me text."""
    OTHER = "other"
    """Anything else."""


class Role(enum.StrEnum):
    """What a canonical column holds: tells its dtype and how its raw text is parsed.

    Examples:
        >>> COLUMN_ROLES["retweet_tweetid"], COLUMN_ROLES["user_mentions"]
        (<Role.TWEET_ID: 'tweet_id'>, <Role.LIST: 'list'>)
    """

    CAMPAIGN = "campaign"
    """The dataset id, set by the reader (String)."""
    TWEET_ID = "tweet_id"
    """A tweet id: decimal digits, read to UInt64, never through a float."""
    USER_ID = "user_id"
    """An account: a decimal id or a hash, kept as String."""
    TEXT = "text"
    """Free text (String; empty is null)."""
    COUNT = "count"
    """A whole number, ``3`` or ``3.0`` (Int64)."""
    DATE = "date"
    """A day, ``YYYY-MM-DD`` (Date)."""
    TIME = "time"
    """A UTC minute, ``YYYY-MM-DD HH:MM`` (Datetime(us, UTC))."""
    BOOL = "bool"
    """A boolean in any of the archive's spellings (Boolean)."""
    GEO = "geo"
    """A coordinate, or the words ``absent``/``present`` (Float64, null unless a number)."""
    GEO_FLAG = "geo_flag"
    """Derived from the two geo cells: geo data present (Boolean)."""
    LIST = "list"
    """A bracketed list of strings (List(String))."""
    POLL = "poll"
    """Poll options, in whatever form (List(String)); never an error (``poll_choices``)."""


_DTYPES: dict[Role, pl.DataType] = {
    Role.CAMPAIGN: pl.String(),
    Role.TWEET_ID: pl.UInt64(),
    Role.USER_ID: pl.String(),
    Role.TEXT: pl.String(),
    Role.COUNT: pl.Int64(),
    Role.DATE: pl.Date(),
    Role.TIME: pl.Datetime("us", "UTC"),
    Role.BOOL: pl.Boolean(),
    Role.GEO: pl.Float64(),
    Role.GEO_FLAG: pl.Boolean(),
    Role.LIST: pl.List(pl.String()),
    Role.POLL: pl.List(pl.String()),
}

_PROFILE: dict[str, Role] = {
    "userid": Role.USER_ID,
    "user_display_name": Role.TEXT,
    "user_screen_name": Role.TEXT,
    "user_reported_location": Role.TEXT,
    "user_profile_description": Role.TEXT,
    "user_profile_url": Role.TEXT,
    "follower_count": Role.COUNT,
    "following_count": Role.COUNT,
    "account_creation_date": Role.DATE,
    "account_language": Role.TEXT,
}

COLUMN_ROLES: Mapping[str, Role] = MappingProxyType(
    {
        "campaign": Role.CAMPAIGN,
        "tweetid": Role.TWEET_ID,
        **_PROFILE,
        "tweet_language": Role.TEXT,
        "tweet_text": Role.TEXT,
        "tweet_time": Role.TIME,
        "tweet_client_name": Role.TEXT,
        "in_reply_to_tweetid": Role.TWEET_ID,
        "in_reply_to_userid": Role.USER_ID,
        "quoted_tweet_tweetid": Role.TWEET_ID,
        "is_retweet": Role.BOOL,
        "retweet_userid": Role.USER_ID,
        "retweet_tweetid": Role.TWEET_ID,
        "latitude": Role.GEO,
        "longitude": Role.GEO,
        "has_geo": Role.GEO_FLAG,
        "quote_count": Role.COUNT,
        "reply_count": Role.COUNT,
        "like_count": Role.COUNT,
        "retweet_count": Role.COUNT,
        "hashtags": Role.LIST,
        "urls": Role.LIST,
        "user_mentions": Role.LIST,
        "poll_choices": Role.POLL,
    }
)
"""The role of every canonical column, in tweet-schema order: the one table of column roles."""


def columns_with(role: Role) -> tuple[str, ...]:
    """Return the canonical columns of one role, in schema order.

    Examples:
        >>> columns_with(Role.USER_ID)
        ('userid', 'in_reply_to_userid', 'retweet_userid')
    """
    return tuple(c for c, r in COLUMN_ROLES.items() if r is role)


TWEET_SCHEMA: pl.Schema = pl.Schema({c: _DTYPES[r] for c, r in COLUMN_ROLES.items()})
"""The canonical tweet schema: 33 columns in a fixed order."""

USER_SCHEMA: pl.Schema = pl.Schema({c: _DTYPES[COLUMN_ROLES[c]] for c in ("campaign", *_PROFILE)})
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

LIST_COLUMNS: tuple[str, ...] = (*columns_with(Role.LIST), *columns_with(Role.POLL))
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
