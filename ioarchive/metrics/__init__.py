"""The descriptive measures of the research literature, as composable, lazy functions.

Two kinds: expressions (``tweet_type``, ``url_domain``, ``gini``, ``entropy``, and
``exact_time`` from :mod:`ioarchive.snowflake`) to use in ``select``, ``with_columns``,
``group_by().agg()`` and ``over()``; and frame metrics ``f(lf, /, *, by=None, ...)`` that take
a LazyFrame and return one, ready for ``LazyFrame.pipe``. None of them collects.

Examples:
    >>> import polars as pl
    >>> import ioarchive
    >>> from ioarchive import metrics
    >>> tweets = ioarchive.discover(ioarchive.synthetic.demo_archive_path()).tweets()
    >>> daily = tweets.pipe(metrics.activity, every="1d", by="campaign").collect()
    >>> daily.columns
    ['campaign', 'period', 'tweets']
"""

from ioarchive.metrics._expr import TWEET_TYPE, entropy, gini, tweet_type, url_domain
from ioarchive.metrics.accounts import batch_creation, creation_cohorts, summary
from ioarchive.metrics.activity import (
    account_activity,
    activity,
    burstiness,
    posting_profile,
    retweet_latency,
    tweet_types,
)
from ioarchive.metrics.content import concentration, top
from ioarchive.metrics.engagement import engagement
from ioarchive.snowflake import exact_time

__all__ = [
    "TWEET_TYPE",
    "account_activity",
    "activity",
    "batch_creation",
    "burstiness",
    "concentration",
    "creation_cohorts",
    "engagement",
    "entropy",
    "exact_time",
    "gini",
    "posting_profile",
    "retweet_latency",
    "summary",
    "top",
    "tweet_type",
    "tweet_types",
    "url_domain",
]
