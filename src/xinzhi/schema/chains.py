"""Industrial chains: nodes from upstream to downstream, edges, and node mappings."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col

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
        col("kind", "str", "映射类型", "industry, tag or product", required=True),
        col("value", "str", "映射值", required=True),
    ),
)

TABLES = (CHAIN_NODE, CHAIN_EDGE, CHAIN_NODE_MAP)
