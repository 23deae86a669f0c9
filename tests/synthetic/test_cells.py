"""Cell spellings: list cells in each era's style, read back by the parser."""

from __future__ import annotations

import polars as pl

import ioarchive as ioa
from ioarchive import synthetic
from ioarchive.schema import Era


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
