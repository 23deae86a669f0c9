"""Scan: tweets and users files read lazily into one canonical schema, every row checked.

[`scan_tweets`][ioarchive.scan.scan_tweets] and [`scan_users`][ioarchive.scan.scan_users]
read each file's header ([`read_header`][ioarchive.scan.read_header]: its era) and nothing
else until the returned ``pl.LazyFrame`` is collected; then Polars' CSV reader does the work on
the streaming engine, the cells are parsed by the expressions of ``parse``, and when anything
is wrong a diagnosis re-reads the file independently to name the file, the line and the
problem.

Modules: ``header`` (header and era), ``parse`` (value parsing expressions), ``reader`` (the
lazy scanner), ``damage`` (the rows a lenient scan leaves out). A file is read by Polars' CSV
reader while every row is one it can judge, and by Python's ``csv`` module from the first row
it cannot (see ``_file``): no row is lost, doubled or misread silently.

Examples:
    >>> import ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> files = sorted(demo_archive_path().rglob("*_tweets_csv_hashed*.csv*"))
    >>> tweets = ioarchive.scan_tweets(files[0])
    >>> dict(tweets.select("tweetid", "tweet_time").collect().schema)
    {'tweetid': UInt64, 'tweet_time': Datetime(time_unit='us', time_zone='UTC')}
"""

from ioarchive.scan import parse
from ioarchive.scan.damage import BAD_ROWS_SCHEMA, BadRowsWarning, bad_rows
from ioarchive.scan.header import Header, detect_era, read_header
from ioarchive.scan.reader import (
    Source,
    read_tweets,
    read_users,
    resolve_sources,
    scan_headers,
    scan_tweets,
    scan_users,
)

__all__ = [
    "BAD_ROWS_SCHEMA",
    "BadRowsWarning",
    "Header",
    "Source",
    "bad_rows",
    "detect_era",
    "parse",
    "read_header",
    "read_tweets",
    "read_users",
    "resolve_sources",
    "scan_headers",
    "scan_tweets",
    "scan_users",
]
