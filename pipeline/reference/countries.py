"""Countries named in text (names, abbreviations, demonyms) with their spans, from the actors registry."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .registry import Gazetteer, fold, senses


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    name: str
    surface: str
    kind: str  # name, abbreviation, demonym


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer({surface: tuple(s for s in bucket if s.actor.type == "country")
                      for surface, bucket in senses().items()
                      if any(s.actor.type == "country" for s in bucket)})


@lru_cache(maxsize=1)
def _by_folded_surface() -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for surface, bucket in senses().items():
        countries = tuple(s for s in bucket if s.actor.type == "country")
        if countries:
            out[fold(surface)] = out.get(fold(surface), ()) + countries
    return out


def _one(bucket, year: int | None):
    """The single country a surface names in that year, if it names exactly one."""
    names = {s.actor.name: s for s in bucket if s.valid_in(year)}
    return next(iter(names.values())) if len(names) == 1 else None


def find(text: str, year: int | None = None) -> list[CountryMention]:
    out = []
    for hit in _gazetteer().hits(text):
        sense = _one(hit.senses, year)
        if sense:
            out.append(CountryMention(hit.start, hit.end, sense.actor.name, hit.surface, sense.kind))
    return out


def resolve(text: str, year: int | None = None) -> str | None:
    """Canonical name for a whole string naming one country ('the GDR' -> East Germany), else None."""
    text = text.strip()
    text = text[4:] if text.startswith("the ") else text
    sense = _one(_by_folded_surface().get(fold(text), ()), year)
    return sense.actor.name if sense else None


def most_mentioned(mentions: list[CountryMention]) -> str | None:
    counts = Counter(m.name for m in mentions)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n > rest[0][1] else None
