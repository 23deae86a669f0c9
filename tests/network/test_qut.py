"""co_action against the QUT Digital Observatory's coordination-network-toolkit 1.5.2.

The toolkit is run through its own command line on the same workload (written as its CSV
input, timestamps in snowflake milliseconds); its directed edge tables are read from the
SQLite database it writes, self-loops left out (its exporter drops them too). Its empty-URL
bug (every URL-less message stored with the URL "") is left out of the co_link comparison by
deleting those rows after preprocessing, before computing.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ioarchive import network
from ioarchive.schema import TWEET_SCHEMA
from tests.network.workload import workload, write_qut_csv

pytest.importorskip("coordination_network_toolkit")
CLI = shutil.which("compute_networks")
pytestmark = pytest.mark.skipif(CLI is None, reason="the toolkit's compute_networks is not on PATH")

KINDS = {
    "co_retweet": "retweet",
    "co_tweet": "tweet",
    "co_reply": "reply",
    "co_link": "url",
    "co_post": "post",
    "co_similar_tweet": "similar",
}
WINDOWS_S = (60, 5)
MIN_WEIGHT = 2
SIMILARITY = 0.8


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return workload(30_000, seed=11)


@pytest.fixture(scope="module")
def database(rows: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("qut")
    source = folder / "messages.csv"
    write_qut_csv(rows, source)
    db = folder / "qut.db"
    assert CLI is not None
    run = [CLI, str(db), "preprocess", "--format", "csv", str(source)]
    subprocess.run(run, check=True, capture_output=True)
    with sqlite3.connect(db) as con:  # the empty-URL bug, left out of the comparison
        con.execute("delete from message_url where url = ''")
    return db


def qut_edges(database: Path, kind: str, window_ms: int) -> set[tuple[str, str, int]]:
    assert CLI is not None
    run = [CLI, str(database), "compute", kind, "--time_window", str(window_ms)]
    run += ["--min_edge_weight", str(MIN_WEIGHT), "--n_cpus", "2"]
    if kind == "co_similar_tweet":
        run += ["--similarity_threshold", str(SIMILARITY)]
    subprocess.run(run, check=True, capture_output=True)
    with sqlite3.connect(database) as con:
        table = f"{kind}_network"
        found = con.execute(f"select user_1, user_2, weight from {table} where user_1 != user_2")
        return {(str(a), str(b), int(w)) for a, b, w in found}


@pytest.mark.parametrize("window_s", WINDOWS_S)
@pytest.mark.parametrize("kind", list(KINDS))
def test_identical_to_the_qut_toolkit(
    rows: list[dict[str, Any]], database: Path, kind: str, window_s: int
) -> None:
    expected = qut_edges(database, kind, window_s * 1000)
    edges = network.co_action(
        pl.LazyFrame(rows, schema=TWEET_SCHEMA),
        on=KINDS[kind],  # type: ignore[arg-type]
        window=f"{window_s}s",
        min_weight=MIN_WEIGHT,
        similarity=SIMILARITY,
    ).collect()
    got = set(edges.select("account_1", "account_2", "weight").iter_rows())
    assert len(expected) > 20, "the workload must produce edges of every kind"
    assert got == expected, (sorted(got - expected)[:5], sorted(expected - got)[:5])


def test_tokens_are_the_toolkits_on_the_workload(rows: list[dict[str, Any]]) -> None:
    from coordination_network_toolkit.similarity import message_preprocessor, tokenize

    texts = sorted({r["tweet_text"] for r in rows if not r["is_retweet"]})
    frame = pl.DataFrame({"tweet_text": texts})
    ours = frame.select(
        network.token_set().alias("tokens"), network.normalised_text().alias("text")
    )
    assert ours["tokens"].to_list() == [sorted(set(tokenize(t).split())) for t in texts]
    assert ours["text"].to_list() == [message_preprocessor(t) for t in texts]
