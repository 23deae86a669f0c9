"""Pairs of actions within the window: the part of the co-action engine that grows with its output.

[`co_action`][ioarchive.network.co_action] codes the accounts, calls `matched_pairs`, and turns
the pairs into weighted edges.
"""

from __future__ import annotations

import polars as pl

MULTI_KEY = frozenset({"url", "domain", "hashtag", "mention"})
"""The kinds whose tweets may carry several keys (a tweet is one action per key)."""


BOUNDED_MS = 86_400_000
"""The longest window (a day) whose virtual times cannot overflow (up to 10^11 keys)."""


def matched_pairs(
    coded: pl.LazyFrame,
    window: pl.Expr,
    on: str,
    *,
    least: int,
    similarity: float,
    bounded: bool,
) -> pl.LazyFrame:
    """Every pair of actions of two accounts on one key within ``window`` ms, earlier first.

    Rows are sorted by (key, time, tweet id); an as-of join (see `_window_starts`) gives, for
    each row, the first row it pairs with, and only the rows in between are paired (by row
    number, gathering the partner's account in the same select): the work and the memory grow
    with the matched pairs, not with the square of a key's size. ``bounded``: the window is a
    number of at most ``BOUNDED_MS``.

    With ``least`` > 1, pairs of accounts matched fewer than ``least`` times are dropped
    before the pairs get their times and tweets (an edge's weight never exceeds its matched
    pairs; most account pairs of a popular key match once).

    Where every pair of a window matches (single-key kinds but ``similar``), each pair also
    gets the flags ``h_1`` and ``h_2`` (see `_first_hits`) from which the weights are sums.
    """
    key = "key" if on != "similar" else "_all"
    keyed = coded if on != "similar" else coded.with_columns(pl.lit(0, pl.UInt8).alias("_all"))
    same = pl.col(key) == pl.col(key).shift(1)
    hits = on not in MULTI_KEY and on != "similar"
    # The key run and account of each row, for the first-hit flags (see `_with_previous`).
    run = (~same).fill_null(True).cum_sum().cast(pl.UInt64) * (1 << 32) + pl.col("a")
    numbered = (
        keyed.sort(key, "t", "tweetid")
        .with_columns(*([run.alias("_g")] if hits else []))
        .with_columns(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_i"))
    )
    ordered = _window_starts(numbered, key, window, same, bounded=bounded).cache()
    earlier = pl.col("_i") - pl.col("_lo")  # never negative: a row is in its own window
    partner = pl.int_ranges(pl.col("_lo"), pl.col("_i"), dtype=pl.UInt32).explode()
    extra = ["key"] if on == "similar" else []
    # One select gathers both sides of every pair, without a join on the many candidates;
    # measured faster and leaner than exploding and joining the partner on the heavier bench.
    candidates = ordered.select(
        partner.alias("x"),
        pl.col("_i").repeat_by(earlier).explode().alias("y"),
        *[pl.col(c).gather(partner).alias(f"{c}_1") for c in ["a", *extra]],
        *[pl.col(c).repeat_by(earlier).explode().alias(f"{c}_2") for c in ["a", *extra]],
    )
    if on == "similar":
        common = pl.col("key_1").list.set_intersection("key_2").list.len().cast(pl.Float64)
        union = pl.col("key_1").list.set_union("key_2").list.len().cast(pl.Float64)
        candidates = candidates.filter(common / union >= similarity)
    lo = pl.min_horizontal("a_1", "a_2").cast(pl.UInt64)
    hi = pl.max_horizontal("a_1", "a_2").cast(pl.UInt64)
    candidates = candidates.select("x", "y", (lo * (1 << 32) + hi).alias("pc"))
    if least > 1:
        # Both sides of the filter read the candidates: evaluate them once. (Left to common
        # subplan elimination, the streaming engine panics when there are none.)
        candidates = candidates.cache()
        candidates = candidates.join(_repeated(candidates, least), on="pc", how="semi")
    # In a single-key kind each row is one tweet: its row number identifies it.
    message = pl.col("tweetid") if on in MULTI_KEY else pl.col("_i")
    flags = ["_lo", "_prev"] if hits else []

    rows = _with_previous(ordered) if hits else ordered

    def side(n: int) -> pl.LazyFrame:
        return rows.select(
            pl.col("_i").alias("xy"[n - 1]),
            pl.col("a").alias(f"a_{n}"),
            message.alias(f"m_{n}"),
            pl.col("t").alias(f"t_{n}"),
            *[pl.col(c).alias(f"{c}_{n}") for c in flags],
        )

    # Pairs of one account's own actions are dropped only now, on the fewer pairs left.
    pairs = (
        candidates.join(side(1), on="x")
        .join(side(2), on="y")
        .filter(pl.col("a_1") != pl.col("a_2"))
    )
    return pairs.select("pc", "a_1", "a_2", "m_1", "m_2", "t_1", "t_2", *_first_hits(hits))


def _window_starts(
    numbered: pl.LazyFrame, key: str, window: pl.Expr, same: pl.Expr, *, bounded: bool
) -> pl.LazyFrame:
    """Add ``_lo``, the first row of each row's window (the rows are sorted by key and time).

    With a window of at most ``BOUNDED_MS`` (``bounded``), one as-of join of "virtual times"
    over all rows: each gap between consecutive rows of a key is capped at ``window + 1`` ms,
    and ``window + 1`` separates keys, so two rows are within the window exactly when they
    share a key and their virtual times differ by at most ``window`` (measured cheaper than a
    join per key, and than a binary search per row). A longer window could make the running
    sum pass the range of Int64 (``pacheco_coretweet``'s 5000 days at about 20 million keys):
    then an as-of join of the real times within each key.
    """
    if bounded:
        step = window + 1
        gap = pl.when(same).then(pl.min_horizontal(pl.col("t") - pl.col("t").shift(1), step))
        numbered = numbered.with_columns(gap.otherwise(step).fill_null(0).cum_sum().alias("_v"))
        time, by = "_v", []
    else:
        time, by = "t", [key]
    numbered = numbered.cache()
    starts = numbered.select(*by, pl.col(time).alias("_q"), pl.col("_i").alias("_lo"))
    return (
        numbered.with_columns((pl.col(time) - window).alias("_q"))
        .join_asof(starts, on="_q", by=by or None, strategy="forward", check_sortedness=False)
        .drop("_q", *(["_v"] if bounded else []))
    )


def _with_previous(ordered: pl.LazyFrame) -> pl.LazyFrame:
    """Add ``_prev``, the previous row of the same account on the same key (``_g``), or null.

    Sorting the rows stably by ``_g`` is cheaper than a window function over the key and the
    account (measured five times slower on 60k rows). The rows leave in that order: the sides
    of the pairs join on the row number, in any order.
    """
    same = pl.col("_g") == pl.col("_g").shift(1)
    previous = pl.when(same).then(pl.col("_i").shift(1)).alias("_prev")
    return ordered.sort("_g", maintain_order=True).with_columns(previous).cache()


def _first_hits(hits: bool) -> list[pl.Expr]:
    """Flag each pair's two actions where they first meet the other account, if ``hits``.

    ``h_1`` is true on the one pair, among those of action 1 with account 2's actions, whose
    action of account 2 comes first: the previous action of account 2 on the key (``_prev``)
    is outside action 1's window, which starts at row ``_lo`` (the window holds a contiguous
    range of rows). ``h_2`` the same the other way. Summing them counts the distinct actions
    of each account that the other matched, without hashing the pairs.
    """
    if not hits:
        return []

    def first(n: int, other: int) -> pl.Expr:
        prev = pl.col(f"_prev_{other}")
        return (prev.is_null() | (prev < pl.col(f"_lo_{n}"))).alias(f"h_{n}")

    return [first(1, 2), first(2, 1)]


def _repeated(candidates: pl.LazyFrame, least: int) -> pl.LazyFrame:
    """The pair codes ``pc`` that occur at least ``least`` times, once each, sorted.

    Sorting the codes alone and comparing each with the one ``least - 1`` places on is
    cheaper than counting them by hash when most codes occur once.
    """
    pc = pl.col("pc")
    starts = (pc != pc.shift(1)).fill_null(True)
    return candidates.select(pc.sort()).filter(starts & (pc == pc.shift(1 - least)))
