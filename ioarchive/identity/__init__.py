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
- :func:`members`: the (campaign, userid) of every campaign account; :func:`accounts`: one
  row per campaign account with its profile.
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

from ioarchive.identity.accounts import accounts, members
from ioarchive.identity.hashes import hash_map, unhash
from ioarchive.identity.ids import (
    BASE64_PATTERN,
    HASH_IN_TEXT,
    HEX64_PATTERN,
    ID_KIND,
    NUMERIC_PATTERN,
    Scope,
    account_key,
    id_kind,
    is_hashed,
)
from ioarchive.identity.leaks import LEAK_KIND, leaks
from ioarchive.identity.references import REFERENCE_CLASS, REFERENCE_KIND, references

__all__ = [
    "BASE64_PATTERN",
    "HASH_IN_TEXT",
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
    "members",
    "references",
    "unhash",
]
