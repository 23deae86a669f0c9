"""Tests of ids."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ioarchive as ioa
from ioarchive import identity, synthetic
from ioarchive.schema import TWEET_SCHEMA, Era
from tests.identity.common import (
    B64,
    H1,
    REAL_HASHED,
    T0,
    b64_hash,
    both_engines,
    kinds,
    tweets_frame,
    users_frame,
)
from tests.samples import EngineName, real_params


@given(st.binary(min_size=32, max_size=32))
def test_base64_rule_on_any_32_byte_digest(digest: bytes) -> None:
    # Hypothesis favours extreme bytes (0xFF encodes as "/"), so this explores short hashes:
    # a hash is recognised exactly while at most 12 "/" were deleted.
    value = b64_hash(digest)
    assert len(value) == 44 - base64.b64encode(digest).decode().count("/")
    assert kinds([value]) == ["base64" if len(value) >= 32 else "other"]


@given(st.binary(max_size=100))
def test_base64_hashes_of_real_digests(data: bytes) -> None:
    value = b64_hash(hashlib.sha256(data).digest())
    assert kinds([value]) == ["base64"]
    broken = value[:-2] + "B="  # "B" never ends a 32-byte base64
    assert kinds([broken, value.rstrip("="), value + "="]) == ["other"] * 3


@given(st.binary(max_size=100))
def test_hex64_hashes(data: bytes) -> None:
    value = hashlib.sha256(data).hexdigest()
    assert kinds([value, value.upper(), value[:-1]]) == ["hex64", "other", "other"]


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_numeric_ids(userid: int) -> None:
    assert kinds([str(userid)]) == ["numeric"]


@given(st.sampled_from([Era.TWEETS_2018, Era.TWEETS_2019, Era.TWEETS_2020]), st.text(max_size=20))
def test_synthetic_writer_hashes_are_recognised(era: Era, userid: str) -> None:
    value = synthetic.hash_id(userid, era=era)
    assert kinds([value]) == ["hex64" if era is Era.TWEETS_2018 else "base64"]


@pytest.mark.parametrize(
    "value",
    [
        "A" * 64,  # uppercase hex
        "abc",
        "a" * 63,
        "a" * 65,
        "x=" * 21,
        "abc/def" + "a" * 36 + "=",  # a "/" that should have been deleted
        "a" * 42 + "B=",  # impossible last character
        "a" * 44,  # no "="
        "a" * 28 + "E=",  # too short to be a 32-byte digest
        "",
        "12 34",
        "-12",
        "1" * 21,
    ],
)
def test_other_is_flagged(value: str) -> None:
    assert kinds([value]) == ["other"]


def test_null_stays_null_and_names_are_kept() -> None:
    frame = pl.DataFrame({"u": [None, "12", B64]}, schema={"u": pl.String})
    out = frame.select(identity.id_kind("u"), identity.is_hashed(pl.col("u")).alias("h"))
    assert out.schema == pl.Schema({"u": identity.ID_KIND, "h": pl.Boolean()})
    assert out.rows() == [(None, None), ("numeric", False), ("base64", True)]


@pytest.mark.parametrize("path", real_params("*_users_*.csv"))
def test_real_hashed_counts(path: Path, engine: EngineName) -> None:
    users = ioa.scan_users(path, campaign=path.name.split("_users_")[0])
    counts = dict(
        users.select(identity.id_kind("userid"))
        .collect(engine=engine)["userid"]
        .value_counts()
        .iter_rows()
    )
    assert "other" not in counts
    assert counts.get("hex64", 0) + counts.get("base64", 0) == REAL_HASHED[path.name]
    if "2018" in path.name:
        assert counts == {"hex64": 2}
    else:
        assert "hex64" not in counts
    table = identity.accounts(pl.LazyFrame(schema=TWEET_SCHEMA), users).collect(engine=engine)
    assert table["hashed"].sum() == REAL_HASHED[path.name]
    assert table.height == users.collect().height
    assert table["in_users_file"].all()


def test_account_key_scopes() -> None:
    frame = pl.DataFrame(
        {
            "campaign": ["iran_202012", "GRU_202012", "gru_202012", "nowhere", None, "x"],
            "userid": [H1, H1, H1, H1, H1, "42"],
        }
    )

    def keys(**kwargs: Any) -> list[str | None]:
        return frame.select(identity.account_key("userid", **kwargs))["userid"].to_list()

    assert keys() == [
        f"iran_202012:{H1}",
        f"GRU_202012:{H1}",
        f"gru_202012:{H1}",
        f"nowhere:{H1}",
        None,
        "42",
    ]
    assert keys(scope="release") == [
        f"2020_12:{H1}",
        f"2020_12:{H1}",
        f"2020_12:{H1}",
        f"nowhere:{H1}",  # unknown campaign: dataset scope, never a bare hash
        None,
        "42",
    ]
    assert keys(scope="release", release={"nowhere": "r1"})[3] == f"r1:{H1}"
    with_release = frame.with_columns(pl.lit("R").alias("rel"))
    assert with_release.select(identity.account_key("userid", scope="release", release="rel"))[
        "userid"
    ].to_list()[:2] == [f"R:{H1}", f"R:{H1}"]
    assert keys(scope="global") == [H1] * 5 + ["42"]


def test_account_key_rejects_an_unknown_scope() -> None:
    with pytest.raises(ValueError, match="scope"):
        identity.account_key("userid", scope="world")  # type: ignore[arg-type]


def test_dataset_keys_keep_hashed_accounts_of_two_datasets_apart() -> None:
    tweets = pl.concat(
        [
            tweets_frame([{"tweetid": 1, "userid": H1, "tweet_time": T0}]),
            tweets_frame([{"tweetid": 2, "userid": H1, "tweet_time": T0}]).with_columns(
                campaign=pl.lit("d")
            ),
        ]
    )
    table = both_engines(identity.accounts(tweets, users_frame([])), "key")
    assert table["key"].to_list() == [f"c:{H1}", f"d:{H1}"]
