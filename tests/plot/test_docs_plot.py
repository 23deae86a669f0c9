"""The gallery page is its script's output; the plot and report modules are documented."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

import ioarchive

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["ioarchive.plot", "ioarchive.reporting"]


def gallery_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gallery", ROOT / "docs" / "scripts" / "gallery.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gallery_page_and_images_are_current() -> None:
    """Regenerate with `python docs/scripts/gallery.py` when a figure or the data changes."""
    pytest.importorskip("matplotlib", reason="the gallery's figures need the plot extra")
    gallery = gallery_script()
    text, figures = gallery.render()
    assert sorted(figures) == sorted(name for name, *_ in gallery.FIGURES)
    assert gallery.stale(text, figures) == [], "run: python docs/scripts/gallery.py"
    for name in figures:
        assert f"](images/gallery/{name}.png)" in text
    assert "](images/report.png)" in text


def test_gallery_shows_every_figure() -> None:
    gallery = gallery_script()
    code = "".join(code for _, _, _, code, _ in gallery.FIGURES)
    functions = [n for n in ioarchive.plot.__all__ if callable(getattr(ioarchive.plot, n))]
    for name in functions:
        assert f"plot.{name}(" in code, f"the gallery lacks plot.{name}"
    for column in ("hashtags", "domains", "clients", "languages"):
        assert f'"{column}"' in code


def documented() -> set[str]:
    pages = (ROOT / "docs" / "reference").glob("*.md")
    return {m for page in pages for m in re.findall(r"^::: ([\w.]+)", page.read_text(), re.M)}


@pytest.mark.parametrize("name", MODULES)
def test_module_api_is_sorted_documented_and_exported(name: str) -> None:
    module = importlib.import_module(name)
    names = module.__all__
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    for public in names:
        value = getattr(module, public)
        if inspect.isfunction(value):
            doc = inspect.getdoc(value) or ""
            assert "Examples:" in doc, f"{name}.{public} has no example"
    assert name in documented()


def test_top_level_exports() -> None:
    assert ioarchive.plot is importlib.import_module("ioarchive.plot")
    assert ioarchive.report is importlib.import_module("ioarchive.reporting").report
    assert {"plot", "report"} <= set(ioarchive.__all__)
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in ("gallery.md", "reference/plot.md", "reference/report.md"):
        assert page in nav
