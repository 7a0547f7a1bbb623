"""Decoding and normalisation of raw text: Unicode, line endings, layout line breaks. Words are never changed."""
from __future__ import annotations

import re
import statistics
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width, BOM, soft hyphen
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\t]")
_LETTER = re.compile(r"[^\W\d_]")
_TERMINAL = tuple('.!?:;"”’)]»…')


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); Windows-1252 as a fallback, reported as a warning."""
    warnings = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append("byte-order mark removed")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as err:
        warnings.append(f"not valid UTF-8 (byte {err.start}); decoded as Windows-1252")
        return data.decode("cp1252", errors="replace"), warnings


def normalize(text: str) -> str:
    """NFC, Unix line endings, plain spaces, no invisible characters, no trailing blanks, at most one empty line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def reflow_layout(raw: str) -> str:
    """Join lines that a page layout wrapped inside a paragraph.

    A line is a wrapped one when it nearly fills the text width of the page and the next line continues it;
    headings in capitals and short lines (ends of paragraphs, signatures, list items) keep their breaks.
    """
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in raw.replace("\f", "\n").split("\n")]
    lengths = [len(line) for line in lines if len(line) > 20]
    if not lengths:
        return "\n".join(lines)
    width = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 10 else max(lengths)
    out: list[str] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        wrapped = (line and nxt and len(line) >= 0.75 * width and not _is_heading(line)
                   and not _is_heading(nxt) and not re.match(r"^(\d+[.)]|[A-Z]/|[•\-–])\s", nxt))
        if wrapped:
            # A hyphen at the end of a wrapped line joins the word halves without a space: "Kai-" + "shek".
            out.append(line if line.endswith(("-", "—", "–")) else line + " ")
        else:
            out.append(line + "\n")
    return "".join(out)


def _is_heading(line: str) -> bool:
    return line.isupper() and len(_LETTER.findall(line)) >= 4


def join_broken_paragraphs(text: str) -> str:
    """Rejoin a sentence split by a page break: a paragraph ending mid-sentence followed by a lowercase start."""
    return re.sub(r"(?<=[a-z,])\n\n(?=[a-z])", " ", text)


def repair_flattened_hyphens(text: str) -> str:
    """A mirror that flattened line breaks left 'Kai- shek' where the page had 'Kai-' + newline + 'shek'."""
    return re.sub(r"(?<=\w)- (?=(?!and\b|or\b|to\b)[A-Za-z])", "-", text)


def strip_trailing_garble(text: str) -> tuple[str, bool]:
    """Drop a stray glyph of another script glued to the last Latin word (a PDF text-extraction artefact)."""
    m = re.search(r"(?<=[A-Za-z.])([^\x00-\u024f\u0370-\u04ff\u2000-\u206f\s]+)\s*$", text)
    if m and len(m.group(1)) <= 2:
        return text[: m.start(1)].rstrip(), True
    return text, False


def looks_cut_off(text: str) -> bool:
    """True when text stops on a list number or in the middle of a sentence of prose.

    Short last lines (signatures, dates, places) legitimately end without punctuation, so only a prose-length
    last line without terminal punctuation counts.
    """
    tail = text.rstrip()
    if not tail:
        return True
    last = tail.splitlines()[-1].strip()
    if re.fullmatch(r"\d{1,2}[.)]", last.split()[-1]):
        return True
    return len(last) > 60 and not tail.endswith(_TERMINAL)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def squash(text: str) -> str:
    """One line of single-spaced text."""
    return re.sub(r"\s+", " ", text).strip()
