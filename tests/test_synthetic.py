"""The synthetic writer: faithful files, and a truth that matches their bytes.

The truth is checked twice: against ioarchive's own scanner, and against a plain-Python
reading of the bytes (the ``csv`` module and the canonical rules written out by hand here).
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import gzip
import io
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import (
    TWEET_COLUMNS_2018,
    TWEET_COLUMNS_2019,
    TWEET_COLUMNS_2020,
    TWEET_SCHEMA,
    USER_COLUMN_ALIASES,
    USER_COLUMNS,
    USER_SCHEMA,
    Era,
)
from ioarchive.snowflake import FIRST_SNOWFLAKE_ID, SNOWFLAKE_EPOCH_MS
from tests.samples import EngineName

HEX64 = re.compile(r"^[0-9a-f]{64}$")
BASE64 = re.compile(r"^[A-Za-z0-9+]{39,43}=$")
ERAS = [Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020]
COLUMNS = {
    Era.TWEETS_2018: TWEET_COLUMNS_2018,
    Era.TWEETS_2019: TWEET_COLUMNS_2019,
    Era.TWEETS_2020: TWEET_COLUMNS_2020,
}


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def csv_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows as Python's csv module reads them (blank lines, repeats dropped)."""
    rows = list(csv.reader(io.StringIO(read_text(path).removeprefix("\ufeff"), newline="")))
    return rows[0], [r for r in rows[1:] if r and r != rows[0]]


# A plain-Python statement of the canonical meaning, independent of ioarchive.parse.
BOOLS = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}


def _int(cell: str) -> int | None:
    return int(cell.removesuffix(".0")) if cell else None


def _list(cell: str, era: Era) -> list[str] | None:
    if not cell:
        return None
    if era is Era.TWEETS_2018:
        return cell[1:-1].split(", ") if cell != "[]" else []
    return [str(x) for x in ast.literal_eval(cell)]


def _geo(lat: str, lon: str) -> tuple[float | None, float | None, bool | None]:
    if not lat:
        return None, None, None
    if lat in ("present", "absent"):
        return None, None, lat == "present"
    return float(lat), float(lon), True


def _profile(cells: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {c: cells[c] or None for c in USER_COLUMNS}
    out["follower_count"] = _int(cells["follower_count"])
    out["following_count"] = _int(cells["following_count"])
    out["account_creation_date"] = dt.date.fromisoformat(cells["account_creation_date"])
    return out


def plain_tweets(paths: tuple[Path, ...], era: Era, campaign: str) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        header, body = csv_table(path)
        for raw in body:
            c = dict(zip(header, raw, strict=True))
            row: dict[str, Any] = {"campaign": campaign, "tweetid": int(c["tweetid"])}
            row.update(_profile(c))
            lat, lon, has_geo = _geo(c["latitude"], c["longitude"])
            minute = dt.datetime.strptime(c["tweet_time"], "%Y-%m-%d %H:%M")
            row |= {
                "tweet_language": c["tweet_language"] or None,
                "tweet_text": c["tweet_text"] or None,
                "tweet_time": minute.replace(tzinfo=dt.UTC),
                "tweet_client_name": c["tweet_client_name"] or None,
                "in_reply_to_tweetid": _int(c["in_reply_to_tweetid"]),
                "in_reply_to_userid": c["in_reply_to_userid"] or None,
                "quoted_tweet_tweetid": _int(c["quoted_tweet_tweetid"]),
                "is_retweet": BOOLS[c["is_retweet"]],
                "retweet_userid": c["retweet_userid"] or None,
                "retweet_tweetid": _int(c["retweet_tweetid"]),
                "latitude": lat,
                "longitude": lon,
                "has_geo": has_geo,
                **{k: _int(c[k]) for k in ("quote_count", "reply_count", "like_count")},
                "retweet_count": _int(c["retweet_count"]),
                **{k: _list(c[k], era) for k in ("hashtags", "urls", "user_mentions")},
                "poll_choices": _list(c.get("poll_choices", ""), era),
            }
            rows.append(row)
    return rows


def plain_users(path: Path, campaign: str) -> list[dict[str, Any]]:
    header, body = csv_table(path)
    header = [USER_COLUMN_ALIASES.get(h, h) for h in header]
    return [{"campaign": campaign, **_profile(dict(zip(header, r, strict=True)))} for r in body]


QUIRKS: list[dict[str, Any]] = [
    {},
    {"bom": True},
    {"repeated_header": True, "parts": 3},
    {"trailing_blank_line": True},
    {"camelcase_users": True},
    {"gzip_files": True, "parts": 2},
    {"part_style": "year", "days": 900, "repeated_header": True},
    {"part_style": "half", "days": 900},
    {"part_style": "_partN", "parts": 3},
    {"part_style": "_0N", "parts": 11},
    {"bool_spelling": ("1", "0")},
    {"bool_spelling": ("True", "False")},
    {"hash_all": True},
    {"hashed": False},
    {"bursty_accounts": 2},
    {"n_tweets": 0},
    {"n_tweets": 1, "repeated_header": True},
]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("options", QUIRKS, ids=str)
def test_truth_is_what_the_bytes_say(tmp_path: Path, era: Era, options: dict[str, Any]) -> None:
    options = {"n_tweets": 300, **options}
    truth = synthetic.write_campaign(tmp_path, "p_082020", era=era, seed=8, **options)
    assert truth.tweets.schema == TWEET_SCHEMA
    assert truth.users.schema == USER_SCHEMA
    assert truth.tweets.rows(named=True) == plain_tweets(truth.tweet_files, era, "p_082020")
    assert truth.users.rows(named=True) == plain_users(truth.user_files[0], "p_082020")
    assert truth.tweets.height == options["n_tweets"]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("hashed", [True, False])
def test_every_column_reads_back_as_the_truth(
    tmp_path: Path, era: Era, hashed: bool, engine: EngineName
) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "c_202012", era=era, hashed=hashed, n_tweets=400, parts=3, seed=3
    )
    tweets = ioa.scan_tweets(truth.tweet_files, campaign="c_202012").collect(engine=engine)
    users = ioa.scan_users(truth.user_files, campaign="c_202012").collect(engine=engine)
    assert_frame_equal(tweets, truth.tweets)
    assert_frame_equal(users, truth.users)


@pytest.mark.parametrize("options", QUIRKS[1:], ids=str)
def test_file_quirks_read_back_as_the_truth(tmp_path: Path, options: dict[str, Any]) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "q_082020", **{"n_tweets": 300, "seed": 5, **options}
    )
    copy = "hashed" if options.get("hashed", True) else "unhashed"
    tweets = ioa.scan_tweets(str(tmp_path / f"q_082020_tweets_csv_{copy}*"), campaign="q_082020")
    assert_frame_equal(tweets.collect(), truth.tweets)
    assert_frame_equal(ioa.scan_users(truth.user_files, campaign="q_082020").collect(), truth.users)


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize(
    "options", [{}, {"bom": True, "repeated_header": True}, {"gzip_files": True}], ids=str
)
def test_files_are_quote_all_csv_with_the_era_header(
    tmp_path: Path, era: Era, options: dict[str, Any]
) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "f_202012", era=era, n_tweets=500, parts=2, **options
    )
    for path in (*truth.tweet_files, *truth.user_files):
        text = read_text(path)
        assert text.startswith("\ufeff") == options.get("bom", False)
        header, body = csv_table(path)
        assert len(body) == truth.rows_per_file[path]
        expected_header = USER_COLUMNS if path in truth.user_files else COLUMNS[era]
        assert header == list(expected_header)
        assert all(len(row) == len(header) for row in body)
        # Every field quoted, quotes doubled, LF line ends: exactly what QUOTE_ALL writes.
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        again = io.StringIO()
        csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
        assert again.getvalue() == text.removeprefix("\ufeff")
    assert sum(truth.rows_per_file[p] for p in truth.tweet_files) == 500


def test_file_level_quirks_are_in_the_bytes(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(
        tmp_path,
        "b_202012",
        n_tweets=101,
        bom=True,
        repeated_header=True,
        trailing_blank_line=True,
        camelcase_users=True,
    )
    tweets = truth.tweet_files[0].read_bytes()
    header = tweets.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0] + b"\n"
    assert tweets.startswith(b'\xef\xbb\xbf"tweetid"')
    assert tweets.count(header) == 2
    body_before, _, _ = tweets.partition(b"\n" + header)
    assert len(csv_table(truth.tweet_files[0])[1]) == 101
    assert len(list(csv.reader(io.StringIO(body_before.decode("utf-8-sig"))))) - 1 == 50
    users = truth.user_files[0].read_bytes()
    assert users.endswith(b'"\n\n')
    assert b'"userid","userDisplayName","userScreenName"' in users
    gz = synthetic.write_campaign(tmp_path / "gz", "g_202012", gzip_files=True, hashed=False)
    assert [p.name for p in (*gz.tweet_files, *gz.user_files)] == [
        "g_202012_tweets_csv_unhashed.csv.gz",
        "g_202012_users_csv_unhashed.csv.gz",
    ]
    assert all(p.read_bytes()[:2] == b"\x1f\x8b" for p in gz.tweet_files)


@pytest.mark.parametrize(
    ("options", "suffixes"),
    [
        ({}, [""]),
        ({"parts": 3}, ["_1", "_2", "_3"]),
        ({"parts": 2, "part_style": "_partN"}, ["_part1", "_part2"]),
        ({"parts": 11, "part_style": "_0N"}, [f"_{i:02d}" for i in range(1, 12)]),
        (
            {"part_style": "half", "start": dt.date(2016, 1, 1), "days": 540},
            ["_2016_01", "_2016_06", "_2017_01"],
        ),
        (
            {"part_style": "year", "start": dt.date(2019, 6, 1), "days": 900},
            ["_2019", "_2020", "_2021"],
        ),
    ],
    ids=str,
)
def test_part_names_and_order(tmp_path: Path, options: dict[str, Any], suffixes: list[str]) -> None:
    truth = synthetic.write_campaign(tmp_path, "n_052020", n_tweets=600, **options)
    names = [p.name for p in truth.tweet_files]
    assert names == [f"n_052020_tweets_csv_hashed{s}.csv" for s in suffixes]
    tables = [csv_table(p) for p in truth.tweet_files]
    times = [{r[h.index("tweet_time")][:4] for r in rows} for h, rows in tables]
    if options.get("part_style") == "year":
        assert times == [{s[1:]} for s in suffixes]
    if "start" in options:
        assert truth.tweets["tweet_time"].is_sorted()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    def write(folder: str, seed: int) -> synthetic.CampaignTruth:
        return synthetic.write_campaign(
            tmp_path / folder, "x_202012", seed=seed, parts=2, era=Era.TWEETS_2018
        )

    a, b, c = write("a", 1), write("b", 1), write("c", 2)
    for pa, pb, pc in zip(
        (*a.tweet_files, *a.user_files),
        (*b.tweet_files, *b.user_files),
        (*c.tweet_files, *c.user_files),
        strict=True,
    ):
        assert pa.read_bytes() == pb.read_bytes()
        assert pa.read_bytes() != pc.read_bytes()
    assert_frame_equal(a.tweets, b.tweets)
    assert not a.tweets.equals(c.tweets)


@pytest.mark.parametrize("era", ERAS)
def test_hash_formats_and_the_5000_follower_rule(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "h_202012", era=era, n_accounts=60, seed=4)
    pattern = HEX64 if era is Era.TWEETS_2018 else BASE64
    assert truth.hashed_accounts
    assert truth.unhashed_accounts
    assert all(pattern.match(h) for h in truth.hashed_accounts)
    assert all(u.isdigit() for u in truth.unhashed_accounts)
    users = truth.users
    hashed = users["userid"].is_in(list(truth.hashed_accounts))
    assert (users.filter(hashed)["follower_count"] < 5000).all()
    assert (users.filter(~hashed)["follower_count"] >= 5000).all()
    assert (
        users.filter(pl.col("follower_count") == 4999)["userid"].to_list()[0]
        in truth.hashed_accounts
    )
    assert (
        users.filter(pl.col("follower_count") == 5000)["userid"].to_list()[0]
        in truth.unhashed_accounts
    )
    hashed_rows = users.filter(hashed)
    assert (hashed_rows["user_screen_name"] == hashed_rows["userid"]).all()
    assert (hashed_rows["user_display_name"] == hashed_rows["userid"]).all()
    clear_rows = users.filter(~hashed)
    assert (clear_rows["user_screen_name"] != clear_rows["userid"]).all()


def test_hash_id_lengths_stay_in_the_real_range() -> None:
    hashes = [synthetic.hash_id(str(i), era=Era.TWEETS_2020, salt="s") for i in range(20000)]
    assert all(BASE64.match(h) for h in hashes)
    assert {len(h) for h in hashes} <= set(range(40, 45))
    assert any(len(h) < 44 for h in hashes)  # slashes were deleted somewhere
    assert len(set(hashes)) == len(hashes)
    assert synthetic.hash_id("1", era=Era.TWEETS_2020) != synthetic.hash_id(
        "1", era=Era.TWEETS_2020, salt="x"
    )


def test_unhashed_copy_and_hash_all(tmp_path: Path) -> None:
    clear = synthetic.write_campaign(tmp_path / "u", "h_202012", hashed=False, seed=4)
    hashed = synthetic.write_campaign(tmp_path / "h", "h_202012", seed=4)
    assert not clear.hashed_accounts
    assert clear.tweet_files[0].name == "h_202012_tweets_csv_unhashed.csv"
    assert clear.user_files[0].name == "h_202012_users_csv_unhashed.csv"
    # The two copies of a release share tweet ids and differ in hashed ids only.
    assert clear.tweets["tweetid"].to_list() == hashed.tweets["tweetid"].to_list()
    paired = dict(zip(hashed.users["userid"], clear.users["userid"], strict=True))
    assert all(paired[h] != h for h in hashed.hashed_accounts)
    assert all(paired[u] == u for u in hashed.unhashed_accounts)
    everyone = synthetic.write_campaign(tmp_path / "a", "h_202012", hash_all=True, seed=4)
    assert not everyone.unhashed_accounts
    assert len(everyone.hashed_accounts) == everyone.users.height
    assert (everyone.users["follower_count"] >= 5000).any()


def test_never_tweeted_and_external_accounts(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "n_202012", n_accounts=30, n_tweets=500, seed=9)
    authors = set(truth.tweets["userid"].to_list())
    users = set(truth.users["userid"].to_list())
    assert truth.never_tweeted
    assert truth.never_tweeted == users - authors
    assert authors <= users
    assert truth.external_accounts
    assert all(e.isdigit() for e in truth.external_accounts)
    assert not truth.external_accounts & users
    refs = pl.concat(
        [truth.tweets["retweet_userid"], truth.tweets["in_reply_to_userid"]]
    ).drop_nulls()
    mentions = truth.tweets["user_mentions"].explode().drop_nulls()
    referenced = set(refs.to_list()) | set(mentions.to_list())
    assert truth.external_accounts == referenced - users - {"0"}
    assert referenced & truth.hashed_accounts


@pytest.mark.parametrize("era", ERAS)
def test_value_quirks_are_in_the_bytes(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "v_202012", era=era, n_tweets=1500, seed=11)
    text = read_text(truth.tweet_files[0])
    users = read_text(truth.user_files[0])
    assert "line one\nline two" in text  # a multi-line text
    assert "windows line\r\nend" in text
    assert "a stray \r carriage return" in text
    assert '"doubled """"quotes"""" kept"' in text  # doubled quotes, doubled again by CSV
    assert "&amp;" in text
    assert "\u200f" in text
    assert "😀" in text
    assert "ประเทศไทย" in text
    assert "line one\nline two" in users
    assert "https://example.org/a,b?x=1,2" in text  # a comma inside a URL
    assert re.search(r'"\d+\.0"', text)  # a count written as a float
    assert re.search(r'"\d+\.0"', users)
    assert re.search(r'"\d{19}"', text)  # 19-digit tweet ids
    assert re.search(r'"\d{4}-\d\d-\d\d \d\d:\d\d"', text)
    assert re.search(r'"(?:19|20)\d\d-\d\d-\d\d","(?:en|ar|ru)"', text)
    assert '"RT @someone: ' in text
    if era is Era.TWEETS_2018:
        assert re.search(r'"\[(STOPNazi|Cuba|CubaVa|Syria|MAGA|HK)(, [^\]"]+)?\]"', text)
        assert (
            "\"[https://news.example.com/it's-here" in text
            or ", https://news.example.com/it's" in text
        )
        assert '"[]"' in text
        assert ',"",""' in text  # empty geo (and empty list cells)
        assert '"true"' in text
        assert '"false"' in text
        assert re.search(r'"\[[0-9a-f]{64}(, |\])', text)  # a hex hash in user_mentions
        assert re.search(r'"-?\d+\.\d+","-?\d+\.\d+"', text)  # a few coordinates
        assert re.search(r'"RT @[0-9a-f]{64}: ', text)
    else:
        assert """["https://news.example.com/it's-here\"""" in text.replace('""', '"')
        assert "['Cuba'" in text or ", 'Cuba'" in text
        assert '"absent","absent"' in text
        assert '"present","present"' in text
        assert re.search(r"\[\d+, '[A-Za-z0-9+]+='", text) or re.search(
            r"'[A-Za-z0-9+]+=', \d+", text
        )
        assert re.search(r'"\[\d{8,19}\]"', text)  # a numeric id written as a Python int
        assert re.search(r'"RT @[A-Za-z0-9+]{39,43}=: ', text)
        assert '"[]"' in text
    assert ", 0]" in text or "[0]" in text or "[0, " in text  # the 0 mention placeholder
    assert "#" not in "".join(truth.tweets["hashtags"].explode().drop_nulls().to_list())
    elements = truth.tweets.select(pl.concat_list("hashtags", "urls", "user_mentions").explode())
    values = elements.to_series().drop_nulls().to_list()
    assert not any("\\" in v or not v.isprintable() for v in values)
    if era is Era.TWEETS_2018:
        assert not any(", " in v for v in values)


def test_2018_empty_lists_are_both_blank_and_brackets(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "ira", era=Era.TWEETS_2018, n_tweets=600, seed=2)
    lists = truth.tweets.select("hashtags", "urls", "user_mentions")
    nulls = lists.select(pl.all().is_null().sum()).row(0)
    empties = lists.select((pl.all().list.len() == 0).sum()).row(0)
    assert all(n > 0 for n in nulls)
    assert all(e > 0 for e in empties)
    assert truth.tweets["poll_choices"].null_count() == 600
    assert truth.tweets["has_geo"].null_count() > 0
    counts = truth.tweets.select("quote_count", "like_count")
    assert counts.null_count().row(0) != (0, 0)


@pytest.mark.parametrize("era", ERAS)
def test_retweets_replies_quotes(tmp_path: Path, era: Era) -> None:
    truth = synthetic.write_campaign(tmp_path, "r_202012", era=era, n_tweets=1200, seed=14)
    t = truth.tweets
    rts = t.filter("is_retweet")
    assert rts.height > 0
    assert rts["retweet_tweetid"].null_count() == 0
    assert rts["tweet_text"].str.starts_with("RT @").all()
    engagement = rts.select("quote_count", "reply_count", "like_count", "retweet_count")
    assert engagement.select(pl.all().fill_null(0).max()).row(0) == (0, 0, 0, 0)
    outside = rts.filter(pl.col("retweet_userid").is_null())
    assert outside.height > 0
    assert outside["tweet_text"].str.starts_with("RT @someone: ").all()
    screen = dict(zip(truth.users["userid"], truth.users["user_screen_name"], strict=True))
    for uid, text in rts.drop_nulls("retweet_userid").select("retweet_userid", "tweet_text").rows():
        assert text.startswith(f"RT @{screen.get(uid, 'ext' + uid[-4:])}: ")
    originals = t.filter(~pl.col("is_retweet"))
    assert originals.filter(pl.col("in_reply_to_tweetid").is_not_null()).height > 0
    assert (
        originals["in_reply_to_tweetid"]
        .is_null()
        .eq(originals["in_reply_to_userid"].is_null())
        .all()
    )
    quoted = set(t["quoted_tweet_tweetid"].drop_nulls().to_list())
    assert quoted & set(t["tweetid"].to_list())  # some quote a tweet of the dataset
    assert quoted - set(t["tweetid"].to_list())
    assert truth.type_counts["retweet"] == rts.height
    assert sum(truth.type_counts.values()) == 1200
    assert (t["like_count"].drop_nulls() > 0).any()


def test_truth_counts(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "t_202012", n_tweets=700, seed=12, days=30)
    daily = truth.daily_counts
    assert daily.schema == pl.Schema({"day": pl.Date(), "tweets": pl.UInt32()})
    assert daily["tweets"].sum() == 700
    assert daily["day"].is_sorted()
    by_day: dict[dt.date, int] = {}
    for minute in truth.tweets["tweet_time"]:
        by_day[minute.date()] = by_day.get(minute.date(), 0) + 1
    assert dict(daily.rows()) == by_day
    assert daily["day"].to_list()[0] == dt.date(2019, 1, 1)
    assert daily["day"].to_list()[-1] <= dt.date(2019, 1, 30)
    rows = csv_table(truth.tweet_files[0])[1]
    assert [int(r[0]) for r in rows] == truth.tweets["tweetid"].to_list()


def test_tweet_ids_are_snowflakes_of_their_minute(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(tmp_path, "s_202012", n_tweets=300, seed=13, bursty_accounts=2)
    ms = (pl.col("tweetid") // (1 << 22)).cast(pl.Int64) + SNOWFLAKE_EPOCH_MS
    exact = pl.from_epoch(ms, time_unit="ms").dt.replace_time_zone("UTC")
    check = truth.tweets.select((exact.dt.truncate("1m") == pl.col("tweet_time")).all())
    assert check.item()
    assert truth.tweets["tweetid"].is_unique().all()
    rt = truth.tweets.filter("is_retweet")
    assert (rt["retweet_tweetid"] < rt["tweetid"]).all()  # the retweeted tweet is older


def test_pre_snowflake_tweets(tmp_path: Path) -> None:
    truth = synthetic.write_campaign(
        tmp_path, "ira", era=Era.TWEETS_2018, n_accounts=40, n_tweets=200, pre_snowflake_tweets=7
    )
    t = truth.tweets
    assert t.height == 200
    old = t.head(7)  # they come first in the file
    assert (old["tweetid"] < FIRST_SNOWFLAKE_ID).all()
    assert (t.tail(193)["tweetid"] > FIRST_SNOWFLAKE_ID).all()
    assert (old["tweet_time"] < dt.datetime(2010, 11, 4, tzinfo=dt.UTC)).all()
    assert (old["tweet_time"].dt.date() >= old["account_creation_date"]).all()
    assert not old["is_retweet"].any()
    assert old["tweetid"].is_unique().all()
    assert_frame_equal(ioa.scan_tweets(truth.tweet_files, campaign="ira").collect(), t)
    with pytest.raises(ValueError, match="before November 2010"):
        synthetic.write_campaign(tmp_path / "x", "x", n_accounts=1, pre_snowflake_tweets=1, seed=3)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"era": Era.USERS}, "tweets era"),
        ({"n_accounts": 0}, "n_accounts"),
        ({"start": dt.date(2010, 1, 1)}, "November 2010"),
        ({"pre_snowflake_tweets": 300}, "pre_snowflake_tweets"),
    ],
    ids=str,
)
def test_bad_arguments(tmp_path: Path, options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        synthetic.write_campaign(tmp_path, "e_202012", **options)


def test_demo_archive_is_small_and_regenerates_identically(tmp_path: Path) -> None:
    demo = synthetic.demo_archive_path()
    files = sorted(p for p in demo.rglob("*") if p.is_file())
    assert sum(p.stat().st_size for p in files) < 1_000_000
    truths = synthetic.write_archive(tmp_path, seed=2026, n_tweets=400, n_accounts=30)
    again = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(demo) for p in files]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, files, strict=True))
    assert {t.era for t in truths.values()} == set(ERAS)
    assert all(t.hashed for t in truths.values())
    assert (tmp_path / "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv").is_file()


def test_format_list_round_trips_through_the_parser() -> None:
    items = ["123", "abc=", "it's", 'say "hi"', "a,b", "0"]
    cell = synthetic.format_list(items, era=Era.TWEETS_2020)
    assert cell == """[123, 'abc=', "it's", 'say "hi"', 'a,b', 0]"""
    parsed = pl.DataFrame({"x": [cell]}).select(ioa.scan.parse.parse_list("x"))["x"].to_list()
    assert parsed == [items]
    bare = synthetic.format_list(["STOPNazi", "http://a.b/c,d"], era=Era.TWEETS_2018)
    assert bare == "[STOPNazi, http://a.b/c,d]"
    assert synthetic.format_list([], era=Era.TWEETS_2018) == "[]"
    assert synthetic.format_list([], era=Era.TWEETS_2018, empty_as_blank=True) == ""
    assert synthetic.format_list(None, era=Era.TWEETS_2020) == ""
    assert synthetic.format_list(["2020"], era=Era.TWEETS_2020, ids_as_ints=False) == "['2020']"
    # Only plain decimal ids become ints: not other digits, not leading zeros.
    assert synthetic.format_list(["٣", "007", "0"], era=Era.TWEETS_2020) == "['٣', '007', 0]"
