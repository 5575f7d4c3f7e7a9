"""The entities stage (unfree/entities): places, parties and sectors, with their roles.

Every sentence here was written for these tests (people, companies and events are invented);
none comes from the shared corpus, so the tests run in a clean clone without it. Each
mention's offsets are checked against its quote.
"""

import json
from importlib import resources

import jsonschema
import pycountry
import pytest
from typer.testing import CliRunner

from unfree.cli import app
from unfree.data import load_data
from unfree.entities import extract_mentions
from unfree.entities.gazetteer import cities, country_names, sector_table
from unfree.entities.lexicon import load_entity_lexicon
from unfree.model import Mention
from unfree.report import render_text

LANGS = ("en", "nl", "de", "fr", "es", "ru", "ko")


def _mentions(text: str, lang: str) -> list[Mention]:
    found = extract_mentions(text, lang)
    for m in found:
        assert text[m.start : m.end] == m.quote, m
    assert found == sorted(found, key=lambda m: (m.start, m.end, m.kind))
    return found


def _tuples(text: str, lang: str) -> list[tuple[str, str, str, str | None]]:
    return [(m.kind, m.key, m.quote, m.role) for m in _mentions(text, lang)]


# (lang, sentence, mentions expected among the sentence's mentions (kind, key, quote, role))
FOUND = [
    # English
    ("en", "Dozens of Nepali and Bangladeshi labourers were flown to Qatar to build a stadium near Lusail.",
     [("country", "NP", "Nepali", "origin"), ("country", "BD", "Bangladeshi", "origin"),
      ("country", "QA", "Qatar", "destination"), ("city", "Lusail", "Lusail", "destination")]),
    ("en", "Kestrel Build Ltd hired 40 Uzbeks for building sites in Saint Petersburg.",
     [("organisation", "Kestrel Build Ltd", "Kestrel Build Ltd", "employer"),
      ("country", "UZ", "Uzbeks", "origin"),
      ("sector", "construction", "building sites", None),
      ("city", "Saint Petersburg", "Saint Petersburg", "destination")]),
    ("en", "Yesterday the Ministry of Labour fined Harbour Fisheries Ltd for using forced labour on its trawlers.",
     [("organisation", "Ministry of Labour", "Ministry of Labour", "state_body"),
      ("organisation", "Harbour Fisheries Ltd", "Harbour Fisheries Ltd", "employer"),
      ("sector", "fishing", "trawlers", None)]),
    ("en", "The North Korean embassy in Moscow collected the wages of the loggers.",
     [("organisation", "North Korean embassy", "North Korean embassy", "state_body"),
      ("city", "Moscow", "Moscow", "destination"), ("sector", "logging", "loggers", None)]),
    ("en", "Workers from Jordan picked tomatoes in greenhouses.",
     [("country", "JO", "Jordan", "origin"), ("sector", "agriculture", "greenhouses", None)]),
    ("en", "The recruits were men from the DPRK, said the ILO.",
     [("country", "KP", "DPRK", "origin"), ("organisation", "ILO", "ILO", "state_body")]),
    ("en", "Uzbek, Tajik and Kyrgyz migrants harvested cotton in Kazakhstan.",
     [("country", "UZ", "Uzbek", "origin"), ("country", "TJ", "Tajik", "origin"),
      ("country", "KG", "Kyrgyz", "origin"), ("country", "KZ", "Kazakhstan", "destination")]),
    ("en", "The Party took most of their pay, they said.",
     [("organisation", "Party", "Party", "state_body")]),
    # Dutch
    ("nl", "Dertig Oekraïense en Moldavische seizoenarbeiders werkten in kassen bij Venlo.",
     [("country", "UA", "Oekraïense", "origin"), ("country", "MD", "Moldavische", "origin"),
      ("sector", "agriculture", "kassen", None)]),
    ("nl", "De Filipijnse huishoudster werd naar Dubai gestuurd en daar door haar werkgever opgesloten.",
     [("country", "PH", "Filipijnse", "origin"),
      ("sector", "domestic_work", "huishoudster", None),
      ("city", "Dubai", "Dubai", "destination")]),
    ("nl", "Noord-Koreaanse bouwvakkers moesten op bouwplaatsen in Moskou werken voor de Partij.",
     [("country", "KP", "Noord-Koreaanse", "origin"),
      ("sector", "construction", "bouwplaatsen", None),
      ("city", "Moscow", "Moskou", "destination"),
      ("organisation", "Partij", "Partij", "state_body")]),
    ("nl", "Vrachtwagenchauffeurs uit Oezbekistan reden voor Trans Logistiek B.V. tussen Rusland en Nederland.",
     [("country", "UZ", "Oezbekistan", "origin"),
      ("organisation", "Trans Logistiek B.V.", "Trans Logistiek B.V.", None),
      ("country", "RU", "Rusland", None), ("country", "NL", "Nederland", None)]),
    ("nl", "Volgens de Arbeidsinspectie sliepen de mannen uit Noord-Korea in een loods.",
     [("organisation", "Arbeidsinspectie", "Arbeidsinspectie", "state_body"),
      ("country", "KP", "Noord-Korea", "origin")]),
    # German
    ("de", "Rumänische Erntehelfer arbeiteten auf Spargelfeldern bei Köln.",
     [("country", "RO", "Rumänische", "origin"),
      ("sector", "agriculture", "Erntehelfer", None),
      ("city", "Köln", "Köln", "destination")]),
    ("de", "Die Firma Elbe Logistik GmbH beschäftigte Fahrer aus Belarus und der Ukraine.",
     [("organisation", "Elbe Logistik GmbH", "Elbe Logistik GmbH", "employer"),
      ("country", "BY", "Belarus", "origin"), ("country", "UA", "Ukraine", "origin")]),
    ("de", "Nordkoreanische Bauarbeiter wurden nach Russland geschickt und arbeiteten in Moskau.",
     [("country", "KP", "Nordkoreanische", "origin"),
      ("country", "RU", "Russland", "destination"),
      ("city", "Moscow", "Moskau", "destination")]),
    ("de", "Das Bundesministerium für Arbeit kündigte Kontrollen an; Arbeiter aus Usbekistans Hauptstadt fanden Jobs in Russland.",
     [("organisation", "Bundesministerium für Arbeit", "Bundesministerium für Arbeit",
       "state_body"),
      ("country", "UZ", "Usbekistans", "origin"), ("country", "RU", "Russland", "destination")]),
    # French
    ("fr", "Des saisonniers marocains et tunisiens travaillaient dans les vignes.",
     [("country", "MA", "marocains", "origin"), ("country", "TN", "tunisiens", "origin"),
      ("sector", "agriculture", "vignes", None)]),
    ("fr", "La société Viti Services SARL employait des ouvriers originaires du Mali.",
     [("organisation", "Viti Services SARL", "Viti Services SARL", "employer"),
      ("country", "ML", "Mali", "origin")]),
    ("fr", "Les Ouzbeks ont été envoyés en Russie pour travailler sur des chantiers à Moscou.",
     [("country", "UZ", "Ouzbeks", "origin"), ("country", "RU", "Russie", "destination"),
      ("sector", "construction", "chantiers", None),
      ("city", "Moscow", "Moscou", "destination")]),
    ("fr", "Des ouvriers nord-coréens ont été surveillés par l'ambassade de Corée du Nord et par le ministère du Travail.",
     [("country", "KP", "nord-coréens", "origin"),
      ("organisation", "ambassade de Corée du Nord", "ambassade de Corée du Nord",
       "state_body"),
      ("organisation", "ministère du Travail", "ministère du Travail", "state_body")]),
    # Spanish
    ("es", "Jornaleras rumanas y búlgaras recogían fresas en Huelva por 30 euros al día.",
     [("country", "RO", "rumanas", "origin"), ("country", "BG", "búlgaras", "origin"),
      ("sector", "agriculture", "fresas", None), ("city", "Huelva", "Huelva", "destination")]),
    ("es", "La empresa Frutas del Sur S.L. contrató a trabajadores procedentes de Senegal.",
     [("organisation", "Frutas del Sur S.L.", "Frutas del Sur S.L.", "employer"),
      ("country", "SN", "Senegal", "origin")]),
    ("es", "Los marineros filipinos trabajaban en un pesquero; el Ministerio de Trabajo abrió una inspección.",
     [("country", "PH", "filipinos", "origin"), ("sector", "fishing", "pesquero", None),
      ("organisation", "Ministerio de Trabajo", "Ministerio de Trabajo", "state_body")]),
    ("es", "Trabajadores norcoreanos fueron enviados a Rusia para trabajar en la construcción en Moscú.",
     [("country", "KP", "norcoreanos", "origin"), ("country", "RU", "Rusia", "destination"),
      ("sector", "construction", "construcción", None),
      ("city", "Moscow", "Moscú", "destination")]),
    # Russian: names decline
    ("ru", "Таджикские и узбекские рабочие жили на складе в Подольске.",
     [("country", "TJ", "Таджикские", "origin"), ("country", "UZ", "узбекские", "origin"),
      ("city", "Podolsk", "Подольске", "destination")]),
    ("ru", "Выходцы из Киргизии работали на ООО «Агрокомплекс» в Липецкой области.",
     [("country", "KG", "Киргизии", "origin"),
      ("organisation", "ООО «Агрокомплекс»", "ООО «Агрокомплекс»", "employer")]),
    ("ru", "Более двухсот граждан Вьетнама трудились на швейной фабрике в Москве.",
     [("country", "VN", "Вьетнама", "origin"), ("sector", "manufacturing", "фабрике", None),
      ("city", "Moscow", "Москве", "destination")]),
    ("ru", "Посольство Узбекистана направило ноту, а Министерство труда промолчало.",
     [("organisation", "Посольство Узбекистана", "Посольство Узбекистана", "state_body"),
      ("organisation", "Министерство труда", "Министерство труда", "state_body")]),
    ("ru", "Северокорейцев отправляли на стройки во Владивосток, а их семьи остались в Северной Корее.",
     [("country", "KP", "Северокорейцев", "origin"),
      ("sector", "construction", "стройки", None),
      ("city", "Vladivostok", "Владивосток", "destination"),
      ("country", "KP", "Северной Корее", None)]),
    # Korean: particles stay outside the quote
    ("ko", "베트남 출신 노동자들은 경기도의 공장에서 일했다.",
     [("country", "VN", "베트남", "origin"), ("sector", "manufacturing", "공장", None)]),
    ("ko", "북한 노동자들이 러시아로 파견되어 벌목장에서 일했다.",
     [("country", "KP", "북한", "origin"), ("country", "RU", "러시아", "destination"),
      ("sector", "logging", "벌목장", None)]),
    ("ko", "대한건설(주)는 이주노동자를 고용했고 러시아 당국은 이를 부인했다.",
     [("organisation", "대한건설(주)", "대한건설(주)", "employer"),
      ("organisation", "러시아 당국", "러시아 당국", "state_body")]),
    ("ko", "러시아인 감독이 일을 시켰고 보위부 요원이 감시했다.",
     [("country", "RU", "러시아", "origin"), ("organisation", "보위부", "보위부", "state_body")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_finds_places_parties_and_sectors(lang: str, text: str,
                                          expected: list[tuple[str, str, str, str | None]]) -> None:
    got = _tuples(text, lang)
    for item in expected:
        assert item in got, f"{item} not in {got}"


# (lang, sentence, quotes that must not be a mention of any kind)
NOT_FOUND = [
    ("en", "Michael Jordan played basketball for years.", ["Jordan"]),
    ("en", "Jordan said the turkey was dry and served tea in a china cup.", ["Jordan", "turkey", "china"]),
    ("en", "Ministry officials refused to comment.", ["Ministry"]),
    ("en", "Yesterday the company said it would pay its staff.", ["Yesterday", "company", "it"]),
    ("en", "I did not see mine again until the day I left.", ["mine"]),
    ("en", "Many hotels ask to keep your passport at the front desk.", ["front", "hotels"]),
    ("nl", "Morgen opent de markt weer voor bezoekers.", ["Morgen"]),
    ("nl", "Een Pools uitzendbureau stuurde de rekening.", ["Pools", "Pools uitzendbureau"]),
    ("de", "Man sagte, die Botschaft des Films sei klar.", ["Man", "Botschaft des Films"]),
    ("de", "Die Gewerkschaft und der Arbeitgeberverband einigten sich.", ["Gewerkschaft"]),
    ("fr", "Maurice est parti hier soir.", ["Maurice"]),
    ("es", "Mauricio dijo que el partido de la liga empezaba tarde.", ["Mauricio", "partido de la liga"]),
    ("es", "Vine desde lejos para verte.", ["Vine"]),
    ("ru", "Того же мнения придерживается и директор.", ["Того"]),
    ("ru", "Мали и Чад подписали соглашение.", ["Мали", "Чад"]),
    ("ko", "고양이가 창문 밖을 보고 있었다.", ["고양"]),
    ("ko", "그는 수단과 방법을 가리지 않았다.", ["수단"]),
    ("ko", "인도적 지원이 늘었다.", ["인도"]),
]


@pytest.mark.parametrize(("lang", "text", "quotes"), NOT_FOUND)
def test_leaves_out_names_that_are_not_places_or_parties(lang: str, text: str,
                                                         quotes: list[str]) -> None:
    got = {m.quote for m in _mentions(text, lang)}
    assert not got & set(quotes), got


def test_offsets_of_a_sentence_are_exact() -> None:
    text = "Twelve Filipino fishermen left Manila in May; they worked on trawlers near Busan."
    got = [(m.kind, m.key, m.start, m.end, m.role, m.country) for m in _mentions(text, "en")]
    assert got == [
        ("country", "PH", 7, 15, "origin", None),  # a demonym before people
        ("sector", "fishing", 16, 25, None, None),
        ("city", "Manila", 31, 37, None, "PH"),  # "left": no cue
        ("sector", "fishing", 61, 69, None, None),
        ("city", "Busan", 75, 80, "destination", "KR"),
    ]
    assert (text[7:15], text[61:69], text[75:80]) == ("Filipino", "trawlers", "Busan")


@pytest.mark.parametrize("form", ["Россия", "России", "Россию", "Россией"])
def test_russian_names_in_every_case(form: str) -> None:
    text = f"Речь шла о том, что {form} важна."
    assert [(m.key, m.quote) for m in _mentions(text, "ru")] == [("RU", form)]


@pytest.mark.parametrize(("lang", "text", "quote"), [
    ("en", "He spoke about North Korea.", "North Korea"),
    ("nl", "Hij sprak over Noord-Korea.", "Noord-Korea"),
    ("de", "Er sprach über Nordkorea.", "Nordkorea"),
    ("fr", "Il a parlé de la Corée du Nord.", "Corée du Nord"),
    ("es", "Habló de Corea del Norte.", "Corea del Norte"),
    ("ru", "Он говорил о КНДР.", "КНДР"),
    ("ko", "그는 북한에 대해 말했다.", "북한"),
])
def test_one_key_for_a_country_in_seven_languages(lang: str, text: str, quote: str) -> None:
    assert [(m.kind, m.key, m.quote) for m in _mentions(text, lang)] == [
        ("country", "KP", quote)]


@pytest.mark.parametrize(("lang", "text", "quote"), [
    ("en", "They were taken to Moscow.", "Moscow"),
    ("nl", "Ze werden naar Moskou gebracht.", "Moskou"),
    ("de", "Sie wurden nach Moskau gebracht.", "Moskau"),
    ("fr", "Ils ont été emmenés à Moscou.", "Moscou"),
    ("es", "Los llevaron a Moscú.", "Moscú"),
    ("ru", "Их отвезли в Москву.", "Москву"),
    ("ko", "그들은 모스크바로 옮겨졌다.", "모스크바"),
])
def test_one_key_for_a_city_in_seven_languages(lang: str, text: str, quote: str) -> None:
    assert [(m.kind, m.key, m.quote, m.country) for m in _mentions(text, lang)] == [
        ("city", "Moscow", quote, "RU")]


def test_names_after_quotes_brackets_and_markdown_marks() -> None:
    text = '**Qatar**: workers (from Nepal) and "Moldovan" drivers.'
    assert [(m.key, m.quote, m.role) for m in _mentions(text, "en") if m.kind == "country"] == [
        ("QA", "Qatar", None), ("NP", "Nepal", "origin"), ("MD", "Moldovan", "origin")]


def test_a_place_in_a_sentence_not_about_work_has_no_role() -> None:
    found = _mentions("His family still lives in Russia.", "en")
    assert [(m.key, m.role) for m in found] == [("RU", None)]


def test_a_demonym_without_people_is_not_a_mention() -> None:
    assert _mentions("The Russian government denied the report.", "en") == [
        Mention("organisation", "Russian government", 4, 22, "Russian government",
                "state_body")]


def test_other_languages_and_empty_text_give_nothing() -> None:
    assert extract_mentions("Lavoratori nordcoreani in Russia.", "it") == []
    assert extract_mentions("", "en") == []


# -- data ------------------------------------------------------------------------------


def test_every_language_has_an_entity_lexicon() -> None:
    for lang in LANGS:
        assert load_entity_lexicon(lang) is not None, lang


def test_country_names_come_from_the_libraries_with_iso_keys() -> None:
    iso = {c.alpha_2 for c in pycountry.countries}
    for lang in LANGS:
        names = country_names(lang)
        assert set(names) <= iso, lang
        assert len(names) > 200, lang  # CLDR names every country in every language


def test_the_gazetteer_keys_cities_by_name_and_country() -> None:
    iso = {c.alpha_2 for c in pycountry.countries}
    rows = cities()
    assert len(rows) > 300
    assert all(c.country in iso for c in rows)
    assert len({c.name for c in rows}) == len(rows)
    moscow = next(c for c in rows if c.name == "Moscow")
    assert {"Moskou", "Moskau", "Moscou", "Moscú", "Москва", "모스크바"} <= set(moscow.names)


def test_the_sector_table_names_its_classification() -> None:
    table = sector_table()
    assert table is load_data("sectors.yaml")["sectors"]
    for sector in ("construction", "logging", "fishing", "agriculture", "manufacturing",
                   "domestic_work", "it", "military", "mining", "hospitality"):
        assert table[sector]["label"] and table[sector]["isic"]


# -- output ----------------------------------------------------------------------------


TESTIMONY = ("North Korean workers were sent to Russia by Chollima Trading LLC. They worked "
             "on building sites in Vladivostok seven days a week, and the embassy kept their "
             "passports.")


def _schema() -> dict:
    text = resources.files("unfree.schema").joinpath("analysis.schema.json").read_text("utf-8")
    return json.loads(text)


def test_analyze_output_carries_mentions_and_matches_the_schema(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": "e-1", "lang": "en", "text": TESTIMONY},
            {"id": "e-2", "lang": "en", "text": "Nothing happened."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(src), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    for row in out:
        jsonschema.validate(row, _schema())
    mentions = out[0]["mentions"]
    for m in mentions:
        assert TESTIMONY[m["start"] : m["end"]] == m["quote"]
    got = {(m["kind"], m["key"], m["role"]) for m in mentions}
    assert {("country", "KP", "origin"), ("country", "RU", "destination"),
            ("organisation", "Chollima Trading LLC", None),
            ("city", "Vladivostok", "destination"),
            ("sector", "construction", None)} <= got
    assert out[1]["mentions"] == []


def test_the_schema_rejects_a_country_without_an_iso_code() -> None:
    schema = {"$ref": "#/$defs/mention", "$defs": _schema()["$defs"]}
    good = {"kind": "country", "key": "KP", "start": 0, "end": 2, "quote": "북한",
            "role": None, "country": None}
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "key": "North Korea"}, schema)


def test_text_report_has_a_places_and_parties_line(tmp_path) -> None:
    src = tmp_path / "account.txt"
    src.write_text(TESTIMONY, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(src), "--format", "text", "--quiet"])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("places and parties:"))
    assert "KP (origin)" in line and "Vladivostok/RU (destination)" in line
    assert "sectors: construction" in line


def test_text_report_without_mentions_has_no_places_line() -> None:
    result = {"id": "x", "lang": "en", "findings": [], "facts": [],
              "assessment": {"forced_labour": "not_indicated",
                             "dimensions": {"involuntariness": [], "coercion": []},
                             "derived": []}}
    assert "places and parties" not in render_text(result)
