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
    DatasetNotFoundError,
    EmptyFileError,
    EncodingError,
    FileFormatError,
    HeaderError,
    IOArchiveError,
    MissingDependencyError,
    QuotingError,
    RaggedRowError,
    SourceNotFoundError,
    StagingError,
    StoreError,
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.releases import known_releases
from ioarchive.scan import Header, read_header, read_tweets, read_users, scan_tweets, scan_users
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era, FileKind
from ioarchive.store import StoreReport, convert, open_store

__all__ = [
    "TWEET_SCHEMA",
    "USER_SCHEMA",
    "Catalog",
    "ConversionError",
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
    "SourceNotFoundError",
    "StagingError",
    "StoreError",
    "StoreReport",
    "UnterminatedQuoteError",
    "ValueParseError",
    "__version__",
    "classify",
    "convert",
    "discover",
    "discovery",
    "identity",
    "known_releases",
    "metrics",
    "open_store",
    "read_header",
    "read_tweets",
    "read_users",
    "scan",
    "scan_tweets",
    "scan_users",
    "schema",
    "snowflake",
    "store",
    "synthetic",
    "validate",
]
