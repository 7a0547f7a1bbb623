"""The actors registry: people, states and organisations from the JSON files beside this module.

Every name, alias, abbreviation, demonym, surname and pseudonym becomes a surface with one or more senses (the
actors it can name, and the years in which it names them). `Gazetteer` finds surfaces in text in one pass with
an Aho-Corasick automaton over accent-folded text, so offsets stay those of the original text.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

HERE = Path(__file__).parent
Years = tuple[int | None, int | None]
ALWAYS: Years = (None, None)


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    type: str  # person, country, organization
    subtype: str | None
    aliases: tuple[str, ...]
    wikidata_id: str | None
    years: Years  # existence of a state or organisation, life of a person
    origin: str = "registry"

    def row(self) -> dict:
        return {"actor_id": self.actor_id, "name": self.name, "type": self.type, "subtype": self.subtype,
                "aliases": list(self.aliases), "wikidata_id": self.wikidata_id, "origin": self.origin}


@dataclass(frozen=True)
class Sense:
    """One actor a surface can name, how (name, surname, abbreviation, demonym, pseudonym) and when."""
    actor: Actor
    kind: str
    years: Years = ALWAYS

    def valid_in(self, year: int | None) -> bool:
        return within(self.years, year)


def within(years: Years, year: int | None) -> bool:
    """Whether a year falls in a span of years; an unknown year or an open end always does."""
    start, end = years
    return year is None or ((start is None or start <= year) and (end is None or year <= end))


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    senses: tuple[Sense, ...]


_FOLD_EXTRA = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "’": "'", "‘": "'", "ʼ": "'"}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=None)
def _fold_char(ch: str) -> str:
    return _FOLD_EXTRA.get(ch) or unicodedata.normalize("NFD", ch)[0]


def fold(text: str) -> str:
    """Strip accents one character for one character, so the folded text keeps the original's offsets."""
    return text if text.isascii() else _NON_ASCII.sub(lambda m: _fold_char(m.group()), text)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def _intersect(a: Years, b: Years) -> Years:
    start = max((y for y in (a[0], b[0]) if y is not None), default=None)
    end = min((y for y in (a[1], b[1]) if y is not None), default=None)
    return start, end


def _years(value) -> Years:
    return (value[0], value[1]) if value else ALWAYS


def _load(name: str) -> list[dict]:
    data = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    return data[name]


@lru_cache(maxsize=1)
def senses() -> dict[str, tuple[Sense, ...]]:
    """Every surface of the registry with the actors it can name."""
    table: dict[str, list[Sense]] = {}

    def add(surface: str, sense: Sense) -> None:
        bucket = table.setdefault(surface, [])
        if not any(s.actor == sense.actor and s.kind == sense.kind for s in bucket):
            bucket.append(sense)

    for entry in _load("countries"):
        years = _years(entry["years"])
        actor = _actor(entry, "country", "state", entry["aliases"] + entry["abbreviations"] + entry["demonyms"]
                       + [a for a, _, _ in entry.get("dated_aliases", [])], years)
        for surface in [entry["name"], *entry["aliases"]]:
            add(surface, Sense(actor, "name", years))
        for surface, start, end in entry.get("dated_aliases", []):
            add(surface, Sense(actor, "name", _intersect(years, (start, end))))
        for surface in entry["abbreviations"]:
            add(surface, Sense(actor, "abbreviation", years))
        for surface in entry["demonyms"]:
            add(surface, Sense(actor, "demonym", years))
    for entry in _load("organizations"):
        years = _years(entry["years"])
        actor = _actor(entry, "organization", entry["subtype"], entry["aliases"] + entry["abbreviations"], years)
        for surface in [entry["name"], *entry["aliases"]]:
            add(surface, Sense(actor, "name", years))
        for surface in entry["abbreviations"]:
            add(surface, Sense(actor, "abbreviation", years))
    for entry in _load("people"):
        years = _years(entry["life"])
        surnames = entry.get("surnames", [entry["name"].split()[-1]])
        actor = _actor(entry, "person", None, entry["aliases"] + surnames + entry.get("pseudonyms", []), years)
        for surface in [entry["name"], *entry["aliases"]]:
            add(surface, Sense(actor, "name", years))
        for surface in surnames:
            add(surface, Sense(actor, "surname", years))
        for surface in entry.get("pseudonyms", []):
            add(surface, Sense(actor, "pseudonym", years))
    for surface in json.loads((HERE / "non_actors.json").read_text(encoding="utf-8"))["surfaces"]:
        table.setdefault(surface, [])  # matched so the longer phrase wins, names no actor
    return {surface: tuple(bucket) for surface, bucket in table.items()}


def _actor(entry: dict, kind: str, subtype: str | None, aliases: list[str], years: Years) -> Actor:
    unique = tuple(dict.fromkeys(a for a in aliases if a != entry["name"]))
    return Actor(slug(entry["name"]), entry["name"], kind, subtype, unique, entry.get("wikidata"), years)


@lru_cache(maxsize=1)
def ruling_parties() -> dict[str, Actor]:
    """Country actor_id -> its ruling party, for 'the Chinese party' and 'the Soviet and Polish parties'."""
    by_name = {a.name: a for a in actors().values()}
    return {slug(e["name"]): by_name[e["ruling_party"]] for e in _load("countries") if e.get("ruling_party")}


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    out: dict[str, Actor] = {}
    for bucket in senses().values():
        for sense in bucket:
            out[sense.actor.actor_id] = sense.actor
    return out


class Gazetteer:
    """Finds the longest surfaces in text, leftmost first, each bounded by non-word characters."""

    def __init__(self, table: dict[str, tuple[Sense, ...]]):
        merged: dict[str, list[Sense]] = {}
        for surface, bucket in table.items():
            merged.setdefault(fold(surface), []).extend(bucket)
        self.automaton = ahocorasick.Automaton()
        for key, bucket in merged.items():
            self.automaton.add_word(key, (len(key), tuple(dict.fromkeys(bucket))))
        self.automaton.make_automaton()

    def hits(self, text: str) -> list[Hit]:
        folded = fold(text)
        found = []
        for last, (length, bucket) in self.automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            if _bounded(folded, start, end):
                found.append(Hit(start, end, text[start:end], bucket))
        return longest_leftmost(found)


def longest_leftmost(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits: at each position the longest, so 'North Korea' wins over 'Korea'."""
    out: list[Hit] = []
    taken = 0
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start >= taken:
            out.append(hit)
            taken = hit.end
    return out


def _bounded(text: str, start: int, end: int) -> bool:
    """Whole words only; an apostrophe after a name must be a possessive ("Mao's", not "Yan'an")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if after == "'":
        return text[end + 1:end + 2] == "s" and not text[end + 2:end + 3].isalnum() and not before.isalnum()
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(senses())
