"""The file-name grammar, on every naming variant of the archive."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ioarchive.naming import FileKindName, classify, part_key

T, U, M, ML, R, OTHER = (
    FileKindName.TWEETS,
    FileKindName.USERS,
    FileKindName.MEDIA,
    FileKindName.MEDIA_LIST,
    FileKindName.README,
    FileKindName.OTHER,
)

CASES = [
    # path, campaign, known, kind, hashed, part, compression
    (
        "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv",
        "iran_202012",
        True,
        T,
        True,
        None,
        None,
    ),
    ("iran_202012_users_csv_hashed.csv", "iran_202012", True, U, True, None, None),
    ("ira_tweets_csv_hashed.csv", "ira", True, T, True, None, None),
    ("iranian_users_csv_hashed.csv", "iranian", True, U, True, None, None),
    ("iran_201901_1_tweets_csv_hashed_1.csv", "iran_201901_1", True, T, True, "_1", None),
    ("iran_201901_1_tweets_csv_hashed_4.zip", "iran_201901_1", True, T, True, "_4", "zip"),
    ("venezuela_201901_1_tweets_csv_hashed_3.csv", "venezuela_201901_1", True, T, True, "_3", None),
    (
        "saudi_arabia_112019_tweets_csv_hashed_9.csv",
        "saudi_arabia_112019",
        True,
        T,
        True,
        "_9",
        None,
    ),
    ("china_082019_3_tweets_csv_hashed_part1.csv", "china_082019_3", True, T, True, "_part1", None),
    (
        "china_082019_3_tweets_csv_hashed_part3.zip",
        "china_082019_3",
        True,
        T,
        True,
        "_part3",
        "zip",
    ),
    ("china_082019_1_tweets_csv_hashed.csv", "china_082019_1", True, T, True, None, None),
    ("china_082019_2_users_csv_hashed.csv", "china_082019_2", True, U, True, None, None),
    ("sa_eg_ae_022020_tweets_csv_hashed_01.csv", "sa_eg_ae_022020", True, T, True, "_01", None),
    ("sa_eg_ae_022020_tweets_csv_hashed_10.csv", "sa_eg_ae_022020", True, T, True, "_10", None),
    ("serbia_022020_tweets_csv_hashed_13.csv", "serbia_022020", True, T, True, "_13", None),
    ("turkey_052020_tweets_csv_hashed_2015.csv", "turkey_052020", True, T, True, "_2015", None),
    (
        "turkey_052020_tweets_csv_hashed_2016_01.csv",
        "turkey_052020",
        True,
        T,
        True,
        "_2016_01",
        None,
    ),
    (
        "turkey_052020_tweets_csv_hashed_2016_06.csv",
        "turkey_052020",
        True,
        T,
        True,
        "_2016_06",
        None,
    ),
    ("russia_052020_tweets_csv_hashed_2_a.csv", "russia_052020", True, T, True, "_2_a", None),
    ("russia_052020_tweets_csv_hashed_2_b.csv", "russia_052020", True, T, True, "_2_b", None),
    ("CNHU_0621_tweets_csv_hashed_2019.csv", "CNHU_0621", True, T, True, "_2019", None),
    ("cnhu_0621_tweets_csv_hashed_2021.csv", "CNHU_0621", True, T, True, "_2021", None),
    ("CNHU_0621_users.csv", "CNHU_0621", True, U, None, None, None),
    ("Tanzania_0621_users.csv", "Tanzania_0621", True, U, None, None, None),
    ("hashed/2021_12/uganda_0621/uganda_0621_users.csv", "uganda_0621", True, U, True, None, None),
    ("unhashed/2021_12/MX_0621/MX_0621_users.csv", "MX_0621", True, U, False, None, None),
    ("venezuela_0621_tweets_csv_hashed_2020.csv", "Venezuela_0621", True, T, True, "_2020", None),
    ("GRU_202012_tweets_csv_hashed.csv", "GRU_202012", True, T, True, None, None),
    ("ira_202012_users_csv_hashed.csv", "IRA_202012", True, U, True, None, None),
    ("russian_linked_tweets_csv_hashed.csv", "russia_201901_1", True, T, True, None, None),
    ("bangladesh_linked_tweets_csv_hashed.csv", "bangladesh_201901_1", True, T, True, None, None),
    ("venezuela_linked_tweets_csv_hashed.csv", "venezuela_201901_2", True, T, True, None, None),
    ("bangladesh_201901_1_users_csv_hashed.csv", "bangladesh_201901_1", True, U, True, None, None),
    ("ecuador_082019_tweets_csv_hashed.csv", "ecuador_082019_1", True, T, True, None, None),
    (
        "saudi_arabia_082019_users_csv_hashed.csv",
        "saudi_arabia_082019_1",
        True,
        U,
        True,
        None,
        None,
    ),
    ("uae_082019_tweets_csv_hashed.csv", "uae_082019_1", True, T, True, None, None),
    ("spain_082019_tweets_csv_hashed.zip", "spain_082019_1", True, T, True, None, "zip"),
    (
        "egypt_uae_082019_tweets_csv_unhashed.csv.gz",
        "egypt_uae_082019_1",
        True,
        T,
        False,
        None,
        "gzip",
    ),
    ("032020_tweets_csv_hashed.csv", "ghana_nigeria_032020", True, T, True, None, None),
    ("032020_users_csv_hashed.csv", "ghana_nigeria_032020", True, U, True, None, None),
    (
        "hashed_2020_12_iran_202012_iran_202012_tweets_csv_hashed.csv",
        "iran_202012",
        True,
        T,
        True,
        None,
        None,
    ),
    (
        "hashed_2020_12_iran_202012_iran_202012_users_csv_hashed.csv",
        "iran_202012",
        True,
        U,
        True,
        None,
        None,
    ),
    (
        "unhashed_2019_08_saudi_arabia_082019_1_saudi_arabia_082019_1_tweets_csv_unhashed.zip",
        "saudi_arabia_082019_1",
        True,
        T,
        False,
        None,
        "zip",
    ),
    (
        "hashed_2021_12_CNHU_0621_CNHU_0621_tweets_csv_hashed_2020.csv",
        "CNHU_0621",
        True,
        T,
        True,
        "_2020",
        None,
    ),
    ("hashed_ira_ira_tweets_csv_hashed.csv", "ira", True, T, True, None, None),
    ("iran_202012_tweets_csv_unhashed.csv.gz", "iran_202012", True, T, False, None, "gzip"),
    (
        "unhashed/2020_12/iran_202012/iran_202012_users_csv_unhashed.csv",
        "iran_202012",
        True,
        U,
        False,
        None,
        None,
    ),
    ("IRAN_202012_TWEETS_CSV_HASHED.CSV", "iran_202012", True, T, True, None, None),
    (
        "mirror/china_082019_3_tweets_csv_hashed_part2.zip/china_082019_3_tweets_csv_hashed_part2/china_082019_3_tweets_csv_hashed_part2.csv",
        "china_082019_3",
        True,
        T,
        True,
        "_part2",
        None,
    ),
    (
        "saudi_arabia_112019.zip/saudi_arabia_112019/saudi_arabia_112019_tweets_csv_hashed_3.csv",
        "saudi_arabia_112019",
        True,
        T,
        True,
        "_3",
        None,
    ),
    (
        "s3://bucket/hashed/2020_09/thailand_092020/thailand_092020_users_csv_hashed.csv",
        "thailand_092020",
        True,
        U,
        True,
        None,
        None,
    ),
    ("https://host/io/cuba_082020_tweets_csv_hashed.csv", "cuba_082020", True, T, True, None, None),
    ("hashed/2020_12/iran_202012/tweets_csv_hashed.csv", "iran_202012", True, T, True, None, None),
    ("atlantis_202301_tweets_csv_hashed.csv", "atlantis_202301", False, T, True, None, None),
    ("Atlantis_202301_users_csv_unhashed_2.csv", "Atlantis_202301", False, U, False, "_2", None),
    ("Twitter_Elections_Integrity_Datasets_hashed_README.txt", None, False, R, True, None, None),
    ("iran_202012_hashed_README.txt", "iran_202012", True, R, True, None, None),
    ("iran_202012_media_file_list_hashed.txt", "iran_202012", True, ML, True, None, None),
    ("ira_tweet_media_hashed_12.zip", "ira", True, M, True, None, "zip"),
    (
        "iran_202012_tweet_media_hashed/iran_202012_hashed_001.zip",
        "iran_202012",
        True,
        M,
        True,
        None,
        "zip",
    ),
    ("photos/abc.jpg", None, False, M, None, None, None),
    ("notes.csv", None, False, OTHER, None, None, None),
    ("my analysis.ipynb", None, False, OTHER, None, None, None),
]


@pytest.mark.parametrize(
    ("path", "campaign", "known", "kind", "hashed", "part", "compression"),
    CASES,
    ids=[c[0][-60:] for c in CASES],
)
def test_classify(
    path: str,
    campaign: str | None,
    known: bool,
    kind: FileKindName,
    hashed: bool | None,
    part: str | None,
    compression: str | None,
) -> None:
    info = classify(path)
    assert (info.campaign, info.known, info.kind, info.hashed, info.part, info.compression) == (
        campaign,
        known,
        kind,
        hashed,
        part,
        compression,
    )
    assert info.path == path


def test_release_folder() -> None:
    assert (
        classify("hashed/2019_08/x/ecuador_082019_tweets_csv_hashed.csv").release_folder
        == "2019_08"
    )
    assert (
        classify("hashed_2020_12_iran_202012_iran_202012_tweets_csv_hashed.csv").release_folder
        == "2020_12"
    )
    assert classify("iran_202012_tweets_csv_hashed.csv").release_folder is None


@pytest.mark.parametrize(
    "ordered",
    [
        ["", "_1", "_2", "_3", "_10", "_11"],
        ["_part1", "_part2", "_part10"],
        ["_01", "_02", "_09", "_10", "_13"],
        ["_2009", "_2015", "_2016_01", "_2016_06", "_2017_01", "_2020_01"],
        ["_2019", "_2020", "_2021"],
        ["_1", "_2", "_2_a", "_2_b", "_3"],
    ],
)
def test_parts_sort_in_order(ordered: list[str]) -> None:
    names = [f"x_022020_tweets_csv_hashed{p}.csv" for p in ordered]
    shuffled = names[:]
    random.Random(0).shuffle(shuffled)
    assert sorted(shuffled, key=lambda n: classify(n).part_key) == names


known_styles = st.sampled_from(
    ["iran_201901_1", "china_082019_3", "saudi_arabia_112019", "iran_202012", "CNHU_0621"]
)
parts = st.one_of(
    st.none(),
    st.integers(1, 99).map(lambda n: f"_{n}"),
    st.integers(1, 9).map(lambda n: f"_part{n}"),
    st.integers(1, 13).map(lambda n: f"_{n:02d}"),
    st.integers(2009, 2021).map(lambda y: f"_{y}"),
    st.tuples(st.integers(2009, 2021), st.sampled_from(["01", "06"])).map(
        lambda t: f"_{t[0]}_{t[1]}"
    ),
)


@given(
    campaign=st.one_of(
        known_styles,
        st.from_regex(
            r"[a-z]{3,8}_(20[12]\d(0[1-9]|1[0-2])|(0[1-9]|1[0-2])20[12]\d)(_[1-3])?", fullmatch=True
        ),
    ),
    kind=st.sampled_from(["tweets", "users"]),
    hashed=st.booleans(),
    part=parts,
    extension=st.sampled_from([".csv", ".csv.gz", ".zip"]),
    flattened=st.booleans(),
)
def test_built_names_classify_back(
    campaign: str, kind: str, hashed: bool, part: str | None, extension: str, flattened: bool
) -> None:
    copy = "hashed" if hashed else "unhashed"
    name = f"{campaign}_{kind}_csv_{copy}{part or ''}{extension}"
    if flattened:
        name = f"{copy}_2020_12_{campaign}_{name}"
    info = classify(name)
    assert info.campaign is not None
    assert (
        info.campaign.lower() == campaign.lower()
        or info.campaign.lower() == f"{campaign.lower()}_1"
    )
    assert (info.kind.value, info.hashed, info.part) == (kind, hashed, part)
    assert info.part_key == part_key(part)
