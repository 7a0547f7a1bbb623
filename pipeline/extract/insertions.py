"""Bracketed insertions by translators and editors: elisions, supplied words, identifications, [sic] ..."""
from __future__ import annotations

import re
from dataclasses import dataclass


_PRONOUNS = {"I", "We", "He", "She", "They", "It", "You"}
_BRACKET = re.compile(r"\[([^\[\]\n]{0,300})\]")


@dataclass(frozen=True)
class Insertion:
    start: int
    end: int
    text: str
    content: str
    kind: str


def extract_insertions(body: str, exclude: list[tuple[int, int]] = ()) -> list[Insertion]:
    """Every [...] span in body except footnote markers (given as spans to exclude)."""
    taken = set(exclude)
    out = []
    for m in _BRACKET.finditer(body):
        if (m.start(), m.end()) in taken:
            continue
        content = m.group(1).strip()
        out.append(Insertion(m.start(), m.end(), m.group(0), content,
                             classify(content, body[max(0, m.start() - 60): m.start()], body[m.end(): m.end() + 30])))
    return out


def classify(content: str, before: str, after: str = "") -> str:
    if re.fullmatch(r"(\.\s?){2,}|…|\.\.\.", content) or not content:
        return "elision"
    if re.match(r"sic\b", content, re.I):
        return "sic"
    if re.search(r"illegible|unclear|missing|blacked out|unreadable|cannot be read|not legible", content, re.I):
        return "illegible"
    if content.endswith("?"):
        return "uncertain"
    if re.fullmatch(r"\d+", content):
        return "other"
    # 'Filippov [Stalin]', 'Kalgan [Zhangjiakou]': a proper name that glosses the capitalised name before it.
    # Not a pronoun after a full stop ('[I] declared'), nor a given name before a surname ('[Patrick] Hurley').
    prev = re.search(r"([\w’'-]+) $", before)
    if (prev and prev.group(1)[0].isupper() and content[0].isupper() and len(content.split()) <= 4
            and not re.match(r" [A-Z]", after) and content not in _PRONOUNS):
        return "identification"
    return "supplied"
