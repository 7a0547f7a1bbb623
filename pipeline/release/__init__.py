"""Immutable, content-addressed dataset versions with manifest, data package and catalog."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import SCHEMA_VERSION, TABLES

from .. import __version__
from ..model import SourceFile
from .card import dataset_card
from .diff import diff_tables
from .store import DatasetStore

DATASET_NAME = "wilson-center-cold-war-records"


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    path: str
    written: bool  # False when the same version already existed
    manifest: dict


def parquet_bytes(table: pa.Table) -> bytes:
    """Deterministic Parquet: same rows and library versions give the same bytes."""
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", use_dictionary=True, write_statistics=True)
    return buf.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def version_id(table_hashes: dict[str, str]) -> str:
    """Derived from the content of every table, so an unchanged rebuild gives the same id."""
    canonical = json.dumps({"schema_version": SCHEMA_VERSION, "tables": table_hashes}, sort_keys=True)
    return sha256(canonical.encode())[:12]


def code_version() -> dict:
    return {"package": __version__, "git_commit": _git_commit(), "schema_version": SCHEMA_VERSION}


def _git_commit() -> str | None:
    root = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5)
        if commit.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return commit.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def publish(tables: dict[str, pa.Table], inputs: list[SourceFile], root: str, run_id: str | None = None,
            storage_options: dict | None = None, now: dt.datetime | None = None,
            extra_files: dict[str, bytes] | None = None, build_key: str | None = None) -> ReleaseResult:
    """Write a new version under `root` unless the same content is already released; update the catalog."""
    missing = set(TABLES) - set(tables)
    if missing:
        raise ValueError(f"release needs every table; missing {sorted(missing)}")
    files = {f"{name}.parquet": parquet_bytes(tables[name]) for name in TABLES}
    hashes = {name: sha256(files[f"{name}.parquet"]) for name in TABLES}
    version = version_id(hashes)
    store = DatasetStore(root, storage_options)
    with store.lock():
        catalog = store.read_catalog()
        known = {v["version"]: v for v in catalog["versions"]}
        if version in known and store.exists(version, "manifest.json"):
            manifest = json.loads(store.read_bytes(version, "manifest.json"))
            if catalog["latest"] != version or known[version].get("build_key") != build_key:
                catalog["latest"] = version
                known[version]["build_key"] = build_key
                store.write_catalog(catalog)
            return ReleaseResult(version, store.path(version), False, manifest)

        created_at = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        manifest = {
            "name": DATASET_NAME,
            "version": version,
            "parent": catalog["latest"],
            "created_at": created_at,
            "code_version": code_version(),
            "run_id": run_id,
            "inputs": [{"path": s.path, "sha256": s.sha256, "bytes": s.size} for s in inputs],
            "tables": {
                name: {"file": f"{name}.parquet", "rows": tables[name].num_rows, "sha256": hashes[name],
                       "bytes": len(files[f"{name}.parquet"]), "key": list(TABLES[name].key),
                       "schema": [{"name": f.name, "type": str(f.type), "nullable": f.nullable}
                                  for f in tables[name].schema]}
                for name in TABLES
            },
        }
        parent = catalog["latest"]
        parent_hashes = _parent_hashes(store, parent)
        unchanged = {name for name, info in manifest["tables"].items() if parent_hashes.get(name) == info["sha256"]}
        changes = diff_tables(_read_tables(store, parent, set(TABLES) - unchanged) if parent else None,
                              {n: t for n, t in tables.items() if n not in unchanged}, parent, version,
                              with_keys=parent is not None)
        files["manifest.json"] = _json(manifest)
        files["datapackage.json"] = _json(datapackage(manifest))
        # Compact: a diff may list a million keys. A first release has no parent, so its diff is counts only.
        files["changes.json"] = json.dumps(changes, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        files["README.md"] = dataset_card(manifest, changes).encode()
        files.update(extra_files or {})
        # A table identical to the parent's is linked (or copied on object storage), not written again.
        reuse = {f"{name}.parquet": parent for name in unchanged}
        store.write_version(version, {n: d for n, d in files.items() if n not in reuse}, reuse)
        catalog["versions"].append({
            "version": version, "created_at": created_at, "parent": catalog["latest"], "run_id": run_id,
            "code_version": manifest["code_version"],
            "rows": {name: tables[name].num_rows for name in TABLES},
            "build_key": build_key,
        })
        catalog["latest"] = version
        store.write_catalog(catalog)
        store.clean_staging()
    return ReleaseResult(version, store.path(version), True, manifest)


def release_built_from(root: str, build_key: str, storage_options: dict | None = None) -> str | None:
    """The latest version, if it was built from exactly these inputs, code and settings (a no-op rebuild)."""
    store = DatasetStore(root, storage_options)
    catalog = store.read_catalog()
    latest = next((v for v in catalog["versions"] if v["version"] == catalog["latest"]), None)
    if latest and latest.get("build_key") == build_key and store.exists(latest["version"], "manifest.json"):
        return latest["version"]
    return None


def _parent_hashes(store: DatasetStore, parent: str | None) -> dict[str, str]:
    if not parent or not store.exists(parent, "manifest.json"):
        return {}
    return {name: info["sha256"] for name, info in json.loads(store.read_bytes(parent, "manifest.json"))["tables"].items()}


def _read_tables(store: DatasetStore, version: str, names: set[str]) -> dict[str, pa.Table]:
    return {name: store.read_table(version, name) for name in names if store.exists(version, f"{name}.parquet")}


def datapackage(manifest: dict) -> dict:
    """Frictionless Data Package describing the version's Parquet files."""
    return {
        "profile": "data-package",
        "name": DATASET_NAME,
        "title": "Cold War records from the Wilson Center Digital Archive, as tables",
        "version": manifest["version"],
        "created": manifest["created_at"],
        "sources": [{"title": "Wilson Center Digital Archive", "path": "https://digitalarchive.wilsoncenter.org"}],
        "resources": [
            {
                "name": name,
                "path": info["file"],
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "encoding": "binary",
                "hash": f"sha256:{info['sha256']}",
                "description": TABLES[name].description,
                "schema": TABLES[name].frictionless_schema(),
            }
            for name, info in manifest["tables"].items()
        ],
    }


def _json(obj: dict) -> bytes:
    return json.dumps(obj, indent=2, ensure_ascii=False).encode() + b"\n"
