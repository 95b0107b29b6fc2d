"""Reasons in words, Chinese and English, for chain node statuses and investment targets.

The texts restate the figures and the rule of :mod:`xinzhi.chains.coverage` and
:mod:`xinzhi.chains.targets`; nothing is computed here except the formatting of money
(万元 → 亿元 / million yuan).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["money_en", "money_zh", "node_reasons"]


def money_zh(wan: float) -> str:
    """An amount in 万元 for Chinese text: 亿元 from 1亿 up, else 万元.

    Examples
    --------
    >>> money_zh(1_234_567.0), money_zh(5_600.0)
    ('123.5亿元', '5,600万元')
    """
    if pd.isna(wan):
        return "未知"
    if abs(wan) >= 10_000:
        return f"{wan / 10_000:,.1f}亿元"
    return f"{wan:,.0f}万元"


def money_en(wan: float) -> str:
    """An amount in 万元 for English text, in yuan.

    Examples
    --------
    >>> money_en(1_234_567.0), money_en(5_600.0), money_en(12.0)
    ('12.3 billion yuan', '56 million yuan', '120,000 yuan')
    """
    if pd.isna(wan):
        return "unknown"
    yuan = wan * 10_000
    if abs(yuan) >= 1e9:
        return f"{yuan / 1e9:,.1f} billion yuan"
    if abs(yuan) >= 1e6:
        return f"{yuan / 1e6:,.0f} million yuan"
    return f"{yuan:,.0f} yuan"


def _firms_en(n: int, what: str = "firm") -> str:
    return f"{n:,} {what}" + ("" if n == 1 else "s")


def _names(nodes: list[str], names: Mapping[str, str]) -> str:
    return "、".join(str(names.get(n, n)) for n in nodes)


def node_reasons(cov: pd.DataFrame, edges: pd.DataFrame, names: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Chinese and English reasons for every row of a coverage frame (``attrs`` hold the
    thresholds and the region's chain share)."""
    weak, strong = cov.attrs.get("weak_below", 0.8), cov.attrs.get("strong_above", 1.25)
    min_firms = int(cov.attrs.get("min_firms", 1))
    chain_share = cov.attrs.get("chain_share", float("nan"))
    basis_rev = cov.attrs.get("basis", "revenue") == "revenue"
    local = set(cov.loc[cov["local_firms"] > 0, "node"])
    ups = edges.groupby("target")["source"].agg(list).to_dict() if len(edges) else {}
    downs = edges.groupby("source")["target"].agg(list).to_dict() if len(edges) else {}
    zh_out, en_out = [], []
    for r in cov.to_dict("records"):
        node, status = r["node"], r["status"]
        up = [n for n in ups.get(node, []) if n in local]
        down = [n for n in downs.get(node, []) if n in local]
        elsewhere = int(r["total_firms"]) - int(r["local_firms"])
        rest_rev = float(r["total_revenue"]) - float(r["local_revenue"])
        if status == "no_data":
            zh = "工作区没有任何企业属于该环节（其行业或产品在企业名录中无数据）：无数据，不是缺链，也不推荐招商目标"
            en = ("no enterprise of the workspace belongs to this node (no records for its industries or "
                  "products): no data, not a gap, no targets")
        elif status == "absent":
            market_zh = f"工作区其他地区有 {elsewhere:,} 家，营收 {money_zh(rest_rev)}"
            market_en = f"{_firms_en(elsewhere)} elsewhere in the workspace, revenue {money_en(rest_rev)}"
            if up and down:
                zh = (f"本地无企业；上游「{_names(up, names)}」与下游「{_names(down, names)}」本地均有企业，"
                      f"是本地链条中间的缺口（补链）；{market_zh}")
                en = (f"no local firm; local suppliers ({_names(up, names)}) and buyers ({_names(down, names)}) "
                      f"exist, so it is a hole in the local chain (fill: 补链); {market_en}")
            elif down:
                zh = f"本地无企业；其下游「{_names(down, names)}」本地有企业，可向上游延伸本地链条（延链）；{market_zh}"
                en = (f"no local firm; it supplies local nodes ({_names(down, names)}): extends the local chain "
                      f"upstream (extend: 延链); {market_en}")
            elif up:
                zh = f"本地无企业；其上游「{_names(up, names)}」本地有企业，可向下游延伸本地链条（延链）；{market_zh}"
                en = (f"no local firm; it buys from local nodes ({_names(up, names)}): extends the local chain "
                      f"downstream (extend: 延链); {market_en}")
            else:
                zh = f"本地无企业，其直接上下游本地也无企业（补链）；{market_zh}"
                en = f"no local firm, nor in its direct suppliers or buyers (fill: 补链); {market_en}"
        else:
            n, rs, share = int(r["local_firms"]), r["relative_strength"], r["share"]
            what_zh = "营收" if basis_rev else "企业数"
            what_en = "revenue" if basis_rev else "firms"
            figures_zh = (f"本地 {n:,} 家，营收 {money_zh(r['local_revenue'])}，占工作区该环节{what_zh}的 "
                          f"{share:.1%}，为本地产业链平均水平（{chain_share:.1%}）的 {rs:.2f} 倍")
            figures_en = (f"{_firms_en(n, 'local firm')}, revenue {money_en(r['local_revenue'])}: {share:.1%} of the node's "
                          f"{what_en} in the workspace, {rs:.2f} times the region's chain average ({chain_share:.1%})")
            if pd.isna(rs):
                figures_zh = f"本地 {n:,} 家，营收 {money_zh(r['local_revenue'])}（无营收数据，无法计算相对强度）"
                figures_en = f"{_firms_en(n, 'local firm')}, revenue {money_en(r['local_revenue'])} (no revenue data for a relative strength)"
            if status == "weak" and n < min_firms:
                zh = f"{figures_zh}；本地企业少于 {min_firms} 家：薄弱（强链）"
                en = f"{figures_en}; fewer than {min_firms} local firms: weak (strengthen: 强链)"
            elif status == "weak":
                zh = f"{figures_zh}，低于 {weak:g}：薄弱（强链）"
                en = f"{figures_en}, below {weak:g}: weak (strengthen: 强链)"
            elif status == "strong":
                zh = f"{figures_zh}，不低于 {strong:g}：优势"
                en = f"{figures_en}, at least {strong:g}: strong"
            else:
                zh = f"{figures_zh}，在 {weak:g}–{strong:g} 之间：具备"
                en = f"{figures_en}, between {weak:g} and {strong:g}: present"
            if int(r.get("local_by_product", 0)):
                zh += f"；其中 {int(r['local_by_product']):,} 家按产品标签或名称关键词归入"
                en += f"; {int(r['local_by_product']):,} of them placed by a product tag or a name keyword"
        if int(r.get("shared_firms", 0)) and status != "no_data":
            k = int(r["shared_firms"])
            zh += (f"；注意：{k:,} 家本地企业属行业 {r['shared_classes']} 且无产品标签，同时计入"
                   f"「{r['shared_with']}」，两者数字重叠")
            en += (f"; note: {_firms_en(k, 'local firm')} of class {r['shared_classes']} without a product tag "
                   f"also count{'s' if k == 1 else ''} in {r['shared_with']}: the figures overlap")
        if bool(r.get("bottleneck")):
            zh += "；卡脖子环节"
            en += "; bottleneck (卡脖子)"
        zh_out.append(zh)
        en_out.append(en)
    return zh_out, en_out
