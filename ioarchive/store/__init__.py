"""The Parquet store: convert a mirror once, verified; then scan it as the same Catalog API.

[`convert`][ioarchive.store.convert] writes hive-partitioned Parquet
(``campaign=<id>/copy=<hashed|unhashed>/kind=<tweets|users>/part-*.parquet``) and a manifest;
[`open_store`][ioarchive.store.open_store] returns a [`Catalog`][ioarchive.discovery.Catalog]
whose datasets scan it with ``pl.scan_parquet``: pure Polars plans, which serialise, and which
DuckDB, Spark and pyarrow can read without ioarchive.
"""

from ioarchive.store.layout import FORMAT_VERSION, MANIFEST_NAME
from ioarchive.store.reading import is_store, open_store
from ioarchive.store.writing import REPORT_SCHEMA, StoreReport, convert

__all__ = [
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "REPORT_SCHEMA",
    "StoreReport",
    "convert",
    "is_store",
    "open_store",
]
