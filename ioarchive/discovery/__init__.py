"""Discovery: find every dataset in a researcher's mirror of the archive.

[`discover`][ioarchive.discovery.discover] walks a folder, a bucket, an HTTP listing, a zip
file or a folder of zips with fsspec, classifies every file by its name
([`classify`][ioarchive.discovery.classify], the file-name grammar of ``naming``) and, for data
files, by its header, and groups the files into datasets: a
[`Catalog`][ioarchive.discovery.Catalog] of [`Dataset`][ioarchive.discovery.Dataset] objects
whose ``tweets()`` and ``users()`` scan lazily. Zip members are listed without extracting
anything, and each file's header is read once.

Modules: ``naming`` (the grammar), ``_walk`` (listing a root and reading headers), ``catalog``
(Catalog, Dataset, discover, and the part order of a dataset's files).

Examples:
    >>> import ioarchive
    >>> from ioarchive.synthetic import demo_archive_path
    >>> catalog = ioarchive.discover(demo_archive_path())
    >>> sorted(catalog.datasets["campaign"])[:2]
    ['ira', 'iran_092020']
"""

from ioarchive.discovery.catalog import FILES_SCHEMA, Catalog, Dataset, discover
from ioarchive.discovery.naming import FileInfo, PartKey, classify, part_key, sort_key

__all__ = [
    "FILES_SCHEMA",
    "Catalog",
    "Dataset",
    "FileInfo",
    "PartKey",
    "classify",
    "discover",
    "part_key",
    "sort_key",
]
