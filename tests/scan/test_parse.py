"""Value parsing: hand-checked cases and properties (hypothesis) for every parser."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Sequence

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ioarchive.scan import parse


def run(expr: pl.Expr, values: Sequence[str | None]) -> list[object]:
    return (
        pl.DataFrame({"x": list(values)}, schema={"x": pl.String})
        .select(expr)
        .to_series()
        .to_list()
    )


def printable(text: str) -> bool:
    return text.isprintable()


repr_text = st.text(min_size=0, max_size=20).filter(printable)
bare_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=","),
    min_size=1,
    max_size=20,
).filter(lambda s: printable(s) and s.strip() == s)


@given(st.lists(st.one_of(repr_text, st.integers(min_value=0, max_value=2**64 - 1)), max_size=8))
def test_repr_lists_round_trip(items: list[str | int]) -> None:
    assert run(parse.parse_list("x"), [repr(items)]) == [[str(i) for i in items]]


@given(st.lists(bare_text, max_size=8))
def test_bare_lists_round_trip(items: list[str]) -> None:
    cell = "[" + ", ".join(items) + "]"
    assert run(parse.parse_list("x", style="bare"), [cell]) == [items]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("['Cuba', 'CubaVa']", ["Cuba", "CubaVa"]),
        ("['https://du3a.org']", ["https://du3a.org"]),
        ("[587848359]", ["587848359"]),
        ("[123, 'abc=']", ["123", "abc="]),
        ("[0]", ["0"]),
        ("['https://x.com/a,b?c=1,2', \"it's\"]", ["https://x.com/a,b?c=1,2", "it's"]),
        ("['a\\\\b', 'c\\'d\"e']", ["a\\b", "c'd\"e"]),
        ("[]", []),
        ("", None),
        (None, None),
    ],
)
def test_repr_list_cases(cell: str | None, expected: list[str] | None) -> None:
    assert run(parse.parse_list("x"), [cell]) == [expected]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("[STOPNazi]", ["STOPNazi"]),
        (
            "[http://ru-open.livejournal.com/374284.html]",
            ["http://ru-open.livejournal.com/374284.html"],
        ),
        ("[2572896396, 12]", ["2572896396", "12"]),
        ("[http://a.com/x,y]", ["http://a.com/x,y"]),
        ("[]", []),
        ("", None),
    ],
)
def test_bare_list_cases(cell: str, expected: list[str] | None) -> None:
    assert run(parse.parse_list("x", style="bare"), [cell]) == [expected]


def test_malformed_list_raises_or_is_null() -> None:
    with pytest.raises(pl.exceptions.ComputeError, match="not a list: Cuba"):
        run(parse.parse_list("x"), ["[]", "Cuba"])
    assert run(parse.parse_list("x", strict=False), ["[]", "Cuba"]) == [[], None]


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_tweet_ids_are_exact(tweetid: int) -> None:
    assert run(parse.parse_tweet_id("x"), [str(tweetid)]) == [tweetid]


@pytest.mark.parametrize("bad", ["12a", "1.0", "-5", "1e5", " 12", "18446744073709551616"])
def test_bad_tweet_ids_raise(bad: str) -> None:
    with pytest.raises(pl.exceptions.ComputeError):
        run(parse.parse_tweet_id("x"), [bad])
    assert run(parse.parse_tweet_id("x", strict=False), [bad]) == [None]


@given(st.sampled_from(["true", "True", "TRUE", "1", "false", "False", "FALSE", "0", ""]))
def test_booleans(spelling: str) -> None:
    expected = None if spelling == "" else spelling.lower() in ("true", "1")
    assert run(parse.parse_bool("x"), [spelling]) == [expected]


def test_bad_boolean_raises() -> None:
    with pytest.raises(pl.exceptions.ComputeError, match="not a boolean: yes"):
        run(parse.parse_bool("x"), ["yes"])
    assert run(parse.parse_bool("x", strict=False), ["yes"]) == [None]


@given(st.datetimes(min_value=dt.datetime(2006, 3, 21), max_value=dt.datetime(2022, 12, 31)))
def test_times_round_trip(moment: dt.datetime) -> None:
    minute = moment.replace(second=0, microsecond=0, tzinfo=dt.UTC)
    assert run(parse.parse_time("x"), [minute.strftime("%Y-%m-%d %H:%M")]) == [minute]
    with_seconds = moment.replace(microsecond=0, tzinfo=dt.UTC)
    assert run(parse.parse_time("x"), [with_seconds.strftime("%Y-%m-%d %H:%M:%S")]) == [
        with_seconds
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "2020-02-30 10:00",
        "2020-01-01",
        "yesterday",
        "2020-01-01 25:00",
        # strptime alone took these: a two-digit year, a 60th second, one-digit fields, a
        # leading space, two spaces, a sign.
        "17-06-22 16:03",
        "2017-06-22 16:03:60",
        "2017-6-2 1:3",
        " 2017-06-22 16:03",
        "2017-06-22  16:03",
        "+2017-06-22 16:03",
    ],
)
def test_bad_times_raise(bad: str) -> None:
    with pytest.raises(pl.exceptions.PolarsError):
        run(parse.parse_time("x"), [bad])
    assert run(parse.parse_time("x", strict=False), [bad]) == [None]


@pytest.mark.parametrize(
    "bad", ["9-8-2", "2013-12-7", "+2013-12-07", "2013-12-07 25:99", "2013-02-30"]
)
def test_bad_dates_raise(bad: str) -> None:
    with pytest.raises(pl.exceptions.PolarsError):
        run(parse.parse_date("x"), [bad])
    assert run(parse.parse_date("x", strict=False), [bad]) == [None]


@given(st.dates(min_value=dt.date(2006, 1, 1), max_value=dt.date(2022, 12, 31)))
def test_dates_round_trip(day: dt.date) -> None:
    assert run(parse.parse_date("x"), [day.isoformat()]) == [day]
    assert run(parse.parse_date("x"), [f"{day.isoformat()} 13:45"]) == [day]


@given(st.integers(min_value=0, max_value=10**12))
def test_counts(count: int) -> None:
    assert run(parse.parse_count("x"), [str(count), f"{count}.0", ""]) == [count, count, None]


@pytest.mark.parametrize("bad", ["3.5", "three", "1,000"])
def test_bad_counts_raise(bad: str) -> None:
    with pytest.raises(pl.exceptions.ComputeError):
        run(parse.parse_count("x"), [bad])


def test_geo() -> None:
    frame = pl.DataFrame(
        {
            "lat": ["absent", "present", "", "-33.5", "absent"],
            "lon": ["absent", "present", "", "151", ""],
        }
    )
    out = frame.select(
        parse.parse_geo("lat").alias("lat"),
        parse.parse_geo("lon").alias("lon"),
        parse.parse_has_geo("lat", "lon"),
    )
    assert out["lat"].to_list() == [None, None, None, -33.5, None]
    assert out["lon"].to_list() == [None, None, None, 151.0, None]
    assert out["has_geo"].to_list() == [False, True, None, True, False]
    with pytest.raises(pl.exceptions.InvalidOperationError):
        run(parse.parse_geo("x"), ["north"])


def test_empty_cells_are_null_everywhere() -> None:
    parsers = [
        parse.parse_tweet_id("x"),
        parse.parse_user_id("x"),
        parse.parse_time("x"),
        parse.parse_date("x"),
        parse.parse_bool("x"),
        parse.parse_count("x"),
        parse.parse_geo("x"),
        parse.parse_list("x"),
        parse.parse_list("x", style="bare"),
        parse.empty_to_null("x"),
    ]
    for parser in parsers:
        assert run(parser, ["", None]) == [None, None]


writer_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=",\\"
    ),
    min_size=1,
    max_size=15,
).filter(lambda s: s.isprintable() and s.strip() == s and not s.isdigit())


@given(st.lists(st.one_of(writer_text, st.integers(0, 2**63).map(str)), max_size=6))
def test_synthetic_writer_lists_read_back_equal(items: list[str]) -> None:
    from ioarchive.schema import Era
    from ioarchive.synthetic import format_list

    for era, style in ((Era.TWEETS_2018, "bare"), (Era.TWEETS_2020, "repr")):
        cell = format_list(items, era=era)
        assert run(parse.parse_list("x", style=style), [cell]) == [items]  # type: ignore[arg-type]


def regex_per_element_list(column: str, style: str) -> pl.Expr:
    """The list parser as first written (a regex per element): the reference of the one below."""
    e = parse.empty_to_null(column)
    inner = e.str.strip_prefix("[").str.strip_suffix("]")
    if style == "bare":
        size = inner.str.len_bytes()
        items = pl.when(size > 0).then(inner.str.split(", "))
        parsed = items.when(size == 0).then(pl.lit([], pl.List(pl.String)))
        return pl.when(e.str.contains(r"(?s)^\[.*\]$")).then(parsed)
    unquoted = pl.element().str.replace(r"""(?s)^(?:'(.*)'|"(.*)")$""", "$1$2")
    unescaped = parse._unescape(unquoted)  # the escapes themselves: see the test below
    elements = inner.str.extract_all(parse._REPR_ELEMENT).list.eval(unescaped)
    return pl.when(e.str.contains(parse._REPR_LIST)).then(elements)


list_like = st.lists(
    st.one_of(
        st.sampled_from(["[", "]", "[]", "'", '"', ",", ", ", " ", "\\", "\\'", "\n", "0", "ab"]),
        st.text(max_size=3),
        st.lists(st.one_of(st.text(max_size=4), st.integers(0, 99))).map(repr),
    ),
    max_size=8,
).map("".join)


@given(st.lists(list_like, min_size=1, max_size=6))
def test_lists_parse_as_with_a_regex_per_element(cells: list[str]) -> None:
    for style in ("repr", "bare"):
        fast = run(parse.parse_list("x", style=style, strict=False), cells)
        assert fast == run(regex_per_element_list("x", style), cells)


number_like = st.text(alphabet="0123456789.-+ a٣", max_size=8)


@given(st.lists(number_like, min_size=1, max_size=8))
def test_counts_parse_as_with_a_regex_replace(cells: list[str]) -> None:
    whole = parse.empty_to_null("x").str.replace(r"^(-?\d+)\.0*$", "$1")
    reference = whole.str.to_integer(dtype=pl.Int64, strict=False)
    assert run(parse.parse_count("x", strict=False), cells) == run(reference, cells)


date_like = st.lists(st.sampled_from(["2013-12-07", " ", "T", "13:45", ":07", "٣", "1", "-"]))


@given(st.lists(date_like.map("".join), min_size=1, max_size=8))
def test_dates_parse_as_with_a_regex_replace(cells: list[str]) -> None:
    # The day of a whole date, or of a date with a valid time; anything else is no date.
    clock = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"
    shape = rf"^([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})(?:[ T]{clock})?$"
    cell = parse.empty_to_null("x")
    day = pl.when(cell.str.contains(shape)).then(cell.str.replace(shape, "$1"))
    reference = day.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    as_days = parse.parse_date("x", strict=False).cast(pl.Int32)  # some years precede year 1
    assert run(as_days, cells) == run(reference.cast(pl.Int32), cells)


@pytest.mark.parametrize(
    ("cell", "choices"),
    [
        ("['Yes', 'No']", ["Yes", "No"]),
        ("['Yes', '']", ["Yes"]),  # every branch trims and drops empty choices
        ("[' Yes ', 'No']", ["Yes", "No"]),
        ("[, ]", []),
        ("[a, , b]", ["a", "b"]),
        ("Yes|No", ["Yes", "No"]),
        ("Yes, No", ["Yes", "No"]),
        ("Maybe", ["Maybe"]),
        ("", None),
    ],
)
def test_poll_choices(cell: str, choices: list[str] | None) -> None:
    assert run(parse.parse_poll("x"), [cell]) == [choices]


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], max_codepoint=0xFFFF)
    | st.sampled_from(list("\\'\"\n\t\r\x00\x1f\u200c\u200f\xa0\x7f,[] ")),
    max_size=12,
)


@given(st.lists(_TEXT | st.integers(0, 10**20), max_size=4))
def test_repr_lists_read_as_python_wrote_them(values: list[str | int]) -> None:
    # Python's repr escapes what it does not print (\xNN, \uNNNN: the zero-width non-joiner of
    # Persian hashtags, direction marks); they are undone. The oracle is Python's own reading.
    cell = repr(values)
    assert ast.literal_eval(cell) == values
    assert run(parse.parse_list("x"), [cell]) == [[str(v) for v in values]]


@pytest.mark.parametrize(
    ("cell", "kept"),
    [("['\\U000e0067']", ["\\U000e0067"]), ("['\\ud800']", ["\\ud800"])],
)
def test_escapes_a_string_cannot_hold_are_kept(cell: str, kept: list[str]) -> None:
    # \U escapes (above U+FFFF) and lone surrogates stay as written (documented).
    assert run(parse.parse_list("x"), [cell]) == [kept]
