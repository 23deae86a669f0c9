"""Walk a root and list every file in it, classified and with its header read (private).

Part of discovery: [`discover`][ioarchive.discovery.discover] walks with ``walk``, reads
headers with ``check_header``, then builds the catalog from the files found. Zip members are
listed without extracting anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ioarchive._fs import WEAK_IDENTITY, identity_of
from ioarchive._open import zip_infos
from ioarchive.discovery.naming import FileInfo, classify
from ioarchive.exceptions import (
    DamagedFileError,
    EmptyFileError,
    IOArchiveError,
    RemoteError,
    SourceNotFoundError,
)
from ioarchive.scan.header import Header, read_header
from ioarchive.schema import FileKind

DATA_KINDS = (FileKind.TWEETS, FileKind.USERS)
_TABULAR = (".csv", ".csv.gz", ".tsv")


@dataclass(frozen=True)
class Found:
    url: str
    path: str
    size: int
    identity: str
    container: str | None
    info: FileInfo
    kind: FileKind
    header: Header | None = None
    note: str | None = None


def walk(fs: Any, base: str, options: Mapping[str, Any]) -> Iterator[Found]:
    """Yield every file under ``base`` (a folder, or one file), zip members listed in place."""
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
        file_info = classify(relative)
        if info.get("islink") and info.get("type") != "file":
            # A link to a folder (maybe a loop) or to nothing: listed, never followed.
            note = "a symbolic link to a folder, or broken or looping; not followed"
            yield Found(url, relative, 0, "link", None, file_info, FileKind.OTHER, note=note)
            continue
        size, identity = _version(fs, path, info)
        if relative.rsplit("/", 1)[-1].startswith("._"):
            # macOS's AppleDouble sidecar of a file copied to a USB or exFAT disk: no data.
            note = "a macOS metadata file (AppleDouble), not data"
            yield Found(url, relative, size, identity, None, file_info, FileKind.OTHER, note=note)
            continue
        if relative.lower().endswith(".zip") and file_info.kind != "media":
            yield from _zip_members(url, relative, identity, options)
        else:
            yield Found(url, relative, size, identity, None, file_info, file_info.kind)


def _version(fs: Any, path: str, info: Mapping[str, Any]) -> tuple[int, str]:
    """A file's size and identity, from its listing, or from the server when it lacks them.

    An HTTP listing (links of an index page) has neither size nor version: one HEAD request
    then gives both (``Content-Length``, ``ETag`` or ``Last-Modified``).
    """
    if info.get("size") is None or identity_of(info, 0).startswith(WEAK_IDENTITY):
        info = {**info, **fs.info(path)}
    size = int(info.get("size") or 0)
    return size, identity_of(info, size)


def _zip_members(
    url: str, relative: str, identity: str, options: Mapping[str, Any]
) -> Iterator[Found]:
    """List a zip's members by their exact names (absolute or with ``..`` as well).

    Raises:
        DamagedFileError: The zip file is truncated or corrupt (its members cannot be listed).
    """
    for info in sorted(zip_infos(url, options), key=lambda i: i.filename):
        if info.is_dir():
            continue
        member = info.filename
        path = f"{relative}/{member.lstrip('/')}"
        member_info = classify(path)
        yield Found(
            f"zip://{member}::{url}",
            path,
            info.file_size,
            f"{identity}:{info.CRC}",
            "zip",
            member_info,
            member_info.kind,
        )


def _renamed(info: FileInfo) -> FileInfo:
    """Name a data file whose name says nothing: from its zip, its folder, or itself.

    The nearest zip named as a data file gives its campaign and part (an official part zip
    whose member was renamed); else the nearest folder is the campaign (mirrors keep one
    campaign per folder: two renamed ``data.csv`` of two campaigns are not copies of one
    file); a file at the root is named after itself. A known campaign takes its spelling.
    """
    parents = info.path.split("/")[:-1]
    for name in reversed(parents):
        container = classify(name)
        if container.campaign is not None and container.kind in DATA_KINDS:
            hashed = container.hashed if info.hashed is None else info.hashed
            return dataclasses.replace(
                info,
                campaign=container.campaign,
                known=container.known,
                part=container.part,
                part_key=container.part_key,
                hashed=hashed,
            )
    own = parents[-1] if parents else Path(info.path).name.split(".", 1)[0]
    probe = classify(f"{own}_tweets_csv.csv")  # the known spelling of a campaign id, if one
    return dataclasses.replace(info, campaign=probe.campaign or own, known=probe.known)


def check_header(found: Found, options: Mapping[str, Any]) -> Found:
    """Read a candidate data file's header: set its era, or mark it as not data.

    A file named as data whose header is not an archive header of that kind becomes ``other``
    (with a note that ``validate`` reports: a users file named as a tweets part may be a copy,
    so it is not read as users); a file named otherwise whose header is an archive header
    becomes data. A file named as data that
    is empty or damaged (a bad zip or gzip) stays data, with a note: scanning it raises the
    error naming the file, so that no dataset loses a file silently.

    Raises:
        RemoteError: The server failed while the header was read.
    """
    tabular = found.path.lower().endswith(_TABULAR)
    named_data = found.kind in DATA_KINDS
    if not named_data and not (found.kind is FileKind.OTHER and tabular):
        return found
    changes: dict[str, Any]
    try:
        header = read_header(
            found.url, kind=found.kind if named_data else None, storage_options=options
        )
    except RemoteError:
        raise
    except (EmptyFileError, DamagedFileError, SourceNotFoundError) as error:
        changes = {"note": f"header not read: {error.problem}"}
    except OSError as error:
        changes = {"note": f"header not read: {error}"}
    except IOArchiveError as error:
        changes = {"kind": FileKind.OTHER, "note": f"not read as {found.kind}: {error.problem}"}
    else:
        changes = {"kind": header.kind, "header": header}
        if not named_data:
            changes["info"] = _renamed(found.info)
    if not named_data and "header" not in changes:
        return found
    return dataclasses.replace(found, **changes)
