"""Hash maps: hash -> id from a release's hashed and unhashed copies, and applying one."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from ioarchive.identity.ids import id_kind, is_hashed
from ioarchive.schema import Role, columns_with

__all__ = ["hash_map", "unhash"]

_ID_COLUMNS = columns_with(Role.USER_ID)


def hash_map(hashed: pl.LazyFrame, unhashed: pl.LazyFrame, /) -> pl.LazyFrame:
    """Derive hash → id from the hashed and unhashed copies of one release.

    For researchers granted both copies. The copies share ``tweetid``; joining on it pairs each
    hash in ``userid``, ``retweet_userid`` and ``in_reply_to_userid`` of the hashed copy with
    the numeric id in the same cell of the unhashed copy. Every pair seen is reported, with
    how many cells show it. A hash paired with more than one id is a *conflict* (damaged or
    mismatched copies, or two releases mixed): it is reported with ``conflict`` true, never
    resolved silently, and [`unhash`][ioarchive.identity.unhash] leaves it alone. ``user_mentions``
    is not used: the
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
    ([`hash_map`][ioarchive.identity.hash_map] is lazy; collect it yourself). Name columns
    (``user_screen_name``,
    ``user_display_name``) also hold the hash in hashed copies; they are not rewritten by
    default, since the mapping gives ids, not names: take names from the unhashed users file.

    Args:
        frame: Any LazyFrame with the given columns.
        mapping: ``hash`` and ``userid`` columns (String), and optionally ``conflict``
            (Boolean): the collected output of [`hash_map`][ioarchive.identity.hash_map]. A
            hash paired with two ids here is a conflict too, with or without that column.
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
    # Without a conflict column, a hash paired with two ids is found here (never one picked).
    conflict = pl.col("conflict") if "conflict" in mapping.columns else pl.lit(False)
    twice = pl.col("userid").n_unique().over("hash") > 1
    usable = mapping.filter(~(conflict | twice)).unique("hash")
    table = dict(zip(usable["hash"].to_list(), usable["userid"].to_list(), strict=True))
    each = pl.element().replace(table)
    lists = [pl.col(c).list.eval(each) for c in list_columns]
    return frame.with_columns(*[pl.col(c).replace(table) for c in columns], *lists)
