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
from ioarchive.discovery._files import FILES_SCHEMA, files_frame
from ioarchive.discovery._walk import check_header, walk
from ioarchive.exceptions import DatasetNotFoundError, IOArchiveError, SourceNotFoundError
from ioarchive.scan import reader
from ioarchive.scan._exact import OnBadRows
from ioarchive.scan.header import Header, read_header
from ioarchive.schema import FileKind

__all__ = ["FILES_SCHEMA", "Catalog", "Dataset", "discover"]

logger = logging.getLogger(__name__)

ScanBackend = Callable[[pl.DataFrame, FileKind], pl.LazyFrame]
"""How a dataset's files of one kind are scanned, when not as CSV (a store: Parquet)."""


def _remote(row: Mapping[str, Any]) -> Remote:
    return Remote(url=row["url"], size=row["size"], identity=row["identity"], label=_label(row))


def _label(row: Mapping[str, Any]) -> str:
    """How errors name a file of the catalog: ``folder/archive.zip:member`` for zip members."""
    path: str = row["path"]
    if row["container"] == "zip":
        cut = path.lower().find(".zip/") + len(".zip")
        return f"{path[:cut]}:{path[cut + 1 :]}"
    return path


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
        source = None if path == row["url"].removeprefix("file://") else _label(row)
        header = self._headers.get(row["url"])
        if header is not None:
            return dataclasses.replace(header, path=path, source=source)
        try:
            found = read_header(
                path, kind=row["kind"], storage_options=self._access.options_for(path)
            )
            return dataclasses.replace(found, source=source)
        except IOArchiveError as error:
            if error.path == path:  # a staged copy: name the file as the catalog does
                error.path = _label(row)
            raise

    def tweets(self, *, on_bad_rows: OnBadRows = "raise", exact: bool = False) -> pl.LazyFrame:
        """Scan the dataset's tweets files into the canonical tweet schema.

        Zip members and files on protocols Polars cannot read are staged into the local cache
        first (once; a progress bar shows the copy); then nothing is read until you collect.

        Args:
            on_bad_rows: ``"raise"`` or ``"skip"``, as for
                [`scan_tweets`][ioarchive.scan.scan_tweets].
            exact: Read with Python's ``csv`` module only, as for ``scan_tweets`` (no effect on
                a store, whose files are Parquet).

        Returns:
            A LazyFrame in [`TWEET_SCHEMA`][ioarchive.schema.TWEET_SCHEMA] with ``campaign``
            set.

        Raises:
            SourceNotFoundError: The dataset has no tweets file.
            EmptyFileError: A tweets file is empty (named ``archive.zip:member`` for members).
            StagingError: A file could not be copied into the cache (a damaged zip).
            RemoteError: The server failed while a file was staged.
        """
        return self._scan(FileKind.TWEETS, on_bad_rows, exact)

    def users(self, *, on_bad_rows: OnBadRows = "raise", exact: bool = False) -> pl.LazyFrame:
        """Scan the dataset's users files into the canonical user schema.

        Args:
            on_bad_rows: ``"raise"`` or ``"skip"``, as for
                [`scan_users`][ioarchive.scan.scan_users].
            exact: Read with Python's ``csv`` module only, as for ``scan_users`` (no effect on
                a store, whose files are Parquet).

        Returns:
            A LazyFrame in [`USER_SCHEMA`][ioarchive.schema.USER_SCHEMA] with ``campaign`` set.

        Raises:
            SourceNotFoundError: The dataset has no users file.
        """
        return self._scan(FileKind.USERS, on_bad_rows, exact)

    def _scan(self, kind: FileKind, on_bad_rows: OnBadRows, exact: bool) -> pl.LazyFrame:
        rows = self.files.filter(pl.col("kind") == kind).sort("part_order")
        if self._backend is not None:
            return self._backend(rows, kind)
        headers = [self._header(row) for row in rows.iter_rows(named=True)]
        if not headers:
            raise SourceNotFoundError(f"dataset {self.campaign!r} has no {kind} file")
        options = self._access.options_for(headers[0].path)
        return reader.scan_headers(
            headers,
            campaign=self.campaign,
            storage_options=options,
            on_bad_rows=on_bad_rows,
            progress=self._access.progress,
            exact=exact,
        )


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
            StagingError: The file could not be copied into the cache (a damaged zip member,
                a size larger than the free space).
            RemoteError: The server failed while the file was copied; nothing is left in the
                cache, and the same call succeeds once the server is back.
        """
        return self._access.local(_remote(row))

    def __contains__(self, campaign: object) -> bool:
        return campaign in self.datasets["campaign"].to_list()

    def dataset(self, campaign: str, *, hashed: bool | None = None) -> Dataset:
        """Return one dataset: the hashed copy unless ``hashed=False`` is asked.

        Args:
            campaign: The campaign id: case-insensitive, but an exact match comes first (ids
                of unknown campaigns keep their spelling, and two may differ only in case).
            hashed: Which copy; None takes the hashed copy when both exist.

        Returns:
            The [`Dataset`][ioarchive.discovery.Dataset].

        Raises:
            DatasetNotFoundError: No such dataset in this catalog, or several that differ only
                in case and none spelled exactly so.
        """
        rows = self.datasets.filter(pl.col("campaign").str.to_lowercase() == campaign.lower())
        if hashed is not None:
            rows = rows.filter(pl.col("hashed") == hashed)
        # Unknown campaigns keep their spelling, so two ids may differ only in case.
        exact = rows.filter(pl.col("campaign") == campaign)
        rows = exact if not exact.is_empty() else rows
        if rows["campaign"].n_unique() > 1:
            spellings = ", ".join(rows["campaign"].unique().sort().to_list())
            raise DatasetNotFoundError(
                f"{campaign!r} names several datasets that differ only in case: {spellings}",
                path=self.root,
                hint="give the campaign id exactly as spelled",
            )
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

    def tweets(
        self,
        campaigns: Sequence[str] | None = None,
        *,
        hashed: bool | None = None,
        on_bad_rows: OnBadRows = "raise",
        exact: bool = False,
    ) -> pl.LazyFrame:
        """Scan the tweets of many datasets (all by default) as one LazyFrame.

        Args:
            campaigns: Campaign ids to include; None for every dataset.
            hashed: Which copy: None takes the hashed copy where both exist.
            on_bad_rows: ``"raise"`` or ``"skip"``, as for
                [`scan_tweets`][ioarchive.scan.scan_tweets].
            exact: Read with Python's ``csv`` module only, as for ``scan_tweets`` (no effect on
                a store, whose files are Parquet).

        Returns:
            One LazyFrame in the canonical tweet schema, datasets in campaign order.
        """
        selected = self._select(campaigns, "tweet_parts", hashed)
        return pl.concat([d.tweets(on_bad_rows=on_bad_rows, exact=exact) for d in selected])

    def users(
        self,
        campaigns: Sequence[str] | None = None,
        *,
        hashed: bool | None = None,
        on_bad_rows: OnBadRows = "raise",
        exact: bool = False,
    ) -> pl.LazyFrame:
        """Scan the users of many datasets (all by default) as one LazyFrame.

        Args:
            campaigns: Campaign ids to include; None for every dataset.
            hashed: Which copy: None takes the hashed copy where both exist.
            on_bad_rows: ``"raise"`` or ``"skip"``, as for
                [`scan_users`][ioarchive.scan.scan_users].
            exact: Read with Python's ``csv`` module only, as for ``scan_users`` (no effect on
                a store, whose files are Parquet).

        Returns:
            One LazyFrame in the canonical user schema.
        """
        selected = self._select(campaigns, "user_files", hashed)
        return pl.concat([d.users(on_bad_rows=on_bad_rows, exact=exact) for d in selected])

    def _select(
        self, campaigns: Sequence[str] | None, column: str, hashed: bool | None
    ) -> list[Dataset]:
        if campaigns is None:
            rows = self.datasets.filter(pl.col(column) > 0)
            if hashed is not None:
                rows = rows.filter(pl.col("hashed") == hashed)
            campaigns = rows["campaign"].unique().sort().to_list()
        if not campaigns:
            raise DatasetNotFoundError("no dataset with such files", path=self.root)
        return [self.dataset(c, hashed=hashed) for c in campaigns]


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
        DamagedFileError: A zip file is truncated or corrupt: its members cannot be listed.
        RemoteError: The server cannot be reached or fails (the message names the URL, never
            the credentials).
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
    return Catalog(text, files_frame(checked), access, headers)
