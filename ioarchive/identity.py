"""Hash-aware account identity: id kinds, scoped account keys, accounts, references, leaks.

An account in the archive is a decimal id or, in hashed copies, a hash that stands for the id:
64 lowercase hex characters in the 2018 files, base64 without ``/`` (40 to 44 characters
ending in ``=``) from 2019. References to accounts (``retweet_userid``, ``in_reply_to_userid``,
``user_mentions``) mix hashed campaign accounts, unhashed campaign accounts and external
accounts that were never part of the operation. Everything here is lazy: expressions, or
LazyFrame in and LazyFrame out.

Examples:
    >>> import polars as pl
    >>> from ioarchive import identity
    >>> hashed = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="
    >>> ids = pl.DataFrame({"userid": ["2572896396", hashed, "x"]})
    >>> ids.select(identity.id_kind("userid"))["userid"].to_list()
    ['numeric', 'base64', 'other']
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from ioarchive.releases import known_releases
from ioarchive.schema import USER_COLUMNS

__all__ = [
    "ID_KIND",
    "REFERENCE_CLASS",
    "REFERENCE_KIND",
    "Scope",
    "account_key",
    "accounts",
    "hash_map",
    "id_kind",
    "is_hashed",
    "leaks",
    "references",
    "unhash",
]

ID_KIND = pl.Enum(["numeric", "hex64", "base64", "other"])
"""The kinds of account id: a decimal id, a 2018 hex hash, a 2019+ base64 hash, or other."""

REFERENCE_KIND = pl.Enum(["retweet", "reply", "mention", "quote"])
"""How a tweet refers to an account."""

REFERENCE_CLASS = pl.Enum(["internal", "external", "unknown"])
"""Whether a referenced account belongs to the campaign."""

Scope = Literal["dataset", "release", "global"]
"""How widely a hashed account key is valid (see :func:`account_key`)."""

NUMERIC = r"^[0-9]{1,20}$"
HEX64 = r"^[0-9a-f]{64}$"
BASE64 = r"^[A-Za-z0-9+]{39,43}=$"
_HASH_IN_TEXT = r"@([0-9a-f]{64}|[A-Za-z0-9+]{39,43}=)"
_PROFILE = USER_COLUMNS[1:]


def _col(col: str | pl.Expr) -> pl.Expr:
    return pl.col(col) if isinstance(col, str) else col


def id_kind(col: str | pl.Expr) -> pl.Expr:
    """Tell the kind of each account id.

    Rules, exact: ``numeric`` is 1 to 20 decimal digits; ``hex64`` is exactly 64 lowercase hex
    characters (2018 hashes); ``base64`` is 39 to 43 characters of ``[A-Za-z0-9+]`` followed
    by one ``=`` (base64 of a 32-byte digest with every ``/`` deleted, 2019 on). Anything else
    is ``other``: flagged, never guessed. Null stays null.

    Args:
        col: A String column of ids.

    Returns:
        An expression of dtype :data:`ID_KIND`, one value per row.

    Examples:
        >>> import polars as pl
        >>> pl.select(id_kind(pl.lit("f" * 64))).item()
        'hex64'
    """
    e = _col(col)
    kind = (
        pl.when(e.str.contains(NUMERIC))
        .then(pl.lit("numeric"))
        .when(e.str.contains(HEX64))
        .then(pl.lit("hex64"))
        .when(e.str.contains(BASE64))
        .then(pl.lit("base64"))
        .when(e.is_not_null())
        .then(pl.lit("other"))
    )
    return kind.cast(ID_KIND).alias(e.meta.output_name(raise_if_undetermined=False) or "id_kind")


def is_hashed(col: str | pl.Expr) -> pl.Expr:
    """Tell whether each id is a hash (``hex64`` or ``base64``).

    Args:
        col: A String column of ids.

    Returns:
        A Boolean expression, one value per row; null for a null id.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"u": ["123", "f" * 64]}).select(is_hashed("u"))["u"].to_list()
        [False, True]
    """
    return id_kind(col).is_in(["hex64", "base64"])


def _release_of(campaign: pl.Expr) -> pl.Expr:
    releases = known_releases()
    mapping = dict(zip(releases["campaign"], releases["release_folder"], strict=True))
    return campaign.replace_strict(mapping, default=campaign, return_dtype=pl.String)


def account_key(
    col: str | pl.Expr, *, scope: Scope = "dataset", campaign: str | pl.Expr = "campaign"
) -> pl.Expr:
    """Build a key that identifies an account across datasets without merging hashes by mistake.

    A numeric id is the same account everywhere, so its key is the id. A hash is only known to
    mean the same account within one dataset: nothing shows that Twitter used the same hash for
    an account in two releases, and joining on bare hashes could merge two different accounts.
    So by default (``scope="dataset"``) a hash's key is ``"<campaign>:<hash>"``.
    ``scope="release"`` qualifies hashes by release folder (``2020_12:<hash>``, for campaigns of
    one release that you know share hashes); ``scope="global"`` uses bare hashes.

    Args:
        col: A String column of ids (``userid``, ``retweet_userid``, ...).
        scope: ``"dataset"``, ``"release"`` or ``"global"``.
        campaign: The campaign column (for the dataset and release scopes).

    Returns:
        A String expression, one key per row; null for a null id.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"campaign": ["iran_202012"] * 2, "userid": ["42", "a" * 64]})
        >>> df.select(account_key("userid"))["userid"].to_list()[0]
        '42'
        >>> df.select(account_key("userid", scope="release"))["userid"].to_list()[1][:9]
        '2020_12:a'
    """
    e = _col(col)
    if scope == "global":
        return e
    qualifier = _col(campaign) if scope == "dataset" else _release_of(_col(campaign))
    return (
        pl.when(is_hashed(e))
        .then(qualifier + ":" + e)
        .otherwise(e)
        .alias(e.meta.output_name(raise_if_undetermined=False) or "key")
    )


def accounts(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """One row per campaign account: from the users file, and every author of a tweet.

    Profile fields come from the users file and, for accounts missing from it, from the
    profile repeated on their latest tweet. Accounts that never tweeted are included.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (campaign, userid): ``key`` (String, dataset scope),
        ``campaign``, ``userid`` (String), ``hashed`` (Boolean), ``in_users_file`` (Boolean),
        ``tweets`` (UInt32), ``first_tweet``, ``last_tweet`` (Datetime UTC, null if none),
        then the nine profile columns of the user schema.

    Examples:
        >>> import polars as pl
        >>> import datetime as dt
        >>> t = pl.LazyFrame({"campaign": ["c"], "userid": ["1"], "user_screen_name": ["a"],
        ...     "tweet_time": [dt.datetime(2020, 1, 1, tzinfo=dt.UTC)]})
        >>> u = pl.LazyFrame(
        ...     {"campaign": ["c", "c"], "userid": ["1", "2"], "user_screen_name": ["a", "b"]}
        ... )
        >>> accounts(t, u).sort("userid").select("userid", "tweets").collect().rows()
        [('1', 1), ('2', 0)]
    """
    user_cols = users.collect_schema().names()
    tweet_cols = tweets.collect_schema().names()
    from_users = [c for c in _PROFILE if c in user_cols]
    from_tweets = [c for c in _PROFILE if c in tweet_cols]
    listed = users.select("campaign", "userid", *from_users).unique(["campaign", "userid"])
    listed = listed.with_columns(pl.lit(True).alias("in_users_file"))
    authored = tweets.group_by("campaign", "userid").agg(
        pl.len().alias("tweets"),
        pl.col("tweet_time").min().alias("first_tweet"),
        pl.col("tweet_time").max().alias("last_tweet"),
        *[pl.col(c).sort_by("tweet_time").last().alias(f"_tweet_{c}") for c in from_tweets],
    )
    joined = listed.join(authored, on=["campaign", "userid"], how="full", coalesce=True)
    profile = [
        pl.coalesce(
            [s for s, ok in ((c, c in from_users), (f"_tweet_{c}", c in from_tweets)) if ok]
        ).alias(c)
        for c in _PROFILE
        if c in from_users or c in from_tweets
    ]
    return joined.select(
        account_key("userid").alias("key"),
        "campaign",
        "userid",
        is_hashed("userid").alias("hashed"),
        pl.col("in_users_file").fill_null(False),
        pl.col("tweets").fill_null(0).cast(pl.UInt32),
        "first_tweet",
        "last_tweet",
        *profile,
    )


def _campaign_accounts(tweets: pl.LazyFrame, users: pl.LazyFrame) -> pl.LazyFrame:
    return pl.concat(
        [users.select("campaign", "userid"), tweets.select("campaign", "userid")]
    ).unique()


def references(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """One row per (tweet, referenced account, kind): retweets, replies, mentions and quotes.

    Classes: ``internal`` for a campaign account (in the users file or an author in the
    tweets), and for any hash (Twitter hashed only accounts it removed, so a hash is an account
    of the release even when it is missing from this dataset); ``external`` for a numeric id
    outside the campaign; ``unknown`` when the account is not given (a retweet with a
    ``retweet_tweetid`` but an empty ``retweet_userid``; a quote whose quoted tweet is not in
    the data) or is an id of kind ``other``. Mention placeholders ``0`` are dropped.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame with ``campaign``, ``tweetid`` (UInt64), ``userid`` (the author),
        ``kind`` (:data:`REFERENCE_KIND`), ``referenced_userid`` (String, null if unknown),
        ``referenced_tweetid`` (UInt64, null for mentions), ``class``
        (:data:`REFERENCE_CLASS`) and ``hashed`` (Boolean, null if unknown).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> row = {"campaign": "c", "tweetid": 5, "userid": "1", "is_retweet": True,
        ...     "retweet_userid": "99", "retweet_tweetid": 4, "user_mentions": ["0", "1"]}
        >>> t = pl.LazyFrame([row], schema=TWEET_SCHEMA)
        >>> u = pl.LazyFrame({"campaign": ["c"], "userid": ["1"]})
        >>> refs = references(t, u).select("kind", "referenced_userid", "class")
        >>> refs.collect().sort("kind").rows()
        [('retweet', '99', 'external'), ('mention', '1', 'internal')]
    """
    base = ["campaign", "tweetid", "userid"]
    retweets = tweets.filter(
        pl.col("is_retweet").fill_null(False)
        & (pl.col("retweet_userid").is_not_null() | pl.col("retweet_tweetid").is_not_null())
    ).select(
        *base,
        pl.lit("retweet").alias("kind"),
        pl.col("retweet_userid").alias("ref"),
        pl.col("retweet_tweetid").alias("ref_tweet"),
    )
    replies = tweets.filter(
        pl.col("in_reply_to_userid").is_not_null() | pl.col("in_reply_to_tweetid").is_not_null()
    ).select(
        *base,
        pl.lit("reply").alias("kind"),
        pl.col("in_reply_to_userid").alias("ref"),
        pl.col("in_reply_to_tweetid").alias("ref_tweet"),
    )
    mentions = (
        tweets.select(*base, pl.col("user_mentions").alias("ref"))
        .explode("ref")
        .filter(pl.col("ref").is_not_null() & (pl.col("ref") != "0"))
        .select(
            *base,
            pl.lit("mention").alias("kind"),
            "ref",
            pl.lit(None, pl.UInt64).alias("ref_tweet"),
        )
    )
    authors = tweets.select(
        "campaign", pl.col("tweetid").alias("ref_tweet"), pl.col("userid").alias("ref")
    )
    quotes = (
        tweets.filter(pl.col("quoted_tweet_tweetid").is_not_null())
        .select(
            *base, pl.lit("quote").alias("kind"), pl.col("quoted_tweet_tweetid").alias("ref_tweet")
        )
        .join(authors, on=["campaign", "ref_tweet"], how="left")
        .select(*base, "kind", "ref", "ref_tweet")
    )
    members = _campaign_accounts(tweets, users).select(
        "campaign", pl.col("userid").alias("ref"), pl.lit(True).alias("_member")
    )
    kind = id_kind("ref")
    return (
        pl.concat([retweets, replies, mentions, quotes])
        .join(members, on=["campaign", "ref"], how="left")
        .select(
            *base,
            pl.col("kind").cast(REFERENCE_KIND),
            pl.col("ref").alias("referenced_userid"),
            pl.col("ref_tweet").cast(pl.UInt64).alias("referenced_tweetid"),
            pl.when(pl.col("_member").fill_null(False) | kind.is_in(["hex64", "base64"]))
            .then(pl.lit("internal"))
            .when(kind == "numeric")
            .then(pl.lit("external"))
            .otherwise(pl.lit("unknown"))
            .cast(REFERENCE_CLASS)
            .alias("class"),
            is_hashed("ref").alias("hashed"),
        )
    )


_ID_COLUMNS = ("userid", "retweet_userid", "in_reply_to_userid")


def hash_map(hashed: pl.LazyFrame, unhashed: pl.LazyFrame, /) -> pl.LazyFrame:
    """Derive hash → id from the hashed and unhashed copies of one release.

    Both copies share ``tweetid``; joining on it pairs each hashed ``userid``,
    ``retweet_userid`` and ``in_reply_to_userid`` with the clear id in the same place. Every
    pair seen is reported, with how often it was seen; a hash paired with two ids is a
    *conflict*, reported, not hidden. (Mention lists are not paired: their order is not
    guaranteed to match between copies.)

    Args:
        hashed: Tweets of the hashed copy (canonical schema).
        unhashed: Tweets of the unhashed copy (canonical schema).

    Returns:
        A LazyFrame, one row per (hash, userid) pair: ``hash`` (String), ``userid`` (String),
        ``evidence`` (UInt32: cells that pair them), ``conflict`` (Boolean: the hash pairs with
        more than one id), sorted by hash then userid.

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> hashed_rows = [{"tweetid": i, "userid": "a" * 64} for i in (1, 2)]
        >>> h = pl.LazyFrame(hashed_rows, schema=TWEET_SCHEMA)
        >>> u = pl.LazyFrame([{"tweetid": i, "userid": "7"} for i in (1, 2)], schema=TWEET_SCHEMA)
        >>> hash_map(h, u).select("userid", "evidence", "conflict").collect().rows()
        [('7', 2, False)]
    """
    left = hashed.select("tweetid", *_ID_COLUMNS)
    right = unhashed.select("tweetid", *[pl.col(c).alias(f"_clear_{c}") for c in _ID_COLUMNS])
    joined = left.join(right, on="tweetid", how="inner")
    pairs = pl.concat(
        [
            joined.select(pl.col(c).alias("hash"), pl.col(f"_clear_{c}").alias("userid"))
            for c in _ID_COLUMNS
        ]
    ).filter(is_hashed("hash") & (id_kind("userid") == "numeric"))
    counted = pairs.group_by("hash", "userid").agg(pl.len().cast(pl.UInt32).alias("evidence"))
    return counted.with_columns(
        (pl.col("userid").n_unique().over("hash") > 1).alias("conflict")
    ).sort("hash", "userid")


def unhash(
    frame: pl.LazyFrame,
    mapping: pl.DataFrame,
    /,
    *,
    columns: tuple[str, ...] = (*_ID_COLUMNS, "user_mentions"),
) -> pl.LazyFrame:
    """Replace hashes by clear ids in id columns and list columns.

    Only unconflicting pairs of the mapping are applied; a hash with a conflict, or not in the
    mapping, is left as it is. The mapping is a small collected frame (one row per account),
    applied as a literal replacement, so the query stays lazy and streaming.

    Args:
        frame: Any LazyFrame with the given columns.
        mapping: The collected output of :func:`hash_map`.
        columns: String or ``List(String)`` columns to rewrite.

    Returns:
        ``frame`` with those columns rewritten; same schema, same rows.

    Examples:
        >>> import polars as pl
        >>> mapping = pl.DataFrame({"hash": ["a" * 64], "userid": ["7"], "conflict": [False]})
        >>> lf = pl.LazyFrame({"userid": ["a" * 64, "9"], "user_mentions": [["a" * 64, "3"], None]})
        >>> unhash(lf, mapping, columns=("userid", "user_mentions")).collect().rows()
        [('7', ['7', '3']), ('9', None)]
    """
    usable = mapping.filter(~pl.col("conflict"))
    table = dict(zip(usable["hash"], usable["userid"], strict=True))
    schema = frame.collect_schema()
    rewritten = []
    for name in columns:
        if isinstance(schema[name], pl.List):
            each = pl.element().replace(table)
            rewritten.append(pl.col(name).list.eval(each))  # eager: no, Polars list.eval
        else:
            rewritten.append(pl.col(name).replace(table))
    return frame.with_columns(rewritten)


def leaks(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List where a hashed account's clear identity may show in the same data.

    A tweet whose text mentions a hashed campaign account as ``@<hash>`` should list that hash
    in ``user_mentions``. Two signals are reported, never acted on:

    - ``raw_id_in_mentions``: the hash is missing from ``user_mentions`` and numeric ids that
      are not campaign accounts stand there instead: one of them is probably the hashed
      account's clear id (the ``china_082019`` case).
    - ``hash_beside_clear_id``: the hash is listed, and clear numeric ids of accounts outside
      the campaign are listed beside it in the same tweet (weaker: it narrows the candidates).

    Nothing is reversed: the report names tweets and candidate ids so that a researcher can
    decide what not to publish. See the docs page on identity for the rules.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (tweet, hashed account): ``campaign``, ``tweetid``,
        ``kind`` (String), ``hashed_account`` (String), ``clear_ids`` (List(String)).

    Examples:
        >>> import polars as pl
        >>> h = "a" * 64
        >>> t = pl.LazyFrame({"campaign": ["c"], "tweetid": [1], "userid": [h],
        ...     "tweet_text": [f"hi @{h}"], "user_mentions": [["555"]]})
        >>> u = pl.LazyFrame({"campaign": ["c"], "userid": [h]})
        >>> leaks(t, u).select("kind", "clear_ids").collect().rows()
        [('raw_id_in_mentions', ['555'])]
    """
    members = _campaign_accounts(tweets, users)
    hashed_members = members.filter(is_hashed("userid")).select(
        "campaign", pl.col("userid").alias("hashed_account")
    )
    clear_members = members.filter(~is_hashed("userid")).select(
        "campaign", pl.col("userid").alias("_clear"), pl.lit(True).alias("_is_member")
    )
    mentioned = (
        tweets.select(
            "campaign",
            "tweetid",
            "user_mentions",
            pl.col("tweet_text").str.extract_all(_HASH_IN_TEXT).alias("hashed_account"),
        )
        .explode("hashed_account")
        .with_columns(pl.col("hashed_account").str.strip_prefix("@"))
        .join(hashed_members, on=["campaign", "hashed_account"], how="semi")
        .unique(["campaign", "tweetid", "hashed_account"])
    )
    outside = (
        tweets.select("campaign", "tweetid", pl.col("user_mentions").alias("_clear"))
        .explode("_clear")
        .filter(id_kind("_clear") == "numeric")
        .filter(pl.col("_clear") != "0")
        .join(clear_members, on=["campaign", "_clear"], how="left")
        .filter(pl.col("_is_member").is_null())
        .group_by("campaign", "tweetid")
        .agg(pl.col("_clear").unique().sort().alias("clear_ids"))
    )
    listed = pl.col("user_mentions").fill_null([]).list.contains(pl.col("hashed_account"))
    return (
        mentioned.join(outside, on=["campaign", "tweetid"], how="inner")
        .select(
            "campaign",
            "tweetid",
            pl.when(listed)
            .then(pl.lit("hash_beside_clear_id"))
            .otherwise(pl.lit("raw_id_in_mentions"))
            .alias("kind"),
            "hashed_account",
            "clear_ids",
        )
        .sort("campaign", "tweetid", "hashed_account")
    )
