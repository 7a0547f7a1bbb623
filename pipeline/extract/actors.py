"""Mentioned actors: every registry surface in a body, resolved to one actor or left out when ambiguous.

A surface that can name several actors (a surname shared by two leaders, 'CPC' for two parties, 'Congo') is
narrowed first by the document's year (who was alive, which state existed), then by the actors the document
names unambiguously elsewhere or the archive's curators tagged on it. What is still ambiguous is not guessed.
Person-like names that are not in the registry are returned as candidates for curators.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..reference.registry import (ALWAYS, Actor, Gazetteer, Hit, Sense, fold, gazetteer, longest_leftmost,
                                  ruling_parties, senses, slug, within)


# Titles that introduce a person by name ('Comrade Kim', 'Premier Zhou', 'Cde. Kovalev').
PERSON_TITLES = frozenset("""
Comrade Comrades Cde Cdes Mr Mrs Ms Miss Messrs Dr Prof Professor Sir Lord Lady Madame Mme Monsieur Herr Frau
Tovarishch President Premier Chairman Chairwoman Minister Ambassador Marshal Admiral Colonel Col Lieutenant Lt
Captain Capt Commander Prince King Queen Emperor Chancellor Senator Sen Governor Gov Pope Shah Sheikh Ayatollah
Envoy Counselor Counsellor Consul Generalissimo Brigadier Kaiser PM MP Amb Gen Pres
""".split())
# Words that may also stand before a bare surname without being a given name ('Prime Minister Chiang').
TITLES = PERSON_TITLES | frozenset("""
Vice Deputy General Secretary Secretary-General Major Party Foreign Prime Defense Defence Chief Director Leader
Field Elder Brother Sister Ambassadors Presidents Chairmen Ministers Comrade-in-arms Dear Federal Acting
""".split())
# Capitalised nouns that follow a name without being part of it ('the Sato Government', 'the Yoshida Letter').
INSTITUTIONS = frozenset("""
Government Cabinet Administration Letter Letters Transcript Plan Doctrine Line Group Faction Clique Regime Era
Ministry Committee Council Department Affairs Office Bureau Secretariat Commission Conference Assembly Staff
Headquarters Center Centre Command Directorate Embassy Section Trade Congress Foundation Institute University
Labor Labour Finance Industry Agriculture Culture Education Health Security Interior Justice Communications
Railways Commerce Propaganda Organization Organisation
""".split())
_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\. ?)+) $")
_KIND_ORDER = {"name": 0, "pseudonym": 1, "abbreviation": 2, "surname": 3, "demonym": 4}
_WORD = re.compile(r"[A-Z][\w'’-]*")
_ABBREVIATED = frozenset("Cde Cdes Mr Mrs Ms Dr Prof Mme Col Lt Capt Sen Gov Amb Gen Pres".split())
# A capitalised word followed by up to three capitalised words; the first must be a title (checked in code).
_TITLE_LED = re.compile(r"\b([A-Z][A-Za-z]*)(?=(\.?) ?((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,2}))")
# 'the Chinese party', 'the Czechoslovak and Hungarian party apparatuses': a demonym standing for a ruling party.
_PARTY_AFTER = re.compile(r"(?:(?:,\s*|\s+and\s+)[A-Z][\w-]+)*\s+[Pp]art(?:y|ies)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"“(\[]\s*)$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    actor: Actor
    kind: str


@dataclass
class ActorExtraction:
    mentions: list[Mention]
    candidates: list[str]  # one entry per occurrence


def extract_actors(body: str, year: int | None, tags: list[str] = ()) -> ActorExtraction:
    tagged, tag_table = _tag_senses(tags)
    hits = gazetteer().hits(body)
    if tag_table:
        hits = longest_leftmost(hits + Gazetteer(tag_table).hits(body))
    context = set(tagged)
    for hit in hits:
        ids = {s.actor.actor_id for s in _dated(hit.senses, year) if s.kind != "surname"}
        if len(ids) == 1:
            context |= ids
    mentions, candidates = [], []
    for hit in hits:
        if not hit.senses:
            continue  # a phrase that names no actor ('Latin America')
        bucket = hit.senses
        if all(s.kind == "surname" for s in bucket):
            longer, bucket = _surname_reading(body, hit)
            if longer:
                candidates.append(longer)
                continue
        sense = _resolve(bucket, year, context)
        if sense:
            actor = _party_meant(body, hit, sense, year) or sense.actor
            mentions.append(Mention(hit.start, hit.end, hit.surface, actor, sense.kind))
    candidates += _titled_names(body, [(h.start, h.end) for h in hits])
    return ActorExtraction(mentions, [re.sub(r"['’]s$", "", c) for c in candidates])


def _titled_names(body: str, covered: list[tuple[int, int]]) -> list[str]:
    """Names after a title ('Comrade Wang Ming', 'Amb. Yen') where no registry surface was found."""
    out = []
    for m in _TITLE_LED.finditer(body):
        title, dot = m.group(1), m.group(2)
        if title not in PERSON_TITLES or (dot and title not in _ABBREVIATED) or (not dot and m.start(3) == m.end(1)):
            continue
        name, start = _trim_name(m.group(3)), m.start(3)
        if name and not any(s < start + len(name) and start < e for s, e in covered):
            out.append(name)
    return out


def _dated(bucket: tuple[Sense, ...], year: int | None) -> list[Sense]:
    return [s for s in bucket if s.valid_in(year)] or list(bucket)


def _resolve(bucket: tuple[Sense, ...], year: int | None, context: set[str]) -> Sense | None:
    """The one actor the surface names on this date in this document, or None when still ambiguous."""
    dated = _dated(bucket, year)
    for pool in (dated, [s for s in dated if s.actor.actor_id in context]):
        if len({s.actor.actor_id for s in pool}) == 1:
            return min(pool, key=lambda s: _KIND_ORDER.get(s.kind, 9))
    return None


def _party_meant(body: str, hit: Hit, sense: Sense, year: int | None) -> Actor | None:
    if sense.kind != "demonym" or not _PARTY_AFTER.match(body, hit.end):
        return None
    party = ruling_parties().get(sense.actor.actor_id)
    return party if party and within(party.years, year) else None


def _surname_reading(body: str, hit: Hit) -> tuple[str | None, tuple[Sense, ...]]:
    """For a bare surname: (the longer name it is part of, or None; the senses its initials allow).

    'Raúl Castro' or 'Mao Anying' with only the surname in the registry is another person: a candidate.
    'E. F. Kovalev' is not Ivan Kovalev: initials must fit one of the person's given names.
    """
    window = body[max(0, hit.start - 40):hit.start]
    initials = _INITIALS.search(window)
    if initials:
        letters = set(re.findall(r"[A-Z]", fold(initials.group(1))))
        allowed = tuple(s for s in hit.senses if letters <= _initials_of(s.actor))
        return (None, allowed) if allowed else (initials.group(1).strip() + " " + hit.surface, ())
    before = re.search(r"(\S+) $", window)
    word = before.group(1) if before else ""
    if (word[:1].isupper() and word[-1].isalnum() and word not in TITLES | INSTITUTIONS and not word.isupper()
            and not _SENTENCE_START.search(body[max(0, hit.start - 40 - len(word)):hit.start - len(word) - 1])):
        return word + " " + hit.surface, ()
    after = re.match(r" ([A-Z][\w'’-]+)", body[hit.end:hit.end + 40])
    if after and after.group(1) not in TITLES and after.group(1) not in INSTITUTIONS:
        return hit.surface + " " + after.group(1), ()
    return None, hit.senses


@lru_cache(maxsize=4096)
def _initials_of(actor: Actor) -> frozenset[str]:
    """Initials that fit the person: of every given name and patronymic in the name and its aliases."""
    return frozenset(fold(word)[0] for n in (actor.name, *actor.aliases) for word in n.split()[:-1])


def _trim_name(name: str) -> str | None:
    """A title-led name without trailing title words; None unless it looks like a personal name."""
    words = name.split()
    while words and (words[-1] in TITLES or words[-1] in INSTITUTIONS):
        words.pop()
    if not words or any(w in TITLES or w in INSTITUTIONS or w.isupper() for w in words):
        return None
    return " ".join(words)


def _tag_senses(tags: list[str]) -> tuple[set[str], dict[str, tuple[Sense, ...]]]:
    """People the archive tagged on the document ('Kohl, Helmut', 'Chiang, Ching-kuo (Jiang Jingguo)').

    Tagged registry actors join the document's context; tagged people missing from the registry become actors
    of their own, matched by full name and surname like registry people.
    """
    by_name = _registry_people()
    tagged: set[str] = set()
    table: dict[str, tuple[Sense, ...]] = {}
    for tag in tags:
        parsed = parse_person_tag(tag)
        if parsed is None:
            continue
        names, surname = parsed
        known = next((by_name[fold(n)] for n in names if fold(n) in by_name), None)
        if known:
            tagged.add(known.actor_id)
            continue
        actor = Actor(slug(names[0]), names[0], "person", None, tuple(dict.fromkeys([tag, *names[1:], surname])),
                      None, ALWAYS, origin="document tags")
        tagged.add(actor.actor_id)
        for n in names:
            table[n] = (Sense(actor, "name"),)
        table[surname] = (*senses().get(surname, ()), Sense(actor, "surname"))
    return tagged, table


def parse_person_tag(tag: str) -> tuple[list[str], str] | None:
    """'Family, Given (Variant)' -> (['Given Family', 'Family Given', 'Variant', ...], 'Family'); None for orgs."""
    m = re.fullmatch(r"\s*([^,()]+?),\s*([^()]+?)\s*(?:\((.+)\))?\s*", tag)
    if not m or "." in m.group(1):
        return None
    family, given, variant = m.group(1).strip(), m.group(2).strip(), (m.group(3) or "").strip()
    if not family or not given:
        return None
    first = given.split()[0]
    names = [f"{given} {family}", f"{family} {given}", f"{first} {family}"]
    if variant.startswith(('"', "'")):
        names.append(f"{variant.strip(chr(34) + chr(39))} {family}")  # a nickname ('"Tony"')
    elif variant:
        names.append(variant)
    return list(dict.fromkeys(names)), family


@lru_cache(maxsize=1)
def _registry_people() -> dict[str, Actor]:
    """Folded full names and aliases that name exactly one registry person."""
    out = {}
    for surface, bucket in senses().items():
        people = {s.actor for s in bucket if s.actor.type == "person" and s.kind == "name"}
        if len(people) == 1:
            out[fold(surface)] = people.pop()
    return out
