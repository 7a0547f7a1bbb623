"""What changed between two versions, table by table: rows added, removed and changed, by key.

Rows are compared by a hash of all their values, computed column-wise (pandas), so diffing a million rows
takes seconds.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES


def _fingerprints(table: pa.Table, key: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one 64-bit hash of the key and one of all values, per row; the key columns). Hashes are compared, not
    the columns themselves, so two versions' columns need not share a physical type."""
    flat = pa.table({name: pc.binary_join(col, "\x1f") if pa.types.is_list(col.type) else col
                     for name, col in zip(table.column_names, table.columns)})
    frame = flat.to_pandas()
    keys = frame[list(key)]
    hashes = pd.DataFrame({"_key": pd.util.hash_pandas_object(keys, index=False).to_numpy(),
                           "_row": pd.util.hash_pandas_object(frame, index=False).to_numpy()})
    return hashes, keys


def table_diff(old: pa.Table | None, new: pa.Table | None, key: tuple[str, ...], with_keys: bool = True) -> dict:
    """None for a table means 'no rows' on that side; None on both sides (a table known unchanged) is no change."""
    if old is None and new is None:
        return {"added": 0, "removed": 0, "changed": 0, "added_keys": [], "removed_keys": [], "changed_keys": []}
    old = old if old is not None else new.schema.empty_table()
    new = new if new is not None else old.schema.empty_table()
    (before, before_keys), (after, after_keys) = _fingerprints(old, key), _fingerprints(new, key)
    both = before.reset_index().merge(after.reset_index(), on="_key", how="outer", suffixes=("_old", "_new"),
                                      indicator=True)
    added, removed = both["_merge"] == "right_only", both["_merge"] == "left_only"
    changed = (both["_merge"] == "both") & (both["_row_old"] != both["_row_new"])

    def keys(mask, side: str, frame: pd.DataFrame) -> list[dict]:
        if not with_keys or not mask.any():
            return []
        rows = frame.iloc[both.loc[mask, f"index_{side}"].astype(int).to_numpy()].astype(object).to_dict("records")
        return sorted(({k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()} for r in rows), key=str)

    return {"added": int(added.sum()), "removed": int(removed.sum()), "changed": int(changed.sum()),
            "added_keys": keys(added, "new", after_keys), "removed_keys": keys(removed, "old", before_keys),
            "changed_keys": keys(changed, "new", after_keys)}


def diff_tables(old: dict[str, pa.Table] | None, new: dict[str, pa.Table], old_version: str | None,
                new_version: str, with_keys: bool = True) -> dict:
    """Per table: counts of rows added, removed and changed, and (with_keys) the keys of those rows."""
    return {"from": old_version, "to": new_version,
            "tables": {name: table_diff((old or {}).get(name), new.get(name), spec.key, with_keys)
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
