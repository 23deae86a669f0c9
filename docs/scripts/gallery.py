"""Write docs/gallery.md and its images: every figure of ioarchive.plot, from the demo archive.

Each section's code runs here (and again in the test suite, which runs every Python block of
the docs); the figure it leaves in ``fig`` is saved under ``docs/images/gallery/``, and the
caption under it quotes the numbers drawn, from the metric itself, so that a change in the
data or the metric changes the page and the freshness test asks for a new run.

Usage:
    python docs/scripts/gallery.py               # rewrite the page and its images
    python docs/scripts/gallery.py --check       # exit 1 if the page or an image is stale
    python docs/scripts/gallery.py --screenshot  # also docs/images/report.png (Chromium)
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ioarchive

DOCS = Path(__file__).resolve().parents[1]
PAGE = DOCS / "gallery.md"
IMAGES = DOCS / "images" / "gallery"
SCREENSHOT = DOCS / "images" / "report.png"
DPI = 200

Namespace = dict[str, Any]
Caption = Callable[[Namespace], str]

SETUP = """\
import polars as pl
import ioarchive as ioa
from ioarchive import metrics as m, plot

catalog = ioa.discover(ioa.synthetic.demo_archive_path())
tweets = catalog.tweets()
iran = catalog["iran_202012"]
"""


def _peak(ns: Namespace) -> str:
    weekly = ns["m"].activity(ns["tweets"], every="1w", by="campaign").collect()
    top = weekly.sort("tweets", "campaign", "period", descending=[True, False, False]).row(0)
    return (
        f"The busiest week: {top[0]}, week of {top[1]:%Y-%m-%d}, {top[2]} tweets. Events are "
        "drawn as dashed lines with their label."
    )


def _hours(ns: Namespace) -> str:
    profile = ns["m"].posting_profile(ns["iran"].tweets(), tz="Asia/Tehran").collect()
    weekday, hour, tweets, share = profile.sort(
        "tweets", "weekday", "hour", descending=[True, False, False]
    ).row(0)
    day = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
    return (
        f"The busiest hour in Tehran: {day[weekday - 1]} at {hour}:00, {tweets} tweets "
        f"({share:.1%}). This synthetic campaign posts around the clock; an operation run from "
        "an office shows its working hours and days off."
    )


def _cohorts(ns: Namespace) -> str:
    users = ns["catalog"].users()
    yearly = ns["m"].creation_cohorts(users, every="1y").collect()
    batches = ns["m"].batch_creation(users, min_accounts=2).collect()
    days = ", ".join(f"{d:%Y-%m-%d} ({n})" for d, n in batches.select("day", "accounts").rows())
    return (
        f"{yearly['accounts'].sum()} accounts created from {yearly['period'].min():%Y} to "
        f"{yearly['period'].max():%Y}; batch-creation days (two or more accounts on one day): "
        f"{days or 'none'}. Each triangle marks a day on which that many accounts were created."
    )


def _top(column: str) -> Caption:
    def caption(ns: Namespace) -> str:
        top = ns["m"].top(ns["iran"].tweets(), ns["plot"].TOP_COLUMNS[column], k=1).collect()
        value, count, share = top.select("value", "count", "share").row(0)
        return f"The most frequent of iran_202012's {column}: `{value}`, {count} ({share:.0%})."

    return caption


def _latency(ns: Namespace) -> str:
    latency = ns["m"].retweet_latency(ns["iran"].tweets()).collect()["latency_seconds"]
    return (
        f"{latency.len()} retweets, median {latency.median() / 3600:.1f} h, "
        f"{(latency < 60).sum()} within a minute. Retweeting on cue shows as a mass of "
        "latencies of seconds, left of the one-minute line."
    )


def _network(ns: Namespace) -> str:
    edges = ns["edges"].collect()
    groups = ns["network"].groups(edges.lazy()).collect()
    planted = ns["planted"].groups.filter(ns["pl"].col("kind") == "retweet")
    return (
        f"{edges.height} edges in {groups['group'].n_unique()} groups; "
        f"{planted.height} accounts were planted to co-retweet. Filled nodes are hashed accounts."
    )


# (anchor, title, prose, code, caption)
FIGURES: list[tuple[str, str, str, str, Caption]] = [
    (
        "activity",
        "Activity over time",
        "Tweets per period, one line per campaign, with events marked.",
        'fig = plot.activity(tweets, every="1w", events={"2019-06-01": "an event"})\n',
        _peak,
    ),
    (
        "posting-heatmap",
        "Posting hours",
        "The hour x weekday heatmap of one campaign's posting, in a chosen time zone.",
        'fig = plot.posting_heatmap(iran.tweets(), tz="Asia/Tehran")\n',
        _hours,
    ),
    (
        "creation-cohorts",
        "Account creation",
        "Accounts created per period, with the batch-creation days marked.",
        'fig = plot.creation_cohorts(catalog.users(), every="1y", min_accounts=2)\n',
        _cohorts,
    ),
    (
        "top-hashtags",
        "Top hashtags",
        "The top-k values of a column as bars, with each value's share of all.",
        'fig = plot.top_values(iran.tweets(), "hashtags", k=8)\n',
        _top("hashtags"),
    ),
    (
        "top-domains",
        "Top domains",
        "The domains of the URLs tweeted (`metrics.url_domain`).",
        'fig = plot.top_values(iran.tweets(), "domains", k=8)\n',
        _top("domains"),
    ),
    (
        "top-clients",
        "Top clients",
        "The apps the tweets were posted with.",
        'fig = plot.top_values(iran.tweets(), "clients")\n',
        _top("clients"),
    ),
    (
        "top-languages",
        "Top languages",
        "The tweets' languages, as Twitter detected them.",
        'fig = plot.top_values(iran.tweets(), "languages")\n',
        _top("languages"),
    ),
    (
        "retweet-latency",
        "Retweet latency",
        "Seconds from each retweeted tweet to its retweet, both read from the tweet ids, on a "
        "log scale.",
        "fig = plot.retweet_latency(iran.tweets())\n",
        _latency,
    ),
    (
        "network",
        "Coordination network",
        "The largest group of accounts linked by co-action (here co-retweets within 60 s, at "
        "least 3 times), on synthetic tweets with planted coordinated groups "
        "(`ioarchive.synthetic.coordination`).",
        "from ioarchive import network\n"
        "from ioarchive.synthetic.coordination import coordinated_tweets\n"
        "\n"
        "planted = coordinated_tweets(seed=1)\n"
        'edges = network.co_action(planted.tweets.lazy(), on="retweet", window="60s",'
        " min_weight=3)\n"
        "fig = plot.network(edges)\n",
        _network,
    ),
]

INTRO = """\
# Gallery

<!-- Generated by docs/scripts/gallery.py: edit the script, then run it. -->

Every figure of `ioarchive.plot`, drawn from the demo archive bundled with the package. Each
function takes its metric's result (a DataFrame or LazyFrame) or the tweets or users, and
returns a matplotlib `Figure` without showing anything: save it with `fig.savefig("a.png")`
(or `.svg`, `.pdf`), or display it in a notebook. One style throughout: the Okabe-Ito colours,
which stay apart with every common colour-vision deficiency, sized for one column of a paper
(3.5 inches), with titles and axes that say the unit and the time zone. Install the extra
first: `pip install 'ioarchive[plot]'`.

The setup shared by the examples:

```python
{setup}```
"""

REPORT = """\
## The campaign report

Every figure and table above, with the campaign's numbers and its internal and external
references, for one campaign or several side by side, in one HTML file that opens offline
(figures inline, no request of any kind):

```python
import tempfile

ioa.report([catalog["iran_202012"], catalog["ira"]], f"{tempfile.mkdtemp()}/report.html")
```

or from the command line:

```console
$ ioarchive report MIRROR --campaign iran_202012 --campaign ira -o report.html
```

The top of that page, as headless Chromium renders it:

![The campaign report of iran_202012 and ira](images/report.png)
"""


def _run(code: str, namespace: Namespace) -> None:
    exec(compile(code, "<gallery>", "exec"), namespace)


def render() -> tuple[str, dict[str, Any]]:
    """Run every example; return the page's text and the figures by image name."""
    namespace: Namespace = {"__name__": "__gallery__"}
    _run(SETUP, namespace)
    chunks = [INTRO.format(setup=SETUP)]
    figures = {}
    for anchor, title, prose, code, caption in FIGURES:
        _run(code, namespace)
        figures[anchor] = namespace["fig"]
        chunks.append(
            f"## {title}\n\n{textwrap.fill(prose, 96)}\n\n```python\n{code}```\n\n"
            f"![{title}](images/gallery/{anchor}.png)\n\n"
            f"{textwrap.fill(caption(namespace), 96)}\n"
        )
    chunks.append(REPORT)
    return "\n".join(chunks), figures


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return int(width), int(height)


def expected_size(fig: Any) -> tuple[int, int]:
    """The pixel size of a figure saved at the gallery's DPI."""
    width, height = fig.get_size_inches()
    return round(width * DPI), round(height * DPI)


def stale(text: str, figures: dict[str, Any]) -> list[str]:
    """What is out of date: the page, missing images or images of another size."""
    problems = [] if PAGE.read_text(encoding="utf-8") == text else [str(PAGE)]
    for name, fig in figures.items():
        image = IMAGES / f"{name}.png"
        if not image.exists() or _png_size(image) != expected_size(fig):
            problems.append(str(image))
    if not SCREENSHOT.exists():
        problems.append(str(SCREENSHOT))
    return problems


def screenshot(catalog: Any) -> None:
    """Render the two-campaign report in headless Chromium and save its top as a PNG."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is needed for --screenshot: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = ioarchive.report([catalog["iran_202012"], catalog["ira"]], Path(tmp) / "r.html")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                "--window-size=1280,1900",
                f"--screenshot={SCREENSHOT}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def main() -> None:
    """Write the page and images, or with ``--check`` compare them with what the code gives."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    parser.add_argument("--screenshot", action="store_true", help="also the report's screenshot")
    args = parser.parse_args()
    text, figures = render()
    if args.check:
        problems = stale(text, figures)
        if problems:
            print(f"out of date: {', '.join(problems)}; run {sys.argv[0]}", file=sys.stderr)
            raise SystemExit(1)
        return
    IMAGES.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # DejaVu Sans lacks some scripts (Thai, CJK): their glyphs are drawn as boxes.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        for name, fig in figures.items():
            fig.savefig(IMAGES / f"{name}.png", dpi=DPI, metadata={"Software": None})
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE} and {len(figures)} images under {IMAGES}")
    if args.screenshot:
        screenshot(ioarchive.discover(ioarchive.synthetic.demo_archive_path()))
        print(f"wrote {SCREENSHOT}")


if __name__ == "__main__":
    main()
