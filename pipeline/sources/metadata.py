"""Metadata rules shared by every input format: citation parts, document type, author, classification, place."""
from __future__ import annotations

import re

from ..text import squash

# Longest phrases first so 'memorandum of conversation' wins over 'memorandum' at the same position.
DOCUMENT_TYPES = {
    "record of conversation": "record of conversation",
    "memorandum of conversation": "memorandum of conversation",
    "minutes of conversation": "minutes of conversation",
    "notes of conversation": "record of conversation",
    "transcript of conversation": "transcript of conversation",
    "conversation": "record of conversation",
    "meeting": "record of conversation",
    "ciphered telegram": "telegram",
    "telegram": "telegram",
    "cable": "cable",
    "memorandum": "memorandum",
    "memo": "memorandum",
    "minutes": "minutes",
    "transcript": "transcript",
    "note": "note",
    "notes": "note",
    "report": "report",
    "letter": "letter",
    "message": "message",
    "statement": "statement",
    "speech": "speech",
    "petition": "petition",
    "diary": "diary",
    "resolution": "resolution",
    "decree": "decree",
    "directive": "directive",
    "instructions": "instructions",
    "protocol": "protocol",
    "agreement": "agreement",
    "treaty": "treaty",
    "communique": "communique",
    "information": "information",
    "record": "record",
    "recollections": "recollections",
    "draft": "draft",
}
_TYPE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, DOCUMENT_TYPES), key=len, reverse=True)) + r")\b", re.I)

CLASSIFICATION_RE = re.compile(
    r"^(top secret(?:\W+special (?:importance|file))?|strictly secret|strictly confidential|secret|confidential|"
    r"for internal use only|restricted|personal and confidential|eyes only|classified)\b", re.I)

_CREDIT_VERBS = r"(?:Obtained|Translated|Contributed|Transcribed|Donated|Provided|Edited|Reprinted|Courtesy|Published)"
_PERSON = r"[A-Z][^,;:()]*?"


def document_type(title: str | None) -> str | None:
    m = _TYPE_RE.search(title or "")
    return DOCUMENT_TYPES[m.group(1).lower()] if m else None


def author_from_title(title: str | None) -> str | None:
    """'Cable, Mao Zedong to Stalin' -> Mao Zedong; 'Telegram from Petrov, ...' -> Petrov; 'Note by X regarding' -> X."""
    if not title:
        return None
    title = title.strip("'\"“” ")
    m = re.match(r"^[^,]{2,60}?,\s+(?P<a>[^,'\"“]+?)\s+to\s+(?:the\s+)?[A-Z]", title)
    if m and document_type(title[: m.start("a")]):
        return _clean_name(m.group("a"))
    m = re.search(r"\b(?:from|by)\s+(?P<a>[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|van|von|bin))*)", title)
    if m:
        return _clean_name(m.group("a"))
    return None


def _clean_name(name: str) -> str:
    return squash(re.sub(r"\s*\(.*?\)|\s*\[via [^]]*\]", "", name)).strip(" ,.")


def classification_from_head(body: str, lines: int = 15) -> str | None:
    """A classification mark among the first lines, before the text proper starts."""
    for line in body.split("\n")[:lines]:
        line = line.strip().strip("*").strip()
        if len(line) > 200:
            break
        m = CLASSIFICATION_RE.match(line)
        if m and len(line) < 60:
            return line.rstrip("!.").strip()
    return None


def classification_from_title(title: str | None) -> str | None:
    m = re.match(r"^(Top Secret|Strictly Secret|Secret|Confidential)\b", title or "", re.I)
    return m.group(1) if m else None


def place_from_head(raw_head: str) -> str | None:
    """'Place of mission: Beijing', 'FROM: PYONGYANG', or a 'New Delhi, 1st April, 1949' dateline."""
    from ..dates import DATE_PATTERNS

    for raw_line in raw_head.split("\n")[:20]:
        for part in re.split(r"\s{3,}", raw_line.strip()):
            m = re.match(r"^(?:place of (?:mission|writing|issue)|place|location)\s*:\s*(.{2,60})$", part, re.I)
            if m:
                return _title_if_caps(m.group(1).strip(" ."))
            m = re.match(r"^FROM:\s*([A-Z][A-Z -]{2,30})$", part)
            if m:
                return _title_if_caps(m.group(1).strip())
            m = re.match(r"^([A-Z][A-Za-z.' -]{1,30}),\s+(.+)$", part)
            if m and any(p.match(m.group(2).strip()) for p in DATE_PATTERNS[:2]):
                return m.group(1).strip()
    return None


def _title_if_caps(value: str) -> str:
    return value.title() if value.isupper() else value


def split_source_line(source: str | None) -> dict:
    """'GARF, fond 10026, opis 4, ... Obtained and translated by X.' -> archive, reference and credits."""
    out = {"archive": None, "archive_reference": None, "obtained_by": None, "translated_by": None}
    if not source:
        return out
    source = squash(source)
    sentences = re.split(rf"\.\s+(?={_CREDIT_VERBS}\b|Translated\b)", source)
    main, credits = sentences[0].strip().rstrip("."), sentences[1:]
    cut = _top_level_separator(main)
    if cut is None:
        out["archive"] = main or None
    else:
        out["archive"] = main[:cut].strip() or None
        out["archive_reference"] = main[cut + 1:].strip() or None
    for sentence in credits:
        out.update({k: v for k, v in credits_from(sentence).items() if v})
    return out


def _top_level_separator(text: str) -> int | None:
    """Index of the first comma or colon outside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",:" and depth == 0:
            return i
    return None


def credits_from(text: str) -> dict:
    """Who obtained and who translated, from sentences like 'Obtained by A and translated by B'."""
    text = squash(text).rstrip(".")
    obtained = translated = None
    m = re.search(rf"(?:Obtained|Contributed)(?:,?\s+(?:and\s+)?(?:transcribed|translated))*,?\s+(?:and\s+)?"
                  rf"(?P<both>translated\s+)?(?:for\s+\w+\s+)?by\s+(?P<who>{_PERSON})"
                  rf"(?=\s+and\s+(?:translated|transcribed)|$|\.)", text, re.I)
    if m:
        obtained = m.group("who").strip()
        if m.group("both") or re.search(r"translated", text[: m.start("who")], re.I):
            translated = obtained
    m = re.search(rf"\btranslated(?:\s+from\s+\w+)?(?:\s+for\s+[\w.]+)?\s+by\s+(?P<who>{_PERSON})(?=$|\.|;|\s+and\s+"
                  rf"(?:obtained|contributed))", text, re.I)
    if m:
        translated = m.group("who").strip()
    return {"obtained_by": obtained, "translated_by": translated}


def citation_source(citation: str | None, title: str | None = None) -> str | None:
    """The archive part of a citation: after the quoted title, the date and '... Digital Archive,'."""
    if not citation:
        return None
    text = squash(citation)
    m = re.search(r"Digital Archive,\s*(?P<rest>.*)$", text)
    if not m:
        return None
    rest = re.sub(r"\s*https?://\S+\s*$", "", m.group("rest")).strip()
    return rest or None


def split_funders(text: str) -> list[str]:
    """'MacArthur Foundation and Leon Levy Foundation' -> both names."""
    return [f.strip(" .") for f in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", squash(text)) if f.strip(" .")]


def funders_from_credits(text: str | None) -> list[str]:
    """Funders named in the archive's credit line 'This document was made possible with support from X'."""
    m = re.search(r"made possible with support from (?:the )?(.+?)\.?$", squash(text or ""), re.I)
    return split_funders(m.group(1)) if m else []


def invert_name(name: str) -> str:
    """Library-catalogue form 'Nehru, Jawaharlal' -> 'Jawaharlal Nehru'; other strings unchanged."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    m = re.fullmatch(r"([^,]+),\s*([^,]+)", name)
    if m and not re.search(r"\b(Ministry|Committee|Party|Association|Embassy|Office|Government)\b", name):
        return f"{m.group(2).strip()} {m.group(1).strip()}"
    return name
