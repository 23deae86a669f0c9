"""Campaign accounts: clear and hashed ids, profiles, the 5,000-follower rule, bursts.

A hashed copy hashes the accounts under 5,000 followers (every account with ``hash_all``), in
the hash format of the era; a hashed account's screen and display names are its hash. The last
seventh of the accounts never tweets.

Examples:
    >>> import random
    >>> from ioarchive.schema import Era
    >>> from ioarchive.synthetic.accounts import make_accounts
    >>> accounts = make_accounts(random.Random(0), "c", Era.TWEETS_2020, 3, hashed=True)
    >>> [(a.followers, a.hashed) for a in accounts[:2]]
    [(4999, True), (5000, False)]
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from typing import Any

from ioarchive.schema import USER_COLUMNS, Era
from ioarchive.synthetic.vocabularies import DAY_MS, LOCATIONS, OLD_CUTOFF_MS, TEXTS, day_ms

__all__ = [
    "Account",
    "active",
    "followers_cell",
    "hash_id",
    "make_accounts",
    "old_authors",
    "plan_bursts",
    "profile_cells",
    "profile_values",
]


def hash_id(userid: str, *, era: Era, salt: str = "") -> str:
    """Hash an account id the way its era's files show hashes.

    2018 files: 64 lowercase hex characters. Later files: base64 of a 32-byte digest with every
    ``/`` deleted and the final ``=`` kept (40 to 44 characters; a digest whose base64 holds more
    than four ``/`` is hashed again, so the length stays in that range).

    Args:
        userid: The clear id.
        era: The era whose format to use.
        salt: Makes hashes differ between releases.

    Returns:
        The hash, a ``str``.

    Examples:
        >>> from ioarchive.synthetic import hash_id
        >>> len(hash_id("12", era=Era.TWEETS_2018))
        64
        >>> hash_id("12", era=Era.TWEETS_2020).endswith("=")
        True
    """
    digest = hashlib.sha256(f"{salt}:{userid}".encode()).digest()
    if era is Era.TWEETS_2018:
        return digest.hex()
    text = base64.b64encode(digest).decode().replace("/", "")
    while len(text) < 40:
        digest = hashlib.sha256(digest).digest()
        text = base64.b64encode(digest).decode().replace("/", "")
    return text


@dataclass
class Account:
    """One campaign account, as its users-file row shows it.

    Attributes:
        userid: The id in the files: the hash for a hashed account, else ``clear_id``.
        clear_id: The decimal id.
        hashed: Whether the files show the hash.
        display_name: The display name (the hash when hashed).
        screen_name: The screen name (the hash when hashed).
        location: The reported location; empty for none.
        description: The profile description.
        url: The profile URL; empty for none.
        followers: The follower count.
        following: The following count.
        created: The account creation day.
        language: The account language.
    """

    userid: str
    clear_id: str
    hashed: bool
    display_name: str
    screen_name: str
    location: str
    description: str
    url: str
    followers: int
    following: int
    created: dt.date
    language: str


def make_accounts(
    rng: random.Random, campaign: str, era: Era, n: int, *, hashed: bool, hash_all: bool = False
) -> list[Account]:
    """Draw ``n`` accounts; the first has 4,999 followers and the second 5,000.

    Args:
        rng: The campaign's generator.
        campaign: The campaign id (the hashes' salt).
        era: The era whose hash format to use.
        n: How many accounts.
        hashed: Hash the accounts under 5,000 followers.
        hash_all: With ``hashed``, hash every account.

    Returns:
        The accounts, in users-file order.
    """
    clear_ids = rng.sample(range(10**7, 10**18), n)
    return [
        _account(rng, campaign, era, i, number, hashed=hashed, hash_all=hash_all)
        for i, number in enumerate(clear_ids)
    ]


def _account(
    rng: random.Random,
    campaign: str,
    era: Era,
    i: int,
    number: int,
    *,
    hashed: bool,
    hash_all: bool,
) -> Account:
    followers = rng.choice([rng.randint(0, 4999), rng.randint(5000, 60000)])
    if i == 0:
        followers = 4999
    elif i == 1:
        followers = 5000
    clear = str(number)
    display = rng.choice(["Имя", "اسم", "Name"]) + f" {i}"
    is_hashed = hashed and (hash_all or followers < 5000)
    userid = hash_id(clear, era=era, salt=campaign) if is_hashed else clear
    return Account(
        userid=userid,
        clear_id=clear,
        hashed=is_hashed,
        display_name=userid if is_hashed else display,
        screen_name=userid if is_hashed else f"user_{i}",
        location=rng.choice(LOCATIONS),
        description=rng.choice(TEXTS),
        url=rng.choice(["", "https://t.co/gZWbHGaHwt"]),
        followers=followers,
        following=rng.randint(0, 5000),
        created=dt.date(2009, 1, 1) + dt.timedelta(days=rng.randint(0, 3650)),
        language=rng.choice(["en", "ar", "ru"]),
    )


def active(accounts: list[Account]) -> list[Account]:
    """Return the accounts that tweet: all but the last seventh (at least one never tweets)."""
    return accounts[: max(1, len(accounts) - max(1, len(accounts) // 7))]


def old_authors(tweeting: list[Account]) -> list[Account]:
    """Return the accounts that can have written pre-snowflake tweets (created before then)."""
    return [a for a in tweeting if day_ms(a.created) < OLD_CUTOFF_MS]


def plan_bursts(
    rng: random.Random, accounts: list[Account], n: int, start_ms: int, days: int
) -> dict[str, list[int]]:
    """Pick ``n`` tweeting accounts to post in bursts, each around three anchor times (ms).

    Returns:
        The anchor times of each bursty account, by ``userid``.
    """
    if n <= 0:
        return {}
    span = days * DAY_MS - 120_000
    return {
        a.userid: [start_ms + rng.randrange(span) for _ in range(3)] for a in active(accounts)[:n]
    }


def profile_cells(a: Account, followers: str) -> tuple[str, ...]:
    """Return the account's users-file cells, in ``USER_COLUMNS`` order."""
    return (
        a.userid,
        a.display_name,
        a.screen_name,
        a.location,
        a.description,
        a.url,
        followers,
        str(a.following),
        a.created.isoformat(),
        a.language,
    )


def followers_cell(rng: random.Random, a: Account) -> str:
    """Return the follower count cell of a users-file row: 1 in 20 spelled ``123.0``.

    Ten draws per row, the seventh deciding (the stream of earlier versions, kept so that the
    same seed writes the same bytes).
    """
    draws = [rng.random() for _ in USER_COLUMNS]
    return f"{a.followers}.0" if draws[6] < 0.05 else str(a.followers)


def profile_values(a: Account) -> dict[str, Any]:
    """Return the account's canonical profile values, by ``USER_SCHEMA`` column."""
    return {
        "userid": a.userid,
        "user_display_name": a.display_name,
        "user_screen_name": a.screen_name,
        "user_reported_location": a.location or None,
        "user_profile_description": a.description,
        "user_profile_url": a.url or None,
        "follower_count": a.followers,
        "following_count": a.following,
        "account_creation_date": a.created,
        "account_language": a.language,
    }
