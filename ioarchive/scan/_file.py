"""Reading one file: the fast reader while it can be trusted, then the exact one (private).

The fast reader is Polars' CSV reader over raw String cells, parsed by expressions on the
streaming engine. It yields rows only while every row is one it can judge: in a file that
quotes every field, a row with no null first or last cell and not a possible repeated header.
From the first row it cannot judge (or any error Polars raises) the exact reader
(``_exact``) takes over, from the first record not yet yielded, so no row is lost, doubled or
misread, and every problem is named with its file and line.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ioarchive._faults import reraise
from ioarchive._fs import open_file
from ioarchive.exceptions import DamagedFileError
from ioarchive.scan._exact import BadRow, OnBadRows, read_exact
from ioarchive.scan._raw import (
    EXTRA,
    bad_cell,
    blank,
    column_expr,
    named,
    raw_frame,
    suspect,
)
from ioarchive.scan.header import Header
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, FileKind

logger = logging.getLogger(__name__)

_REC = "__ioarchive_record__"
_SUSPECT = "__ioarchive_suspect__"
_BLANK = "__ioarchive_blank__"
_NAMED = "__ioarchive_named__"
_FIRST = "__ioarchive_first_cell__"
_LAST = "__ioarchive_last_cell__"
_TAIL_BYTES = 1 << 16


class BadRowsWarning(UserWarning):
    """Rows were skipped by a scan with ``on_bad_rows="skip"``.

    Attributes:
        path: The file.
        count: How many rows of it were skipped.
    """

    def __init__(self, message: str, *, path: str, count: int):
        super().__init__(message)
        self.path = path
        self.count = count


@dataclass(frozen=True)
class FileScan:
    """One file to scan: its header, the campaign to set, how to treat bad rows, which reader.

    ``exact``: read every record with the exact reader, never the fast one.
    """

    header: Header
    campaign: str | None
    storage_options: Mapping[str, Any] | None = field(repr=False)
    on_bad_rows: OnBadRows = "raise"
    exact: bool = False

    def batches(
        self,
        columns: Sequence[str],
        predicate: pl.Expr | None,
        batch_size: int | None,
        report: Callable[[BadRow], None] | None = None,
    ) -> Iterator[pl.DataFrame]:
        """Yield the file's rows in canonical ``columns``, filtered by ``predicate``.

        Rows skipped (``on_bad_rows="skip"``) go to ``report`` if given, else to a warning.
        """
        check = self._checked(columns, predicate)
        skipped: list[BadRow] = []
        start = 0
        if self.header.quoted and not self.exact:
            handover: int | None = None
            for item in self._fast(columns, check, predicate, batch_size):
                if isinstance(item, int):
                    handover = item
                    break
                yield item
            if handover is None:
                return
            start = handover
        yield from read_exact(
            self.header,
            columns=columns,
            check=check,
            campaign=self.campaign,
            start=start,
            on_bad_rows=self.on_bad_rows,
            predicate=predicate,
            storage_options=self.storage_options,
            report=report or skipped.append,
        )
        if skipped:
            self._warn(skipped)

    def _checked(self, columns: Sequence[str], predicate: pl.Expr | None) -> list[str]:
        """Columns whose cells must parse: the ones read, or every one when skipping rows.

        Skipping must not depend on the query, so that ``bad_rows`` can list what is left out.
        """
        if self.on_bad_rows == "skip":
            schema = USER_SCHEMA if self.header.kind is FileKind.USERS else TWEET_SCHEMA
            return [c for c in schema if c != "campaign"]
        roots = predicate.meta.root_names() if predicate is not None else []
        return [c for c in dict.fromkeys([*columns, *roots]) if c != "campaign"]

    def _fast(
        self,
        columns: Sequence[str],
        check: Sequence[str],
        predicate: pl.Expr | None,
        batch_size: int | None,
    ) -> Iterator[pl.DataFrame | int]:
        """Yield batches; then, if the exact reader must go on, the record to start from.

        Records are counted as the exact reader counts them: raw rows less the repeated
        headers dropped so far. Only a batch that goes on exactly from the last one is used:
        when a chunk of the file fails, Polars' streaming engine may pass on later chunks
        before it raises, and everything from the first gap is the exact reader's. (So the
        predicate filters each batch here, not in the plan: the row numbers must run on.)
        """
        lf = self._fast_frame(columns, check, predicate)
        seen = dropped = 0  # raw rows judged so far, and the repeated headers among them
        trailing: tuple[int, int] | None = None  # (first record, rows) of blank-looking rows
        last: tuple[Any, ...] | None = None  # the last row yielded: raw row, first, last cell
        try:
            for batch in lf.collect_batches(chunk_size=batch_size):
                if not _follows(batch, seen):
                    logger.debug("%s: the fast reader skipped rows after %d; exact", self, seen)
                    break
                seen += batch.height
                if trailing is not None:
                    if not batch[_BLANK].all():
                        break
                    trailing = (trailing[0], trailing[1] + batch.height)
                    continue
                kept = batch if predicate is None else batch.filter(predicate | pl.col(_SUSPECT))
                good, first, headers = self._judge(kept)
                dropped += headers
                if good.height:
                    last = good.select(_REC, _FIRST, _LAST).row(-1)
                    yield good.select(columns)
                if first is None:
                    continue
                rest = kept.filter(pl.col(_REC) >= first)
                if predicate is None and rest[_BLANK].all():
                    trailing = (first - dropped, rest.height)  # blank lines at the end? read on
                    continue
                yield first - dropped
                return
            else:
                if trailing is not None and not _ends_with_blank_lines(
                    self.header, trailing[1], self.storage_options
                ):
                    yield trailing[0]
                return
        except pl.exceptions.PolarsError as error:
            logger.debug("fast reader stopped in %s (%s); exact from row %d", self, error, seen)
            if last is not None and not self._in_place(last):
                self._lost(columns, check, error)
        except (OSError, EOFError) as error:  # Polars' own gzip errors; remote faults
            reraise(error, self.header.name, self.storage_options)
        yield trailing[0] if trailing is not None else seen - dropped

    def _in_place(self, last: tuple[Any, ...]) -> bool:
        """Whether the file's raw row ``last[0]`` is the row last yielded (first, last cell).

        After a chunk fails inside Polars' CSV parser (invalid UTF-8), rows of later chunks
        may have been yielded under numbers that leave the failed chunk out. A fresh query
        reads up to that row: it fails, or finds another row there, exactly then.
        """
        first, end = self.header.columns[0], self.header.columns[-1]
        try:
            found = (
                raw_frame(self.header, self.storage_options)
                .slice(last[0], 1)
                .select(first, end)
                .collect()  # eager: one row, to check where the fast reader stopped
            )
        except pl.exceptions.PolarsError:
            return False
        return found.rows() == [tuple(last[1:])]

    def _lost(self, columns: Sequence[str], check: Sequence[str], error: Exception) -> None:
        """Raise the file's first problem, as the exact reader finds it from the start.

        Called when rows already yielded may be the wrong ones: the query must fail, even
        when skipping bad rows was asked for (those rows cannot be taken back).
        """
        if self.on_bad_rows == "raise":
            for _ in read_exact(
                self.header,
                columns=columns,
                check=check,
                campaign=self.campaign,
                storage_options=self.storage_options,
            ):
                pass
        raise DamagedFileError(
            f"Polars' CSV reader failed inside the file and lost its place ({error})",
            path=self.header.name,
            hint="read it with exact=True, which also skips bad rows exactly "
            "(ioarchive validate names the problem)",
        ) from error

    def _judge(self, batch: pl.DataFrame) -> tuple[pl.DataFrame, int | None, int]:
        """Split a batch at the first row that the exact reader must judge.

        Returns:
            The good rows before that row, its raw row number (None if there is none), and
            the number of repeated headers dropped before it.
        """
        headers = self._repeated_headers(batch)
        unresolved = batch.filter(pl.col(_SUSPECT) & ~pl.col(_REC).is_in(headers))
        first = _first(unresolved)
        good = batch.filter(~pl.col(_SUSPECT))
        if first is not None:
            good = good.filter(pl.col(_REC) < first)
        return good, first, sum(1 for r in headers if first is None or r < first)

    def _repeated_headers(self, batch: pl.DataFrame) -> set[int]:
        """The raw rows of ``batch`` that are whole header lines (concatenated parts).

        A row whose first and last cells are column names may be one: its other cells are
        read by a second, short Polars query up to that row, so the rest of the file stays
        on the fast reader.
        """
        candidates = batch.filter(pl.col(_NAMED))[_REC].to_list()
        if not candidates:
            return set()
        names = list(self.header.columns)
        rows = (
            raw_frame(self.header, self.storage_options)
            .with_row_index(_REC)
            .head(max(candidates) + 1)  # Polars stops reading there
            .filter(pl.col(_REC).is_in(candidates))
            .select(_REC, EXTRA, *names)
            .collect()  # eager: a few rows, to tell a repeated header from a data row
        )
        # A header line with a field past its last (EXTRA) is a ragged row, not a header.
        return {int(r[0]) for r in rows.iter_rows() if r[1] is None and list(r[2:]) == names}

    def _fast_frame(
        self, columns: Sequence[str], check: Sequence[str], predicate: pl.Expr | None
    ) -> pl.LazyFrame:
        strict = self.on_bad_rows == "raise"
        roots = predicate.meta.root_names() if predicate is not None else []
        needed = list(dict.fromkeys([*columns, *roots]))
        exprs = [self._expr(n, strict=strict) for n in needed]
        bad = [] if strict else [e for c in check if (e := bad_cell(c, self.header)) is not None]
        raw = list(dict.fromkeys(r for e in [*exprs, *bad] for r in e.meta.root_names()))
        if not strict:
            # Skipping judges every row whole: every column is read (a null cell is a row for
            # the exact reader).
            bad += [pl.col(c).is_null() for c in self.header.columns]
            raw = list(self.header.columns)
        flag = suspect(self.header)
        flag = pl.any_horizontal(flag, *bad) if bad else flag
        # Suspect rows are judged apart: their cells are hidden from the strict parsers, so a
        # repeated header's "tweetid" does not stop the query.
        hidden = [pl.when(~pl.col(_SUSPECT)).then(pl.col(c)).alias(c) for c in dict.fromkeys(raw)]
        lf = raw_frame(self.header, self.storage_options).with_row_index(_REC)
        lf = lf.with_columns(
            flag.alias(_SUSPECT),
            blank(self.header).alias(_BLANK),
            named(self.header).alias(_NAMED),
        )
        first, end = self.header.columns[0], self.header.columns[-1]
        where = [pl.col(first).alias(_FIRST), pl.col(end).alias(_LAST)]  # see `_in_place`
        return lf.with_columns(hidden).select(_REC, _SUSPECT, _BLANK, _NAMED, *where, *exprs)

    def _expr(self, name: str, *, strict: bool) -> pl.Expr:
        if name == "campaign":
            return pl.lit(self.campaign, pl.String).alias(name)
        # A strict parse that fails (a bad cell, a repeated header) makes Polars raise, and
        # the exact reader takes over from the first record not yet yielded.
        return column_expr(name, self.header, strict=strict)

    def _warn(self, skipped: Sequence[BadRow]) -> None:
        lines = ", ".join(str(b.line) for b in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        message = (
            f"{self.header.name}: {len(skipped)} bad rows skipped (lines {lines}{more}); "
            "ioarchive.bad_rows() lists them"
        )
        warning = BadRowsWarning(message, path=self.header.name, count=len(skipped))
        warnings.warn(warning, stacklevel=2)


def _ends_with_blank_lines(
    header: Header, rows: int, storage_options: Mapping[str, Any] | None
) -> bool:
    """Whether the file ends with at least ``rows`` empty lines after its last record.

    The fast reader sees a blank line and a row of unquoted empty fields (``,,,``) alike; the
    last bytes of the file tell them apart, so the common case, blank lines at the end of a
    file, needs no second reading. Only for uncompressed files, whose end can be read.
    """
    if header.path.lower().endswith((".gz", ".gzip", ".bz2", ".xz", ".zst", ".zip")):
        return False
    with open_file(header.path, storage_options, label=header.name) as f:
        size = f.seek(0, 2)
        f.seek(max(size - _TAIL_BYTES, 0))
        tail: bytes = f.read()
    ends = tail[len(tail.rstrip(b"\r\n")) :]
    line_end = b"\r" if header.line_end == "\r" else b"\n"
    return ends.count(line_end) >= rows + 1


def _first(batch: pl.DataFrame) -> int | None:
    """The smallest raw row number of ``batch``, None for an empty batch."""
    if batch.is_empty():
        return None
    return int(batch[_REC].min())  # type: ignore[arg-type]


def _follows(batch: pl.DataFrame, seen: int) -> bool:
    """Whether ``batch`` holds exactly the raw rows ``seen``, ``seen + 1``, ... in order."""
    rows = batch[_REC]
    if rows.is_empty():
        return True
    return bool(rows[0] == seen and (rows.diff().drop_nulls() == 1).all())
