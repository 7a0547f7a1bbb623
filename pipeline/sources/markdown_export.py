"""Markdown export of a Digital Archive record: bold date and title, then **Label:** sections."""
from __future__ import annotations

import re

from ..model import Document, SourceFile
from ..text import normalize, paragraphs, squash
from .metadata import funders_from_credits

FORMAT = "markdown_export"
_LABEL_RE = re.compile(r"^\*\*([A-Z][A-Za-z ]{2,40}):\*\*\s*$")


def detect(text: str) -> bool:
    return bool(re.search(r"^\*\*(Citation|Summary|Contents):\*\*\s*$", text, re.M))


def _plain(text: str) -> str:
    """Markdown to plain text: emphasis, hard line breaks and escapes removed."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.S)
    text = re.sub(r"(?<!\w)[*_](\S.*?\S|\S)[*_](?!\w)", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    return text


def parse(text: str, source: SourceFile) -> list[Document]:
    # Two trailing spaces are a markdown hard line break; keep the break, drop the spaces (normalize does).
    blocks = paragraphs(normalize(text))
    doc = Document(source_file=source.path, source_sha256=source.sha256, source_format=FORMAT, title="", body="")
    sections: dict[str, list[str]] = {"": []}
    label = ""
    for block in blocks:
        m = _LABEL_RE.match(block.strip())
        if m:
            label = m.group(1).lower()
            sections.setdefault(label, [])
        else:
            sections[label].append(block)

    head = [squash(_plain(b)) for b in sections[""]]
    if len(head) >= 2:
        doc.date_text, doc.title = head[0], head[1]
    elif head:
        doc.title = head[0]
    citation = sections.get("citation", [])
    urls = [b.strip("<> ") for b in citation if re.fullmatch(r"<?https?://\S+>?", b.strip())]
    doc.source_url = urls[0] if urls else None
    doc.citation = squash(" ".join(_plain(b) for b in citation if b.strip("<> ") not in urls)) or None
    doc.summary = squash(_plain(" ".join(sections.get("summary", [])))) or None
    doc.original_language = squash(" ".join(sections.get("original language", []))) or None
    doc.funders = funders_from_credits(_plain(" ".join(sections.get("credits", []))))
    contents = sections.get("contents", [])
    if contents and re.fullmatch(r"(Translation|Original|Transcript)\s*-\s*\w+|\w+ Translation", squash(contents[0])):
        contents = contents[1:]
    doc.body = "\n\n".join(_plain(b) for b in contents)
    return [doc]
