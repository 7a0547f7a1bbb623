"""Reading released versions: the API for people who use the dataset.

    from pipeline.dataset import load, versions, connect
    docs = load("documents")                          # latest version under datasets/, as pandas
    mentions = load("actor_mentions", version="3f2a9c1d7e4b", arrow=True)
    con = connect()                                   # DuckDB with one view per table
    con.sql("SELECT name, count(*) FROM actor_mentions GROUP BY name ORDER BY 2 DESC").show()

`root` is the dataset root: a folder or any fsspec URL (s3://bucket/datasets).
"""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa

from schemas import TABLES

from .release.store import DatasetStore

DEFAULT_ROOT = "datasets"


def catalog(root: str = DEFAULT_ROOT, storage_options: dict | None = None) -> dict:
    return DatasetStore(root, storage_options).read_catalog()


def versions(root: str = DEFAULT_ROOT, storage_options: dict | None = None) -> list[dict]:
    """Every released version, oldest first: version, created_at, parent, run_id, code_version, rows."""
    return catalog(root, storage_options)["versions"]


def resolve_version(version: str, root: str = DEFAULT_ROOT, storage_options: dict | None = None) -> str:
    cat = catalog(root, storage_options)
    if version == "latest":
        if not cat["latest"]:
            raise LookupError(f"no version has been released under {root}")
        return cat["latest"]
    matches = [v["version"] for v in cat["versions"] if v["version"].startswith(version)]
    if len(matches) != 1:
        raise LookupError(f"version {version!r} {'is ambiguous' if matches else 'not found'} under {root}")
    return matches[0]


def load(table: str, version: str = "latest", root: str = DEFAULT_ROOT, arrow: bool = False,
         storage_options: dict | None = None) -> pd.DataFrame | pa.Table:
    """One table of a version, as a pandas DataFrame (or the Arrow table with arrow=True)."""
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
    result = DatasetStore(root, storage_options).read_table(resolve_version(version, root, storage_options), table)
    return result if arrow else result.to_pandas()


def load_all(version: str = "latest", root: str = DEFAULT_ROOT, storage_options: dict | None = None
             ) -> dict[str, pa.Table]:
    """Every table of a version, as Arrow tables."""
    store = DatasetStore(root, storage_options)
    version = resolve_version(version, root, storage_options)
    return {table: store.read_table(version, table) for table in TABLES}


def manifest(version: str = "latest", root: str = DEFAULT_ROOT, storage_options: dict | None = None) -> dict:
    store = DatasetStore(root, storage_options)
    return json.loads(store.read_bytes(resolve_version(version, root, storage_options), "manifest.json"))


def connect(version: str = "latest", root: str = DEFAULT_ROOT, database: str = ":memory:",
            storage_options: dict | None = None):
    """A DuckDB connection with one view per table of the version, ready for SQL.

    Local versions are read in place; a version on object storage is loaded into the database.
    """
    import duckdb

    version = resolve_version(version, root, storage_options)
    store = DatasetStore(root, storage_options)
    con = duckdb.connect(database)
    for table in TABLES:
        if store.local:
            path = store.path(version, f"{table}.parquet").replace("'", "''")
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
        else:
            arrow_table = store.read_table(version, table)
            con.register(f"_{table}_arrow", arrow_table)
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _{table}_arrow")
            con.unregister(f"_{table}_arrow")
    return con
