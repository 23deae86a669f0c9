"""A synthetic mirror of the archive with every naming variant, zips, gzip and decoys."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import Era


@dataclass(frozen=True)
class Expected:
    """What discovery must find for one dataset."""

    campaign: str
    hashed: bool
    parts: tuple[str | None, ...]
    truth: synthetic.CampaignTruth


def _rename(truth: synthetic.CampaignTruth, folder: Path, names: list[str]) -> list[Path]:
    files = [*truth.tweet_files, *truth.user_files]
    targets = []
    for path, name in zip(files, names, strict=True):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        targets.append(target)
    return targets


def _zip(path: Path, members: dict[str, Path]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, source in members.items():
            archive.write(source, name)


def build_mirror(root: Path, *, n_tweets: int = 60) -> dict[tuple[str, bool], Expected]:
    """Write the mirror under ``root``; return the datasets it holds, by (campaign, hashed)."""
    work = root.parent / f"{root.name}-work"
    expected: dict[tuple[str, bool], Expected] = {}

    def campaign(
        name: str, era: Era = Era.TWEETS_2020, **options: object
    ) -> synthetic.CampaignTruth:
        return synthetic.write_campaign(
            work / name / str(options.get("hashed", True)),
            name,
            era=era,
            n_tweets=n_tweets,
            n_accounts=12,
            seed=len(expected),
            **options,  # type: ignore[arg-type]
        )

    def add(truth: synthetic.CampaignTruth, parts: tuple[str | None, ...]) -> None:
        expected[(truth.campaign, truth.hashed)] = Expected(
            truth.campaign, truth.hashed, parts, truth
        )

    # Bucket layout, plain files.
    t = campaign("iran_202012")
    _rename(
        t, root / "hashed/2020_12/iran_202012", [p.name for p in (*t.tweet_files, *t.user_files)]
    )
    add(t, (None,))
    # The same dataset's tweets also as a zip beside it: a duplicate, not used.
    _zip(
        root / "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.zip",
        {
            "iran_202012_tweets_csv_hashed.csv": root
            / "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv"
        },
    )
    # Browser-flattened names.
    t = campaign("GRU_202012")
    _rename(
        t,
        root / "downloads",
        [
            "hashed_2020_12_GRU_202012_GRU_202012_tweets_csv_hashed.csv",
            "hashed_2020_12_GRU_202012_GRU_202012_users_csv_hashed.csv",
        ],
    )
    add(t, (None,))
    # Parts _part1.._part3, each zipped inside a folder inside the zip.
    t = campaign(
        "china_082019_3", Era.TWEETS_2019, quirks=synthetic.FileQuirks(parts=3, part_style="_partN")
    )
    folder = root / "hashed/2019_08/china_082019_3"
    folder.mkdir(parents=True)
    for path in t.tweet_files:
        stem = path.name.removesuffix(".csv")
        _zip(folder / f"{stem}.zip", {f"{stem}/{path.name}": path})
    _zip(folder / "china_082019_3_users_csv_hashed.zip", {t.user_files[0].name: t.user_files[0]})
    add(t, ("_part1", "_part2", "_part3"))
    # Two-digit parts _01.._11, gzipped.
    quirks = synthetic.FileQuirks(parts=11, part_style="_0N", gzip=True)
    t = campaign("serbia_022020", Era.TWEETS_2019, quirks=quirks)
    _rename(
        t, root / "hashed/2020_04/serbia_022020", [p.name for p in (*t.tweet_files, *t.user_files)]
    )
    add(t, tuple(p.name.split("hashed", 1)[1].removesuffix(".csv.gz") for p in t.tweet_files))
    # A name that drops its set number, unhashed and gzipped.
    t = campaign(
        "egypt_uae_082019_1", Era.TWEETS_2019, hashed=False, quirks=synthetic.FileQuirks(gzip=True)
    )
    _rename(
        t,
        root / "unhashed/2019_08/egypt_uae_082019_1",
        [
            "egypt_uae_082019_tweets_csv_unhashed.csv.gz",
            "egypt_uae_082019_users_csv_unhashed.csv.gz",
        ],
    )
    add(t, (None,))
    # Hashed and unhashed copies of one dataset.
    for hashed in (True, False):
        t = campaign("saudi_arabia_082019_1", Era.TWEETS_2019, hashed=hashed)
        copy = "hashed" if hashed else "unhashed"
        _rename(
            t,
            root / f"{copy}/2019_08/saudi_arabia_082019_1",
            [
                f"saudi_arabia_082019_tweets_csv_{copy}.csv",
                f"saudi_arabia_082019_users_csv_{copy}.csv",
            ],
        )
        add(t, (None,))
    # January 2019 "linked" tweets files.
    t = campaign("russia_201901_1", Era.TWEETS_2019)
    _rename(
        t,
        root / "hashed/2019_01/russia_201901_1",
        ["russian_linked_tweets_csv_hashed.csv", "russia_201901_1_users_csv_hashed.csv"],
    )
    add(t, (None,))
    # March 2020 names without a country.
    t = campaign("ghana_nigeria_032020")
    _rename(
        t, root / "hashed/2020_03", ["032020_tweets_csv_hashed.csv", "032020_users_csv_hashed.csv"]
    )
    add(t, (None,))
    # Period splits, in a zip of the whole release folder.
    t = campaign(
        "turkey_052020",
        Era.TWEETS_2019,
        quirks=synthetic.FileQuirks(part_style="half"),
        days=800,
        start=dt.date(2015, 3, 1),
    )
    _zip(
        root / "turkey_052020.zip",
        {f"turkey_052020/{p.name}": p for p in (*t.tweet_files, *t.user_files)},
    )
    add(
        t,
        tuple(
            p.name.removeprefix("turkey_052020_tweets_csv_hashed").removesuffix(".csv")
            for p in t.tweet_files
        ),
    )
    # December 2021: one file per year, camelCase users file named <C>_users.csv.
    quirks = synthetic.FileQuirks(part_style="year", camelcase_users=True)
    t = campaign("CNHU_0621", days=700, quirks=quirks)
    names = [p.name for p in t.tweet_files] + ["CNHU_0621_users.csv"]
    _rename(t, root / "hashed/2021_12/CNHU_0621", names)
    add(
        t,
        tuple(
            p.name.removeprefix("CNHU_0621_tweets_csv_hashed").removesuffix(".csv")
            for p in t.tweet_files
        ),
    )
    # A campaign not in the known releases.
    t = campaign("atlantis_202301")
    _rename(t, root / "other", [p.name for p in (*t.tweet_files, *t.user_files)])
    add(t, (None,))
    # Decoys: never scanned as data.
    decoys = root / "hashed/2020_12/iran_202012"
    (decoys / "iran_202012_hashed_README.txt").write_text("readme")
    (decoys / "iran_202012_media_file_list_hashed.txt").write_text("a.jpg\n")
    (decoys / "iran_202012_tweet_media_hashed").mkdir()
    (decoys / "iran_202012_tweet_media_hashed/iran_202012_hashed_001.zip").write_bytes(b"not a zip")
    (root / "Twitter_Elections_Integrity_Datasets_hashed_README.txt").write_text("readme")
    (root / "notes.csv").write_text('"a","b"\n"1","2"\n')
    (root / "other/fake_202201_tweets_csv_hashed.csv").write_text('"when","what"\n"1","2"\n')
    shutil.rmtree(work)
    return expected


DECOYS = {
    "hashed/2020_12/iran_202012/iran_202012_hashed_README.txt": "readme",
    "hashed/2020_12/iran_202012/iran_202012_media_file_list_hashed.txt": "media_list",
    "hashed/2020_12/iran_202012/iran_202012_tweet_media_hashed/iran_202012_hashed_001.zip": "media",
    "Twitter_Elections_Integrity_Datasets_hashed_README.txt": "readme",
    "notes.csv": "other",
    "other/fake_202201_tweets_csv_hashed.csv": "other",
}


def check_catalog(catalog: ioa.Catalog, expected: dict[tuple[str, bool], Expected]) -> None:
    """Check that a catalog holds exactly the expected datasets, parts and rows."""
    found = {(r["campaign"], r["hashed"]): r for r in catalog.datasets.iter_rows(named=True)}
    assert set(found) == set(expected)
    for key, exp in expected.items():
        assert found[key]["known"] is (exp.campaign != "atlantis_202301")
        assert found[key]["tweet_parts"] == len(exp.parts)
        dataset = catalog.dataset(exp.campaign, hashed=exp.hashed)
        tweets = dataset.files.filter(pl.col("kind") == "tweets").sort("part_order")
        assert tuple(tweets["part"]) == exp.parts
        assert_frame_equal(dataset.tweets().collect(), exp.truth.tweets)
        assert_frame_equal(dataset.users().collect(), exp.truth.users)
