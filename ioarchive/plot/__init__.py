"""The figures of the research literature, drawn from the metrics (optional extra ``plot``).

One function per figure. Each takes the result of its metric (a DataFrame or a LazyFrame) or,
where natural, the metric's input (tweets or users) and computes the metric itself; it returns
a `matplotlib.figure.Figure` and shows nothing: save it with ``fig.savefig("a.png")``
(or ``.svg``, ``.pdf``), or display it in a notebook.

- [`activity`][ioarchive.plot.activity]: tweets per period over time, one line per campaign,
  events marked.
- [`posting_heatmap`][ioarchive.plot.posting_heatmap]: the hour x weekday heatmap of posting in
  a chosen time zone.
- [`creation_cohorts`][ioarchive.plot.creation_cohorts]: accounts created per period,
  batch-creation days marked.
- [`top_values`][ioarchive.plot.top_values]: the top-k hashtags, domains, clients, languages or
  mentions as bars.
- [`retweet_latency`][ioarchive.plot.retweet_latency]: the distribution of retweet latencies on
  a log scale.

- [`network`][ioarchive.plot.network]: the coordination network of one group of accounts, from
  the edges of [`network.co_action`][ioarchive.network.co_action].

One style throughout: the colour-blind-safe Okabe-Ito palette
([`OKABE_ITO`][ioarchive.plot.OKABE_ITO]) and the cividis colour map, sized for one column of a
paper ([`COLUMN_WIDTH`][ioarchive.plot.COLUMN_WIDTH], 3.5 in) with fonts of 7 to 9 pt, titles
and axes that say the unit and the time zone. Every setting is made on the figure's own
artists: matplotlib's global state (``rcParams``, pyplot) is never touched. Figures collect
their data (drawing needs the values); the metrics they call stay lazy until then.

Without matplotlib (``pip install 'ioarchive[plot]'``), every function raises
[`MissingDependencyError`][ioarchive.exceptions.MissingDependencyError]; importing this module
needs nothing.

Examples:
    >>> import ioarchive
    >>> from ioarchive import plot
    >>> dataset = ioarchive.discover(ioarchive.synthetic.demo_archive_path())["iran_202012"]
    >>> fig = plot.activity(dataset.tweets(), every="1w")
    >>> fig.axes[0].get_title(loc="left")
    'Tweets per week'
"""

from ioarchive.plot._accounts import creation_cohorts
from ioarchive.plot._content import TOP_COLUMNS, top_values
from ioarchive.plot._network import network
from ioarchive.plot._style import COLUMN_WIDTH, OKABE_ITO
from ioarchive.plot._time import activity, posting_heatmap, retweet_latency

__all__ = [
    "COLUMN_WIDTH",
    "OKABE_ITO",
    "TOP_COLUMNS",
    "activity",
    "creation_cohorts",
    "network",
    "posting_heatmap",
    "retweet_latency",
    "top_values",
]
