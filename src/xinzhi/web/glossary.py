"""What the derived figures mean, in Chinese and English: the tooltips of column headers and the
``/glossary`` page. Each entry names the formula and, where there is one, its source; the same
terms are listed in docs/glossary.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    zh: str
    en: str
    text_zh: str
    text_en: str


GLOSSARY: dict[str, Entry] = {
    "lq": Entry("区位商（LQ）", "Location quotient (LQ)",
                "本地区某产业占本地区全部产业的比重，除以同级地区合计中该产业的比重；大于 1 表示相对专业化（Balassa 显性比较优势）。",
                "The industry's share of the region's activity divided by its share in all regions of the same "
                "level; above 1 means the region is relatively specialised (Balassa's revealed comparative advantage)."),
    "present": Entry("显性比较优势", "Revealed advantage",
                     "区位商不小于 1 时记为具备（1），否则为 0；经济复杂度计算中的 M 矩阵。",
                     "1 when the location quotient is at least 1, else 0: the M matrix of economic complexity."),
    "pci": Entry("产品复杂度（PCI）", "Product complexity index (PCI)",
                 "由地区-产业专业化矩阵按 Hidalgo–Hausmann 反射法（特征向量）求得并标准化：越高表示该产业只出现在少数、产业多样的地区。",
                 "From the region × industry specialisation matrix by the Hidalgo–Hausmann method of reflections "
                 "(an eigenvector), standardised: higher means the industry is found only in few, diversified regions."),
    "eci": Entry("经济复杂度（ECI）", "Economic complexity index (ECI)",
                 "地区层面的复杂度：所专业化产业的复杂度的平均意义，标准化后比较。",
                 "The regional counterpart of PCI: how complex the industries the region specialises in are (standardised)."),
    "density": Entry("关联密度", "Density",
                     "与该产业相关（邻近度 φ 加权）的产业中本地区已具备比较优势的比例，0 到 1；越高越容易发展。",
                     "The proximity-weighted share of the industry's related industries in which the region already "
                     "has an advantage, from 0 to 1; higher is easier to enter (Hausmann et al., Atlas of Economic Complexity)."),
    "distance": Entry("距离", "Distance",
                      "1 − 关联密度：本地区现有能力与该产业的差距。",
                      "1 − density: how far the industry lies from the region's current capabilities."),
    "cog": Entry("机会增益（COG）", "Complexity outlook gain (COG)",
                 "进入该产业后本地区与更多复杂产业的关联会增加多少（Atlas of Economic Complexity 的 COG）。",
                 "How much entering the industry would bring the region closer to other complex industries "
                 "(the Atlas of Economic Complexity's COG)."),
    "coi": Entry("机会前景（COI）", "Complexity outlook index (COI)",
                 "本地区尚未具备的产业的复杂度按关联密度加权之和：可进一步发展的空间。",
                 "Density-weighted complexity of the industries the region does not yet have: its room to diversify."),
    "hhi": Entry("集中度与专业化指数", "Concentration and specialisation indices",
                 "赫芬达尔指数（HHI）= 各产业占比平方和，越大越集中；熵指数 = −Σ 占比×log₂ 占比（比特），越大越多样；"
                 "克鲁格曼指数 = Σ |本地占比 − 同级地区合计占比|（0 到 2），越大与同级地区的结构差异越大。",
                 "HHI = the sum of squared industry shares (higher is more concentrated); entropy = −Σ share × log₂ share "
                 "(bits; higher is more diverse); Krugman index = Σ |local share − share of all regions of the level| "
                 "(0 to 2; higher differs more from the peers)."),
    "shift_share": Entry("偏离-份额分析", "Shift-share analysis",
                         "把一个时期的增加额分解为全国增长效应（按全国总体增速）、产业结构效应（产业全国增速与总体增速之差）和区域竞争效应（本地增速与产业全国增速之差）。",
                         "Splits a period's change into the national growth effect (at the national rate), the industry-mix "
                         "effect (the industry's national rate minus the overall rate) and the regional competitive effect "
                         "(the local rate minus the industry's national rate)."),
    "opportunity_score": Entry("机会综合得分", "Opportunity score",
                               "候选产业在可行性（关联密度）、PCI、COG、全国增速等方面的百分位排名按所选策略加权求和，0 到 1，越高越值得优先考虑。",
                               "The candidates' percentile ranks on feasibility (density), PCI, COG and national growth, "
                               "weighted by the chosen strategy: 0 to 1, higher first."),
    "growth": Entry("同比增长", "Growth", "与上年相比的增长率。", "Change over the previous year, as a percentage."),
    "share": Entry("占比", "Share", "在本地区（或全链、全省）合计中所占的比例。",
                   "The part of the region's (or the chain's, the province's) total."),
    "cagr": Entry("年均增速", "Average annual growth",
                  "复合年均增长率：(期末值 / 期初值)^(1/年数) − 1。",
                  "Compound annual growth rate: (end / start)^(1 / years) − 1."),
    "progress_100bn": Entry("千亿进度", "Progress to 100 bn yuan",
                            "集群规模除以 1,000 亿元（万亿进度除以 10,000 亿元）；100% 表示已达千亿级。",
                            "The cluster's size divided by 100 billion yuan (1 trillion for the trillion column); "
                            "100% means it has reached that scale."),
    "year_100bn": Entry("预计达千亿年份", "Year to reach 100 bn yuan",
                        "按近年年均增速外推，规模达到 1,000 亿元（或 1 万亿元）的年份；增速不为正时为空。",
                        "The year the cluster reaches 100 billion (or 1 trillion) yuan if it keeps its recent average "
                        "growth; empty when that growth is not positive."),
    "strong_cluster": Entry("优势集群", "Strong cluster",
                            "区位商不小于 1，且在同级地区中位于前列（美国集群地图 U.S. Cluster Mapping 的强集群思路）。",
                            "Location quotient at least 1 and among the top peer regions (the U.S. Cluster Mapping idea of a strong cluster)."),
    "relative_strength": Entry("相对强度", "Relative strength",
                               "本地区在该节点营收中的占比，除以本地区在整条链营收中的占比；小于 0.8 为薄弱（强链），不小于 1.25 为优势。",
                               "The region's share of the node's revenue divided by its share of the whole chain's revenue; "
                               "below 0.8 is weak (strengthen), 1.25 or more is strong."),
    "node_status": Entry("节点状况", "Node status",
                         "优势：相对强度≥1.25；具备：0.8≤相对强度<1.25；薄弱：相对强度<0.8（强链）；缺失：没有本地企业（补链或延链）；"
                         "暂无数据：工作区没有该节点的数据，不算缺口。",
                         "Strong: relative strength ≥ 1.25; present: 0.8 ≤ relative strength < 1.25; weak: below 0.8 "
                         "(strengthen); absent: no local firm (fill or extend); no data: the workspace holds no data for "
                         "the node, never a gap."),
    "bottleneck": Entry("卡脖子环节", "Bottleneck", "产业链定义中标注的关键受制环节。",
                        "A node the chain definition marks as a critical dependency."),
    "gap": Entry("补链", "Gap to fill", "本地区没有企业、且上下游两侧本地都有（或都没有）企业的节点：本地链条中的缺口。",
                 "A node with no local firm whose local neighbours lie on both sides (or on neither): a hole in the local chain."),
    "weak_link": Entry("强链", "Link to strengthen", "本地区相对强度低于 0.8（或本地企业过少）的节点。",
                       "A node where the region's relative strength is below 0.8 (or with too few local firms)."),
    "extension": Entry("延链", "Chain extension", "本地区没有企业、只有上游一侧或下游一侧本地已有企业的节点。",
                       "A node with no local firm whose local neighbours lie on one side only (upstream or downstream)."),
    "hoover": Entry("胡佛集中度", "Hoover concentration",
                    "行业在各下辖地区的份额与全部经济在各下辖地区的份额之差的绝对值之和的一半：0 为与全部经济同样分散，越接近 1 越集中（Hoover 1936）。",
                    "Half the sum of absolute differences between the industry's and all activity's shares across "
                    "the child regions: 0 is spread like all activity, towards 1 concentrated (Hoover 1936)."),
    "chain_priority": Entry("优先度", "Priority",
                            "0 到 1：0.5×（本地上下游关联数/最大值）+0.3×缺口程度+0.2×卡脖子；越高越应优先补链、强链或延链。",
                            "0 to 1: 0.5 × (local links / the largest) + 0.3 × deficit + 0.2 × bottleneck; higher comes first."),
    "shared_figures": Entry("数字重叠", "Overlapping figures",
                            "只按行业代码归入本节点的企业若也归入其他节点，其数字在两个节点中都计入，需注意不要相加。",
                            "Firms placed in this node by industry class alone that also count in other nodes: their "
                            "figures appear in both, so the nodes must not be added up."),
    "target_level": Entry("目标值", "Target level",
                          "目标在目标年份要达到的数值：年均增长型为 基期值×(1+增速)^年数，倍增型为 基期值×倍数。",
                          "The value the target asks for in its target year: baseline × (1 + growth)^years for growth "
                          "targets, baseline × k for multiples."),
    "paths": Entry("目标路径", "Target paths",
                   "从基期值到目标值的线性路径（比重类）或复合增长路径（其他类）在最新年份的应达值。",
                   "Where the linear path (shares) or the compound path (others) from baseline to target stands in the latest year."),
    "target_progress": Entry("完成进度", "Progress",
                             "完成进度 =（实际值 − 基期值）/（目标值 − 基期值）；时间进度 =（最新年份 − 基期年份）/（目标年份 − 基期年份）。",
                             "Progress = (actual − baseline) / (target − baseline); time elapsed = (latest year − baseline "
                             "year) / (target year − baseline year)."),
    "projection": Entry("预测值", "Projection",
                        "按历年变化（漂移法）外推到目标年份的数值及 90% 区间。",
                        "The value extrapolated to the target year from past yearly changes (drift method), with a 90% interval."),
    "completion": Entry("投资完成率与工期进度", "Investment completion and time elapsed",
                        "投资完成率 = 累计完成投资 / 计划总投资；工期进度 = 已过工期 / 计划工期；两者之差超过 10 个百分点即为进度滞后。",
                        "Completion = invested to date / planned investment; time elapsed = construction time passed / "
                        "planned construction time; a gap above 10 percentage points is behind pace."),
    "above_scale": Entry("规上企业", "Above-scale enterprise",
                         "规模以上工业企业：年主营业务收入 2,000 万元及以上。",
                         "Industrial enterprises with main business revenue of at least 20 million yuan (2,000万元) a year."),
    "permu_class": Entry("亩均评价类别", "Per-mu class",
                         "亩均论英雄评价结果：A 类优先保障，B 类提升，C 类整治，D 类不达标；T 类只提供数据不参评；未纳入评价的企业为不参评。",
                         "Result of the per-mu (亩均论英雄) evaluation: A priority support, B improve, C rectify, D fails; "
                         "T supplies data but is not rated; firms outside the evaluation are not evaluated."),
    "money_units": Entry("万元与亿元", "万元 and 亿元",
                         "1 万元 = 10,000 元；1 亿元 = 10,000 万元。地区与集群合计以亿元表示，企业以万元表示。",
                         "1 万元 = 10,000 yuan; 1 亿元 = 100 million yuan. Totals of regions and clusters are shown in "
                         "亿元, firms in 万元."),
    "mu": Entry("亩", "mu (亩)", "土地面积单位，1 亩 ≈ 666.67 平方米。", "Land area unit, 1 mu ≈ 666.67 m²."),
}


def tip(lang: str, key: str | None) -> str:
    """The one-line explanation of glossary entry ``key`` in ``lang`` (empty when unknown)."""
    e = GLOSSARY.get(key or "")
    if e is None:
        return ""
    return e.text_zh if lang == "zh" else e.text_en
