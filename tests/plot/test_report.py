"""The one-page report: its numbers, figures, tables, escaping, parameters, and the command."""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

pytest.importorskip("matplotlib", reason="the report's figures need the plot extra")

import ioarchive
from ioarchive import identity, metrics, network
from ioarchive.cli import main
from ioarchive.exceptions import SourceNotFoundError

DEMO = ioarchive.synthetic.demo_archive_path()
FIGURE = re.compile(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">')
HOSTILE_CLIENT = '<img src="http://127.0.0.1:9/leak.png" onerror="document.title=1">'
HOSTILE_TAG = "<script>document.title='x'</script>"
HOSTILE_NAME = 'evil"<b>&amp;'


@dataclass(frozen=True)
class Source:
    """A report source that is not a Dataset: in-memory frames (as a store would give)."""

    campaign: str
    frames: tuple[pl.LazyFrame, pl.LazyFrame | None]

    def tweets(self) -> pl.LazyFrame:
        return self.frames[0]

    def users(self) -> pl.LazyFrame:
        if self.frames[1] is None:
            raise SourceNotFoundError(f"dataset {self.campaign!r} has no users file")
        return self.frames[1]


def hostile_source(with_users: bool = True) -> Source:
    dataset = ioarchive.discover(DEMO)["iran_202012"]
    name = pl.lit(HOSTILE_NAME).alias("campaign")
    tweets = dataset.tweets().with_columns(
        name,
        pl.lit(HOSTILE_CLIENT).alias("tweet_client_name"),
        pl.lit([HOSTILE_TAG, "a&b", "$\\undefined$"]).alias("hashtags"),
    )
    users = dataset.users().with_columns(name) if with_users else None
    return Source(HOSTILE_NAME, (tweets, users))


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    catalog = ioarchive.discover(DEMO)
    out = tmp_path_factory.mktemp("report") / "two.html"
    written = ioarchive.report(
        [catalog["iran_202012"], catalog["ira"]],
        out,
        every="1mo",
        tz="Asia/Tehran",
        k=7,
        min_accounts=2,
        events={"2019-06-01": "an <event> & more"},
    )
    assert written == out
    return out, out.read_text(encoding="utf-8")


def test_report_is_one_self_contained_file(two: tuple[Path, str]) -> None:
    _, page = two
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert "default-src 'none'" in page
    for external in ("http://", "https://", "//cdn", "<script", "<link", "@import", "url("):
        assert external not in page
    figures = FIGURE.findall(page)
    assert len(figures) == 2 * 8  # activity, hours, creation, latency, four tops; per campaign
    for encoded, alt in figures:
        svg = base64.b64decode(encoded).decode("utf-8")
        assert "<svg" in svg
        assert "http://www.w3.org/2000/svg" in svg  # the namespace, not a request
        assert alt


def test_report_numbers_are_the_summary(two: tuple[Path, str]) -> None:
    _, page = two
    catalog = ioarchive.discover(DEMO)
    s = metrics.summary(catalog.tweets(), catalog.users()).collect()
    for row in s.filter(pl.col("campaign").is_in(["ira", "iran_202012"])).iter_rows(named=True):
        assert f'<td class="value">{row["accounts"]:,}</td>' in page
        assert f'<td class="value">{100 * row["hashed_share"]:.1f}%</td>' in page
        assert f"{row['first_tweet']:%Y-%m-%d %H:%M}" in page
        assert f"{row['last_tweet']:%Y-%m-%d %H:%M}" in page
        assert f"{100 * row['share_retweet']:.1f}%" in page
    assert page.index("<th>iran_202012</th>") < page.index("<th>ira</th>")  # order as given


def test_report_sections_and_parameters(two: tuple[Path, str]) -> None:
    _, page = two
    headings = re.findall(r"<h2>([^<]*)</h2>", page)
    assert headings == [
        "The numbers",
        "Activity over time",
        "Posting hours (Asia/Tehran)",
        "Account creation",
        "Retweet latency",
        "Top hashtags",
        "Top domains (of URLs)",
        "Top clients",
        "Top tweet languages",
        "Internal and external references",
        "Coordinated accounts",
        "Parameters",
    ]
    assert f"ioarchive {ioarchive.__version__}" in page
    for value in ("1mo", "Asia/Tehran", ">7<", ">2<", "an &lt;event&gt; &amp; more"):
        assert value in page


def test_report_top_tables_are_the_top_metric(two: tuple[Path, str]) -> None:
    _, page = two
    tweets = ioarchive.discover(DEMO)["ira"].tweets()
    top = metrics.top(tweets, metrics.url_domain("urls"), k=7).collect()
    section = page[page.index('id="top-domains"') : page.index('id="top-clients"')]
    ira = section[section.index("<h3>ira</h3>") :]
    for rank, value, count, share in top.select("rank", "value", "count", "share").rows():
        cells = (
            f'<td class="num">{rank}</td><td class="value">{html.escape(value)}</td>'
            f'<td class="num">{count:,}</td><td class="num">{100 * share:.1f}%</td>'
        )
        assert cells in ira


def test_report_references_are_the_identity_references(two: tuple[Path, str]) -> None:
    _, page = two
    dataset = ioarchive.discover(DEMO)["ira"]
    refs = identity.references(dataset.tweets(), dataset.users()).collect()
    section = page[page.index('id="references"') : page.index('id="parameters"')]
    ira = section[section.index("<h3>ira</h3>") :]
    for kind in ("retweet", "reply", "mention", "quote"):
        of_kind = refs.filter(pl.col("kind") == kind)
        counts = [of_kind.filter(pl.col("class") == c).height for c in REFERENCE_CLASSES]
        row = "".join(f'<td class="num">{n:,}</td>' for n in [*counts, of_kind.height])
        assert f'<td class="value">{kind}</td>{row}' in ira


REFERENCE_CLASSES = ("internal", "external", "unknown")


def test_every_value_from_the_data_is_escaped(tmp_path: Path) -> None:
    out = ioarchive.report(hostile_source(), tmp_path / "hostile.html")
    page = out.read_text(encoding="utf-8")
    assert HOSTILE_CLIENT not in page
    assert HOSTILE_TAG not in page
    assert "<script" not in page
    assert "<b>" not in page
    assert html.escape(HOSTILE_CLIENT, quote=True) in page
    assert html.escape(HOSTILE_TAG, quote=True) in page
    assert html.escape(HOSTILE_NAME, quote=True) in page
    assert len(re.findall(r"<img ", page)) == 8  # only the figures


def test_a_source_without_users_file(tmp_path: Path) -> None:
    page = ioarchive.report(hostile_source(with_users=False), tmp_path / "t.html").read_text()
    assert "without a users file" in page
    assert len(FIGURE.findall(page)) == 8


def test_report_arguments_are_checked(tmp_path: Path) -> None:
    dataset = ioarchive.discover(DEMO)["ira"]
    with pytest.raises(ValueError, match="at least one dataset"):
        ioarchive.report([], tmp_path / "x.html")
    with pytest.raises(ValueError, match="k=0: must be"):
        ioarchive.report(dataset, tmp_path / "x.html", k=0)
    with pytest.raises(ValueError, match="min_accounts=-3: must be"):
        ioarchive.report(dataset, tmp_path / "x.html", min_accounts=-3)
    with pytest.raises(ValueError, match="every='daily': not a positive Polars duration"):
        ioarchive.report(dataset, tmp_path / "x.html", every="daily")
    with pytest.raises(ValueError, match="cohort_every='1zz'"):
        ioarchive.report(dataset, tmp_path / "x.html", cohort_every="1zz")
    with pytest.raises(ValueError, match="tz='Tehran': not an IANA time zone"):
        ioarchive.report(dataset, tmp_path / "x.html", tz="Tehran")
    assert not (tmp_path / "x.html").exists()


def test_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.html"
    args = ["report", str(DEMO), "--campaign", "ira", "--campaign", "iran_092020", "-o", str(out)]
    options = ["--tz", "Europe/Moscow", "--top", "5", "--every", "1d", "--event", "2019-06-01=A&B"]
    assert main([*args, *options]) == 0
    assert f"wrote {out} (2 campaigns)" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "<h2>Posting hours (Europe/Moscow)</h2>" in page
    assert "2019-06-01 00:00 UTC: A&amp;B" in page
    assert len(FIGURE.findall(page)) == 16
    assert main(["report", str(DEMO), "--campaign", "nope", "-o", str(out)]) == 2
    assert "no dataset 'nope'" in capsys.readouterr().err
    assert main([*args, "--event", "2019-06-01"]) == 2
    assert "--event takes DATE=LABEL" in capsys.readouterr().err
    assert main([*args, "--event", "June=x"]) == 2
    assert "'June' is not an ISO 8601 date" in capsys.readouterr().err
    assert main([*args, "--tz", "Tehran"]) == 2
    assert capsys.readouterr().err == (
        "ioarchive: error: tz='Tehran': not an IANA time zone; use e.g. UTC, Asia/Tehran, "
        "Europe/Moscow\n"
    )


def test_report_coordination_is_the_network_result(two: tuple[Path, str]) -> None:
    _, page = two
    tweets = ioarchive.discover(DEMO)["ira"].tweets()
    edges = network.co_action(tweets, on="retweet", window="60s", min_weight=2).collect()
    groups = network.groups(edges.lazy()).collect()
    section = page[page.index('id="coordination"') : page.index('id="parameters"')]
    ira = section[section.index("<h3>ira</h3>") :]
    assert f"{edges.height} edges, {groups['group'].n_unique()} groups" in ira
    assert "evidence to examine, not a verdict" in section
    assert "co-retweet, 60s, 2" in page


def test_report_without_coordination(tmp_path: Path) -> None:
    dataset = ioarchive.discover(DEMO)["ira"]
    page = ioarchive.report(dataset, tmp_path / "r.html", coordination=None).read_text()
    assert 'id="coordination"' not in page
    with pytest.raises(ValueError, match="coordination='likes'"):
        ioarchive.report(dataset, tmp_path / "x.html", coordination="likes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="window"):
        ioarchive.report(dataset, tmp_path / "x.html", window="soon")


def test_report_on_a_store_is_the_report_on_the_mirror(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ioarchive.convert(DEMO, store, progress=False)
    from_store = ioarchive.report(ioarchive.open_store(store)["ira"], tmp_path / "s.html")
    from_mirror = ioarchive.report(ioarchive.discover(DEMO)["ira"], tmp_path / "m.html")
    numbers = [
        re.search(r'id="numbers".*?</section>', p.read_text(), re.S)
        for p in (from_store, from_mirror)
    ]
    assert numbers[0] is not None
    assert numbers[1] is not None
    assert numbers[0].group() == numbers[1].group()


def test_the_report_reads_each_csv_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ioarchive.scan import _file

    reads: list[str] = []
    batches = _file.FileScan.batches

    def counted(self: _file.FileScan, *args: object, **kwargs: object) -> object:
        reads.append(Path(self.header.path).name)
        return batches(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_file.FileScan, "batches", counted)
    dataset = ioarchive.discover(DEMO)["ira"]
    ioarchive.report(dataset, tmp_path / "r.html", coordination="retweet")
    names = dataset.files["path"].str.split("/").list.last().to_list()
    assert sorted(reads) == sorted(names)
