"""CSV export of the community scraper of the Digital Archive: one record per row, list fields as JSON."""
from __future__ import annotations

import csv
import io
import json

from ..model import Document, Reject, SourceFile
from ..text import normalize, squash
from .metadata import funders_from_credits, invert_name

FORMAT = "scraper_csv"
REQUIRED = {"title", "text_body"}
KNOWN = REQUIRED | {"document_url", "record_id", "original_publication_date", "summary", "source"}


def detect(text: str) -> bool:
    first = text.split("\n", 1)[0]
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    return len(header) >= 3 and len(KNOWN & {h.strip() for h in header}) >= 2


def _list(value: str) -> list[str]:
    value = (value or "").strip()
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(parsed, list):
        return [squash(str(v)) for v in parsed if str(v).strip()]
    return [squash(str(parsed))]


def parse(text: str, source: SourceFile) -> list[Document | Reject]:
    csv.field_size_limit(1 << 30)
    # strict: a quote left open runs to the end of the file; say so instead of reading one giant field.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    missing = REQUIRED - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"CSV lacks the column(s) {', '.join(sorted(missing))}")
    out: list[Document | Reject] = []
    for n, row in enumerate(reader, start=1):
        name = f"{source.path}#row={n}"
        row = {k.strip(): (v or "") for k, v in row.items() if k is not None}
        body_raw = row.get("text_body", "")
        title = squash(row.get("title", ""))
        if not body_raw.strip():
            filled = sorted(k for k, v in row.items() if v.strip() and k != "scraped_at")
            what = "no title, record id or body text" if not title and not row.get("record_id") else "no body text"
            out.append(Reject(name, source.sha256, "empty_record",
                              f"row {n} has {what}; only {', '.join(filled) or 'nothing'} filled"))
            continue
        doc = Document(source_file=name, source_sha256=source.sha256, source_format=FORMAT, title=title,
                       body=normalize(body_raw))
        if not title:
            doc.title = squash(doc.body.split("\n", 1)[0])[:200]
            doc.warnings.append("no title in the export; first line of the text used")
        doc.record_id = squash(row.get("record_id", "")) or None
        doc.source_url = squash(row.get("document_url", "")) or None
        doc.date_text = squash(row.get("original_publication_date", "")) or None
        doc.summary = squash(row.get("summary", "")) or None
        doc.author = "; ".join(invert_name(a) for a in _list(row.get("authors", ""))) or None
        doc.source_line = squash(row.get("source", "")) or None
        archives = _list(row.get("original_archive_title", ""))
        doc.archive = archives[0] if archives else None
        doc.original_language = ", ".join(_list(row.get("language", ""))) or None
        doc.classification = squash(row.get("original_classification", "")) or None
        doc.uploaded_date = squash(row.get("original_upload_date", "")) or None
        doc.funders = _list(row.get("donors", "")) or funders_from_credits(row.get("credits"))
        doc.subjects = _list(row.get("subjects_discussed", ""))
        doc.associated_places = _list(row.get("associated_places", ""))
        doc.associated_people_orgs = _list(row.get("associated_people_orgs", ""))
        doc.document_contributors = _list(row.get("document_contributors", ""))
        # Place lines are laid out with runs of spaces ("MD J. Bitterlich      Bonn, 31 October 1997").
        doc.raw_head = body_raw[:2000]
        out.append(doc)
    return out
