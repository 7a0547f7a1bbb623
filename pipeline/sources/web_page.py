"""Text of a scraped Digital Archive web page (current layout, staging copy, and the pre-2023 layout)."""
from __future__ import annotations

import re

from ..dates import is_date_line
from ..model import Document, SourceFile
from ..text import normalize, paragraphs, squash
from .metadata import CLASSIFICATION_RE, funders_from_credits, split_funders

FORMAT = "web_page"

# Navigation and buttons of the site's layouts; never content.
FURNITURE = {
    "skip to content", "search in", "add search filter cancel search filter", "citation share download",
    "digital archive international history declassified", "citation", "get citation", "share document",
    "view document in", "english html", "english pdf", "download", "share", "print",
}
# Labels of the metadata block that follows the document.
META_LABELS = {
    "document information", "associated people & organizations", "associated people and organizations",
    "associated places", "associated topics", "subjects discussed", "source", "rights", "original uploaded date",
    "record id", "original classification", "original archive", "language", "original language", "donors",
    "funders", "authors", "document contributors", "contributors",
}
SECTION_STARTS = {"document information", "associated people & organizations", "associated people and organizations",
                  "associated places", "associated topics"}
CLOSING_LABELS = {"record id", "original classification"}
RIGHTS_RE = re.compile(r"welcomes reuse|rights status|copyright|permission for commercial use", re.I)
FUNDER_RE = re.compile(r"\b(Foundation|Fund|Trust|Endowment|Program|Corporation|Institute|Council)\b")


def detect(text: str) -> bool:
    head = text[:3000].lower()
    return ("skip to content" in head[:200] or "document information" in text.lower()
            or "citation share download" in head or head.lstrip().startswith("search in"))


def _key(block: str) -> str:
    return squash(block).lstrip("•*- ").strip().lower()


def _is_furniture(block: str) -> bool:
    return all(_key(line) in FURNITURE for line in block.split("\n") if line.strip())


def parse(text: str, source: SourceFile) -> list[Document]:
    blocks = paragraphs(normalize(text))
    doc = Document(source_file=source.path, source_sha256=source.sha256, source_format=FORMAT, title="", body="")

    # The record starts at its date line followed by the title; anything before that is not this record.
    start = next((i for i, b in enumerate(blocks[:-1]) if is_date_line(b) and not _is_furniture(blocks[i + 1])), None)
    if start is None:
        raise ValueError("no date line followed by a title: not a Digital Archive record page")
    dropped = [b for b in blocks[:start] if not _is_furniture(b)]
    if dropped:
        doc.warnings.append(f"dropped {len(dropped)} block(s) before the record header (another record's summary?)")
    doc.date_text = squash(blocks[start]).strip("*")
    doc.title = squash(blocks[start + 1])

    end = next((i for i in range(start + 2, len(blocks)) if _key(blocks[i]) in SECTION_STARTS), len(blocks))
    content = blocks[start + 2:end]
    content = _take_citation_panel(content, doc)
    kept = []
    for block in content:
        credited = funders_from_credits(block) if squash(block).lower().startswith("this document was made") else []
        if credited:
            doc.funders.extend(f for f in credited if f not in doc.funders)
        elif not _is_furniture(block):
            kept.append(block)
    # The archive's summary is the last paragraph before the metadata block, after the notes.
    if end < len(blocks) and doc.summary is None and len(kept) >= 2 and _is_summary(kept[-1]):
        doc.summary = squash(kept.pop())
    doc.body = "\n\n".join(kept)

    labels_seen = _read_metadata(blocks[end:], doc)
    if end == len(blocks) or not labels_seen & CLOSING_LABELS:
        doc.is_partial = True
        doc.warnings.append("page cut off before the end of its metadata block")
    return [doc]


def _is_summary(block: str) -> bool:
    return "\n" not in block.strip() and not re.match(r"^\[\d+\]", block) and len(block) < 1500


def _take_citation_panel(content: list[str], doc: Document) -> list[str]:
    """The pre-2023 layout puts summary, citation and URL in a panel between the title and the text."""
    keys = [_key(b) for b in content]
    if not any(_key(line) == "citation share download" for b in content[:3] for line in b.split("\n")):
        return content
    body_at = next((i + 1 for i, k in enumerate(keys) if re.fullmatch(r"\w+ (html|pdf)", k)), None)
    if body_at is None:
        body_at = next((i + 1 for i, k in enumerate(keys) if k == "view document in"), 0)
    for block in content[:body_at]:
        lines = [squash(line).lstrip("• ") for line in block.split("\n")]
        for line in lines:
            if _key(line) in FURNITURE or not line:
                continue
            if line[0] in "\"“" and "Digital Archive" in line:
                url = re.search(r"https?://\S+", line)
                if url:
                    doc.source_url = url.group(0)
                doc.citation = line
                quoted = re.match(r"^[\"“](.+?),?[\"”]", line)
                if quoted and doc.title.isupper():
                    doc.title = quoted.group(1).rstrip(",")
            elif re.fullmatch(r"https?://\S+", line):
                doc.source_url = doc.source_url or line
            elif doc.summary is None and len(line) > 40:
                doc.summary = line
    return content[body_at:]


def _read_metadata(blocks: list[str], doc: Document) -> set[str]:
    values: dict[str, list[str]] = {}
    label = None
    seen = set()
    for block in blocks:
        key = _key(block)
        if key in META_LABELS:
            label = key
            seen.add(key)
            continue
        if RIGHTS_RE.search(block):
            continue
        values.setdefault(label or "document information", []).append(squash(block))
    for label, vals in values.items():
        text = " ".join(vals)
        if label in ("document information", "source"):
            doc.source_line = doc.source_line or text
        elif label == "original uploaded date":
            doc.uploaded_date = text
        elif label == "record id":
            m = re.search(r"\d+", text)
            doc.record_id = m.group(0) if m else None
        elif label == "original archive":
            doc.archive = text
        elif label in ("language", "original language"):
            doc.original_language = text
        elif label in ("associated places",):
            doc.associated_places = vals
        elif label.startswith("associated people"):
            doc.associated_people_orgs = vals
        elif label in ("associated topics", "subjects discussed"):
            doc.subjects = vals
        elif label in ("document contributors", "contributors"):
            doc.document_contributors = vals
        elif label in ("original classification", "donors", "funders"):
            # Scrapes lose the label of the funders line; it then follows the classification label.
            for val in vals:
                if label == "original classification" and CLASSIFICATION_RE.match(val):
                    doc.classification = val
                elif FUNDER_RE.search(val):
                    doc.funders.extend(f for f in split_funders(val) if f not in doc.funders)
    return seen
