"""The matcher's mechanics, on the English lexicon and on lexicons written for the test."""

from pathlib import Path

import pytest

from unfree.indicators import find_indicators
from unfree.indicators import lexicon as lexicon_module
from unfree.model import Fact


def _found(text: str, lang: str = "en") -> set[str]:
    findings = find_indicators(text, lang)
    for f in findings:
        assert text[f.start : f.end] == f.quote
    return {f.indicator for f in findings}


def test_inflected_forms_match_through_stems() -> None:
    assert "retention_of_identity_documents" in _found("The manager confiscates passports.")
    assert "retention_of_identity_documents" in _found("Their passports were confiscated.")


def test_negation_next_to_the_cue_cancels_but_far_negation_does_not() -> None:
    assert "physical_and_sexual_violence" not in _found("The guards never beat anyone.")
    assert "debt_bondage" in _found(
        "I did not have the money, so I borrowed it from the recruiter and the debt kept growing."
    )


def test_negation_inside_a_matched_phrase_is_consumed() -> None:
    assert "withholding_of_wages" in _found("For five months we received no salary at all.")


def test_denial_rules_the_rest_of_the_clause() -> None:
    assert "physical_and_sexual_violence" not in _found("Nobody on the farm was ever beaten.")


def test_fear_hearsay_and_questions_assert_nothing() -> None:
    assert _found("I was afraid they would take my passport.") == set()
    assert _found("Did the boss take your passport?") == set()
    assert _found("We heard stories about bosses who confiscate passports.") == set()


def test_generic_definitions_are_not_findings() -> None:
    text = "In international law, forced labour includes the retention of passports by employers."
    assert _found(text) == set()


def test_threats_may_be_conditional() -> None:
    assert "intimidation_and_threats" in _found(
        "The foreman warned that anyone who complained would be deported."
    )


def test_workers_keeping_their_own_papers_is_not_retention() -> None:
    assert "retention_of_identity_documents" not in _found("Workers kept their own passports.")


def test_norms_turn_working_time_facts_into_overtime() -> None:
    text = "They worked sixteen hours a day."
    fact = Fact("work_hours_per_day", "hours", 12, 31, text[12:31], value=16)
    findings = find_indicators(text, "en", [fact])
    assert [(f.indicator, f.rule) for f in findings] == [
        ("excessive_overtime", "norm.hours_per_day")
    ]
    short = Fact("work_hours_per_day", "hours", 12, 31, text[12:31], value=8)
    assert find_indicators("They worked eight hours a day.", "xx", [short]) == []


def test_unknown_language_still_gets_fact_based_findings() -> None:
    text = "Lavoravano sette giorni su sette."
    fact = Fact("work_days_per_week", "days", 11, 32, text[11:32], value=7)
    assert [f.indicator for f in find_indicators(text, "it", [fact])] == ["excessive_overtime"]


def _write_lexicon(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "zz").mkdir(exist_ok=True)
    (tmp_path / "zz" / "indicators.yaml").write_text(body, encoding="utf-8")

    class _Files:
        def joinpath(self, *parts: str) -> Path:
            return tmp_path.joinpath(*parts)

    monkeypatch.setattr(lexicon_module.resources, "files", lambda _pkg: _Files())
    lexicon_module.load_lexicon.cache_clear()


def test_a_lexicon_is_data_prefix_and_exact_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_lexicon(tmp_path, """
stemmer: null
vetoes: {negation: [nie]}
concepts:
  doc: [pasz*]
  take: [=zabrali]
rules:
  retention_of_identity_documents:
    - {name: taken, all: [doc, take], window: 5}
""", monkeypatch)
    try:
        assert _found("Zabrali paszporty.", "zz") == {"retention_of_identity_documents"}
        assert _found("Nie zabrali paszportów.", "zz") == set()
        assert _found("Zabrala paszporty.", "zz") == set()  # exact form only
    finally:
        lexicon_module.load_lexicon.cache_clear()


def test_lexicon_errors_name_the_file_and_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_lexicon(tmp_path, "concepts:\n  neg: [no]\n", monkeypatch)
    try:
        with pytest.raises(lexicon_module.LexiconError, match=r"zz/indicators.yaml.*quote it"):
            lexicon_module.load_lexicon("zz")
        _write_lexicon(tmp_path, "concepts: {a: [x]}\nrules:\n  deception:\n"
                       "    - {all: [missing]}\n", monkeypatch)
        with pytest.raises(lexicon_module.LexiconError, match="unknown concept 'missing'"):
            lexicon_module.load_lexicon("zz")
    finally:
        lexicon_module.load_lexicon.cache_clear()


def test_not_only_is_no_negation() -> None:
    assert "retention_of_identity_documents" in _found(
        "They took not only our passports but also our phones.")
    assert "retention_of_identity_documents" not in _found("The boss did not take our passports.")


def test_a_retraction_after_the_cue_takes_it_back() -> None:
    assert _found("Confiscated passports were not found at any of the sites.") == set()
    assert "retention_of_identity_documents" in _found(
        "The boss kept our passports, which were not found when the police searched his car.")
    assert _found("Van ingehouden paspoorten is niets gebleken.", "nl") == set()


def test_leave_as_result_is_no_restriction() -> None:
    # "leaving him unable to work" tells what an injury did, not that he could not go.
    hurt = "He slipped from the scaffold and broke a leg, leaving him unable to work for a month."
    kept = "The guards would not let him leave the farm, not even to see a doctor."
    assert "restriction_of_movement" not in {f.indicator for f in find_indicators(hurt, "en")}
    assert "restriction_of_movement" in {f.indicator for f in find_indicators(kept, "en")}


def test_a_negated_rule_needs_its_negation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_lexicon(tmp_path, """
stemmer: null
vetoes: {negation: [nie]}
concepts:
  let: [=puszczali]
  go: [=domu]
rules:
  restriction_of_movement:
    - {name: not_let_go, all: [let, go], negated: true, window: 3}
""", monkeypatch)
    try:
        assert _found("Nie puszczali nas do domu.", "zz") == {"restriction_of_movement"}
        assert _found("Puszczali nas do domu w niedziele.", "zz") == set()
    finally:
        lexicon_module.load_lexicon.cache_clear()


def test_french_and_korean_not_letting_workers_go() -> None:
    held = "Le capitaine ne nous a jamais laissés descendre du bateau ni partir."
    freed = "Après l'inspection, le capitaine nous a laissés partir."
    assert "restriction_of_movement" in {f.indicator for f in find_indicators(held, "fr")}
    assert "restriction_of_movement" not in {f.indicator for f in find_indicators(freed, "fr")}
    assert "restriction_of_movement" in {
        f.indicator for f in find_indicators("선주는 선원들을 집에 보내 주지 않았다.", "ko")}


def test_an_example_that_is_a_case_is_a_finding() -> None:
    # "for example" introduces a case as often as a definition: the words of a definition
    # ("indicator", "is defined") veto, the phrase alone does not.
    case = "For example, one cleaner told us the agency kept her passport for a whole year."
    definition = "Keeping a worker's passport is, for example, an indicator of forced labour."
    assert "retention_of_identity_documents" in {f.indicator for f in find_indicators(case, "en")}
    assert find_indicators(definition, "en") == []
    fr_case = "Par exemple, une employée de maison avait interdiction de quitter la villa."
    assert "restriction_of_movement" in {f.indicator for f in find_indicators(fr_case, "fr")}


def test_a_negation_in_a_clause_of_its_own_vetoes_nothing() -> None:
    kept = ('The landlady held my passport "so it does not get lost" and only gave it back '
            "on the day I flew home.")
    assert "retention_of_identity_documents" in {f.indicator for f in find_indicators(kept, "en")}
    # The same negation inside the cue's own clause still cancels it.
    denied = "The landlady did not take my passport and I kept it in my own bag."
    assert find_indicators(denied, "en") == []


def test_a_boolean_in_facts_yaml_is_an_error_not_a_lost_word() -> None:
    from unfree.facts.lexicon import Lexicon

    with pytest.raises(ValueError, match="quote no/yes/on/off"):
        Lexicon("zz", {"cues": {"rest_time": ["sleep", False]}})


def test_fear_is_about_what_follows_it_in_english_and_precedes_it_in_korean() -> None:
    # The worker's worry about a future act carries nothing; fear used to rule them, or a
    # fear named after the act, leaves the act asserted.
    assert find_indicators("We were afraid the agent would take our passports.", "en") == []
    ruled = "The boss took their passports and ruled the camp through fear and violence."
    found = {f.indicator for f in find_indicators(ruled, "en")}
    assert {"retention_of_identity_documents", "intimidation_and_threats",
            "physical_and_sexual_violence"} <= found
    assert find_indicators("사장이 여권을 빼앗을까 봐 두려웠다.", "ko") == []


def test_english_escape_from_war_or_poverty_is_no_restriction() -> None:
    fled = find_indicators("Like many others she fled the war at home and came to work here.", "en")
    assert "restriction_of_movement" not in {f.indicator for f in fled}
    assert {f.indicator for f in find_indicators(
        "Two cooks escaped from the restaurant through a window at night.", "en")} == {
        "restriction_of_movement"}


def test_pay_stolen_under_a_legal_minimum_wage_on_paper() -> None:
    text = ("On paper they earned the legal minimum wage, but most of their pay was stolen "
            "by the gang.")
    assert "withholding_of_wages" in {f.indicator for f in find_indicators(text, "en")}


def test_a_negated_exclusion_excludes_nothing() -> None:
    # "returned them" keeps a retention away, "never returned them" does not.
    kept = "The manager took their passports on arrival and never returned them."
    back = "The manager took their passports for a day and returned them the next morning."
    assert {f.indicator for f in find_indicators(kept, "en")} == {
        "retention_of_identity_documents"}
    assert find_indicators(back, "en") == []


def test_pay_that_arrives_months_late_is_withheld() -> None:
    text = "Their pay arrived three months late, every single time."
    assert {f.indicator for f in find_indicators(text, "en")} == {"withholding_of_wages"}
