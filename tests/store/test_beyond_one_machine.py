"""Over a store every public query is a pure Polars plan: it serialises and runs the same."""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import identity, metrics
from tests.store.conftest import Mirror

Query = Callable[[ioa.Catalog], pl.LazyFrame]


def _pair(catalog: ioa.Catalog) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    saudi = "saudi_arabia_082019_1"
    hashed, unhashed = catalog.dataset(saudi, hashed=True), catalog.dataset(saudi, hashed=False)
    return hashed.tweets(), unhashed.tweets()


QUERIES: dict[str, Query] = {
    "account_activity": lambda c: metrics.account_activity(c.tweets()),
    "activity": lambda c: metrics.activity(c.tweets(), every="1d", by="campaign"),
    "batch_creation": lambda c: metrics.batch_creation(c.users(), min_accounts=2),
    "burstiness": lambda c: metrics.burstiness(c.tweets(), min_tweets=3),
    "concentration": lambda c: metrics.concentration(c.tweets(), "tweet_client_name"),
    "creation_cohorts": lambda c: metrics.creation_cohorts(c.users(), by="campaign"),
    "engagement": lambda c: metrics.engagement(c.tweets(), by="campaign"),
    "posting_profile": lambda c: metrics.posting_profile(c.tweets(), tz="Asia/Tehran"),
    "retweet_latency": lambda c: metrics.retweet_latency(c.tweets()),
    "summary": lambda c: metrics.summary(c.tweets(), c.users()),
    "top": lambda c: metrics.top(c.tweets(), metrics.url_domain("urls"), k=5, by="campaign"),
    "tweet_types": lambda c: metrics.tweet_types(c.tweets(), by="campaign"),
    "accounts": lambda c: identity.accounts(c.tweets(), c.users()),
    "hash_map": lambda c: identity.hash_map(*_pair(c)),
    "leaks": lambda c: identity.leaks(c.tweets(), c.users()),
    "members": lambda c: identity.members(c.tweets(), c.users()),
    "references": lambda c: identity.references(c.tweets(), c.users()),
    "unhash": lambda c: identity.unhash(_pair(c)[0], identity.hash_map(*_pair(c)).collect()),
}


def _lazy_functions() -> set[str]:
    found = set()
    for module in (metrics, identity):
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isfunction(function):
                returns = inspect.signature(function).return_annotation
                if "LazyFrame" in str(returns):
                    found.add(name)
    return found


def test_every_lazy_function_is_covered() -> None:
    assert set(QUERIES) == _lazy_functions()


@pytest.fixture(scope="module")
def catalogs(mirror: Mirror, converted: Path) -> tuple[ioa.Catalog, ioa.Catalog]:
    return ioa.open_store(converted), ioa.discover(mirror[0], progress=False)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_plan_serialises_and_gives_the_same_result(
    name: str, catalogs: tuple[ioa.Catalog, ioa.Catalog]
) -> None:
    store, mirror = catalogs
    plan = QUERIES[name](store)
    data = plan.serialize()
    assert isinstance(data, bytes)
    assert data
    restored = pl.LazyFrame.deserialize(io.BytesIO(data))
    direct = plan.collect()
    # The mirror's two saudi copies are independent samples: no hash pairs with an id.
    assert direct.height > 0 or name == "hash_map"
    assert_frame_equal(_ordered(restored.collect()), _ordered(direct))
    assert_frame_equal(_ordered(direct), _ordered(QUERIES[name](mirror).collect()))


def _ordered(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows in a fixed order (functions that do not promise one may differ in row order)."""
    flat = [n for n, t in frame.schema.items() if not t.is_nested()]
    return frame.sort(flat, nulls_last=True, maintain_order=True)


def test_a_csv_scan_is_a_python_source(catalogs: tuple[ioa.Catalog, ioa.Catalog]) -> None:
    # The CSV scan is a Python IO source (it serialises only as pickled Python, where
    # cloudpickle is installed): this is why the store exists. The store's plan has none.
    assert "PYTHON[ioarchive tweets] SCAN" in catalogs[1].tweets().explain()
    assert "PYTHON" not in catalogs[0].tweets().explain()
