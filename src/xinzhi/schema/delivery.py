"""Delivery tracking: indicators, their values, targets and major projects.

Every column also accepts the bilingual header written by ``xinzhi template`` (Chinese label,
a space, the English column name: ``目标编号 target_id``, ``计划总投资 planned_investment（万元）``).
Cross-column rules (deadline after baseline, shares within 0–100 % ...) live in
:mod:`xinzhi.delivery.checks` and run on import through ``row_checks``.
"""

from __future__ import annotations

from dataclasses import replace

from xinzhi.delivery.checks import (
    check_indicator_values,
    check_indicators,
    check_milestones,
    check_progress,
    check_projects,
    check_targets,
)
from xinzhi.schema.base import Column, TableSpec, col


def bilingual_header(c: Column) -> str:
    """Header ``<中文> <english>`` used by the templates (e.g. ``目标编号 target_id``)."""
    return f"{c.label_zh} {c.name}"


def bilingual(*columns: Column) -> tuple[Column, ...]:
    """The columns, each also accepting its bilingual template header as an alias."""
    return tuple(replace(c, aliases=(*c.aliases, bilingual_header(c))) for c in columns)


_bilingual = bilingual


INDICATOR = TableSpec(
    name="indicator",
    label_zh="指标目录",
    description="Indicator catalog: names, unit, frequency, whether cumulative year-to-date.",
    domain="delivery",
    key=("code",),
    columns=_bilingual(
        col("code", "str", "指标代码", required=True),
        col("name_zh", "str", "指标名称", required=True),
        col("name_en", "str", "英文名称"),
        col("unit", "str", "单位", "unit of the values as published, e.g. 亿元, 万元, 家, 比例"),
        col("frequency", "str", "频率", "month, quarter or year", required=True),
        col("cumulative", "bool", "是否累计", "values are cumulative year-to-date (1-N月)"),
        col("higher_is_better", "bool", "越高越好", "rank 1 to the highest value (false: lowest)"),
        col("measure", "str", "指标性质", "flow (adds up over time), stock (level at period end) or ratio"),
        col("category", "str", "指标类别", "e.g. 经济总量, 工业, 投资, 创新, 结构"),
        col("definition", "str", "指标解释", "definition or statistical scope (口径)"),
    ),
    row_checks=(check_indicators,),
)

INDICATOR_VALUE = TableSpec(
    name="indicator_value",
    label_zh="指标数据",
    description="Indicator values per region and period (2024, 2024Q3, 2024-11).",
    domain="delivery",
    key=("indicator", "region_code", "period"),
    columns=_bilingual(
        col("indicator", "str", "指标代码", required=True),
        col("region_code", "str", "区划代码", required=True, checks=("region",)),
        col("period", "str", "期间", "2024, 2024Q3 or 2024-11", required=True),
        col("value", "float", "数值", "in the unit of the indicator catalog", required=True),
        col("growth", "float", "同比增长",
            "published year-on-year growth as a fraction (real, at comparable prices, where the bureau says so)",
            quantity="ratio", aliases=("增速", "同比增速")),
        col("deflator", "float", "价格指数",
            "price index vs the same period of the previous year (previous year = 1.00), to compute real growth"),
        col("source", "str", "来源"),
    ),
    row_checks=(check_indicator_values,),
)

TARGET = TableSpec(
    name="target",
    label_zh="目标任务",
    description="Targets: region, indicator, kind, baseline and year, target value, deadline and source.",
    domain="delivery",
    key=("target_id",),
    columns=_bilingual(
        col("target_id", "str", "目标编号", required=True),
        col("name", "str", "目标名称", "the target as written, e.g. 高新技术企业数量倍增"),
        col("region_code", "str", "区划代码", required=True, checks=("region",)),
        col("indicator", "str", "指标代码", required=True),
        col("kind", "str", "目标类型", "level, share, growth, count or multiple", required=True),
        col("baseline", "float", "基期值",
            "value in the baseline year (empty: taken from the indicator series)", quantity="ratio"),
        col("baseline_year", "int", "基期年份", required=True, checks=("year",)),
        col("target_value", "float", "目标值",
            "level or count to reach; a share as a fraction or 20%; growth a year as 0.07 or 7%; "
            "multiple of the baseline (2 = doubling)", quantity="ratio", required=True),
        col("stretch_value", "float", "争创值", "optional stretch value (力争/争创), same form", quantity="ratio"),
        col("deadline_year", "int", "目标年份", required=True, checks=("year",)),
        col("attribute", "str", "指标属性", "预期性 (expected) or 约束性 (binding)"),
        col("source", "str", "来源文件"),
    ),
    row_checks=(check_targets,),
)

PROJECT = TableSpec(
    name="project",
    label_zh="重大项目",
    description="Major projects registry; money in 万元.",
    domain="delivery",
    key=("project_id",),
    columns=_bilingual(
        col("project_id", "str", "项目编号", required=True),
        col("name", "str", "项目名称", required=True),
        col("region_code", "str", "区划代码", required=True, checks=("region",)),
        col("park_code", "str", "园区代码"),
        col("industry_code", "str", "行业代码", checks=("industry",)),
        col("chain", "str", "产业链"),
        col("chain_node", "str", "产业链节点"),
        col("investor", "str", "投资主体"),
        col("planned_investment", "float", "计划总投资", quantity="money", nonnegative=True, required=True),
        col("annual_plan", "float", "年度计划投资", "planned investment of the current year",
            quantity="money", nonnegative=True),
        col("start_date", "date", "开工日期"),
        col("planned_completion", "date", "计划竣工日期"),
        col("actual_completion", "date", "实际竣工日期"),
        col("status", "str", "项目状态", "planned, under construction, completed, suspended (or 计划/在建/竣工/停工)"),
        col("notes", "str", "备注"),
    ),
    row_checks=(check_projects,),
)

PROJECT_PROGRESS = TableSpec(
    name="project_progress",
    label_zh="项目月度进度",
    description="Investment completed per project and month (single month, not cumulative).",
    domain="delivery",
    key=("project_id", "month"),
    columns=_bilingual(
        col("project_id", "str", "项目编号", required=True),
        col("month", "str", "月份", "YYYY-MM", required=True),
        col("investment", "float", "当月完成投资", quantity="money", nonnegative=True, required=True),
    ),
    row_checks=(check_progress,),
)

PROJECT_MILESTONE = TableSpec(
    name="project_milestone",
    label_zh="项目节点",
    description="Milestones (节点目标) of major projects: planned and actual dates.",
    domain="delivery",
    key=("project_id", "milestone"),
    columns=_bilingual(
        col("project_id", "str", "项目编号", required=True),
        col("milestone", "str", "节点名称", "e.g. 开工, 主体封顶, 设备安装, 投产", required=True),
        col("planned_date", "date", "计划完成日期", required=True),
        col("actual_date", "date", "实际完成日期"),
    ),
    row_checks=(check_milestones,),
)

TABLES = (INDICATOR, INDICATOR_VALUE, TARGET, PROJECT, PROJECT_PROGRESS, PROJECT_MILESTONE)
