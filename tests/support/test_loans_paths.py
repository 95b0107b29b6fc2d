"""projects_about_to_start looks at fewer projects for a few firms (only those whose investor
text holds one of the firms' codes or is one of their names); that shortcut must change nothing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from xinzhi.support.loans import projects_about_to_start

A, B = "91510100MA6CGKQF3X", "91510700MA62Q0QM2T"
PROJECTS = pd.DataFrame({
    "project_id": [f"P{i}" for i in range(9)],
    "name": [f"项目{i}" for i in range(9)],
    "investor": ["蓉兴科技有限公司", f"联合体：{A.lower()}、{B}", f" {B} ", None, "蓉兴科技", "某投资公司",
                 f"{B}（牵头）{A}", "蓉兴科技有限公司 ", float("nan")],
    "status": ["planned", "计划", "planned", "planned", "planned", "planned", "planned", "在建", "planned"],
    "start_date": [dt.date(2025, 3, 1), None, dt.date(2025, 2, 1), None, dt.date(2025, 4, 1), None,
                   dt.date(2025, 5, 1), None, dt.date(2030, 1, 1)],
    "annual_plan": [800.0, None, 0.0, 10.0, 5.0, None, 70.0, None, 1.0],
    "planned_investment": [3000.0, 500.0, 900.0, 20.0, 6.0, 7.0, 80.0, 9.0, 2.0],
})
FIRMS = pd.DataFrame({"credit_code": [A, B], "name": ["蓉兴科技有限公司", "绵州电子有限公司"]})
#: firms no project names: with them the call takes the path that looks at every project
OTHERS = pd.DataFrame({"credit_code": [f"9151000000000{i:05d}" for i in range(20)],
                       "name": [f"无关公司{i}" for i in range(20)]})


@pytest.mark.parametrize("firms", [FIRMS.iloc[[0]], FIRMS.iloc[[1]], FIRMS])
@pytest.mark.parametrize("as_of", [dt.date(2025, 1, 1), dt.date(2025, 4, 15)])
def test_a_few_firms_get_what_the_whole_scan_gives(firms: pd.DataFrame, as_of: dt.date) -> None:
    few = projects_about_to_start(PROJECTS, firms, as_of=as_of)
    scanned = projects_about_to_start(PROJECTS, pd.concat([firms, OTHERS], ignore_index=True), as_of=as_of)
    pd.testing.assert_frame_equal(few, scanned)
    assert set(few["credit_code"]) <= set(firms["credit_code"])


def test_codes_in_the_text_and_exact_names_count() -> None:
    got = projects_about_to_start(PROJECTS, FIRMS.iloc[[0]], as_of=dt.date(2025, 1, 1))
    # P0 by name, P1 by its code in lower case, P6 by the second code of the text; not P4
    # ("蓉兴科技" is not the name) nor P7 (under construction)
    assert got["project_id"].tolist() == ["P0", "P1", "P6"]
    assert got["need"].tolist() == [800.0, 500.0, 70.0]
