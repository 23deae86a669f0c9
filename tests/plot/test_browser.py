"""The report in a real headless Chromium: it loads, with no console error and no request.

Skipped, saying why, where Chromium or its driver is missing (``.ci/run`` installs Debian's
``chromium`` and ``chromium-driver``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the report's figures need the plot extra")

import ioarchive
from tests.plot.browser import PageLoad, chromium, load, screenshot
from tests.plot.test_report import HOSTILE_NAME, hostile_source

DEMO = ioarchive.synthetic.demo_archive_path()
ALL_IMAGES_DRAWN = (
    "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    " && document.images.length"
)


def local_only(page: PageLoad, url: str) -> list[str]:
    """The requests other than the page itself and its inline data: URIs."""
    return [r for r in page.requests if r != url and not r.startswith("data:")]


def severe(page: PageLoad) -> list[str]:
    return [e["message"] for e in page.console if e["level"] in ("SEVERE", "ERROR")]


def test_report_loads_offline_with_no_error_and_no_request(tmp_path: Path) -> None:
    catalog = ioarchive.discover(DEMO)
    out = ioarchive.report([catalog["iran_202012"], catalog["ira"]], tmp_path / "report.html")
    url = out.resolve().as_uri()
    with chromium() as driver:
        page = load(driver, url)
        assert page.title == "Campaign report: iran_202012, ira"
        assert severe(page) == []
        assert url in page.requests
        assert local_only(page, url) == []
        assert driver.execute_script(ALL_IMAGES_DRAWN) == 16
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 1280  # two campaigns fit side by side: no horizontal scrolling
        shot = screenshot(driver, tmp_path / "report.png")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    height = int.from_bytes(data[20:24], "big")
    assert int.from_bytes(data[16:20], "big") == 1280
    assert height > 3000  # the whole page, not only the first screen


def test_hostile_values_stay_text(tmp_path: Path) -> None:
    out = ioarchive.report(hostile_source(), tmp_path / "hostile.html")
    url = out.resolve().as_uri()
    with chromium() as driver:
        page = load(driver, url)
        assert severe(page) == []
        assert local_only(page, url) == []
        assert page.title == f"Campaign report: {HOSTILE_NAME}"  # no script changed it
        assert driver.execute_script("return document.scripts.length") == 0
        assert driver.execute_script(ALL_IMAGES_DRAWN) == 8


def test_the_checks_catch_a_request_and_a_console_error(tmp_path: Path) -> None:
    """A control: a page that does both is caught, so an empty result above means something."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><title>bad</title><img src='http://127.0.0.1:9/pixel.png'>"
        "<script>console.error('planted error')</script>",
        encoding="utf-8",
    )
    url = bad.resolve().as_uri()
    with chromium() as driver:
        page = load(driver, url)
    assert local_only(page, url) == ["http://127.0.0.1:9/pixel.png"]
    assert any("planted error" in message for message in severe(page))
