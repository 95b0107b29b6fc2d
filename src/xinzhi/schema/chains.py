"""Industrial chains: nodes from upstream to downstream, edges, and node mappings."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col
from xinzhi.schema.delivery import bilingual

CHAIN_NODE = TableSpec(
    name="chain_node",
    label_zh="产业链节点",
    description="Nodes of a chain; stage orders them from upstream (1) to downstream.",
    domain="chains",
    key=("chain", "node"),
    columns=(
        col("chain", "str", "产业链", "chain id, e.g. nev", required=True),
        col("chain_name", "str", "产业链名称"),
        col("node", "str", "节点代码", required=True),
        col("name", "str", "节点名称", required=True),
        col("stage", "int", "环节序号", "1 = most upstream"),
        col("segment", "str", "环节", "upstream, midstream or downstream"),
        col("bottleneck", "bool", "卡脖子", "user-tagged bottleneck / import-dependent node"),
    ),
)

CHAIN_EDGE = TableSpec(
    name="chain_edge",
    label_zh="产业链关系",
    description="Directed supply edges of a chain: source supplies target.",
    domain="chains",
    key=("chain", "source", "target"),
    columns=(
        col("chain", "str", "产业链", required=True),
        col("source", "str", "上游节点", required=True),
        col("target", "str", "下游节点", required=True),
    ),
)

CHAIN_NODE_MAP = TableSpec(
    name="chain_node_map",
    label_zh="产业链节点映射",
    description="Mapping of chain nodes to industries, products or enterprise tags.",
    domain="chains",
    key=("chain", "node", "kind", "value"),
    columns=(
        col("chain", "str", "产业链", required=True),
        col("node", "str", "节点代码", required=True),
        col("kind", "str", "映射类型", "industry, tag, product or keyword (matched in the enterprise name)",
            required=True),
        col("value", "str", "映射值", required=True),
    ),
)

CHAIN_CANDIDATE = TableSpec(
    name="chain_candidate",
    label_zh="招商候选企业名单",
    description=("Investment-attraction candidates from outside the workspace's own records (a national list "
                 "of listed firms, little giants ...): matched to chain nodes by industry, product tags or "
                 "name keywords and ranked with the workspace's firms by `xinzhi chain targets`. Money in 万元."),
    domain="chains",
    key=("list", "candidate_id"),
    columns=bilingual(
        col("list", "str", "名单", "name of the list, e.g. 深交所A股 2025-10 or 第五批专精特新小巨人", required=True),
        col("candidate_id", "str", "名单内编号", "stock code, credit code or any id unique within the list",
            aliases=("A股代码", "证券代码", "股票代码"), required=True),
        col("name", "str", "企业名称", aliases=("公司全称", "企业名称"), required=True),
        col("credit_code", "str", "统一社会信用代码", "if known; a firm already in the workspace is not repeated",
            checks=("credit_code",)),
        col("region_code", "str", "所在地区代码", "province, city or county code (GB/T 2260), if known",
            checks=("region",)),
        col("industry_code", "str", "行业代码", "GB/T 4754 code at any level (a section letter such as C is enough)",
            checks=("industry",)),
        col("products", "str", "主要产品", "semicolon-separated product tags, matched with the chain nodes' products"),
        col("tags", "str", "荣誉标签", "semicolon-separated honours, e.g. 上市企业;专精特新小巨人"),
        col("revenue", "float", "营业收入", "latest annual revenue", quantity="money", nonnegative=True),
        col("revenue_prev", "float", "上年营业收入", "revenue of the year before", quantity="money", nonnegative=True),
        col("year", "int", "年份", "year of the revenue", checks=("year",)),
        col("source", "str", "来源", "publisher and date of the list"),
    ),
)

TABLES = (CHAIN_NODE, CHAIN_EDGE, CHAIN_NODE_MAP, CHAIN_CANDIDATE)
