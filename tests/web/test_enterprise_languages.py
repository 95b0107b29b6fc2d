"""An enterprise's 亩均 evaluation on its page reads in one language: in English the cohort, the
measures, the reasons, the indicator names and their units come from the rulebook's English
labels (the stored result holds the Chinese texts); in Chinese the page is as before. On the demo
workspace (built once per session), as the province user."""

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

    c = TestClient(prepare(demo_ws.path))  # as `xinzhi serve`: demo users and the demo evaluation run
    assert page_login(c, "sichuan", "demo-sichuan") == 303
    yield c


def _evaluated(demo_ws, *, flagged: bool) -> str:  # type: ignore[no-untyped-def]
    runs = demo_ws.runs(result_table="evaluation_result")
    res = pd.read_parquet(demo_ws.result_path("evaluation_result", runs["id"].iloc[-1]))
    res = res[res["score"].notna() & res["benefits"].fillna("").ne("")]
    if flagged:
        res = res[res["reason_flags"].fillna(0) > 0]
    assert len(res)
    return str(res["credit_code"].iloc[0])


def _section(page: str, title: str) -> str:
    """The text of the page from the block titled ``title`` up to the next block's title."""
    text = re.sub(r"<[^>]+>", "\n", page)
    start = text.index(title)
    rest = text[start + len(title):]
    end = min((rest.find(t) for t in ("Gradient cultivation", "梯度培育") if rest.find(t) >= 0), default=len(rest))
    return rest[:end]


@pytest.mark.parametrize("flagged", [False, True])
def test_evaluation_block_in_one_language(client: TestClient, demo_ws, flagged: bool) -> None:  # type: ignore[no-untyped-def]
    code = _evaluated(demo_ws, flagged=flagged)
    en = client.get(f"/enterprises/{code}?lang=en")
    assert en.status_code == 200
    block = _section(en.text, "Per-mu evaluation")
    assert "Cohort: Industrial firms above designated size in parks" in block
    assert "Measures: " in block and "Operating revenue per mu" in block and "10k yuan/mu" in block
    assert not HAN.search(block), [ln for ln in block.splitlines() if HAN.search(ln)][:5]
    if flagged:
        assert "Explanation: " in block and "times its weight" in block
    zh = client.get(f"/enterprises/{code}?lang=zh")
    block = _section(zh.text, "亩均评价")
    assert "园区规上工业企业" in block and "亩均营业收入" in block and "万元/亩" in block
    assert "Operating revenue" not in block and "yuan" not in block


def test_facts_card_region_and_tags(client: TestClient, demo_ws) -> None:  # type: ignore[no-untyped-def]
    ent = demo_ws.to_pandas("enterprise")
    regions = demo_ws.to_pandas("region").set_index("code")
    firm = ent[ent["tags"].fillna("").str.contains("高新技术企业") & ent["region_code"].isin(regions.index)].iloc[0]
    region = regions.loc[firm["region_code"]]
    en = client.get(f"/enterprises/{firm['credit_code']}?lang=en").text
    assert f"{region['name_en']} {region['name']}" in en and "High-tech enterprise" in en
    zh = client.get(f"/enterprises/{firm['credit_code']}?lang=zh").text
    assert "高新技术企业" in zh and "High-tech" not in zh and str(region["name_en"]) not in zh
