"""Input formats: detection from content, parsing, and the metadata rules every format shares."""
from __future__ import annotations

import csv
import hashlib
import re

from ..model import Document, Reject, SourceFile
from ..text import decode, join_broken_paragraphs, looks_cut_off, strip_trailing_garble, squash
from . import markdown_export, pdf_export_text, scraper_csv, web_page
from .metadata import (author_from_title, citation_source, classification_from_head, classification_from_title,
                       document_type, place_from_head, split_source_line)

# Most specific first: a PDF export also mentions 'Digital Archive', a web page may quote a citation.
FORMATS = (scraper_csv, pdf_export_text, markdown_export, web_page)


def parse_source(source: SourceFile, data: bytes) -> list[Document | Reject]:
    """Every record of one input file, or the reason it cannot be read. Never raises for bad input."""
    if not data.strip():
        return [Reject(source.path, source.sha256, "empty_file", "the file is empty or only whitespace")]
    if b"\x00" in data[:8192]:
        return [Reject(source.path, source.sha256, "binary_file", "the file contains NUL bytes: not text")]
    text, warnings = decode(data)
    fmt = next((f for f in FORMATS if f.detect(text)), None)
    if fmt is None:
        return [Reject(source.path, source.sha256, "unrecognised_format",
                       "not a Digital Archive web page, markdown export, PDF export text or scraper CSV; "
                       f"starts with {squash(text[:80])!r}")]
    try:
        records = fmt.parse(text, source)
    except (ValueError, IndexError, csv.Error) as err:
        return [Reject(source.path, source.sha256, "parse_error", f"{fmt.FORMAT}: {err}")]
    out: list[Document | Reject] = []
    for record in records:
        if isinstance(record, Document):
            record.warnings[:0] = warnings
            if not record.raw_head:
                record.raw_head = record.body[:2000]
            record = finish(record)
        out.append(record)
    return out


def finish(doc: Document) -> Document:
    """Fill what every format derives the same way, and reject what is not a usable record."""
    body, garbled = strip_trailing_garble(join_broken_paragraphs(doc.body))
    if garbled:
        doc.warnings.append("stray glyph at the end of the text removed")
    elif doc.source_format == pdf_export_text.FORMAT and looks_cut_off(body):
        doc.is_partial = True
        doc.warnings.append("text stops mid-sentence: input cut off")
    doc.body = body
    doc.title = squash(doc.title)
    doc.document_type = doc.document_type or document_type(doc.title)
    doc.author = doc.author or author_from_title(doc.title)
    doc.classification = (doc.classification or classification_from_head(doc.body)
                          or classification_from_title(doc.title))
    doc.place = doc.place or place_from_head(doc.raw_head)
    if not doc.record_id and doc.source_url:
        m = re.search(r"/document/(\d+)\b", doc.source_url)
        doc.record_id = m.group(1) if m else None
    source_line = doc.source_line or citation_source(doc.citation, doc.title)
    for key, value in split_source_line(source_line).items():
        if value and not getattr(doc, key):
            setattr(doc, key, value)
    return doc


def document_id(doc: Document) -> str:
    """The archive's record id when known; else a hash of what identifies the record across formats."""
    if doc.record_id:
        return doc.record_id
    ident = "\n".join([squash(doc.title).lower(), squash(doc.date_text or "").lower(),
                       squash(doc.body[:500]).lower()])
    return "doc-" + hashlib.sha256(ident.encode()).hexdigest()[:16]
