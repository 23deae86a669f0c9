"""Networks of accounts: interactions, co-action coordination, groups and graph exports.

- [`interactions`][ioarchive.network.interactions]: who retweets, replies to, mentions or
  quotes whom (directed edges).
- [`co_action`][ioarchive.network.co_action]: accounts that did the same thing within a time
  window (the co-retweet, co-tweet, co-URL, ... networks of the coordination literature),
  exact against the QUT toolkit by default; [`PRESETS`][ioarchive.network.PRESETS] name the
  rules of the papers; [`estimate_window`][ioarchive.network.estimate_window] estimates a
  window from the data.
- [`tfidf_similarity`][ioarchive.network.tfidf_similarity]: Pacheco et al.'s co-retweet and
  synchronised-posting networks (TF-IDF vectors, cosine, top edges), as their code computes.
- [`groups`][ioarchive.network.groups] and [`group_summary`][ioarchive.network.group_summary]:
  connected components or communities, described.
- [`nodes`][ioarchive.network.nodes], [`to_networkx`][ioarchive.network.to_networkx],
  [`to_igraph`][ioarchive.network.to_igraph], [`to_graphml`][ioarchive.network.to_graphml],
  [`to_gexf`][ioarchive.network.to_gexf]: the node table and graph exports (networkx and
  igraph need the optional extra: ``pip install 'ioarchive[graph]'``).

Every function but the exports takes and returns ``pl.LazyFrame``.

Examples:
    >>> import ioarchive
    >>> from ioarchive import network
    >>> tweets = ioarchive.discover(ioarchive.synthetic.demo_archive_path()).tweets()
    >>> edges = network.co_action(tweets, on="retweet", window="60s", min_weight=1)
    >>> edges.collect_schema().names()[:3]
    ['account_1', 'account_2', 'weight']
"""

from ioarchive.network._actions import On, normalised_text, token_set, window_ms
from ioarchive.network.coaction import EDGE_SCHEMA, co_action
from ioarchive.network.export import nodes, to_gexf, to_graphml, to_igraph, to_networkx
from ioarchive.network.grouping import GROUP_SCHEMA, Method, group_summary, groups
from ioarchive.network.interaction import interactions
from ioarchive.network.presets import PRESETS, Preset, estimate_window
from ioarchive.network.similarity import SIMILARITY_SCHEMA, Trace, tfidf_similarity

__all__ = [
    "EDGE_SCHEMA",
    "GROUP_SCHEMA",
    "PRESETS",
    "SIMILARITY_SCHEMA",
    "Method",
    "On",
    "Preset",
    "Trace",
    "co_action",
    "estimate_window",
    "group_summary",
    "groups",
    "interactions",
    "nodes",
    "normalised_text",
    "tfidf_similarity",
    "to_gexf",
    "to_graphml",
    "to_igraph",
    "to_networkx",
    "token_set",
    "window_ms",
]
