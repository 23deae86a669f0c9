"""Fixtures shared by the whole suite: the Polars engine, and a clean memory filesystem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fsspec
import pytest
from fsspec.implementations.memory import MemoryFileSystem

from tests.samples import ENGINES, EngineName


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> EngineName:
    """Each Polars engine in turn: every query must give the same result on both."""
    name: EngineName = request.param
    return name


@pytest.fixture
def memfs() -> Iterator[Any]:
    """fsspec's memory filesystem, emptied before and after the test (it is process-global)."""
    fs = fsspec.filesystem("memory")
    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]
    yield fs
    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]
