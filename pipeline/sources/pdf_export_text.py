"""Text of the archive's PDF export: page layout lines, or flattened to one line by a mirror site."""
from __future__ import annotations

import re

from ..model import Document, SourceFile
from ..text import normalize, reflow_layout, repair_flattened_hyphens, squash
from .metadata import funders_from_credits

FORMAT = "pdf_export_text"
_HEADER_RE = re.compile(r"^\s*Digital Archive\s+digitalarchive\.wilsoncenter\.org\s+International History Declassified",
                        re.I)
_LABELS = ("Citation:", "Summary:", "Credits:", "Original Language:", "Contents:")
_CONTENT_HEADING = re.compile(r"^(?:English Translation|Translation\s*-\s*English|English Transcription|"
                              r"Original Language Text|English)\s*", re.I)


def detect(text: str) -> bool:
    return bool(_HEADER_RE.match(text)) and "Citation:" in text[:5000]


def parse(text: str, source: SourceFile) -> list[Document]:
    flattened = text.count("\n") <= 2
    contents_at = text.find("Contents:")
    if contents_at < 0:
        raise ValueError("PDF export text without a 'Contents:' section")
    header = squash(_HEADER_RE.sub("", text[:contents_at]))
    body_raw = text[contents_at + len("Contents:"):]

    fields = _labelled(header + " Contents:")
    doc = Document(source_file=source.path, source_sha256=source.sha256, source_format=FORMAT, title="", body="")
    m = re.match(r"^(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4}|[A-Z][a-z]+ \d{4}|\d{4})\s+(?P<title>.+)$", fields[""])
    if m:
        doc.date_text, doc.title = m.group("date"), m.group("title")
    else:
        doc.title = fields[""]
    citation = fields.get("citation:", "")
    url = re.search(r"https?://\S+", citation)
    if url:
        doc.source_url = url.group(0).rstrip(".")
        citation = (citation[: url.start()] + citation[url.end():]).strip()
    doc.citation = citation or None
    doc.summary = fields.get("summary:") or None
    doc.original_language = fields.get("original language:") or None
    doc.funders = funders_from_credits(fields.get("credits:"))

    if flattened:
        body = repair_flattened_hyphens(squash(body_raw))
    else:
        body = reflow_layout(body_raw)
    body = _CONTENT_HEADING.sub("", normalize(body), count=1)
    doc.body = body
    return [doc]


def _labelled(header: str) -> dict[str, str]:
    """Split 'before Citation: x Summary: y ...' at the known labels, in order of appearance."""
    positions = sorted((header.find(label), label) for label in _LABELS if header.find(label) >= 0)
    out = {"": header[: positions[0][0]].strip() if positions else header}
    for (pos, label), nxt in zip(positions, positions[1:] + [(len(header), "")]):
        out[label.lower()] = header[pos + len(label): nxt[0]].strip()
    return out
