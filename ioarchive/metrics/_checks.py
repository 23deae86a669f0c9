"""Parameter checks shared by the metrics and the report (private).

A bad parameter is a ``ValueError`` that names the parameter, the value and what is accepted,
raised when the query is built, before any data is read.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

_INSTANT = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def check_duration(name: str, value: str) -> None:
    """Raise unless ``value`` is a positive Polars duration such as ``1d``, ``1w`` or ``1mo``."""
    try:
        # A literal: checks the text, reads nothing.
        later = pl.select(pl.lit(_INSTANT).dt.offset_by(value)).item()
    except (pl.exceptions.PolarsError, TypeError):
        later = None
    if later is None or later <= _INSTANT:  # zero or negative: no bucket to count in
        raise ValueError(
            f"{name}={value!r}: not a positive Polars duration; use e.g. 1h, 1d, 1w, 1mo, 1y"
        )


def check_time_zone(name: str, value: str) -> None:
    """Raise unless ``value`` is an IANA time zone such as ``UTC`` or ``Asia/Tehran``."""
    try:
        pl.select(pl.lit(_INSTANT).dt.convert_time_zone(value))
    except (pl.exceptions.PolarsError, TypeError):
        raise ValueError(
            f"{name}={value!r}: not an IANA time zone; use e.g. UTC, Asia/Tehran, Europe/Moscow"
        ) from None


def check_at_least(name: str, value: int, minimum: int) -> None:
    """Raise unless ``value`` is a whole number of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name}={value!r}: must be a whole number of at least {minimum}")
