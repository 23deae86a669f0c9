"""Every Python example in README.md and docs/ runs, and the README's commands are CI's."""

from __future__ import annotations

import doctest
import importlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- not run[^>]*-->\s*)?```python\n(.*?)```", re.S)
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])


def blocks(page: Path) -> list[str]:
    return [code for skip, code in BLOCK.findall(page.read_text()) if not skip]


@pytest.mark.parametrize(
    "page", [p for p in PAGES if blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IOARCHIVE_CACHE_DIR", str(tmp_path / "cache"))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(blocks(page), 1):
        try:
            exec(compile(code, f"{page.name}[{number}]", "exec"), namespace)
        except Exception as error:
            pytest.fail(f"{page.name}, example {number} failed: {error!r}\n{code}")


@pytest.mark.parametrize(
    "page", [p for p in PAGES if ">>> " in p.read_text()], ids=lambda p: str(p.relative_to(ROOT))
)
def test_doctest_pages(page: Path) -> None:
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = 'python -m pip install -e ".[test]" && python -m pytest'
    assert command in readme
    assert command in ci.splitlines()


SPHINX_ROLE = re.compile(r":(?:func|class|data|mod|attr|meth|exc|obj):(?:`|<code>)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip(
        "mkdocs", reason="the docs extra is not installed: pip install -e '.[docs]'"
    )
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr, done.stderr[-3000:]
    return out


def test_built_site_shows_no_literal_sphinx_role(site: Path) -> None:
    hits = [
        f"{page.relative_to(site)}: {page.read_text()[m.start() : m.start() + 40]!r}"
        for page in site.rglob("*.html")
        for m in SPHINX_ROLE.finditer(page.read_text())
    ]
    assert hits == []


@pytest.mark.parametrize("package", ["discovery", "scan", "identity", "metrics"])
def test_reference_renders_every_public_function_of_a_stage(site: Path, package: str) -> None:
    module = importlib.import_module(f"ioarchive.{package}")
    page = (site / "reference" / package / "index.html").read_text()
    functions = [n for n in module.__all__ if inspect.isfunction(getattr(module, n))]
    missing = [n for n in functions if f'id="ioarchive.{package}.{n}"' not in page]
    assert functions
    assert missing == []
