"""Archive files: names, parts, and the file-level quirks of the real releases.

Every file is UTF-8 CSV with every field double-quoted and LF line ends, named like the
archive's: ``<campaign>_tweets_csv_hashed[<part>].csv`` and ``<campaign>_users_csv_hashed.csv``
(``_unhashed`` for an unhashed copy, ``.csv.gz`` gzipped).
[`FileQuirks`][ioarchive.synthetic.FileQuirks] chooses the quirks.

Examples:
    >>> from ioarchive.synthetic import FileQuirks
    >>> FileQuirks(gzip=True).suffix, FileQuirks().suffix
    ('.csv.gz', '.csv')
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal

from ioarchive.schema import USER_COLUMN_ALIASES, USER_COLUMNS
from ioarchive.synthetic.vocabularies import CHUNK, DAY_MS

__all__ = [
    "CsvFile",
    "FileQuirks",
    "PartStyle",
    "TweetFiles",
    "file_stem",
    "write_users_file",
]

PartStyle = Literal["_N", "_partN", "_0N", "year", "half"]
"""How tweets parts are named.

``_N``: ``_1``, ``_2``...; ``_partN``: ``_part1``...; ``_0N``: ``_01``...; ``year``: one file per
year of tweet time (``_2019``, ``_2020``); ``half``: period splits ``_2016_01``/``_2016_06`` (first
and second half of each year). The last two sort tweets by time.

Examples:
    >>> import typing
    >>> from ioarchive.synthetic import PartStyle
    >>> typing.get_args(PartStyle)
    ('_N', '_partN', '_0N', 'year', 'half')
"""

_CAMEL = {snake: camel for camel, snake in USER_COLUMN_ALIASES.items() if camel != "userId"}


@dataclass(frozen=True, kw_only=True)
class FileQuirks:
    """How a campaign's files are laid out and spelled: the quirks of the real releases.

    The defaults write one plain tweets file and one users file, as most releases have.

    Attributes:
        parts: Number of tweets parts for the ``_N``, ``_partN`` and ``_0N`` styles.
        part_style: How parts are named; ``year`` and ``half`` split by tweet time.
        gzip: Write ``.csv.gz`` files.
        bom: Start each file with a UTF-8 byte-order mark.
        repeated_header: Repeat the header line in the middle of each tweets file.
        trailing_blank_line: End the users file with a blank line (the ``iran_092020`` case).
        camelcase_users: Write the users header in camelCase (December 2021 style).
        bool_spelling: How ``is_retweet`` is written: (true, false), e.g. ``("True", "False")``
            or ``("1", "0")`` (ignored for the 2018 era, always ``true``/``false``).
        hash_all: In a hashed copy, hash every account whatever its followers (the
            ``iran_092020`` case).

    Examples:
        >>> import tempfile
        >>> from ioarchive.synthetic import FileQuirks, write_campaign
        >>> quirks = FileQuirks(parts=2, part_style="_partN", gzip=True)
        >>> truth = write_campaign(tempfile.mkdtemp(), "q_202012", quirks=quirks)
        >>> [p.name for p in truth.tweet_files]
        ['q_202012_tweets_csv_hashed_part1.csv.gz', 'q_202012_tweets_csv_hashed_part2.csv.gz']
    """

    parts: int = 1
    part_style: PartStyle = "_N"
    gzip: bool = False
    bom: bool = False
    repeated_header: bool = False
    trailing_blank_line: bool = False
    camelcase_users: bool = False
    bool_spelling: tuple[str, str] = ("true", "false")
    hash_all: bool = False

    @property
    def suffix(self) -> str:
        """The files' suffix: ``.csv`` or ``.csv.gz``."""
        return ".csv.gz" if self.gzip else ".csv"

    @property
    def user_header(self) -> Sequence[str]:
        """The users file's header: snake_case, or camelCase with ``camelcase_users``."""
        if self.camelcase_users:
            return [_CAMEL.get(c, c) for c in USER_COLUMNS]
        return USER_COLUMNS


def file_stem(folder: Path, campaign: str, kind: str, *, hashed: bool) -> Path:
    """Return ``<folder>/<campaign>_<kind>_csv_<hashed|unhashed>``, before part and suffix."""
    return folder / f"{campaign}_{kind}_csv_{'hashed' if hashed else 'unhashed'}"


class CsvFile:
    """One output file: QUOTE_ALL, LF line ends, UTF-8, optionally gzip and a BOM.

    Args:
        path: Where to write; a ``.gz`` suffix gzips (with no name and time in the header).
        header: The header line's cells.
        bom: Start with a UTF-8 byte-order mark.
    """

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
        """Write data rows."""
        self._writer.writerows(rows)

    def repeat_header(self) -> None:
        """Write the header line again."""
        self._writer.writerow(self.header)

    def close(self, *, blank_line: bool = False) -> None:
        """Close the file, ending it with a blank line if asked."""
        if blank_line:
            self._text.write("\n")
        self._text.flush()
        self._text.detach()
        if self._gz is not None:
            self._gz.close()
        self._raw.close()


def write_users_file(path: Path, rows: Sequence[Sequence[str]], quirks: FileQuirks) -> None:
    """Write the users file: its rows, in the quirks' header, BOM and trailing blank line."""
    out = CsvFile(path, quirks.user_header, bom=quirks.bom)
    out.write(rows)
    out.close(blank_line=quirks.trailing_blank_line)


@dataclass
class TweetFiles:
    """Writes the tweets files of one campaign, in parts, and counts their rows.

    Attributes:
        stem: The path of the files before their part label and suffix.
        columns: The header, in the era's column order.
        quirks: How the files are laid out and spelled.
        rows_per_file: Data rows written to each file, in part order.
    """

    stem: Path
    columns: Sequence[str]
    quirks: FileQuirks
    rows_per_file: dict[Path, int] = field(default_factory=dict)

    def write(self, label: str, chunks: Iterator[list[tuple[str, ...]]], count: int) -> None:
        """Write one file from chunks; repeat the header after ``count // 2`` rows if asked."""
        path = self.stem.with_name(f"{self.stem.name}{label}{self.quirks.suffix}")
        out = CsvFile(path, self.columns, bom=self.quirks.bom)
        written, repeated = 0, not self.quirks.repeated_header
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
        self, rows: Iterator[tuple[str, ...]], n: int, minutes: Callable[[], list[int]]
    ) -> list[int] | None:
        """Write every part of ``n`` rows; return the order of rows by time for period styles.

        Args:
            rows: The raw rows, in generation order.
            n: How many rows ``rows`` yields.
            minutes: Returns the minute (ms) of every row, once ``rows`` is exhausted.

        Returns:
            For the ``year`` and ``half`` styles, the generation index of each row written, in
            file order; None for the other styles, which keep generation order.
        """
        style = self.quirks.part_style
        if style not in ("year", "half"):
            self._write_sequential(rows, n)
            return None
        everything = list(rows)
        times = minutes()
        order = sorted(range(len(everything)), key=times.__getitem__)
        labels = [_period_label(style, times[i]) for i in order]
        for label in dict.fromkeys(labels) if labels else [""]:
            picked = [everything[i] for i, lab in zip(order, labels, strict=True) if lab == label]
            half = len(picked) // 2
            self.write(label, iter([picked[:half], picked[half:]]), len(picked))
        return order

    def _write_sequential(self, rows: Iterator[tuple[str, ...]], n: int) -> None:
        parts = self.quirks.parts
        size = -(-n // parts) if parts > 1 else max(n, 1)
        for part in range(max(1, -(-n // size))):
            count = min(size, n - part * size)
            label = _sequential_label(self.quirks.part_style, part + 1) if parts > 1 else ""
            self.write(label, _chunks(rows, count, self.quirks.repeated_header), count)


def _chunks(
    rows: Iterator[tuple[str, ...]], count: int, split_half: bool
) -> Iterator[list[tuple[str, ...]]]:
    """Take ``count`` rows in chunks; with ``split_half``, one chunk ends at ``count // 2``."""
    bounds = [count // 2, count] if split_half else [count]
    taken = 0
    for bound in bounds:
        while taken < bound:
            chunk = list(islice(rows, min(CHUNK, bound - taken)))
            taken += len(chunk)
            yield chunk
        if taken == bound == 0:
            yield []


def _period_label(style: PartStyle, minute_ms: int) -> str:
    day = dt.date(1970, 1, 1) + dt.timedelta(days=minute_ms // DAY_MS)
    if style == "year":
        return f"_{day.year}"
    return f"_{day.year}_{'01' if day.month <= 6 else '06'}"


def _sequential_label(style: PartStyle, part: int) -> str:
    return {"_N": "_{}", "_partN": "_part{}", "_0N": "_{:02d}"}[style].format(part)
