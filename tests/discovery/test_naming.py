"""The file-name grammar, on every naming variant of the archive (FORMAT.md section 2)."""

from __future__ import annotations

import random

import pytest
from _pytest.mark.structures import ParameterSet
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ioarchive.discovery.naming import FileInfo, classify, part_key
from ioarchive.releases import known_campaigns, known_releases
from ioarchive.schema import FileKind

T, U, M, ML, R, OTHER = (
    FileKind.TWEETS,
    FileKind.USERS,
    FileKind.MEDIA,
    FileKind.MEDIA_LIST,
    FileKind.README,
    FileKind.OTHER,
)


Expected = tuple[str | None, bool, FileKind, bool | None, str | None, str | None, str | None]
"""campaign, known, kind, hashed, part, compression, release_folder."""


def case(
    path: str,
    campaign: str | None,
    kind: FileKind,
    hashed: bool | None,
    part: str | None = None,
    *,
    known: bool | None = None,
    compression: str | None = None,
    release: str | None = None,
) -> ParameterSet:
    """One row of the table; ``known`` defaults to 'a campaign was found'."""
    expected = (
        campaign,
        campaign is not None if known is None else known,
        kind,
        hashed,
        part,
        compression,
        release,
    )
    return pytest.param(path, expected, id=path[-70:])


SA = "saudi_arabia_112019_tweets_csv_hashed"
CH3 = "china_082019_3_tweets_csv_hashed"

CASES = [
    # The basic form, every era.
    case(
        "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv",
        "iran_202012",
        T,
        True,
        release="2020_12",
    ),
    case("iran_202012_users_csv_hashed.csv", "iran_202012", U, True),
    case("ira_tweets_csv_hashed.csv", "ira", T, True),
    case("iranian_users_csv_hashed.csv", "iranian", U, True),
    case("hashed/ira/ira_users_csv_hashed.csv", "ira", U, True),
    case("sa_eg_ae_022020_users_csv_hashed.csv", "sa_eg_ae_022020", U, True),
    # Part style _1 .. _N: after the marker, never the set number before it.
    case("iran_201901_1_tweets_csv_hashed_1.csv", "iran_201901_1", T, True, "_1"),
    case(
        "iran_201901_1_tweets_csv_hashed_4.zip", "iran_201901_1", T, True, "_4", compression="zip"
    ),
    case("venezuela_201901_1_tweets_csv_hashed_3.csv", "venezuela_201901_1", T, True, "_3"),
    case(f"{SA}_1.csv", "saudi_arabia_112019", T, True, "_1"),
    case(f"{SA}_9.csv", "saudi_arabia_112019", T, True, "_9"),
    case(
        f"hashed/2019_11/saudi_arabia_112019/{SA}/{SA}_7.csv",
        "saudi_arabia_112019",
        T,
        True,
        "_7",
        release="2019_11",
    ),
    case("saudi_arabia_112019_tweets_1_csv_hashed.csv", "saudi_arabia_112019", T, True, "_1"),
    # _part1 .. _partN.
    case(f"{CH3}_part1.csv", "china_082019_3", T, True, "_part1"),
    case(f"{CH3}_part3.zip", "china_082019_3", T, True, "_part3", compression="zip"),
    # Two-digit _01 .. _13.
    case("sa_eg_ae_022020_tweets_csv_hashed_01.csv", "sa_eg_ae_022020", T, True, "_01"),
    case("sa_eg_ae_022020_tweets_csv_hashed_10.csv", "sa_eg_ae_022020", T, True, "_10"),
    case(
        "serbia_022020_tweets_csv_hashed_13.csv.gz",
        "serbia_022020",
        T,
        True,
        "_13",
        compression="gzip",
    ),
    # Period splits.
    case("turkey_052020_tweets_csv_hashed_2009.csv", "turkey_052020", T, True, "_2009"),
    case("turkey_052020_tweets_csv_hashed_2016_01.csv", "turkey_052020", T, True, "_2016_01"),
    case("turkey_052020_tweets_csv_hashed_2016_06.csv", "turkey_052020", T, True, "_2016_06"),
    case(
        "turkey_052020_tweets_csv_hashed_2020_01.zip",
        "turkey_052020",
        T,
        True,
        "_2020_01",
        compression="zip",
    ),
    # _2_a / _2_b.
    case("russia_052020_tweets_csv_hashed_2_a.csv", "russia_052020", T, True, "_2_a"),
    case(
        "russia_052020_tweets_csv_hashed_2_b.csv.gz",
        "russia_052020",
        T,
        True,
        "_2_b",
        compression="gzip",
    ),
    # One file per year (Dec 2021), mixed capitals.
    case("CNHU_0621_tweets_csv_hashed_2019.csv", "CNHU_0621", T, True, "_2019"),
    case("cnhu_0621_tweets_csv_hashed_2021.csv", "CNHU_0621", T, True, "_2021"),
    case("CNHU_0621_tweets_2020.csv", "CNHU_0621", T, None, "_2020"),
    case("venezuela_0621_tweets_csv_hashed_2020.csv", "Venezuela_0621", T, True, "_2020"),
    # Set numbers stay in the campaign.
    case("china_082019_1_tweets_csv_hashed.csv", "china_082019_1", T, True),
    case("china_082019_2_users_csv_hashed.csv", "china_082019_2", U, True),
    case("iran_201906_3_tweets_csv_hashed.csv", "iran_201906_3", T, True),
    case("egypt_uae_082019_1_tweets_csv_hashed.csv", "egypt_uae_082019_1", T, True),
    # Names that drop the _1.
    case("ecuador_082019_tweets_csv_hashed.csv", "ecuador_082019_1", T, True),
    case("saudi_arabia_082019_users_csv_hashed.csv", "saudi_arabia_082019_1", U, True),
    case("uae_082019_tweets_csv_hashed.csv", "uae_082019_1", T, True),
    case("spain_082019_tweets_csv_hashed.zip", "spain_082019_1", T, True, compression="zip"),
    case(
        "egypt_uae_082019_tweets_csv_unhashed.csv.gz",
        "egypt_uae_082019_1",
        T,
        False,
        compression="gzip",
    ),
    # ... but china_082019 has three sets: the name alone does not say which, a folder does.
    case("china_082019_tweets_csv_hashed.csv", "china_082019", T, True, known=False),
    case(
        "hashed/2019_08/china_082019_2/china_082019_tweets_csv_hashed.csv",
        "china_082019_2",
        T,
        True,
        release="2019_08",
    ),
    case("iran_201906_tweets_csv_hashed.csv", "iran_201906", T, True, known=False),
    # January 2019 "linked" tweets files; their users files keep the campaign.
    case("russian_linked_tweets_csv_hashed.csv", "russia_201901_1", T, True),
    case("bangladesh_linked_tweets_csv_hashed.csv", "bangladesh_201901_1", T, True),
    case("venezuela_linked_tweets_csv_hashed.csv", "venezuela_201901_2", T, True),
    case("Russian_Linked_Tweets_CSV_Hashed.CSV", "russia_201901_1", T, True),
    case("bangladesh_201901_1_users_csv_hashed.csv", "bangladesh_201901_1", U, True),
    case("venezuela_201901_2_users_csv_hashed.csv", "venezuela_201901_2", U, True),
    # March 2020 names without a country.
    case("032020_tweets_csv_hashed.csv", "ghana_nigeria_032020", T, True),
    case(
        "hashed/2020_03/032020_users_csv_hashed.csv",
        "ghana_nigeria_032020",
        U,
        True,
        release="2020_03",
    ),
    # Browser-flattened names.
    case(
        "hashed_2020_12_iran_202012_iran_202012_tweets_csv_hashed.csv",
        "iran_202012",
        T,
        True,
        release="2020_12",
    ),
    case(
        "hashed_2020_12_iran_202012_iran_202012_users_csv_hashed.csv",
        "iran_202012",
        U,
        True,
        release="2020_12",
    ),
    case(
        "unhashed_2019_08_saudi_arabia_082019_1_saudi_arabia_082019_1_tweets_csv_unhashed.zip",
        "saudi_arabia_082019_1",
        T,
        False,
        compression="zip",
        release="2019_08",
    ),
    case(
        "hashed_2019_08_ecuador_082019_1_ecuador_082019_tweets_csv_hashed.csv",
        "ecuador_082019_1",
        T,
        True,
        release="2019_08",
    ),
    case(
        "hashed_2019_01_russia_201901_1_russian_linked_tweets_csv_hashed.csv",
        "russia_201901_1",
        T,
        True,
        release="2019_01",
    ),
    case(
        "hashed_2020_03_032020_tweets_csv_hashed.csv",
        "ghana_nigeria_032020",
        T,
        True,
        release="2020_03",
    ),
    case(
        "hashed_2021_12_CNHU_0621_CNHU_0621_tweets_csv_hashed_2020.csv",
        "CNHU_0621",
        T,
        True,
        "_2020",
        release="2021_12",
    ),
    case("hashed_ira_ira_tweets_csv_hashed.csv", "ira", T, True),
    case(
        f"hashed_2019_08_china_082019_3_{CH3}_part2.csv",
        "china_082019_3",
        T,
        True,
        "_part2",
        release="2019_08",
    ),
    case(
        f"hashed_2019_11_saudi_arabia_112019_{SA}_{SA}_4.csv",
        "saudi_arabia_112019",
        T,
        True,
        "_4",
        release="2019_11",
    ),
    case(
        "hashed_2019_06_iran_201906_2_iran_201906_2_users_csv_hashed.csv",
        "iran_201906_2",
        U,
        True,
        release="2019_06",
    ),
    case(
        "downloads/hashed_2021_12_Tanzania_0621_Tanzania_0621_users.csv",
        "Tanzania_0621",
        U,
        True,
        release="2021_12",
    ),
    # Unhashed copies.
    case("iran_202012_tweets_csv_unhashed.csv.gz", "iran_202012", T, False, compression="gzip"),
    case(
        "unhashed/2020_12/iran_202012/iran_202012_users_csv_unhashed.csv",
        "iran_202012",
        U,
        False,
        release="2020_12",
    ),
    # December 2021 users files without _csv_hashed: hashed from a folder, else unknown.
    case("CNHU_0621_users.csv", "CNHU_0621", U, None),
    case("Tanzania_0621_users.csv", "Tanzania_0621", U, None),
    case("tanzania_0621_users.csv", "Tanzania_0621", U, None),
    case(
        "hashed/2021_12/uganda_0621/uganda_0621_users.csv",
        "uganda_0621",
        U,
        True,
        release="2021_12",
    ),
    case("unhashed/2021_12/MX_0621/MX_0621_users.csv", "MX_0621", U, False, release="2021_12"),
    # Mixed capitals: the known spelling wins.
    case("GRU_202012_tweets_csv_hashed.csv", "GRU_202012", T, True),
    case("gru_202012_users_csv_hashed.csv", "GRU_202012", U, True),
    case("ira_202012_users_csv_hashed.csv", "IRA_202012", U, True),
    case("IRAN_202012_TWEETS_CSV_HASHED.CSV", "iran_202012", T, True),
    # Zip members, in folders inside the zip; the part may be on the zip's name only.
    case(
        f"mirror/{CH3}_part2.zip/{CH3}_part2/{CH3}_part2.csv",
        "china_082019_3",
        T,
        True,
        "_part2",
    ),
    case(
        f"saudi_arabia_112019.zip/saudi_arabia_112019/{SA}_3.csv",
        "saudi_arabia_112019",
        T,
        True,
        "_3",
    ),
    case(f"{CH3}_part1.zip/{CH3}.csv", "china_082019_3", T, True, "_part1"),
    case(f"{CH3}_part1.zip/{CH3}_part1/{CH3}.csv", "china_082019_3", T, True, "_part1"),
    case(
        "iran_201901_1_tweets_csv_hashed_2.zip/inner/iran_201901_1_tweets_csv_hashed.csv",
        "iran_201901_1",
        T,
        True,
        "_2",
    ),
    case(
        "iran_202012_tweets_csv_hashed_1.zip/iran_201901_1_tweets_csv_hashed.csv",
        "iran_201901_1",
        T,
        True,
    ),
    case("iran_202012_tweets_csv_hashed.zip/tweets_csv_hashed.csv", "iran_202012", T, True),
    case(
        "hashed/2020_12/iran_202012/tweets_csv_hashed.csv",
        "iran_202012",
        T,
        True,
        release="2020_12",
    ),
    case(
        "turkey_052020.zip/turkey_052020/turkey_052020_users_csv_hashed.csv",
        "turkey_052020",
        U,
        True,
    ),
    case(
        "unhashed_2020_12_iran_202012_iran_202012_users_csv_unhashed.zip/iran_202012_users.csv",
        "iran_202012",
        U,
        False,
        release="2020_12",
    ),
    case("archive.zip:inner/iran_202012_tweets_csv_hashed.csv", "iran_202012", T, True),
    case(
        f"zip://{CH3}_part2/{CH3}_part2.csv::s3://b/m/{CH3}_part2.zip",
        "china_082019_3",
        T,
        True,
        "_part2",
    ),
    # URLs and local paths.
    case(
        "s3://bucket/hashed/2020_09/thailand_092020/thailand_092020_users_csv_hashed.csv",
        "thailand_092020",
        U,
        True,
        release="2020_09",
    ),
    case(
        "https://host/io/cuba_082020_tweets_csv_hashed.csv?download=1#top", "cuba_082020", T, True
    ),
    case(
        "gs://b/unhashed/2020_08/qatar_082020/qatar_082020_tweets_csv_unhashed.csv.gz",
        "qatar_082020",
        T,
        False,
        compression="gzip",
        release="2020_08",
    ),
    case("simplecache::s3://b/io/iran_092020_users_csv_hashed.csv", "iran_092020", U, True),
    case(
        "C:\\mirror\\unhashed\\2020_12\\iran_202012\\iran_202012_users.csv",
        "iran_202012",
        U,
        False,
        release="2020_12",
    ),
    case("iran_202012_tweets_csv_hashed (1).csv", "iran_202012", T, True),
    # Campaigns not in the known releases.
    case("atlantis_202301_tweets_csv_hashed.csv", "atlantis_202301", T, True, known=False),
    case(
        "Atlantis_202301_users_csv_unhashed_2.csv",
        "Atlantis_202301",
        U,
        False,
        "_2",
        known=False,
    ),
    case(
        "hashed_2023_01_atlantis_202301_atlantis_202301_tweets_csv_hashed.csv",
        "atlantis_202301",
        T,
        True,
        known=False,
        release="2023_01",
    ),
    case("other/fake_202201_tweets_csv_hashed.csv", "fake_202201", T, True, known=False),
    case("other/tweets_csv_hashed.csv", None, T, True),
    # Not data.
    case("Twitter_Elections_Integrity_Datasets_hashed_README.txt", None, R, True),
    case("iran_202012_hashed_README.txt", "iran_202012", R, True),
    case("hashed/2020_12/iran_202012/README.md", "iran_202012", R, True, release="2020_12"),
    case("atlantis_202301_hashed_README.txt", "atlantis_202301", R, True, known=False),
    case("iran_202012_media_file_list_hashed.txt", "iran_202012", ML, True),
    case(
        "hashed_2020_12_iran_202012_iran_202012_media_file_list_hashed.txt",
        "iran_202012",
        ML,
        True,
        release="2020_12",
    ),
    case("ira_tweet_media_hashed_12.zip", "ira", M, True, "_12", compression="zip"),
    case(
        "iran_202012_tweet_media_hashed/iran_202012_hashed_001.zip",
        "iran_202012",
        M,
        True,
        "_001",
        compression="zip",
    ),
    case("ira_tweet_media_hashed_3.zip/123456.jpg", "ira", M, True),
    case("photos/abc.jpg", None, M, None),
    case("notes.csv", None, OTHER, None),
    case("my analysis.ipynb", None, OTHER, None),
    case("iran_202012.zip", None, OTHER, None, compression="zip"),
    case("iran_202012_tweets_csv_hashed.txt", None, OTHER, True),
    case("iran_202012_tweets_csv_hashed_final.csv", None, OTHER, True),
    case("hashed/2020_12/iran_202012/.DS_Store", None, OTHER, True, release="2020_12"),
    case("", None, OTHER, None),
]


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_classify(
    path: str,
    expected: Expected,
) -> None:
    info = classify(path)
    got = (
        info.campaign,
        info.known,
        info.kind,
        info.hashed,
        info.part,
        info.compression,
        info.release_folder,
    )
    assert got == expected
    assert info.path == path
    assert info.part_key == part_key(expected[4])


def test_table_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 60
    assert {p.values[1][2] for p in CASES} == set(FileKind)  # type: ignore[index]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (
            "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv",
            "iran_202012_tweets_csv_hashed.csv",
        ),
        ("https://host/io/x_tweets_csv_hashed.csv?download=1", "x_tweets_csv_hashed.csv"),
        ("a.zip/inner/b_users_csv_hashed.csv", "b_users_csv_hashed.csv"),
        ("zip://inner/b.csv::s3://bucket/a.zip", "b.csv"),
        ("C:\\data\\c.csv", "c.csv"),
        ("notes.csv", "notes.csv"),
    ],
)
def test_name_is_the_last_component(path: str, name: str) -> None:
    assert classify(path).name == name


@pytest.mark.parametrize(
    "row", list(known_releases().iter_rows(named=True)), ids=lambda r: r["campaign"]
)
def test_every_known_campaign_classifies_back(row: dict[str, object]) -> None:
    campaign = str(row["campaign"])
    for written in (campaign, campaign.lower(), campaign.upper()):
        info = classify(f"{written}_users_csv_hashed.csv")
        assert (info.campaign, info.known, info.kind) == (campaign, True, U)
    bucket = f"hashed/{row['release_folder']}/{campaign}/{campaign}_tweets_csv_hashed.csv"
    flat = bucket.replace("/", "_")
    for path in (bucket, flat):
        info = classify(path)
        assert (info.campaign, info.release_folder, info.hashed) == (
            campaign,
            row["release_folder"],
            True,
        )


def test_fileinfo_is_frozen() -> None:
    info = classify("iran_202012_tweets_csv_hashed.csv")
    with pytest.raises(AttributeError):
        info.campaign = "x"  # type: ignore[misc]
    assert info == classify("iran_202012_tweets_csv_hashed.csv")


# Part order ---------------------------------------------------------------------------------

ORDERS = {
    "numbered": ("saudi_arabia_112019", ["", "_1", "_2", "_3", "_9", "_10", "_11"]),
    "part": ("china_082019_3", ["", "_part1", "_part2", "_part3", "_part10"]),
    "two_digit": ("serbia_022020", ["_01", "_02", "_09", "_10", "_11", "_13"]),
    "periods": (
        "turkey_052020",
        ["_2009", "_2015", "_2016_01", "_2016_06", "_2017", "_2017_01", "_2020_01"],
    ),
    "years": ("CNHU_0621", ["_2019", "_2020", "_2021"]),
    "letters": ("russia_052020", ["_1", "_2", "_2_a", "_2_b", "_3"]),
}


@pytest.mark.parametrize("style", ORDERS)
@pytest.mark.parametrize("seed", range(5))
def test_parts_sort_in_order(style: str, seed: int) -> None:
    campaign, ordered = ORDERS[style]
    names = [f"{campaign}_tweets_csv_hashed{p}.csv" for p in ordered]
    infos = [classify(n) for n in names]
    shuffled = infos[:]
    random.Random(seed).shuffle(shuffled)
    assert [i.name for i in sorted(shuffled, key=lambda i: i.part_key)] == names
    assert [i.part for i in infos] == [p or None for p in ordered]


def test_parts_taken_from_zip_names_sort_in_order() -> None:
    paths = [f"{CH3}_part{n}.zip/{CH3}.csv" for n in (10, 2, 1, 3)]
    ordered = sorted((classify(p) for p in paths), key=lambda i: i.part_key)
    assert [i.part for i in ordered] == ["_part1", "_part2", "_part3", "_part10"]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        (None, ()),
        ("", ()),
        ("_2", ((0, 2),)),
        ("_10", ((0, 10),)),
        ("_01", ((0, 1),)),
        ("_part3", ((0, 3),)),
        ("_Part3", ((0, 3),)),
        ("_2016_06", ((0, 2016), (0, 6))),
        ("_2_b", ((0, 2), (1, "b"))),
    ],
)
def test_part_key_values(label: str | None, key: tuple[object, ...]) -> None:
    assert part_key(label) == key


def test_no_part_sorts_first_and_numbers_compare_as_numbers() -> None:
    assert part_key(None) < part_key("_1") < part_key("_2") < part_key("_10")
    assert part_key("_2") < part_key("_2_a") < part_key("_2_b") < part_key("_3")
    assert part_key("_2016_06") < part_key("_2017") < part_key("_2017_01")


# Property: names built from the grammar classify back -----------------------------------

RESERVED = {"tweets", "users", "hashed", "unhashed", "readme", "media", "tweet", "csv", "part"}
RESERVED |= {"linked", "list", "file"}
words = st.from_regex(r"[a-z]{2,8}", fullmatch=True).filter(lambda w: w not in RESERVED)
years = st.integers(2018, 2023)
months = st.integers(1, 12)
recase = st.sampled_from([str.lower, str.upper, str.capitalize])


@st.composite
def new_campaigns(draw: st.DrawFn) -> str:
    """A campaign id in one of the archive's styles, not one of the known releases."""
    base = "_".join(draw(st.lists(words, min_size=1, max_size=2)))
    year, month = draw(years), draw(months)
    style = draw(st.sampled_from(["YYYYMM_n", "MMYYYY", "MMYYYY_n", "YYYYMM", "CODE_MMYY"]))
    if style == "YYYYMM_n":
        campaign = f"{base}_{year}{month:02d}_{draw(st.integers(1, 4))}"
    elif style == "MMYYYY":
        campaign = f"{base}_{month:02d}{year}"
    elif style == "MMYYYY_n":
        campaign = f"{base}_{month:02d}{year}_{draw(st.integers(1, 4))}"
    elif style == "YYYYMM":
        campaign = f"{base}_{year}{month:02d}"
    else:
        campaign = f"{draw(recase)(base)}_{month:02d}{year % 100:02d}"
    lowered = campaign.lower()
    assume(lowered not in known_campaigns() and f"{lowered}_1" not in known_campaigns())
    return campaign


@st.composite
def any_campaign(draw: st.DrawFn) -> tuple[str, str, bool]:
    """(campaign as written in the name, expected campaign, known)."""
    if draw(st.booleans()):
        canonical = draw(st.sampled_from(sorted(known_campaigns().values())))
        return draw(st.sampled_from([canonical, canonical.lower()])), canonical, True
    campaign = draw(new_campaigns())
    return campaign, campaign, False


parts = st.one_of(
    st.none(),
    st.integers(1, 99).map(lambda n: f"_{n}"),
    st.integers(1, 9).map(lambda n: f"_part{n}"),
    st.integers(1, 13).map(lambda n: f"_{n:02d}"),
    st.integers(2009, 2021).map(lambda y: f"_{y}"),
    st.tuples(st.integers(2009, 2021), st.sampled_from(["01", "06"])).map(
        lambda t: f"_{t[0]}_{t[1]}"
    ),
    st.tuples(st.integers(1, 9), st.sampled_from("ab")).map(lambda t: f"_{t[0]}_{t[1]}"),
)


@settings(max_examples=300)
@given(
    campaign=any_campaign(),
    kind=st.sampled_from(["tweets", "users"]),
    hashed=st.sampled_from([True, False, None]),
    part=parts,
    placement=st.sampled_from(["end", "after_kind", "zip"]),
    extension=st.sampled_from([".csv", ".csv.gz", ".zip"]),
    wrapper=st.sampled_from(["plain", "bucket", "flattened", "url", "zip_folder"]),
)
def test_built_names_classify_back(
    campaign: tuple[str, str, bool],
    kind: str,
    hashed: bool | None,
    part: str | None,
    placement: str,
    extension: str,
    wrapper: str,
) -> None:
    written, expected, known = campaign
    if hashed is None:
        assume(wrapper in ("plain", "url", "zip_folder"))
        stem, tail = f"{written}_{kind}", ""
    else:
        stem, tail = f"{written}_{kind}", f"_csv_{'hashed' if hashed else 'unhashed'}"
    label = part or ""
    if placement == "end":
        name = f"{stem}{tail}{label}{extension}"
    elif placement == "after_kind":
        name = f"{stem}{label}{tail}{extension}"
    else:
        name = f"{stem}{tail}{label}.zip/{stem}{tail}.csv"
    copy = "hashed" if hashed else "unhashed"
    path = {
        "plain": name,
        "bucket": f"{copy}/2020_12/{written}/{name}",
        "flattened": f"{copy}_2020_12_{written}_{name}",
        "url": f"https://example.org/mirror/{name}",
        "zip_folder": f"{written}.zip/{written}/{name}",
    }[wrapper]
    info: FileInfo = classify(path)
    assert (info.campaign, info.known) == (expected, known)
    assert (info.kind.value, info.hashed, info.part) == (kind, hashed, part)
    assert info.part_key == part_key(part)
    assert info.release_folder == ("2020_12" if wrapper in ("bucket", "flattened") else None)
