"""Write faithful synthetic archive files, and return the ground truth they hold.

The files look like Twitter's own: UTF-8, every field double-quoted, inner quotes doubled,
raw newlines (and a stray carriage return) inside texts, the three tweet-column eras, hashed
accounts in the hash format of their era, the 5,000-follower rule, list cells in the era's
style, ``absent``/``present`` geo words, ``3.0`` counts, ``0`` mention placeholders, accounts
that never tweeted, references to campaign and external accounts. Options add file-level
quirks: parts in any of the archive's suffix styles, gzip, a BOM, a repeated header line, a
trailing blank line, camelCase user columns, pre-snowflake tweets.

The returned [`CampaignTruth`][ioarchive.synthetic.CampaignTruth] holds the canonical frames
the files must read back as, so tests (here and in other packages) can compare every column.

Every random draw comes from one ``random.Random`` seeded with the campaign id and ``seed``, so
the same arguments write the same bytes. Rows are generated and written in chunks, and the truth
is built column by column: a million rows take about 25 seconds and 1 GB of memory, most of it
the truth frame (the period part styles also hold every row, to sort them by time).

Examples:
    >>> import tempfile
    >>> from ioarchive import synthetic, scan_tweets
    >>> truth = synthetic.write_campaign(tempfile.mkdtemp(), "demo_202012", n_tweets=50, seed=1)
    >>> scan_tweets(truth.tweet_files, campaign="demo_202012").collect().equals(truth.tweets)
    True
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import gzip
import hashlib
import io
import random
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

import polars as pl

from ioarchive.schema import (
    TWEET_COLUMNS_2018,
    TWEET_COLUMNS_2019,
    TWEET_COLUMNS_2020,
    TWEET_SCHEMA,
    USER_COLUMN_ALIASES,
    USER_COLUMNS,
    USER_SCHEMA,
    Era,
)
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS

__all__ = [
    "CampaignTruth",
    "PartStyle",
    "demo_archive_path",
    "format_list",
    "hash_id",
    "write_archive",
    "write_campaign",
]

PartStyle = Literal["_N", "_partN", "_0N", "year", "half"]
"""How tweets parts are named.

``_N``: ``_1``, ``_2``...; ``_partN``: ``_part1``...; ``_0N``: ``_01``...; ``year``: one file per
year of tweet time (``_2019``, ``_2020``); ``half``: period splits ``_2016_01``/``_2016_06`` (first
and second half of each year). The last two sort tweets by time.

Examples:
    >>> import typing
    >>> typing.get_args(PartStyle)
    ('_N', '_partN', '_0N', 'year', 'half')
"""

_COLUMNS = {
    Era.TWEETS_2018: TWEET_COLUMNS_2018,
    Era.TWEETS_2019: TWEET_COLUMNS_2019,
    Era.TWEETS_2020: TWEET_COLUMNS_2020,
}
_CAMEL = {snake: camel for camel, snake in USER_COLUMN_ALIASES.items() if camel != "userId"}
_HASHTAGS = ("Cuba", "CubaVa", "STOPNazi", "Syria", "حزب_الله", "Россия", "ประเทศไทย", "MAGA", "HK")
_URLS = (
    "https://du3a.org",
    "http://ru-open.livejournal.com/374284.html",
    "https://example.org/a,b?x=1,2",
    "https://news.example.com/it's-here",
    "https://www.Example.COM/path",
)
_TEXTS = (
    "plain text with &amp; an entity",
    'line one\nline two with "quotes" inside',
    "windows line\r\nend",
    "a stray \r carriage return",
    "\u200fنص عربي مع علامة من اليمين إلى اليسار",
    "Русский текст 😀 и эмодзи",
    "ข้อความภาษาไทย",
    'doubled ""quotes"" kept',
)
_LANGS = ("en", "ar", "ru", "th", "es", "und", "in", "zh-cn", "zh-CN")
_CLIENTS = ("TweetDeck", "Twitter Web Client", "IFTTT", "generationπ", "Twitter for Android")
_LOCATIONS = ["Москва, Россия", "", "USA", "القاهرة", "Bangkok"]

_LISTS = ("hashtags", "urls", "user_mentions")
_SEP = "\x1f"
_DAY_MS = 86_400_000
_MINUTE_MS = 60_000
_CHUNK = 50_000
_OLD_FIRST_MS = 1_230_768_000_000  # 2009-01-01 00:00 UTC
_OLD_CUTOFF_MS = SNOWFLAKE_EPOCH_MS - _DAY_MS
_OLD_FIRST_ID = 1_000_000_000
_OLD_LAST_ID = 29_500_000_000
_HHMM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
_COUNT_TEXT = tuple(str(i) for i in range(40))
_COUNT_FLOAT = tuple(f"{i}.0" for i in range(40))


@dataclass(frozen=True)
class CampaignTruth:
    """What [`write_campaign`][ioarchive.synthetic.write_campaign] wrote, as canonical frames.

    Attributes:
        campaign: The campaign id.
        era: The tweet-column era of the tweets files.
        hashed: Whether the files are a hashed copy.
        tweets: Every tweet ([`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA]), in file order.
        users: Every account ([`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA]), in file order.
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
        The hash.

    Examples:
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


def _is_int_id(item: str) -> bool:
    """A decimal id Python's repr would show as an int (ASCII digits, no leading zero)."""
    return item.isascii() and item.isdigit() and (item == "0" or item[0] != "0")


def format_list(
    items: Sequence[str] | None,
    *,
    era: Era,
    empty_as_blank: bool = False,
    ids_as_ints: bool = True,
) -> str:
    r"""Write a list cell in the style of an era.

    2018: ``[a, b]``, never quoted. Later eras: Python's repr, where decimal ids are written as
    ints (as Twitter wrote user ids in ``user_mentions``) and everything else as strings.

    Args:
        items: The elements; None writes an empty cell.
        era: The era whose style to use.
        empty_as_blank: Write an empty list as an empty cell (2018 files do both).
        ids_as_ints: In repr style, write ASCII-decimal elements without a leading zero as
            ints; False writes every element as a string (``hashtags``, ``urls``).

    Returns:
        The cell's text.

    Examples:
        >>> format_list(["a", "b"], era=Era.TWEETS_2018)
        '[a, b]'
        >>> format_list(["123", "abc=", "it's"], era=Era.TWEETS_2020)
        '[123, \'abc=\', "it\'s"]'
        >>> format_list(["2020"], era=Era.TWEETS_2019, ids_as_ints=False)
        "['2020']"
    """
    if items is None or (empty_as_blank and not items):
        return ""
    if era is Era.TWEETS_2018:
        return "[" + ", ".join(items) + "]"
    if not ids_as_ints:
        return repr(list(items))
    return repr([int(i) if _is_int_id(i) else i for i in items])


@dataclass
class _Account:
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


def _accounts(
    rng: random.Random, campaign: str, era: Era, n: int, *, hashed: bool, hash_all: bool
) -> list[_Account]:
    accounts = []
    clear_ids = rng.sample(range(10**7, 10**18), n)
    for i, number in enumerate(clear_ids):
        followers = rng.choice([rng.randint(0, 4999), rng.randint(5000, 60000)])
        if i == 0:
            followers = 4999
        elif i == 1:
            followers = 5000
        clear = str(number)
        display = rng.choice(["Имя", "اسم", "Name"]) + f" {i}"
        is_hashed = hashed and (hash_all or followers < 5000)
        userid = hash_id(clear, era=era, salt=campaign) if is_hashed else clear
        accounts.append(
            _Account(
                userid=userid,
                clear_id=clear,
                hashed=is_hashed,
                display_name=userid if is_hashed else display,
                screen_name=userid if is_hashed else f"user_{i}",
                location=rng.choice(_LOCATIONS),
                description=rng.choice(_TEXTS),
                url=rng.choice(["", "https://t.co/gZWbHGaHwt"]),
                followers=followers,
                following=rng.randint(0, 5000),
                created=dt.date(2009, 1, 1) + dt.timedelta(days=rng.randint(0, 3650)),
                language=rng.choice(["en", "ar", "ru"]),
            )
        )
    return accounts


def _active(accounts: list[_Account]) -> list[_Account]:
    """The accounts that tweet: all but the last seventh (at least one never tweets)."""
    return accounts[: max(1, len(accounts) - max(1, len(accounts) // 7))]


def _plan_bursts(
    rng: random.Random, accounts: list[_Account], n: int, start_ms: int, days: int
) -> dict[str, list[int]]:
    """Pick ``n`` tweeting accounts to post in bursts, each around three anchor times (ms)."""
    if n <= 0:
        return {}
    span = days * _DAY_MS - 120_000
    return {
        a.userid: [start_ms + rng.randrange(span) for _ in range(3)] for a in _active(accounts)[:n]
    }


def _profile_raw(a: _Account, followers: str) -> tuple[str, ...]:
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


def _user_followers(rng: random.Random, a: _Account) -> str:
    """The follower count cell of a users-file row: 1 in 20 spelled ``123.0``.

    Ten draws per row, the seventh deciding (the stream of earlier versions, kept so that the
    same seed writes the same bytes).
    """
    draws = [rng.random() for _ in USER_COLUMNS]
    return f"{a.followers}.0" if draws[6] < 0.05 else str(a.followers)


def _profile_values(a: _Account) -> dict[str, Any]:
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


class _Draws:
    """Draws from one generator, with the exact streams of ``random.Random``'s own methods.

    ``below(n)`` is ``randrange(n)`` (CPython's ``_randbelow`` on ``getrandbits``), ``choice``
    and ``sample`` are built on it the way the standard library builds them; calling them
    directly is several times faster than the public methods, which matters for millions of
    rows, and keeps the stream independent of changes to those methods.
    """

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random
        getrandbits = rng.getrandbits

        def below(n: int) -> int:
            k = n.bit_length()
            r = getrandbits(k)
            while r >= n:
                r = getrandbits(k)
            return r

        self.below: Callable[[int], int] = below

    def sample(self, population: Sequence[str], k: int) -> list[str]:
        """``random.Random.sample`` for a population of at most 21 elements."""
        pool = list(population)
        n = len(pool)
        out = []
        for i in range(k):
            j = self.below(n - i)
            out.append(pool[j])
            pool[j] = pool[n - i - 1]
        return out


_VALUE_COLUMNS = (
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
    *_LISTS,
)
_VALUE_SCHEMA = {n: TWEET_SCHEMA.get(n, pl.Int64()) for n in _VALUE_COLUMNS}
"""Canonical values of generated tweets; ``author`` (index of the account), ``minute_ms``."""


@dataclass
class _Columns:
    """Canonical values of generated tweets, one tuple per tweet, moved to frames in chunks."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    frames: list[pl.DataFrame] = field(default_factory=list)

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        """Move the values gathered so far into a frame."""
        if not self.rows:
            return
        data = dict(zip(_VALUE_COLUMNS, map(list, zip(*self.rows, strict=True)), strict=True))
        schema = {n: pl.String() if n in _LISTS else d for n, d in _VALUE_SCHEMA.items()}
        # Lists travel as strings joined by a separator no element holds: building a list
        # column from Python lists is far slower.
        present = pl.element().filter(pl.element() != "")
        split = pl.col(*_LISTS).str.split(_SEP).list.eval(present)  # eager: no, Polars list.eval
        self.frames.append(pl.DataFrame(data, schema=schema).with_columns(split))
        self.rows.clear()


@dataclass
class _Plan:
    era: Era
    hashed: bool
    accounts: list[_Account]
    externals: list[str]
    bursts: dict[str, list[int]]
    start_ms: int
    days: int
    bool_spelling: tuple[str, str]
    externals_used: set[str] = field(default_factory=set)


_Refs = tuple[int | None, str | None, int | None, bool, str | None, int | None]
"""in_reply_to_tweetid, in_reply_to_userid, quoted_tweet_tweetid, is_retweet, retweet_*."""


class _Maker:
    """Generates one campaign's tweets: raw rows (era column order) and canonical values."""

    def __init__(self, plan: _Plan, cols: _Columns) -> None:
        self.plan = plan
        self.cols = cols
        self.is_2018 = plan.era is Era.TWEETS_2018
        self.accounts = plan.accounts
        self.index = {id(a): i for i, a in enumerate(plan.accounts)}
        self.active = _active(plan.accounts)
        self.ext_screen = {e: f"ext{e[-4:]}" for e in plan.externals}
        self.url_pool = _URLS[:4] if self.is_2018 else _URLS
        self.profiles = [
            (_profile_raw(a, str(a.followers)), _profile_raw(a, f"{a.followers}.0"))
            for a in plan.accounts
        ]
        self.reorder: Callable[[tuple[str, ...]], tuple[str, ...]] | None = None
        if not self.is_2018:
            self.reorder = itemgetter(*(TWEET_COLUMNS_2018.index(c) for c in _COLUMNS[plan.era]))
        self.days_text: dict[int, str] = {}
        self.used: set[int] = set()

    def reference(self, d: _Draws) -> tuple[str, str]:
        """An account referenced: (userid, screen name for the text)."""
        if d.random() < 0.45:
            account = self.accounts[d.below(len(self.accounts))]
            return account.userid, account.screen_name
        externals = self.plan.externals
        external = externals[d.below(len(externals))]
        self.plan.externals_used.add(external)
        return external, self.ext_screen[external]

    def unique(self, tweetid: int) -> int:
        while tweetid in self.used:
            tweetid += 1
        self.used.add(tweetid)
        return tweetid

    def counts(self, d: _Draws, is_rt: bool) -> list[int | None]:
        """Engagement counts: 0 or empty on retweets; some empty in 2018 files."""
        random, below = d.random, d.below
        counts: list[int | None]
        if self.is_2018:
            counts = [None if random() < 0.1 else below(40) for _ in range(4)]
            if is_rt:
                counts = [None if random() < 0.5 else 0 for _ in range(4)]
        else:
            counts = [below(40), below(40), below(40), below(40)]
            if is_rt:
                counts = [0, 0, 0, 0]
        return counts

    def geo(self, d: _Draws) -> tuple[str, str, float | None, float | None, bool | None]:
        """Geo cells and values: empty, numbers, ``present`` or ``absent`` by era and copy."""
        r = d.random()
        lat = round(-60 + 120 * d.random(), 4)
        lon = round(-170 + 340 * d.random(), 4)
        if self.is_2018 and r < 0.9:
            return "", "", None, None, None
        if r < 0.04 or self.is_2018 or (not self.plan.hashed and r < 0.1):
            return str(lat), str(lon), lat, lon, True
        if r < 0.2:
            return "present", "present", None, None, True
        return "absent", "absent", None, None, False

    def list_cells(
        self, d: _Draws, lists: tuple[list[str], list[str], list[str]]
    ) -> tuple[list[str], list[list[str] | None]]:
        """Cells of hashtags, urls, user_mentions, and their canonical values."""
        if self.is_2018:
            cells, values = [], []
            for items in lists:
                blank = d.random() < 0.5 and not items
                cells.append("" if blank else "[" + ", ".join(items) + "]")
                values.append(None if blank else items)
            return cells, values
        hashtags, urls, mentions = lists
        ids = [int(m) if _is_int_id(m) else m for m in mentions]
        return [repr(hashtags), repr(urls), repr(ids)], list(lists)

    def time_text(self, minute_ms: int) -> str:
        day, minute = divmod(minute_ms, _DAY_MS)
        text = self.days_text.get(day)
        if text is None:
            text = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat() + " "
            self.days_text[day] = text
        return text + _HHMM[minute // _MINUTE_MS]

    def finish(
        self,
        d: _Draws,
        author: _Account,
        tweetid: int,
        minute_ms: int,
        head: tuple[str, str, str],
        refs: _Refs,
    ) -> tuple[str, ...]:
        """Draw the rest of a tweet (engagement, lists, geo, spellings); return its raw row."""
        random, below = d.random, d.below
        reply_tid, reply_uid, quoted, is_rt, rt_uid, rt_tid = refs
        counts = self.counts(d, is_rt)
        mentions = [self.reference(d)[0] for _ in range(below(3))]
        if random() < 0.05:
            mentions.append("0")
        hashtags = d.sample(_HASHTAGS, below(3))
        urls = d.sample(self.url_pool, below(3))
        geo = self.geo(d)
        author_index = self.index[id(author)]
        profile = self.profiles[author_index][1 if random() < 0.05 else 0]
        count_cells = [
            "" if c is None else (_COUNT_FLOAT[c] if random() < 0.05 else _COUNT_TEXT[c])
            for c in counts
        ]
        cells, lists = self.list_cells(d, (hashtags, urls, mentions))
        lang, client, text = head
        false_text, true_text = self.plan.bool_spelling[1], self.plan.bool_spelling[0]
        row = (
            str(tweetid),
            *profile,
            lang,
            text,
            self.time_text(minute_ms),
            client,
            "" if reply_tid is None else str(reply_tid),
            reply_uid or "",
            "" if quoted is None else str(quoted),
            true_text if is_rt else false_text,
            rt_uid or "",
            "" if rt_tid is None else str(rt_tid),
            geo[0],
            geo[1],
            *count_cells,
            *cells,
            "",
        )
        self.record(author_index, tweetid, minute_ms, head, refs, geo[2:], counts, lists)
        return row if self.reorder is None else self.reorder(row)

    def record(
        self,
        author: int,
        tweetid: int,
        minute_ms: int,
        head: tuple[str, str, str],
        refs: _Refs,
        geo: tuple[float | None, float | None, bool | None],
        counts: list[int | None],
        lists: list[list[str] | None],
    ) -> None:
        """Append a tweet's canonical values to the columns."""
        self.cols.add(
            (
                author,
                tweetid,
                minute_ms,
                *head,
                *refs,
                *geo,
                *counts,
                None if lists[0] is None else _SEP.join(lists[0]),
                None if lists[1] is None else _SEP.join(lists[1]),
                None if lists[2] is None else _SEP.join(lists[2]),
            )
        )

    def old_tweets(self, d: _Draws, n: int) -> Iterator[tuple[str, ...]]:
        """Pre-snowflake tweets (before November 2010): originals and replies, small ids."""
        if n <= 0:
            return
        cutoff_ms = _OLD_CUTOFF_MS
        authors = _old_authors(self.active)
        slope = (_OLD_LAST_ID - _OLD_FIRST_ID) / (cutoff_ms - _OLD_FIRST_MS)
        for _ in range(n):
            author = authors[d.below(len(authors))]
            first = _ms(author.created)
            ms = first + d.below(cutoff_ms - first)
            tweetid = _OLD_FIRST_ID + int((ms - _OLD_FIRST_MS) * slope) + d.below(1000)
            tweetid = self.unique(tweetid)
            head = (_LANGS[d.below(9)], _CLIENTS[d.below(5)], _TEXTS[d.below(8)])
            refs: _Refs = (None, None, None, False, None, None)
            if d.random() < 0.3:
                reply_uid = self.reference(d)[0]
                reply_tid = _OLD_FIRST_ID + d.below(tweetid - _OLD_FIRST_ID)
                refs = (reply_tid, reply_uid, None, False, None, None)
            yield self.finish(d, author, tweetid, ms - ms % _MINUTE_MS, head, refs)

    def tweets(self, d: _Draws, n: int) -> Iterator[tuple[str, ...]]:
        """Snowflake-era tweets: about 45% retweets, 15% replies, 10% quotes."""
        random, below = d.random, d.below
        start_ms, n_minutes = self.plan.start_ms, self.plan.days * 1440
        bursts = self.plan.bursts
        active = self.active
        recent: deque[int] = deque(maxlen=50)
        for _ in range(n):
            author = active[below(len(active))]
            anchors = bursts.get(author.userid)
            if anchors is not None:
                # A burst: within two minutes of one of the account's few anchor times.
                ms = anchors[below(len(anchors))] + below(120_000)
                minute_ms = ms - ms % _MINUTE_MS
            else:
                minute_ms = start_ms + below(n_minutes) * _MINUTE_MS
                ms = minute_ms + below(_MINUTE_MS)
            tweetid = self.unique(((ms - SNOWFLAKE_EPOCH_MS) << 22) | below(1 << 22))
            lang, client = _LANGS[below(9)], _CLIENTS[below(5)]
            kind = random()
            text = _TEXTS[below(8)]
            refs: _Refs = (None, None, None, False, None, None)
            if kind < 0.45:
                source_ms = ms - 1000 - below(86_399_000)
                rt_tid = ((source_ms - SNOWFLAKE_EPOCH_MS) << 22) | below(1 << 22)
                rt_uid: str | None = None
                if random() < 0.15:
                    text = f"RT @someone: {text}"
                else:
                    rt_uid, screen = self.reference(d)
                    text = f"RT @{screen}: {text}"
                refs = (None, None, None, True, rt_uid, rt_tid)
            elif kind < 0.6:
                reply_uid = self.reference(d)[0]
                refs = (10**17 + below(9 * 10**17), reply_uid, None, False, None, None)
            elif kind < 0.7:
                use_recent = bool(recent) and random() < 0.5
                quoted = recent[below(len(recent))] if use_recent else 10**17 + below(9 * 10**17)
                refs = (None, None, quoted, False, None, None)
            yield self.finish(d, author, tweetid, minute_ms, (lang, client, text), refs)
            recent.append(tweetid)


def _old_authors(active: list[_Account]) -> list[_Account]:
    """Accounts that can have written pre-snowflake tweets (created before November 2010)."""
    return [a for a in active if _ms(a.created) < _OLD_CUTOFF_MS]


def _ms(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days * _DAY_MS


class _CsvFile:
    """One output file: QUOTE_ALL, LF line ends, UTF-8, optionally gzip and a BOM."""

    def __init__(self, path: Path, header: Sequence[str], *, bom: bool) -> None:
        self.header = header
        self._raw = path.open("wb")
        self._gz = None
        if path.suffix == ".gz":
            self._gz = gzip.GzipFile(filename="", fileobj=self._raw, mode="wb", mtime=0)
        self._text = io.TextIOWrapper(self._gz or self._raw, encoding="utf-8", newline="")
        if bom:
            self._text.write("\ufeff")
        self._writer = csv.writer(self._text, quoting=csv.QUOTE_ALL, lineterminator="\n")
        self._writer.writerow(header)

    def write(self, rows: Sequence[Sequence[str]]) -> None:
        self._writer.writerows(rows)

    def repeat_header(self) -> None:
        self._writer.writerow(self.header)

    def close(self, *, blank_line: bool = False) -> None:
        if blank_line:
            self._text.write("\n")
        self._text.flush()
        self._text.detach()
        if self._gz is not None:
            self._gz.close()
        self._raw.close()


def _period_label(style: PartStyle, minute_ms: int) -> str:
    day = dt.date(1970, 1, 1) + dt.timedelta(days=minute_ms // _DAY_MS)
    if style == "year":
        return f"_{day.year}"
    return f"_{day.year}_{'01' if day.month <= 6 else '06'}"


def _sequential_label(style: PartStyle, part: int) -> str:
    return {"_N": "_{}", "_partN": "_part{}", "_0N": "_{:02d}"}[style].format(part)


def write_campaign(
    directory: str | Path,
    campaign: str,
    *,
    era: Era = Era.TWEETS_2020,
    hashed: bool = True,
    n_accounts: int = 20,
    n_tweets: int = 200,
    parts: int = 1,
    part_style: PartStyle = "_N",
    gzip_files: bool = False,
    seed: int = 0,
    hash_all: bool = False,
    bool_spelling: tuple[str, str] = ("true", "false"),
    bom: bool = False,
    repeated_header: bool = False,
    trailing_blank_line: bool = False,
    camelcase_users: bool = False,
    start: dt.date = dt.date(2019, 1, 1),
    days: int = 365,
    bursty_accounts: int = 0,
    pre_snowflake_tweets: int = 0,
) -> CampaignTruth:
    """Write one campaign's tweets and users files, and return what they hold.

    Files are named like the archive's: ``<campaign>_tweets_csv_hashed[<part>].csv`` and
    ``<campaign>_users_csv_hashed.csv`` (``_unhashed`` for an unhashed copy, ``.csv.gz``
    gzipped). Tweets are about 45% retweets (15% of them of accounts outside the release, with
    an empty ``retweet_userid``), 15% replies, 10% quotes (half of them of an earlier tweet of
    the campaign); times are uniform over ``days`` days from ``start``, and each ``tweetid`` is
    a snowflake of a millisecond within its ``tweet_time`` minute.

    Args:
        directory: Where to write (created if missing).
        campaign: The campaign id; it names the files and fills the truth's ``campaign``.
        era: The tweet-column era (sets column order, list style, hash format).
        hashed: Write a hashed copy (accounts under 5,000 followers hashed) or unhashed. The
            two copies of one campaign and seed hold the same tweets, as a release's hashed and
            unhashed copies do: only the hashed ids (and coordinates) differ.
        n_accounts: Campaign accounts; about one in seven never tweets.
        n_tweets: Tweets, in all.
        parts: Number of tweets parts for the ``_N``, ``_partN`` and ``_0N`` styles.
        part_style: How parts are named; ``year`` and ``half`` split by tweet time.
        gzip_files: Write ``.csv.gz`` files.
        seed: Seed of every random draw; the same seed writes the same bytes.
        hash_all: Hash every account whatever its followers (the ``iran_092020`` case).
        bool_spelling: How ``is_retweet`` is written, e.g. ``("True", "False")`` or
            ``("1", "0")`` (ignored for the 2018 era, always ``true``/``false``).
        bom: Start each file with a UTF-8 byte-order mark.
        repeated_header: Repeat the header line in the middle of each tweets file.
        trailing_blank_line: End the users file with a blank line (the ``iran_092020`` case).
        camelcase_users: Write the users header in camelCase (December 2021 style).
        start: The first day of tweets (after 4 November 2010).
        days: How many days tweets span.
        bursty_accounts: How many accounts post in bursts: every tweet of theirs falls within
            two minutes of one of three anchor times (planted coordination-like behaviour).
        pre_snowflake_tweets: How many of the tweets are from before November 2010, with small
            sequential ids (as a few in the 2018 ``ira`` file); they come first in the file, are
            originals or replies, and are written by accounts created before then.

    Returns:
        The [`CampaignTruth`][ioarchive.synthetic.CampaignTruth].

    Raises:
        ValueError: An argument out of range (a non-tweets era, no accounts, a start before
            snowflake ids, more pre-snowflake tweets than tweets, or no account old enough
            to write them).

    Examples:
        >>> import tempfile
        >>> truth = write_campaign(tempfile.mkdtemp(), "x_082019", era=Era.TWEETS_2019)
        >>> truth.tweets.height, truth.era.value
        (200, 'tweets_2019')
        >>> truth = write_campaign(tempfile.mkdtemp(), "x_082019", parts=2, part_style="_0N")
        >>> [p.name for p in truth.tweet_files]
        ['x_082019_tweets_csv_hashed_01.csv', 'x_082019_tweets_csv_hashed_02.csv']
    """
    if era not in _COLUMNS:
        raise ValueError(f"era must be a tweets era, not {era.value!r}")
    if n_accounts < 1:
        raise ValueError(f"n_accounts must be at least 1, not {n_accounts}")
    if not 0 <= pre_snowflake_tweets <= n_tweets:
        raise ValueError("pre_snowflake_tweets must be between 0 and n_tweets")
    start_ms = _ms(start)
    if start_ms < SNOWFLAKE_EPOCH_MS + _DAY_MS:
        raise ValueError(
            f"start must be after 4 November 2010, not {start}"
            "\nHint: use pre_snowflake_tweets for older tweets"
        )
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{campaign}:{seed}")
    accounts = _accounts(rng, campaign, era, n_accounts, hashed=hashed, hash_all=hash_all)
    if pre_snowflake_tweets and not _old_authors(_active(accounts)):
        raise ValueError(
            "pre_snowflake_tweets needs an account created before November 2010, and none was"
            "\nHint: use more accounts or another seed"
        )
    externals = [str(rng.randrange(10**8, 10**18)) for _ in range(max(5, n_accounts // 2))]
    plan = _Plan(
        era=era,
        hashed=hashed,
        accounts=accounts,
        externals=externals,
        bursts=_plan_bursts(rng, accounts, bursty_accounts, start_ms, days),
        start_ms=start_ms,
        days=days,
        bool_spelling=("true", "false") if era is Era.TWEETS_2018 else bool_spelling,
    )
    cols = _Columns()
    maker = _Maker(plan, cols)
    old_draws = _Draws(random.Random(f"{campaign}:{seed}:old"))
    rows = chain(
        maker.old_tweets(old_draws, pre_snowflake_tweets),
        maker.tweets(_Draws(rng), n_tweets - pre_snowflake_tweets),
    )
    suffix = ".csv.gz" if gzip_files else ".csv"
    copy = "hashed" if hashed else "unhashed"
    out = _TweetFiles(folder / f"{campaign}_tweets_csv_{copy}", suffix, _COLUMNS[era], bom=bom)
    order = out.write_all(
        rows, cols, n_tweets, parts=parts, style=part_style, repeated_header=repeated_header
    )
    rows_per_file = out.rows_per_file

    user_header = [_CAMEL.get(c, c) for c in USER_COLUMNS] if camelcase_users else USER_COLUMNS
    user_path = folder / f"{campaign}_users_csv_{copy}{suffix}"
    user_file = _CsvFile(user_path, user_header, bom=bom)
    user_file.write([_profile_raw(a, _user_followers(rng, a)) for a in accounts])
    user_file.close(blank_line=trailing_blank_line)
    rows_per_file[user_path] = len(accounts)

    users = pl.DataFrame(
        [{**_profile_values(a), "campaign": campaign} for a in accounts], schema=USER_SCHEMA
    )
    tweets = _truth_tweets(campaign, users, cols, order)
    tweeted = set(tweets["userid"].unique().to_list())
    return CampaignTruth(
        campaign=campaign,
        era=era,
        hashed=hashed,
        tweets=tweets,
        users=users,
        tweet_files=tuple(p for p in rows_per_file if p != user_path),
        user_files=(user_path,),
        rows_per_file=rows_per_file,
        hashed_accounts=frozenset(a.userid for a in accounts if a.hashed),
        unhashed_accounts=frozenset(a.userid for a in accounts if not a.hashed),
        external_accounts=frozenset(plan.externals_used),
        never_tweeted=frozenset(a.userid for a in accounts if a.userid not in tweeted),
        bursty_accounts=frozenset(plan.bursts),
    )


@dataclass
class _TweetFiles:
    """Writes the tweets files of one campaign, in parts, and counts their rows."""

    stem: Path
    suffix: str
    columns: Sequence[str]
    bom: bool
    rows_per_file: dict[Path, int] = field(default_factory=dict)

    def write(
        self,
        label: str,
        chunks: Iterator[list[tuple[str, ...]]],
        count: int,
        *,
        repeated_header: bool,
    ) -> None:
        """Write one file from chunks; repeat the header after ``count // 2`` rows if asked."""
        path = self.stem.with_name(f"{self.stem.name}{label}{self.suffix}")
        out = _CsvFile(path, self.columns, bom=self.bom)
        written, repeated = 0, not repeated_header
        try:
            for chunk in chunks:
                out.write(chunk)
                written += len(chunk)
                if not repeated and written == count // 2:
                    out.repeat_header()
                    repeated = True
        finally:
            out.close()
        self.rows_per_file[path] = count

    def write_all(
        self,
        rows: Iterator[tuple[str, ...]],
        cols: _Columns,
        n: int,
        *,
        parts: int,
        style: PartStyle,
        repeated_header: bool,
    ) -> list[int] | None:
        """Write every part; return the order of rows by time for the period styles."""
        if style in ("year", "half"):
            everything = list(rows)
            cols.flush()
            minutes = [m for frame in cols.frames for m in frame["minute_ms"].to_list()]
            order = sorted(range(len(everything)), key=minutes.__getitem__)
            labels = [_period_label(style, minutes[i]) for i in order]
            for label in dict.fromkeys(labels) if labels else [""]:
                picked = [
                    everything[i] for i, lab in zip(order, labels, strict=True) if lab == label
                ]
                half = len(picked) // 2
                chunks = iter([picked[:half], picked[half:]])
                self.write(label, chunks, len(picked), repeated_header=repeated_header)
            return order
        size = -(-n // parts) if parts > 1 else max(n, 1)
        for part in range(max(1, -(-n // size))):
            count = min(size, n - part * size)
            label = _sequential_label(style, part + 1) if parts > 1 else ""
            chunks = _chunks(rows, count, repeated_header)
            self.write(label, chunks, count, repeated_header=repeated_header)
        return None


def _chunks(
    rows: Iterator[tuple[str, ...]], count: int, split_half: bool
) -> Iterator[list[tuple[str, ...]]]:
    """Take ``count`` rows in chunks; with ``split_half``, one chunk ends at ``count // 2``."""
    bounds = [count // 2, count] if split_half else [count]
    taken = 0
    for bound in bounds:
        while taken < bound:
            chunk = list(islice(rows, min(_CHUNK, bound - taken)))
            taken += len(chunk)
            yield chunk
        if taken == bound == 0:
            yield []


def _truth_tweets(
    campaign: str, users: pl.DataFrame, cols: _Columns, order: list[int] | None
) -> pl.DataFrame:
    cols.flush()
    empty = pl.DataFrame(schema=_VALUE_SCHEMA)
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


_ARCHIVE: tuple[tuple[str, str, Era, dict[str, Any]], ...] = (
    ("ira", "2018_10", Era.TWEETS_2018, {}),
    ("iran_201901_1", "2019_01", Era.TWEETS_2019, {"parts": 2, "bool_spelling": ("True", "False")}),
    ("iran_092020", "2020_09", Era.TWEETS_2020, {"hash_all": True, "trailing_blank_line": True}),
    ("iran_202012", "2020_12", Era.TWEETS_2020, {"bool_spelling": ("1", "0")}),
)


def write_archive(
    root: str | Path, *, seed: int = 0, n_tweets: int = 300, n_accounts: int = 24
) -> dict[str, CampaignTruth]:
    """Write a small mirror laid out like the archive's bucket: ``hashed/<release>/<campaign>/``.

    Four campaigns, one per era and quirk: ``ira`` (2018 era, hex hashes), ``iran_201901_1``
    (2019 era, two parts, ``True``/``False``), ``iran_092020`` (every account hashed, users file
    ending with a blank line) and ``iran_202012`` (2020 era, ``1``/``0`` booleans).

    Args:
        root: The mirror's root folder.
        seed: Seed of every random draw.
        n_tweets: Tweets per campaign.
        n_accounts: Accounts per campaign.

    Returns:
        The truth of each campaign, by campaign id.

    Examples:
        >>> import tempfile
        >>> sorted(write_archive(tempfile.mkdtemp(), n_tweets=20))
        ['ira', 'iran_092020', 'iran_201901_1', 'iran_202012']
    """
    truths = {}
    for campaign, release, era, options in _ARCHIVE:
        folder = Path(root) / "hashed" / release / campaign
        truths[campaign] = write_campaign(
            folder,
            campaign,
            era=era,
            seed=seed,
            n_tweets=n_tweets,
            n_accounts=n_accounts,
            **options,
        )
    return truths


def demo_archive_path() -> Path:
    """Return the folder of the small demo archive bundled with the package.

    It is [`write_archive`][ioarchive.synthetic.write_archive] output (``bench/make_demo.py``
    regenerates it): the four campaigns that function documents, 400 tweets and 30 accounts
    each, under ``hashed/``.

    Returns:
        The folder's path.

    Examples:
        >>> (demo_archive_path() / "hashed").is_dir()
        True
    """
    return Path(str(files("ioarchive") / "data" / "demo"))
