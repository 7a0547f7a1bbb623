"""The dataset root: a local folder by default, any fsspec URL (s3://...) for deployments.

A version folder is written completely before the catalog names it: locally it is written aside and renamed into
place; on object storage, where nothing is visible until the catalog points to it, files are written in place.
The catalog itself is replaced atomically (rename locally, a single PUT on object storage).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import posixpath
import shutil
import uuid

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock

CATALOG = "catalog.json"
STAGING = ".staging"


class DatasetStore:
    def __init__(self, root: str, storage_options: dict | None = None):
        self.url = str(root)
        self.fs, self.root = fsspec.core.url_to_fs(self.url, **(storage_options or {}))
        self.local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    @contextlib.contextmanager
    def lock(self):
        """Serialise writers of the catalog (local roots; object stores rely on the catalog's single PUT)."""
        if not self.local:
            yield
            return
        self.fs.makedirs(self.root, exist_ok=True)
        with FileLock(self.path(".catalog.lock"), timeout=600):
            yield

    def read_catalog(self) -> dict:
        try:
            with self.fs.open(self.path(CATALOG), "rb") as f:
                return json.load(f)
        except FileNotFoundError:
            return {"latest": None, "versions": []}

    def write_catalog(self, catalog: dict) -> None:
        data = json.dumps(catalog, indent=2, ensure_ascii=False).encode() + b"\n"
        if self.local:
            tmp = self.path(f".{CATALOG}.{uuid.uuid4().hex}.tmp")
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path(CATALOG))
        else:
            self.fs.pipe_file(self.path(CATALOG), data)

    def exists(self, *parts: str) -> bool:
        return self.fs.exists(self.path(*parts))

    def read_bytes(self, *parts: str) -> bytes:
        return self.fs.cat_file(self.path(*parts))

    def read_table(self, version: str, table: str) -> pa.Table:
        return pq.read_table(io.BytesIO(self.read_bytes(version, f"{table}.parquet")))

    def write_version(self, version: str, files: dict[str, bytes], reuse: dict[str, str] | None = None) -> None:
        """Write all files of a version so that a reader never sees a partial folder.

        `reuse` names files taken unchanged from another version: hard-linked locally, copied on object storage.
        """
        final = self.path(version)
        reuse = reuse or {}
        if not self.local:
            for name, other in reuse.items():
                self.fs.copy(self.path(other, name), posixpath.join(final, name))
            for name, data in files.items():
                self.fs.pipe_file(posixpath.join(final, name), data)
            return
        staging = self.path(STAGING, f"{version}-{uuid.uuid4().hex}")
        os.makedirs(staging)
        for name, other in reuse.items():
            try:
                os.link(self.path(other, name), os.path.join(staging, name))
            except OSError:  # no hard links on this file system
                shutil.copyfile(self.path(other, name), os.path.join(staging, name))
        for name, data in files.items():
            os.makedirs(os.path.dirname(os.path.join(staging, name)), exist_ok=True)
            with open(os.path.join(staging, name), "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        if os.path.exists(final):  # left by a build that died before updating the catalog
            trash = self.path(STAGING, f"trash-{uuid.uuid4().hex}")
            os.rename(final, trash)
            _remove_tree(trash)
        os.rename(staging, final)

    def clean_staging(self) -> None:
        if self.local and os.path.isdir(self.path(STAGING)):
            _remove_tree(self.path(STAGING))


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)
