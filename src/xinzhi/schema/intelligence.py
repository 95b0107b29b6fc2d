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
        col("published", "date", "发布日期", "from the page's metadata, a dated line of the text, or the file name"),
        col("language", "str", "语言"),
        col("source", "str", "发布者", "publisher, from the page's metadata or a 来源/Source line"),
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
        col("indicator", "str", "指标", "lexicon code (gdp, gdp_growth), or the subject when the lexicon has none",
            required=True),
        col("subject", "str", "指标原文", "the phrase naming what is measured, as written"),
        col("measure", "str", "度量", "level, growth, share or change"),
        col("sector", "str", "行业代码", "GB/T 4754-2017 code of the sector the subject names"),
        col("product", "str", "产品", "product tag the subject names (多晶硅, 锂离子电池 …)"),
        col("value", "float", "数值", "in base units: yuan, count, fraction, pp, tonne, kwh …", required=True),
        col("unit", "str", "单位", "yuan, usd, count, person, fraction, pp, times, tonne, kwh, kw, m2, km2, mu …",
            required=True),
        col("qualifier", "str", "限定词", "over, nearly, about, at_least or under"),
        col("period", "str", "期间", "2023, 2023Q1, 2023-11 or 2023-01~11"),
        col("year", "int", "年份"),
        col("month_from", "int", "起始月"),
        col("month_to", "int", "截止月"),
        col("kind", "str", "类型", "actual, target or forecast", required=True),
        col("value_text", "str", "数值原文"),
        col("sentence", "str", "原句"),
        col("published", "date", "发布日期", "publication date of the fact's document"),
        col("sources", "int", "来源数", "documents the figure was read from (see fact_source)"),
        col("conflict", "bool", "与库内数据不一致", "disagrees with an indicator value or region statistic"),
        col("workspace_value", "float", "库内数值", "the workspace's figure compared, in the fact's unit"),
        col("workspace_source", "str", "库内来源", "table, indicator and period compared"),
    ),
)

FACT_SOURCE = TableSpec(
    name="fact_source",
    label_zh="事实来源",
    description=(
        "Every document a fact was read from: the same figure in a Chinese and an English article, "
        "or in two articles, is one fact with several sources."
    ),
    domain="intelligence",
    key=("fact_id", "document_id", "value_start"),
    columns=(
        col("fact_id", "str", "事实编号", required=True),
        col("document_id", "str", "文件编号", required=True),
        col("language", "str", "语言"),
        col("value_start", "int", "数值起点", required=True),
        col("value_end", "int", "数值终点"),
        col("sentence_start", "int", "句子起点"),
        col("sentence_end", "int", "句子终点"),
        col("value_text", "str", "数值原文"),
        col("sentence", "str", "原句"),
        col("published", "date", "发布日期"),
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

TABLES = (DOCUMENT, FACT, FACT_SOURCE, PRIORITY)
