"""The same compiled measures on DuckDB and on Spark: identical statuses, reasons and benefits for
firms covering every status (the hand-worked firms of the measure tests, one panel). Four
measures that between them use every construct (values in levels, direct routes, negative lists,
region scope, near_when, min/max, startswith, has_tag) keep the Spark run short."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.support.conftest import panel_frame
from xinzhi.backends import connect, read_parquet
from xinzhi.support.loader import load_measures
from xinzhi.support.matching import match_measures

pytestmark = pytest.mark.spark

FIRMS = [
    {"industry_code": "3411", "rd_spending": 120.0, "net_profit": 400.0, "tax_on_accounts": True},
    {"industry_code": "5211", "rd_spending": 120.0, "tax_on_accounts": True},
    {"tags": "高新技术企业", "net_profit": 200.0, "safety_incident": False, "credit_blacklisted": False},
    {"established_year": 2019, "ip_count": 3.0, "tech_field": True, "employees": 100.0, "st_staff": 9.0,
     "revenue": 4000.0, "revenue_1": 3500.0, "revenue_2": 3000.0, "rd_spending": 220.0, "rd_spending_1": 180.0,
     "rd_spending_2": 150.0, "hitech_revenue_share": 0.7, "taxable_income": 500.0, "total_assets": 3000.0},
    {"taxable_income": 120.0, "employees": 320.0, "total_assets": 3000.0, "restricted_industry": False},
    {"size_class": "small", "industry_code": "3670", "digital_total": 35.0, "digital_spend": 150.0,
     "diagnosis_fee": 5.0, "pilot_funded": False, "credit_blacklisted": False},
    {"giant_since": 2024, "credit_blacklisted": False, "region_code": "500101"},
    {"tags": "科技型中小企业", "stage": "growth", "credit_blacklisted": None},
]


def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    path = tmp_path / "panel.parquet"
    panel_frame(FIRMS).to_parquet(path, index=False)
    measures = load_measures(["hitech-cit-2016", "tech-sme-2017", "sc-gongga-awards-2022", "rd-super-deduction-2023"])
    got = {}
    for engine in ("duckdb", "spark"):
        table = read_parquet(connect(engine), path, table_name="support_panel")
        out = match_measures(table, measures, keep=None).to_pandas()
        got[engine] = out.sort_values(["measure", "credit_code"]).reset_index(drop=True)
    duck, spark = got["duckdb"], got["spark"]
    assert len(duck) == len(FIRMS) * len(measures)
    assert set(duck["status"]) >= {"eligible", "near", "excluded", "not_eligible", "out_of_scope"}
    for c in ("credit_code", "measure", "status", "route", "lacking", "missing", "hit"):
        assert duck[c].fillna("").tolist() == spark[c].fillna("").tolist(), c
    for c in ("benefit", "value", "threshold", "gap"):
        pd.testing.assert_series_equal(duck[c].astype(float), spark[c].astype(float), check_exact=False, rtol=1e-9)
