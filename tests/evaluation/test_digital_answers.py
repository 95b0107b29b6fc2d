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
    ("network", "industrial_control"), ("network", "application"), ("network", "5g"),  # 3 × 2 = 6
    ("equipment_digital", "45"),          # (40, 60] → 4.5
    ("equipment_networked", "10"),        # [0, 10] → 0: an edge falls in the lower band
    ("data_collection", "production_control"), ("data_collection", "quality"),
    ("data_collection", "human_resources"),  # 0.7 + 0.7 + 0.9 = 2.3
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
    rows = [("B1", "equipment_digital", "10"), ("B2", "equipment_digital", "10.01"),
            ("B3", "equipment_digital", "100"), ("B4", "equipment_digital", "0")]
    frame = pd.DataFrame(rows, columns=["credit_code", "item", "answer"])
    out = run_digital(None, book, answers=frame)[1].set_index("credit_code")
    assert out.d_foundation.to_dict() == {"B1": 0.0, "B2": 1.5, "B3": 6.0, "B4": 0.0}
    # exactly 20 points reaches 一级 (a boundary value takes the higher level); 19.99 does not exist here,
    # so check 17.5 (below) against 20 (at the edge)
    at_edge = _sheet("C", [("information_systems", "all"), ("energy_per_revenue", "down"), ("pass_rate", "flat")])
    below = _sheet("D", [("information_systems", "all"), ("energy_per_revenue", "down")])
    levels = run_digital(None, book, answers=pd.concat([at_edge, below]))[1].set_index("credit_code").level
    assert levels.to_dict() == {"C": "一级", "D": "未达一级"}  # 10 + 7 + 3.5 = 20.5 ≥ 20; 17 < 20


def test_unanswered_items_earn_nothing_and_unknown_answers_are_located() -> None:
    out = run_digital(None, BOOK, answers=_sheet("E", [("planning", "visited")]))[1].iloc[0]
    assert (out.total, out.d_foundation, out.level) == (7.5, 0.0, "未达一级")
    bad = _sheet("F", [("network", "5g"), ("network", "5g"), ("planning", "soon"), ("planning", "aware"),
                       ("talent", "six"), ("equipment_digital", "120"), ("digital_twin", "yes"), ("pass_rate", "")])
    with pytest.raises(ValidationError) as err:
        run_digital(None, BOOK, answers=bad, source="answers.csv")
    text = str(err.value)
    assert "answers.csv:3:item: F answers item network with this option more than once" in text
    assert "answers.csv:4:answer: item planning has no option 'soon'" in text
    assert "answers.csv:5:item: F answers item planning more than once" in text
    assert "answers.csv:6:answer: item talent: 'six' is not a number" in text
    assert "answers.csv:7:answer: item equipment_digital: 120 is outside 0 to 100" in text
    assert "answers.csv:8:item: unknown item 'digital_twin'" in text
    assert "answers.csv:9:answer: item pass_rate: no answer" in text
    with pytest.raises(InputError, match="lack column"):
        run_digital(None, BOOK, answers=bad.drop(columns="answer"))


def test_items_must_add_up_to_their_dimension(tmp_path: Path) -> None:
    text = (rulebook_dir() / f"{BOOK}.yaml").read_text(encoding="utf-8")
    p = tmp_path / "bad.yaml"
    p.write_text(text.replace("{id: 5g, label: 5G工业网络, points: 2}", "{id: 5g, label: 5G工业网络, points: 3}"),
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
