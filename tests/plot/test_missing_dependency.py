"""Without matplotlib, ioarchive imports and every figure says which extra to install."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import ioarchive
from ioarchive import plot
from ioarchive.cli import main
from ioarchive.exceptions import IOArchiveError, MissingDependencyError

DEMO = ioarchive.synthetic.demo_archive_path()
TWEETS = pl.LazyFrame({"tweet_time": [], "hashtags": []})
CALLS: dict[str, Callable[[], Any]] = {
    "activity": lambda: plot.activity(TWEETS),
    "posting_heatmap": lambda: plot.posting_heatmap(TWEETS),
    "creation_cohorts": lambda: plot.creation_cohorts(pl.LazyFrame({"period": [], "accounts": []})),
    "top_values": lambda: plot.top_values(TWEETS, "hashtags"),
    "retweet_latency": lambda: plot.retweet_latency(pl.LazyFrame({"latency_seconds": []})),
}


@pytest.fixture
def no_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import matplotlib`` fail as it does where it is not installed."""
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import raises ImportError


@pytest.mark.usefixtures("no_matplotlib")
@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_figure_names_the_extra(name: str) -> None:
    with pytest.raises(MissingDependencyError) as caught:
        CALLS[name]()
    error = caught.value
    assert isinstance(error, ImportError)
    assert isinstance(error, IOArchiveError)
    assert error.extra == "plot"
    assert error.package == error.name == "matplotlib"
    assert error.hint == "pip install 'ioarchive[plot]'"
    assert "matplotlib" in str(error)
    assert str(error).endswith("Hint: pip install 'ioarchive[plot]'")
    assert isinstance(error.__cause__, ImportError)


@pytest.mark.usefixtures("no_matplotlib")
def test_report_and_its_command_name_the_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    with pytest.raises(MissingDependencyError, match=r"ioarchive\[plot\]"):
        ioarchive.report(ioarchive.discover(DEMO)["ira"], out)
    assert not out.exists()
    assert main(["report", str(DEMO), "--campaign", "ira", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'ioarchive[plot]'" in err


def test_ioarchive_imports_without_matplotlib() -> None:
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "import ioarchive\n"
        "from ioarchive import plot\n"
        "assert callable(ioarchive.report) and callable(plot.activity)\n"
        "ioarchive.discover(ioarchive.synthetic.demo_archive_path()).tweets()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
