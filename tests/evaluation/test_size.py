"""SME size classes (统计上大中小微型企业划分办法 2017 / 工信部联企业〔2011〕300号) and the SME test of the
gradient titles: hand-worked examples."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest
from tests.evaluation.test_gradient import history
from typer.testing import CliRunner

from xinzhi.errors import ValidationError
from xinzhi.evaluation import load_rulebook
from xinzhi.evaluation.explain import explain_gradient
from xinzhi.evaluation.gradient import evaluate_gradient
from xinzhi.evaluation.size import classify_size, sme_eligibility


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_rulebook("sme-size-2017")


def sizes(firms, book, rows):  # type: ignore[no-untyped-def]
    return classify_size(firms(rows), book, year=2024).to_pandas().set_index("credit_code")


def test_industry_bounds_and_the_all_or_drop_rule(firms, book) -> None:  # type: ignore[no-untyped-def]
    rows = [
        dict(credit_code="L", year=2024, employees=1000.0, revenue=40000.0),  # both on the large bound: large
        dict(credit_code="L1", year=2024, employees=4503.0, revenue=39999.0),  # one short of 4亿: drops to medium
        dict(credit_code="M", year=2024, employees=300.0, revenue=2000.0),
        dict(credit_code="S", year=2024, employees=299.0, revenue=100000.0),  # 299 people: small, however rich
        dict(credit_code="MI", year=2024, employees=19.0, revenue=100000.0),  # one measure below 20 people: micro
        dict(credit_code="MI2", year=2024, employees=None, revenue=299.0),  # revenue alone decides micro
        dict(credit_code="OPEN", year=2024, employees=None, revenue=500.0, size_class=None),  # an SME, class open
        dict(credit_code="BIGQ", year=2024, employees=None, revenue=50000.0, size_class=None),  # may be large
    ]
    out = sizes(firms, book, rows)
    assert out["size_class_data"].fillna("?").to_dict() == {"L": "large", "L1": "medium", "M": "medium", "S": "small",
                                                           "MI": "micro", "MI2": "micro", "OPEN": "?", "BIGQ": "?"}
    assert out.loc["OPEN", "is_sme"] == True  # noqa: E712  (500万元 < 4亿元: not large, whatever the staff)
    assert pd.isna(out.loc["BIGQ", "is_sme"]) and pd.isna(out.loc["BIGQ", "size_class"])
    assert (out["size_sector"] == "industry").all()


def test_sectors_by_code_prefix_and_assets(firms, book) -> None:  # type: ignore[no-untyped-def]
    rows = [
        # 建筑业: revenue and total assets; 9亿 revenue but 4,000万 assets -> medium needs 5,000万: small
        dict(credit_code="E", year=2024, industry_code="4710", revenue=90000.0, total_assets=4000.0),
        # 房地产开发经营 (7010) needs assets ≥ 1亿 to be large; 物业管理 (7020) counts people
        dict(credit_code="RE", year=2024, industry_code="7010", revenue=300000.0, total_assets=20000.0),
        dict(credit_code="PM", year=2024, industry_code="7020", employees=120.0, revenue=600.0),
        dict(credit_code="SW", year=2024, industry_code="6513", employees=9.0, revenue=5000.0),
        dict(credit_code="BANK", year=2024, industry_code="6620", employees=5000.0, revenue=1e6),  # 金融: not listed
        dict(credit_code="RAIL", year=2024, industry_code="5311", employees=5000.0, revenue=1e6),  # 铁路: not listed
    ]
    out = sizes(firms, book, rows)
    assert out.loc["E", "size_class_data"] == "small"
    assert out.loc["RE", ["size_sector", "size_class_data"]].tolist() == ["real_estate_development", "large"]
    assert out.loc["PM", ["size_sector", "size_class_data"]].tolist() == ["property_management", "small"]
    assert out.loc["SW", "size_class_data"] == "micro"
    for code in ("BANK", "RAIL"):
        assert pd.isna(out.loc[code, "size_sector"]) and pd.isna(out.loc[code, "size_class_data"])


def test_a_stated_class_the_data_contradict_is_flagged(firms, book) -> None:  # type: ignore[no-untyped-def]
    rows = [
        dict(credit_code="BIG", year=2024, employees=4503.0, revenue=231067.0, size_class="small"),
        dict(credit_code="OK", year=2024, employees=50.0, revenue=1000.0, size_class="small"),
        dict(credit_code="NODATA", year=2024, employees=None, revenue=None, size_class="medium"),
        dict(credit_code="SAYSBIG", year=2024, employees=None, revenue=500.0, size_class="large"),
    ]
    out = sizes(firms, book, rows)
    assert out["size_conflict"].to_dict() == {"BIG": True, "OK": False, "NODATA": False, "SAYSBIG": True}
    assert out.loc["BIG", ["size_class", "size_source"]].tolist() == ["large", "data"]
    assert out.loc["NODATA", ["size_class", "size_source", "is_sme"]].tolist() == ["medium", "stated", True]
    assert pd.isna(out.loc["SAYSBIG", "size_class"]) and out.loc["SAYSBIG", "is_sme"] == True  # noqa: E712


def _zjtx_firm(code: str, **size: object) -> list[dict[str, object]]:
    """A strong 专精特新 candidate (every condition met, 84 points, see test_gradient); ``size``
    overrides its 2024 (上年度) figures."""
    rows = history(code, revenue=(2000.0, 2200.0, 2420.0), main=(1600.0, 1760.0, 1936.0), rd=(150.0, 160.0, 242.0),
                   net_profit=193.6, debt_ratio=0.5, rd_staff=10.0, employees=100.0)
    return [{**r, **size} if r["year"] == 2024 else r for r in rows]


ZJTX_APP = {"ip_level": "own_1", "niche_years": 7, "product_field": "basic", "digital_level": 2, "quality_items": 1,
            "local_points": 8, "rd_institution": "provincial", "award_top": False, "makers_500": False}


def test_a_large_firm_is_not_screened_for_an_sme_title(firms, book) -> None:  # type: ignore[no-untyped-def]
    zjtx = load_rulebook("zjtx-2022")
    rows = (_zjtx_firm("SME")
            # the firm: 4,503 staff and 23亿元 revenue; otherwise the same strong application
            + _zjtx_firm("BIG", employees=4503.0, revenue=231067.0)
            + _zjtx_firm("OPEN", employees=None, revenue=50000.0, size_class=None))
    apps = [{"credit_code": c, **ZJTX_APP} for c in ("SME", "BIG", "OPEN")]
    out = evaluate_gradient(firms(rows), zjtx, year=2024, applications=ibis.memtable(pd.DataFrame(apps))).to_pandas()
    out = out.set_index("credit_code")
    assert bool(out.loc["SME", "eligible"]) and bool(out.loc["SME", "passed"]) and out.loc["SME", "score"] > 60
    for code in ("BIG", "OPEN"):
        assert not bool(out.loc[code, "eligible"]) and not bool(out.loc[code, "passed"])
        assert pd.isna(out.loc[code, "score"]) and pd.isna(out.loc[code, "p_ip"])  # eligibility before scoring
    ok, zh, en = sme_eligibility(out.loc["BIG"].to_dict(), book)
    assert not ok
    assert zh == "不符合申报条件：非中小企业。大型企业（工业）：从业人员 4,503 人 ≥ 1,000 人，营业收入 23.11亿元 ≥ 4亿元"
    assert en == ("not eligible: not an SME. large (industry): employees 4,503 ≥ 1,000; "
                  "operating revenue 2.31 billion yuan ≥ 400 million yuan")
    _, zh_open, en_open = sme_eligibility(out.loc["OPEN"].to_dict(), book)
    assert zh_open.startswith("不符合申报条件：无法确认为中小企业") and "从业人员缺失" in zh_open
    assert "not eligible: SME status not established" in en_open
    lines = explain_gradient(out.reset_index().set_index("credit_code", drop=False).loc["BIG"].to_dict(), zjtx)
    assert lines[0].endswith("不符合申报条件") and "非中小企业" in lines[1] and "最小改进" not in "".join(lines)


def test_every_sme_title_tests_size_and_the_single_champion_does_not() -> None:
    for rid in ("innovative-sme-2022", "zjtx-2022", "zjtx-2026", "little-giant-2022", "little-giant-2026"):
        assert load_rulebook(rid).eligibility.sme == "sme-size-2017", rid
    assert load_rulebook("single-champion-2023").eligibility.sme is None


def test_single_champion_keeps_its_own_tests_for_a_large_firm(firms) -> None:  # type: ignore[no-untyped-def]
    champ = load_rulebook("single-champion-2023")
    rows = [dict(credit_code="BIG", year=y, employees=4503.0, revenue=231067.0, main_revenue=60000.0)
            for y in (2022, 2023, 2024)]
    apps = [{"credit_code": "BIG", "years_in_field": 12, "new_product": False, "global_rank": 2, "tech_advanced": True,
             "core_ip": True, "rd_institution": "national"}]
    out = evaluate_gradient(firms(rows), champ, year=2024, applications=ibis.memtable(pd.DataFrame(apps))).to_pandas()
    assert bool(out.iloc[0]["eligible"]) and bool(out.iloc[0]["passed"])  # 6亿元 main revenue ≥ 4亿元


def test_a_gradient_rulebook_must_name_a_size_rulebook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    text = (Path(__file__).parents[2] / "src/xinzhi/evaluation/rulebooks/zjtx-2026.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("sme: sme-size-2017", "sme: huaian-2024"), encoding="utf-8")
    with pytest.raises(ValidationError, match="not a size rulebook"):
        load_rulebook(bad)


def test_size_command_shows_the_crosstab_and_conflicts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app
    from xinzhi.credit_code import make_credit_code
    from xinzhi.workspace import open_workspace

    ws = open_workspace(tmp_path / "ws")
    codes = [make_credit_code("510104", i) for i in (1, 2)]
    ws.write("enterprise", pd.DataFrame({"credit_code": codes, "name": ["甲", "乙"], "region_code": "510104",
                                         "industry_code": "3311", "size_class": ["small", "small"]}),
             source="test", mode="replace")
    ws.write("enterprise_year", pd.DataFrame({"credit_code": codes, "year": 2024, "employees": [4503.0, 50.0],
                                              "revenue": [231067.0, 1000.0]}), source="test", mode="replace")
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "size", "--year", "2024"])
    assert res.exit_code == 0, res.output
    assert "contradicted by the data: 1 firms" in res.output
