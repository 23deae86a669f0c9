"""Hash-aware account identity: id kinds, scoped account keys, accounts, references, leaks.

An account in the archive is a decimal id or, in hashed copies, a hash that stands for the id:
64 lowercase hex characters in the 2018 files, base64 without ``/`` (ending in ``=``) from 2019.
References to accounts (``retweet_userid``, ``in_reply_to_userid``, ``user_mentions``) mix
hashed campaign accounts, unhashed campaign accounts and external accounts that were never part
of the operation. Everything here is lazy: expressions, or LazyFrame in and LazyFrame out; the
frame functions take the canonical schemas ([`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA],
[`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA]) with a ``campaign`` column.

Public names:

- [`id_kind`][ioarchive.identity.id_kind], [`is_hashed`][ioarchive.identity.is_hashed]: expressions
  that tell what an id is.
- [`account_key`][ioarchive.identity.account_key]: an expression giving a key that never merges two
  hashed accounts of
  different datasets.
- [`members`][ioarchive.identity.members]: the (campaign, userid) of every campaign account;
  [`accounts`][ioarchive.identity.accounts]: one
  row per campaign account with its profile.
- [`references`][ioarchive.identity.references]: one row per (tweet, referenced account, kind),
  classified.
- [`hash_map`][ioarchive.identity.hash_map], [`unhash`][ioarchive.identity.unhash]: hash → id from a
  release's hashed and unhashed copies.
- [`leaks`][ioarchive.identity.leaks]: where a hashed account's clear id shows in the same data
  (reported, never
  reversed).

Examples:
    >>> import polars as pl
    >>> from ioarchive import identity
    >>> hashed = "CqW9bECdw2Jjk9DDU7UyE6P59TukYFISNE8J6sN66u4="
    >>> ids = pl.DataFrame({"userid": ["2572896396", hashed, "x"]})
    >>> ids.select(identity.id_kind("userid"))["userid"].to_list()
    ['numeric', 'base64', 'other']
"""

from ioarchive.identity.audit import LEAK_KIND, leaks
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
from ioarchive.identity.links import REFERENCE_CLASS, REFERENCE_KIND, references
from ioarchive.identity.membership import accounts, members

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
