"""The co-action engine: pairs of accounts that did the same thing within a time window."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Literal

import polars as pl

from ioarchive.network._actions import ON_KINDS, On, actions, window_ms
from ioarchive.network._pairs import BOUNDED_MS, MULTI_KEY, matched_pairs
from ioarchive.network.presets import PRESETS, Preset, estimate_window

__all__ = ["EDGE_SCHEMA", "co_action"]

logger = logging.getLogger(__name__)

EDGE_SCHEMA: dict[str, pl.DataType] = {
    "account_1": pl.String(),
    "account_2": pl.String(),
    "weight": pl.UInt32(),
    "weight_1": pl.UInt32(),
    "weight_2": pl.UInt32(),
    "pairs": pl.UInt32(),
    "first_time": pl.Datetime("ms", "UTC"),
    "last_time": pl.Datetime("ms", "UTC"),
}
"""The columns of [`co_action`][ioarchive.network.co_action]'s edge table, in order (see there)."""

_Counted = Literal["hits", "rows", "tweets"]
_UNSET: Any = object()


def _encode(acts: pl.LazyFrame) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Replace account ids by dense UInt32 codes; return the coded actions and the dictionary.

    The codes follow the sorted ids, so that every evaluation of the dictionary within one
    plan gives the same codes.
    """
    acts = acts.cache()  # the codes and the actions come from one evaluation
    names = acts.select(pl.col("userid").unique().sort()).with_row_index("a")
    coded = acts.join(names, on="userid", how="inner").drop("userid")
    return coded, names


def co_action(
    tweets: pl.LazyFrame,
    /,
    *,
    on: On = _UNSET,
    window: str | int | float | dt.timedelta = _UNSET,
    min_weight: int = _UNSET,
    directed: bool = _UNSET,
    similarity: float = _UNSET,
    min_actions: int = _UNSET,
    min_participation: int = _UNSET,
    percentile: float | None = _UNSET,
    top_share: float | None = _UNSET,
    preset: str | Preset = "qut",
) -> pl.LazyFrame:
    """Link accounts that did the same thing within a time window: the co-action network.

    Two actions *match* when they share the key of ``on`` and happened at most ``window``
    apart, in either order:

    | ``on`` | key | tweets that take part |
    | --- | --- | --- |
    | ``retweet`` | ``retweet_tweetid`` | retweets |
    | ``tweet`` | the normalised text (see below) | non-retweets, text not empty |
    | ``reply`` | ``in_reply_to_tweetid`` | non-retweets that reply |
    | ``url`` | each distinct URL, exact | non-retweets |
    | ``domain`` | each distinct URL host without ``www.`` | non-retweets |
    | ``hashtag`` | each distinct hashtag, lower-cased | non-retweets |
    | ``mention`` | each distinct mentioned account | non-retweets |
    | ``post`` | none: any two posts | every tweet |
    | ``similar`` | token-set Jaccard >= ``similarity`` | non-retweets with a token |

    Texts are normalised by [`normalised_text`][ioarchive.network.normalised_text] and tokens
    made by [`token_set`][ioarchive.network.token_set].

    With the default preset ``"qut"`` the result is exactly the QUT Digital Observatory's
    coordination-network-toolkit: **directed**, the weight of ``account_1 -> account_2`` is
    the number of *distinct tweets* of ``account_1`` that ``account_2`` matched; the window is
    inclusive (exactly ``window`` apart is in) and pairwise (no transitivity); an account never
    links to itself; ``min_weight`` applies to each direction separately. Time is the exact
    millisecond of the snowflake ``tweetid``; tweets with older, sequential ids fall back to
    ``tweet_time`` (which the archive keeps to the minute). Tweets are unique by ``tweetid``
    (rows repeated across parts count once). A retweet counts for ``retweet`` even when its
    ``retweet_userid`` is empty. Unlike the toolkit, texts that normalise to nothing never
    match for ``tweet``, and a tweet without URLs never matches for ``url``.

    With ``directed=False`` there is one row per unordered pair (``account_1 < account_2``)
    and ``weight`` is the number of matched *pairs of actions* (CooRTweet's weight: one share
    of A and two of B of one tweet, all within the window, give 2); ``min_weight`` applies to
    it. ``weight_1`` and ``weight_2`` still give the two directed weights.

    The engine sorts the actions by (key, time) and pairs each action only with the actions
    of its key inside the window, found by an as-of join on the sorted times: memory grows
    with the matched pairs, not with the square of a popular key's share count. The plan is
    pure Polars (no Python callback): it serialises and runs on any engine.

    Args:
        tweets: Tweets in the canonical schema.
        on: The kind of co-action (see the table); default: the preset's (``retweet``).
        window: The largest gap between two matched actions: ``"60s"``, ``"500ms"``,
            ``"10m"``, a number of seconds, a timedelta, or ``"auto"`` (estimated from the
            data as CooRnet does, [`estimate_window`][ioarchive.network.estimate_window]). Default:
            the
            preset's (``qut``: 60 s).
        min_weight: Keep edges whose weight is at least this (``qut``: 2).
        directed: Directed QUT edges (True, ``qut``) or undirected pair counts (False).
        similarity: For ``on="similar"``: the least Jaccard similarity of two token sets
            (inclusive; default 0.8, the toolkit's command-line default).
        min_actions: Leave out accounts with fewer actions of this kind before pairing.
        min_participation: CooRTweet's rule: leave out accounts with fewer actions, and keep
            an edge only when one of its accounts has at least this many matched actions.
        percentile: Keep edges whose weight is strictly greater than this quantile of all
            kept weights (R's default quantile, type 7; CooRTweet's edge filter), e.g. 0.5.
        top_share: Keep this share of the edges, the heaviest (ties at the cut kept), e.g.
            0.005 for Pacheco et al.'s top 0.5 %.
        preset: A preset name or [`Preset`][ioarchive.network.Preset] giving the defaults
            ([`PRESETS`][ioarchive.network.PRESETS]); arguments given explicitly override it.

    Returns:
        A LazyFrame of edges ([`EDGE_SCHEMA`][ioarchive.network.EDGE_SCHEMA]), one row per kept
        directed (or unordered)
        account pair, sorted by ``account_1``, ``account_2``: ``account_1``, ``account_2``
        (String userids), ``weight`` (UInt32), ``weight_1`` (UInt32: distinct tweets of
        ``account_1`` matched by ``account_2``), ``weight_2`` (the same the other way),
        ``pairs`` (UInt32: matched pairs of actions of the two), ``first_time``, ``last_time``
        (Datetime(ms, UTC): the earliest and latest matched action of the two).

    Raises:
        ValueError: An unknown ``on`` or preset, a window that cannot be read, or a
            ``min_weight`` below 1.

    Examples:
        >>> import polars as pl
        >>> from ioarchive.schema import TWEET_SCHEMA
        >>> from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS as E
        >>> def rt(i, user, ms, source):  # a retweet at Unix time ms
        ...     return {"tweetid": ((ms - E) << 22) + i, "userid": user, "is_retweet": True,
        ...             "retweet_tweetid": source}
        >>> t0 = 1_600_000_000_000
        >>> rows = [rt(1, "a", t0, 7), rt(2, "b", t0 + 60_000, 7),
        ...         rt(3, "a", t0, 8), rt(4, "b", t0 + 1_000, 8), rt(5, "b", t0 + 2_000, 8)]
        >>> tweets = pl.LazyFrame(rows, schema=TWEET_SCHEMA)
        >>> co_action(tweets, on="retweet", window="60s").select(
        ...     "account_1", "account_2", "weight", "pairs").collect().rows()
        [('a', 'b', 2, 3), ('b', 'a', 3, 3)]
    """
    chosen = PRESETS.get(preset) if isinstance(preset, str) else preset
    if not isinstance(chosen, Preset):
        raise ValueError(f"unknown preset {preset!r}\nHint: one of {', '.join(sorted(PRESETS))}")
    given = {
        "on": on,
        "window": window,
        "min_weight": min_weight,
        "directed": directed,
        "similarity": similarity,
        "min_actions": min_actions,
        "min_participation": min_participation,
        "percentile": percentile,
        "top_share": top_share,
    }
    p = chosen.with_overrides({k: v for k, v in given.items() if v is not _UNSET})
    if p.on not in ON_KINDS:
        raise ValueError(f"on must be one of {', '.join(ON_KINDS)}, not {p.on!r}")
    if p.min_weight < 1:
        raise ValueError(f"min_weight={p.min_weight}: must be a whole number of at least 1")
    logger.debug("co_action with %s", p)
    source = p.prepare(tweets) if p.prepare is not None else tweets
    acts = actions(source, p.on)
    least = max(p.min_actions, p.min_participation)
    if least > 1:
        acts = acts.filter(pl.col("tweetid").n_unique().over("userid") >= least)
    coded, names = _encode(acts)
    if p.window == "auto":
        estimated = estimate_window(source, on=p.on).select(pl.col("window_ms").alias("_w"))
        coded = coded.join(estimated, how="cross")
        win, bounded = pl.col("_w"), False
    else:
        ms = window_ms(p.window)
        win, bounded = pl.lit(ms, pl.Int64), ms <= BOUNDED_MS
    # min_participation counts every matched action, so it needs every pair.
    least = p.min_weight if p.min_participation <= 1 else 1
    pairs = matched_pairs(coded, win, p.on, least=least, similarity=p.similarity, bounded=bounded)
    if p.on in MULTI_KEY:
        counted: _Counted = "tweets"
    else:
        counted = "rows" if p.on == "similar" else "hits"
    edges = _edges(pairs, p.directed, counted).filter(pl.col("weight") >= p.min_weight)
    if p.min_participation > 1:
        edges = _participation(edges, pairs, p.min_participation)
    if p.percentile is not None:
        edges = edges.filter(pl.col("weight") > pl.col("weight").quantile(p.percentile, "linear"))
    if p.top_share is not None:
        # Rounded first: 100 * 0.07 is 7.000000000000001 in floating point, not 7.
        n = (pl.len().cast(pl.Float64) * p.top_share).round(9).ceil()
        edges = edges.filter(pl.col("weight").rank("min", descending=True) <= n)
    return _decode(edges, names, p.directed)


def _edges(pairs: pl.LazyFrame, directed: bool, counted: _Counted) -> pl.LazyFrame:
    """Directed QUT weights (distinct tweets) and per-pair statistics, on account codes.

    How the distinct messages are counted (``counted``): ``"hits"``, sums of the pairs'
    first-hit flags ``h_1``/``h_2`` (see `ioarchive.network._pairs`); ``"rows"`` (messages are row
    numbers, below 2**32), a message and its partner account make one UInt64, flagged at its
    first pair, and the weights are sums; ``"tweets"``, distinct tweet ids per pair.
    """
    hi_first = pl.col("a_1") > pl.col("a_2")
    lo_message = pl.when(hi_first).then("m_2").otherwise("m_1")
    hi_message = pl.when(hi_first).then("m_1").otherwise("m_2")
    if counted == "hits":
        lo_weight = pl.when(hi_first).then("h_2").otherwise("h_1").sum()
        hi_weight = pl.when(hi_first).then("h_1").otherwise("h_2").sum()
    elif counted == "rows":
        lo_code, hi_code = pl.col("pc") // (1 << 32), pl.col("pc") % (1 << 32)
        pairs = pairs.with_columns(
            (lo_message.cast(pl.UInt64) * (1 << 32) + hi_code).is_first_distinct().alias("_lo"),
            (hi_message.cast(pl.UInt64) * (1 << 32) + lo_code).is_first_distinct().alias("_hi"),
        )
        lo_weight, hi_weight = pl.col("_lo").sum(), pl.col("_hi").sum()
    else:
        lo_weight, hi_weight = lo_message.n_unique(), hi_message.n_unique()
    per_pair = pairs.group_by("pc").agg(
        lo_weight.cast(pl.UInt32).alias("w_lo"),
        hi_weight.cast(pl.UInt32).alias("w_hi"),
        pl.len().cast(pl.UInt32).alias("pairs"),
        pl.col("t_1").min().alias("first"),
        pl.col("t_2").max().alias("last"),
    )
    lo = (pl.col("pc") // (1 << 32)).cast(pl.UInt32)
    hi = (pl.col("pc") % (1 << 32)).cast(pl.UInt32)
    common = ["pairs", "first", "last"]
    lo_first = per_pair.select(lo.alias("src"), hi.alias("dst"), "w_lo", "w_hi", *common)
    if not directed:
        return lo_first.with_columns(pl.col("pairs").alias("weight"))
    hi_first_rows = per_pair.select(
        hi.alias("src"),
        lo.alias("dst"),
        pl.col("w_hi").alias("w_lo"),
        pl.col("w_lo").alias("w_hi"),
        *common,
    )
    return pl.concat([lo_first, hi_first_rows]).with_columns(pl.col("w_lo").alias("weight"))


def _participation(edges: pl.LazyFrame, pairs: pl.LazyFrame, least: int) -> pl.LazyFrame:
    """Keep edges with an account that has at least ``least`` matched actions."""
    matched = pl.concat(
        [
            pairs.select(pl.col("a_1").alias("a"), pl.col("m_1").alias("m")),
            pairs.select(pl.col("a_2").alias("a"), pl.col("m_2").alias("m")),
        ]
    )
    active = (
        matched.group_by("a")
        .agg(pl.col("m").n_unique().alias("n"))
        .filter(pl.col("n") >= least)
        .select("a")
    )
    src = active.select(pl.col("a").alias("src"), pl.lit(True).alias("_ok_src"))
    dst = active.select(pl.col("a").alias("dst"), pl.lit(True).alias("_ok_dst"))
    joined = edges.join(src, on="src", how="left").join(dst, on="dst", how="left")
    keep = pl.col("_ok_src").fill_null(False) | pl.col("_ok_dst").fill_null(False)
    return joined.filter(keep).drop("_ok_src", "_ok_dst")


def _decode(edges: pl.LazyFrame, names: pl.LazyFrame, directed: bool) -> pl.LazyFrame:
    one = names.select(pl.col("a").alias("src"), pl.col("userid").alias("account_1"))
    two = names.select(pl.col("a").alias("dst"), pl.col("userid").alias("account_2"))
    # Codes follow the sorted ids: sorting by codes sorts by ids, and is cheaper; one UInt64
    # of both codes sorts faster than two columns.
    both = pl.col("src").cast(pl.UInt64) * (1 << 32) + pl.col("dst")
    # Joined in any order, then sorted once: cheaper than keeping the order through both joins.
    decoded = edges.join(one, on="src", how="left").join(two, on="dst", how="left").sort(both)
    when = pl.Datetime("ms")
    return decoded.select(
        "account_1",
        "account_2",
        pl.col("weight").cast(pl.UInt32),
        pl.col("w_lo").cast(pl.UInt32).alias("weight_1"),
        pl.col("w_hi").cast(pl.UInt32).alias("weight_2"),
        pl.col("pairs").cast(pl.UInt32),
        pl.col("first").cast(when).dt.replace_time_zone("UTC").alias("first_time"),
        pl.col("last").cast(when).dt.replace_time_zone("UTC").alias("last_time"),
    )
