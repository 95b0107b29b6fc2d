"""Source documents and the quantitative facts extracted from them."""

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
        col("text", "str", "正文"),
    ),
)

TABLES = (DOCUMENT,)
