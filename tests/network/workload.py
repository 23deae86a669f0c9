"""A coordination workload in plain Python: organic activity plus planted coordinated groups.

Rows are dicts in the canonical tweet schema (the columns co-action needs). Times are exact
milliseconds held in snowflake ids. Planted groups co-retweet, co-tweet (with case, spacing
and mention variations), co-link, co-reply and post near-identical texts within seconds;
organic accounts retweet popular tweets, so organic co-retweets exist too. Some rows are
repeated, some accounts retweet one tweet twice, some URLs are listed twice in one tweet.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS

START_MS = 1_600_000_000_000
WORDS = [
    "vote",
    "news",
    "today",
    "people",
    "state",
    "truth",
    "media",
    "power",
    "freedom",
    "world",
    "city",
    "time",
    "rally",
    "police",
    "money",
    "war",
    "peace",
    "help",
    "share",
    "read",
    "watch",
    "join",
    "now",
    "big",
    "new",
    "great",
    "good",
    "bad",
    "фейк",
    "правда",
    "новости",
    "народ",
    "خبر",
    "الحرية",
    "اليوم",
    "هنا",
]
PUNCT = ("!", "?", ",", ".", "...", "#")
HASHTAGS = ("Vote", "vote", "News", "Freedom", "Rally", "Syria", "MAGA", "Россия")
URLS = (
    *(f"https://site{i}.example/p/{i * 7}" for i in range(40)),
    "https://www.news.example/a",
    "http://News.example/b",
    "https://t.co/AbC1",
)


def snowflake(ms: int, seq: int) -> int:
    """A tweet id created at ``ms`` (Unix milliseconds) with a sequence number."""
    return ((ms - SNOWFLAKE_EPOCH_MS) << 22) + (seq % (1 << 22))


class _Builder:
    def __init__(self, seed: int, span_ms: int) -> None:
        self.rng = random.Random(seed)
        self.span_ms = span_ms
        self.seq = 0
        self.rows: list[dict[str, Any]] = []
        self.sources: list[int] = []
        self.replied: list[int] = []

    def _id(self, ms: int) -> int:
        self.seq += 1
        return snowflake(ms, self.seq)

    def text(self, n: int | None = None) -> str:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(n or rng.randint(3, 12))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words) + 1), rng.choice(PUNCT))
        if rng.random() < 0.2:
            words.append("#" + rng.choice(HASHTAGS))
        return " ".join(words)

    def add(self, user: str, ms: int, **values: Any) -> dict[str, Any]:
        row: dict[str, Any] = {
            "tweetid": self._id(ms),
            "userid": user,
            "is_retweet": False,
            "retweet_tweetid": None,
            "retweet_userid": None,
            "in_reply_to_tweetid": None,
            "tweet_text": self.text(),
            "urls": [],
            "hashtags": [],
            "user_mentions": [],
        }
        row.update(values)
        self.rows.append(row)
        return row

    def retweet(self, user: str, ms: int, source: int) -> None:
        self.add(
            user,
            ms,
            is_retweet=True,
            retweet_tweetid=source,
            retweet_userid=None if self.rng.random() < 0.2 else "99",
            tweet_text="RT @someone: " + self.text(),
        )

    def organic(self, users: list[str], n: int) -> None:
        rng = self.rng
        popular = self.sources[:8]
        for _ in range(n):
            user = rng.choice(users)
            ms = START_MS + rng.randrange(self.span_ms)
            kind = rng.random()
            if kind < 0.45:
                pool = popular if rng.random() < 0.5 else self.sources
                self.retweet(user, ms, rng.choice(pool))
            elif kind < 0.6:
                self.add(user, ms, in_reply_to_tweetid=rng.choice(self.replied))
            else:
                urls = rng.sample(URLS, rng.choice((0, 0, 1, 1, 2)))
                if urls and rng.random() < 0.1:
                    urls.append(urls[0])  # a URL listed twice in one tweet
                mentions = [f"m{rng.randrange(30)}"] if rng.random() < 0.2 else []
                text = self.text() + (f" @{mentions[0]}" if mentions else "")
                self.add(user, ms, urls=urls, user_mentions=mentions, tweet_text=text)

    def planted(self, group: list[str], rounds: int, gap_ms: int) -> None:
        rng = self.rng
        for _ in range(rounds):
            ms = START_MS + rng.randrange(self.span_ms - 10 * gap_ms)
            what = rng.choice(("retweet", "tweet", "url", "reply", "similar"))
            source = rng.choice(self.sources)
            text = self.text(rng.randint(6, 12))
            url = rng.choice(URLS)
            target = rng.choice(self.replied)
            for user in group:
                if rng.random() < 0.15:
                    continue  # not every member joins every round
                when = ms + rng.randrange(gap_ms)
                if what == "retweet":
                    self.retweet(user, when, source)
                    if rng.random() < 0.1:
                        self.retweet(user, when + rng.randrange(gap_ms), source)
                elif what == "tweet":
                    variant = rng.choice(
                        (text, text.upper(), text.replace(" ", "  "), f"@{user} {text}\n")
                    )
                    self.add(user, when, tweet_text=variant)
                elif what == "url":
                    self.add(user, when, urls=[url], tweet_text=self.text())
                elif what == "reply":
                    self.add(user, when, in_reply_to_tweetid=target, tweet_text=self.text())
                else:
                    words = text.split()
                    if rng.random() < 0.5:
                        words[rng.randrange(len(words))] = rng.choice(WORDS)
                    self.add(user, when, tweet_text=" ".join(words))


def workload(n: int = 30_000, *, seed: int = 7, days: float = 2.0) -> list[dict[str, Any]]:
    """About ``n`` tweets over ``days`` days: organic activity and planted groups."""
    span = int(days * 86_400_000)
    b = _Builder(seed, span)
    b.sources = [snowflake(START_MS - 3_600_000 + i * 1_000, i) for i in range(300)]
    b.replied = [snowflake(START_MS - 7_200_000 + i * 1_000, i) for i in range(200)]
    organic = [f"o{i:04d}" for i in range(600)]
    groups = [[f"g{g}_{i}" for i in range(b.rng.randint(4, 9))] for g in range(8)]
    b.organic(organic, int(n * 0.8))
    for g, group in enumerate(groups):
        b.planted(group, rounds=max(n // 1000, 5), gap_ms=(5_000, 30_000, 90_000)[g % 3])
    dupes = b.rng.sample(b.rows, len(b.rows) // 100)
    b.rows.extend(dict(r) for r in dupes)  # rows repeated, as across parts
    b.rng.shuffle(b.rows)
    return b.rows


def write_qut_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """Write rows as the QUT toolkit's CSV input (timestamps in snowflake milliseconds)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "message_id",
                "user_id",
                "username",
                "repost_id",
                "reply_id",
                "message",
                "timestamp",
                "urls",
            ]
        )
        for r in rows:
            ms = (r["tweetid"] >> 22) + SNOWFLAKE_EPOCH_MS
            w.writerow(
                [
                    r["tweetid"],
                    r["userid"],
                    r["userid"],
                    r["retweet_tweetid"] or "",
                    r["in_reply_to_tweetid"] or "",
                    r["tweet_text"],
                    ms,
                    " ".join(r["urls"]),
                ]
            )
