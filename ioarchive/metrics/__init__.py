"""The descriptive measures of the research literature, as composable, lazy functions.

Two kinds:

- **Expressions** return a ``pl.Expr`` for ``select``, ``with_columns``, ``group_by().agg()``
  and ``over()``: [`tweet_type`][ioarchive.metrics.tweet_type],
  [`url_domain`][ioarchive.metrics.url_domain], [`gini`][ioarchive.metrics.gini],
  [`entropy`][ioarchive.metrics.entropy], and
  [`exact_time`][ioarchive.metrics.exact_time] (from [`ioarchive.snowflake`][ioarchive.snowflake]).
- **Frame metrics** ``f(tweets, /, *, by=None, ...) -> pl.LazyFrame`` take a LazyFrame (tweets
  or users in the canonical schema, the first argument named for which) and return one,
  ready for ``LazyFrame.pipe``:
  [`activity`][ioarchive.metrics.activity], [`posting_profile`][ioarchive.metrics.posting_profile],
  [`tweet_types`][ioarchive.metrics.tweet_types], [`top`][ioarchive.metrics.top],
  [`concentration`][ioarchive.metrics.concentration],
  [`account_activity`][ioarchive.metrics.account_activity],
  [`creation_cohorts`][ioarchive.metrics.creation_cohorts],
  [`batch_creation`][ioarchive.metrics.batch_creation],
  [`engagement`][ioarchive.metrics.engagement], [`burstiness`][ioarchive.metrics.burstiness],
  [`retweet_latency`][ioarchive.metrics.retweet_latency],
  [`summary`][ioarchive.metrics.summary].

Conventions shared by every frame metric:

- ``by`` names one grouping column or several (``"campaign"``, ``["campaign", "userid"]``);
  ``by=None`` treats the whole frame as one group (no key column in the result). A null key
  is a group of its own (``scan_tweets`` without ``campaign=`` gives a null campaign).
- Counts are UInt32; shares are Float64 in [0, 1] (null when the group has nothing to share).
- Nothing collects: each returns a query plan that runs on the streaming engine (the default)
  or in memory, with the same result. Results whose order means something are sorted (by
  group, then period or rank).
- Tweet types follow one precedence, retweet > quote > reply > original (see
  [`tweet_type`][ioarchive.metrics.tweet_type]).

Examples:
    >>> import polars as pl
    >>> import ioarchive
    >>> from ioarchive import metrics
    >>> tweets = ioarchive.discover(ioarchive.synthetic.demo_archive_path()).tweets()
    >>> daily = tweets.pipe(metrics.activity, every="1d", by="campaign").collect()
    >>> daily.columns
    ['campaign', 'period', 'tweets']
"""

from ioarchive.metrics.accounts import batch_creation, creation_cohorts
from ioarchive.metrics.content import concentration, top
from ioarchive.metrics.expressions import TWEET_TYPE, entropy, gini, tweet_type, url_domain
from ioarchive.metrics.overview import summary
from ioarchive.metrics.posting import account_activity, activity, posting_profile, tweet_types
from ioarchive.metrics.reception import engagement
from ioarchive.metrics.timing import burstiness, retweet_latency
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
