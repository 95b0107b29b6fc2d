"""Digital maturity from questionnaire answers (制造业问卷 2024): item points worked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.errors import InputError, ValidationError
from xinzhi.evaluation import load_rulebook
from xinzhi.evaluation.digital_runs import run_digital
from xinzhi.evaluation.loader import rulebook_dir

BOOK = "digital-manufacturing-2024"


def _sheet(code: str, answers: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"credit_code": code, "item": [i for i, _ in answers], "answer": [a for _, a in answers]})


# A firm's answers and the points the questionnaire gives each of them.
FIRM_A = [
    ("network", "industrial_control; application；5g"),  # 3 × 2 = 6 (any of ; ； , ， 、 separates)
    ("equipment_digital", "45"),          # (40, 60] → 4.5
    ("equipment_networked", "10"),        # [0, 10] → 0: an edge falls in the lower band
    ("data_collection", "production_control、quality、human_resources"),  # 0.7 + 0.7 + 0.9 = 2.3
    ("information_systems", "over_80"),   # 7.5
    ("network_security", "3"),            # 3 × 1.25 = 3.75
    ("data_security", "0"),               # 0
    ("planning", "retrofitted"),          # 4.5
    ("mechanisms", "2"),                  # 2 × 1.875 = 3.75
    ("talent", "1"),                      # 1.5
    ("funding", "band_3"),                # 3.75
    ("energy_per_revenue", "down"),       # 7
    ("pass_rate", "flat"),                # 3.5
    ("revenue_per_employee", "up"),       # 3
    ("cost_per_revenue", "up"),           # 0
]


def test_points_dimensions_level_and_advice_by_hand() -> None:
    out = run_digital(None, BOOK, answers=_sheet("A", FIRM_A))[1].set_index("credit_code").loc["A"]
    # 基础 6 + 4.5 + 0 + 2.3 + 7.5 + 3.75 + 0 = 24.05; 管理 4.5 + 3.75 + 1.5 + 3.75 = 13.5; 成效 7 + 3.5 + 3 + 0 = 13.5
    assert out.d_foundation == pytest.approx(24.05)
    assert out.d_management == pytest.approx(13.5)
    assert out.d_results == pytest.approx(13.5)
    assert out.total == pytest.approx(51.05)
    assert out.level == "二级"  # 40 ≤ 51.05 < 60
    # shares: 基础 24.05/50 = 0.481, 管理 13.5/30 = 0.45, 成效 13.5/20 = 0.675
    assert out.weakest == "数字化管理、数字化基础"
    # points left: 数据采集 10 − 2.3 = 7.7, 生产设备联网率 6, 人才建设 6, 数据安全 5 ...
    assert out.to_improve == "数据自动采集覆盖的业务环节 +7.7; 生产设备联网率 +6; 数字化人才建设措施（项数，共5项） +6"


def test_edges_of_bands_and_levels() -> None:
    book = load_rulebook(BOOK)
    values = {"B1": "10", "B2": "10.01", "B3": "20", "B4": "20.5", "B5": "40", "B6": "40.0", "B7": "60",
              "B8": "60.1", "B9": "100", "B0": "0"}
    frame = pd.DataFrame({"credit_code": list(values), "item": "equipment_digital", "answer": list(values.values())})
    out = run_digital(None, book, answers=frame)[1].set_index("credit_code")
    # [0, 10] 0; (10, 20] 1.5; (20, 40] 3; (40, 60] 4.5; (60, 100] 6: an edge falls in the lower band
    assert out.d_foundation.to_dict() == {"B1": 0.0, "B2": 1.5, "B3": 1.5, "B4": 3.0, "B5": 3.0, "B6": 3.0,
                                          "B7": 4.5, "B8": 6.0, "B9": 6.0, "B0": 0.0}
    # exactly 20 points reaches 一级 (a boundary value takes the higher level); 19.5 does not
    at_edge = _sheet("C", [("information_systems", "all"), ("pass_rate", "up"), ("revenue_per_employee", "up")])
    below = _sheet("D", [("information_systems", "all"), ("pass_rate", "up"), ("cost_per_revenue", "flat"),
                         ("revenue_per_employee", "down"), ("talent", "0"), ("network", "none")])
    result = run_digital(None, book, answers=pd.concat([at_edge, below]))[1].set_index("credit_code")
    assert result.total.to_dict() == {"C": 20.0, "D": 18.5}
    assert result.level.to_dict() == {"C": "一级", "D": "未达一级"}


def test_answers_are_normalised_and_other_years_left_out() -> None:
    # full-width digits and spaces, a spreadsheet float, surrounding blanks: the same answers
    a = _sheet("G", [("equipment_digital", "４５"), ("equipment_networked", "45\u2009"), ("talent", 2.0),
                     ("information_systems", "\u3000all\u00a0"), ("network", " 5g ,application ")])
    out = run_digital(None, BOOK, answers=a)[1].iloc[0]
    assert (out.d_foundation, out.d_management) == (4.5 + 4.5 + 10 + 4, 3.0)
    # a file with two years: the latest is scored, unless a year is asked for; rows keep their numbers
    two = pd.concat([_sheet("H", [("information_systems", "all")]).assign(year=2023),
                     _sheet("H", [("information_systems", "single")]).assign(year=2024)], ignore_index=True)
    assert run_digital(None, BOOK, answers=two)[1].iloc[0].d_foundation == 2.5
    assert run_digital(None, BOOK, answers=two, year=2023)[1].iloc[0].d_foundation == 10.0
    two.loc[0, "answer"] = "sometimes"  # a bad row of the year not scored is not read
    assert run_digital(None, BOOK, answers=two)[1].iloc[0].d_foundation == 2.5
    with pytest.raises(ValidationError, match="answers:2:answer: item information_systems has no option 'sometimes'"):
        run_digital(None, BOOK, answers=two, year=2023)


def test_unanswered_items_earn_nothing_and_unknown_answers_are_located() -> None:
    out = run_digital(None, BOOK, answers=_sheet("E", [("planning", "visited")]))[1].iloc[0]
    assert (out.total, out.d_foundation, out.level) == (7.5, 0.0, "未达一级")
    bad = _sheet("F", [("network", "5g;5g"), ("network", "application"), ("planning", "soon"),
                       ("talent", "six"), ("equipment_digital", "120"), ("digital_twin", "yes"), ("pass_rate", ""),
                       ("mechanisms", "2.5"), ("data_security", "-1"), ("data_collection", "quality;robots")])
    bad.loc[len(bad)] = [None, "cost_per_revenue", "up"]
    with pytest.raises(ValidationError) as err:
        run_digital(None, BOOK, answers=bad, source="answers.csv")
    text = str(err.value)
    assert "answers.csv:2:answer: item network: an option is ticked twice in '5g;5g'" in text
    assert "answers.csv:3:item: F answers item network again (first on row 2)" in text
    assert "answers.csv:4:answer: item planning has no option 'soon'" in text
    assert "answers.csv:5:answer: item talent: 'six' is not a non-negative number" in text
    assert "answers.csv:6:answer: item equipment_digital: 120 is outside 0 to 100" in text
    assert "answers.csv:7:item: unknown item 'digital_twin'" in text
    assert "answers.csv:8:answer: item pass_rate: no answer" in text
    assert "answers.csv:9:answer: item mechanisms counts; 2.5 is not a whole number" in text
    assert "answers.csv:10:answer: item data_security: '-1' is not a non-negative number" in text
    assert "answers.csv:11:answer: item data_collection has no option 'robots'" in text
    assert "answers.csv:12:credit_code: no credit code" in text
    assert "13 problems" not in text and "11 problems found" in text
    with pytest.raises(InputError, match="lack column"):
        run_digital(None, BOOK, answers=bad.drop(columns="answer"))


def test_items_must_add_up_to_their_dimension(tmp_path: Path) -> None:
    text = (rulebook_dir() / f"{BOOK}.yaml").read_text(encoding="utf-8")
    p = tmp_path / "bad.yaml"
    p.write_text(text.replace('"5G industrial network", points: 2}', '"5G industrial network", points: 3}'),
                 encoding="utf-8")
    with pytest.raises(ValidationError, match="items of dimension foundation add up to 51 points, not its max_points 50"):
        load_rulebook(p)
    p.write_text(text.replace("{upto: 40, points: 3}", "{upto: 15, points: 3}"), encoding="utf-8")
    with pytest.raises(ValidationError, match="band edges"):
        load_rulebook(p)


def test_workspace_answers_and_cli(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from xinzhi.cli.main import app
    from xinzhi.credit_code import make_credit_code

    code = make_credit_code("331003", 7)
    stored = _sheet(code, FIRM_A).assign(year=2024)
    ws.write("digital_answer", stored, source="test", mode="replace")
    out = run_digital(ws, BOOK)[1].set_index("credit_code").loc[code]
    assert (out.year, out.total, out.level) == (2024, pytest.approx(51.05), "二级")
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "digital", "--rulebook", BOOK])
    assert res.exit_code == 0, res.output
    assert "二级" in res.output
    # the run is stored, and explain reads it back
    run = ws.runs(kind="digital").iloc[0]
    assert (run["name"], run["rows"]) == (BOOK, 1)
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "explain", code])
    assert res.exit_code == 0, res.output
    assert "总分 51.05, 等级 二级" in res.output
    assert "数字化管理: 13.5 / 30 分" in res.output
    assert "提分空间最大的题目: 数据自动采集覆盖的业务环节 +7.7" in res.output
    f = tmp_path / "answers.csv"
    _sheet(code, [("planning", "someday")]).to_csv(f, index=False)
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), "evaluate", "digital", str(f), "--rulebook", BOOK])
    assert res.exit_code != 0
    assert "answers.csv:2:answer: item planning has no option 'someday'" in res.output


def test_an_item_of_an_unknown_dimension_is_named(tmp_path: Path) -> None:
    text = (rulebook_dir() / f"{BOOK}.yaml").read_text(encoding="utf-8")
    p = tmp_path / "bad.yaml"
    p.write_text(text.replace("dimension: results\n    group: 产品质量", "dimension: result\n    group: 产品质量"),
                 encoding="utf-8")
    with pytest.raises(ValidationError, match=r"bad.yaml:.*items name unknown dimension"):
        load_rulebook(p)


def test_a_file_needs_no_workspace(tmp_path: Path) -> None:
    from xinzhi.cli.main import app

    f = tmp_path / "answers.csv"
    _sheet("91331003000000078U", FIRM_A).to_csv(f, index=False)
    nowhere = tmp_path / "no-workspace"
    res = CliRunner().invoke(app, ["--workspace", str(nowhere), "evaluate", "digital", str(f), "--rulebook", BOOK])
    assert res.exit_code == 0, res.output
    assert "51.05" in res.output and not nowhere.exists()
    res = CliRunner().invoke(app, ["--workspace", str(nowhere), "evaluate", "digital", str(f), "--rulebook", BOOK,
                                   "--save"])
    assert res.exit_code != 0 and "not a Xinzhi workspace" in res.output
