"""Tweets with planted coordinated groups, and the truth of who was planted with whom.

Coordination detectors need data where the answer is known.
[`coordinated_tweets`][ioarchive.synthetic.coordination.coordinated_tweets] makes
tweets in the canonical schema in which groups of accounts act together on purpose, each group
in one way: ``retweet`` (they retweet the same tweet within seconds), ``tweet`` (they post the
same text, with case, spacing and mention variations), ``url`` (they post the same link),
``fast_retweet`` (they retweet a tweet seconds after it was posted) and ``post`` (they post,
about anything, within seconds of each other). Around them, organic accounts retweet a few
popular tweets over hours (so organic co-retweets exist, as in the real archive), and post
original tweets spread over the days.

The truth lists every planted account and every planted pair, with the number of rounds the
two joined: a detector run with a window of ``gap`` or more and a minimum weight of at most
``min_rounds`` must find every planted pair. Organic activity is sparse enough that chance
alone gives no pair of weight ``min_rounds`` (a test checks this for every kind).

Times are exact: each tweet id is a snowflake of its millisecond. Everything is drawn from one
``random.Random(seed)``, so the same arguments give the same tweets.

Examples:
    >>> from ioarchive.synthetic.coordination import coordinated_tweets
    >>> truth = coordinated_tweets(seed=1)
    >>> truth.tweets.columns == list(__import__("ioarchive").TWEET_SCHEMA)
    True
    >>> sorted(truth.groups["kind"].unique())
    ['fast_retweet', 'post', 'retweet', 'tweet', 'url']
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import polars as pl

from ioarchive.schema import TWEET_SCHEMA
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS

__all__ = ["KINDS", "CoordinationTruth", "coordinated_tweets"]

KINDS = ("retweet", "tweet", "url", "fast_retweet", "post")
"""The kinds of planted coordination, one per group (cycling when there are more groups)."""

_VOCABULARY = (
    "vote news today people state truth media power freedom world city rally police money "
    "peace help share read watch join now great good bad правда новости народ خبر اليوم"
)
_WORDS = tuple(_VOCABULARY.split())
_DAY_MS = 86_400_000


@dataclass(frozen=True)
class CoordinationTruth:
    """What [`coordinated_tweets`][ioarchive.synthetic.coordination.coordinated_tweets] planted.

    Attributes:
        campaign: The campaign id of every tweet.
        tweets: The tweets, canonical schema ([`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA]).
        groups: One row per planted account: ``account`` (String), ``group`` (UInt32),
            ``kind`` (String, one of [`KINDS`][ioarchive.synthetic.coordination.KINDS]).
        pairs: One row per planted pair of accounts (``account_1 < account_2``): ``group``,
            ``kind``, ``rounds`` (UInt32: rounds both joined).
        gap_ms: The longest gap between two members' actions in one round.
        min_rounds: The fewest rounds any planted pair joined.
    """

    campaign: str
    tweets: pl.DataFrame
    groups: pl.DataFrame
    pairs: pl.DataFrame
    gap_ms: int
    min_rounds: int


class _Maker:
    def __init__(self, campaign: str, seed: int, start_ms: int, days: int) -> None:
        self.rng = random.Random(f"{campaign}:{seed}")
        self.campaign = campaign
        self.start_ms = start_ms
        self.span_ms = days * _DAY_MS
        self.rows: list[dict[str, Any]] = []
        self.seq = 0

    def tweetid(self, ms: int) -> int:
        self.seq += 1
        return ((ms - SNOWFLAKE_EPOCH_MS) << 22) + self.seq % (1 << 22)

    def text(self, n: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(n))

    def add(self, user: str, ms: int, **values: Any) -> None:
        row: dict[str, Any] = {
            "campaign": self.campaign,
            "tweetid": self.tweetid(ms),
            "userid": user,
            "tweet_time": dt.datetime.fromtimestamp(ms // 60_000 * 60, tz=dt.UTC),
            "is_retweet": False,
            "tweet_text": self.text(self.rng.randint(4, 10)),
            "hashtags": [],
            "urls": [],
            "user_mentions": [],
        }
        row.update(values)
        self.rows.append(row)

    def retweet(self, user: str, ms: int, source: int) -> None:
        self.add(
            user,
            ms,
            is_retweet=True,
            retweet_tweetid=source,
            retweet_userid="12",
            tweet_text="RT @someone: " + self.text(5),
        )

    def when(self, margin_ms: int) -> int:
        return self.start_ms + self.rng.randrange(self.span_ms - margin_ms)


def _plant(m: _Maker, kind: str, members: list[str], rounds: int, gap_ms: int) -> list[set[str]]:
    """Write the group's rounds; return who joined each round."""
    joined: list[set[str]] = []
    for r in range(rounds):
        base = m.when(10 * gap_ms)
        source = m.tweetid(base - (0 if kind == "fast_retweet" else 3_600_000))
        text = m.text(8)
        url = f"https://planted.example/{members[0]}/{r}"
        present = {u for u in members if m.rng.random() < 0.85} or {members[0], members[-1]}
        for user in sorted(present):
            at = base + m.rng.randrange(gap_ms + 1) if kind != "fast_retweet" else base
            if kind == "fast_retweet":
                at = base + 500 + m.rng.randrange(min(gap_ms, 9_000))
            if kind in ("retweet", "fast_retweet"):
                m.retweet(user, at, source)
            elif kind == "tweet":
                variant = m.rng.choice((text, text.upper(), text.replace(" ", "  "), f"@x {text}"))
                m.add(user, at, tweet_text=variant)
            elif kind == "url":
                m.add(user, at, urls=[url])
            else:
                m.add(user, at)
        joined.append(present)
    return joined


def coordinated_tweets(
    campaign: str = "coord_202012",
    *,
    n_groups: int = 5,
    group_size: int = 6,
    rounds: int = 12,
    gap_ms: int = 8_000,
    n_organic: int = 300,
    organic_tweets: int = 6_000,
    days: int = 30,
    start: dt.date = dt.date(2020, 3, 1),
    seed: int = 0,
) -> CoordinationTruth:
    """Make tweets with planted coordinated groups among organic accounts.

    Args:
        campaign: The campaign id of every tweet.
        n_groups: How many groups to plant; group ``g`` coordinates by ``KINDS[g % 5]``.
        group_size: Accounts per group.
        rounds: Coordinated actions per group; in each, every member joins with chance 0.85.
        gap_ms: The longest gap between two members' actions in one round (fast retweets
            also stay within 10 s of their source).
        n_organic: Organic accounts.
        organic_tweets: Organic tweets: half retweets of a few popular tweets spread over
            hours, half original posts spread over the days.
        days: How many days the tweets span.
        start: The first day.
        seed: The random seed.

    Returns:
        The tweets and the truth
        ([`CoordinationTruth`][ioarchive.synthetic.coordination.CoordinationTruth]).

    Raises:
        ValueError: A count below its least sensible value.

    Examples:
        >>> truth = coordinated_tweets(n_groups=2, rounds=5, organic_tweets=100)
        >>> truth.groups.height, truth.pairs["kind"].unique().sort().to_list()
        (12, ['retweet', 'tweet'])
    """
    if n_groups < 1 or group_size < 2 or rounds < 1 or gap_ms < 0 or days < 1:
        raise ValueError(
            "n_groups, rounds and days must be at least 1, group_size at least 2, gap_ms >= 0"
        )
    start_ms = int(dt.datetime.combine(start, dt.time(), dt.UTC).timestamp() * 1000)
    m = _Maker(campaign, seed, start_ms, days)
    organic = [f"{9_000_000 + i}" for i in range(n_organic)]
    popular = [m.tweetid(start_ms + i * 7 * _DAY_MS // 10) for i in range(10)]
    for _ in range(organic_tweets // 2):
        source = m.rng.choice(popular)
        at = (source >> 22) + SNOWFLAKE_EPOCH_MS + int(m.rng.expovariate(1 / 7_200_000))
        m.retweet(m.rng.choice(organic), at, source)
    for _ in range(organic_tweets - organic_tweets // 2):
        m.add(m.rng.choice(organic), m.when(0))
    group_rows: list[tuple[str, int, str]] = []
    pair_rows: list[tuple[str, str, int, str, int]] = []
    for g in range(n_groups):
        kind = KINDS[g % len(KINDS)]
        members = [f"{8_000_000 + g * 1_000 + i}" for i in range(group_size)]
        joined = _plant(m, kind, members, rounds, gap_ms)
        group_rows += [(u, g + 1, kind) for u in members]
        for a, b in combinations(members, 2):
            together = sum(1 for present in joined if a in present and b in present)
            pair_rows.append((a, b, g + 1, kind, together))
    tweets = pl.DataFrame(m.rows, schema=TWEET_SCHEMA).sort("tweetid")
    groups = pl.DataFrame(
        group_rows,
        schema={"account": pl.String, "group": pl.UInt32, "kind": pl.String},
        orient="row",
    )
    pairs = pl.DataFrame(
        pair_rows,
        schema={
            "account_1": pl.String,
            "account_2": pl.String,
            "group": pl.UInt32,
            "kind": pl.String,
            "rounds": pl.UInt32,
        },
        orient="row",
    )
    least = int(pairs["rounds"].min() or 0)  # type: ignore[arg-type]
    return CoordinationTruth(campaign, tweets, groups, pairs, gap_ms, least)
