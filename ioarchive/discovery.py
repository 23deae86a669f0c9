"""Find every dataset in a researcher's mirror of the archive.

:func:`discover` walks a folder, a bucket, an HTTP listing, a zip file or a folder of zips
with fsspec, classifies every file by its name (:func:`ioarchive.naming.classify`) and, for data
files, by its header, and groups the files into datasets. Zip members are listed without
extracting anything.

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
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fsspec
import polars as pl
from tqdm.auto import tqdm

from ioarchive._fs import Remote, is_native, stage
from ioarchive.exceptions import DatasetNotFoundError, IOArchiveError, SourceNotFoundError
from ioarchive.header import FileKind, read_header
from ioarchive.naming import FileInfo, classify
from ioarchive.scan import scan_tweets, scan_users

__all__ = ["FILES_SCHEMA", "Catalog", "Dataset", "discover", "readable"]

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
"""Columns of :attr:`Catalog.files`, one row per file found.

``url`` is what fsspec opens (``zip://member::outer`` for zip members); ``path`` the file's
place under the root; ``container`` ``"zip"`` for zip members; ``kind`` one of ``tweets``,
``users``, ``media``, ``media_list``, ``readme``, ``other``; ``part_order`` the file's rank in
its dataset's part order; ``era`` the header layout of data files; ``used`` whether the file is
read as part of a dataset; ``note`` why a file is not used (a bad header, a duplicate copy);
``identity`` what identifies this version of the file (ETag or mtime, plus the CRC of a zip
member), so that a staged copy is reused only while it matches.
"""

_DATA_KINDS = ("tweets", "users")
_TABULAR = (".csv", ".csv.gz", ".tsv")
_PREFERENCE = {None: 0, "gzip": 1, "zip": 2}


@dataclass(frozen=True)
class _Found:
    url: str
    path: str
    size: int
    identity: str
    container: str | None
    info: FileInfo
    kind: str
    era: str | None = None
    note: str | None = None


def readable(
    row: Mapping[str, Any],
    storage_options: Mapping[str, Any] | None = None,
    cache_dir: Path | None = None,
    progress: bool | None = None,
) -> str:
    """Return a path or URL Polars can read for a row of :attr:`Catalog.files`.

    Local files and URLs Polars reads itself are returned as they are; zip members and files
    on other protocols are staged into the local cache first (once).

    Args:
        row: A row of ``Catalog.files``, as a dict.
        storage_options: fsspec options of the mirror.
        cache_dir: The cache directory (default: the user's cache directory).
        progress: Show a byte progress bar while staging.

    Returns:
        The path or URL to scan.
    """
    url: str = row["url"]
    if is_native(url):
        return url.removeprefix("file://")
    remote = Remote(url=url, size=row["size"], identity=row["identity"], label=row["path"])
    return str(
        stage(remote, cache_dir=cache_dir, storage_options=storage_options, progress=progress)
    )


@dataclass(frozen=True)
class Dataset:
    """One campaign's files in a mirror: its tweets parts and users files.

    Attributes:
        campaign: The campaign id, e.g. ``iran_202012``.
        hashed: Whether this is the hashed (public) copy.
        known: Whether the campaign is one of the 48 known releases.
        files: This dataset's rows of :attr:`Catalog.files`, tweets parts in part order.
    """

    campaign: str
    hashed: bool
    known: bool
    files: pl.DataFrame = field(repr=False)
    _storage_options: Mapping[str, Any] | None = field(default=None, repr=False)
    _cache_dir: Path | None = field(default=None, repr=False)
    _progress: bool | None = field(default=None, repr=False)

    def _paths(self, kind: FileKind) -> list[str]:
        rows = self.files.filter(pl.col("kind") == kind).sort("part_order")
        return [
            readable(row, self._storage_options, self._cache_dir, self._progress)
            for row in rows.iter_rows(named=True)
        ]

    def tweets(self) -> pl.LazyFrame:
        """Scan the dataset's tweets files into the canonical tweet schema.

        Zip members and files on protocols Polars cannot read are staged into the local cache
        first (once; a progress bar shows the copy); then nothing is read until you collect.

        Returns:
            A LazyFrame in :data:`~ioarchive.schema.TWEET_SCHEMA` with ``campaign`` set.

        Raises:
            SourceNotFoundError: The dataset has no tweets file.
        """
        return self._scan("tweets")

    def users(self) -> pl.LazyFrame:
        """Scan the dataset's users files into the canonical user schema.

        Returns:
            A LazyFrame in :data:`~ioarchive.schema.USER_SCHEMA` with ``campaign`` set.

        Raises:
            SourceNotFoundError: The dataset has no users file.
        """
        return self._scan("users")

    def _scan(self, kind: FileKind) -> pl.LazyFrame:
        paths = self._paths(kind)
        if not paths:
            raise SourceNotFoundError(f"dataset {self.campaign!r} has no {kind} file")
        scan = scan_tweets if kind == "tweets" else scan_users
        options = None if all(os.path.exists(p) for p in paths) else self._storage_options
        return scan(paths, campaign=self.campaign, storage_options=options)


@dataclass(frozen=True)
class Catalog:
    """Every file found under a root, and the datasets they make.

    Attributes:
        root: The root that was walked.
        files: One row per file found, in :data:`FILES_SCHEMA`.
    """

    root: str
    files: pl.DataFrame = field(repr=False)
    _storage_options: Mapping[str, Any] | None = field(default=None, repr=False)
    _cache_dir: Path | None = field(default=None, repr=False)
    _progress: bool | None = field(default=None, repr=False)

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
        return self._storage_options

    def readable(self, row: Mapping[str, Any]) -> str:
        """Return a path Polars can read for a row of :attr:`files`, staging it if needed.

        Args:
            row: A row of ``files``, as a dict.

        Returns:
            The path or URL to scan.
        """
        return readable(row, self._storage_options, self._cache_dir, self._progress)

    def __contains__(self, campaign: object) -> bool:
        return campaign in self.datasets["campaign"].to_list()

    def dataset(self, campaign: str, *, hashed: bool | None = None) -> Dataset:
        """Return one dataset: the hashed copy unless ``hashed=False`` is asked.

        Args:
            campaign: The campaign id (case-insensitive).
            hashed: Which copy; None takes the hashed copy when both exist.

        Returns:
            The :class:`Dataset`.

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
                f"no dataset {campaign!r}{copy} under {self.root}; datasets found: {names}"
            )
        name, is_hashed, known = rows.row(0)[:3]
        files = self.files.filter(
            pl.col("used") & (pl.col("campaign") == name) & (pl.col("hashed") == is_hashed)
        ).sort("kind", "part_order")
        return Dataset(
            name, is_hashed, known, files, self._storage_options, self._cache_dir, self._progress
        )

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
            raise DatasetNotFoundError(f"no dataset with such files under {self.root}")
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
        A :class:`Catalog`.

    Raises:
        SourceNotFoundError: The root does not exist.
    """
    options = dict(storage_options or {})
    text = os.fspath(root)
    fs, base = fsspec.core.url_to_fs(text, **options)
    if not fs.exists(base):
        raise SourceNotFoundError(f"{text}: no such folder, file or bucket prefix")
    found = list(_walk(fs, base, options))
    checked = [_check_header(f, options) for f in _bar(found, "headers", progress)]
    files = _files_frame(checked)
    return Catalog(text, files, options or None, Path(cache_dir) if cache_dir else None, progress)


def _bar(items: Sequence[_Found], label: str, progress: bool | None) -> Iterable[_Found]:
    disable = not sys.stderr.isatty() if progress is None else not progress
    bar: Iterable[_Found] = tqdm(items, desc=label, unit="file", disable=disable, file=sys.stderr)
    return bar


def _walk(fs: Any, base: str, options: Mapping[str, Any]) -> Iterator[_Found]:
    if fs.isdir(base):
        listing = fs.find(base, detail=True)
        prefix = base.rstrip("/") + "/"
    else:
        listing = {base: fs.info(base)}
        prefix = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
    for path, info in sorted(listing.items()):
        if info.get("type") == "directory":
            continue
        relative = path.removeprefix(prefix)
        url = fs.unstrip_protocol(path)
        size = _size(fs, path, info)
        identity = str(info.get("ETag") or info.get("etag") or info.get("mtime") or size)
        file_info = classify(relative)
        if relative.lower().endswith(".zip") and file_info.kind != "media":
            yield from _zip_members(url, relative, identity, options)
        else:
            yield _Found(url, relative, size, identity, None, file_info, str(file_info.kind))


def _size(fs: Any, path: str, info: Mapping[str, Any]) -> int:
    size = info.get("size")
    if size is None:
        size = fs.info(path).get("size")
    return int(size or 0)


def _zip_members(
    url: str, relative: str, identity: str, options: Mapping[str, Any]
) -> Iterator[_Found]:
    protocol = url.split("://", 1)[0]
    zfs = fsspec.filesystem(
        "zip",
        fo=url.split("://", 1)[1] if protocol == "file" else url,
        target_protocol=protocol,
        target_options=dict(options) or None,
    )
    for member, info in sorted(zfs.find("", detail=True).items()):
        if info.get("type") == "directory":
            continue
        path = f"{relative}/{member}"
        member_info = classify(path)
        crc = f"{identity}:{info.get('CRC', '')}"
        yield _Found(
            f"zip://{member}::{url}",
            path,
            int(info["size"]),
            crc,
            "zip",
            member_info,
            str(member_info.kind),
        )


def _check_header(found: _Found, options: Mapping[str, Any]) -> _Found:
    """Read a candidate data file's header: set its era, or mark it as not data.

    A file named as data whose header is not an archive header becomes ``other``; a file
    named otherwise whose header is an archive header becomes data. A damaged file (a bad
    zip) stays data: scanning it stages it, which reports the damage with the file's name.
    """
    tabular = found.path.lower().endswith(_TABULAR)
    named_data = found.kind in _DATA_KINDS
    if not named_data and not (found.kind == "other" and tabular):
        return found
    kind: FileKind | None = found.kind if named_data else None  # type: ignore[assignment]
    changes: dict[str, Any]
    try:
        header = read_header(found.url, kind=kind, storage_options=options)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        changes = {"note": f"header not read: {error}"}
    except IOArchiveError as error:
        problem = str(error).split("\n", 1)[0].removeprefix(f"{found.url}: ")
        changes = {"kind": "other", "note": f"not read as {found.kind}: {problem}"}
    else:
        changes = {"kind": header.kind, "era": header.era.value}
        if not named_data:
            campaign = found.info.campaign or Path(found.path).name.split(".", 1)[0]
            changes["info"] = dataclasses.replace(found.info, campaign=campaign)
    return found if not named_data and "era" not in changes else _replace(found, **changes)


def _replace(found: _Found, **changes: Any) -> _Found:
    values = {**found.__dict__, **changes}
    return _Found(**values)


def _files_frame(found: Sequence[_Found]) -> pl.DataFrame:
    """Build :attr:`Catalog.files`: part order, and one used copy of each data file."""
    hashed = _fill_hashed(found)
    order = sorted(range(len(found)), key=lambda i: _sort_key(found[i], hashed[i]))
    chosen: dict[tuple[object, ...], int] = {}
    notes = [f.note for f in found]
    for i in order:
        f = found[i]
        if f.kind not in _DATA_KINDS or f.info.campaign is None:
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
            "kind": f.kind,
            "hashed": hashed[i],
            "part": f.info.part,
            "part_order": rank[i],
            "compression": f.info.compression,
            "size": f.size,
            "era": f.era,
            "used": i in used,
            "note": notes[i],
            "identity": f.identity,
        }
        for i, f in enumerate(found)
    ]
    return pl.DataFrame(rows, schema=FILES_SCHEMA)


def _sort_key(f: _Found, hashed: bool | None) -> tuple[Any, ...]:
    """Order files by dataset, kind and part; a plain copy before a gzip before a zip member."""
    source = _PREFERENCE.get(f.container or f.info.compression, 3)
    return (f.info.campaign or "", hashed is False, f.kind, f.info.part_key, source, f.path)


def _fill_hashed(found: Sequence[_Found]) -> list[bool | None]:
    """A file whose path does not say hashed or not takes its campaign's one answer, else True.

    Public copies are hashed, so True is the default when nothing says otherwise.
    """
    answers: dict[str | None, set[bool]] = {}
    for f in found:
        if f.info.hashed is not None:
            answers.setdefault(f.info.campaign, set()).add(f.info.hashed)
    filled: list[bool | None] = []
    for f in found:
        if f.kind not in _DATA_KINDS:
            filled.append(f.info.hashed)
            continue
        known = answers.get(f.info.campaign, set())
        guess = next(iter(known)) if len(known) == 1 else True
        filled.append(f.info.hashed if f.info.hashed is not None else guess)
    return filled
