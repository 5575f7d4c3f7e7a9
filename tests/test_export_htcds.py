"""The htcds export: column names and picklist values are the standard's own, the mapping
covers every indicator with a reason, cases follow the evidence a reviewer kept."""

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from export_fixtures import DUPLICATE_ID, build_records, record

from unfree.export.htcds import CASE_COLUMNS, EVENT_COLUMNS, case_row, export_htcds, mapping
from unfree.export.records import indicator_table
from unfree.export.spreadsheet import restore_cell

# Field names of the Human Trafficking Case Data Standard, as the standard writes them, from
# https://github.com/UNMigration/HTCDS:
# - "HTCDS Field Reference.md" (tables Person, Person Victim Context, Historic Trafficking
#   Events, Case; field name = prefix + name);
# - the v0.2 spreadsheet headings and "Toolkit/Survey/htcds_xform.xml", which name the
#   forced-labour industry field vic_ForcedLabourIndustry.
HTCDS_FIELDS = frozenset({
    "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_Nationality",
    "prs_MailingCity", "prs_MailingCountry",
    "vic_RecruitmentWebsitesAndApps", "vic_MethodOfRecruitment", "vic_LocationOfRecruitment",
    "vic_MethodsOfControl", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry",
    "vic_TypeOfSexExploitation", "vic_LocationOfExploitation",
    "vic_ExploitationWebsitesAndApps", "vic_Vulnerabilities", "vic_DetailsOfVulnerabilities",
    "hte_Longitude", "hte_Latitude", "hte_City", "hte_Country", "hte_State", "hte_Street",
    "hte_PostalCode", "hte_Date", "hte_Type", "hte_Description",
    "cas_Status", "cas_ReferringOrganisation", "cas_ReasonForCaseClosure",
})
# Value names of vic_MethodsOfControl ("HTCDS Field Reference.md"; defined one by one as
# MethodsOfControl<Value> in "Field Definitions.md", version 2.0).
HTCDS_METHODS_OF_CONTROL = ("DebtBondage", "TakesEarnings", "RestrictsFinancialAccess",
                            "Threats", "PsychologicalAbuse", "PhysicalAbuse", "SexualAbuse",
                            "FalsePromises", "PsychoactiveSubstances", "RestrictsMovement",
                            "RestrictsMedicalCare", "ExcessiveWorkingHours", "UsesChildren",
                            "ThreatOfLawEnforcement", "WithholdsNecessities",
                            "WithholdsDocuments", "Other")
# vic_TypeOfExploitation value names ("Toolkit/Survey/htcds_xform.xml").
HTCDS_TYPES_OF_EXPLOITATION = frozenset({
    "ForcedLabour", "SexualExploitation", "ForcedMarriage", "ForcedMilitaryService",
    "OrganRemoval", "ForcedBegging", "IllicitActivities", "IllegalAdoption", "Surrogacy",
    "Other"})
# vic_ForcedLabourIndustry values: ISIC Rev. 4 sections ("Field Definitions.md", tier 1).
HTCDS_INDUSTRIES = frozenset({
    "A_AgricultureForestryAndFishing", "B_MiningAndQuarrying", "C_Manufacturing",
    "D_ElectricityGasSteamAndAirConditioningSupply", "E_WaterSupplySewerageWasteManagement",
    "F_Construction", "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
    "H_TransportationAndStorage", "I_AccommodationAndFoodServiceActivities",
    "J_InformationAndCommunication", "K_FinancialAndInsuranceActivities",
    "L_RealEstateActivities", "M_ProfessionalScientificAndTechnicalActivities",
    "N_AdministrativeAndSupportServiceActivities", "O_PublicAdministrationAndDefence",
    "P_Education", "Q_HumanHealthAndSocialWorkActivities", "R_ArtsEntertainmentAndRecreation",
    "S_OtherServiceActivities", "T_ActivitiesOfHouseholdsAsEmployers",
    "U_ActivitiesOfExtraterritorialOrganizations"})
# hte_Type values ("HTCDS Field Reference.md", Historic Trafficking Events).
HTCDS_EVENT_TYPES = frozenset({"Recruitment", "Transit", "Exploitation"})


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("htcds")
    export_htcds(iter(build_records()), folder)
    return folder


def test_every_column_is_a_standard_field_or_marked_as_ours(exported: Path) -> None:
    for name, columns in (("htcds_cases.csv", CASE_COLUMNS),
                          ("htcds_trafficking_events.csv", EVENT_COLUMNS)):
        with (exported / name).open(encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert header == list(columns)
        for column in header:
            assert column in HTCDS_FIELDS or column.startswith("unfree_"), column
    standard = {c for c in CASE_COLUMNS if not c.startswith("unfree_")}
    assert {"vic_TypeOfExploitation", "vic_MethodsOfControl", "vic_ForcedLabourIndustry",
            "prs_Nationality", "vic_LocationOfExploitation"} <= standard


def test_picklist_values_are_the_standards(exported: Path) -> None:
    cases = _rows(exported / "htcds_cases.csv")
    for case in cases:
        methods = [m for m in case["vic_MethodsOfControl"].split(";") if m]
        assert set(methods) <= set(HTCDS_METHODS_OF_CONTROL)
        assert methods == sorted(methods, key=HTCDS_METHODS_OF_CONTROL.index)
        assert case["vic_TypeOfExploitation"] in HTCDS_TYPES_OF_EXPLOITATION | {""}
        assert set(filter(None, case["vic_ForcedLabourIndustry"].split(";"))) <= HTCDS_INDUSTRIES
        for field in ("prs_Nationality", "vic_LocationOfRecruitment",
                      "vic_LocationOfExploitation"):
            for code in filter(None, case[field].split(";")):
                assert re.fullmatch(r"[A-Z]{2}", code), (field, code)
    for event in _rows(exported / "htcds_trafficking_events.csv"):
        assert event["hte_Type"] in HTCDS_EVENT_TYPES
        assert re.fullmatch(r"[A-Z]{2}", event["hte_Country"])


def test_mapping_covers_every_indicator_with_a_standard_value_and_a_reason() -> None:
    table = mapping()
    assert set(table["methods_of_control"]) == set(indicator_table())
    assert tuple(table["methods_of_control_order"]) == HTCDS_METHODS_OF_CONTROL
    for values in table["methods_of_control"].values():
        assert set(values) <= set(HTCDS_METHODS_OF_CONTROL)
    assert set(table["sectors"].values()) <= HTCDS_INDUSTRIES
    assert set(table["type_of_exploitation"].values()) <= HTCDS_TYPES_OF_EXPLOITATION
    assert set(table["event_types"].values()) <= HTCDS_EVENT_TYPES
    assert {f for fields in table["country_fields"].values() for f in fields} <= HTCDS_FIELDS
    # Each indicator line is preceded by a comment that says why.
    lines = resources.files("unfree.export").joinpath("htcds.yaml").read_text("utf-8")
    lines_list = lines.splitlines()
    for indicator in indicator_table():
        i = next(n for n, line in enumerate(lines_list)
                 if line.strip().startswith(f"{indicator}:"))
        assert lines_list[i - 1].strip().startswith("#"), indicator


def test_cases_follow_the_evidence_a_reviewer_kept(exported: Path) -> None:
    cases = {c["unfree_case_id"]: c for c in _rows(exported / "htcds_cases.csv")}
    assert DUPLICATE_ID not in cases  # a copy is not a second case
    assert len(cases) == len(build_records()) - 1
    en = cases["en-1"]
    assert en["vic_TypeOfExploitation"] == "ForcedLabour"
    assert en["vic_MethodsOfControl"] == (
        "TakesEarnings;Threats;FalsePromises;ExcessiveWorkingHours;WithholdsDocuments")
    assert en["vic_ForcedLabourIndustry"] == "F_Construction"
    assert (en["prs_Nationality"], en["vic_LocationOfExploitation"]) == ("NP", "QA")
    # nl-1: the reviewer rejected the passport finding.
    assert "WithholdsDocuments" not in cases["nl-1"]["vic_MethodsOfControl"]
    assert "TakesEarnings" in cases["nl-1"]["vic_MethodsOfControl"]
    # de-1: the reviewer rejected the origin country.
    assert cases["de-1"]["prs_Nationality"] == ""
    # A verdict short of "indicated" asserts no type of exploitation.
    assert cases["de-control"]["vic_TypeOfExploitation"] == ""
    assert cases["de-control"]["vic_MethodsOfControl"] == ""
    assert cases["fr-1"]["vic_ForcedLabourIndustry"] == "F_Construction"
    # Abusive conditions map to no method of control.
    assert cases["fr-1"]["vic_MethodsOfControl"] == "WithholdsDocuments"


def test_a_sector_without_an_industry_is_kept_as_ours_never_guessed() -> None:
    rec = record("fr-1")
    sector = next(m for m in rec["mentions"] if m["kind"] == "sector")
    sector["key"] = "sex_industry"
    case = case_row(rec)
    assert case["vic_ForcedLabourIndustry"] == ""
    assert case["unfree_sectors"] == "sex_industry"


def test_evidence_quotes_are_exact_and_cells_formula_safe(exported: Path) -> None:
    texts = {r["id"]: r["text"] for r in build_records()}
    cases = {c["unfree_case_id"]: c for c in _rows(exported / "htcds_cases.csv")}
    for case_id, case in cases.items():
        for item in json.loads(restore_cell(case["unfree_evidence"])):
            assert texts[case_id][item["start"]:item["end"]] == item["quote"]
    hostile = json.loads(cases["hostile"]["unfree_evidence"])
    assert hostile[0]["quote"].startswith("=HYPERLINK(")
    assert cases["hostile"]["unfree_title"] == "<script>alert('title')</script>"
    events = _rows(exported / "htcds_trafficking_events.csv")
    for event in events:
        text = texts[event["unfree_case_id"]]
        assert text[int(event["unfree_start"]):int(event["unfree_end"])] == (
            restore_cell(event["hte_Description"]))
    doha = next(e for e in events if e["hte_City"] == "Doha")
    assert (doha["hte_Type"], doha["hte_Country"]) == ("Exploitation", "QA")


def test_every_sector_of_the_entities_stage_has_its_isic_section() -> None:
    """Contract with unfree/entities: every sector id it can emit maps to the HTCDS industry
    of the ISIC section sectors.yaml gives it, or is listed as deliberately unmapped."""
    source = resources.files("unfree.data").joinpath("sectors.yaml")
    if not source.is_file():
        pytest.skip("unfree/data/sectors.yaml does not exist yet")
    from unfree.data import load_data

    sectors = load_data("sectors.yaml")["sectors"]
    table = mapping()
    missing = set(sectors) - set(table["sectors"]) - set(table["unmapped_sectors"])
    assert not missing, f"map these sector ids in unfree/export/htcds.yaml: {sorted(missing)}"
    for sector_id, industry in table["sectors"].items():
        assert sector_id in sectors, f"htcds.yaml maps an unknown sector id: {sector_id}"
        section = str(sectors[sector_id]["isic"])[0]
        assert industry.startswith(section + "_"), (sector_id, industry, section)
