"""The destination of a conversion: a local folder or an object-storage prefix (private).

A local store stages each dataset under ``STORE/_staging/`` (the same filesystem) and renames
its folder into place, which is atomic. An object store has no rename: a dataset is written to
a local temporary folder; its old objects are deleted, then the new ones uploaded (an upload
that fails removes what it uploaded, so the dataset is then missing, as ``open_store`` says,
until a conversion succeeds); the manifest, one object written last, is the commit. Either way
a dataset the manifest does not list is not in the store.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ioarchive._fs import polars_options, protocol_of, replacing, url_to_fs
from ioarchive.exceptions import IOArchiveError, RemoteError
from ioarchive.store.layout import MANIFEST_NAME, STAGING_DIR, dataset_dir
from ioarchive.store.manifest import Manifest

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """Where a store is: its URL as given, its filesystem and path, and its options."""

    url: str
    fs: Any = field(repr=False)
    root: str
    options: Mapping[str, Any] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, url: str | os.PathLike[str], options: Mapping[str, Any] | None) -> Target:
        """Return the target for a folder or URL."""
        text = os.fspath(url)
        fs, root = url_to_fs(text, options)
        return cls(text, fs, root.rstrip("/"), options)

    @property
    def local(self) -> bool:
        """Whether the store is a local folder."""
        return protocol_of(self.url) == "file"

    @property
    def manifest_path(self) -> str:
        """The manifest's path on the target's filesystem."""
        return f"{self.root}/{MANIFEST_NAME}"

    def url_of(self, relative: str) -> str:
        """Return a URL (or local path) that Polars can read, for a path under the root."""
        path = f"{self.root}/{relative}"
        return path if self.local else self.fs.unstrip_protocol(path)

    def polars_options(self) -> dict[str, str] | None:
        """The store's options as Polars' ``storage_options``."""
        return polars_options(self.url, self.options)

    def read_manifest(self) -> Manifest | None:
        """Return the manifest, or None if there is none yet."""
        if not self.fs.exists(self.manifest_path):
            return None
        text = self.fs.cat_file(self.manifest_path).decode("utf-8")
        return Manifest.loads(text, path=self.manifest_path)

    def write_manifest(self, manifest: Manifest) -> None:
        """Write the manifest atomically (a renamed temporary file; one object put)."""
        data = manifest.dumps().encode("utf-8")
        if not self.local:
            self.fs.pipe_file(self.manifest_path, data)
            return
        Path(self.root).mkdir(parents=True, exist_ok=True)
        with replacing(self.manifest_path) as draft:
            draft.write_bytes(data)

    def sizes(self) -> dict[str, int]:
        """Return the size of every file under the root, by path relative to it (one listing)."""
        if not self.fs.exists(self.root):
            return {}
        found = self.fs.find(self.root, detail=True)
        prefix = self.fs._strip_protocol(self.root).rstrip("/") + "/"
        return {
            self.fs._strip_protocol(path).removeprefix(prefix): int(info.get("size") or 0)
            for path, info in found.items()
        }

    def clean_staging(self) -> None:
        """Remove what an interrupted conversion left in ``_staging/``."""
        staging = f"{self.root}/{STAGING_DIR}"
        if self.fs.exists(staging):
            logger.info("removing the staging folder of an interrupted conversion: %s", staging)
            self.fs.rm(staging, recursive=True)

    def new_staging(self) -> Path:
        """Return an empty local folder to write one dataset into."""
        if self.local:
            path = Path(self.root) / STAGING_DIR / uuid.uuid4().hex[:12]
            path.mkdir(parents=True)
            return path
        return Path(tempfile.mkdtemp(prefix="ioarchive-store-"))

    def discard(self, staging: Path) -> None:
        """Remove a staging folder and everything in it."""
        shutil.rmtree(staging, ignore_errors=True)
        parent = staging.parent
        if self.local and parent.name == STAGING_DIR and not any(parent.iterdir()):
            parent.rmdir()

    def remove(self, campaign: str, *, hashed: bool) -> None:
        """Remove a dataset's folder, if there is one."""
        path = f"{self.root}/{dataset_dir(campaign, hashed=hashed)}"
        if self.fs.exists(path):
            self.fs.rm(path, recursive=True)
        parent = Path(path).parent  # the campaign's folder, if no other copy is in it
        if self.local and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()

    def commit(self, staging: Path, campaign: str, *, hashed: bool) -> None:
        """Move a dataset's finished folder from ``staging`` into place, over any old one."""
        relative = dataset_dir(campaign, hashed=hashed)
        written = staging / relative
        if self.local:
            final = Path(self.root) / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():
                os.replace(final, staging / "_replaced")
            os.replace(written, final)
            return
        final_path = f"{self.root}/{relative}"
        if self.fs.exists(final_path):
            self.fs.rm(final_path, recursive=True)
        try:
            for path in sorted(p for p in written.rglob("*") if p.is_file()):
                self.fs.put_file(str(path), f"{final_path}/{path.relative_to(written).as_posix()}")
        except (OSError, IOArchiveError) as error:
            # No half dataset for readers that list the folders (DuckDB, Spark) to find.
            with contextlib.suppress(OSError, IOArchiveError):
                self.fs.rm(final_path, recursive=True)
            detail = error.__cause__ or error  # the guarded filesystem's own wrapping aside
            raise RemoteError(
                f"could not upload the dataset's files to {self.url}: {detail}",
                path=final_path,
                url=self.url,
                hint="check the credentials and the endpoint, then convert again",
            ) from error
