"""Id kinds and account keys: what an account id is, and a key that never merges two hashes.

Examples:
    >>> import polars as pl
    >>> from ioarchive.identity import id_kind
    >>> pl.select(id_kind(pl.lit("2572896396"))).item()
    'numeric'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import polars as pl

from ioarchive._polars import output_name, to_expr
from ioarchive.releases import known_releases

__all__ = [
    "BASE64_PATTERN",
    "HASH_IN_TEXT",
    "HEX64_PATTERN",
    "ID_KIND",
    "NUMERIC_PATTERN",
    "Scope",
    "account_key",
    "id_kind",
    "is_hashed",
]

ID_KIND = pl.Enum(["numeric", "hex64", "base64", "other"])
"""The kinds of account id: a decimal id, a 2018 hex hash, a 2019+ base64 hash, or other."""
Scope = Literal["dataset", "release", "global"]
"""How widely a hashed account key is valid (see
[`account_key`][ioarchive.identity.account_key])."""

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

HASH_IN_TEXT = rf"@(?:[0-9a-f]{{64}}|{_B64_BODY})"
"""A mention of a hashed account in a tweet's text: ``@`` and a 2018 or 2019+ hash."""


def id_kind(column: str | pl.Expr) -> pl.Expr:
    """Tell the kind of each account id.

    Rules, exact, in this order: ``numeric`` is 1 to 20 decimal digits
    ([`NUMERIC_PATTERN`][ioarchive.identity.NUMERIC_PATTERN]); ``hex64`` is exactly 64 lowercase hex
    characters, the 2018 hashes
    ([`HEX64_PATTERN`][ioarchive.identity.HEX64_PATTERN]); ``base64`` is 31 to 43 characters of
    ``[A-Za-z0-9+]`` ending in
    one of ``AEIMQUYcgkosw048``, then one ``=``: base64 of a 32-byte digest with every ``/``
    deleted, from 2019 on ([`BASE64_PATTERN`][ioarchive.identity.BASE64_PATTERN], which explains the
    lengths). Anything else
    (uppercase hex, a ``/``, a space, an empty string) is ``other``: flagged, never guessed.
    Null stays null.

    Args:
        column: A String column (name or expression) of ids.

    Returns:
        An expression of dtype [`ID_KIND`][ioarchive.identity.ID_KIND], one value per row, named
        like ``column``.

    Examples:
        >>> import polars as pl
        >>> pl.select(id_kind(pl.lit("f" * 64))).item()
        'hex64'
        >>> frame = pl.DataFrame({"u": ["42", "F" * 64, None]})
        >>> frame.select(id_kind("u"))["u"].to_list()
        ['numeric', 'other', None]
    """
    e = to_expr(column)
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
    return kind.cast(ID_KIND).alias(output_name(e, "id_kind"))


def is_hashed(column: str | pl.Expr) -> pl.Expr:
    """Tell whether each id is a hash: ``hex64`` or ``base64``.

    The kinds are those of [`id_kind`][ioarchive.identity.id_kind].

    Args:
        column: A String column (name or expression) of ids.

    Returns:
        A Boolean expression, one value per row, named like ``column``; null for a null id.

    Examples:
        >>> import polars as pl
        >>> pl.DataFrame({"u": ["123", "f" * 64]}).select(is_hashed("u"))["u"].to_list()
        [False, True]
    """
    return id_kind(column).is_in(["hex64", "base64"])


def _release_of(campaign: pl.Expr, release: str | pl.Expr | Mapping[str, str] | None) -> pl.Expr:
    if isinstance(release, str | pl.Expr):
        return to_expr(release).cast(pl.String)
    if release is None:
        known = known_releases()
        release = dict(zip(known["campaign"], known["release_folder"], strict=True))
    lowered = {c.lower(): r for c, r in release.items()}
    found = campaign.str.to_lowercase().replace_strict(
        lowered, default=None, return_dtype=pl.String
    )
    return pl.coalesce(found, campaign)


def account_key(
    column: str | pl.Expr,
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
      [`known_releases`][ioarchive.releases.known_releases] (``"2020_12"``), campaigns matched
      without
      regard to case; a campaign that is not known keeps its own name as qualifier (so it falls
      back to dataset scope, never to a bare hash).
    - ``"global"``: the bare hash, for users who know better.

    A hash whose qualifier is null (no campaign) gets a null key: its scope is unknown.

    Args:
        column: A String column (name or expression) of ids (``userid``, ``retweet_userid``, ...).
        scope: ``"dataset"``, ``"release"`` or ``"global"``.
        campaign: The campaign column (name or expression).
        release: For ``scope="release"``: a column (name or expression) holding the release, or
            a mapping from campaign to release. Default: the known releases.

    Returns:
        A String expression, one key per row, named like ``column``; null for a null id.

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
    e = to_expr(column)
    if scope == "global":
        return e.alias(output_name(e, "key"))
    if scope == "dataset":
        qualifier = to_expr(campaign)
    elif scope == "release":
        qualifier = _release_of(to_expr(campaign), release)
    else:
        raise ValueError(
            f"scope must be 'dataset', 'release' or 'global', not {scope!r}"
            "\nHint: 'dataset' is the safe default"
        )
    return pl.when(is_hashed(e)).then(qualifier + ":" + e).otherwise(e).alias(output_name(e, "key"))
