"""The Korean lexicon (unfree/lang/ko/indicators.yaml): each indicator on sentences written
for these tests, and the vetoes that must keep a sentence from carrying a label. Korean
attaches particles to the word (여권을/여권은) and puts negation after the verb
(때리지 않았다, 폭행은 없었다), so the lexicon uses prefix terms and an after-heavy scope."""

import pytest
from lexicon_checks import indicators_in

from unfree.indicators import INDICATORS
from unfree.indicators.lexicon import load_lexicon

LANG = "ko"


def _found(text: str) -> set[str]:
    return indicators_in(text, LANG)


POSITIVES = [
    ("excessive_overtime", "양식장에서는 명절에도 휴일 조차 주지 않았다고 한다."),
    ("excessive_overtime", "선원들은 휴일과 쉬는 시간도 없이 그물을 끌어올렸다."),
    ("retention_of_identity_documents", "사장은 입국 첫날 노동자들의 여권을 모두 빼앗았다."),
    ("retention_of_identity_documents", "외국인등록증은 계약이 끝날 때까지 돌려주지 않았다."),
    ("restriction_of_movement", "숙소 밖으로는 한 발짝도 나갈 수 없었다."),
    ("restriction_of_movement", "사장이 허락해 주지 않아 다른 농장으로 옮기지 못했다."),
    ("restriction_of_movement", "노동자들은 공장 안에 감금된 채 일해야 했다."),
    ("isolation", "배에 오르자마자 휴대폰을 빼앗겼다."),
    ("isolation", "고향의 부모님과 연락할 수 있는 방법이 전혀 없었다."),
    ("physical_and_sexual_violence", "관리자는 일이 늦다며 노동자들을 주먹으로 때렸다."),
    ("physical_and_sexual_violence", "여성 노동자들은 농장주에게 성추행을 당했다고 증언했다."),
    ("intimidation_and_threats", "사장은 불만을 말하면 출입국에 신고하겠다고 협박했다."),
    ("intimidation_and_threats", "사장님이 말을 안 들으면 고향으로 돌려보내겠다고 했어요."),
    ("withholding_of_wages", "석 달째 월급을 받지 못하고 있다."),
    ("withholding_of_wages", "숙식비 명목으로 월급의 절반을 떼어 갔다."),
    ("withholding_of_wages", "사업주가 임금 1200만 원을 체불한 채 잠적했다."),
    ("debt_bondage", "브로커에게 빌린 돈은 이자가 붙어 계속 불어났다."),
    ("debt_bondage", "빚을 다 갚기 전에는 그만둘 수 없다고 했어요."),
    ("deception", "한 달에 300만 원을 벌 수 있다고 했지만 실제로는 100만 원도 받지 못했다."),
    ("deception", "공장에서 일하게 된다는 말에 속아 한국에 왔다."),
    ("abuse_of_vulnerability", "사장은 그가 미등록 체류자라는 점을 이용해 임금을 주지 않았다."),
    ("abuse_of_vulnerability", "갈 곳이 없어서 어쩔 수 없이 일을 계속했다."),
    ("abusive_working_and_living_conditions", "컨테이너 숙소에는 화장실도 없었다."),
    ("abusive_working_and_living_conditions", "손가락이 잘렸는데도 병원에 보내 주지 않았다."),
    ("abusive_working_and_living_conditions", "겨울에는 난방이 되지 않아 추위에 떨었다."),
    ("excessive_overtime", "하루도 쉬지 못하고 일했다."),
    ("excessive_overtime", "매일 새벽 5시부터 밤 10시까지 일했다."),
    ("excessive_overtime", "잔업을 거부하면 해고하겠다는 말을 들었다."),
]


@pytest.mark.parametrize(("indicator", "text"), POSITIVES)
def test_positive_sentences_carry_their_indicator(indicator: str, text: str) -> None:
    assert indicator in _found(text)


def test_every_indicator_has_a_positive_example() -> None:
    assert {ind for ind, _ in POSITIVES} == set(INDICATORS)


NEGATIVES = [
    "이 공장은 휴일 근무 수당이 따로 없었다.",
    # negated (after the verb) and denied
    "때리는 사람은 없었다.",
    "폭행이나 협박은 전혀 없었다고 말했다.",
    "사장님은 한 번도 여권을 달라고 한 적이 없다.",
    "월급은 매달 제때 들어왔다.",
    "여권은 제가 직접 보관하고 있어요.",
    "이번 조사에서 여권 압수나 임금 체불 사례는 발견되지 않았다.",
    # fear, hypothetical, question, hearsay
    "여권을 빼앗길까 봐 걱정됐다.",
    "만약 사업주가 여권을 보관하면 고용센터에 신고하세요.",
    "신분증은 누가 보관했나.",
    "선원들이 빚 때문에 배에서 못 내린다는 소문을 들었어요.",
    # definitions and legal advice
    "여권을 압수하는 행위는 불법이다.",
    "강제노동은 폭행, 협박, 임금 체불 등을 포함한다.",
    "근로기준법에 따르면 1주 연장근로는 12시간을 넘을 수 없다.",
    # comparisons and controls
    "같은 현장의 한국인 노동자들은 하루 25만 원을 받는다.",
    "공항에서 여권을 보여주고 바로 돌려받았다.",
    "대표팀은 상대를 3대 0으로 때려눕혔다.",
    "미국 대통령은 중국에 관세를 부과하겠다고 위협했다.",
    "은행에서 대출을 받아 집을 샀다.",
    "잔업은 원하는 사람만 하고 수당도 1.5배를 받는다.",
    "정부는 외국인 노동자의 사업장 변경 제한을 완화하기로 했다.",
    "기숙사는 2인 1실이고 에어컨도 있다.",
    "- 폭행을 당한 적이 있나.",
    "보이스피싱 사기를 당해 500만 원을 잃었다.",
    "지난 주말 캠핑을 가서 밤늦게까지 이야기를 나눴다.",
    "훈련 중 부상을 당한 포수는 2주간 결장한다.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative_sentences_carry_nothing(text: str) -> None:
    assert _found(text) == set()


def test_particles_attach_to_the_noun() -> None:
    for noun in ("여권을", "여권은", "여권이나", "여권까지"):
        assert "retention_of_identity_documents" in _found(f"관리자가 {noun} 가져갔다.")


def test_negation_after_the_verb_cancels_but_mot_asserts() -> None:
    assert "physical_and_sexual_violence" not in _found("반장은 노동자들을 때리지 않았다.")
    assert "physical_and_sexual_violence" not in _found("사장님은 저를 안 때렸어요.")
    assert "withholding_of_wages" in _found("넉 달 동안 임금을 한 푼도 받지 못했다.")
    assert "excessive_overtime" in _found("그 양식장에는 쉬는 날이 아예 없었다.")


def test_a_negation_ending_the_previous_clause_does_not_reach_forward() -> None:
    found = _found("사장은 임금을 주지 않고 여권도 빼앗았다.")
    assert {"withholding_of_wages", "retention_of_identity_documents"} <= found


def test_province_and_trainee_words_are_not_sport() -> None:
    assert "physical_and_sexual_violence" in _found(
        "경기도의 한 농장에서 사장이 노동자를 폭행했다."
    )
    assert "restriction_of_movement" in _found("훈련생들은 공장 밖으로 나갈 수 없었다.")


def test_inside_a_greenhouse_is_not_a_negation() -> None:
    assert "abusive_working_and_living_conditions" in _found(
        "노동자들은 비닐하우스 안 가설건축물에서 생활했다."
    )


def test_lexicon_loads() -> None:
    lex = load_lexicon(LANG)
    assert lex is not None
    assert {r.indicator for r in lex.rules} == set(INDICATORS)
