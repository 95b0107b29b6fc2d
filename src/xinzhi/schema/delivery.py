"""Delivery tracking: indicators, their values, targets and major projects."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col

INDICATOR = TableSpec(
    name="indicator",
    label_zh="指标目录",
    description="Indicator catalog: names, unit, frequency, whether cumulative year-to-date.",
    domain="delivery",
    key=("code",),
    columns=(
        col("code", "str", "指标代码", required=True),
        col("name_zh", "str", "指标名称", required=True),
        col("name_en", "str", "英文名称"),
        col("unit", "str", "单位"),
        col("frequency", "str", "频率", "month, quarter or year", required=True),
        col("cumulative", "bool", "是否累计", "values are cumulative year-to-date"),
        col("higher_is_better", "bool", "越高越好"),
    ),
)

INDICATOR_VALUE = TableSpec(
    name="indicator_value",
    label_zh="指标数据",
    description="Indicator values per region and period (2024, 2024Q3, 2024-11).",
    domain="delivery",
    key=("indicator", "region_code", "period"),
    columns=(
        col("indicator", "str", "指标代码", required=True),
        col("region_code", "str", "区划代码", required=True, checks=("region",)),
        col("period", "str", "期间", "2024, 2024Q3 or 2024-11", required=True),
        col("value", "float", "数值", required=True),
        col("growth", "float", "同比增长", "published year-on-year growth, as a fraction", quantity="ratio"),
        col("source", "str", "来源"),
    ),
)

TARGET = TableSpec(
    name="target",
    label_zh="目标任务",
    description="Targets: region, indicator, kind, baseline and year, target value, deadline and source.",
    domain="delivery",
    key=("target_id",),
    columns=(
        col("target_id", "str", "目标编号", required=True),
        col("region_code", "str", "区划代码", required=True, checks=("region",)),
        col("indicator", "str", "指标代码", required=True),
        col("kind", "str", "目标类型", "level, share, growth, count or multiple", required=True),
        col("baseline", "float", "基期值"),
        col("baseline_year", "int", "基期年份", checks=("year",)),
        col("target_value", "float", "目标值", required=True),
        col("deadline_year", "int", "目标年份", required=True, checks=("year",)),
        col("source", "str", "来源文件"),
    ),
)

PROJECT = TableSpec(
    name="project",
    label_zh="重大项目",
    description="Major projects registry; money in 万元.",
    domain="delivery",
    key=("project_id",),
    columns=(
        col("project_id", "str", "项目编号", required=True),
        col("name", "str", "项目名称", required=True),
        col("region_code", "str", "区划代码", required=True, checks=("region",)),
        col("park_code", "str", "园区代码"),
        col("industry_code", "str", "行业代码", checks=("industry",)),
        col("chain", "str", "产业链"),
        col("chain_node", "str", "产业链节点"),
        col("investor", "str", "投资主体"),
        col("planned_investment", "float", "计划总投资", quantity="money", nonnegative=True, required=True),
        col("start_date", "date", "开工日期"),
        col("planned_completion", "date", "计划竣工日期"),
        col("status", "str", "项目状态", "planned, under construction, completed, suspended"),
    ),
)

PROJECT_PROGRESS = TableSpec(
    name="project_progress",
    label_zh="项目月度进度",
    description="Investment completed per project and month (single month, not cumulative).",
    domain="delivery",
    key=("project_id", "month"),
    columns=(
        col("project_id", "str", "项目编号", required=True),
        col("month", "str", "月份", "YYYY-MM", required=True),
        col("investment", "float", "当月完成投资", quantity="money", nonnegative=True, required=True),
    ),
)

TABLES = (INDICATOR, INDICATOR_VALUE, TARGET, PROJECT, PROJECT_PROGRESS)
