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

__all__ = [
    "TWEET_SCHEMA",
    "USER_SCHEMA",
    "BadRowsWarning",
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
    "bad_rows",
    "classify",
    "discover",
    "discovery",
    "identity",
    "known_releases",
    "metrics",
    "network",
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
    "synthetic",
    "validate",
]
