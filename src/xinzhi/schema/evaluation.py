"""Inputs of title screening (gradient cultivation) and digital-maturity assessment that the
core enterprise-year table does not hold."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col

GRADIENT_APPLICATION = TableSpec(
    name="gradient_application",
    label_zh="梯度培育申报信息",
    description="Facts declared in an application for 创新型中小企业 / 专精特新 / 小巨人 / 单项冠军 titles.",
    domain="evaluation",
    key=("credit_code", "year"),
    columns=(
        col("credit_code", "str", "统一社会信用代码", required=True, checks=("credit_code",)),
        col("year", "int", "数据年度", required=True, checks=("year",)),
        col("application", "str", "申报类型", "new or recheck"),
        col("ip_level", "str", "知识产权等级"),
        col("strategic_field", "bool", "战略性新兴产业领域"),
        col("sci_award_3y", "bool", "近三年科技奖励"),
        col("rd_institution", "str", "研发机构级别"),
        col("niche_years", "float", "细分市场年限"),
        col("product_field", "str", "主导产品领域"),
        col("digital_level", "float", "数字化水平等级"),
        col("quality_items", "float", "质量管理项数"),
        col("local_points", "float", "特色化得分"),
        col("award_top", "bool", "科技奖励排名靠前", "近三年省级科技奖励排名前三或国家级科技奖励排名前五 (2022 专精特新)"),
        col("award_top3", "bool", "省部级以上科技奖励排名前三", "近三年省部级以上科技奖励排名前三 (2026 专精特新)"),
        col("makers_500", "bool", "创客中国500强"),
        col("ip_class1_applied", "float", "应用Ⅰ类知识产权数"),
        col("market_leading", "bool", "市场占有率靠前"),
        col("zjtx_eval_score", "float", "专精特新发展评价得分"),
        col("zjtx_eval_score_prev", "float", "上一年度专精特新发展评价得分", "score of the year before (2026 小巨人 re-check)"),
        col("national_award_top3", "bool", "国家级科技奖励排名前三", "近三年国家级科技奖励排名前三 (2026 小巨人)"),
        col("domestic_rank", "float", "国内细分市场排名", "rank of the main product in its domestic niche market (1 = first)"),
        col("market_share", "float", "细分市场占有率", quantity="ratio"),
        col("own_brand", "bool", "自主品牌"),
        col("info_system", "bool", "信息系统"),
        col("certification", "bool", "管理体系认证"),
        col("innovation_direct", "bool", "创新直通"),
        col("chain_key", "bool", "产业链关键环节"),
        col("key_field", "bool", "重点领域"),
        col("years_in_field", "float", "从事相关领域年限"),
        col("new_product", "bool", "新产品"),
        col("global_rank", "float", "全球排名"),
        col("tech_advanced", "bool", "技术国际先进"),
        col("core_ip", "bool", "核心知识产权"),
    ),
)

DIGITAL_ASSESSMENT = TableSpec(
    name="digital_assessment",
    label_zh="数字化水平评测",
    description="Questionnaire points per enterprise, year, dimension and item.",
    domain="evaluation",
    key=("credit_code", "year", "dimension", "item"),
    columns=(
        col("credit_code", "str", "统一社会信用代码", required=True, checks=("credit_code",)),
        col("year", "int", "年度", required=True, checks=("year",)),
        col("dimension", "str", "维度", required=True),
        col("item", "str", "题目", required=True),
        col("points", "float", "得分", required=True, nonnegative=True),
    ),
)

DIGITAL_ANSWER = TableSpec(
    name="digital_answer",
    label_zh="数字化水平评测答卷",
    description="Questionnaire answers per enterprise, year and item, scored by a digital-maturity rulebook "
                "that lists its items: an option id; the ticked option ids separated by ';' for a "
                "multiple-choice item (none when nothing is ticked); or a number.",
    domain="evaluation",
    key=("credit_code", "year", "item"),
    columns=(
        col("credit_code", "str", "统一社会信用代码", required=True, checks=("credit_code",)),
        col("year", "int", "年度", required=True, checks=("year",)),
        col("item", "str", "题目", required=True),
        col("answer", "str", "答案", required=True),
    ),
)

TABLES = (GRADIENT_APPLICATION, DIGITAL_ASSESSMENT, DIGITAL_ANSWER)
