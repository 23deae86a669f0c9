"""Write faithful synthetic archive files, and return the ground truth they hold.

The files look like Twitter's own: UTF-8, every field double-quoted, inner quotes doubled,
raw newlines (and a stray carriage return) inside texts, the three tweet-column eras, hashed
accounts in the hash format of their era, the 5,000-follower rule, list cells in the era's
style, ``absent``/``present`` geo words, ``3.0`` counts, ``0`` mention placeholders, accounts
that never tweeted, references to campaign and external accounts. Options add file-level
quirks: parts in any of the archive's suffix styles, gzip, a BOM, a repeated header line, a
trailing blank line, camelCase user columns.

The returned :class:`CampaignTruth` holds the canonical frames the files must read back as,
so tests (here and in other packages) can compare every column.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
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
"""How tweets parts are named: ``_1``, ``_part1``, ``_01``, ``_2019``, ``_2016_01``/``_2016_06``."""

SNOWFLAKE_EPOCH_MS = 1288834974657
_COLUMNS = {
    Era.TWEETS_2018: TWEET_COLUMNS_2018,
    Era.TWEETS_2019: TWEET_COLUMNS_2019,
    Era.TWEETS_2020: TWEET_COLUMNS_2020,
}
_CAMEL = {snake: camel for camel, snake in USER_COLUMN_ALIASES.items() if camel != "userId"}
_HASHTAGS = ["Cuba", "CubaVa", "STOPNazi", "Syria", "حزب_الله", "Россия", "ประเทศไทย", "MAGA", "HK"]
_URLS = [
    "https://du3a.org",
    "http://ru-open.livejournal.com/374284.html",
    "https://example.org/a,b?x=1,2",
    "https://news.example.com/it's-here",
    "https://www.Example.COM/path",
]
_TEXTS = [
    "plain text with &amp; an entity",
    'line one\nline two with "quotes" inside',
    "windows line\r\nend",
    "a stray \r carriage return",
    "\u200fنص عربي مع علامة من اليمين إلى اليسار",
    "Русский текст 😀 и эмодзи",
    "ข้อความภาษาไทย",
    'doubled ""quotes"" kept',
]
_LANGS = ["en", "ar", "ru", "th", "es", "und", "in", "zh-cn", "zh-CN"]
_CLIENTS = ["TweetDeck", "Twitter Web Client", "IFTTT", "generationπ", "Twitter for Android"]
_LOCATIONS = ["Москва, Россия", "", "USA", "القاهرة", "Bangkok"]


@dataclass(frozen=True)
class CampaignTruth:
    """What :func:`write_campaign` wrote, as the canonical frames it must read back as.

    Attributes:
        campaign: The campaign id.
        era: The tweet-column era of the tweets files.
        hashed: Whether the files are a hashed copy.
        tweets: Every tweet, canonical :data:`~ioarchive.schema.TWEET_SCHEMA`, in file order.
        users: Every account, canonical :data:`~ioarchive.schema.USER_SCHEMA`, in file order.
        tweet_files: The tweets files, in part order.
        user_files: The users files.
        rows_per_file: Data rows (not blank lines or repeated headers) written to each file.
        hashed_accounts: ``userid`` of every hashed campaign account.
        unhashed_accounts: ``userid`` of every unhashed campaign account.
        external_accounts: Numeric ids referenced that are not campaign accounts.
        never_tweeted: Campaign accounts in the users file with no tweet.
        bursty_accounts: Accounts whose tweets were planted in bursts.
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
        """Tweets per UTC day: ``day`` (Date), ``tweets`` (UInt32), sorted by day."""
        day = pl.col("tweet_time").dt.date().alias("day")
        return self.tweets.group_by(day).agg(pl.len().alias("tweets")).sort("day")

    @property
    def type_counts(self) -> dict[str, int]:
        """Tweets by type: ``retweet``, ``quote``, ``reply``, ``original`` (that precedence)."""
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
    ``/`` deleted and the final ``=`` kept (40 to 44 characters).

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
    return base64.b64encode(digest).decode().replace("/", "")


def format_list(items: Sequence[str] | None, *, era: Era, empty_as_blank: bool = False) -> str:
    r"""Write a list cell in the style of an era.

    2018: ``[a, b]``, never quoted. Later eras: Python's repr, where numeric strings are written
    as ints (as Twitter wrote user ids in ``user_mentions``).

    Args:
        items: The elements; None writes an empty cell.
        era: The era whose style to use.
        empty_as_blank: Write an empty list as an empty cell (2018 files do both).

    Returns:
        The cell's text.

    Examples:
        >>> format_list(["a", "b"], era=Era.TWEETS_2018)
        '[a, b]'
        >>> format_list(["123", "abc=", "it's"], era=Era.TWEETS_2020)
        '[123, \'abc=\', "it\'s"]'
    """
    if items is None or (empty_as_blank and not items):
        return ""
    if era is Era.TWEETS_2018:
        return "[" + ", ".join(items) + "]"
    return repr([int(i) if i.isdigit() else i for i in items])


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


class _Writer:
    """Generates one campaign's values; every random draw comes from one seeded generator."""

    def __init__(self, campaign: str, era: Era, hashed: bool, seed: int, hash_all: bool):
        self.campaign = campaign
        self.era = era
        self.hashed = hashed
        self.hash_all = hash_all
        self.rng = random.Random(f"{campaign}:{seed}")

    def accounts(self, n: int) -> list[_Account]:
        rng = self.rng
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
            is_hashed = self.hashed and (self.hash_all or followers < 5000)
            userid = hash_id(clear, era=self.era, salt=self.campaign) if is_hashed else clear
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


def _plan_bursts(
    rng: random.Random, accounts: list[_Account], n: int, start: dt.datetime, days: int
) -> dict[str, list[int]]:
    """Pick ``n`` tweeting accounts to post in bursts, each around three anchor times (ms)."""
    if n <= 0:
        return {}
    active = accounts[: max(1, len(accounts) - max(1, len(accounts) // 7))]
    first = int(start.timestamp() * 1000)
    span = days * 86_400_000 - 120_000
    return {a.userid: [first + rng.randrange(span) for _ in range(3)] for a in active[:n]}


def _spell_count(rng: random.Random, value: int | None) -> str:
    if value is None:
        return ""
    return f"{value}.0" if rng.random() < 0.05 else str(value)


def _tweet_rows(
    w: _Writer,
    accounts: list[_Account],
    n_tweets: int,
    externals: list[str],
    start: dt.datetime,
    days: int,
    bool_spelling: tuple[str, str],
    bursts: dict[str, list[int]],
) -> tuple[list[dict[str, str]], list[dict[str, Any]], set[str]]:
    """Return raw cells and canonical values of each tweet, and the external ids used.

    ``bursts`` maps the userid of each bursty account to its anchor times (ms).
    """
    rng = w.rng
    active = accounts[: max(1, len(accounts) - max(1, len(accounts) // 7))]
    raw_rows: list[dict[str, str]] = []
    values: list[dict[str, Any]] = []
    used_ids: set[int] = set()
    externals_used: set[str] = set()
    is_2018 = w.era is Era.TWEETS_2018

    def reference() -> tuple[str | None, str]:
        """An account referenced: (userid or None, screen name for the text)."""
        r = rng.random()
        if r < 0.45:
            account = rng.choice(accounts)
            return account.userid, account.screen_name
        external = rng.choice(externals)
        externals_used.add(external)
        return external, f"ext{external[-4:]}"

    for _ in range(n_tweets):
        author = rng.choice(active)
        if author.userid in bursts:
            # A burst: within two minutes of one of the account's few anchor times.
            ms = rng.choice(bursts[author.userid]) + rng.randrange(120_000)
            minute = dt.datetime.fromtimestamp(ms // 60000 * 60, dt.UTC)
        else:
            minute = start + dt.timedelta(minutes=rng.randrange(days * 24 * 60))
            ms = int(minute.timestamp() * 1000) + rng.randrange(60000)
        tweetid = ((ms - SNOWFLAKE_EPOCH_MS) << 22) | rng.randrange(1 << 22)
        while tweetid in used_ids:
            tweetid += 1
        used_ids.add(tweetid)
        v: dict[str, Any] = {
            "tweetid": tweetid,
            "tweet_time": minute,
            "tweet_language": rng.choice(_LANGS),
            "tweet_client_name": rng.choice(_CLIENTS),
            "in_reply_to_tweetid": None,
            "in_reply_to_userid": None,
            "quoted_tweet_tweetid": None,
            "retweet_userid": None,
            "retweet_tweetid": None,
        }
        v["tweet_text"] = _kind(rng, v, ms, values, reference)
        engagement = [
            None if (is_2018 and rng.random() < 0.1) else rng.randrange(0, 40) for _ in range(4)
        ]
        if v["is_retweet"]:
            engagement = [None if (is_2018 and rng.random() < 0.5) else 0 for _ in range(4)]
        v["quote_count"], v["reply_count"], v["like_count"], v["retweet_count"] = engagement
        mentions = [reference()[0] or "0" for _ in range(rng.randrange(0, 3))]
        if rng.random() < 0.05:
            mentions.append("0")
        v["hashtags"] = rng.sample(_HASHTAGS, rng.randrange(0, 3))
        v["urls"] = rng.sample(_URLS if not is_2018 else _URLS[:4], rng.randrange(0, 3))
        v["user_mentions"] = mentions
        v["poll_choices"] = None
        raw_geo, v["latitude"], v["longitude"], v["has_geo"] = _geo(rng, w)
        raw_rows.append(_raw_tweet(rng, w, author, v, raw_geo, bool_spelling))
        values.append({**_profile_values(author), **v})
    return raw_rows, values, externals_used


def _kind(
    rng: random.Random,
    v: dict[str, Any],
    ms: int,
    earlier: list[dict[str, Any]],
    reference: Callable[[], tuple[str | None, str]],
) -> str:
    """Make a tweet a retweet, reply, quote or original; return its text."""
    kind = rng.random()
    text = rng.choice(_TEXTS)
    if kind < 0.45:
        v["is_retweet"] = True
        source_ms = ms - rng.randrange(1000, 86_400_000)
        v["retweet_tweetid"] = ((source_ms - SNOWFLAKE_EPOCH_MS) << 22) | rng.randrange(1 << 22)
        if rng.random() < 0.15:
            text = f"RT @someone: {text}"
        else:
            v["retweet_userid"], screen = reference()
            text = f"RT @{screen}: {text}"
    else:
        v["is_retweet"] = False
        if kind < 0.6:
            v["in_reply_to_userid"], _ = reference()
            v["in_reply_to_tweetid"] = rng.randrange(10**17, 10**18)
        elif kind < 0.7:
            recent = [x["tweetid"] for x in earlier[-50:]]
            v["quoted_tweet_tweetid"] = (
                rng.choice(recent)
                if recent and rng.random() < 0.5
                else rng.randrange(10**17, 10**18)
            )
    return text


def _geo(
    rng: random.Random, w: _Writer
) -> tuple[tuple[str, str], float | None, float | None, bool | None]:
    """Geo cells; a tweet with coordinates shows them in unhashed copies, ``present`` else."""
    r = rng.random()
    lat, lon = round(rng.uniform(-60, 60), 4), round(rng.uniform(-170, 170), 4)
    if w.era is Era.TWEETS_2018 and r < 0.9:
        return ("", ""), None, None, None
    if r < 0.04 or w.era is Era.TWEETS_2018 or (not w.hashed and r < 0.1):
        return (str(lat), str(lon)), lat, lon, True
    if r < 0.2:
        return ("present", "present"), None, None, True
    return ("absent", "absent"), None, None, False


def _raw_tweet(
    rng: random.Random,
    w: _Writer,
    author: _Account,
    v: dict[str, Any],
    geo: tuple[str, str],
    bool_spelling: tuple[str, str],
) -> dict[str, str]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    blank_empty = w.era is Era.TWEETS_2018
    raw = {
        **_profile_raw(rng, author),
        "tweetid": str(v["tweetid"]),
        "tweet_language": v["tweet_language"],
        "tweet_text": v["tweet_text"],
        "tweet_time": v["tweet_time"].strftime("%Y-%m-%d %H:%M"),
        "tweet_client_name": v["tweet_client_name"],
        "in_reply_to_tweetid": text(v["in_reply_to_tweetid"]),
        "in_reply_to_userid": text(v["in_reply_to_userid"]),
        "quoted_tweet_tweetid": text(v["quoted_tweet_tweetid"]),
        "is_retweet": bool_spelling[0] if v["is_retweet"] else bool_spelling[1],
        "retweet_userid": text(v["retweet_userid"]),
        "retweet_tweetid": text(v["retweet_tweetid"]),
        "latitude": geo[0],
        "longitude": geo[1],
        "poll_choices": "",
    }
    for name in ("quote_count", "reply_count", "like_count", "retweet_count"):
        raw[name] = _spell_count(rng, v[name])
    for name in ("hashtags", "urls", "user_mentions"):
        blank = blank_empty and rng.random() < 0.5
        raw[name] = format_list(v[name], era=w.era, empty_as_blank=blank)
        if blank and not v[name]:
            v[name] = None
    return raw


def _profile_raw(rng: random.Random, a: _Account) -> dict[str, str]:
    return {
        "userid": a.userid,
        "user_display_name": a.display_name,
        "user_screen_name": a.screen_name,
        "user_reported_location": a.location,
        "user_profile_description": a.description,
        "user_profile_url": a.url,
        "follower_count": _spell_count(rng, a.followers),
        "following_count": str(a.following),
        "account_creation_date": a.created.isoformat(),
        "account_language": a.language,
    }


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


def _part_labels(style: PartStyle, parts: int, times: list[dt.datetime]) -> list[str]:
    """Return each tweet's part label (tweets are in time order for period styles)."""
    n = len(times)
    if style == "year":
        return [f"_{t.year}" for t in times]
    if style == "half":
        return [f"_{t.year}_{'01' if t.month <= 6 else '06'}" for t in times]
    if parts <= 1:
        return [""] * n
    size = -(-n // parts)
    fmt = {"_N": "_{}", "_partN": "_part{}", "_0N": "_{:02d}"}[style]
    return [fmt.format(i // size + 1) for i in range(n)]


def _write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    bom: bool = False,
    repeated_header: bool = False,
    trailing_blank_line: bool = False,
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    half = len(rows) // 2
    writer.writerows(rows[:half])
    if repeated_header:
        writer.writerow(header)
    writer.writerows(rows[half:])
    data = ("\ufeff" if bom else "") + out.getvalue() + ("\n" if trailing_blank_line else "")
    encoded = data.encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(encoded, mtime=0))
    else:
        path.write_bytes(encoded)


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
) -> CampaignTruth:
    """Write one campaign's tweets and users files, and return what they hold.

    Args:
        directory: Where to write (created if missing).
        campaign: The campaign id; it names the files.
        era: The tweet-column era (sets column order, list style, hash format).
        hashed: Write a hashed copy (accounts under 5,000 followers hashed) or unhashed. The
            two copies of one campaign and seed hold the same tweets, as a release's hashed and
            unhashed copies do: only the hashed ids (and coordinates) differ.
        n_accounts: Campaign accounts; about one in seven never tweets.
        n_tweets: Tweets.
        parts: Number of tweets parts for the ``_N``, ``_partN`` and ``_0N`` styles.
        part_style: How parts are named; ``year`` and ``half`` split by tweet time.
        gzip_files: Write ``.csv.gz`` files.
        seed: Seed of every random draw; the same seed writes the same bytes.
        hash_all: Hash every account whatever its followers (the ``iran_092020`` case).
        bool_spelling: How ``is_retweet`` is written (ignored for the 2018 era).
        bom: Start each file with a UTF-8 byte-order mark.
        repeated_header: Repeat the header line in the middle of each tweets file.
        trailing_blank_line: End the users file with a blank line.
        camelcase_users: Write the users header in camelCase (December 2021 style).
        start: The first day of tweets.
        days: How many days tweets span.
        bursty_accounts: How many accounts post in bursts: every tweet of theirs falls within
            two minutes of one of three anchor times (planted coordination-like behaviour).

    Returns:
        The :class:`CampaignTruth`.

    Examples:
        >>> import tempfile
        >>> truth = write_campaign(tempfile.mkdtemp(), "x_082019", era=Era.TWEETS_2019)
        >>> truth.tweets.height, truth.era.value
        (200, 'tweets_2019')
    """
    if era not in _COLUMNS:
        raise ValueError(f"era must be a tweets era, not {era.value!r}")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    writer = _Writer(campaign, era, hashed, seed, hash_all)
    accounts = writer.accounts(n_accounts)
    externals = [str(writer.rng.randrange(10**8, 10**18)) for _ in range(max(5, n_accounts // 2))]
    spelling = ("true", "false") if era is Era.TWEETS_2018 else bool_spelling
    start_time = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    bursts = _plan_bursts(writer.rng, accounts, bursty_accounts, start_time, days)
    raw, values, externals_used = _tweet_rows(
        writer, accounts, n_tweets, externals, start_time, days, spelling, bursts
    )
    if part_style in ("year", "half"):
        order = sorted(range(len(values)), key=lambda i: values[i]["tweet_time"])
        raw, values = [raw[i] for i in order], [values[i] for i in order]
    labels = _part_labels(part_style, parts, [v["tweet_time"] for v in values])
    suffix = ".csv.gz" if gzip_files else ".csv"
    copy = "hashed" if hashed else "unhashed"
    columns = _COLUMNS[era]
    tweet_files: list[Path] = []
    rows_per_file: dict[Path, int] = {}
    for label in dict.fromkeys(labels):
        path = folder / f"{campaign}_tweets_csv_{copy}{label}{suffix}"
        rows = [[r[c] for c in columns] for r, lab in zip(raw, labels, strict=True) if lab == label]
        _write_csv(path, columns, rows, bom=bom, repeated_header=repeated_header)
        tweet_files.append(path)
        rows_per_file[path] = len(rows)
    user_header = (
        [_CAMEL.get(c, c) for c in USER_COLUMNS] if camelcase_users else list(USER_COLUMNS)
    )
    user_path = folder / f"{campaign}_users_csv_{copy}{suffix}"
    user_rows = [[_profile_raw(writer.rng, a)[c] for c in USER_COLUMNS] for a in accounts]
    _write_csv(user_path, user_header, user_rows, bom=bom, trailing_blank_line=trailing_blank_line)
    rows_per_file[user_path] = len(user_rows)
    tweets = pl.DataFrame(
        [{**v, "campaign": campaign} for v in values], schema=TWEET_SCHEMA, strict=False
    )
    users = pl.DataFrame(
        [{**_profile_values(a), "campaign": campaign} for a in accounts], schema=USER_SCHEMA
    )
    tweeted = set(tweets["userid"].to_list())
    return CampaignTruth(
        campaign=campaign,
        era=era,
        hashed=hashed,
        tweets=tweets,
        users=users,
        tweet_files=tuple(tweet_files),
        user_files=(user_path,),
        rows_per_file=rows_per_file,
        hashed_accounts=frozenset(a.userid for a in accounts if a.hashed),
        unhashed_accounts=frozenset(a.userid for a in accounts if not a.hashed),
        external_accounts=frozenset(externals_used),
        never_tweeted=frozenset(a.userid for a in accounts if a.userid not in tweeted),
        bursty_accounts=frozenset(bursts),
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
    (2019 era, two parts), ``iran_092020`` (every account hashed, users file ending with a
    blank line) and ``iran_202012`` (2020 era, ``1``/``0`` booleans).

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

    It is :func:`write_archive` output (``bench/make_demo.py`` regenerates it), so it holds the
    four campaigns that function documents.

    Returns:
        The folder's path.

    Examples:
        >>> (demo_archive_path() / "hashed").is_dir()
        True
    """
    return Path(str(files("ioarchive") / "data" / "demo"))
