"""Country names, abbreviations and demonyms from countries.json, matched in text with their spans."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    name: str
    surface: str
    kind: str  # name, abbreviation, demonym


@lru_cache(maxsize=1)
def registry() -> list[dict]:
    return json.loads((Path(__file__).with_name("countries.json")).read_text(encoding="utf-8"))["countries"]


@lru_cache(maxsize=1)
def _index() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    surfaces: dict[str, tuple[str, str]] = {}
    for entry in registry():
        for kind, names in (("name", [entry["name"], *entry["aliases"]]), ("abbreviation", entry["abbreviations"]),
                            ("demonym", entry["demonyms"])):
            for surface in names:
                surfaces.setdefault(surface, (entry["name"], kind))
                if kind == "name" and not surface.startswith("the "):
                    surfaces.setdefault("the " + surface, (entry["name"], kind))
    # Longest first so 'North Korea' wins over 'Korea' and 'East German' over 'German'.
    alternation = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True) if not s.startswith("the "))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])"), surfaces


def find(text: str) -> list[CountryMention]:
    pattern, surfaces = _index()
    out = []
    for m in pattern.finditer(text):
        name, kind = surfaces[m.group(0)]
        out.append(CountryMention(m.start(), m.end(), name, m.group(0), kind))
    return out


def resolve(text: str) -> str | None:
    """Canonical name for a whole string naming one country ('the GDR' -> East Germany), else None."""
    _, surfaces = _index()
    hit = surfaces.get(text.strip())
    return hit[0] if hit else None


def most_mentioned(mentions: list[CountryMention]) -> str | None:
    counts = Counter(m.name for m in mentions)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n > rest[0][1] else None
