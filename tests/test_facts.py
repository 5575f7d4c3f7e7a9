"""The facts stage: numbers, units, periods and kinds in seven languages, per mention.

Every sentence here was written for these tests. Each case lists the facts the sentence must
yield, exactly: a missing fact and an extra one both fail.
"""

from __future__ import annotations

import pytest

from unfree.facts import extract_facts, known_languages
from unfree.facts.lexicon import lexicon
from unfree.facts.numbers import merge_ranges, scan_numbers
from unfree.model import Fact

Expected = tuple[str, float | tuple[float, float], str]

CASES: list[tuple[str, str, list[Expected]]] = [
    # --- English ---------------------------------------------------------------------------
    ("en", "Workers at the brick kiln were paid 5,000 rupees a month and toiled 12 hours a day, "
           "seven days a week.",
     [("wage", 5000, "INR/month"), ("work_hours_per_day", 12, "hours"),
      ("work_days_per_week", 7, "days")]),
    ("en", "The recruiter charged each man $3,000 for a job in Malaysia.",
     [("recruitment_fee", 3000, "USD")]),
    ("en", "Shifts ran from 7 am to 9 pm, and the pickers began at five in the morning.",
     [("work_hours_per_day", 14, "hours")]),
    ("en", "Each month the crew got between $120-180 (£95-£140) a month, paid at the end of the season.",
     [("wage", (120, 180), "USD/month")]),
    ("en", "The agent made each applicant pay between USD 40 and 600 in bribes before departure.",
     [("recruitment_fee", (40, 600), "USD")]),
    ("en", "Roughly 40% of their wages were withheld by the employer.",
     [("wage_share_withheld", 0.4, "fraction")]),
    ("en", "Local workers doing the same job earned $15 an hour.",
     [("peer_wage", 15, "USD/hour")]),
    ("en", "She signed an 18-month contract with the agency.",
     [("contract_duration", 1.5, "years")]),
    ("en", "I was promised $600 a month but received only $250 a month.",
     [("wage", 250, "USD/month")]),
    ("en", "The factory employs 2,300 people and generates revenue of $50 million a year.",
     [("worker_count", 2300, "persons"), ("revenue", 5e7, "USD/year")]),
    ("en", "Each absence cost them two days' wages, and they had just two days off a year.",
     [("penalty_days_wage", 2, "days"), ("rest_days_per_year", 2, "days")]),
    ("en", "Domestic workers in Lebanon earn between $150 and $300 a month.",
     [("wage", (150, 300), "USD/month")]),
    ("en", "The hourly rate rose from 9.10 pounds to 9.60 pounds an hour.",
     [("wage", 9.1, "GBP/hour"), ("wage", 9.6, "GBP/hour")]),
    ("en", "They worked 13 to 15 hours a day, six days a week, sometimes seven.",
     [("work_hours_per_day", (13, 15), "hours"), ("work_days_per_week", (6, 7), "days")]),
    ("en", "The minimum monthly wage in Qatar is 1,000 riyals, but he got 700 riyals a month.",
     [("wage", 700, "QAR/month")]),
    ("en", "Around 120 Nepali men worked on the site; 9 of them shared one room.",
     [("worker_count", 120, "persons")]),
    ("en", "We worked 6am-10pm; the night crew worked 22:00–06:00.",
     [("work_hours_per_day", 16, "hours"), ("work_hours_per_day", 8, "hours")]),
    ("en", "They worked between 6 a.m. and 10 p.m. every day.",
     [("work_hours_per_day", 16, "hours")]),
    ("en", "They did 3 hours of overtime a day on top of 10-hour shifts, with one rest day a "
           "month.",
     [("work_hours_per_day", 10, "hours"), ("rest_days_per_year", 12, "days")]),
    ("en", "The scheme earns the regime $5bn a year; the state spends $3 million a year on "
           "inspections.",
     [("revenue", 5e9, "USD/year")]),
    ("en", "Around 70 percent of the fishermen said the captain withheld their wages.", []),
    ("en", "Inspectors estimate the network made £2 million a year from the scheme.",
     [("revenue", 2e6, "GBP/year")]),
    ("en", "Instead of £11 an hour she was given £4 an hour in cash.",
     [("wage", 4, "GBP/hour")]),
    ("en", "The contract said $400 a month, but in reality he received $150 a month.",
     [("wage", 150, "USD/month")]),
    ("en", "They were paid Rs 8,000 per month and paid Rs 2,000 per month for a bed.",
     [("wage", 8000, "INR/month")]),
    ("en", "The boat had a crew of 24 and a fire killed 17 people on board.",
     [("worker_count", 24, "persons")]),
    ("en", "The firm paid its staff the legal minimum of 9 dollars an hour.", []),
    # --- Dutch ----------------------------------------------------------------------------
    ("nl", "De Poolse uitzendkrachten verdienden 9,50 euro per uur en maakten dagen van twaalf "
           "uur.",
     [("wage", 9.5, "EUR/hour"), ("work_hours_per_day", 12, "hours")]),
    ("nl", "We werkten van zeven uur 's ochtends tot tien uur 's avonds, zes dagen per week.",
     [("work_hours_per_day", 15, "hours"), ("work_days_per_week", 6, "days")]),
    ("nl", "Voor de bemiddeling betaalden ze elk 2.000 euro aan een tussenpersoon.",
     [("recruitment_fee", 2000, "EUR")]),
    ("nl", "Een derde van het loon ging naar de baas.",
     [("wage_share_withheld", 0.3333, "fraction")]),
    ("nl", "Volgens de bond zijn er ruim tweehonderdvijftigduizend arbeidsmigranten werkzaam.",
     [("worker_count", 250000, "persons")]),
    ("nl", "Bij ziekte werd twee dagen loon ingehouden en ze kregen maar drie vrije dagen per "
           "jaar.",
     [("penalty_days_wage", 2, "days"), ("rest_days_per_year", 3, "days")]),
    ("nl", "Het uitzendbureau hield elke week 95 euro in voor huisvesting.", []),
    ("nl", "Zijn contract liep zes maanden.", [("contract_duration", 0.5, "years")]),
    ("nl", "Ze kregen 450 dollar per maand, terwijl Nederlandse matrozen voor hetzelfde werk "
           "3.000 euro per maand verdienen.",
     [("wage", 450, "USD/month"), ("peer_wage", 3000, "EUR/month")]),
    ("nl", "Elke arbeider betaalde 350 euro per maand voor een bed in een caravan.", []),
    ("nl", "Ze werkten zes dagen in de week, soms zeven, voor 70 euro per dag.",
     [("work_days_per_week", (6, 7), "days"), ("wage", 70, "EUR/day")]),
    # --- German ---------------------------------------------------------------------------
    ("de", "Die Erntehelfer arbeiteten täglich elf bis dreizehn Stunden.",
     [("work_hours_per_day", (11, 13), "hours")]),
    ("de", "Sie bekamen 4 Euro pro Stunde, obwohl der Mindestlohn 12,82 Euro beträgt.",
     [("wage", 4, "EUR/hour")]),
    ("de", "Für die Vermittlung mussten sie jeweils 800 Euro an einen Anwerber zahlen.",
     [("recruitment_fee", 800, "EUR")]),
    ("de", "Die Arbeiter schufteten von 6 Uhr morgens bis 22 Uhr, von Montag bis Samstag.",
     [("work_hours_per_day", 16, "hours"), ("work_days_per_week", 6, "days")]),
    ("de", "Deutsche Kollegen verdienen für die gleiche Arbeit 2.900 Euro im Monat.",
     [("peer_wage", 2900, "EUR/month")]),
    ("de", "Pro Fehltag wurde ein Tageslohn abgezogen.", [("penalty_days_wage", 1, "days")]),
    ("de", "Vom Lohn wurden 350 Euro pro Monat für einen Schlafplatz abgezogen.", []),
    ("de", "Der Konzern erzielte einen Jahresumsatz von 3 Milliarden Euro.",
     [("revenue", 3e9, "EUR/year")]),
    ("de", "Wir haben 14 Stunden am Stück gearbeitet, für 5 Euro die Stunde.",
     [("work_hours_per_day", 14, "hours"), ("wage", 5, "EUR/hour")]),
    # --- French ---------------------------------------------------------------------------
    ("fr", "Les saisonniers étaient payés 4 euros de l'heure pour des journées de onze heures.",
     [("wage", 4, "EUR/hour"), ("work_hours_per_day", 11, "hours")]),
    ("fr", "L'intermédiaire exigeait 1 500 euros de chaque ouvrier pour obtenir un visa.",
     [("recruitment_fee", 1500, "EUR")]),
    ("fr", "Quarante-cinq personnes travaillaient de 5 h à 21 h, sept jours sur sept.",
     [("worker_count", 45, "persons"), ("work_hours_per_day", 16, "hours"),
      ("work_days_per_week", 7, "days")]),
    ("fr", "Le patron retenait 30 % du salaire pour le logement.",
     [("wage_share_withheld", 0.3, "fraction")]),
    ("fr", "Au lieu de 900 euros, on lui donnait 200 euros par mois.",
     [("wage", 200, "EUR/month")]),
    ("fr", "Le réseau aurait généré des bénéfices de 5 millions d'euros par an.",
     [("revenue", 5e6, "EUR/year")]),
    ("fr", "Une trentaine d'ouvriers payés 400 dinars mensuels travaillaient en Tunisie.",
     [("worker_count", 30, "persons"), ("wage", 400, "TND/month")]),
    ("fr", "Tous touchent au moins le SMIC, soit 11,65 euros de l'heure.", []),
    # --- Spanish --------------------------------------------------------------------------
    ("es", "Las temporeras cobraban 35 euros por jornada de diez horas, de lunes a sábado.",
     [("wage", 35, "EUR/day"), ("work_hours_per_day", 10, "hours"),
      ("work_days_per_week", 6, "days")]),
    ("es", "El intermediario les cobró 2.000 dólares por el visado.",
     [("recruitment_fee", 2000, "USD")]),
    ("es", "Ganaba 8.000 pesos al mes en la maquila y firmó un contrato de seis meses.",
     [("wage", 8000, "MXN/month"), ("contract_duration", 0.5, "years")]),
    ("es", "Por cada día de ausencia les quitaban dos días de sueldo.",
     [("penalty_days_wage", 2, "days")]),
    ("es", "Cuarenta y dos trabajadores fueron liberados.", [("worker_count", 42, "persons")]),
    ("es", "Los trabajadores locales cobran 1.300 euros mensuales por el mismo trabajo.",
     [("peer_wage", 1300, "EUR/month")]),
    ("es", "Trabajaban desde las 6 hasta las 22 horas por 4 euros la hora.",
     [("work_hours_per_day", 16, "hours"), ("wage", 4, "EUR/hour")]),
    ("es", "La Guardia Civil detuvo a 6 personas y liberó a 40 temporeras.",
     [("worker_count", 40, "persons")]),
    # --- Russian --------------------------------------------------------------------------
    ("en", "The contractor flew in two dozen welders from Manila.", [("worker_count", 24, "persons")]),
    ("de", "Der Subunternehmer holte drei Dutzend Arbeiter aus Manila.", [("worker_count", 36, "persons")]),
    ("en", "The pickers described waking at 4am and being kept in the packhouse until 9pm.", [("work_hours_per_day", 17, "hours")]),
    ("en", "We woke at 7 and waited until 9 for the ferry.", []),
    # "*" inside a phrase is an open word ending ("разрешени* на работу"), not an asterisk.
    ("ru", "За разрешение на работу бригадир взял с каждого по 15 000 рублей.", [("recruitment_fee", 15000, "RUB")]),
    ("ru", "Подъём в 5:30, потом стройка до 11 часов вечера.", [("work_hours_per_day", 17.5, "hours")]),
    ("de", "Die Näherinnen standen um 5 Uhr auf und saßen bis 22 Uhr an den Maschinen.", [("work_hours_per_day", 17, "hours")]),
    ("es", "Nos levantábamos a las 4 y cortábamos caña hasta las 7 de la tarde.", [("work_hours_per_day", 15, "hours")]),
    ("ru", "Подрядчик привёз две дюжины рабочих из Манилы.", [("worker_count", 24, "persons")]),
    ("ru", "Вербовщик пообещал им хорошие деньги — до 600 долларов в месяц.", []),
    ("ru", "Рабочие трудились по 14–16 часов в день, а получали 25 тысяч рублей в месяц.",
     [("work_hours_per_day", (14, 16), "hours"), ("wage", 25000, "RUB/month")]),
    ("ru", "За трудоустройство посредник взял с каждого по 20 тысяч рублей.",
     [("recruitment_fee", 20000, "RUB")]),
    ("ru", "Они работали с восьми утра до восьми вечера, шесть дней в неделю.",
     [("work_hours_per_day", 12, "hours"), ("work_days_per_week", 6, "days")]),
    ("ru", "Работодатель удерживал половину зарплаты за жильё.",
     [("wage_share_withheld", 0.5, "fraction")]),
    ("ru", "Сорок два человека были освобождены полицией.", [("worker_count", 42, "persons")]),
    ("ru", "Бригадир обещал 60 тысяч рублей в месяц.", []),
    ("ru", "Компания зарабатывала на мигрантах 50 миллионов рублей в год.",
     [("revenue", 5e7, "RUB/year")]),
    ("ru", "Им обещали 80 тысяч рублей в месяц, а платили 30 тысяч рублей в месяц.",
     [("wage", 30000, "RUB/month")]),
    ("ru", "За койку в общежитии каждый платил 5 тысяч рублей в месяц.", []),
    ("ru", "Нам платили по 500 рублей за смену, зарплата — 40 тыс. руб. в месяц.",
     [("wage", 500, "RUB/day"), ("wage", 40000, "RUB/month")]),
    # --- Korean ---------------------------------------------------------------------------
    ("ko", "하루 14시간 작업은 기본이고 휴식시간도 없이 일했다는 글이 올라왔다.", [("work_hours_per_day", 14, "hours")]),
    ("ko", "하루 5시간 잠을 자고 다시 배에 올랐다.", []),
    ("ko", "이주노동자들은 하루 12시간씩 주 7일 일했다.",
     [("work_hours_per_day", 12, "hours"), ("work_days_per_week", 7, "days")]),
    ("ko", "월급은 150만 원이었지만 숙소비로 30만 원이 공제됐다.",
     [("wage", 1500000, "KRW/month")]),
    ("ko", "브로커에게 300만 원의 수수료를 냈다.", [("recruitment_fee", 3000000, "KRW")]),
    ("ko", "농장에서 일하던 캄보디아 노동자 80명이 구조됐다.", [("worker_count", 80, "persons")]),
    ("ko", "아침 6시부터 저녁 8시까지 일했고 계약 기간은 3년이었다.",
     [("work_hours_per_day", 14, "hours"), ("contract_duration", 3, "years")]),
    ("ko", "근무 시간은 오전 7시~오후 11시였다.", [("work_hours_per_day", 16, "hours")]),
    ("ko", "하루 결근하면 이틀 치 일당을 깎았다.", [("penalty_days_wage", 2, "days")]),
    ("ko", "같은 일을 하는 한국인 노동자는 월 300만 원을 받았다.",
     [("peer_wage", 3000000, "KRW/month")]),
    ("ko", "회사는 연간 50억 원의 수익을 올렸다.", [("revenue", 5e9, "KRW/year")]),
    ("ko", "계약서에는 월 150만 원이 적혀 있었지만 실제로는 매달 50만 원만 지급됐다.",
     [("wage", 500000, "KRW/month")]),
    ("ko", "계약 기간은 4년 6개월이다.", [("contract_duration", 4.5, "years")]),
    ("ko", "한 달에 쉬는 날은 하루도 없었고 화재로 2명이 숨졌다.", []),
]

# Numbers that are no quantity of work: years, ages, dates, speeds, distances, scores.
NEGATIVES: list[tuple[str, str]] = [
    ("en", "He was born in 1985, moved to London in 2010 and turned 41 on 3 March."),
    ("en", "The 45-year-old driver said the trip took twelve hours at 80 kilometres an hour."),
    ("en", "Temperatures reached 45 degrees; 82 percent of members voted in favour."),
    ("en", "The judge sentenced him to 8 years in prison and a fine of 20,000 pounds."),
    ("en", "The shop is open from 9 a.m. to 9 p.m., seven days a week."),
    ("nl", "Hij is 43 jaar en woont sinds 2015 in Nederland; op 12 mei verhuisde hij."),
    ("nl", "De vrachtwagen reed 800 kilometer per dag met een snelheid van 80 kilometer."),
    ("de", "Er ist 38 Jahre alt, kam am 3. März 2021 und zahlte 50 Euro Miete."),
    ("fr", "Il a 35 ans et vit en France depuis 2012, au 14 rue de la Paix."),
    ("es", "Tengo 29 años y llegué a España en 2018, el 4 de julio."),
    ("ru", "Мне 45 лет, я приехал в Москву в 2016 году, 12 июня."),
    ("ko", "그는 33세로 2019년 4월 15일 한국에 왔다."),
]


def _tuple(f: Fact) -> tuple[str, float | tuple[float, float], str]:
    if f.value is not None:
        return f.kind, round(f.value, 4), f.unit
    assert f.low is not None and f.high is not None
    return f.kind, (round(f.low, 4), round(f.high, 4)), f.unit


def _norm(e: Expected) -> tuple[str, float | tuple[float, float], str]:
    kind, v, unit = e
    if isinstance(v, tuple):
        return kind, (round(float(v[0]), 4), round(float(v[1]), 4)), unit
    return kind, round(float(v), 4), unit


def _check_offsets(text: str, facts: list[Fact]) -> None:
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    for f in facts:
        assert text[f.start:f.end] == f.quote
        assert f.quote.strip() == f.quote and f.quote
        assert f.rule


@pytest.mark.parametrize(("lang", "text", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_sentence_facts(lang: str, text: str, expected: list[Expected]) -> None:
    facts = extract_facts(text, lang)
    _check_offsets(text, facts)
    assert sorted(map(_tuple, facts), key=str) == sorted(map(_norm, expected), key=str)


@pytest.mark.parametrize(("lang", "text"), NEGATIVES)
def test_no_fact_in_years_ages_dates(lang: str, text: str) -> None:
    assert extract_facts(text, lang) == []


def test_fact_offsets_point_into_the_text() -> None:
    text = "Intro.\n\nWe worked from 6 a.m. until about 11 p.m. for 200 dollars a month."
    facts = extract_facts(text, "en")
    _check_offsets(text, facts)
    hours = next(f for f in facts if f.kind == "work_hours_per_day")
    assert hours.value == 17
    assert hours.quote.startswith("from 6 a.m.")


@pytest.mark.parametrize(("lang", "text", "low", "high"), [
    ("en", "27.6 million", 27.6e6, 27.6e6),
    ("en", "one hundred and fifty", 150, 150),
    ("en", "$150-250 million", 150e6, 250e6),
    ("en", "between 60 and 70", 60, 70),
    ("nl", "honderdvijftigduizend", 150000, 150000),
    ("nl", "tweeëntwintig", 22, 22),
    ("nl", "dertien, veertien", 13, 14),
    ("nl", "200 tot 500 miljoen", 200e6, 500e6),
    ("de", "dreiundzwanzig", 23, 23),
    ("de", "2.500", 2500, 2500),
    ("de", "12,41", 12.41, 12.41),
    ("fr", "quatre-vingt-dix-sept", 97, 97),
    ("fr", "soixante et onze", 71, 71),
    ("fr", "30 000", 30000, 30000),
    ("fr", "27,6 millions", 27.6e6, 27.6e6),
    ("es", "ciento cincuenta mil", 150000, 150000),
    ("es", "treinta y cinco", 35, 35),
    ("ru", "пятерых", 5, 5),
    ("ru", "от 120 до 200 миллионов", 120e6, 200e6),
    ("ru", "двести тридцать", 230, 230),
    ("ko", "1천만", 1e7, 1e7),
    ("ko", "31억", 3.1e9, 3.1e9),
    ("ko", "30만~40만", 3e5, 4e5),
    ("ko", "서너", 3, 4),
])
def test_numbers(lang: str, text: str, low: float, high: float) -> None:
    lex = lexicon(lang)
    nums = merge_ranges(text, scan_numbers(text, lex), lex, set())
    assert len(nums) == 1, nums
    assert nums[0].low == pytest.approx(low) and nums[0].high == pytest.approx(high)


def test_currency_words_resolved_by_country() -> None:
    qatar = extract_facts("In Doha the salary was 1,200 riyals a month.", "en")
    assert [f.unit for f in qatar] == ["QAR/month"]
    saudi = extract_facts("In Riyadh the salary was 1,200 riyals a month.", "en")
    assert [f.unit for f in saudi] == ["SAR/month"]


def test_unknown_language_still_reads_digits_and_symbols() -> None:
    text = "Lavoravano 12h/day per USD 1,500/month."
    facts = extract_facts(text, "it")
    assert [(f.kind, f.value, f.unit) for f in facts] == [
        ("work_hours_per_day", 12, "hours"), ("wage", 1500, "USD/month")]
    assert extract_facts("", "en") == []


def test_language_codes_are_normalised() -> None:
    text = "They earned 300 dollars a month."
    assert extract_facts(text, "EN-gb") == extract_facts(text, "en")


@pytest.mark.parametrize("lang", ["en", "nl", "de", "fr", "es", "ru", "ko"])
def test_every_language_has_the_data_the_grammar_needs(lang: str) -> None:
    assert lang in known_languages()
    lex = lexicon(lang)
    for family in ("wage", "peer", "recruitment", "revenue", "withheld", "penalty", "rest",
                   "contract", "promise", "not_wage", "housing", "prison"):
        assert family in lex.cues, family
    for unit in ("hour", "day", "week", "month", "year"):
        assert lex.units.groups.get(unit), unit
    assert lex.currencies and lex.periods and lex.weekdays


def test_long_text_is_read_in_one_pass() -> None:
    # A big document must not take quadratic time: 400 repeated paragraphs stay fast.
    para = ("Migrants worked 14 hours a day for 200 dollars a month; 30 workers shared "
            "two rooms. The agent took a fee of 1,500 dollars. ")
    facts = extract_facts(para * 400, "en")
    assert sum(f.kind == "wage" for f in facts) == 400
    assert sum(f.kind == "recruitment_fee" for f in facts) == 400


@pytest.mark.parametrize(("lang", "text", "hours"), [
    ("en", "I was up at 5:30 and worked until midnight.", 18.5),
    ("de", "Wir standen um 5 Uhr auf und arbeiteten bis Mitternacht.", 19),
    ("ru", "Подъем в 6:00 и работа до полуночи.", 18),
])
def test_a_day_that_starts_at_a_time_and_ends_at_midnight(lang: str, text: str,
                                                           hours: float) -> None:
    facts = extract_facts(text, lang)
    assert [(f.kind, f.value) for f in facts] == [("work_hours_per_day", hours)]
    assert all(f.quote == text[f.start:f.end] for f in facts)


@pytest.mark.parametrize(("lang", "text", "kind", "value"), [
    # A name at the end of a cue phrase keeps its capital ("al Partido", "to the Party").
    ("es", "Hasta el 70 % del salario se entrega al Partido.", "wage_share_withheld", 0.7),
    ("fr", "Jusqu'à 70 % du salaire est versé au Parti.", "wage_share_withheld", 0.7),
    ("en", "Up to 70% of the wage is handed to the Party.", "wage_share_withheld", 0.7),
    # Spanish stems that change inside: descontar -> descuentan.
    ("es", "Por un día de enfermedad les descuentan diez días de sueldo.", "penalty_days_wage", 10),
])
def test_capitalised_names_in_cues_and_changing_stems(lang: str, text: str, kind: str,
                                                      value: float) -> None:
    assert [(f.kind, f.value) for f in extract_facts(text, lang)] == [(kind, value)]


@pytest.mark.parametrize(("lang", "text"), [
    ("ko", "노동자 한 명이 받는 돈은 월 200달러 정도인데, 같은 현장의 우즈베키스탄 동료들은 2,500달러를 번다."),
    ("en", "We got 200 dollars a month, while Uzbek colleagues on the same site earned 2,500 dollars."),
    ("ru", "Рабочий получает около 200 долларов в месяц, тогда как коллеги на той же стройке зарабатывают 2500 долларов."),
])
def test_the_comparison_word_goes_with_the_amount_of_its_own_clause(lang: str, text: str) -> None:
    kinds = {f.value: f.kind for f in extract_facts(text, lang) if f.kind.endswith("wage")}
    assert kinds == {200: "wage", 2500: "peer_wage"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Im Museum sorgt ein Wachdienst rund um die Uhr für Sicherheit."),
    ("de", "Vor der Prüfung lernte sie zwölf Stunden am Tag."),
    ("nl", "Voor het examen studeerde hij twaalf uur per dag."),
])
def test_guards_shifts_and_study_days_are_no_working_day(lang: str, text: str) -> None:
    assert extract_facts(text, lang) == []
