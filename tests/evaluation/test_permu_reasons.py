"""Reason flags and their text; the compiled expression stays small (no nested class moves)."""

from __future__ import annotations

import ibis
import pytest

from xinzhi.evaluation import evaluate_permu, load_rulebook
from xinzhi.evaluation.permu import RESULT_KEYS, reason_parts, render_reasons

C = "370725"
PREVIOUS = [dict(credit_code="P", year=2022, region_code=C, tax=10.0, land_mu=10.0, revenue=100.0,
                 energy_tce=10.0, emissions=1.0, rd_spending=1.0, value_added=50.0, employees=10.0)]


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = [
        {"credit_code": f"F{i:02d}", "year": 2023, "region_code": C, "tax": float(21 - i), "land_mu": 10.0}
        for i in range(1, 21)
    ]
    out[0]["safety_incident"] = True  # veto
    out[19]["established_year"] = 2023  # protection lifts D to C
    out.append({"credit_code": "U", "year": 2023, "region_code": C, "industry_code": "4430"})
    return out


def test_flags_render_to_the_same_text_as_the_sql(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("changle-2023")
    out = evaluate_permu(firms(PREVIOUS + rows()), book, year=2023).to_pandas().set_index("credit_code")
    for code, row in out.iterrows():
        assert render_reasons(row["reason_flags"], book) == row["reasons"], code
    texts = [text for text, _ in reason_parts(book)]
    # F01: the veto (bit of the accident veto) and the missing items of the above-scale cohort
    veto_bit = texts.index("一票否决(发生安全生产、重大环境污染或重大食品安全事故): 不得评为A/B; ")
    assert int(out.loc["F01", "reason_flags"]) >> veto_bit & 1 == 1
    assert "保护(新建企业)" in render_reasons(out.loc["F20", "reason_flags"], book)
    assert render_reasons(out.loc["U", "reason_flags"], book) == "电力、热力、燃气及水生产和供应业（提供数据，不参评）: T类, 不参与评价; "


def test_without_reasons_text_the_classes_are_the_same(firms) -> None:  # type: ignore[no-untyped-def]
    book = load_rulebook("changle-2023")
    t = firms(PREVIOUS + rows())
    full = evaluate_permu(t, book, year=2023).to_pandas().set_index("credit_code").sort_index()
    lean = evaluate_permu(t, book, year=2023, reasons=False).to_pandas().set_index("credit_code").sort_index()
    assert "reasons" not in lean.columns and set(RESULT_KEYS) - {"credit_code"} <= set(lean.columns)
    assert lean["class"].fillna("-").tolist() == full["class"].fillna("-").tolist()
    assert lean["reason_flags"].tolist() == full["reason_flags"].tolist()


@pytest.mark.parametrize("rulebook", ["changle-2023", "huangyan-2022", "huaian-2024"])
def test_compiled_sql_stays_small(firms, rulebook: str) -> None:  # type: ignore[no-untyped-def]
    # three vetoes and three protections used to nest the class index in every branch (588 kB of SQL)
    sql = ibis.to_sql(evaluate_permu(firms(PREVIOUS + rows()), load_rulebook(rulebook), year=2023), dialect="duckdb")
    assert len(sql) < 150_000
