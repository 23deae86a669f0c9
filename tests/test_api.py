"""The public API stays honest: sorted, complete, documented, with a single version."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest

import ioarchive

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_MODULES = sorted(
    ["ioarchive"]
    + [
        m.name
        for m in pkgutil.walk_packages(ioarchive.__path__, "ioarchive.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
)
"""Every module whose dotted name has no private part: each keeps an honest ``__all__``."""


def documented_modules() -> set[str]:
    pages = (ROOT / "docs" / "reference").glob("*.md")
    return {m for page in pages for m in re.findall(r"^::: ([\w.]+)", page.read_text(), re.M)}


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    module = importlib.import_module(name)
    names = module.__all__
    # Sorted as ruff sorts __all__ (RUF022): CONSTANTS, then Classes, then functions.
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    assert len(set(names)) == len(names)
    for public in names:
        assert hasattr(module, public), f"{name}.{public} is in __all__ but missing"
    defined = {
        n
        for n, value in vars(module).items()
        if not n.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and getattr(value, "__module__", "") == name
    }
    assert defined <= set(names), f"public but not in __all__: {sorted(defined - set(names))}"


def test_the_public_modules_are_the_stage_packages() -> None:
    top = {m.split(".")[1] for m in PUBLIC_MODULES if m.count(".") >= 1}
    assert {"discovery", "scan", "identity", "metrics", "synthetic", "schema"} <= top
    assert not {"naming", "parse", "header"} & top  # they live in their stage packages


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_module_is_in_the_api_reference(name: str) -> None:
    # A module of a stage package is documented through the package's page.
    parents = {".".join(name.split(".")[: i + 1]) for i in range(name.count(".") + 1)}
    assert parents & documented_modules() - {"ioarchive"} or name == "ioarchive"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_callable_has_a_docstring_with_an_example(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__
    for public in module.__all__:
        value = getattr(module, public)
        if inspect.isfunction(value) and value.__module__ == name and name != "ioarchive.cli":
            doc = inspect.getdoc(value) or ""
            assert doc, f"{name}.{public} has no docstring"


def test_one_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" in project["dynamic"]
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+)?", ioarchive.__version__)
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()
