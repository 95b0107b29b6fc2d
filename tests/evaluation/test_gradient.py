"""Gradient titles: the 2022 innovative-SME and 专精特新 tables by hand, boundaries, explanations, dates."""

from __future__ import annotations

import datetime as dt

import ibis
import pandas as pd
import pytest

from xinzhi.errors import NotFoundError
from xinzhi.evaluation import load_rulebook, select_rulebook
from xinzhi.evaluation.explain import explain_gradient
from xinzhi.evaluation.gradient import evaluate_gradient


def history(code: str, *, revenue: tuple[float, float, float], main: tuple[float, float, float],
            rd: tuple[float, float, float] = (0.0, 0.0, 0.0), **last: object) -> list[dict[str, object]]:
    """Three years 2022-2024 of one firm; ``last`` overrides the 2024 (上年度) row."""
    rows = []
    for k, year in enumerate((2022, 2023, 2024)):
        row = {"credit_code": code, "year": year, "revenue": revenue[k], "main_revenue": main[k], "rd_spending": rd[k]}
        rows.append({**row, **(last if year == 2024 else {})})
    return rows


def run(firms, book, rows, apps):  # type: ignore[no-untyped-def]
    out = evaluate_gradient(firms(rows), book, year=2024, applications=ibis.memtable(pd.DataFrame(apps))).to_pandas()
    return out.set_index("credit_code")


INNO_APPS = [
    {"credit_code": "A", "ip_level": "class1", "strategic_field": True, "sci_award_3y": False, "rd_institution": "none"},
    {"credit_code": "B", "ip_level": "class2", "strategic_field": False, "sci_award_3y": False, "rd_institution": "none"},
    {"credit_code": "C", "ip_level": "none", "strategic_field": False, "sci_award_3y": True, "rd_institution": "none"},
]


def test_innovative_sme_points_by_hand(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("innovative-sme-2022")
    rows = (
        # A: R&D 3 % exactly (boundary -> 15), growth 10 % exactly (-> 15), debt 55 % (-> 10), main share 70 % (-> 20)
        history("A", revenue=(900.0, 1000.0, 1000.0), main=(600.0, 636.3636363636364, 700.0), rd=(0, 0, 30.0), debt_ratio=0.55)
        # B: R&D 2.6 % (-> 10), growth -5 % (-> 0), debt 60 % (-> 5), main share 95 % (-> 20)
        + history("B", revenue=(1000.0, 1000.0, 1000.0), main=(1000.0, 1000.0, 950.0), rd=(0, 0, 26.0), debt_ratio=0.60)
        + history("C", revenue=(100.0, 100.0, 100.0), main=(10.0, 10.0, 10.0))
    )
    out = run(firms, book, rows, INNO_APPS)
    a = out.loc["A"]
    # innovation 10 + 15 = 25; growth 15 + 10 = 25; specialisation 10 + 20 = 30
    assert [a.p_ip, a.p_rd_intensity, a.p_revenue_growth, a.p_debt_ratio, a.p_field, a.p_main_share] == [10, 15, 15, 10, 10, 20]
    assert a.score == 80 and bool(a.passed)
    b = out.loc["B"]
    # innovation 5 + 10 = 15 (< 20), growth 0 + 5 = 5 (< 15), specialisation 5 + 20 = 25; total 45
    assert b.score == 45 and not bool(b.score_ok) and not bool(b.passed)
    c = out.loc["C"]
    assert bool(c.direct_pass) and bool(c.passed) and c.score < 60


def test_explanation_names_points_and_the_smallest_change(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("innovative-sme-2022")
    rows = history("B", revenue=(1000.0, 1000.0, 1000.0), main=(1000.0, 1000.0, 950.0), rd=(0, 0, 26.0), debt_ratio=0.60)
    row = run(firms, book, rows, INNO_APPS[1:2]).reset_index().iloc[0].to_dict()
    text = "\n".join(explain_gradient(row, book))
    assert "研发费用占营业收入比重: 2.6 % → 10/20 分" in text
    assert "创新能力差 5 分" in text
    assert "最小改进: 研发费用占营业收入比重 2.6 % → 3 %，加 5 分" in text
    assert "总分差 15 分" in text


def test_zjtx_2022_conditions_and_points(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("zjtx-2022")
    rows = history("Z", revenue=(2000.0, 2200.0, 2420.0), main=(1600.0, 1760.0, 1936.0), rd=(150.0, 160.0, 242.0),
                   net_profit=193.6, debt_ratio=0.5, rd_staff=10.0, employees=100.0)
    apps = [{"credit_code": "Z", "ip_level": "own_1", "niche_years": 7, "product_field": "basic", "digital_level": 2,
             "quality_items": 1, "local_points": 8, "rd_institution": "provincial", "award_top": False, "makers_500": False}]
    z = run(firms, book, rows, apps).loc["Z"]
    # main share 0.8 -> 5; growth 10 % both years -> 10; 7 years -> 3; basic -> 3          (specialisation 21)
    # digital level 2 -> 3; quality 1 item -> 3; net margin 8 % -> 8; debt 50 % -> 5       (refinement 19)
    # local 8                                                                              (characteristic 8)
    # own Ⅰ类 -> 8; R&D 242 万元 (10 %) -> 10; R&D staff 10 % -> 3; provincial -> 8        (innovation 29)
    assert (z.g_specialisation, z.g_refinement, z.g_characteristic, z.g_innovation) == (21, 19, 8, 29)
    assert z.score == 77 and bool(z.passed)
    assert bool(z.cond_niche) and bool(z.cond_rd_spending) and bool(z.cond_revenue)


def test_zjtx_2022_fails_on_a_condition_even_with_points(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("zjtx-2022")
    rows = history("Y", revenue=(900.0, 900.0, 900.0), main=(900.0, 900.0, 900.0), rd=(99.0, 99.0, 99.0))
    apps = [{"credit_code": "Y", "ip_level": "high_value_1", "niche_years": 1, "product_field": "chain_key",
             "digital_level": 4, "quality_items": 2, "local_points": 15, "rd_institution": "national",
             "award_top": True, "makers_500": False}]
    y = run(firms, book, rows, apps).loc["Y"]
    assert not bool(y.cond_niche) and not bool(y.cond_rd_spending) and not bool(y.cond_revenue)
    assert not bool(y.passed)
    lines = explain_gradient(y.to_dict() | {"credit_code": "Y"}, book)
    assert any("未满足条件: 从事特定细分市场时间原则上2年以上" in ln for ln in lines)


def test_rulebook_chosen_by_date_and_application_type() -> None:
    assert select_rulebook("zjtx", on=dt.date(2025, 6, 1)).id == "zjtx-2022"
    assert select_rulebook("zjtx", on=dt.date(2026, 3, 31)).id == "zjtx-2022"
    assert select_rulebook("zjtx", on=dt.date(2026, 4, 1)).id == "zjtx-2026"
    assert select_rulebook("zjtx", on=dt.date(2026, 6, 1), application="recheck").id == "zjtx-2022"
    assert select_rulebook("zjtx", on=dt.date(2027, 2, 1), application="recheck").id == "zjtx-2026"
    with pytest.raises(NotFoundError):
        select_rulebook("zjtx", on=dt.date(2021, 1, 1))


def _zjtx_2026_app(code: str, **over: object) -> dict[str, object]:
    """A 2026 专精特新 application: 3 years in the niche, one applied class-I IP, no award, a leading
    market share and 60 platform points, unless ``over`` says otherwise."""
    return {"credit_code": code, "niche_years": 3, "ip_class1_applied": 1, "award_top3": False,
            "rd_institution": "none", "market_leading": True, "zjtx_eval_score": 60.0, **over}


def test_zjtx_2026_thresholds(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("zjtx-2026")
    ok = dict(debt_ratio=0.80, tags="创新型中小企业")
    rows = history("N", revenue=(1400.0, 1500.0, 1500.0), main=(1200.0, 1200.0, 1200.0), rd=(0.0, 100.0, 100.0), **ok)
    rows += history("M", revenue=(1400.0, 1500.0, 1499.0), main=(1200.0, 1200.0, 1199.2), rd=(0.0, 100.0, 100.0), **ok)
    apps = [_zjtx_2026_app(c, zjtx_eval_score=50.0) for c in ("N", "M")]
    out = run(firms, book, rows, apps)
    # N sits exactly on every boundary (1500 万元, 80 %, 80 %, 100 万元 and 6.67 % / 6.67 %, score 50): passes
    assert bool(out.loc["N", "passed"])
    # M: revenue 1499 < 1500 and no equity financing
    assert not bool(out.loc["M", "cond_revenue"]) and not bool(out.loc["M", "passed"])


def test_missing_value_earns_nothing(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("innovative-sme-2022")
    rows = [{"credit_code": "A", "year": 2024, "revenue": 0.0, "main_revenue": 0.0, "rd_spending": 10.0, "debt_ratio": None}]
    a = run(firms, book, rows, INNO_APPS[:1]).loc["A"]
    # R&D / 0 revenue, growth without history, missing debt ratio, main share 0/0: all 0 points
    assert (a.p_rd_intensity, a.p_revenue_growth, a.p_debt_ratio, a.p_main_share) == (0, 0, 0, 0)


def test_growth_on_a_boundary_takes_the_higher_band(firms) -> None:  # type: ignore[no-untyped-def]
    # 115 / 100 − 1 is 0.1499999… in floating point; the published boundary 15 % still earns 20
    inno = run(firms, load_rulebook("innovative-sme-2022"),
               history("A", revenue=(100.0, 100.0, 115.0), main=(100.0, 100.0, 115.0)), INNO_APPS[:1])
    assert inno.loc["A", "p_revenue_growth"] == 20
    # 专精特新 2022: growth 20 % then 0 % averages exactly 10 % -> 10 points, not 8
    book = load_rulebook("zjtx-2022")
    zjtx = run(firms, book, history("Z", revenue=(100.0, 120.0, 120.0), main=(100.0, 120.0, 120.0)),
               [{"credit_code": "Z", "ip_level": "none", "niche_years": 2, "product_field": "other", "digital_level": 1,
                 "quality_items": 0, "local_points": 0, "rd_institution": "none", "award_top": False,
                 "makers_500": False}])
    assert zjtx.loc["Z", "p_growth_2y"] == 10


def _giant_apps(code: str) -> list[dict[str, object]]:
    return [{"credit_code": code, "niche_years": 5, "info_system": True, "certification": True, "market_share": 0.2,
             "own_brand": True, "ip_class1_applied": 3, "rd_institution": "provincial", "innovation_direct": True,
             "chain_key": True, "key_field": True}]


def test_little_giant_growth_boundary_and_title_tags(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("little-giant-2022")
    # growth +40 % then −30 %: the mean is exactly 5 % (0.0499999… in floating point)
    rows = history("G", revenue=(100.0, 140.0, 98.0), main=(100.0, 140.0, 98.0), tags="高新技术企业;专精特新",
                   debt_ratio=0.5)
    g = run(firms, book, rows, _giant_apps("G")).loc["G"]
    assert bool(g.cond_growth)
    # the title is read from the short tag 专精特新 as well as 专精特新中小企业
    assert bool(g.cond_title)
    none = run(firms, book, history("H", revenue=(100.0, 140.0, 98.0), main=(100.0, 140.0, 98.0), tags="高新技术企业"),
               _giant_apps("H")).loc["H"]
    assert not bool(none.cond_title)


def test_zjtx_2026_ip_exemption_needs_a_top_three_award(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("zjtx-2026")
    ok = dict(debt_ratio=0.5, tags="创新型中小企业")
    rows = history("P", revenue=(2000.0, 2000.0, 2000.0), main=(1800.0, 1800.0, 1800.0), rd=(0.0, 100.0, 100.0), **ok)
    rows += history("Q", revenue=(2000.0, 2000.0, 2000.0), main=(1800.0, 1800.0, 1800.0), rd=(0.0, 100.0, 100.0), **ok)
    apps = [_zjtx_2026_app(c, ip_class1_applied=0, award_top3=top3) for c, top3 in (("P", True), ("Q", False))]
    out = run(firms, book, rows, apps)
    assert bool(out.loc["P", "cond_ip"]) and not bool(out.loc["Q", "cond_ip"])


def test_zjtx_2026_first_tier_includes_technology_based_smes(firms) -> None:  # type: ignore[no-untyped-def]
    # the 2026 办法 merges 科技型中小企业 into the first tier (科技和创新型中小企业)
    book = load_rulebook("zjtx-2026")
    rows = []
    for code, tag in (("T", "科技型中小企业"), ("U", "高新技术企业")):
        rows += history(code, revenue=(2000.0, 2000.0, 2000.0), main=(1800.0, 1800.0, 1800.0), rd=(0.0, 100.0, 100.0),
                        debt_ratio=0.5, tags=tag)
    apps = [_zjtx_2026_app(c) for c in ("T", "U")]
    out = run(firms, book, rows, apps)
    assert bool(out.loc["T", "cond_title"]) and not bool(out.loc["U", "cond_title"])


@pytest.mark.parametrize(("text", "plain", "tolerant"), [
    ("x >= 0.15", False, True), ("0.15 <= x", False, True), ("x > 0.15", False, False),
    ("0 <= x >= 0.15", False, True), ("-x <= -0.15", False, True), ("y <= 0.15", False, True),
    ("0.15 >= y", False, True), ("+0.15 <= x", False, True),
    ("z <= 0.15 <= x", False, True),   # the constant in the middle of a chain
    ("0 <= w <= x", False, False),     # no constant next to the second test: exact
    ("w <= 0.15", False, False),       # far from the boundary: still false
    ("x >= 0.15 - 0", False, False),   # an expression, not a published number: exact
])
def test_boundary_tolerance_in_formulas(text: str, plain: bool, tolerant: bool) -> None:
    from xinzhi.evaluation.formula import parse_formula

    # x = 115 / 100 − 1 = 0.1499999…, y one step above 0.15, z well below, w well above
    t = ibis.memtable(pd.DataFrame({"x": [115.0 / 100.0 - 1.0], "y": [0.15000000000000002], "z": [0.1], "w": [0.5]}))

    def value(tol: float) -> bool:
        scope = {c: t[c] for c in t.columns}
        return bool(t.select(v=parse_formula(text).compile(scope, boundary_tolerance=tol)).to_pandas()["v"].iloc[0])

    assert (value(0.0), value(1e-9)) == (plain, tolerant)


def _giant_2026_apps(code: str, **over: object) -> dict[str, object]:
    return {"credit_code": code, "niche_years": 3, "ip_class1_applied": 4, "national_award_top3": False,
            "market_share": 0.05, "domestic_rank": 3, "key_field": True, "chain_key": True,
            "zjtx_eval_score": 60.0, "zjtx_eval_score_prev": 55.0, **over}


def test_little_giant_2026_on_its_boundaries(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("little-giant-2026")
    assert select_rulebook("little_giant", on=dt.date(2026, 4, 1)).id == "little-giant-2026"
    assert select_rulebook("little_giant", on=dt.date(2026, 11, 29), application="recheck").id == "little-giant-2022"
    # on every boundary: revenue 5000 万元, main share 90 %, CAGR exactly 5 % (4535.147… × 1.1025 = 5000),
    # debt 75 %, R&D 600 + 600 = 1200 万元 at 12 % and 3 %, 4 class-I IP, domestic rank 3, score 60
    ok = dict(debt_ratio=0.75, tags="专精特新")
    rows = history("L", revenue=(5000 / 1.1025, 20000.0, 5000.0), main=(0.0, 0.0, 4500.0), rd=(0.0, 600.0, 600.0), **ok)
    rows += history("M", revenue=(4600.0, 20000.0, 5000.0), main=(0.0, 0.0, 4500.0), rd=(0.0, 600.0, 600.0), **ok)
    apps = [_giant_2026_apps("L"), _giant_2026_apps("M", ip_class1_applied=3, domestic_rank=4, zjtx_eval_score=59.0)]
    out = evaluate_gradient(firms(rows), book, year=2024,
                            applications=ibis.memtable(pd.DataFrame(apps))).to_pandas().set_index("credit_code")
    assert bool(out.loc["L", "passed"])
    # M: CAGR below 5 % (5000 / 4600 < 1.1025), 3 IP, rank 4 with 5 % share, score 59
    m = out.loc["M"]
    assert not any(bool(m[c]) for c in ("cond_growth", "cond_ip", "cond_market", "cond_score"))
    # on a re-check growth is not required and last year's score may count (M: 55 < 60 still fails)
    again = evaluate_gradient(firms(rows), book, year=2024, application="recheck",
                              applications=ibis.memtable(pd.DataFrame(apps))).to_pandas().set_index("credit_code")
    assert bool(again.loc["M", "cond_growth"]) and not bool(again.loc["M", "cond_score"])
    apps[1]["zjtx_eval_score_prev"] = 61.0
    again = evaluate_gradient(firms(rows), book, year=2024, application="recheck",
                              applications=ibis.memtable(pd.DataFrame(apps))).to_pandas().set_index("credit_code")
    assert bool(again.loc["M", "cond_score"])
    # last year's score counts only on a re-check
    out = evaluate_gradient(firms(rows), book, year=2024,
                            applications=ibis.memtable(pd.DataFrame(apps))).to_pandas().set_index("credit_code")
    assert not bool(out.loc["M", "cond_score"])


def test_at_most_band_takes_a_value_a_hair_above(firms) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    # debt ratio one floating-point step above 55 % is still "55 % or less": 10 points, not 5
    apps = [{**INNO_APPS[0], "credit_code": c} for c in ("D", "E")]
    rows = history("D", revenue=(100.0, 100.0, 100.0), main=(100.0, 100.0, 100.0),
                   debt_ratio=float(np.nextafter(0.55, 1.0)))
    rows += history("E", revenue=(100.0, 100.0, 100.0), main=(100.0, 100.0, 100.0), debt_ratio=0.5501)
    out = run(firms, load_rulebook("innovative-sme-2022"), rows, apps)
    assert (out.loc["D", "p_debt_ratio"], out.loc["E", "p_debt_ratio"]) == (10, 5)


def test_recheck_can_be_read_by_indicator_values(tmp_path, firms) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.evaluation.loader import rulebook_dir

    text = (rulebook_dir() / "innovative-sme-2022.yaml").read_text(encoding="utf-8")
    p = tmp_path / "variant.yaml"
    p.write_text(text.replace('value: "main_revenue / revenue"', 'value: "0.4 if recheck else main_revenue / revenue"'),
                 encoding="utf-8")
    book = load_rulebook(p)
    rows = history("A", revenue=(100.0, 100.0, 100.0), main=(100.0, 100.0, 100.0))
    apps = ibis.memtable(pd.DataFrame(INNO_APPS[:1]))
    new = evaluate_gradient(firms(rows), book, year=2024, applications=apps).to_pandas()
    again = evaluate_gradient(firms(rows), book, year=2024, applications=apps, application="recheck").to_pandas()
    assert (new.p_main_share.iloc[0], again.p_main_share.iloc[0]) == (20, 0)
