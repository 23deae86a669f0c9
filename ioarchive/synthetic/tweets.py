"""Tweets: who posts when, what they reference, and the raw row in the era's column order.

About 45% of snowflake-era tweets are retweets (15% of them of accounts outside the release,
with an empty ``retweet_userid``), 15% replies and 10% quotes (half of them of a recent tweet of
the campaign). Each ``tweetid`` is a snowflake of a millisecond within its ``tweet_time``
minute. Pre-snowflake tweets (before November 2010) have small sequential ids and are
originals or replies. Every tweet's canonical values go to the truth's ``Columns`` as its row
is made.

Examples:
    >>> import tempfile
    >>> from ioarchive.synthetic import write_campaign
    >>> truth = write_campaign(tempfile.mkdtemp(), "w_202012", n_tweets=400, seed=1)
    >>> 0.35 < truth.type_counts["retweet"] / 400 < 0.55
    True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from ioarchive.schema import TWEET_COLUMNS_2018, Era
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS
from ioarchive.synthetic.accounts import Account, active, old_authors, profile_cells
from ioarchive.synthetic.cells import MinuteText, draw_counts, draw_geo, list_cells
from ioarchive.synthetic.draws import Draws
from ioarchive.synthetic.truth import Columns, Refs
from ioarchive.synthetic.vocabularies import (
    CLIENTS,
    COLUMNS,
    COUNT_FLOAT,
    COUNT_TEXT,
    HASHTAGS,
    LANGS,
    MINUTE_MS,
    OLD_CUTOFF_MS,
    OLD_FIRST_ID,
    OLD_FIRST_MS,
    OLD_LAST_ID,
    TEXTS,
    URLS,
    day_ms,
)

__all__ = [
    "NO_REFS",
    "Plan",
    "TweetMaker",
]

NO_REFS: Refs = (None, None, None, False, None, None)


@dataclass
class Plan:
    """What a campaign's tweets are drawn from, and the external accounts they used.

    Attributes:
        era: The tweets era (column order, list and count style).
        hashed: Whether the copy is hashed (a clear copy shows more coordinates).
        accounts: The campaign accounts.
        externals: Ids of accounts outside the campaign that tweets may reference.
        bursts: Anchor times (ms) of each bursty account, by ``userid``.
        start_ms: The first instant of snowflake-era tweets (ms).
        days: How many days snowflake-era tweets span.
        bool_spelling: How ``is_retweet`` is spelled: (true, false).
        externals_used: The external ids referenced so far.
    """

    era: Era
    hashed: bool
    accounts: list[Account]
    externals: list[str]
    bursts: dict[str, list[int]]
    start_ms: int
    days: int
    bool_spelling: tuple[str, str]
    externals_used: set[str] = field(default_factory=set)


class TweetMaker:
    """Generates one campaign's tweets: raw rows (era column order) and canonical values.

    Args:
        plan: What the tweets are drawn from.
        cols: Where every tweet's canonical values go.
    """

    def __init__(self, plan: Plan, cols: Columns) -> None:
        self.plan = plan
        self.cols = cols
        self.is_2018 = plan.era is Era.TWEETS_2018
        self.index = {id(a): i for i, a in enumerate(plan.accounts)}
        self.active = active(plan.accounts)
        self.ext_screen = {e: f"ext{e[-4:]}" for e in plan.externals}
        self.url_pool = URLS[:4] if self.is_2018 else URLS
        self.profiles = [
            (profile_cells(a, str(a.followers)), profile_cells(a, f"{a.followers}.0"))
            for a in plan.accounts
        ]
        self.reorder: Callable[[tuple[str, ...]], tuple[str, ...]] | None = None
        if not self.is_2018:
            self.reorder = itemgetter(*(TWEET_COLUMNS_2018.index(c) for c in COLUMNS[plan.era]))
        self.time_text = MinuteText()
        self.used: set[int] = set()

    def reference(self, d: Draws) -> tuple[str, str]:
        """Draw an account referenced: (userid, screen name for the text)."""
        accounts = self.plan.accounts
        if d.random() < 0.45:
            account = accounts[d.below(len(accounts))]
            return account.userid, account.screen_name
        externals = self.plan.externals
        external = externals[d.below(len(externals))]
        self.plan.externals_used.add(external)
        return external, self.ext_screen[external]

    def unique(self, tweetid: int) -> int:
        """Return the first id from ``tweetid`` up not used yet, and mark it used."""
        while tweetid in self.used:
            tweetid += 1
        self.used.add(tweetid)
        return tweetid

    def finish(
        self,
        d: Draws,
        author: Account,
        tweetid: int,
        minute_ms: int,
        head: tuple[str, str, str],
        refs: Refs,
    ) -> tuple[str, ...]:
        """Draw the rest of a tweet (engagement, lists, geo, spellings); return its raw row."""
        random, below = d.random, d.below
        counts = draw_counts(d, is_2018=self.is_2018, is_retweet=refs[3])
        mentions = [self.reference(d)[0] for _ in range(below(3))]
        if random() < 0.05:
            mentions.append("0")
        hashtags = d.sample(HASHTAGS, below(3))
        urls = d.sample(self.url_pool, below(3))
        geo = draw_geo(d, is_2018=self.is_2018, hashed=self.plan.hashed)
        author_index = self.index[id(author)]
        profile = self.profiles[author_index][1 if random() < 0.05 else 0]
        count_cells = [
            "" if c is None else (COUNT_FLOAT[c] if random() < 0.05 else COUNT_TEXT[c])
            for c in counts
        ]
        cells, lists = list_cells(d, (hashtags, urls, mentions), is_2018=self.is_2018)
        self.cols.add(author_index, tweetid, minute_ms, head, refs, geo[2:], counts, lists)
        row = (
            str(tweetid),
            *profile,
            head[0],
            head[2],
            self.time_text(minute_ms),
            head[1],
            *self.reference_cells(refs),
            geo[0],
            geo[1],
            *count_cells,
            *cells,
            "",
        )
        return row if self.reorder is None else self.reorder(row)

    def reference_cells(self, refs: Refs) -> tuple[str, str, str, str, str, str]:
        """Spell a tweet's references, in 2018 column order."""
        reply_tid, reply_uid, quoted, is_rt, rt_uid, rt_tid = refs
        true_text, false_text = self.plan.bool_spelling
        return (
            "" if reply_tid is None else str(reply_tid),
            reply_uid or "",
            "" if quoted is None else str(quoted),
            true_text if is_rt else false_text,
            rt_uid or "",
            "" if rt_tid is None else str(rt_tid),
        )

    def old_tweets(self, d: Draws, n: int) -> Iterator[tuple[str, ...]]:
        """Yield pre-snowflake tweets (before November 2010): originals and replies, small ids."""
        if n <= 0:
            return
        authors = old_authors(self.active)
        slope = (OLD_LAST_ID - OLD_FIRST_ID) / (OLD_CUTOFF_MS - OLD_FIRST_MS)
        for _ in range(n):
            author = authors[d.below(len(authors))]
            first = day_ms(author.created)
            ms = first + d.below(OLD_CUTOFF_MS - first)
            tweetid = OLD_FIRST_ID + int((ms - OLD_FIRST_MS) * slope) + d.below(1000)
            tweetid = self.unique(tweetid)
            head = (LANGS[d.below(9)], CLIENTS[d.below(5)], TEXTS[d.below(8)])
            refs = NO_REFS
            if d.random() < 0.3:
                reply_uid = self.reference(d)[0]
                reply_tid = OLD_FIRST_ID + d.below(tweetid - OLD_FIRST_ID)
                refs = (reply_tid, reply_uid, None, False, None, None)
            yield self.finish(d, author, tweetid, ms - ms % MINUTE_MS, head, refs)

    def tweets(self, d: Draws, n: int) -> Iterator[tuple[str, ...]]:
        """Yield snowflake-era tweets: about 45% retweets, 15% replies, 10% quotes."""
        below = d.below
        recent: deque[int] = deque(maxlen=50)
        for _ in range(n):
            author = self.active[below(len(self.active))]
            ms, minute_ms = self.instant(d, author)
            tweetid = self.unique(((ms - SNOWFLAKE_EPOCH_MS) << 22) | below(1 << 22))
            lang, client = LANGS[below(9)], CLIENTS[below(5)]
            kind = d.random()
            text, refs = self.kind_refs(d, kind, TEXTS[below(8)], ms, recent)
            yield self.finish(d, author, tweetid, minute_ms, (lang, client, text), refs)
            recent.append(tweetid)

    def instant(self, d: Draws, author: Account) -> tuple[int, int]:
        """Draw when a snowflake-era tweet was posted: (ms, its minute in ms)."""
        anchors = self.plan.bursts.get(author.userid)
        if anchors is not None:
            # A burst: within two minutes of one of the account's few anchor times.
            ms = anchors[d.below(len(anchors))] + d.below(120_000)
            return ms, ms - ms % MINUTE_MS
        minute_ms = self.plan.start_ms + d.below(self.plan.days * 1440) * MINUTE_MS
        return minute_ms + d.below(MINUTE_MS), minute_ms

    def kind_refs(
        self, d: Draws, kind: float, text: str, ms: int, recent: deque[int]
    ) -> tuple[str, Refs]:
        """Draw what a tweet of a kind (``kind`` uniform in [0, 1)) references; its text."""
        random, below = d.random, d.below
        if kind < 0.45:
            source_ms = ms - 1000 - below(86_399_000)
            rt_tid = ((source_ms - SNOWFLAKE_EPOCH_MS) << 22) | below(1 << 22)
            if random() < 0.15:
                return f"RT @someone: {text}", (None, None, None, True, None, rt_tid)
            rt_uid, screen = self.reference(d)
            return f"RT @{screen}: {text}", (None, None, None, True, rt_uid, rt_tid)
        if kind < 0.6:
            reply_uid = self.reference(d)[0]
            return text, (10**17 + below(9 * 10**17), reply_uid, None, False, None, None)
        if kind < 0.7:
            use_recent = bool(recent) and random() < 0.5
            quoted = recent[below(len(recent))] if use_recent else 10**17 + below(9 * 10**17)
            return text, (None, None, quoted, False, None, None)
        return text, NO_REFS
