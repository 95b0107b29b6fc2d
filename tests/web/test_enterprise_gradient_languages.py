"""An enterprise's gradient-cultivation and digital-maturity blocks read in one language: in
English the programme titles, the explanations, the level, the weakest dimensions and the items
to improve come from the rulebooks' English and the stored result rows (the stored texts are
Chinese); in Chinese the blocks are as before. On the demo workspace (built once per session), as
the province user."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import page_login

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def client(demo_ws) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    from xinzhi.web.server import prepare

    c = TestClient(prepare(demo_ws.path))  # as `xinzhi serve`: demo users, gradient and digital runs
    assert page_login(c, "sichuan", "demo-sichuan") == 303
    yield c


def _result(demo_ws, table: str, name: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    runs = demo_ws.runs(result_table=table)
    run = runs[runs["name"] == name]
    assert len(run), (table, name)
    return pd.read_parquet(demo_ws.result_path(table, run["id"].iloc[0]))


def _firm(demo_ws, kind: str) -> str:  # type: ignore[no-untyped-def]
    """A firm assessed for digital maturity and screened for 专精特新: ineligible (a large firm),
    short (eligible, not passed, with a shortfall to explain) or passed."""
    zjtx = _result(demo_ws, "gradient_result", "zjtx-2022")
    digital = _result(demo_ws, "digital_result", "digital-manufacturing-2024")
    both = zjtx[zjtx["credit_code"].isin(digital["credit_code"])]
    pick = {"ineligible": ~both["eligible"].astype(bool),
            "short": both["eligible"].astype(bool) & ~both["passed"].astype(bool)
            & both["explanation"].str.contains("总分差"),
            "passed": both["passed"].astype(bool)}[kind]
    assert pick.any(), kind
    return str(both.loc[pick, "credit_code"].iloc[0])


def _blocks(page: str, start: str, end: str) -> str:
    """The page's text from the gradient block's title up to the next section (figures by year)."""
    text = re.sub(r"<[^>]+>", "\n", page)
    text = "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())
    a = text.index(start)
    b = text.find(end, a)
    return text[a:b if b > 0 else len(text)]


@pytest.mark.parametrize("kind", ["ineligible", "short", "passed"])
def test_gradient_and_digital_blocks_in_one_language(client: TestClient, demo_ws, kind: str) -> None:  # type: ignore[no-untyped-def]
    code = _firm(demo_ws, kind)
    en = client.get(f"/enterprises/{code}?lang=en")
    assert en.status_code == 200
    block = _blocks(en.text, "Gradient cultivation", "Figures by year")
    assert not HAN.search(block), [ln for ln in block.splitlines() if HAN.search(ln)][:5]
    assert "Specialised, refined, distinctive and innovative (SRDI) SME recognition (2022 standard)" in block
    assert "Innovative SME evaluation (2022 standard)" in block
    assert "Digital maturity · SME digital maturity assessment (manufacturing questionnaire" in block
    assert re.search(r"Total [\d.]+ · (Level [1-4]|Below level 1)", block)
    assert "Weakest dimensions: Digital " in block
    if kind == "ineligible":
        assert "Not eligible: not an SME. " in block
    elif kind == "short":
        assert "Main business revenue as a share of revenue: " in block and "Total score " in block
    else:
        assert "Meets the criteria" in block
    zh = client.get(f"/enterprises/{code}?lang=zh")
    block = _blocks(zh.text, "梯度培育", "历年数据")
    assert "专精特新中小企业认定（2022年标准）" in block and "创新型中小企业评价（2022年标准）" in block
    assert "数字化水平评测 · 中小企业数字化水平评测" in block and "最弱维度: 数字化" in block
    assert re.search(r"等级 (一|二|三|四|未达一)级", block)
    assert "SRDI" not in block and "Level" not in block and "Weakest" not in block
    if kind == "ineligible":
        assert "不符合申报条件：非中小企业。" in block
    elif kind == "short":
        assert "主营业务收入占营业收入比重: " in block and "总分差" in block
