"""ioarchive: Twitter's information-operations archive as fast, lazy, correct Polars frames.

Examples:
    >>> import ioarchive
    >>> ioarchive.TWEET_SCHEMA["tweet_time"]
    Datetime(time_unit='us', time_zone='UTC')
"""

from ioarchive import identity, metrics, naming, network, parse, schema, snowflake, synthetic
from ioarchive._version import __version__
from ioarchive.discovery import Catalog, Dataset, discover
from ioarchive.exceptions import (
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
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.header import Header, read_header
from ioarchive.naming import FileInfo, classify
from ioarchive.releases import known_releases
from ioarchive.scan import read_tweets, read_users, scan_tweets, scan_users
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era

__all__ = [
    "TWEET_SCHEMA",
    "USER_SCHEMA",
    "Catalog",
    "Dataset",
    "DatasetNotFoundError",
    "EmptyFileError",
    "EncodingError",
    "Era",
    "FileFormatError",
    "FileInfo",
    "Header",
    "HeaderError",
    "IOArchiveError",
    "MissingDependencyError",
    "QuotingError",
    "RaggedRowError",
    "SourceNotFoundError",
    "StagingError",
    "UnterminatedQuoteError",
    "ValueParseError",
    "__version__",
    "classify",
    "discover",
    "identity",
    "known_releases",
    "metrics",
    "naming",
    "network",
    "parse",
    "read_header",
    "read_tweets",
    "read_users",
    "scan_tweets",
    "scan_users",
    "schema",
    "snowflake",
    "synthetic",
]
