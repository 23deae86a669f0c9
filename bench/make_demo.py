"""Regenerate the demo archive bundled in the package (``ioarchive/data/demo``).

Usage:
    python bench/make_demo.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ioarchive import synthetic

DEMO = Path(__file__).resolve().parents[1] / "ioarchive" / "data" / "demo"


def main() -> None:
    shutil.rmtree(DEMO, ignore_errors=True)
    synthetic.write_archive(DEMO, seed=2026, n_tweets=400, n_accounts=30)


if __name__ == "__main__":
    main()
