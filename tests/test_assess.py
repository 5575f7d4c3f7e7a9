from unfree.assess import assess, derive_figures
from unfree.model import Fact, Finding


def _finding(indicator: str) -> Finding:
    return Finding(indicator, 0, 4, "text", 0.8, "test")


def _fact(kind: str, unit: str, value: float) -> Fact:
    return Fact(kind, unit, 0, 4, "text", value=value)


def test_verdict_needs_both_icls_dimensions() -> None:
    both = assess([_finding("excessive_overtime"), _finding("retention_of_identity_documents")], [])
    assert both["forced_labour"] == "indicated"
    assert both["dimensions"] == {"involuntariness": ["excessive_overtime"],
                                  "coercion": ["retention_of_identity_documents"]}
    one = assess([_finding("withholding_of_wages")], [])
    assert one["forced_labour"] == "insufficient_evidence"
    assert assess([], [])["forced_labour"] == "not_indicated"


def test_indicator_confidence_grows_with_independent_evidence() -> None:
    a = assess([_finding("isolation")], [])["indicators"]["isolation"]["confidence"]
    b = assess([_finding("isolation"), _finding("isolation")], [])["indicators"]["isolation"]
    assert b["confidence"] > a and b["findings"] == [0, 1]


def test_seven_day_sixteen_hour_weeks_are_112_hours_against_48() -> None:
    facts = [_fact("work_days_per_week", "days", 7), _fact("work_hours_per_day", "hours", 16)]
    figures = {f["name"]: f for f in derive_figures(facts)}
    week = figures["hours_per_week"]
    assert week["value"] == 112 and week["norm"] == 48 and week["exceeds_norm"]
    assert week["facts"] == [0, 1]
    assert figures["rest_days_per_week"]["value"] == 0


def test_one_rest_day_a_year_means_a_seven_day_week() -> None:
    facts = [_fact("rest_days_per_year", "days", 1), _fact("work_hours_per_day", "hours", 16)]
    figures = {f["name"]: f for f in derive_figures(facts)}
    assert figures["hours_per_week"]["value"] == 112
    assert figures["hours_per_week"]["facts"] == [0, 1]
    assert figures["rest_days_per_year"]["exceeds_norm"]


def test_hourly_wage_and_peer_ratio_cite_their_facts() -> None:
    facts = [
        _fact("wage", "USD/month", 200),
        _fact("work_hours_per_day", "hours", 16),
        _fact("work_days_per_week", "days", 7),
        _fact("peer_wage", "USD/month", 2500),
    ]
    figures = {f["name"]: f for f in derive_figures(facts)}
    hourly = figures["effective_hourly_wage"]
    assert hourly["unit"] == "USD/hour" and hourly["facts"] == [0, 1, 2]
    assert abs(hourly["value"] - 200 / (112 * 4.345)) < 0.01
    assert figures["wage_to_peer_wage"] == {"name": "wage_to_peer_wage", "value": 0.08,
                                            "unit": "ratio", "facts": [0, 3]}


def test_a_normal_week_does_not_exceed_the_norm() -> None:
    facts = [_fact("work_days_per_week", "days", 5), _fact("work_hours_per_day", "hours", 8)]
    week = next(f for f in derive_figures(facts) if f["name"] == "hours_per_week")
    assert week["value"] == 40 and not week["exceeds_norm"]


def test_most_pay_withheld_is_involuntariness_too() -> None:
    findings = [_finding("withholding_of_wages"), _finding("intimidation_and_threats")]
    facts = [_fact("wage_share_withheld", "fraction", 0.7)]
    result = assess(findings, facts)
    assert result["forced_labour"] == "indicated"
    assert result["involuntariness_conditions"] == [
        {"condition": "very_low_or_no_wages", "findings": [0], "facts": [0]}
    ]
    small_share = assess(findings, [_fact("wage_share_withheld", "fraction", 0.1)])
    assert small_share["forced_labour"] == "insufficient_evidence"


def test_one_finding_cannot_show_both_conditions() -> None:
    alone = assess([_finding("restriction_of_movement")], [])
    assert alone["involuntariness_conditions"][0]["condition"] == "no_freedom_to_leave"
    assert alone["forced_labour"] == "insufficient_evidence"
    with_threat = assess([_finding("restriction_of_movement"),
                          _finding("intimidation_and_threats")], [])
    assert with_threat["forced_labour"] == "indicated"
