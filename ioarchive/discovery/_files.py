"""``Catalog.files``: one row per file found, in part order, one used copy of each (private)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import polars as pl

from ioarchive.discovery._walk import DATA_KINDS, Found
from ioarchive.discovery.naming import sort_key

__all__ = ["FILES_SCHEMA", "files_frame"]

FILES_SCHEMA: pl.Schema = pl.Schema(
    {
        "url": pl.String(),
        "path": pl.String(),
        "name": pl.String(),
        "container": pl.String(),
        "campaign": pl.String(),
        "known": pl.Boolean(),
        "kind": pl.String(),
        "hashed": pl.Boolean(),
        "part": pl.String(),
        "part_order": pl.UInt32(),
        "compression": pl.String(),
        "size": pl.Int64(),
        "era": pl.String(),
        "used": pl.Boolean(),
        "note": pl.String(),
        "identity": pl.String(),
    }
)
"""Columns of ``Catalog.files``, one row per file found.

``url`` is what fsspec opens (``zip://member::outer`` for zip members); ``path`` the file's
place under the root; ``container`` ``"zip"`` for zip members; ``kind`` one of ``tweets``,
``users``, ``media``, ``media_list``, ``readme``, ``other``; ``part_order`` the file's rank in
its dataset's part order; ``era`` the header layout of data files; ``used`` whether the file is
read as part of a dataset; ``note`` why a file is not used (a bad header, a duplicate copy);
``identity`` what identifies this version of the file (ETag or mtime, plus the CRC of a zip
member), so that a staged copy is reused only while it matches.
"""

_PREFERENCE = {None: 0, "gzip": 1, "zip": 2}


def files_frame(found: Sequence[Found]) -> pl.DataFrame:
    """Build ``Catalog.files``: part order, and one used copy of each data file."""
    hashed = _fill_hashed(found)
    order = sorted(range(len(found)), key=lambda i: _sort_key(found[i], hashed[i]))
    chosen: dict[tuple[object, ...], int] = {}
    notes = [f.note for f in found]
    for i in order:
        f = found[i]
        if f.kind not in DATA_KINDS or f.info.campaign is None:
            continue
        key = (f.info.campaign, hashed[i], f.kind, f.info.part)
        if key in chosen:
            notes[i] = f"duplicate of {found[chosen[key]].path}"
        else:
            chosen[key] = i
    used = set(chosen.values())
    rank = {i: position for position, i in enumerate(order)}
    rows = [
        {
            "url": f.url,
            "path": f.path,
            "name": f.info.name,
            "container": f.container,
            "campaign": f.info.campaign,
            "known": f.info.known,
            "kind": str(f.kind),
            "hashed": hashed[i],
            "part": f.info.part,
            "part_order": rank[i],
            "compression": f.info.compression,
            "size": f.size,
            "era": f.header.era.value if f.header else None,
            "used": i in used,
            "note": notes[i],
            "identity": f.identity,
        }
        for i, f in enumerate(found)
    ]
    return pl.DataFrame(rows, schema=FILES_SCHEMA)


def _sort_key(f: Found, hashed: bool | None) -> tuple[Any, ...]:
    """Order files by dataset, kind and part; then readable first, plain before gzip before zip."""
    source = _PREFERENCE.get(f.container or f.info.compression, 3)
    info = dataclasses.replace(f.info, kind=f.kind, hashed=hashed)
    return (*sort_key(info), f.header is None, source, f.path)


def _fill_hashed(found: Sequence[Found]) -> list[bool | None]:
    """A file whose path does not say hashed or not takes its campaign's one answer, else True.

    Public copies are hashed, so True is the default when nothing says otherwise.
    """
    answers: dict[str | None, set[bool]] = {}
    for f in found:
        if f.info.hashed is not None:
            answers.setdefault(f.info.campaign, set()).add(f.info.hashed)
    filled: list[bool | None] = []
    for f in found:
        if f.kind not in DATA_KINDS:
            filled.append(f.info.hashed)
            continue
        known = answers.get(f.info.campaign, set())
        guess = next(iter(known)) if len(known) == 1 else True
        filled.append(f.info.hashed if f.info.hashed is not None else guess)
    return filled
