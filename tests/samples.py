"""Where the real sample files are, and test parameters over them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pytest

REAL_DIR = Path(
    os.environ.get(
        "IOARCHIVE_REAL_SAMPLES",
        Path(__file__).resolve().parents[2] / "shared" / "samples" / "real",
    )
)
"""The real archive files; CI has ``../shared`` beside the checkout."""

EngineName = Literal["streaming", "in-memory"]
ENGINES: list[EngineName] = ["streaming", "in-memory"]
"""Both Polars engines: every scan must give the same rows on each."""


def real_files(pattern: str = "*.csv") -> list[Path]:
    """The real sample files matching ``pattern``; empty when the folder is absent."""
    return sorted(REAL_DIR.glob(pattern)) if REAL_DIR.is_dir() else []


def real_params(pattern: str = "*.csv") -> list[object]:
    """Parameters over the real files, or one skipped parameter naming the missing folder."""
    files = real_files(pattern)
    if files:
        return [pytest.param(f, id=f.name) for f in files]
    reason = f"real samples not found at {REAL_DIR} (set IOARCHIVE_REAL_SAMPLES)"
    return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-real-samples")]
