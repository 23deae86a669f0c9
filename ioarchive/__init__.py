"""ioarchive: Twitter's information-operations archive as fast, lazy, correct Polars frames.

Examples:
    >>> import ioarchive
    >>> ioarchive.TWEET_SCHEMA["tweet_time"]
    Datetime(time_unit='us', time_zone='UTC')
"""

from ioarchive._version import __version__
from ioarchive.exceptions import (
    EmptyFileError,
    EncodingError,
    FileFormatError,
    HeaderError,
    IOArchiveError,
    QuotingError,
    RaggedRowError,
    SourceNotFoundError,
    UnterminatedQuoteError,
    ValueParseError,
)
from ioarchive.header import Header, read_header
from ioarchive.scan import read_tweets, read_users, scan_tweets, scan_users
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA, Era

__all__ = [
    "TWEET_SCHEMA",
    "USER_SCHEMA",
    "EmptyFileError",
    "EncodingError",
    "Era",
    "FileFormatError",
    "Header",
    "HeaderError",
    "IOArchiveError",
    "QuotingError",
    "RaggedRowError",
    "SourceNotFoundError",
    "UnterminatedQuoteError",
    "ValueParseError",
    "__version__",
    "read_header",
    "read_tweets",
    "read_users",
    "scan_tweets",
    "scan_users",
]
