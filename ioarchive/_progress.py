"""The one rule for progress bars (private): tqdm on stderr, on a terminal unless told."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")


def enabled(progress: bool | None) -> bool:
    """Tell whether to show a bar: as asked, else when stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else progress


def iterate(items: Iterable[T], *, desc: str, unit: str, progress: bool | None) -> Iterable[T]:
    """Wrap ``items`` in a progress bar counting ``unit`` (or return them as they are)."""
    if not enabled(progress):
        return items
    bar: Iterable[T] = tqdm(items, desc=desc, unit=unit, file=sys.stderr)
    return bar


def byte_bar(total: int, *, desc: str, progress: bool | None) -> Any:
    """Return a byte-counting bar to use as a context manager (``update(n)`` per chunk)."""
    return tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        desc=desc,
        disable=not enabled(progress),
        file=sys.stderr,
    )


def count_bar(total: int | None, *, desc: str, unit: str, progress: bool | None) -> Any:
    """Return a bar counting ``unit`` (files, rows) to use as a context manager."""
    return tqdm(
        total=total,
        unit=unit,
        unit_scale=unit != "file",
        desc=desc,
        disable=not enabled(progress),
        file=sys.stderr,
    )
