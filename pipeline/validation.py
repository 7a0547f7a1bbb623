"""Validation rules as plain functions returning the failing rows; the Dagster checks only report them."""
from __future__ import annotations

import pandera.errors
import pyarrow as pa

from schemas import TABLES

# Which columns hold a span and the text it must equal, per table.
SPANS = {
    "footnotes": ("anchor_start", "anchor_end", "marker"),
    "editorial_insertions": ("start", "end", "text"),
    "trade_figures": ("start", "end", "quote"),
    "actor_mentions": ("start", "end", "surface"),
}


def schema_failures(name: str, table: pa.Table) -> list[dict]:
    spec = TABLES[name]
    try:
        spec.validate(table)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases
        keys = table.select(list(spec.key)).to_pylist()
        out = []
        for case in cases.to_dict("records"):
            index = case.get("index")
            row_key = keys[int(index)] if index is not None and str(index).isdigit() and int(index) < len(keys) else None
            out.append({"rule": str(case.get("check")), "column": case.get("column"),
                        "value": str(case.get("failure_case"))[:200], "row": row_key})
        return out
    return []


def cross_table_failures(name: str, table: pa.Table, documents: pa.Table) -> list[dict]:
    bodies = dict(zip(documents.column("document_id").to_pylist(), documents.column("body").to_pylist()))
    start_col, end_col, text_col = SPANS[name]
    key = TABLES[name].key
    columns = [table.column(c).to_pylist() for c in ("document_id", start_col, end_col, text_col)]
    out = []
    for i, (doc_id, start, end, text) in enumerate(zip(*columns)):
        body = bodies.get(doc_id)
        if body is not None and start is not None and end is not None and 0 <= start < end <= len(body) \
                and body[start:end] == text:
            continue  # the common case, checked without building a row
        row = {k: table.column(k)[i].as_py() for k in key}
        if body is None:
            out.append({"rule": "document_id exists in documents", "row": row})
        elif start is None and end is None and name == "footnotes":
            continue  # a note without a marker in the body
        elif start is None or end is None or not 0 <= start < end <= len(body):
            out.append({"rule": f"0 <= {start_col} < {end_col} <= len(body)", "row": row, "span": [start, end]})
        else:
            out.append({"rule": f"body[{start_col}:{end_col}] == {text_col}", "row": row,
                        "found": body[start:end][:100], "expected": (text or "")[:100]})
    if name == "footnotes":
        out.extend(_footnote_numbering(table))
    return out


def actor_reference_failures(mentions: pa.Table, actors: pa.Table) -> list[dict]:
    known = set(actors.column("actor_id").to_pylist())
    return [{"rule": "actor_id exists in actors", "row": {"document_id": d, "start": s}, "actor_id": a}
            for d, s, a in zip(mentions.column("document_id").to_pylist(), mentions.column("start").to_pylist(),
                               mentions.column("actor_id").to_pylist()) if a not in known]


def _footnote_numbering(table: pa.Table) -> list[dict]:
    numbers: dict[str, list[int]] = {}
    for doc_id, number in zip(table.column("document_id").to_pylist(), table.column("number").to_pylist()):
        numbers.setdefault(doc_id, []).append(number)
    return [{"rule": "footnote numbers run 1..n in each document", "row": {"document_id": d}, "numbers": ns}
            for d, ns in numbers.items() if sorted(ns) != list(range(1, len(ns) + 1))]


def all_failures(tables: dict[str, pa.Table]) -> dict[str, list[dict]]:
    """Every rule over a whole release, for code paths outside Dagster (tests, scripts)."""
    out = {name: schema_failures(name, table) for name, table in tables.items()}
    for name in SPANS:
        out[name] += cross_table_failures(name, tables[name], tables["documents"])
    out["actor_mentions"] += actor_reference_failures(tables["actor_mentions"], tables["actors"])
    return {name: f for name, f in out.items() if f}
