"""The support panel's size class is derived from the data (统计上大中小微型企业划分办法（2017）),
never a stated class the data contradict."""

from __future__ import annotations

import ibis
import pandas as pd

from xinzhi.support.panel import build_panel


def test_size_class_comes_from_the_data_not_from_a_contradicted_statement() -> None:
    ent = pd.DataFrame({
        "credit_code": ["BIG", "SMALL", "UNKNOWN"], "region_code": "510104", "park_code": None,
        "industry_code": "3311", "size_class": ["small", "small", "micro"], "above_scale": True,
        "established_year": 2010, "tags": "",
    })
    # BIG: 4,503 staff and 23亿元 revenue is large in industry (≥ 1,000 staff and ≥ 4亿元), whatever it
    # states; SMALL: 50 staff and 3,000万元 is small (≥ 20 staff and ≥ 300万元, under 300 staff or
    # 2,000万元); UNKNOWN reports nothing, so its stated class stands
    ey = pd.DataFrame({"credit_code": ["BIG", "SMALL", "UNKNOWN"], "year": 2024,
                       "employees": [4503.0, 50.0, None], "revenue": [230000.0, 3000.0, None]})
    out = build_panel(ibis.memtable(ey), ibis.memtable(ent), year=2024).to_pandas().set_index("credit_code")
    assert out.loc["BIG", "size_class"] == "large"
    assert out.loc["SMALL", "size_class"] == "small"
    assert out.loc["UNKNOWN", "size_class"] == "micro"
