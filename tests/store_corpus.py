"""Generated documents for the store tests and benchmark.

Every sentence, name and place here was written for these tests (all invented). Documents are
drawn from templates with slots, so that two documents rarely share long word sequences, and
every `COPY_EVERY`-th document is a lightly edited repost of an earlier one, so that a corpus
always holds near-duplicates to link.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

NAMES = ["Arnav Telo", "Mirela Dost", "Kofi Brandt", "Lina Oberg", "Tomas Rieve", "Sana Quill",
         "Eno Vargas", "Dagny Holt", "Ruben Ashe", "Imke Sorel", "Pavo Lindqvist", "Nadia Kerr"]
PLACES = ["Kessbrook", "Dunmere", "Valcrest", "Hollin", "Marsby", "Tervaux", "Ostlee",
          "Brannick", "Sollen", "Quarrow", "Fenwold", "Lisk"]
FIRMS = ["Greenrow Farms", "Tidal Nets Ltd", "Marlo Staffing", "Okra Logistics",
         "Pellam Packers", "Sunvale Growers"]
# Real countries (the same name in English, Dutch and German), so that documents have
# country mentions to filter on.
COUNTRIES = ["Nepal", "Vietnam", "Ghana", "Peru", "Senegal"]
ANIMALS = ["heron", "otter", "badger", "lynx", "falcon", "marten", "beaver", "stork"]
COLOURS = ["amber", "slate", "crimson", "teal", "ochre", "ivory", "olive", "indigo"]

TEMPLATES: dict[str, list[str]] = {
    "en": [
        "The recruiter in {place} promised {name} a salary of {n}00 dollars a month.",
        "When the workers reached {place}, the foreman took their passports and locked them "
        "in a safe.",
        "They worked from 6 a.m. until 11 p.m., seven days a week, at the {firm} site.",
        "{name} said the company deducted {n} percent of every wage for a bed in a {colour} "
        "container.",
        "Nobody was allowed to leave the {place} compound without a guard.",
        "The inspectors counted {n} workers sleeping in a single room above the {animal} "
        "hall.",
        "The town council of {place} approved a new budget for road repairs near the "
        "{colour} bridge.",
        "Local farmers around {place} expect a good harvest of {colour} apples this autumn.",
        "A new bakery named after a {animal} opened on the main square of {place}.",
        "The football club of {place} won its {n}th match of the season on Sunday.",
        "{firm} said it follows all labour laws and denied what {name} described.",
        "The debt for the journey from {place} grew every month, {name} explained.",
        "Several workers said the supervisor at {firm} threatened to call the police.",
        "Rain is expected across {place} on Thursday, said the forecaster {name}.",
        "The museum in {place} will show {n} paintings of the {animal} until March.",
        "Workers at {firm} had no gloves or masks when spraying the {colour} greenhouses.",
        "{name} has lived in {place} for {n} years and keeps a {animal} sanctuary.",
        "The ferry between {place} and Lisk was cancelled for {n} days because of storms.",
        "A {colour} van from {firm} collected the workers at dawn, {name} recalled.",
        "Wages were paid only at the end of the season, if at all, according to {name}.",
        "Most of the men had come from {country} on short visas, {name} said.",
    ],
    "nl": [
        "Het uitzendbureau in {place} beloofde {name} een loon van {n}00 euro per maand.",
        "De werkgever bij {firm} hield de paspoorten van de arbeiders in.",
        "Ze werkten van zes uur 's ochtends tot middernacht, zeven dagen per week, in "
        "{place}.",
        "De gemeente {place} opent volgend jaar een {colour} zwembad bij de haven.",
        "Volgens {name} bleef het weer de hele week zonnig boven {place}.",
        "In de kas van {firm} sliepen {n} arbeiders in een ruimte zonder ramen.",
        "Een {animal} werd gezien langs de dijk bij {place}, meldde {name}.",
        "De boeren rond {place} verwachten {n} ton peren dit najaar.",
        "De schuld voor de reis groeide elke maand, vertelde {name} uit {place}.",
        "De bibliotheek van {place} krijgt een {colour} gevel en {n} nieuwe kasten.",
        "Volgens {name} moesten de plukkers {n} euro betalen voor een matras.",
        "De veerboot naar {place} vaart vanaf {n} mei weer elk uur.",
        "Bij {firm} werden de lonen pas na het seizoen uitbetaald, zei {name}.",
        "Een {colour} vrachtwagen haalde de mannen om vier uur 's nachts op in {place}.",
        "Het museum van {place} toont {n} schilderijen van een {animal} aan zee.",
        "De voetbalclub uit {place} won zondag met {n} tegen nul.",
        "{name} vertelde dat de opzichter dreigde de politie te bellen.",
        "In {place} gaat de markt op zaterdag voortaan om {n} uur open.",
        "De meeste arbeiders kwamen uit {country}, vertelde {name}.",
    ],
    "de": [
        "Der Vermittler in {place} versprach {name} einen Lohn von {n}00 Euro im Monat.",
        "Der Vorarbeiter von {firm} nahm den Arbeitern die Pässe ab.",
        "Die Stadt {place} baut eine {colour} Brücke über den Fluss.",
        "Nach Angaben von {name} arbeiteten die Männer {n} Stunden am Tag ohne Pause.",
        "Im Zoo von {place} kam ein junger {animal} zur Welt, sagte {name}.",
        "Die Unterkunft von {firm} in {place} hatte für {n} Personen nur eine Dusche.",
        "Der Sportverein aus {place} gewann das {colour} Pokalspiel am Samstag.",
        "{name} erzählte, dass der Chef mit der Polizei drohte, wenn jemand ging.",
        "Die Bäckerei am Markt von {place} feiert ihr {n}. Jubiläum.",
        "Das Wetter in {place} bleibt nach Auskunft von {name} wechselhaft.",
        "Laut {name} mussten die Erntehelfer {n} Euro für eine Matratze zahlen.",
        "Die Fähre nach {place} fährt ab dem {n}. Mai wieder stündlich.",
        "Bei {firm} wurde der Lohn erst am Ende der Saison gezahlt, sagte {name}.",
        "Ein {colour} Lastwagen holte die Männer um vier Uhr morgens in {place} ab.",
        "Das Museum in {place} zeigt {n} Bilder von einem {animal} am Meer.",
        "Die Schule in {place} bekommt {n} neue Computer und einen {colour} Anstrich.",
        "Der Markt in {place} öffnet samstags künftig schon um {n} Uhr.",
        "{name} berichtete, dass die Unterkunft keine Heizung hatte.",
        "Die meisten Arbeiter kamen aus {country}, sagte {name}.",
    ],
}
# Free sentences: subject, verb phrase, object, time, each drawn at random, so that every
# document also says things no other document says in the same words.
GRAMMAR: dict[str, list[list[str]]] = {
    "en": [
        ["The harbour master", "A retired teacher", "The night nurse", "Our neighbour",
         "The mayor's assistant", "A local cyclist", "The baker's son", "The parish clerk"],
        ["repainted", "photographed", "complained about", "carried", "measured", "sold",
         "borrowed", "repaired"],
        ["the old lighthouse", "a blue wheelbarrow", "the church clock", "three crates of "
         "pears", "the school fence", "a broken kite", "the village map", "a bag of onions"],
        ["on Monday morning", "before the storm", "after the market closed", "last spring",
         "during the festival", "at sunset", "in early June", "twice this week"],
    ],
    "nl": [
        ["De havenmeester", "Een oud-leraar", "De nachtzuster", "Onze buurman", "De secretaris",
         "Een fietser uit het dorp", "De zoon van de bakker", "De koster"],
        ["schilderde", "fotografeerde", "klaagde over", "droeg", "mat", "verkocht", "leende",
         "repareerde"],
        ["de oude vuurtoren", "een blauwe kruiwagen", "de kerkklok", "drie kisten peren",
         "het schoolhek", "een kapotte vlieger", "de dorpskaart", "een zak uien"],
        ["op maandagochtend", "voor de storm", "na de markt", "vorig voorjaar",
         "tijdens het feest", "bij zonsondergang", "begin juni", "twee keer deze week"],
    ],
    "de": [
        ["Der Hafenmeister", "Eine pensionierte Lehrerin", "Die Nachtschwester",
         "Unser Nachbar", "Der Schriftführer", "Ein Radfahrer aus dem Ort",
         "Der Sohn des Bäckers", "Der Küster"],
        ["strich", "fotografierte", "beklagte sich über", "trug", "vermaß", "verkaufte",
         "lieh sich", "reparierte"],
        ["den alten Leuchtturm", "eine blaue Schubkarre", "die Kirchturmuhr",
         "drei Kisten Birnen", "den Schulzaun", "einen kaputten Drachen", "die Dorfkarte",
         "einen Sack Zwiebeln"],
        ["am Montagmorgen", "vor dem Sturm", "nach dem Markt", "im letzten Frühjahr",
         "während des Festes", "bei Sonnenuntergang", "Anfang Juni", "zweimal diese Woche"],
    ],
}
LANG_WEIGHTS = {"en": 6, "nl": 2, "de": 2}
COPY_EVERY = 25


def _fill(template: str, rng: random.Random) -> str:
    return template.format(name=rng.choice(NAMES), place=rng.choice(PLACES),
                           firm=rng.choice(FIRMS), animal=rng.choice(ANIMALS),
                           colour=rng.choice(COLOURS), country=rng.choice(COUNTRIES),
                           n=rng.randint(2, 95))


def make_document(index: int, rng: random.Random) -> dict[str, Any]:
    lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
    pool = TEMPLATES[lang]
    # A few templates and a few free sentences: two documents then share few word
    # sequences, as two unrelated articles would, and only the reposts are near-duplicates.
    sentences = [_fill(t, rng) for t in rng.sample(pool, rng.randint(3, 5))]
    for _ in range(rng.randint(3, 5)):
        subject, verb, thing, when = (rng.choice(words) for words in GRAMMAR[lang])
        sentences.insert(rng.randrange(len(sentences) + 1), f"{subject} {verb} {thing} {when}.")
    year = rng.choice([2021, 2022, 2023, 2024])
    return {"id": f"gen-{index:05d}", "lang": lang, "title": f"Report {index} from "
            f"{rng.choice(PLACES)}", "date": f"{year}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}", "text": " ".join(sentences)}


def repost(original: dict[str, Any], index: int, rng: random.Random) -> dict[str, Any]:
    """A syndicated copy: new headline line, one sentence rewritten, whitespace changed."""
    sentences = original["text"].split(". ")
    sentences[rng.randrange(len(sentences))] = _fill(rng.choice(TEMPLATES[original["lang"]]),
                                                     rng).rstrip(".")
    text = f"Reposted from {rng.choice(PLACES)} Weekly\n\n" + ".  ".join(sentences)
    return {**original, "id": f"gen-{index:05d}", "title": f"Repost {index}", "text": text}


def make_corpus(count: int, seed: int = 11) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    for index in range(count):
        if index and index % COPY_EVERY == 0:
            docs.append(repost(docs[rng.randrange(index)], index, rng))
        else:
            docs.append(make_document(index, rng))
    return docs


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path
