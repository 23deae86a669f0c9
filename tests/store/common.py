"""Helpers of the store tests: independent row counts and a converted synthetic mirror."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import fsspec
import pyarrow.parquet as pq

import ioarchive as ioa


def csv_rows(url: str) -> int:
    """Rows of a CSV file (plain, gzip or zip member) by Python's csv module, in the test."""
    with fsspec.open(url, "rb", compression="infer") as f:
        records = csv.reader(io.TextIOWrapper(f, encoding="utf-8-sig", newline=""))
        header = next(records)
        return sum(1 for r in records if r and r != header)


def parquet_rows(path: Path | str) -> int:
    """Rows of a Parquet file from its footer, by pyarrow (not Polars)."""
    return int(pq.read_metadata(str(path)).num_rows)


def store_files(store: Path) -> list[str]:
    """Every file under a local store, relative, sorted."""
    return sorted(p.relative_to(store).as_posix() for p in store.rglob("*") if p.is_file())


def convert_quietly(source: Any, store: Path | str, **options: Any) -> ioa.StoreReport:
    return ioa.convert(source, store, progress=False, **options)
