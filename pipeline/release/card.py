"""The dataset card: a README.md in every version saying what it holds, where it comes from and how to cite it."""
from __future__ import annotations

from schemas import TABLES

KNOWN_LIMITS = [
    "Bodies are the English translations the archive publishes; the originals are not included.",
    "Trade figures, actors and footnotes are extracted by rules; each row carries the span it was read from "
    "(`body[start:end]`), so any figure can be checked against its words.",
    "Actors come only from the curated registry (and the people the archive tagged on a record); names not in "
    "it are listed in `actor_candidates`, not guessed. A bare surname or abbreviation that could name several "
    "actors on the document's date is left out.",
    "A trade figure's partner is the country named nearest before it in its sentence; multi-country sentences "
    "may give one partner where several are meant.",
    "Page-layout text from PDF exports is reflowed by rule; a few wrapped lines may keep their breaks.",
]


def dataset_card(manifest: dict, changes: dict) -> str:
    version, tables = manifest["version"], manifest["tables"]
    code = manifest["code_version"]
    lines = [
        f"# {manifest['name']} — version {version}",
        "",
        "Declassified Cold War records from the Wilson Center Digital Archive (telegrams, memoranda, notes of "
        "conversations, in English translation), turned into tables: one row per document with its metadata, "
        "its footnotes, the trade figures it states and the actors it mentions.",
        "",
        f"- Created: {manifest['created_at']} by run `{manifest['run_id']}`",
        f"- Parent version: {manifest['parent'] or 'none (first release)'}",
        f"- Code: package {code['package']}, commit {code['git_commit'] or 'unknown'}, "
        f"schema {code['schema_version']}",
        f"- Inputs: {len(manifest['inputs'])} files, listed with their sha256 in `manifest.json`",
        "",
        "## Sources",
        "",
        "Wilson Center Digital Archive, https://digitalarchive.wilsoncenter.org: web pages, markdown and PDF exports "
        "and a community scraper's CSV export. Every row traces back to its input file (`source_file`, "
        "`source_sha256`) and, for extracted rows, to a character span of `documents.body`. Each document's own "
        "archival citation, rights and funders are in the `documents` table.",
        "",
        "## Tables",
        "",
    ]
    for name, spec in TABLES.items():
        info = tables[name]
        lines += [f"### {name} ({info['rows']} rows)", "", spec.description, "",
                  f"Key: {', '.join(spec.key)}. File: `{info['file']}` (sha256 `{info['sha256'][:16]}…`).", "",
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.type} | {c.description.replace('|', '/')} |" for c in spec.columns]
        lines.append("")
    lines += ["## Changes from the parent version", ""]
    if changes["from"] is None:
        lines.append("First release: every row is new.")
    else:
        lines += ["| table | added | removed | changed |", "|---|---|---|---|"]
        lines += [f"| {n} | {d['added']} | {d['removed']} | {d['changed']} |" for n, d in changes["tables"].items()]
        lines += ["", "Row keys are listed in `changes.json`."]
    lines += ["", "## Known limits", ""] + [f"- {limit}" for limit in KNOWN_LIMITS]
    lines += [
        "", "## How to cite", "",
        f"Cite the dataset with its version id: *Cold War records from the Wilson Center Digital Archive, as "
        f"tables*, version {version} ({manifest['created_at'][:10]}), built with wilson-archive-pipeline "
        f"{code['package']} (see CITATION.cff in the project). Cite each document as the archive does: its "
        "`citation` or `archive` and `archival_reference`, and its `source_url`.",
        "",
        "## Loading", "",
        "```python", "from pipeline.dataset import load", f'docs = load("documents", version="{version}")', "```",
        "", "Or any Parquet reader: pandas, pyarrow, DuckDB (`SELECT * FROM 'documents.parquet'`), R (`arrow::read_parquet`).",
        "",
    ]
    return "\n".join(lines)
