"""ioarchive: Twitter's information-operations archive as fast, lazy, correct Polars frames.

Examples:
    >>> import ioarchive
    >>> ioarchive.TWEET_SCHEMA["tweet_time"]
    Datetime(time_unit='us', time_zone='UTC')
"""

from ioarchive import (
    discovery,
    identity,
    metrics,
    network,
    plot,
    scan,
    schema,
    snowflake,
    store,
    synthetic,
    validate,
)
from ioarchive._version import __version__
from ioarchive.discovery import Catalog, Dataset, FileInfo, classify, discover
from ioarchive.exceptions import (
    ConversionError,
    DamagedFileError,
    DatasetNotFoundError,
    EmptyFileError,
    EncodingError,
    FileFormatError,
    HeaderError,
    IOArchiveError,
    MissingDependencyError,
    QuotingError,
    RaggedRowError,
    RemoteError,
    SourceNotFoundError,
    StagingError,
    StoreError,
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.releases import known_releases
from ioarchive.reporting import report
from ioarchive.scan import (
    BadRowsWarning,
    Header,
    bad_rows,
    read_header,
    read_tweets,
    read_users,
    scan_tweets,
    scan_users,
)
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era, FileKind
from ioarchive.store import StoreReport, convert, open_store

__all__ = [
    "TWEET_SCHEMA",
    "USER_SCHEMA",
    "BadRowsWarning",
    "Catalog",
    "ConversionError",
    "DamagedFileError",
    "Dataset",
    "DatasetNotFoundError",
    "EmptyFileError",
    "EncodingError",
    "Era",
    "FileFormatError",
    "FileInfo",
    "FileKind",
    "Header",
    "HeaderError",
    "IOArchiveError",
    "MissingDependencyError",
    "QuotingError",
    "RaggedRowError",
    "RemoteError",
    "SourceNotFoundError",
    "StagingError",
    "StoreError",
    "StoreReport",
    "UnterminatedQuoteError",
    "ValueParseError",
    "__version__",
    "bad_rows",
    "classify",
    "convert",
    "discover",
    "discovery",
    "identity",
    "known_releases",
    "metrics",
    "network",
    "open_store",
    "plot",
    "read_header",
    "read_tweets",
    "read_users",
    "report",
    "scan",
    "scan_tweets",
    "scan_users",
    "schema",
    "snowflake",
    "store",
    "synthetic",
    "validate",
]
