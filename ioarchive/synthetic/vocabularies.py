"""What generated values are drawn from: texts, hashtags, URLs, languages, clients, places.

The vocabularies hold the values that trip readers up in the real files: raw newlines and a
stray carriage return inside texts, doubled quotes, HTML entities, right-to-left marks, emoji,
non-Latin hashtags, URLs with commas and quotes. The module also holds the time constants of
the generator (milliseconds, UTC), its chunk size and the pre-computed spellings of minutes and
counts.

Examples:
    >>> from ioarchive.synthetic import vocabularies
    >>> len(vocabularies.TEXTS), vocabularies.HHMM[61]
    (8, '01:01')
"""

from __future__ import annotations

import datetime as dt

from ioarchive.schema import TWEET_COLUMNS_2018, TWEET_COLUMNS_2019, TWEET_COLUMNS_2020, Era
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS

__all__ = [
    "CHUNK",
    "CLIENTS",
    "COLUMNS",
    "COUNT_FLOAT",
    "COUNT_TEXT",
    "DAY_MS",
    "HASHTAGS",
    "HHMM",
    "LANGS",
    "LOCATIONS",
    "MINUTE_MS",
    "OLD_CUTOFF_MS",
    "OLD_FIRST_ID",
    "OLD_FIRST_MS",
    "OLD_LAST_ID",
    "TEXTS",
    "URLS",
    "day_ms",
]

COLUMNS = {
    Era.TWEETS_2018: TWEET_COLUMNS_2018,
    Era.TWEETS_2019: TWEET_COLUMNS_2019,
    Era.TWEETS_2020: TWEET_COLUMNS_2020,
}
"""The tweets header of each tweets era, in file order."""

HASHTAGS = ("Cuba", "CubaVa", "STOPNazi", "Syria", "حزب_الله", "Россия", "ประเทศไทย", "MAGA", "HK")
"""Hashtags (without ``#``), Latin and not."""

URLS = (
    "https://du3a.org",
    "http://ru-open.livejournal.com/374284.html",
    "https://example.org/a,b?x=1,2",
    "https://news.example.com/it's-here",
    "https://www.Example.COM/path",
)
"""URLs with commas, a quote and upper-case hosts (2018 files use the first four)."""

TEXTS = (
    "plain text with &amp; an entity",
    'line one\nline two with "quotes" inside',
    "windows line\r\nend",
    "a stray \r carriage return",
    "\u200fنص عربي مع علامة من اليمين إلى اليسار",
    "Русский текст 😀 и эмодзи",
    "ข้อความภาษาไทย",
    'doubled ""quotes"" kept',
)
"""Tweet texts and profile descriptions."""

LANGS = ("en", "ar", "ru", "th", "es", "und", "in", "zh-cn", "zh-CN")
"""Tweet languages, in the archive's mixed case."""

CLIENTS = ("TweetDeck", "Twitter Web Client", "IFTTT", "generationπ", "Twitter for Android")
"""Client names."""

LOCATIONS = ("Москва, Россия", "", "USA", "القاهرة", "Bangkok")
"""Reported locations (one empty)."""

CHUNK = 50_000
"""Rows generated, written and gathered at a time."""

DAY_MS = 86_400_000
"""Milliseconds in a day."""

MINUTE_MS = 60_000
"""Milliseconds in a minute."""

OLD_FIRST_MS = 1_230_768_000_000  # 2009-01-01 00:00 UTC
OLD_CUTOFF_MS = SNOWFLAKE_EPOCH_MS - DAY_MS
"""Pre-snowflake tweets are before this instant (ms), a day before snowflake ids began."""
OLD_FIRST_ID = 1_000_000_000
OLD_LAST_ID = 29_500_000_000

HHMM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
COUNT_TEXT = tuple(str(i) for i in range(40))
COUNT_FLOAT = tuple(f"{i}.0" for i in range(40))


def day_ms(day: dt.date) -> int:
    """Return the instant a UTC day starts, in milliseconds since 1970.

    Args:
        day: The day.

    Returns:
        Milliseconds since the Unix epoch, an ``int``.

    Examples:
        >>> day_ms(dt.date(1970, 1, 2))
        86400000
    """
    return (day - dt.date(1970, 1, 1)).days * DAY_MS
