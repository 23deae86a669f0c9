r"""How values are spelled in cells, era by era: lists, counts, geo, minutes.

Each function that draws returns both the cells (what the file shows) and the canonical values
(what the scanner must read back), so the two cannot disagree.

Examples:
    >>> from ioarchive.schema import Era
    >>> from ioarchive.synthetic import format_list
    >>> format_list(["1", "a"], era=Era.TWEETS_2018), format_list(["1", "a"], era=Era.TWEETS_2020)
    ('[1, a]', "[1, 'a']")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ioarchive.schema import Era
from ioarchive.synthetic.draws import Draws
from ioarchive.synthetic.vocabularies import DAY_MS, HHMM, MINUTE_MS

__all__ = [
    "Geo",
    "MinuteText",
    "draw_counts",
    "draw_geo",
    "format_list",
    "is_int_id",
    "list_cells",
]

Geo = tuple[str, str, float | None, float | None, bool | None]
"""Latitude and longitude cells, then the canonical ``latitude``, ``longitude``, ``has_geo``."""


def is_int_id(item: str) -> bool:
    """Tell whether Python's repr would show a decimal id as an int (ASCII, no leading zero)."""
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
        The cell's text, a ``str``.

    Examples:
        >>> from ioarchive.synthetic import format_list
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
    return repr([int(i) if is_int_id(i) else i for i in items])


def draw_counts(d: Draws, *, is_2018: bool, is_retweet: bool) -> list[int | None]:
    """Draw the four engagement counts: 0 or empty on retweets; some empty in 2018 files.

    Returns:
        ``quote_count``, ``reply_count``, ``like_count``, ``retweet_count``; None is empty.
    """
    random, below = d.random, d.below
    counts: list[int | None]
    if is_2018:
        counts = [None if random() < 0.1 else below(40) for _ in range(4)]
        if is_retweet:
            counts = [None if random() < 0.5 else 0 for _ in range(4)]
    else:
        counts = [below(40), below(40), below(40), below(40)]
        if is_retweet:
            counts = [0, 0, 0, 0]
    return counts


def draw_geo(d: Draws, *, is_2018: bool, hashed: bool) -> Geo:
    """Draw geo cells and values: empty, numbers, ``present`` or ``absent`` by era and copy."""
    r = d.random()
    lat = round(-60 + 120 * d.random(), 4)
    lon = round(-170 + 340 * d.random(), 4)
    if is_2018 and r < 0.9:
        return "", "", None, None, None
    if r < 0.04 or is_2018 or (not hashed and r < 0.1):
        return str(lat), str(lon), lat, lon, True
    if r < 0.2:
        return "present", "present", None, None, True
    return "absent", "absent", None, None, False


def list_cells(
    d: Draws, lists: tuple[list[str], list[str], list[str]], *, is_2018: bool
) -> tuple[list[str], list[list[str] | None]]:
    """Spell hashtags, urls and user_mentions; 2018 files write half the empty lists blank.

    Returns:
        The three cells, and their canonical values (None for a blank cell).
    """
    if is_2018:
        cells, values = [], []
        for items in lists:
            blank = d.random() < 0.5 and not items
            cells.append("" if blank else "[" + ", ".join(items) + "]")
            values.append(None if blank else items)
        return cells, values
    hashtags, urls, mentions = lists
    ids = [int(m) if is_int_id(m) else m for m in mentions]
    return [repr(hashtags), repr(urls), repr(ids)], list(lists)


class MinuteText:
    """Spell minutes (ms since 1970) as ``YYYY-MM-DD HH:MM``, caching each day's text.

    Examples:
        >>> MinuteText()(86_400_000 + 61 * 60_000)
        '1970-01-02 01:01'
    """

    def __init__(self) -> None:
        self._days: dict[int, str] = {}

    def __call__(self, minute_ms: int) -> str:
        """Return the minute's text."""
        day, minute = divmod(minute_ms, DAY_MS)
        text = self._days.get(day)
        if text is None:
            text = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat() + " "
            self._days[day] = text
        return text + HHMM[minute // MINUTE_MS]
