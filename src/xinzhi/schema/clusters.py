"""Cluster systems (e.g. Chongqing's "33618") and their clusters' mappings."""

from __future__ import annotations

from xinzhi.schema.base import TableSpec, col

CLUSTER = TableSpec(
    name="cluster",
    label_zh="产业集群",
    description="Clusters of a cluster system, with their tier, for a region.",
    domain="clusters",
    key=("system", "cluster_code"),
    columns=(
        col("system", "str", "集群体系", "cluster system id, e.g. cq-33618", required=True),
        col("system_name", "str", "集群体系名称"),
        col("region_code", "str", "地区代码", "region the system belongs to", required=True, checks=("region",)),
        col("tier", "str", "层级", "tier name, e.g. leading, pillar, distinctive, new-star", required=True),
        col("cluster_code", "str", "集群代码", required=True),
        col("name", "str", "集群名称", required=True),
        col("name_en", "str", "英文名称"),
        col("source", "str", "来源文件", "source document, or 'placeholder'"),
    ),
)

CLUSTER_MEMBER = TableSpec(
    name="cluster_member",
    label_zh="集群行业映射",
    description="Mapping of a cluster to GB/T 4754 codes and/or enterprise tags.",
    domain="clusters",
    key=("system", "cluster_code", "kind", "value"),
    columns=(
        col("system", "str", "集群体系", required=True),
        col("cluster_code", "str", "集群代码", required=True),
        col("kind", "str", "映射类型", "industry or tag", required=True),
        col("value", "str", "映射值", "GB/T 4754 code or enterprise tag", required=True),
    ),
)

TABLES = (CLUSTER, CLUSTER_MEMBER)
