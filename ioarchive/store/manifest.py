"""The store's manifest: what was converted, from which source files, with how many rows.

The manifest is one JSON file at the store's root,
[`MANIFEST_NAME`][ioarchive.store.layout.MANIFEST_NAME]. It is the store's commit record: a
dataset is in the store when, and only when, the manifest lists it, and the manifest is
rewritten (atomically) after each dataset is moved into place. Its fields::

    {
      "format": "ioarchive-store",          what kind of folder this is
      "format_version": 1,                  the layout and schema version (FORMAT_VERSION)
      "written_by": "ioarchive 0.3.0",      the version that last wrote it
      "updated": "2026-12-01T10:00:00+00:00",
      "source": "/data/mirror",             the root it was converted from (no credentials)
      "datasets": [                         sorted by campaign, hashed copy first
        {
          "campaign": "iran_202012", "hashed": true, "known": true,
          "converted": "2026-12-01T10:00:00+00:00",
          "sources": [                      each source file, tweets parts in part order
            {"path": "hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv",
             "kind": "tweets", "part": null, "part_order": 0, "size": 12345,
             "identity": "1733040000.0", "era": "tweets_2020", "rows": 60}
          ],
          "outputs": [                      each Parquet file written, one per source file
            {"path": "campaign=iran_202012/copy=hashed/kind=tweets/part-00000.parquet",
             "kind": "tweets", "source": "hashed/2020_12/...", "rows": 60, "bytes": 9876}
          ]
        }
      ]
    }

``identity`` is the source file's identity from
[`Catalog.files`][ioarchive.discovery.FILES_SCHEMA] (ETag or mtime, plus the CRC of a zip
member); ``rows`` of a source is its independent record count (pyarrow's, or Python's ``csv``
module's where the two differ), which equals the ``rows`` of its output, or the dataset would
not have been committed.

Examples:
    >>> entry = DatasetEntry("x_2020", hashed=True, known=False, converted="", sources=(),
    ...                      outputs=())
    >>> Manifest(source="m", datasets=(entry,)).to_json()["datasets"][0]["campaign"]
    'x_2020'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ioarchive._version import __version__
from ioarchive.exceptions import StoreError
from ioarchive.store.layout import FORMAT, FORMAT_VERSION

__all__ = ["DatasetEntry", "Manifest", "OutputFile", "SourceFile", "now"]


def now() -> str:
    """The current UTC time in ISO 8601, as the manifest writes times."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SourceFile:
    """One source file of a dataset, as converted.

    Attributes:
        path: Its path under the source root (``archive.zip/member`` inside zips).
        kind: ``tweets`` or ``users``.
        part: Its part label, or None.
        part_order: Its rank in the dataset's part order.
        size: Its size in bytes.
        identity: What identifies this version of it (ETag or mtime, zip CRC).
        era: Its header layout.
        rows: Its independent record count (see ``ioarchive._records``).
    """

    path: str
    kind: str
    part: str | None
    part_order: int
    size: int
    identity: str
    era: str | None
    rows: int

    def key(self) -> tuple[Any, ...]:
        """What must be equal for the source to count as unchanged (not its row count)."""
        return (self.path, self.kind, self.part_order, self.size, self.identity)


@dataclass(frozen=True)
class OutputFile:
    """One Parquet file of the store.

    Attributes:
        path: Its path under the store root.
        kind: ``tweets`` or ``users``.
        source: The ``path`` of the source file it holds.
        rows: Its row count (from the Parquet footer, checked against the source count).
        bytes: Its size in bytes (checked when the store is opened).
    """

    path: str
    kind: str
    source: str
    rows: int
    bytes: int


@dataclass(frozen=True)
class DatasetEntry:
    """One converted dataset.

    Attributes:
        campaign: The campaign id.
        hashed: Whether it is the hashed copy.
        known: Whether the campaign is one of the known releases.
        converted: When it was converted (ISO 8601, UTC).
        sources: Its source files, tweets parts in part order, then users files.
        outputs: Its Parquet files, in the same order.
    """

    campaign: str
    hashed: bool
    known: bool
    converted: str
    sources: tuple[SourceFile, ...]
    outputs: tuple[OutputFile, ...]

    @property
    def key(self) -> tuple[str, bool]:
        """``(campaign, hashed)``: what identifies a dataset in a store."""
        return (self.campaign, self.hashed)


@dataclass(frozen=True)
class Manifest:
    """The whole manifest: the store's datasets.

    Attributes:
        source: The root the store was last converted from (no credentials).
        datasets: The converted datasets, sorted by campaign, hashed copy first.
        updated: When the manifest was last written.
        written_by: The ioarchive version that wrote it.
    """

    source: str
    datasets: tuple[DatasetEntry, ...] = ()
    updated: str = field(default_factory=now)
    written_by: str = f"ioarchive {__version__}"

    def find(self, campaign: str, hashed: bool) -> DatasetEntry | None:
        """Return the entry of one dataset, or None."""
        return next((d for d in self.datasets if d.key == (campaign, hashed)), None)

    def with_dataset(self, entry: DatasetEntry) -> Manifest:
        """Return a manifest with ``entry`` added or replacing the dataset's old entry."""
        kept = [d for d in self.datasets if d.key != entry.key]
        ordered = sorted([*kept, entry], key=lambda d: (d.campaign, not d.hashed))
        return dataclasses.replace(self, datasets=tuple(ordered), updated=now())

    def without(self, key: tuple[str, bool]) -> Manifest:
        """Return a manifest without the dataset ``(campaign, hashed)``."""
        kept = tuple(d for d in self.datasets if d.key != key)
        return dataclasses.replace(self, datasets=kept, updated=now())

    def to_json(self) -> dict[str, Any]:
        """Return the manifest as the JSON object written to the store."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "written_by": self.written_by,
            "updated": self.updated,
            "source": self.source,
            "datasets": [dataclasses.asdict(d) for d in self.datasets],
        }

    def dumps(self) -> str:
        """Return the manifest's JSON text."""
        return json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def loads(cls, text: str, *, path: str) -> Manifest:
        """Read a manifest's JSON text.

        Args:
            text: The JSON text.
            path: The manifest's path, for errors.

        Returns:
            The [`Manifest`][ioarchive.store.manifest.Manifest].

        Raises:
            StoreError: The text is not a manifest, or one of another format version.
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise StoreError(f"the manifest is not valid JSON: {error}", path=path) from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreError("not an ioarchive store manifest", path=path)
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise StoreError(
                f"the store has format version {version!r} (written by "
                f"{data.get('written_by', 'an unknown version')}); this ioarchive reads "
                f"version {FORMAT_VERSION}",
                path=path,
                # Not --overwrite in place: the other version's files may lie elsewhere.
                hint="convert the mirror into a new folder with this version of ioarchive, "
                "or delete this store first",
            )
        try:
            datasets = tuple(_entry(d) for d in _typed(data, "datasets", list))
            keys = [d.key for d in datasets]
            twice = next((k for i, k in enumerate(keys) if k in keys[:i]), None)
            if twice is not None:
                raise ValueError(f"dataset {twice[0]!r} (hashed={twice[1]}) is listed twice")
            return cls(
                _typed(data, "source", str),
                datasets,
                _typed(data, "updated", str),
                _typed(data, "written_by", str),
            )
        except (KeyError, TypeError, ValueError) as error:
            message = f"a field is missing: {error}" if isinstance(error, KeyError) else error
            raise StoreError(f"the manifest is malformed: {message}", path=path) from error


_TYPES: Mapping[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "bool": (bool,),
    "str | None": (str, type(None)),
}
"""The JSON types of the manifest's fields, by their annotation."""


def _typed(data: Mapping[str, Any], name: str, kind: type) -> Any:
    """Return ``data[name]``, checked to be a ``kind`` (a bool is not an int here)."""
    value = data[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise TypeError(f"{name!r} is {value!r}, not {kind.__name__}")
    return value


def _record(cls: Any, data: Any) -> Any:
    """Build a SourceFile or OutputFile from a JSON object, every field of its type."""
    if not isinstance(data, Mapping):
        raise TypeError(f"a {cls.__name__} is {data!r}, not an object")
    fields = dataclasses.fields(cls)
    extra = sorted(set(data) - {f.name for f in fields})
    if extra:
        raise ValueError(f"a {cls.__name__} has unknown fields {extra}")
    for f in fields:
        kinds = _TYPES[str(f.type)]
        value = data[f.name]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise TypeError(f"{cls.__name__}.{f.name} is {value!r}, not {f.type}")
    return cls(**data)


def _entry(data: Any) -> DatasetEntry:
    if not isinstance(data, Mapping):
        raise TypeError(f"a dataset is {data!r}, not an object")
    sources = tuple(_record(SourceFile, s) for s in _typed(data, "sources", list))
    outputs = tuple(_record(OutputFile, o) for o in _typed(data, "outputs", list))
    campaign = _typed(data, "campaign", str)
    if len(sources) != len(outputs):  # one Parquet file per source file
        raise ValueError(
            f"dataset {campaign!r} lists {len(sources)} sources, {len(outputs)} outputs"
        )
    return DatasetEntry(
        campaign,
        _typed(data, "hashed", bool),
        _typed(data, "known", bool),
        _typed(data, "converted", str),
        sources,
        outputs,
    )
