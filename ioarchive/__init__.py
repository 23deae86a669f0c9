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
    synthetic,
    validate,
)
from ioarchive._version import __version__
from ioarchive.discovery import Catalog, Dataset, FileInfo, classify, discover
from ioarchive.exceptions import (
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
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.releases import known_releases
from ioarchive.scan import Header, read_header, read_tweets, read_users, scan_tweets, scan_users
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era, FileKind

__all__ = [
    "TWEET_SCHEMA",
    "USER_SCHEMA",
    "Catalog",
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
    "UnterminatedQuoteError",
    "ValueParseError",
    "__version__",
    "classify",
    "discover",
    "discovery",
    "identity",
    "known_releases",
    "metrics",
    "read_header",
    "read_tweets",
    "read_users",
    "scan",
    "scan_tweets",
    "scan_users",
    "schema",
    "snowflake",
    "synthetic",
    "validate",
]
