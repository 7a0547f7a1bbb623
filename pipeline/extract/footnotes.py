"""Numbered notes: the note list is moved out of the body, each note keeps the span of its marker in the body.

Marker styles: `word[1]` and `[smaller][3]` with a bracketed list at the end (web pages, CSV bodies, one-line
PDF text where the list follows the last sentence), and `1.` endnotes of PDF-export text whose marker is a bare
number after a word (a superscript that lost its formatting).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


_BRACKET_NOTE = re.compile(r"^\[(\d{1,3})\]\s*(.*)$", re.S)
_ENDNOTE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$", re.S)


@dataclass(frozen=True)
class Footnote:
    number: int
    marker: str
    text: str
    kind: str
    anchor_start: int | None
    anchor_end: int | None


def extract_footnotes(body: str) -> tuple[str, list[Footnote]]:
    """(body without its note list, notes with their marker spans in that body)."""
    split = _split_bracket_list(body) or _split_inline_bracket_list(body)
    if split:
        text, notes = split
        return text, _anchor_brackets(text, notes)
    split = _split_endnotes(body)
    if split:
        return split
    return body, []


def _consecutive(numbers: list[int]) -> bool:
    return bool(numbers) and numbers == list(range(1, len(numbers) + 1))


def _split_bracket_list(body: str) -> tuple[str, list[tuple[int, str]]] | None:
    """A list of lines '[1] ...', '[2] ...' closing the body; a note may run over several lines."""
    lines = body.split("\n")
    starts = [i for i, line in enumerate(lines) if _BRACKET_NOTE.match(line.strip()) and
              _BRACKET_NOTE.match(line.strip()).group(1) == "1"]
    for first in reversed(starts):
        notes: list[list] = []
        for line in lines[first:]:
            m = _BRACKET_NOTE.match(line.strip())
            if m and int(m.group(1)) == len(notes) + 1:
                notes.append([int(m.group(1)), m.group(2)])
            elif notes and line.strip():
                notes[-1][1] += "\n" + line.strip()
        if notes:
            text = "\n".join(lines[:first]).rstrip()
            return text, [(n, _squash(t)) for n, t in notes]
    return None


def _split_inline_bracket_list(body: str) -> tuple[str, list[tuple[int, str]]] | None:
    """One-line text: '... next step.[1] [1] Note text. [2] Note text.'"""
    for m in reversed(list(re.finditer(r"(?<=\s)\[1\]\s", body))):
        if not re.search(r"\S\[1\]", body[: m.start()]):
            continue
        parts = re.split(r"\s\[(\d{1,3})\]\s", " " + body[m.start():])
        numbers = [int(n) for n in parts[1::2]]
        if _consecutive(numbers):
            return body[: m.start()].rstrip(), [(n, _squash(t)) for n, t in zip(numbers, parts[2::2])]
    return None


def _anchor_brackets(text: str, notes: list[tuple[int, str]]) -> list[Footnote]:
    out, pos = [], 0
    for number, note in notes:
        m = re.compile(rf"\[{number}\]").search(text, pos)
        if m:
            pos = m.end()
        out.append(Footnote(number, f"[{number}]", note, classify(note), m.start() if m else None,
                            m.end() if m else None))
    return out


def _split_endnotes(body: str) -> tuple[str, list[Footnote]] | None:
    """Trailing paragraphs '1. term, explanation' whose numbers appear as bare markers after words in the text."""
    paras = body.split("\n\n")
    first = len(paras)
    while first > 0 and _ENDNOTE.match(paras[first - 1].strip()):
        first -= 1
    tail = [_ENDNOTE.match(p.strip()) for p in paras[first:]]
    numbers = [int(m.group(1)) for m in tail]
    if first == 0 or not _consecutive(numbers):
        return None
    text = "\n\n".join(paras[:first]).rstrip()
    notes, pos = [], 0
    for m in tail:
        number, note = int(m.group(1)), _squash(m.group(2))
        anchor = _endnote_marker(text, number, note, pos)
        if anchor:
            pos = anchor[1]
        notes.append(Footnote(number, str(number), note, classify(note), *(anchor or (None, None))))
    if not any(n.anchor_start is not None for n in notes):
        return None  # a numbered list that ends the document, not notes
    return text, notes


def _endnote_marker(text: str, number: int, note: str, pos: int) -> tuple[int, int] | None:
    """A bare number right after a word, near the term the note explains ('CC-ist 1' for '1. CC clique, ...')."""
    term = re.split(r"[,:;(—–-]", note, maxsplit=1)[0].split()
    if not term:
        return None
    head = re.escape(term[0])
    for m in re.finditer(rf"(?<=[A-Za-z\])])\s?({number})(?=[\s,.;:)])", text[pos:]):
        start = pos + m.start(1)
        if re.search(rf"\b{head}", text[max(0, start - 40):start], re.I):
            return start, start + len(str(number))
    return None


_KINDS = (
    ("handwritten_note", re.compile(r"hand[- ]?written|side note|in the margin|marginal", re.I)),
    ("illegible", re.compile(r"illegible|unclear|cannot be read|unreadable", re.I)),
    ("archival_source", re.compile(r"^(source:|\(?source\b)|\b(fond|opis|delo|f\.|op\.|d\.|ll?\.)\s*\d|"
                                   r"^[A-Z][A-Za-z]{1,10},\s*[A-Z]?\s*\d|\barchiv", re.I)),
)


def classify(note: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(note):
            return kind
    return "explanation" if len(note.split()) >= 3 else "other"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
