"""What changed between two versions, table by table: rows added, removed and changed, by key."""
from __future__ import annotations

import hashlib
import json

import pyarrow as pa

from schemas import TABLES


def _rows_by_key(table: pa.Table | None, key: tuple[str, ...]) -> dict[tuple, str]:
    if table is None:
        return {}
    out = {}
    for row in table.to_pylist():
        fingerprint = hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
        out[tuple(row[k] for k in key)] = fingerprint
    return out


def table_diff(old: pa.Table | None, new: pa.Table | None, key: tuple[str, ...]) -> dict:
    before, after = _rows_by_key(old, key), _rows_by_key(new, key)
    as_dicts = lambda keys: [dict(zip(key, k)) for k in sorted(keys, key=str)]  # noqa: E731
    added = after.keys() - before.keys()
    removed = before.keys() - after.keys()
    changed = {k for k in before.keys() & after.keys() if before[k] != after[k]}
    return {"added": len(added), "removed": len(removed), "changed": len(changed),
            "added_keys": as_dicts(added), "removed_keys": as_dicts(removed), "changed_keys": as_dicts(changed)}


def diff_tables(old: dict[str, pa.Table] | None, new: dict[str, pa.Table], old_version: str | None,
                new_version: str) -> dict:
    return {"from": old_version, "to": new_version,
            "tables": {name: table_diff((old or {}).get(name), new.get(name), spec.key)
                       for name, spec in TABLES.items()}}


def summary_lines(diff: dict) -> list[str]:
    lines = [f"{diff['from']} -> {diff['to']}"]
    for name, d in diff["tables"].items():
        lines.append(f"  {name:22} +{d['added']:<6} -{d['removed']:<6} ~{d['changed']}")
        for label in ("added", "removed", "changed"):
            for key in d[f"{label}_keys"][:20]:
                lines.append(f"      {label:8} " + ", ".join(f"{k}={v}" for k, v in key.items()))
            if d[label] > 20:
                lines.append(f"      ... {d[label] - 20} more {label}")
    return lines
