import json
import re
import unicodedata

import pandas as pd
import pytest

from conftest import CORPUS, SEEDS, extract

from pipeline.extract.actors import extract_actors, parse_person_tag
from pipeline.reference import registry


def _names(body: str, year: int | None = None, tags=()) -> dict[str, set[tuple[str, str]]]:
    """surface -> {(canonical name, mention kind)}"""
    out: dict[str, set] = {}
    for m in extract_actors(body, year, list(tags)).mentions:
        assert body[m.start:m.end] == m.surface
        out.setdefault(m.surface, set()).add((m.actor.name, m.kind))
    return out


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


# --- the registry is data, complete enough for the period ---

def test_registry_covers_states_parties_organisations_and_people_of_the_period():
    actors = registry.actors().values()
    by_type = pd.Series([a.type for a in actors]).value_counts()
    assert by_type["country"] >= 190 and by_type["person"] >= 300 and by_type["organization"] >= 100
    names = {a.name for a in actors}
    for defunct in ("Soviet Union", "East Germany", "Czechoslovakia", "Yugoslavia", "South Vietnam", "North Yemen"):
        assert defunct in names
    parties = {a.name for a in actors if a.subtype == "party"}
    assert {"Polish United Workers' Party", "Workers' Party of Korea", "Kuomintang"} <= parties


def test_every_json_entry_has_a_unique_id_and_a_known_ruling_party():
    files = {name: json.loads((registry.HERE / f"{name}.json").read_text())[name]
             for name in ("countries", "organizations", "people")}
    entries = sum(len(v) for v in files.values())
    assert len(registry.actors()) == entries  # no two entries collapse into one actor_id
    for country in files["countries"]:
        if country.get("ruling_party"):
            assert registry.ruling_parties()[registry.slug(country["name"])].subtype == "party"


# --- matching rules ---

def test_names_abbreviations_demonyms_and_transliterations_resolve_to_canonical_actors():
    found = _names("Chou En-lai met the GDR delegation and Chinese leaders; the CPSU and Comecon agreed, "
                   "and Teng Hsiao-ping spoke of the DPRK.", 1975)
    assert found["Chou En-lai"] == {("Zhou Enlai", "name")}
    assert found["GDR"] == {("East Germany", "abbreviation")}
    assert found["Chinese"] == {("China", "demonym")}
    assert found["CPSU"] == {("Communist Party of the Soviet Union", "abbreviation")}
    assert found["Comecon"] == {("Council for Mutual Economic Assistance", "name")}
    assert found["Teng Hsiao-ping"] == {("Deng Xiaoping", "name")}
    assert found["DPRK"] == {("North Korea", "abbreviation")}


def test_pseudonyms_resolve_to_the_person_behind_them():
    found = _names("Telegram from Filippov [Stalin] to Mao Zedong, forwarding Feng Xi's reply.", 1950)
    assert found["Filippov"] == {("Joseph Stalin", "pseudonym")}
    assert found["Feng Xi"] == {("Joseph Stalin", "pseudonym")}
    assert found["Stalin"] == {("Joseph Stalin", "surname")}


def test_the_longest_name_wins_and_phrases_that_name_no_actor_are_skipped():
    found = _names("The North Korean side, the Chinese Communist Party and the Supreme Soviet discussed "
                   "Latin American affairs.", 1960)
    assert found["North Korean"] == {("North Korea", "demonym")}
    assert found["Chinese Communist Party"] == {("Chinese Communist Party", "name")}
    assert found["Supreme Soviet"] == {("Supreme Soviet of the Soviet Union", "name")}
    assert "Chinese" not in found and "Korean" not in found and "American" not in found


def test_a_surname_resolves_only_when_one_person_fits_the_document_date_or_context():
    # Two Kennedys were alive in 1962: the bare surname stays unresolved ...
    assert "Kennedy" not in _names("Kennedy spoke to the press.", 1962)
    # ... unless the document names one of them in full.
    assert _names("President John F. Kennedy arrived. Kennedy spoke.", 1962)["Kennedy"] == \
        {("John F. Kennedy", "surname")}
    # A shared surname is narrowed by who was alive: one Gerhard Schröder died in 1989.
    assert _names("Schröder visited Moscow.", 2001)["Schröder"] == {("Gerhard Schröder", "surname")}
    # One bearer of the surname in the registry: resolved even after his death.
    assert _names("Stalin's policy was criticised.", 1985)["Stalin"] == {("Joseph Stalin", "surname")}


def test_a_surname_inside_another_persons_name_is_a_candidate_not_a_mention():
    result = extract_actors("Yesterday Mao Anying and Comrade Zhao Puchu met Stalin.", 1950)
    assert {m.actor.name for m in result.mentions} == {"Joseph Stalin"}
    assert "Mao Anying" in result.candidates and "Zhao Puchu" in result.candidates


def test_initials_must_fit_the_person():
    assert _names("I.V. Kovalev reported.", 1949)["Kovalev"] == {("Ivan Kovalev", "surname")}
    assert _names("Cde. V. Kovalev reported.", 1949)["Kovalev"] == {("Ivan Kovalev", "surname")}  # patronymic
    result = extract_actors("E. F. Kovalev reported.", 1949)
    assert not result.mentions and result.candidates == ["E. F. Kovalev"]


def test_a_demonym_before_party_names_the_ruling_party():
    found = _names("Relations between the Czechoslovak and Hungarian party apparatuses improved; "
                   "the Hungarian government agreed.", 1987)
    assert found["Czechoslovak"] == {("Communist Party of Czechoslovakia", "demonym")}
    assert ("Hungarian Socialist Workers' Party", "demonym") in found["Hungarian"]
    assert ("Hungary", "demonym") in found["Hungarian"]


def test_dated_aliases_follow_the_document_year():
    assert _names("The Republic of China protested.", 1946)["Republic of China"] == {("China", "name")}
    assert _names("The Republic of China protested.", 1960)["Republic of China"] == {("Taiwan", "name")}


def test_apostrophes_and_hyphens():
    found = _names("Mao's return to Yan'an and the Sino-Soviet treaty.", 1950)
    assert found["Mao"] == {("Mao Zedong", "surname")} and "Yan" not in found
    assert found["Soviet"] == {("Soviet Union", "demonym")}


def test_ambiguous_abbreviations_resolve_from_context_or_stay_unresolved():
    assert "CPC" not in _names("The CPC delegation arrived.", 1960)
    found = _names("The Communist Party of China sent a note; the CPC delegation arrived.", 1960)
    assert found["CPC"] == {("Chinese Communist Party", "abbreviation")}


# --- curators' tags ---

def test_person_tags_are_parsed_in_family_given_form():
    assert parse_person_tag("Kohl, Helmut") == (["Helmut Kohl", "Kohl Helmut"], "Kohl")
    names, family = parse_person_tag("Chiang, Ching-kuo (Jiang Jingguo)")
    assert family == "Chiang" and "Chiang Ching-kuo" in names and "Jiang Jingguo" in names
    assert "Tony Blair" in parse_person_tag('Blair, Anthony Charles Lynton ("Tony")')[0]
    assert parse_person_tag("Japan. Foreign Ministry") is None


def test_a_tagged_person_missing_from_the_registry_becomes_an_actor_of_document_tags():
    result = extract_actors("Bitterlich said the Chancellor agreed. Later Bitterlich left.", 1995,
                            ["Bitterlich, Joachim"])
    assert [(m.actor.name, m.actor.origin, m.kind) for m in result.mentions] == \
        [("Joachim Bitterlich", "document tags", "surname")] * 2


def test_curators_tagged_people_are_found_in_the_csv_export():
    """At least 90% of the people the archive tagged, among those whose family name occurs in the text."""
    csv = CORPUS / "csv_export" / "wilson_scraper_export.csv"
    frame = pd.read_csv(csv)
    extractions = extract(csv)
    by_url = {ex.document["source_url"]: ex for ex in extractions}
    present = found = 0
    for row in frame.itertuples():
        tags = [t for col in ("associated_people_orgs", "document_contributors")
                for t in (json.loads(getattr(row, col)) if isinstance(getattr(row, col), str) else [])]
        ex = by_url.get(row.document_url)
        if ex is None or not tags:
            continue
        body = _fold(ex.document["body"])
        names_found = {_fold(n) for m in ex.actor_mentions for a in ex.actors if a["actor_id"] == m["actor_id"]
                       for n in [a["name"], *a["aliases"]]}
        for tag in tags:
            family, _, given = tag.partition(",")
            if not given or not re.search(rf"\b{re.escape(_fold(family.strip()))}\b", body):
                continue
            given = re.sub(r"\(.*\)", "", given).strip()
            variants = {_fold(f"{given} {family.strip()}"), _fold(f"{family.strip()} {given}"),
                        _fold(f"{given.split()[0]} {family.strip()}")}
            present += 1
            found += bool(variants & names_found)
    assert present >= 10
    print(f"curators' tagged people found: {found}/{present}")
    assert found / present >= 0.9, (found, present)


# --- whole documents ---

@pytest.mark.parametrize("seed", sorted(SEEDS.glob("0*.txt")))
def test_seed_mentions_have_exact_spans_and_no_furniture(seed):
    (ex,) = extract(seed)
    body = ex.document["body"]
    assert ex.actor_mentions
    for m in ex.actor_mentions:
        assert body[m["start"]:m["end"]] == m["surface"]
    names = {m["name"] for m in ex.actor_mentions}
    # Funders, rights holders and the archive itself are page furniture, never actors; the body holds none of it.
    assert not names & {"Wilson Center", "MacArthur Foundation", "Leon Levy Foundation"}
    assert ex.document["funders"] and not any(f in body for f in ex.document["funders"])


def test_seed_000_names_the_leaders_states_and_parties_under_canonical_names():
    (ex,) = extract(sorted(SEEDS.glob("000_*.txt"))[0])
    names = {m["name"] for m in ex.actor_mentions}
    assert {"Soviet Union", "East Germany", "Czechoslovakia", "Warsaw Pact",
            "Council for Mutual Economic Assistance", "Socialist Unity Party of Germany"} <= names
    types = {m["name"]: m["type"] for m in ex.actor_mentions}
    assert types["Warsaw Pact"] == "organization" and types["East Germany"] == "country"
