"""Gradient screening and digital maturity read their extra inputs from workspace tables; the demo builder."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.credit_code import make_credit_code

COUNTY = "320803"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from xinzhi.workspace import open_workspace

    w = open_workspace(tmp_path_factory.mktemp("evalinputs") / "ws")
    codes = [make_credit_code(COUNTY, i) for i in range(1, 13)]
    tags = ["专精特新", "高新技术企业", "专精特新;专精特新小巨人"] + [None] * 9
    ent = pd.DataFrame({"credit_code": codes, "name": [f"企业{i}" for i in range(1, 13)], "region_code": COUNTY,
                        "industry_code": "3311", "above_scale": [True] * 8 + [False] * 4,
                        "established_year": 2010, "tags": tags})
    w.write("enterprise", ent, source="test", mode="replace")
    years = [{"credit_code": c, "year": y, "land_mu": 10.0, "tax": 50.0, "revenue": 2000.0 * 1.1 ** (y - 2022),
              "main_revenue": 1600.0 * 1.1 ** (y - 2022), "rd_spending": 150.0, "net_profit": 160.0,
              "debt_ratio": 0.5, "employees": 100.0, "rd_staff": 10.0, "energy_tce": 10.0}
             for c in codes for y in (2022, 2023, 2024)]
    w.write("enterprise_year", pd.DataFrame(years), source="test", mode="replace")
    return w


def test_gradient_reads_the_application_table(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.evaluation.gradient_runs import run_gradient

    code = make_credit_code(COUNTY, 1)
    apps = pd.DataFrame([
        {"credit_code": code, "year": 2024, "application": "new", "ip_level": "own_1", "niche_years": 7.0,
         "product_field": "basic", "digital_level": 2.0, "quality_items": 1.0, "local_points": 8.0,
         "rd_institution": "provincial", "award_top": False, "makers_500": False},
        # a recheck declaration of the same firm is not read for a new application
        {"credit_code": code, "year": 2023, "application": "recheck", "niche_years": 30.0},
    ])
    ws.write("gradient_application", apps, source="test", mode="replace")
    _, frame = run_gradient(ws, "zjtx-2022", year=2024, save=False)
    row = frame.set_index("credit_code").loc[code]
    # 7 years -> 3; basic -> 3; digital level 2 -> 3; own Ⅰ类 IP -> 8; provincial institution -> 8; local 8
    assert (row.p_niche_years, row.p_product_field, row.p_digital_level) == (3.0, 3.0, 3.0)
    assert (row.p_ip, row.p_rd_institution, row.p_local) == (8.0, 8.0, 8.0)
    other = frame.set_index("credit_code").loc[make_credit_code(COUNTY, 2)]
    assert other.p_niche_years == 0.0 and other.p_ip == 0.0  # no declaration: missing earns nothing
    assert not bool(other.passed)


def test_digital_reads_the_assessment_table(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.evaluation.digital_runs import run_digital

    code = make_credit_code(COUNTY, 3)
    answers = pd.DataFrame({"credit_code": code, "year": 2024,
                            "dimension": ["foundation", "foundation", "management", "results"],
                            "item": ["设备数字化", "信息系统", "生产管控", "效率提升"],
                            "points": [30.0, 25.0, 12.0, 9.0]})
    ws.write("digital_assessment", answers, source="test", mode="replace")
    out = run_digital(ws)[1].set_index("credit_code").loc[code]
    # foundation 55 capped at 50; 50 + 12 + 9 = 71 -> 三级 (60 ≤ 71 < 80)
    assert (out.d_foundation, out.total, out.level) == (50.0, 71.0, "三级")
    assert out.weakest.split("、")[0] == "数字化管理"  # 12/30 = 0.4 is the lowest share
    from xinzhi.cli.main import app

    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "digital"])
    assert res.exit_code == 0, res.output
    assert "三级" in res.output


def test_gradient_cli_without_a_file_uses_the_table(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app

    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "gradient", "--program", "zjtx-2022",
                                   "--year", "2024", "--no-save"])
    assert res.exit_code == 0, res.output


def test_demo_builder_writes_labelled_synthetic_inputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.demo.evaluation import DIGITAL_ITEMS, applications, assessments

    rng = np.random.default_rng(3)
    n = 300
    ent = pd.DataFrame({"credit_code": [make_credit_code(COUNTY, i) for i in range(1, n + 1)],
                        "tags": ["专精特新" if i % 10 == 0 else ("高新技术企业" if i % 7 == 0 else None) for i in range(n)],
                        "above_scale": [i % 2 == 0 for i in range(n)]})
    apps = applications(ent, year=2024, rng=rng, n=100)
    titled = set(ent.loc[ent["tags"].notna(), "credit_code"])
    assert len(apps) == 100 and titled <= set(apps["credit_code"])  # 30 + 39 titled firms all apply
    assert apps["credit_code"].is_unique and (apps["year"] == 2024).all()
    answers = assessments(ent, year=2024, rng=rng, n=50)
    assert answers["credit_code"].nunique() == 50
    tops = {item: top for items in DIGITAL_ITEMS.values() for item, top in items}
    assert (answers["points"] <= answers["item"].map(tops)).all() and (answers["points"] >= 0).all()


def test_demo_build_on_a_small_workspace(ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.demo.evaluation import SOURCE, build
    from xinzhi.workspace import open_workspace

    small = open_workspace(tmp_path / "demo")
    small.write("enterprise", ws.to_pandas("enterprise"), source="test", mode="replace")
    small.write("enterprise_year", ws.to_pandas("enterprise_year"), source="test", mode="replace")
    build(small, np.random.default_rng(1))
    apps = small.to_pandas("gradient_application")
    # 12 firms: the 3 titled and the 5 other above-scale firms (fewer than the 2,000 asked for)
    assert len(apps) == 8 and (apps["year"] == 2024).all()
    assert small.to_pandas("digital_assessment")["credit_code"].nunique() == 8
    assert "合成" in SOURCE and "synthetic" in SOURCE


def test_run_gradient_passes_the_application_type(ws) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.evaluation.gradient_runs import run_gradient

    code = make_credit_code(COUNTY, 1)  # tagged 专精特新
    apps = pd.DataFrame([{"credit_code": code, "niche_years": 5.0, "ip_class1_applied": 4.0,
                          "national_award_top3": False, "market_share": 0.2, "domestic_rank": 1.0, "key_field": True,
                          "chain_key": True, "zjtx_eval_score": 50.0, "zjtx_eval_score_prev": 70.0}])
    scores = {}
    for application in ("new", "recheck"):
        _, frame = run_gradient(ws, "little-giant-2026", year=2024, application=application, applications=apps,
                                save=False)
        scores[application] = bool(frame.set_index("credit_code").loc[code, "cond_score"])
    # last year's 70 points count on a re-check only
    assert scores == {"new": False, "recheck": True}
