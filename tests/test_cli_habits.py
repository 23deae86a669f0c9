"""The command line fits habits: options anywhere, one-line errors, tables that fit."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ioarchive import synthetic
from ioarchive.cli import main
from ioarchive.synthetic import FileQuirks


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("habits")
    synthetic.write_campaign(root / "h", "iran_202012", n_tweets=80, n_accounts=12)
    synthetic.write_campaign(root / "u", "iran_202012", n_tweets=80, n_accounts=12, hashed=False)
    synthetic.write_campaign(root / "v", "venezuela_202012", n_tweets=40, n_accounts=8)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize(
    "args",
    [
        ["--json", "discover", "{root}"],
        ["discover", "--json", "{root}"],
        ["discover", "{root}", "--json"],
        ["--quiet", "--json", "summary", "{root}"],
        # A command's own options with a value, before the command (the value was taken
        # for the command's name).
        ["--campaign", "iran_202012", "--json", "summary", "{root}"],
        ["--param", "column=hashtags", "--json", "metric", "top", "{root}"],
        ["--window", "1d", "--on", "post", "--min-weight", "1", "--json", "network", "{root}"],
    ],
)
def test_global_options_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], mirror: Path, args: list[str]
) -> None:
    status, out, _ = run(capsys, *[a.format(root=mirror) for a in args])
    assert status == 0
    assert json.loads(out)  # JSON, not a table


def test_options_before_root(capsys: pytest.CaptureFixture[str], mirror: Path) -> None:
    status, out, _ = run(
        capsys, "metric", "top", "--param", "column=hashtags", str(mirror), "--json", "--quiet"
    )
    assert status == 0
    rows = json.loads(out)
    assert rows
    assert {"value", "count", "rank"} <= set(rows[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["metric", "activity", "--param", "every=daily"],
            "every='daily': not a positive Polars duration",
        ),
        (
            ["metric", "activity", "--param", "time=tweet_text"],
            "`truncate` operation not supported for dtype `str` (expected: date/datetime)",
        ),
        (
            ["metric", "top", "--param", "column=hashtags", "--param", "k=ten"],
            "k=ten: expected a whole",
        ),
        (
            ["metric", "top", "--param", "column=hashtags", "--param", "k=-3"],
            "k=-3: must be a whole",
        ),
        (["metric", "posting_profile", "--param", "tz=Tehran"], "tz='Tehran': not an IANA"),
        (["metric", "activity", "--by", "campain"], "--by campain: no such column"),
        (["metric", "top", "--param", "column=hashtag"], "column=hashtag: no such column"),
        (["metric", "nothing"], "no metric 'nothing'"),
        (["metric", "activity", "--param", "colour=red"], "takes no parameter colour"),
        (["summary", "--limit", "-1"], "--limit -1"),
        (["summary", "--sort", "nothing"], "--sort nothing: no such column"),
        (["frobnicate"], "no command 'frobnicate'"),
        (["network", "--min-weight", "-3"], "min_weight=-3: must be a whole number of at least 1"),
        (
            ["report", "{demo}", "--campaign", "iran_202012", "-o", "r.pdf"],
            "-o/--output must end with .html",
        ),
        (["validate", "{empty}"], "no tweets or users file in"),
        (["convert", "{empty}", "{empty}/../store"], "no tweets or users file here"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str, tmp_path: Path
) -> None:
    import ioarchive as ioa

    (tmp_path / "empty").mkdir()
    places = {"demo": str(ioa.synthetic.demo_archive_path()), "empty": str(tmp_path / "empty")}
    status, out, err = run(capsys, *[a.format(**places) for a in args], "--quiet")
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err


def test_metrics_are_listed_with_their_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "metrics", "--json")
    assert status == 0
    listed = {m["metric"]: m for m in json.loads(out)}
    assert {"activity", "top", "summary", "burstiness", "creation_cohorts"} <= set(listed)
    assert "every: str = '1d'" in listed["activity"]["parameters"]
    assert listed["creation_cohorts"]["reads"] == "users"
    assert listed["summary"]["reads"] == "tweets and users"


def test_metric_help_documents_one_metric(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "metric", "top", "--help")
    assert status == 0
    assert out.startswith("ioarchive metric top")
    assert "k (int; default 20)" in out
    assert "Count the most frequent values" in out or "most" in out
    status, out, _ = run(capsys, "metric", "--help")
    assert status == 0
    assert "usage: ioarchive metric" in out


def test_url_domains_are_reachable(capsys: pytest.CaptureFixture[str], mirror: Path) -> None:
    status, out, _ = run(
        capsys, "metric", "top", str(mirror), "--param", "column=domains", "--json"
    )
    assert status == 0
    values = [r["value"] for r in json.loads(out)]
    assert values
    assert all("/" not in v for v in values if v)


def test_limit_and_sort(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "releases", "--json", "--sort", "accounts_announced", "--limit", "3"
    )
    assert status == 0
    rows = json.loads(out)
    assert len(rows) == 3
    counts = [r["accounts_announced"] for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_default_table_fits_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run(capsys, "summary", "--quiet")
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "hashed_share" in out
    assert "iran_202012" in out


def test_long_problems_are_shown_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    truth = synthetic.write_campaign(tmp_path, "b_202012", n_tweets=20)
    with truth.tweet_files[0].open("a") as f:
        f.write('"1","2"\n')
    status, out, _ = run(capsys, "validate", str(tmp_path), "--quiet")
    assert status == 1
    problem = next(line for line in out.splitlines() if "a row with 2 fields" in line)
    assert problem.rstrip().endswith("a row with 2 fields; expected 30")
    assert "..." not in problem
    assert "…" not in problem


def test_sizes_in_human_units_and_output_is_reported(
    capsys: pytest.CaptureFixture[str], mirror: Path, tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "discover", str(mirror), "--quiet")
    assert status == 0
    assert " kB" in out
    target = tmp_path / "daily.csv"
    status, _, err = run(capsys, "metric", "activity", str(mirror), "--output", str(target))
    assert status == 0
    assert f"wrote {len(target.read_text().splitlines()) - 1} rows to {target}" in err


def test_the_unhashed_copy_is_reachable(capsys: pytest.CaptureFixture[str], mirror: Path) -> None:
    status, out, err = run(capsys, "summary", str(mirror), "--json", "--campaign", "iran_202012")
    assert status == 0
    assert json.loads(out)[0]["hashed_share"] > 0
    assert "the unhashed copies of iran_202012 are left out (--copy unhashed" in err
    status, out, _ = run(capsys, "summary", str(mirror), "--json", "--quiet", "--copy", "unhashed")
    assert status == 0
    rows = json.loads(out)
    assert [r["campaign"] for r in rows] == ["iran_202012"]
    assert rows[0]["hashed_share"] == 0


def test_tweets_only_dataset_serves_tweets_metrics(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    truth = synthetic.write_campaign(tmp_path / "w", "iran_202012", n_tweets=30)
    archive = tmp_path / "iran_202012_tweets_csv_hashed.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(truth.tweet_files[0], truth.tweet_files[0].name)
    status, out, err = run(capsys, "metric", "tweet_types", str(archive), "--json", "--quiet")
    assert status == 0, err
    assert sum(r["tweets"] for r in json.loads(out)) == 30


def test_file_quirks_still_read_from_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    synthetic.write_campaign(
        tmp_path, "iran_202012", n_tweets=30, quirks=FileQuirks(parts=2, repeated_header=True)
    )
    status, out, _ = run(capsys, "summary", str(tmp_path), "--json", "--quiet")
    assert status == 0
    assert json.loads(out)[0]["tweets"] == 30


def test_cli_reference_is_generated_from_the_parsers() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    script = root / "docs" / "scripts" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (root / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert module.render() == page, "run: python docs/scripts/cli_reference.py"
    assert "## `ioarchive metric`" in page
    assert "| `activity` | tweets |" in page


def test_network_and_summary_take_a_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import ioarchive as ioa

    store = tmp_path / "store"
    ioa.convert(ioa.synthetic.demo_archive_path(), store, progress=False)
    status, out, _ = run(capsys, "summary", str(store), "--json", "--quiet")
    assert status == 0
    assert [r["tweets"] for r in json.loads(out)] == [400, 400, 400, 400]
    target = tmp_path / "edges.parquet"
    status, out, err = run(
        capsys,
        "network",
        str(store),
        "--on",
        "retweet",
        "--min-weight",
        "1",
        "--output",
        str(target),
    )
    assert status == 0
    assert out == ""
    assert "edges" in err
    assert target.exists()
