"""Catalog and Dataset: the files of a mirror, grouped into datasets, scanned lazily.

Examples:
    >>> import ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> catalog = ioarchive.discover(demo_archive_path())
    >>> catalog.datasets.height > 0
    True
    >>> dataset = catalog[catalog.datasets["campaign"][0]]
    >>> dataset.tweets().select(pl.len()).collect().item() > 0
    True
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ioarchive._fs import FileAccess, Remote, url_to_fs
from ioarchive._progress import iterate
from ioarchive.discovery._walk import DATA_KINDS, Found, check_header, walk
from ioarchive.discovery.naming import sort_key
from ioarchive.exceptions import DatasetNotFoundError, SourceNotFoundError
from ioarchive.scan import reader
from ioarchive.scan.header import Header, read_header
from ioarchive.schema import FileKind

__all__ = ["FILES_SCHEMA", "Catalog", "Dataset", "discover"]

logger = logging.getLogger(__name__)

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

ScanBackend = Callable[[pl.DataFrame, FileKind], pl.LazyFrame]
"""How a dataset's files of one kind are scanned, when not as CSV (a store: Parquet)."""


def _remote(row: Mapping[str, Any]) -> Remote:
    return Remote(url=row["url"], size=row["size"], identity=row["identity"], label=row["path"])


@dataclass(frozen=True, eq=False)
class Dataset:
    """One campaign's files in a mirror: its tweets parts and users files.

    Datasets compare by identity (two objects are equal only if they are the same object).

    Attributes:
        campaign: The campaign id, e.g. ``iran_202012``.
        hashed: Whether this is the hashed (public) copy.
        known: Whether the campaign is one of the 48 known releases.
        files: This dataset's rows of ``Catalog.files``, tweets
            parts in part order.
    """

    campaign: str
    hashed: bool
    known: bool
    files: pl.DataFrame = field(repr=False)
    _access: FileAccess = field(default_factory=FileAccess, repr=False)
    _headers: Mapping[str, Header] = field(default_factory=dict, repr=False)
    _backend: ScanBackend | None = field(default=None, repr=False)

    def _header(self, row: Mapping[str, Any]) -> Header:
        """The file's header as discovery read it (no second read), at its scannable path."""
        path = self._access.local(_remote(row))
        header = self._headers.get(row["url"])
        if header is None:
            return read_header(
                path, kind=row["kind"], storage_options=self._access.options_for(path)
            )
        return dataclasses.replace(header, path=path)

    def tweets(self) -> pl.LazyFrame:
        """Scan the dataset's tweets files into the canonical tweet schema.

        Zip members and files on protocols Polars cannot read are staged into the local cache
        first (once; a progress bar shows the copy); then nothing is read until you collect.

        Returns:
            A LazyFrame in [`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA] with ``campaign``
            set.

        Raises:
            SourceNotFoundError: The dataset has no tweets file.
        """
        return self._scan(FileKind.TWEETS)

    def users(self) -> pl.LazyFrame:
        """Scan the dataset's users files into the canonical user schema.

        Returns:
            A LazyFrame in [`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA] with ``campaign`` set.

        Raises:
            SourceNotFoundError: The dataset has no users file.
        """
        return self._scan(FileKind.USERS)

    def _scan(self, kind: FileKind) -> pl.LazyFrame:
        rows = self.files.filter(pl.col("kind") == kind).sort("part_order")
        if self._backend is not None:
            return self._backend(rows, kind)
        headers = [self._header(row) for row in rows.iter_rows(named=True)]
        if not headers:
            raise SourceNotFoundError(f"dataset {self.campaign!r} has no {kind} file")
        options = self._access.options_for(headers[0].path)
        return reader.scan_headers(headers, campaign=self.campaign, storage_options=options)


@dataclass(frozen=True, eq=False)
class Catalog:
    """Every file found under a root, and the datasets they make.

    Catalogs compare by identity (two objects are equal only if they are the same object).

    Attributes:
        root: The root that was walked.
        files: One row per file found, in [`FILES_SCHEMA`][ioarchive.discovery.FILES_SCHEMA].
    """

    root: str
    files: pl.DataFrame = field(repr=False)
    _access: FileAccess = field(default_factory=FileAccess, repr=False)
    _headers: Mapping[str, Header] = field(default_factory=dict, repr=False)
    _backend: ScanBackend | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        counts = f"datasets={self.datasets.height}, files={self.files.height}"
        return f"Catalog(root={self.root!r}, {counts})"

    @property
    def datasets(self) -> pl.DataFrame:
        """One row per dataset: campaign, hashed, known, tweet_parts, user_files, bytes.

        Sorted by campaign, hashed copy first.
        """
        used = self.files.filter(pl.col("used"))
        return (
            used.group_by("campaign", "hashed")
            .agg(
                pl.col("known").first(),
                (pl.col("kind") == "tweets").sum().cast(pl.UInt32).alias("tweet_parts"),
                (pl.col("kind") == "users").sum().cast(pl.UInt32).alias("user_files"),
                pl.col("size").sum().alias("bytes"),
            )
            .sort("campaign", pl.col("hashed").not_())
        )

    def __getitem__(self, campaign: str) -> Dataset:
        return self.dataset(campaign)

    @property
    def storage_options(self) -> Mapping[str, Any] | None:
        """The fsspec options the catalog was made with (never shown in its repr)."""
        return self._access.storage_options

    def scan_path(self, row: Mapping[str, Any]) -> str:
        """Return a path Polars can read for a row of ``files``, staging it first if needed.

        Local files and URLs Polars reads itself are returned as they are; zip members and
        files on other protocols are copied into the local cache once.

        Args:
            row: A row of ``files``, as a dict.

        Returns:
            The path or URL to scan.

        Raises:
            StagingError: The file could not be copied into the cache.
        """
        return self._access.local(_remote(row))

    def __contains__(self, campaign: object) -> bool:
        return campaign in self.datasets["campaign"].to_list()

    def dataset(self, campaign: str, *, hashed: bool | None = None) -> Dataset:
        """Return one dataset: the hashed copy unless ``hashed=False`` is asked.

        Args:
            campaign: The campaign id (case-insensitive).
            hashed: Which copy; None takes the hashed copy when both exist.

        Returns:
            The [`Dataset`][ioarchive.discovery.Dataset].

        Raises:
            DatasetNotFoundError: No such dataset in this catalog.
        """
        rows = self.datasets.filter(pl.col("campaign").str.to_lowercase() == campaign.lower())
        if hashed is not None:
            rows = rows.filter(pl.col("hashed") == hashed)
        if rows.is_empty():
            names = ", ".join(self.datasets["campaign"].unique().sort().to_list()) or "none"
            copy = "" if hashed is None else f" ({'hashed' if hashed else 'unhashed'} copy)"
            raise DatasetNotFoundError(
                f"no dataset {campaign!r}{copy}; datasets found: {names}", path=self.root
            )
        name, is_hashed, known = rows.row(0)[:3]
        files = self.files.filter(
            pl.col("used") & (pl.col("campaign") == name) & (pl.col("hashed") == is_hashed)
        ).sort("kind", "part_order")
        return Dataset(name, is_hashed, known, files, self._access, self._headers, self._backend)

    def tweets(self, campaigns: Sequence[str] | None = None) -> pl.LazyFrame:
        """Scan the tweets of many datasets (all by default) as one LazyFrame.

        Args:
            campaigns: Campaign ids to include; None for every dataset (hashed copies).

        Returns:
            One LazyFrame in the canonical tweet schema, datasets in campaign order.
        """
        return pl.concat([d.tweets() for d in self._select(campaigns, "tweet_parts")])

    def users(self, campaigns: Sequence[str] | None = None) -> pl.LazyFrame:
        """Scan the users of many datasets (all by default) as one LazyFrame.

        Args:
            campaigns: Campaign ids to include; None for every dataset (hashed copies).

        Returns:
            One LazyFrame in the canonical user schema.
        """
        return pl.concat([d.users() for d in self._select(campaigns, "user_files")])

    def _select(self, campaigns: Sequence[str] | None, column: str) -> list[Dataset]:
        if campaigns is None:
            names = self.datasets.filter(pl.col(column) > 0)["campaign"].unique().sort()
            campaigns = names.to_list()
        if not campaigns:
            raise DatasetNotFoundError("no dataset with such files", path=self.root)
        return [self.dataset(c) for c in campaigns]


def discover(
    root: str | os.PathLike[str],
    *,
    storage_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Catalog:
    """Walk a mirror of the archive and catalogue every file and dataset in it.

    Args:
        root: A folder, a zip file, or a URL (``s3://bucket/prefix``, ``gs://...``,
            ``https://host/listing/``, ``memory://...``).
        storage_options: fsspec options for the root's filesystem (credentials, endpoint).
            They are never shown in reprs, logs or error messages.
        progress: Show progress bars on stderr (default: when stderr is a terminal).
        cache_dir: Where zip members and files on other protocols are staged when scanned
            (default ``$IOARCHIVE_CACHE_DIR`` or the user's cache directory).

    Returns:
        A [`Catalog`][ioarchive.discovery.Catalog].

    Raises:
        SourceNotFoundError: The root does not exist.
        MissingDependencyError: The root's protocol needs an optional extra (``s3``, ``gcs``,
            ``http``) that is not installed.
    """
    options = dict(storage_options or {})
    text = os.fspath(root)
    fs, base = url_to_fs(text, options)
    if not fs.exists(base):
        raise SourceNotFoundError("no such folder, file or bucket prefix", path=text)
    found = list(walk(fs, base, options))
    checked = [
        check_header(f, options)
        for f in iterate(found, desc="headers", unit="file", progress=progress)
    ]
    headers = {f.url: f.header for f in checked if f.header is not None}
    access = FileAccess(options or None, Path(cache_dir) if cache_dir else None, progress)
    return Catalog(text, _files_frame(checked), access, headers)


def _files_frame(found: Sequence[Found]) -> pl.DataFrame:
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
    """Order files by dataset, kind and part; a plain copy before a gzip before a zip member."""
    source = _PREFERENCE.get(f.container or f.info.compression, 3)
    info = dataclasses.replace(f.info, kind=f.kind, hashed=hashed)
    return (*sort_key(info), source, f.path)


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
