"""Hand-worked cases for every shipped measure: a firm that qualifies (the benefit computed by
hand in the comment), one that narrowly misses (with its reason) and one the negative list
excludes. Data year 2024; money in 万元."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from tests.support.conftest import panel
from xinzhi.support.loader import list_measures, load_measure
from xinzhi.support.matching import measure_rows
from xinzhi.support.reasons import reason

HITECH = "高新技术企业"


def run(measure_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Status rows of each firm (in input order) with the reason in Chinese and English."""
    m = load_measure(measure_id)
    out = measure_rows(panel(rows), m, keep=None).to_pandas()
    out["n"] = out["credit_code"].str[1:].astype(int)
    out = out.sort_values("n")
    records: list[dict[str, Any]] = out.to_dict("records")
    for r in records:
        r["why"], r["why_en"] = reason(m, r, "zh"), reason(m, r, "en")
    return records


def test_every_shipped_measure_has_a_hand_worked_case() -> None:
    tested = {name[len("test_"):].replace("_", "-") for name in globals() if name.startswith("test_") and name[5:9] != "ever"}
    shipped = set(list_measures())
    assert len(shipped) >= 8
    assert shipped <= tested, sorted(shipped - tested)


def test_rd_super_deduction_2023() -> None:
    base = {"industry_code": "3411", "rd_spending": 120.0, "net_profit": 400.0}
    ok, ok_hitech, near, excluded, unknown = run("rd-super-deduction-2023", [
        {**base, "tax_on_accounts": True},
        {**base, "tax_on_accounts": True, "tags": HITECH, "taxable_income": 80.0},
        {**base, "tax_on_accounts": False},
        {**base, "tax_on_accounts": True, "industry_code": "5211"},  # 零售业
        {**base},
    ])
    # 100 % × 120 = 120 extra deduction, below the 400 of income, taxed at 25 %: 30
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(30.0))
    # high-tech: 15 %, and the saving is capped by the 80 of taxable income: 80 × 15 % = 12
    assert (ok_hitech["status"], ok_hitech["benefit"]) == ("eligible", pytest.approx(12.0))
    assert (near["status"], near["lacking"]) == ("near", "on_accounts")
    assert near["why"] == "缺：实行查账征收、会计核算健全"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "industry")
    assert excluded["why"].startswith("负面清单：主营业务属烟草制造业")
    assert (unknown["status"], unknown["missing"]) == ("to_confirm", "on_accounts;")


def test_hitech_cit_2016() -> None:
    base = {"established_year": 2019, "ip_count": 3.0, "tech_field": True, "employees": 100.0,
            "revenue": 4000.0, "revenue_1": 3500.0, "revenue_2": 3000.0,
            "rd_spending": 220.0, "rd_spending_1": 180.0, "rd_spending_2": 150.0,
            "hitech_revenue_share": 0.7, "taxable_income": 500.0}
    ok, certified, near, excluded = run("hitech-cit-2016", [
        {**base, "st_staff": 12.0},
        {"tags": HITECH, "net_profit": 200.0},
        {**base, "st_staff": 9.0},
        {**base, "st_staff": 12.0, "safety_incident": True},
    ])
    # R&D 550 / sales 10,500 = 5.24 % ≥ 5 % (sales ≤ 5,000); staff 12 %; saving 500 × (25 % − 15 %) = 50
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(50.0)) and pd.isna(ok["route"])
    # a certificate holder enjoys the rate: 200 × 10 % = 20
    assert (certified["status"], certified["route"], certified["benefit"]) == ("eligible", "certified", pytest.approx(20.0))
    assert certified["why"] == "持有有效期内的高新技术企业证书"
    # 9 % of staff against 10 %: 10 % short of the bound
    assert (near["status"], near["lacking"], near["gap"]) == ("near", "staff", pytest.approx(0.1))
    assert near["why"] == "科技人员占职工总数比例 9.0%（需 ≥ 10.0%，差 1.0 个百分点）"
    assert near["why_en"] == "S&T staff share of all staff: 9.0% (needs ≥ 10.0%, short by 1.0 pp)"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "incident")


def test_small_low_profit_2023() -> None:
    base = {"taxable_income": 120.0, "employees": 80.0, "total_assets": 3000.0, "restricted_industry": False}
    ok, near, excluded, unknown = run("small-low-profit-2023", [
        base, {**base, "employees": 320.0}, {**base, "restricted_industry": True},
        {**base, "restricted_industry": None},
    ])
    # 120 × (25 % − 25 % × 20 %) = 120 × 20 % = 24
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(24.0))
    # 320 staff against at most 300: 20 / 300 = 6.7 % over
    assert (near["status"], near["lacking"], near["gap"]) == ("near", "staff", pytest.approx(20 / 300))
    assert near["why"] == "从业人数不超过300人 320 人（需 ≤ 300 人，超出 20 人）"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "restricted")
    assert (unknown["status"], unknown["why"]) == ("to_confirm", "待核实：从事国家限制和禁止行业")


def test_advanced_mfg_vat_2023() -> None:
    base = {"tags": HITECH, "industry_code": "3411", "vat_general": True, "mfg_sales_share": 0.8,
            "st_staff": 15.0, "employees": 100.0, "rd_spending": 300.0, "revenue": 6000.0,
            "value_added": 1500.0, "hitech_revenue_share": 0.65, "input_vat": 200.0, "exports": 600.0,
            "other_vat_credit": False}
    ok, estimated, near, excluded = run("advanced-mfg-vat-2023", [
        base, {**base, "input_vat": None}, {**base, "mfg_sales_share": 0.45}, {**base, "other_vat_credit": True},
    ])
    # R&D 300 / 6,000 = 5 % ≥ 4 % (sales in 5,000–20,000); credit 5 % × 200 × (1 − 600 / 6,000) = 9
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(9.0))
    # input VAT estimated as 13 % × (6,000 − 1,500) = 585: 5 % × 585 × 0.9 = 26.325
    assert estimated["benefit"] == pytest.approx(26.325)
    # 45 % of sales against more than 50 %: 10 % short
    assert (near["status"], near["lacking"], near["gap"]) == ("near", "mfg_share", pytest.approx(0.1))
    assert near["why"] == "制造业销售额占全部销售额比重（需超过50%） 45.0%（需 > 50.0%，差 5.0 个百分点）"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "other_credit")


def test_tech_sme_2017() -> None:
    base = {"employees": 80.0, "revenue": 3000.0, "total_assets": 2500.0, "st_staff": 20.0,
            "rd_spending": 150.0, "ip_class1": 0.0, "ip_class2": 2.0, "credit_blacklisted": False}
    ok, near, excluded = run("tech-sme-2017", [
        base, {**base, "ip_class2": 0.0}, {**base, "industry_code": "5211"},
    ])
    # staff 25 % → 16; R&D 150 / 3,000 = 5 % → 40; two class-II IP → 12: 68 ≥ 60
    assert ok["status"] == "eligible" and pd.isna(ok["benefit"])  # a listing, not a payment
    # without IP: 16 + 40 + 0 = 56 against 60
    assert (near["status"], near["lacking"], near["value"], near["gap"]) == ("near", "score_60", 56.0, pytest.approx(4 / 60))
    assert near["why"] == "综合评价得分（需不低于60分） 56（需 ≥ 60，差 4）"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "industry")


def test_first_set_insurance_2024() -> None:
    base = {"first_set_product": True, "first_set_insured": 1500.0, "first_set_premium": 60.0,
            "credit_blacklisted": False}
    ok, near, excluded = run("first-set-insurance-2024", [
        base, {**base, "first_set_premium": 0.0}, {**base, "credit_blacklisted": True},
    ])
    # the premium counts at most 3 % × 1,500 = 45: 80 % × 45 = 36
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(36.0))
    assert (near["status"], near["lacking"]) == ("near", "insured")
    assert near["why"] == "缺：已投保首台（套）综合保险并缴纳保费"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "blacklist")


def test_sc_gongga_awards_2022() -> None:
    ok, both, near, excluded, elsewhere = run("sc-gongga-awards-2022", [
        {"giant_since": 2024, "credit_blacklisted": False},
        {"giant_since": 2024, "champion_since": 2024, "credit_blacklisted": False},
        {"passed_little_giant": True, "credit_blacklisted": False},
        {"giant_since": 2024, "credit_blacklisted": True},
        {"giant_since": 2024, "credit_blacklisted": False, "region_code": "500101"},  # Chongqing
    ])
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(50.0))
    assert both["benefit"] == pytest.approx(250.0)  # 200 + 50
    assert (near["status"], near["lacking"]) == ("near", "new_title")
    assert near["why"] == '缺：当年新认定为国家级专精特新"小巨人"或制造业单项冠军'
    assert (excluded["status"], excluded["hit"]) == ("excluded", "blacklist")
    assert elsewhere["status"] == "out_of_scope"


def test_cd_digital_pilot_2024() -> None:
    base = {"region_code": "510104", "size_class": "small", "industry_code": "3670", "digital_total": 35.0,
            "digital_spend": 150.0, "diagnosis_fee": 5.0, "pilot_funded": False, "credit_blacklisted": False}
    ok, big, near, excluded = run("cd-digital-pilot-2024", [
        base, {**base, "digital_spend": 300.0}, {**base, "digital_total": None}, {**base, "pilot_funded": True},
    ])
    # min(50 % × 150, 100) + min(5, 4) = 75 + 4 = 79
    assert (ok["status"], ok["benefit"]) == ("eligible", pytest.approx(79.0))
    assert big["benefit"] == pytest.approx(104.0)  # 100 + 4
    assert (near["status"], near["lacking"]) == ("near", "assessed")
    assert near["why_en"] == "lacks: Digital maturity assessed (diagnosis before the retrofit)"
    assert (excluded["status"], excluded["hit"]) == ("excluded", "funded")


def test_tech_relending_2024() -> None:
    ok, near, excluded, scale = run("tech-relending-2024", [
        {"tags": "科技型中小企业", "stage": "growth", "credit_blacklisted": False},
        {"stage": "seed", "rd_spending": 50.0, "rd_staff": 7.0, "employees": 60.0, "revenue": 1500.0,
         "total_assets": 900.0, "credit_blacklisted": False},
        {"tags": "科技型中小企业", "stage": "growth", "credit_blacklisted": True},
        {"tags": "科技型中小企业", "stage": "scale", "credit_blacklisted": False},
    ])
    assert ok["status"] == "eligible" and pd.isna(ok["benefit"])  # a loan, not a payment
    assert (near["status"], near["why"]) == ("near", "缺：科技型中小企业（入库）")
    assert (excluded["status"], excluded["hit"]) == ("excluded", "blacklist")
    assert (scale["status"], scale["lacking"]) == ("not_eligible", "stage")
