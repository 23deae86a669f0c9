"""A real headless Chromium, driven by Selenium, that reports console errors and requests.

Debian's ``chromium`` and ``chromium-driver`` packages (``.ci/run`` installs them). Every
request the page makes is read from Chromium's performance log (the DevTools Protocol's
``Network.requestWillBeSent`` events), console messages from its browser log.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--window-size=1280,900",
)


def _find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> tuple[str, str]:
    """Return the paths of chromium and chromedriver, or skip the test saying what is missing."""
    pytest.importorskip("selenium", reason="the browser test needs selenium (the test extra)")
    browser = _find("chromium", "chromium-browser")
    driver = _find("chromedriver")
    if browser is None or driver is None:
        pytest.skip(
            "no headless Chromium: apt-get install -y --no-install-recommends chromium "
            "chromium-driver (.ci/run does)"
        )
    return browser, driver


@dataclass
class PageLoad:
    """What loading one page did."""

    title: str
    console: list[dict[str, Any]]
    requests: list[str]


@contextmanager
def chromium() -> Iterator[Any]:
    """Start a fresh headless Chromium (own profile directory) and quit it afterwards."""
    browser, driver_path = require_chromium()
    os.environ.setdefault("SE_AVOID_STATS", "true")  # Selenium Manager sends no statistics
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="ioarchive-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def load(driver: Any, url: str) -> PageLoad:
    """Open ``url`` (after a blank page, so earlier requests are not counted) and report."""
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(url)
    driver.execute_script("return document.readyState")
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return PageLoad(driver.title, driver.get_log("browser"), requests)


def screenshot(driver: Any, path: Path, *, width: int = 1280) -> Path:
    """Save a PNG of the whole page (beyond the viewport) at ``width`` CSS pixels."""
    import base64

    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
