"""The ground truth: the canonical frames the written files must read back as.

While tweets are generated, their canonical values are gathered in ``Columns``, moved to
frames every 50,000 tweets (building a frame column by column is far faster than from rows);
the profile columns are joined from the users frame at the end.

Examples:
    >>> import tempfile
    >>> from ioarchive.synthetic import write_campaign
    >>> truth = write_campaign(tempfile.mkdtemp(), "t_202012", n_tweets=5)
    >>> truth.tweets.height, truth.tweets.columns[:2]
    (5, ['campaign', 'tweetid'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era, Role, columns_with
from ioarchive.synthetic.accounts import Account, profile_values
from ioarchive.synthetic.vocabularies import CHUNK

__all__ = [
    "LISTS",
    "SEP",
    "VALUE_COLUMNS",
    "VALUE_SCHEMA",
    "CampaignTruth",
    "Columns",
    "Refs",
    "never_tweeted",
    "truth_tweets",
    "truth_users",
]

LISTS = columns_with(Role.LIST)
SEP = "\x1f"
"""Joins list elements while gathered; no element holds it."""

VALUE_COLUMNS = (
    "author",
    "tweetid",
    "minute_ms",
    "tweet_language",
    "tweet_client_name",
    "tweet_text",
    "in_reply_to_tweetid",
    "in_reply_to_userid",
    "quoted_tweet_tweetid",
    "is_retweet",
    "retweet_userid",
    "retweet_tweetid",
    "latitude",
    "longitude",
    "has_geo",
    "quote_count",
    "reply_count",
    "like_count",
    "retweet_count",
    *LISTS,
)
VALUE_SCHEMA = {n: TWEET_SCHEMA.get(n, pl.Int64()) for n in VALUE_COLUMNS}
"""Canonical values of generated tweets; ``author`` (index of the account), ``minute_ms``."""

Refs = tuple[int | None, str | None, int | None, bool, str | None, int | None]
"""in_reply_to_tweetid, in_reply_to_userid, quoted_tweet_tweetid, is_retweet, retweet_*."""


@dataclass(frozen=True)
class CampaignTruth:
    """What [`write_campaign`][ioarchive.synthetic.write_campaign] wrote, as canonical frames.

    Attributes:
        campaign: The campaign id.
        era: The tweet-column era of the tweets files.
        hashed: Whether the files are a hashed copy.
        tweets: Every tweet, canonical [`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA], in
            file order.
        users: Every account, canonical [`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA], in file
            order.
        tweet_files: The tweets files, in part order.
        user_files: The users files.
        rows_per_file: Data rows (not blank lines or repeated headers) written to each file.
        hashed_accounts: ``userid`` of every hashed campaign account.
        unhashed_accounts: ``userid`` of every unhashed campaign account.
        external_accounts: Numeric ids referenced that are not campaign accounts.
        never_tweeted: Campaign accounts in the users file with no tweet.
        bursty_accounts: Accounts whose tweets were planted in bursts.

    Examples:
        >>> import tempfile
        >>> from ioarchive.synthetic import write_campaign
        >>> truth = write_campaign(tempfile.mkdtemp(), "t_202012", n_accounts=14, n_tweets=30)
        >>> truth.tweets.height, truth.users.height, [p.name for p in truth.user_files]
        (30, 14, ['t_202012_users_csv_hashed.csv'])
        >>> truth.never_tweeted <= set(truth.users["userid"])
        True
    """

    campaign: str
    era: Era
    hashed: bool
    tweets: pl.DataFrame
    users: pl.DataFrame
    tweet_files: tuple[Path, ...]
    user_files: tuple[Path, ...]
    rows_per_file: dict[Path, int]
    hashed_accounts: frozenset[str]
    unhashed_accounts: frozenset[str]
    external_accounts: frozenset[str]
    never_tweeted: frozenset[str]
    bursty_accounts: frozenset[str] = frozenset()

    @property
    def daily_counts(self) -> pl.DataFrame:
        """Tweets per UTC day: ``day`` (Date), ``tweets`` (UInt32), one row per day, sorted.

        Examples:
            >>> import tempfile
            >>> from ioarchive.synthetic import write_campaign
            >>> truth = write_campaign(tempfile.mkdtemp(), "d_202012", n_tweets=40, days=1)
            >>> truth.daily_counts.rows()
            [(datetime.date(2019, 1, 1), 40)]
        """
        day = pl.col("tweet_time").dt.date().alias("day")
        return self.tweets.group_by(day).agg(pl.len().alias("tweets")).sort("day")

    @property
    def type_counts(self) -> dict[str, int]:
        """Tweets by type: ``retweet``, ``quote``, ``reply``, ``original`` (that precedence).

        Examples:
            >>> import tempfile
            >>> from ioarchive.synthetic import write_campaign
            >>> truth = write_campaign(tempfile.mkdtemp(), "k_202012", n_tweets=40)
            >>> sum(truth.type_counts.values())
            40
        """
        t = self.tweets
        retweet = t["is_retweet"].fill_null(False)
        quote = ~retweet & t["quoted_tweet_tweetid"].is_not_null()
        reply = ~retweet & ~quote & t["in_reply_to_tweetid"].is_not_null()
        return {
            "retweet": int(retweet.sum()),
            "quote": int(quote.sum()),
            "reply": int(reply.sum()),
            "original": int((~retweet & ~quote & ~reply).sum()),
        }


@dataclass
class Columns:
    """Canonical values of generated tweets, one tuple per tweet, moved to frames in chunks."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    frames: list[pl.DataFrame] = field(default_factory=list)

    def add(
        self,
        author: int,
        tweetid: int,
        minute_ms: int,
        head: tuple[str, str, str],
        refs: Refs,
        geo: tuple[float | None, float | None, bool | None],
        counts: list[int | None],
        lists: list[list[str] | None],
    ) -> None:
        """Append a tweet's canonical values, in ``VALUE_COLUMNS`` order."""
        self.rows.append(
            (
                author,
                tweetid,
                minute_ms,
                *head,
                *refs,
                *geo,
                *counts,
                None if lists[0] is None else SEP.join(lists[0]),
                None if lists[1] is None else SEP.join(lists[1]),
                None if lists[2] is None else SEP.join(lists[2]),
            )
        )
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Move the values gathered so far into a frame."""
        if not self.rows:
            return
        data = dict(zip(VALUE_COLUMNS, map(list, zip(*self.rows, strict=True)), strict=True))
        schema = {n: pl.String() if n in LISTS else d for n, d in VALUE_SCHEMA.items()}
        # Lists travel as strings joined by a separator no element holds: building a list
        # column from Python lists is far slower.
        present = pl.element().filter(pl.element() != "")
        split = pl.col(*LISTS).str.split(SEP).list.eval(present)
        self.frames.append(pl.DataFrame(data, schema=schema).with_columns(split))
        self.rows.clear()

    def minutes(self) -> list[int]:
        """Return ``minute_ms`` of every tweet gathered, in generation order."""
        self.flush()
        return [m for frame in self.frames for m in frame["minute_ms"].to_list()]


def truth_users(campaign: str, accounts: list[Account]) -> pl.DataFrame:
    """Return the users frame: canonical ``USER_SCHEMA``, one row per account, in file order."""
    rows = [{**profile_values(a), "campaign": campaign} for a in accounts]
    return pl.DataFrame(rows, schema=USER_SCHEMA)


def truth_tweets(
    campaign: str, users: pl.DataFrame, cols: Columns, order: list[int] | None
) -> pl.DataFrame:
    """Return the tweets frame: canonical ``TWEET_SCHEMA``, one row per tweet, in file order.

    Args:
        campaign: The campaign id.
        users: The users frame (profiles are taken from it by author).
        cols: The gathered values, in generation order.
        order: The file order of the generated tweets, when it is not generation order.
    """
    cols.flush()
    empty = pl.DataFrame(schema=VALUE_SCHEMA)
    values = pl.concat([empty, *cols.frames], how="vertical", rechunk=False)
    if order is not None:
        values = values.select(pl.all().gather(order))
    author = values["author"]
    profile = users.drop("campaign").select(pl.all().gather(author))
    return pl.concat([values.drop("author"), profile], how="horizontal").select(
        pl.lit(campaign, pl.String()).alias("campaign"),
        *(
            (pl.col("minute_ms") * 1000).cast(TWEET_SCHEMA[n]).alias(n)
            if n == "tweet_time"
            else pl.lit(None, TWEET_SCHEMA[n]).alias(n)
            if n == "poll_choices"
            else pl.col(n)
            for n in list(TWEET_SCHEMA)[1:]
        ),
    )


def never_tweeted(accounts: list[Account], tweets: pl.DataFrame) -> frozenset[str]:
    """Return the ``userid`` of the accounts with no tweet in ``tweets``."""
    tweeted = set(tweets["userid"].unique().to_list())
    return frozenset(a.userid for a in accounts if a.userid not in tweeted)
