"""Fixtures of the store tests: the synthetic mirror of every naming variant, converted once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.mirror import Expected, build_mirror
from tests.store.common import convert_quietly

Mirror = tuple[Path, dict[tuple[str, bool], Expected]]


@pytest.fixture(scope="session")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Mirror:
    root = tmp_path_factory.mktemp("store-mirror") / "root"
    root.mkdir()
    return root, build_mirror(root, n_tweets=60)


@pytest.fixture(scope="session")
def converted(mirror: Mirror, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the whole mirror (do not modify it: copy it with ``store_copy``)."""
    store = tmp_path_factory.mktemp("store") / "store"
    convert_quietly(mirror[0], store)
    return store


@pytest.fixture
def store_copy(converted: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(converted, copy)
    return copy
