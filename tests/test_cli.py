"""The command line, end to end on a synthetic mirror (in process and as a real subprocess)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from ioarchive import synthetic
from ioarchive.cli import main


@pytest.fixture(scope="module")
def mirror(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, synthetic.CampaignTruth]]:
    root = tmp_path_factory.mktemp("cli")
    truths = synthetic.write_archive(root, n_tweets=120, n_accounts=15, seed=4)
    (root / "notes.csv").write_text('"a","b"\n')
    return root, truths


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main([*args, "--json", "--quiet"]) == 0
    return json.loads(capsys.readouterr().out)


def test_releases(capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_json(capsys, "releases")
    assert isinstance(rows, list)
    assert len(rows) == 48
    assert rows[0]["campaign"] == "ira"


def test_discover(
    capsys: pytest.CaptureFixture[str], mirror: tuple[Path, dict[str, synthetic.CampaignTruth]]
) -> None:
    root, truths = mirror
    out = run_json(capsys, "discover", str(root))
    assert isinstance(out, dict)
    assert sorted(d["campaign"] for d in out["datasets"]) == sorted(truths)
    other = [f for f in out["files"] if not f["used"]]
    assert [f["path"] for f in other] == ["notes.csv"]
    assert main(["discover", str(root)]) == 0
    text = capsys.readouterr().out
    assert "Other files (not read)" in text
    assert "iran_201901_1" in text


def test_summary_on_demo_and_mirror(
    capsys: pytest.CaptureFixture[str], mirror: tuple[Path, dict[str, synthetic.CampaignTruth]]
) -> None:
    demo = run_json(capsys, "summary")
    assert isinstance(demo, list)
    assert [r["tweets"] for r in demo] == [400, 400, 400, 400]
    root, truths = mirror
    rows = run_json(capsys, "summary", str(root), "--campaign", "iran_202012")
    assert isinstance(rows, list)
    assert len(rows) == 1
    truth = truths["iran_202012"]
    assert rows[0]["tweets"] == truth.tweets.height
    assert rows[0]["accounts"] == truth.users.height


def test_validate_ok_and_failing(
    capsys: pytest.CaptureFixture[str],
    mirror: tuple[Path, dict[str, synthetic.CampaignTruth]],
    tmp_path: Path,
) -> None:
    root, _ = mirror
    rows = run_json(capsys, "validate", str(root))
    assert isinstance(rows, list)
    assert all(r["ok"] for r in rows)
    assert sum(r["rows"] for r in rows) == sum(r["rows_independent"] for r in rows)
    broken = synthetic.write_campaign(tmp_path, "b_202012", n_tweets=30)
    path = broken.tweet_files[0]
    with path.open(newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([*records, records[1]])
    assert main(["validate", str(tmp_path), "--json", "--quiet"]) == 1
    report = json.loads(capsys.readouterr().out)
    bad = [r for r in report if not r["ok"]]
    assert len(bad) == 1
    assert bad[0]["duplicate_tweetids"] == 1
    assert bad[0]["problems"] == ["1 duplicate tweet ids"]


def test_metric_by_name_and_output(
    capsys: pytest.CaptureFixture[str],
    mirror: tuple[Path, dict[str, synthetic.CampaignTruth]],
    tmp_path: Path,
) -> None:
    root, truths = mirror
    rows = run_json(capsys, "metric", "tweet_types", str(root), "--campaign", "ira")
    assert isinstance(rows, list)
    assert {r["tweet_type"]: r["tweets"] for r in rows} == truths["ira"].type_counts
    out = tmp_path / "top.parquet"
    assert (
        main(
            [
                "metric",
                "top",
                str(root),
                "--param",
                "column=hashtags",
                "--param",
                "k=3",
                "--by",
                "campaign",
                "--output",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    frame = pl.read_parquet(out)
    assert frame.columns == ["campaign", "value", "count", "share", "rank"]
    assert frame.group_by("campaign").len()["len"].max() == 3
    csv_out = tmp_path / "daily.csv"
    assert (
        main(["metric", "activity", str(root), "--param", "every=1mo", "--output", str(csv_out)])
        == 0
    )
    assert pl.read_csv(csv_out)["tweets"].sum() == sum(t.tweets.height for t in truths.values())


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["discover", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ioarchive: error: ")
    assert err.count("\n") == 1
    assert main(["metric", "nope"]) == 2
    assert "no metric 'nope'" in capsys.readouterr().err
    assert main(["metric", "activity", "--param", "colour=red"]) == 2
    assert "takes no parameter colour" in capsys.readouterr().err
    with pytest.raises(FileNotFoundError):
        main(["discover", str(tmp_path / "missing"), "--debug"])


def test_module_entry_point_runs_in_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ioarchive", "summary", "--json", "--quiet"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(done.stdout)) == 4


def test_exact_reads_with_csv_and_rejects_what_the_fast_reader_cannot_see(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    truth = synthetic.write_campaign(tmp_path, "q_202012", n_tweets=30, n_accounts=5)
    path = truth.user_files[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split('","')
    cells[1] = cells[1][:1] + '"x"' + cells[1][1:]  # two undoubled quotes in the screen name
    lines[1] = '","'.join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    rows = run_json(capsys, "summary", str(tmp_path))
    assert isinstance(rows, list)
    assert rows[0]["accounts"] == truth.users.height
    assert main(["summary", str(tmp_path), "--exact", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err
    assert "quoting" in err


@pytest.mark.parametrize("shell", ["ioarchive {} | :", "ioarchive {} >&-"])
@pytest.mark.parametrize("args", ["--version", "--help", "metric --help", "releases"])
def test_a_closed_stdout_is_no_error(shell: str, args: str) -> None:
    # A reader that stops early (`| head -1`), or no stdout at all: exit 0, no traceback.
    command = shell.format(args).replace("ioarchive", f"{sys.executable} -m ioarchive", 1)
    script = f"{command}; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", script], check=False, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
