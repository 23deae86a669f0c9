"""What a conversion reads: the source's datasets and their files (private).

Part of [`convert`][ioarchive.store.convert]: ``datasets_of`` turns a mirror root, a Catalog
or a Dataset into the datasets to convert, ``sources_of`` lists a dataset's data files in
order, and ``refuse_inside`` keeps a store out of the mirror it is made from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from ioarchive._fs import url_to_fs
from ioarchive._open import protocol_of
from ioarchive.discovery import Catalog, Dataset, discover
from ioarchive.exceptions import SourceNotFoundError, StoreError
from ioarchive.schema import FileKind
from ioarchive.store._target import Target


def refuse_inside(source: object, target: Target) -> None:
    """Raise if a local store would lie inside the local mirror it is converted from.

    The mirror's walk would then see the store's own work in progress (a gzip source
    decompressed into ``_staging/`` is a CSV file like the mirror's).
    """
    if not isinstance(source, str | os.PathLike) or not target.local:
        return
    text = os.fspath(source)
    if protocol_of(text) != "file":
        return
    mirror = Path(url_to_fs(text)[1]).resolve()
    store = Path(target.root).resolve()
    if store == mirror or mirror in store.parents:
        raise StoreError(
            "the store is inside the mirror it is converted from",
            path=str(store),
            hint=f"write the store to a folder outside {mirror}",
        )


def datasets_of(
    source: Catalog | Dataset | str | os.PathLike[str],
    options: Mapping[str, Any] | None,
    progress: bool | None,
) -> tuple[list[Dataset], str, bool]:
    """The datasets to convert, the source's root, and whether they are the whole mirror."""
    if isinstance(source, Catalog | Dataset) and source._backend is not None:
        raise StoreError("the source is a store, not a mirror", hint="give the mirror's root")
    if isinstance(source, Dataset):
        return [source], str(source.files["url"][0]).rsplit("/", 1)[0], False
    if isinstance(source, Catalog):
        catalog = source
    else:
        catalog = discover(source, storage_options=options, progress=progress)
    keys = catalog.datasets.select("campaign", "hashed").rows()
    if not keys:  # most likely a mistyped root: no store is made of nothing
        raise SourceNotFoundError(
            "no tweets or users file here", path=catalog.root, hint="give the mirror's root"
        )
    return [catalog.dataset(c, hashed=h) for c, h in keys], catalog.root, True


def sources_of(dataset: Dataset) -> list[tuple[dict[str, Any], int]]:
    """The dataset's data files with their rank in their kind: tweets in part order, users."""
    found: list[tuple[dict[str, Any], int]] = []
    for kind in (FileKind.TWEETS, FileKind.USERS):
        files = dataset.files.filter(pl.col("kind") == kind).sort("part_order")
        found.extend((row, i) for i, row in enumerate(files.iter_rows(named=True)))
    return found
