"""Korean Sino-Korean numerals written out ("이백만 원", "오십명", "천이백 명") give the same facts
as the same numbers in digits, and the syllables they are made of (일, 이, 사, 오, 구, 만, 천, 백),
which are everyday words and parts of words, give no numbers in everyday text."""

import pytest

from unfree.facts import extract_facts
from unfree.facts.extract import extract
from unfree.facts.lexicon import lexicon
from unfree.facts.numbers import scan_numbers

# (spelled, digits): the same sentence, the number written both ways.
PAIRS = [
    ("월급은 이백만 원이었다.", "월급은 200만 원이었다."),
    ("한 달에 삼십만 원을 받았다.", "한 달에 30만 원을 받았다."),
    ("한 달에 이백오십만원을 받았다.", "한 달에 250만원을 받았다."),
    ("노동자 오십 명이 일했다.", "노동자 50명이 일했다."),
    ("노동자 오십명이 일했다.", "노동자 50명이 일했다."),
    ("하루 십이 시간 일했다.", "하루 12시간 일했다."),
    ("하루 십이~십오 시간 일했다.", "하루 12~15시간 일했다."),
    ("일주일에 육십 시간 일했다.", "일주일에 60시간 일했다."),
    ("시급 삼천 원을 받았다.", "시급 3천 원을 받았다."),
    ("연봉은 천이백만 원이었다.", "연봉은 1200만 원이었다."),
    ("월급은 오천만 원이었다.", "월급은 5000만 원이었다."),
    ("그는 한 달에 백십만 원을 받았다.", "그는 한 달에 110만 원을 받았다."),
    ("일당은 팔만 원이었다.", "일당은 8만 원이었다."),
    ("브로커에게 수수료로 오백만 원을 냈다.", "브로커에게 수수료로 500만 원을 냈다."),
    ("브로커 조직은 노동자들로부터 삼억 오천만 원을 벌어들였다.",
     "브로커 조직은 노동자들로부터 3억 5천만 원을 벌어들였다."),
    ("직원 천이백 명이 그 공장에서 일했다.", "직원 1200명이 그 공장에서 일했다."),
    ("선원 이십삼 명이 그 배에서 일했다.", "선원 23명이 그 배에서 일했다."),
    ("브로커가 월급의 삼십 퍼센트를 떼어갔다.", "브로커가 월급의 30퍼센트를 떼어갔다."),
    # Digits and scale letters mixed, more than one group: "1천2백만" is 12,000,000.
    ("연봉은 1천2백만 원이었다.", "연봉은 1200만 원이었다."),
    ("월 1백50만 원을 받았다.", "월 150만 원을 받았다."),
    ("직원 1천2백 명이 그 공장에서 일했다.", "직원 1200명이 그 공장에서 일했다."),
]

# Everyday text full of the syllables of Sino-Korean numerals: no number, no fact.
EVERYDAY = (
    "오늘 아침 구청 앞에서 이웃 사람들을 만났다. 일요일이라 백화점은 사람으로 붐볐고 우리는 "
    "천천히 걸었다. 이번 주말에는 비가 온다고 한다. 만약 비가 그치면 일본에서 온 친구와 축구 "
    "경기를 보러 갈 생각이다. 친구는 다음 달에 이사를 간다. 두 집 사이가 멀어서 아쉽다. 만일 "
    "일이 생기면 연락하라고 했다. 오늘은 이만 일어나야겠다. 천만에요, 하고 그가 웃었다. 조만간 "
    "다시 만나자. 사십대 남자가 이천에서 왔다. 이사회는 오후에 열렸다. 삼일절에는 사람들이 "
    "태극기를 달았다. 저녁에는 오이무침과 생선구이를 먹었다. 백일 잔치에 친척들이 모였다. "
    "그것만이 아니라 일도 많았다. 구름 사이로 해가 났고 오후 기온은 따뜻했다."
)


def _facts(text):
    return [(f.kind, f.value, f.low, f.high, f.unit) for f in extract_facts(text, "ko")]


@pytest.mark.parametrize(("spelled", "digits"), PAIRS)
def test_spelled_as_digits(spelled, digits):
    want = _facts(digits)
    assert want, digits  # the digit form is read: the comparison means something
    assert _facts(spelled) == want


@pytest.mark.parametrize("text", [s for pair in PAIRS for s in pair] + [EVERYDAY])
def test_prefilter_same(text):
    lex = lexicon("ko")
    assert extract(text, lex, prefilter=True) == extract(text, lex, prefilter=False)


@pytest.mark.parametrize(("word", "value"), [
    ("이백만", 2_000_000), ("삼천", 3000), ("오천만", 50_000_000), ("천이백", 1200),
    ("십이", 12), ("삼십오", 35), ("백십", 110), ("천백", 1100), ("이천이십사", 2024),
    ("이백오십만", 2_500_000), ("만이천", 12_000), ("삼억 오천만", 350_000_000),
    ("일억 이천만", 120_000_000),
])
def test_values(word, value):
    for text in (f"노동자 {word} 명", f"노동자 {word}명"):
        nums = scan_numbers(text, lexicon("ko"))
        assert [(n.low, n.high) for n in nums] == [(value, value)], text


@pytest.mark.parametrize("text", [
    "오늘은 이만 일어나겠습니다.", "만일 일이 생기면 연락해라.", "이사 사이 오이 구이 일이",
    "천천히", "이천 공장", "백일 잔치", "조만간 만나자.", "천만에요.",
])
def test_no_spelled_number_without_a_counter(text):
    # Numbers may be found ("이만" followed by the "일" of "일어나"), but never a fact.
    assert _facts(text) == []


def test_everyday_text_has_no_facts():
    assert _facts(EVERYDAY) == []
    # And the only numbers are the native "두" (두 집) and two spelled ones whose next word
    # starts like the day counter 일 ("만일 일이", "이만 일어나야겠다").
    found = {EVERYDAY[n.start:n.end] for n in scan_numbers(EVERYDAY, lexicon("ko"))}
    assert found <= {"두", "만일", "이만"}, found


def test_digits_and_native_numerals_still_read():
    assert _facts("월급은 200만 원이었다.") == [("wage", 2_000_000.0, None, None, "KRW/month")]
    assert _facts("월급은 2백만 원이었다.") == [("wage", 2_000_000.0, None, None, "KRW/month")]
    assert _facts("하루 열두 시간 일했다.") == [("work_hours_per_day", 12.0, None, None, "hours")]
    assert _facts("노동자 세 명이 일했다.") == [("worker_count", 3.0, None, None, "persons")]


def test_syllables_alone_are_no_numbers():
    # One morpheme is not enough: "천 명" (a thousand people) stays unread, like "만 원".
    assert scan_numbers("노동자 천 명", lexicon("ko")) == []
    assert scan_numbers("이 사람 오 명", lexicon("ko")) == []
