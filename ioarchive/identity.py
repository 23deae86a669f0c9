"""Hash-aware account identity: id kinds, scoped account keys, accounts, references, leaks.

An account in the archive is a decimal id or, in hashed copies, a hash that stands for the id:
64 lowercase hex characters in the 2018 files, base64 without ``/`` (ending in ``=``) from 2019.
References to accounts (``retweet_userid``, ``in_reply_to_userid``, ``user_mentions``) mix
hashed campaign accounts, unhashed campaign accounts and external accounts that were never part
of the operation. Everything here is lazy: expressions, or LazyFrame in and LazyFrame out; the
frame functions take the canonical schemas (:data:`~ioarchive.schema.TWEET_SCHEMA`,
:data:`~ioarchive.schema.USER_SCHEMA`) with a ``campaign`` column.

Public names:

- :func:`id_kind`, :func:`is_hashed`: expressions that tell what an id is.
- :func:`account_key`: an expression giving a key that never merges two hashed accounts of
  different datasets.
- :func:`accounts`: one row per campaign account.
- :func:`references`: one row per (tweet, referenced account, kind), classified.
- :func:`hash_map`, :func:`unhash`: hash → id from a release's hashed and unhashed copies.
- :func:`leaks`: where a hashed account's clear id shows in the same data (reported, never
  reversed).

Examples:
    >>> import polars as pl
    >>> from ioarchive import identity
    >>> hashed = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="
    >>> ids = pl.DataFrame({"userid": ["2572896396", hashed, "x"]})
    >>> ids.select(identity.id_kind("userid"))["userid"].to_list()
    ['numeric', 'base64', 'other']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import polars as pl

from ioarchive.releases import known_releases
from ioarchive.schema import USER_COLUMNS

__all__ = [
    "BASE64_PATTERN",
    "HEX64_PATTERN",
    "ID_KIND",
    "LEAK_KIND",
    "NUMERIC_PATTERN",
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
"""Whether a referenced account belongs to the operation (see :func:`references`)."""

LEAK_KIND = pl.Enum(["raw_id_in_mentions", "hash_beside_clear_id"])
"""The two signals :func:`leaks` reports."""

Scope = Literal["dataset", "release", "global"]
"""How widely a hashed account key is valid (see :func:`account_key`)."""

NUMERIC_PATTERN = r"^[0-9]{1,20}$"
"""A decimal account id: 1 to 20 digits (a 64-bit id has at most 20)."""

HEX64_PATTERN = r"^[0-9a-f]{64}$"
"""A 2018 hash: the hex digest of 32 bytes, lowercase."""

_B64_BODY = r"[A-Za-z0-9+]{30,42}[AEIMQUYcgkosw048]="
BASE64_PATTERN = rf"^{_B64_BODY}$"
"""A 2019+ hash: base64 of a 32-byte digest, every ``/`` deleted, the final ``=`` kept.

Base64 of 32 bytes is 43 characters and one ``=``; the 43rd character carries the last four
bits followed by two zero bits, so it is one of the 16 characters ``AEIMQUYcgkosw048``, never
``/``. Deleting ``/`` (one in 64 characters) shortens the hash: real files show 40 to 44
characters, and about one hash in 2,000 has five or more ``/`` and is shorter than 40, so the
rule accepts 32 to 44 (up to 12 deleted; more has a chance below 1e-13).
"""

_HASH_IN_TEXT = rf"@(?:[0-9a-f]{{64}}|{_B64_BODY})"
_PROFILE = USER_COLUMNS[1:]
_ID_COLUMNS = ("userid", "retweet_userid", "in_reply_to_userid")


def _col(col: str | pl.Expr) -> pl.Expr:
    return pl.col(col) if isinstance(col, str) else col


def _name(e: pl.Expr, default: str) -> str:
    return e.meta.output_name(raise_if_undetermined=False) or default


def id_kind(col: str | pl.Expr) -> pl.Expr:
    """Tell the kind of each account id.

    Rules, exact, in this order: ``numeric`` is 1 to 20 decimal digits
    (:data:`NUMERIC_PATTERN`); ``hex64`` is exactly 64 lowercase hex characters, the 2018 hashes
    (:data:`HEX64_PATTERN`); ``base64`` is 31 to 43 characters of ``[A-Za-z0-9+]`` ending in
    one of ``AEIMQUYcgkosw048``, then one ``=``: base64 of a 32-byte digest with every ``/``
    deleted, from 2019 on (:data:`BASE64_PATTERN`, which explains the lengths). Anything else
    (uppercase hex, a ``/``, a space, an empty string) is ``other``: flagged, never guessed.
    Null stays null.

    Args:
        col: A String column (name or expression) of ids.

    Returns:
        An expression of dtype :data:`ID_KIND`, one value per row, named like ``col``.

    Examples:
        >>> import polars as pl
        >>> pl.select(id_kind(pl.lit("f" * 64))).item()
        'hex64'
        >>> frame = pl.DataFrame({"u": ["42", "F" * 64, None]})
        >>> frame.select(id_kind("u"))["u"].to_list()
        ['numeric', 'other', None]
    """
    e = _col(col)
    kind = (
        pl.when(e.str.contains(NUMERIC_PATTERN))
        .then(pl.lit("numeric"))
        .when(e.str.contains(HEX64_PATTERN))
        .then(pl.lit("hex64"))
        .when(e.str.contains(BASE64_PATTERN))
        .then(pl.lit("base64"))
        .when(e.is_not_null())
        .then(pl.lit("other"))
    )
    return kind.cast(ID_KIND).alias(_name(e, "id_kind"))


def is_hashed(col: str | pl.Expr) -> pl.Expr:
    """Tell whether each id is a hash (:func:`id_kind` ``hex64`` or ``base64``).

    Args:
        col: A String column (name or expression) of ids.

    Returns:
        A Boolean expression, one value per row, named like ``col``; null for a null id.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"u": ["123", "f" * 64]}).select(is_hashed("u"))["u"].to_list()
        [False, True]
    """
    return id_kind(col).is_in(["hex64", "base64"])


def _release_of(campaign: pl.Expr, release: str | pl.Expr | Mapping[str, str] | None) -> pl.Expr:
    if isinstance(release, str | pl.Expr):
        return _col(release).cast(pl.String)
    if release is None:
        known = known_releases()
        release = dict(zip(known["campaign"], known["release_folder"], strict=True))
    lowered = {c.lower(): r for c, r in release.items()}
    found = campaign.str.to_lowercase().replace_strict(
        lowered, default=None, return_dtype=pl.String
    )
    return pl.coalesce(found, campaign)


def account_key(
    col: str | pl.Expr,
    *,
    scope: Scope = "dataset",
    campaign: str | pl.Expr = "campaign",
    release: str | pl.Expr | Mapping[str, str] | None = None,
) -> pl.Expr:
    """Build a key that identifies an account across datasets without merging hashes by mistake.

    A numeric id is the same account everywhere, so its key is the id itself, whatever the
    scope. A hash is only known to stand for one account within its own dataset: nothing in the
    archive shows that Twitter gave an account the same hash in two releases, or that two
    different accounts never share a hash across releases, so joining bare hashes across
    datasets could merge two accounts. Hence the scopes:

    - ``"dataset"`` (default): a hash's key is ``"<campaign>:<hash>"``.
    - ``"release"``: ``"<release>:<hash>"``, for users who know that the campaigns of one
      release share hashes. The release is ``release`` when given (a column, or a mapping
      campaign → release), else the ``release_folder`` of
      :func:`~ioarchive.releases.known_releases` (``"2020_12"``), campaigns matched without
      regard to case; a campaign that is not known keeps its own name as qualifier (so it falls
      back to dataset scope, never to a bare hash).
    - ``"global"``: the bare hash, for users who know better.

    A hash whose qualifier is null (no campaign) gets a null key: its scope is unknown.

    Args:
        col: A String column (name or expression) of ids (``userid``, ``retweet_userid``, ...).
        scope: ``"dataset"``, ``"release"`` or ``"global"``.
        campaign: The campaign column (name or expression).
        release: For ``scope="release"``: a column (name or expression) holding the release, or
            a mapping from campaign to release. Default: the known releases.

    Returns:
        A String expression, one key per row, named like ``col``; null for a null id.

    Raises:
        ValueError: ``scope`` is not one of the three.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"campaign": ["iran_202012"] * 2, "userid": ["42", "a" * 64]})
        >>> df.select(account_key("userid"))["userid"].to_list()[0]
        '42'
        >>> df.select(account_key("userid"))["userid"].to_list()[1][:13]
        'iran_202012:a'
        >>> df.select(account_key("userid", scope="release"))["userid"].to_list()[1][:9]
        '2020_12:a'
        >>> df.select(account_key("userid", scope="release", release={"iran_202012": "r"}))[
        ...     "userid"
        ... ].to_list()[1][:3]
        'r:a'
    """
    e = _col(col)
    if scope == "global":
        return e.alias(_name(e, "key"))
    if scope == "dataset":
        qualifier = _col(campaign)
    elif scope == "release":
        qualifier = _release_of(_col(campaign), release)
    else:
        raise ValueError(
            f"scope must be 'dataset', 'release' or 'global', not {scope!r}"
            "\nHint: 'dataset' is the safe default"
        )
    return pl.when(is_hashed(e)).then(qualifier + ":" + e).otherwise(e).alias(_name(e, "key"))


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
        :func:`account_key` dataset scope), ``campaign`` (String), ``userid`` (String),
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


def _members(tweets: pl.LazyFrame, users: pl.LazyFrame) -> pl.LazyFrame:
    """(campaign, userid) of every campaign account: listed in users, or author of a tweet."""
    return (
        pl.concat([users.select("campaign", "userid"), tweets.select("campaign", "userid")])
        .filter(pl.col("userid").is_not_null())
        .unique()
    )


def _tweet_authors(tweets: pl.LazyFrame) -> pl.LazyFrame:
    """(campaign, tweet id, author) for every tweet whose author the data tells.

    A row of the tweets data tells its own author (rank 0); another row's retweet or reply
    tells the author of the tweet it targets (rank 1). One author per tweet: the best rank,
    then the smallest id, so the choice does not depend on row order.
    """
    sources = [
        tweets.select("campaign", pl.col("tweetid").alias("_t"), pl.col("userid").alias("_a")),
        tweets.select(
            "campaign", pl.col("retweet_tweetid").alias("_t"), pl.col("retweet_userid").alias("_a")
        ),
        tweets.select(
            "campaign",
            pl.col("in_reply_to_tweetid").alias("_t"),
            pl.col("in_reply_to_userid").alias("_a"),
        ),
    ]
    ranked = pl.concat(
        [s.with_columns(pl.lit(min(i, 1), pl.UInt8).alias("_rank")) for i, s in enumerate(sources)]
    ).filter(pl.col("_t").is_not_null() & pl.col("_a").is_not_null())
    return ranked.group_by("campaign", "_t").agg(pl.col("_a").sort_by("_rank", "_a").first())


def references(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List every reference a tweet makes to an account, classified internal or external.

    Kinds, each from the tweet's own columns:

    - ``retweet``: ``retweet_userid``, on rows with ``is_retweet`` true or a retweet id set.
    - ``reply``: ``in_reply_to_userid``, on rows with a reply id set.
    - ``mention``: each distinct element of ``user_mentions``; the placeholder ``0`` is dropped.
    - ``quote``: the author of ``quoted_tweet_tweetid``, when that tweet is in the data: as a
      row of ``tweets``, or as the target of another row's retweet or reply (which names its
      author).

    Classes:

    - ``internal``: a campaign account (in the users file, or the author of a tweet in the
      same campaign), and **any hash**, even one missing from this dataset: Twitter hashed
      only accounts it removed, so a hash always denotes an account of the release (perhaps of
      a sibling campaign or a file not loaded). ``in_campaign`` tells the two apart.
    - ``external``: a numeric id that is not a campaign account: an account outside the
      operation (never hashed).
    - ``unknown``: the account is not given, or cannot be read: a retweet with a
      ``retweet_tweetid`` but an empty ``retweet_userid`` (Twitter left the author out; it is
      most likely outside the release, but the data does not say who); a reply with an
      ``in_reply_to_tweetid`` but no ``in_reply_to_userid``; a quote of a tweet not in the
      data; a referenced id of kind ``other``.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (tweet, referenced account, kind), unordered, with columns:
        ``campaign`` (String), ``tweetid`` (UInt64), ``userid`` (String: the author),
        ``kind`` (:data:`REFERENCE_KIND`), ``referenced_userid`` (String; null if unknown),
        ``referenced_tweetid`` (UInt64: the retweeted, replied-to or quoted tweet; null for
        mentions), ``class`` (:data:`REFERENCE_CLASS`), ``hashed`` (Boolean; null if the
        account is unknown) and ``in_campaign`` (Boolean: the account is a campaign account of
        the same dataset; null if unknown).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
        >>> row = {"campaign": "c", "tweetid": 5, "userid": "1", "is_retweet": True,
        ...     "retweet_userid": "99", "retweet_tweetid": 4, "user_mentions": ["0", "1"]}
        >>> t = pl.LazyFrame([row], schema=TWEET_SCHEMA)
        >>> u = pl.LazyFrame([{"campaign": "c", "userid": "1"}], schema=USER_SCHEMA)
        >>> refs = references(t, u).select("kind", "referenced_userid", "class")
        >>> refs.collect().sort("kind").rows()
        [('retweet', '99', 'external'), ('mention', '1', 'internal')]
    """
    base = ["campaign", "tweetid", "userid"]
    # One projection, shared by every branch, so the source is read once on either engine.
    tweets = tweets.select(
        *base,
        "is_retweet",
        "retweet_userid",
        "retweet_tweetid",
        "in_reply_to_userid",
        "in_reply_to_tweetid",
        "quoted_tweet_tweetid",
        "user_mentions",
    )
    retweets = tweets.filter(
        pl.col("is_retweet").fill_null(False)
        | pl.col("retweet_userid").is_not_null()
        | pl.col("retweet_tweetid").is_not_null()
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
    quotes = (
        tweets.filter(pl.col("quoted_tweet_tweetid").is_not_null())
        .select(*base, pl.lit("quote").alias("kind"), pl.col("quoted_tweet_tweetid").alias("_t"))
        .join(_tweet_authors(tweets), on=["campaign", "_t"], how="left", nulls_equal=True)
        .select(*base, "kind", pl.col("_a").alias("ref"), pl.col("_t").alias("ref_tweet"))
    )
    members = _members(tweets, users).select(
        "campaign", pl.col("userid").alias("ref"), pl.lit(True).alias("_member")
    )
    kind = id_kind("ref")
    return (
        pl.concat([retweets, replies, mentions, quotes])
        .unique()
        .join(members, on=["campaign", "ref"], how="left", nulls_equal=True)
        .select(
            *base,
            pl.col("kind").cast(REFERENCE_KIND),
            pl.col("ref").alias("referenced_userid"),
            pl.col("ref_tweet").cast(pl.UInt64).alias("referenced_tweetid"),
            pl.when(kind.is_in(["hex64", "base64"]) | pl.col("_member").fill_null(False))
            .then(pl.lit("internal"))
            .when(kind == "numeric")
            .then(pl.lit("external"))
            .otherwise(pl.lit("unknown"))
            .cast(REFERENCE_CLASS)
            .alias("class"),
            is_hashed("ref").alias("hashed"),
            pl.when(pl.col("ref").is_not_null())
            .then(pl.col("_member").fill_null(False))
            .alias("in_campaign"),
        )
    )


def hash_map(hashed: pl.LazyFrame, unhashed: pl.LazyFrame, /) -> pl.LazyFrame:
    """Derive hash → id from the hashed and unhashed copies of one release.

    For researchers granted both copies. The copies share ``tweetid``; joining on it pairs each
    hash in ``userid``, ``retweet_userid`` and ``in_reply_to_userid`` of the hashed copy with
    the numeric id in the same cell of the unhashed copy. Every pair seen is reported, with
    how many cells show it. A hash paired with more than one id is a *conflict* (damaged or
    mismatched copies, or two releases mixed): it is reported with ``conflict`` true, never
    resolved silently, and :func:`unhash` leaves it alone. ``user_mentions`` is not used: the
    order of a list is not known to be the same in both copies, and pairing by position
    would be a guess.

    Args:
        hashed: Tweets of the hashed copy (canonical schema).
        unhashed: Tweets of the unhashed copy (canonical schema).

    Returns:
        A LazyFrame, one row per (hash, userid) pair, sorted by hash then userid: ``hash``
        (String), ``userid`` (String: the clear, numeric id), ``evidence`` (UInt32: cells that
        pair them), ``conflict`` (Boolean: the hash pairs with more than one id).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> rows = [{"tweetid": i, "userid": "a" * 64} for i in (1, 2)]
        >>> h = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
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
    columns: Sequence[str] = _ID_COLUMNS,
    list_columns: Sequence[str] = ("user_mentions",),
) -> pl.LazyFrame:
    """Replace hashes by clear ids in id columns and list columns.

    Only pairs without conflict are applied; a hash with a conflict, or not in the mapping, is
    left as it is. ``mapping`` is a DataFrame, not a LazyFrame: it is small (one row per
    account), and applying it as a literal replacement keeps ``frame`` lazy and streaming
    (:func:`hash_map` is lazy; collect it yourself). Name columns (``user_screen_name``,
    ``user_display_name``) also hold the hash in hashed copies; they are not rewritten by
    default, since the mapping gives ids, not names: take names from the unhashed users file.

    Args:
        frame: Any LazyFrame with the given columns.
        mapping: ``hash`` and ``userid`` columns (String), and optionally ``conflict``
            (Boolean): the collected output of :func:`hash_map`.
        columns: String columns to rewrite.
        list_columns: ``List(String)`` columns whose elements to rewrite.

    Returns:
        ``frame`` with those columns rewritten; same schema, same rows, same order.

    Examples:
        >>> import polars as pl
        >>> mapping = pl.DataFrame({"hash": ["a" * 64], "userid": ["7"], "conflict": [False]})
        >>> h = "a" * 64
        >>> lf = pl.LazyFrame({"userid": [h, "9"], "user_mentions": [[h, "3"], None]})
        >>> unhash(lf, mapping, columns=["userid"]).collect().rows()
        [('7', ['7', '3']), ('9', None)]
    """
    usable = mapping.filter(~pl.col("conflict")) if "conflict" in mapping.columns else mapping
    table = dict(zip(usable["hash"].to_list(), usable["userid"].to_list(), strict=True))
    each = pl.element().replace(table)
    lists = [pl.col(c).list.eval(each) for c in list_columns]  # eager: no, Polars list.eval
    return frame.with_columns(*[pl.col(c).replace(table) for c in columns], *lists)


def leaks(tweets: pl.LazyFrame, users: pl.LazyFrame, /) -> pl.LazyFrame:
    """List where a hashed account's clear id may show beside its hash in the same data.

    A tweet whose text mentions a hashed account as ``@<hash>`` should list that hash in
    ``user_mentions``. For every such tweet whose ``user_mentions`` also holds numeric ids of
    accounts outside the campaign (``clear_ids``), one of two signals is reported:

    - ``raw_id_in_mentions``: the hash is missing from ``user_mentions`` and clear ids stand
      there instead: one of them is probably the hashed account's raw id (the
      ``china_082019`` case). A strong signal.
    - ``hash_beside_clear_id``: the hash is listed, and clear ids of outside accounts are
      listed beside it. Weak: most are plain co-mentions, but the tweet is worth a look before
      it is quoted or shared.

    Numeric ids of unhashed campaign accounts are public already and never count as clear
    ids; the placeholder ``0`` neither. Any hash counts, even one missing from this dataset
    (Twitter hashed only accounts it removed). Nothing is reversed: the report names tweets and
    the ids beside each hash, per tweet, so that a researcher knows what not to publish; it
    never combines tweets to single out an id. See the docs page on identity for the rules.

    Args:
        tweets: Tweets in the canonical schema (with ``campaign``).
        users: Users in the canonical schema (with ``campaign``).

    Returns:
        A LazyFrame, one row per (tweet, hashed account mentioned in its text), sorted by
        campaign, tweetid and hashed_account: ``campaign`` (String), ``tweetid`` (UInt64),
        ``kind`` (:data:`LEAK_KIND`), ``hashed_account`` (String: the hash),
        ``clear_ids`` (List(String): distinct, sorted).

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA
        >>> h = "a" * 64
        >>> t = pl.LazyFrame([{"campaign": "c", "tweetid": 1, "userid": h,
        ...     "tweet_text": f"hi @{h}", "user_mentions": ["555"]}], schema=TWEET_SCHEMA)
        >>> u = pl.LazyFrame([{"campaign": "c", "userid": h}], schema=USER_SCHEMA)
        >>> leaks(t, u).select("kind", "clear_ids").collect().rows()
        [('raw_id_in_mentions', ['555'])]
    """
    keys = ["campaign", "tweetid"]
    tweets = tweets.select(*keys, "userid", "tweet_text", "user_mentions")
    clear_members = (
        _members(tweets, users)
        .filter(~is_hashed("userid"))
        .select("campaign", pl.col("userid").alias("_clear"), pl.lit(True).alias("_member"))
    )
    mentioned = (
        tweets.select(
            *keys,
            "user_mentions",
            pl.col("tweet_text").str.extract_all(_HASH_IN_TEXT).alias("hashed_account"),
        )
        .explode("hashed_account")
        .with_columns(pl.col("hashed_account").str.strip_prefix("@"))
        .filter(is_hashed("hashed_account"))
        .unique([*keys, "hashed_account"])
    )
    outside = (
        tweets.select(*keys, pl.col("user_mentions").alias("_clear"))
        .explode("_clear")
        .filter((id_kind("_clear") == "numeric") & (pl.col("_clear") != "0"))
        .join(clear_members, on=["campaign", "_clear"], how="left", nulls_equal=True)
        .filter(pl.col("_member").is_null())
        .group_by(keys)
        .agg(pl.col("_clear").unique().sort().alias("clear_ids"))
    )
    listed = pl.col("user_mentions").fill_null([]).list.contains(pl.col("hashed_account"))
    return (
        mentioned.join(outside, on=keys, how="inner", nulls_equal=True)
        .select(
            *keys,
            pl.when(listed)
            .then(pl.lit("hash_beside_clear_id"))
            .otherwise(pl.lit("raw_id_in_mentions"))
            .cast(LEAK_KIND)
            .alias("kind"),
            "hashed_account",
            "clear_ids",
        )
        .sort(*keys, "hashed_account")
    )
