"""The Russian lexicon (unfree/lang/ru/indicators.yaml): each indicator on sentences written
for these tests, and the vetoes (negation, denial, fear, hypotheticals, hearsay, legal advice,
comparisons) that must keep a sentence from carrying a label."""

import pytest
from lexicon_checks import indicators_in

from unfree.indicators import INDICATORS
from unfree.indicators.lexicon import load_lexicon

LANG = "ru"


def _found(text: str) -> set[str]:
    return indicators_in(text, LANG)


POSITIVES = [
    (
        "retention_of_identity_documents",
        "По словам рабочих, сразу после приезда прораб отобрал у них загранпаспорта.",
    ),
    (
        "retention_of_identity_documents",
        "Документы у нас забрали на второй день и так и не вернули.",
    ),
    (
        "retention_of_identity_documents",
        "Паспорта сданы на хранение бригадиру, получить их обратно нельзя.",
    ),
    (
        "restriction_of_movement",
        "С территории завода рабочих не выпускали, ворота всегда были заперты.",
    ),
    (
        "restriction_of_movement",
        "Выходить в город разрешалось только по воскресеньям и только группой.",
    ),
    ("restriction_of_movement", "Людей удерживали в доме в Подмосковье почти три года."),
    ("isolation", "Мобильные телефоны у всех отобрали в первый же день."),
    ("isolation", "Звонить родным разрешали раз в месяц, и только в присутствии бригадира."),
    ("physical_and_sexual_violence", "Бригадир избил рабочего за то, что тот попросил выходной."),
    ("physical_and_sexual_violence", "Девушки рассказали, что хозяин кафе их домогался."),
    ("intimidation_and_threats", "Когда мы пожаловались, начальник пригрозил депортацией."),
    (
        "intimidation_and_threats",
        "Бригадир сказал, что если кто-то уйдёт, он вызовет миграционную службу.",
    ),
    ("withholding_of_wages", "Зарплату не платили четыре месяца."),
    ("withholding_of_wages", "Нам не заплатили ни копейки."),
    ("withholding_of_wages", "С нас высчитывали за проживание и питание почти половину заработка."),
    ("withholding_of_wages", "За опоздание штрафовали на тысячу рублей."),
    ("debt_bondage", "Женщины должны были отработать долг, который постоянно рос из-за штрафов."),
    ("debt_bondage", "Дорогу ему оплатил посредник, и теперь он должен отработать эти деньги."),
    ("deception", "Им обещали работу официантками в Турции, а на деле отправили в бордель."),
    ("deception", "Вербовщики обманули женщин, пообещав легальную работу."),
    ("abuse_of_vulnerability", "Работодатель знал, что у нас нет документов, и пользовался этим."),
    ("abuse_of_vulnerability", "Идти им было некуда, пожаловаться некому."),
    ("abusive_working_and_living_conditions", "Рабочие жили в сыром подвале без окон."),
    ("abusive_working_and_living_conditions", "Когда он сломал руку, в больницу его не отвезли."),
    ("abusive_working_and_living_conditions", "На высоте работали без страховки и без касок."),
    ("excessive_overtime", "Работали без выходных с шести утра до полуночи."),
    ("excessive_overtime", "Нас заставляли работать сверхурочно без оплаты."),
    ("excessive_overtime", "Выходной давали один раз в месяц."),
]


@pytest.mark.parametrize(("indicator", "text"), POSITIVES)
def test_positive_sentences_carry_their_indicator(indicator: str, text: str) -> None:
    assert indicator in _found(text)


def test_every_indicator_has_a_positive_example() -> None:
    assert {ind for ind, _ in POSITIVES} == set(INDICATORS)


NEGATIVES = [
    # negated and denied
    "Паспорта у работников никто не отбирал.",
    "Никого из рабочих не били.",
    "Ни избиений, ни угроз не было.",
    "Зарплату никогда не задерживали.",
    "Нет, мой паспорт всегда был при мне.",
    # fear, hypothetical, question, hearsay
    "Я боялся, что у меня заберут паспорт.",
    "Если работодатель удерживает ваш паспорт, обратитесь в полицию.",
    "Можно ли работодателю хранить мой паспорт?",
    "Мы слышали истории про стройки, где отбирают паспорта.",
    # definitions and legal advice
    "По закону работодатель не вправе удерживать паспорт работника.",
    "Изъятие паспорта работодателем относят к признакам принудительного труда.",
    "Привлекать к сверхурочной работе допускается лишь с согласия сотрудника.",
    # comparisons and controls
    "Местный каменщик жаловался, что зарабатывает всего 40 тысяч в месяц.",
    "На границе пограничник проверил паспорт и сразу вернул его.",
    "Ракетный удар по Харькову разрушил жилой дом.",
    "Сборная России проиграла, а вратарь получил удар в голову.",
    "Фермер взял кредит в банке на покупку техники.",
    "Она отработала два сезона и вернулась в Ташкент.",
    "Переработки оплачиваются в двойном размере, и от них можно отказаться.",
    "Мы жили в общежитии, в комнате на четверых, был душ и кухня.",
    "Президент пригрозил ввести новые санкции.",
    "Туроператор рекомендует туристам хранить паспорт в сейфе отеля.",
    "Телефонные мошенники обманули пенсионерку на 300 тысяч рублей.",
    "В конце месяца зарплату выдали полностью.",
    "Отпуск нам дают 28 дней в году.",
    "Летом жили в палатках у озера, связи почти не было, пели песни до полуночи.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative_sentences_carry_nothing(text: str) -> None:
    assert _found(text) == set()


def test_aspect_pairs_and_prefixes_match() -> None:
    # perfective and imperfective stems of "take away"
    for verb in ("отобрали", "отбирали", "забрал", "забирали", "изъяли", "изымали"):
        assert "retention_of_identity_documents" in _found(f"Хозяин {verb} паспорта у рабочих.")


def test_ne_inside_a_phrase_is_consumed_but_negates_elsewhere() -> None:
    assert "isolation" in _found("Телефонов у них не было, связаться с семьёй они не могли.")
    assert "excessive_overtime" in _found("Выходных не было, работали каждый день.")
    assert "retention_of_identity_documents" not in _found("Паспорта у нас не забирали.")


def test_prefixes_do_not_swallow_neighbouring_words() -> None:
    # "отпускал" (let go) is not "отпуск" (holiday); "на рынке" is a workplace, not a market crash
    assert "restriction_of_movement" in _found("Командир не отпускал солдат домой.")
    assert "physical_and_sexual_violence" in _found("На рынке охранник избил продавца-мигранта.")
    assert "withholding_of_wages" in _found("Остальное он обещал отдать в конце.")


def test_threats_may_be_conditional() -> None:
    assert "intimidation_and_threats" in _found(
        "Хозяин угрожал, что сдаст всех в полицию, если мы пожалуемся."
    )


def test_lexicon_loads() -> None:
    lex = load_lexicon(LANG)
    assert lex is not None
    assert {r.indicator for r in lex.rules} == set(INDICATORS)
