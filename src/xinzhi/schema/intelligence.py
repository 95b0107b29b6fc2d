"""Source documents, the quantitative facts extracted from them, and named priority industries."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col

DOCUMENT = TableSpec(
    name="document",
    label_zh="来源文件",
    description="Source documents (news, policy text) with their content hash.",
    domain="intelligence",
    key=("document_id",),
    columns=(
        col("document_id", "str", "文件编号", "content hash", required=True),
        col("title", "str", "标题"),
        col("url", "str", "链接"),
        col("published", "date", "发布日期"),
        col("language", "str", "语言"),
        col("text", "str", "正文", max_length=5_000_000),
    ),
)

FACT = TableSpec(
    name="fact",
    label_zh="文本事实",
    description=(
        "Quantitative facts extracted from documents, with provenance: character offsets of the "
        "number and of the sentence in the document's plain text. Money in yuan, counts as "
        "numbers, percentages as fractions (see unit)."
    ),
    domain="intelligence",
    key=("fact_id",),
    columns=(
        col("fact_id", "str", "事实编号", "hash of document, offset, indicator", required=True),
        col("document_id", "str", "文件编号", required=True),
        col("value_start", "int", "数值起点", "character offset of the number"),
        col("value_end", "int", "数值终点"),
        col("sentence_start", "int", "句子起点"),
        col("sentence_end", "int", "句子终点"),
        col("region_code", "str", "区划代码", "resolved GB/T 2260 code (empty if none)"),
        col("region_text", "str", "地区原文"),
        col("indicator", "str", "指标", "lexicon code, e.g. gdp, gdp_growth", required=True),
        col("value", "float", "数值", "in base units: yuan, count or fraction", required=True),
        col("unit", "str", "单位", "yuan, count or fraction", required=True),
        col("qualifier", "str", "限定词", "over, nearly, about or at_least"),
        col("period", "str", "期间", "2023, 2023Q1, 2023-11 or 2023-01~11"),
        col("year", "int", "年份"),
        col("month_from", "int", "起始月"),
        col("month_to", "int", "截止月"),
        col("kind", "str", "类型", "actual, target or plan", required=True),
        col("value_text", "str", "数值原文"),
        col("sentence", "str", "原句"),
    ),
)

PRIORITY = TableSpec(
    name="priority",
    label_zh="重点产业清单",
    description="Industries named in priority lists of documents, mapped to taxonomy categories where possible.",
    domain="intelligence",
    key=("priority_id",),
    columns=(
        col("priority_id", "str", "编号", required=True),
        col("document_id", "str", "文件编号", required=True),
        col("region_code", "str", "区划代码"),
        col("category", "str", "清单类别", "e.g. 战略性新兴产业, future industries"),
        col("item", "str", "产业名称", required=True),
        col("item_start", "int", "起点"),
        col("item_end", "int", "终点"),
        col("sentence", "str", "原句"),
        col("taxonomy", "str", "分类体系", "matched taxonomy or cluster system"),
        col("taxonomy_category", "str", "类别代码"),
        col("taxonomy_name", "str", "类别名称"),
    ),
)

TABLES = (DOCUMENT, FACT, PRIORITY)
