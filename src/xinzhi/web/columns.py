"""What every column shown to people is: its quantity kind, its Chinese and English label and the
glossary entry explaining it. :mod:`xinzhi.web.formatting` turns values into text (web tables,
charts, CLI tables) and into files for people (exports) from this table alone; no page formats a
number by itself.

Kinds
-----
``text``      names and free text, shown as is
``quote``     text quoted from a source document (shown as is, in the document's language)
``code``      identifiers (region, industry, credit codes); never grouped with separators
``category``  a value from a vocabulary (:data:`xinzhi.web.i18n.VALUES`), shown translated
``year``      a calendar year (2024)
``month``     ``YYYY-MM``
``date``      a day (2024-05-01)
``count``     integers with thousands separators (24,150)
``money``     money stored in 万元; shown in 亿元 for regions, clusters and projects and in 万元 for
              firms, the unit in the header
``area``      land in 亩, with the unit in the header
``pct``       a fraction shown as a percentage with one decimal (0.0709 → 7.1%)
``index``     a dimensionless index or ratio with two decimals (LQ, PCI, density)
``score``     a score with one decimal
``points``    points of a questionnaire or rule, at most two decimals (28.5, 51.05)
``rank``      an integer rank
``flag``      true/false, shown as ✓ (是/否 in files)
``measure``   a value in the unit named by the row's ``unit`` column (targets of indicators)
``hidden``    internal columns that are never shown to people (offsets, placeholders)
``auto``      a column this table does not know (numbers at most four decimals, else text)
"""

from __future__ import annotations

from dataclasses import dataclass

NUMERIC_KINDS = frozenset({"count", "money", "area", "pct", "index", "score", "points", "rank", "measure", "year"})


@dataclass(frozen=True)
class Col:
    """One column: quantity kind, labels, glossary key (tooltip) and value vocabulary."""

    kind: str
    zh: str
    en: str
    tip: str | None = None
    vocab: str | None = None
    unit: str | None = None  # the unit of an ``area`` or other fixed-unit column (亩, 人)
    region: bool = False  # holds region names (shown with their English name on English pages)


def _c(kind: str, zh: str, en: str, tip: str | None = None, vocab: str | None = None, unit: str | None = None,
       region: bool = False) -> Col:
    return Col(kind, zh, en, tip, vocab, unit, region)


#: every column the dashboard, the exports and the CLI show, by name
COLUMNS: dict[str, Col] = {
    # identity
    "credit_code": _c("code", "统一社会信用代码", "Credit code"),
    "name": _c("text", "名称", "Name"),
    "region": _c("text", "地区", "Region"),
    "region_code": _c("code", "区划代码", "Region code"),
    "region_name": _c("text", "地区", "Region", region=True),
    "code": _c("code", "代码", "Code"),
    "park_code": _c("code", "园区代码", "Park code"),
    "park_name": _c("text", "园区", "Park"),
    "industry": _c("code", "行业代码", "Industry code"),
    "industry_code": _c("code", "行业代码", "Industry code"),
    "industry_name": _c("text", "行业", "Industry"),
    "cluster_code": _c("code", "集群代码", "Cluster code"),
    "target_id": _c("code", "目标编号", "Target id"),
    "project_id": _c("code", "项目编号", "Project id"),
    "fact_id": _c("hidden", "事实编号", "Fact id"),
    "document_id": _c("hidden", "文件编号", "Document id"),
    "node": _c("hidden", "节点代码", "Node id"),
    "indicator": _c("hidden", "指标代码", "Indicator code"),
    "level": _c("category", "层级", "Level", vocab="level"),
    # time
    "year": _c("year", "年份", "Year"),
    "established_year": _c("year", "成立年份", "Established"),
    "baseline_year": _c("year", "基期年份", "Baseline year"),
    "deadline_year": _c("year", "目标年份", "Target year"),
    "latest_year": _c("year", "最新数据年份", "Latest data year"),
    "year_100bn": _c("year", "预计达千亿年份", "Year to reach 100 bn yuan", tip="year_100bn"),
    "year_1tn": _c("year", "预计达万亿年份", "Year to reach 1 tn yuan", tip="year_100bn"),
    "period": _c("text", "期间", "Period"),
    "month": _c("month", "月份", "Month"),
    "last_investment_month": _c("month", "最近投资月份", "Last investment month"),
    "start_date": _c("date", "开工日期", "Start"),
    "planned_completion": _c("date", "计划竣工", "Planned completion"),
    "actual_completion": _c("date", "实际竣工", "Actual completion"),
    "published": _c("date", "发布日期", "Published"),
    # enterprises
    "size_class": _c("category", "企业规模", "Size class", vocab="size_class"),
    "above_scale": _c("flag", "规上企业", "Above scale", tip="above_scale"),
    "tags": _c("text", "标签", "Tags"),
    "class": _c("category", "亩均评价类别", "Per-mu class", tip="permu_class", vocab="class"),
    "score": _c("score", "得分", "Score"),
    "rank": _c("rank", "排名", "Rank"),
    "cohort_label": _c("text", "比较组", "Cohort"),
    "revenue": _c("money", "营业收入", "Revenue"),
    "main_revenue": _c("money", "主营业务收入", "Main business revenue"),
    "tax": _c("money", "税收", "Tax"),
    "value_added": _c("money", "增加值", "Value added"),
    "output": _c("money", "工业总产值", "Gross output"),
    "investment": _c("money", "固定资产投资", "Investment"),
    "exports": _c("money", "出口额", "Exports"),
    "rd_spending": _c("money", "研发经费支出", "R&D spending"),
    "total_assets": _c("money", "资产总额", "Total assets"),
    "net_profit": _c("money", "净利润", "Net profit"),
    "land_mu": _c("area", "用地", "Land", unit="亩"),
    "employees": _c("count", "从业人员", "Employees"),
    "employment": _c("count", "从业人员", "Employment"),
    "enterprises": _c("count", "企业数", "Enterprises"),
    "firms": _c("count", "企业数", "Firms"),
    "rd_staff": _c("count", "研发人员", "R&D staff"),
    "invention_patents": _c("count", "发明专利", "Invention patents"),
    "energy_tce": _c("area", "综合能耗", "Energy use", unit="吨标煤"),
    # growth and shares
    "growth": _c("pct", "同比增长", "Growth", tip="growth"),
    "share": _c("pct", "占比", "Share", tip="share"),
    "cagr": _c("pct", "年均增速", "Average annual growth", tip="cagr"),
    "cagr_years": _c("count", "增速计算年数", "Years in growth rate"),
    "progress_100bn": _c("pct", "千亿进度", "Progress to 100 bn yuan", tip="progress_100bn"),
    "progress_1tn": _c("pct", "万亿进度", "Progress to 1 tn yuan", tip="progress_100bn"),
    # structure
    "value": _c("measure", "数值", "Value"),
    "lq": _c("index", "区位商", "LQ", tip="lq"),
    "present": _c("flag", "显性比较优势", "Revealed advantage", tip="present"),
    "pci": _c("index", "产品复杂度", "PCI", tip="pci"),
    "eci": _c("index", "经济复杂度", "ECI", tip="eci"),
    "cog": _c("index", "机会增益", "COG", tip="cog"),
    "coi": _c("index", "机会前景", "COI", tip="coi"),
    "density": _c("index", "关联密度", "Density", tip="density"),
    "distance": _c("index", "距离", "Distance", tip="distance"),
    "related": _c("text", "相关优势产业", "Related strengths"),
    "children_specialised": _c("count", "专业化的下辖地区数", "Children specialised", tip="lq"),
    "hoover": _c("index", "胡佛集中度", "Hoover concentration", tip="hoover"),
    "leader": _c("code", "产值最大的下辖地区代码", "Leading child code"),
    "leader_name": _c("text", "产值最大的下辖地区", "Leading child region", region=True),
    "leader_share": _c("pct", "该地区占比", "Leader's share"),
    "specialisations": _c("text", "主要优势行业（显性比较优势）", "Top specialisations (RCA)", tip="lq"),
    "diversity": _c("count", "多样性（优势产业数）", "Diversity", tip="present"),
    "hhi": _c("index", "赫芬达尔指数", "HHI", tip="hhi"),
    "entropy": _c("index", "熵指数", "Entropy", tip="hhi"),
    "krugman": _c("index", "克鲁格曼专业化指数", "Krugman index", tip="hhi"),
    "ubiquity": _c("count", "普遍性（具备地区数）", "Ubiquity", tip="pci"),
    "explanation": _c("text", "说明", "Explanation"),
    "strength": _c("category", "强弱", "Strength", tip="lq", vocab="strength"),
    "shift_national": _c("money", "全国增长效应", "National growth effect", tip="shift_share"),
    "shift_industry": _c("money", "产业结构效应", "Industry mix effect", tip="shift_share"),
    "shift_regional": _c("money", "区域竞争效应", "Regional competitive effect", tip="shift_share"),
    "change": _c("money", "增加额", "Change", tip="shift_share"),
    "base": _c("money", "期初值", "Start value"),
    "final": _c("money", "期末值", "End value"),
    "national_share": _c("money", "全国增长效应", "National growth effect", tip="shift_share"),
    "industry_mix": _c("money", "产业结构效应", "Industry mix effect", tip="shift_share"),
    "regional_shift": _c("money", "区域竞争效应", "Regional competitive effect", tip="shift_share"),
    "start_year": _c("year", "起始年份", "Start year"),
    "end_year": _c("year", "结束年份", "End year"),
    # clusters
    "tier": _c("category", "梯队", "Tier", vocab="tier"),
    "basis": _c("category", "口径", "Basis", vocab="basis"),
    "strong": _c("flag", "优势集群", "Strong cluster", tip="strong_cluster"),
    "leading_enterprises": _c("text", "龙头企业", "Leading enterprises"),
    "placeholder": _c("hidden", "占位", "Placeholder"),
    "members": _c("count", "成员行业数", "Member industries"),
    # chains
    "stage": _c("count", "环节序号", "Stage"),
    "segment": _c("category", "环节", "Segment", vocab="segment"),
    "bottleneck": _c("flag", "卡脖子", "Bottleneck", tip="bottleneck"),
    "local_firms": _c("count", "本地企业数", "Local firms"),
    "local_revenue": _c("money", "本地营收", "Local revenue"),
    "total_firms": _c("count", "全部地区企业数", "Firms in all regions"),
    "total_revenue": _c("money", "全部地区营收", "Revenue in all regions"),
    "relative_strength": _c("index", "相对强度", "Relative strength", tip="relative_strength"),
    "status": _c("category", "状态", "Status", vocab="status"),
    "node_status": _c("category", "节点状况", "Node status", tip="node_status", vocab="node_status"),
    "gap": _c("flag", "补链", "Gap to fill", tip="gap"),
    "weak_link": _c("flag", "强链", "Link to strengthen", tip="weak_link"),
    "extension": _c("flag", "延链", "Chain extension", tip="extension"),
    "extension_side": _c("category", "延伸方向", "Extension side", vocab="segment"),
    "upstream_local": _c("count", "本地上游节点", "Local upstream nodes"),
    "downstream_local": _c("count", "本地下游节点", "Local downstream nodes"),
    "node_name": _c("text", "节点", "Node"),
    "nodes": _c("text", "所在节点", "Nodes"),
    "upstream_links": _c("count", "上游关联", "Upstream links"),
    "downstream_links": _c("count", "下游关联", "Downstream links"),
    "links": _c("count", "关联数", "Links"),
    "tagged_leader": _c("flag", "认定链主", "Designated chain leader"),
    "action": _c("category", "建议", "Action", vocab="action"),
    "node_rank": _c("rank", "节点排名", "Node rank"),
    "matched_by": _c("category", "归入方式", "Matched by", vocab="matched_by"),
    "priority": _c("index", "优先度", "Priority", tip="chain_priority"),
    "reason_zh": _c("text", "理由", "Reason"),
    "reason_en": _c("text", "理由", "Reason"),
    "shared_with": _c("text", "数字重叠的节点", "Overlapping nodes", tip="shared_figures"),
    "shared_firms": _c("count", "重叠企业数", "Firms counted twice", tip="shared_figures"),
    "shared_classes": _c("code", "共用行业代码", "Shared industry classes", tip="shared_figures"),
    "local_by_product": _c("count", "按产品标签归入企业数", "Firms placed by product tag"),
    "data": _c("flag", "有数据", "Has data"),
    "size_score": _c("score", "规模得分", "Size score"),
    "growth_score": _c("score", "成长得分", "Growth score"),
    "fit_score": _c("score", "匹配得分", "Fit score"),
    "relatedness": _c("index", "关联度", "Relatedness", tip="density"),
    # delivery
    "kind": _c("category", "类型", "Kind", vocab="kind"),
    "indicator_name": _c("text", "指标", "Indicator"),
    "unit": _c("category", "单位", "Unit", vocab="unit"),
    "target_level": _c("measure", "目标值", "Target level", tip="target_level"),
    "baseline": _c("measure", "基期值", "Baseline"),
    "actual": _c("measure", "实际值", "Actual"),
    "linear_path": _c("measure", "线性路径值", "Linear path", tip="paths"),
    "compound_path": _c("measure", "复合增长路径值", "Compound path", tip="paths"),
    "progress": _c("pct", "完成进度", "Progress", tip="target_progress"),
    "time_elapsed": _c("pct", "时间进度", "Time elapsed", tip="target_progress"),
    "achieved_cagr": _c("pct", "已实现年均增速", "Achieved annual growth", tip="cagr"),
    "required_cagr": _c("pct", "所需年均增速", "Required annual growth", tip="cagr"),
    "achieved_change": _c("measure", "已实现年均增加", "Achieved change a year"),
    "required_change": _c("measure", "所需年均增加", "Required change a year"),
    "projected": _c("measure", "预测值", "Projection", tip="projection"),
    "projected_low": _c("measure", "预测下限", "Projection (low)", tip="projection"),
    "projected_high": _c("measure", "预测上限", "Projection (high)", tip="projection"),
    "target_status": _c("category", "目标状态", "Target status", vocab="target_status"),
    "rule": _c("text", "判断依据", "Why"),
    "source": _c("quote", "来源文件", "Source"),
    "chain": _c("text", "产业链", "Chain"),
    "chain_node": _c("text", "产业链节点", "Chain node"),
    "investor": _c("text", "投资主体", "Investor"),
    "planned_investment": _c("money", "计划总投资", "Planned investment"),
    "annual_plan": _c("money", "年度计划投资", "Annual plan"),
    "cumulative_investment": _c("money", "累计完成投资", "Invested to date"),
    "ytd_investment": _c("money", "本年完成投资", "Invested this year"),
    "project_status": _c("category", "项目状态", "Project status", vocab="project_status"),
    "notes": _c("hidden", "备注", "Notes"),
    "completion": _c("pct", "投资完成率", "Investment completion", tip="completion"),
    "expected": _c("pct", "工期进度", "Construction time elapsed", tip="completion"),
    "pace_gap": _c("pct", "进度差", "Pace gap", tip="completion"),
    "behind_pace": _c("flag", "进度滞后", "Behind pace"),
    "overdue": _c("flag", "逾期未竣工", "Overdue"),
    "not_started": _c("flag", "逾期未开工", "Not started"),
    "missed_milestones": _c("count", "未按期节点", "Missed milestones"),
    "late_milestones": _c("count", "延期完成节点", "Late milestones"),
    "late": _c("flag", "滞后", "Late"),
    "suspended": _c("flag", "停工", "Suspended"),
    "stalled": _c("flag", "停滞（连续无新增投资）", "Stalled (no recent investment)"),
    "reasons": _c("text", "原因", "Reasons"),
    "size_band": _c("category", "投资规模", "Size band", vocab="size_band"),
    "severity": _c("category", "级别", "Severity", vocab="severity"),
    "band": _c("category", "投资规模", "Size band", vocab="size_band"),
    "lower": _c("money", "规模下限", "Lower bound"),
    "projects": _c("count", "项目数", "Projects"),
    "at_least": _c("count", "该规模及以上项目数", "Projects of this size or more"),
    # league tables
    "prev_rank": _c("rank", "上期排名", "Previous rank"),
    "rank_before": _c("rank", "上期排名", "Previous rank"),
    "period_before": _c("text", "比较期", "Compared with"),
    "tied": _c("flag", "并列", "Tied"),
    "growth_nominal": _c("pct", "名义增速", "Nominal growth", tip="growth"),
    "growth_real": _c("pct", "实际增速", "Real growth", tip="growth"),
    "rank_change": _c("count", "名次变化", "Rank change"),
    "prev_value": _c("measure", "上期值", "Previous value"),
    # intelligence
    "indicator_zh": _c("text", "指标", "Indicator"),
    "indicator_en": _c("text", "指标", "Indicator"),
    "shown": _c("text", "数值", "Value"),
    "qualifier": _c("text", "限定词", "Qualifier"),
    "sentence": _c("quote", "原句（出处）", "Source sentence"),
    "title": _c("quote", "来源文件", "Source document"),
    "category": _c("category", "清单类别", "List", vocab="priority_category"),
    "item": _c("quote", "原文产业名称", "Industry (as written)"),
    "taxonomy_name": _c("text", "对应类别", "Matched category"),
    "sentence_start": _c("hidden", "句子起点", "Sentence start"),
    "sentence_end": _c("hidden", "句子终点", "Sentence end"),
    "value_start": _c("hidden", "数值起点", "Value start"),
    "value_end": _c("hidden", "数值终点", "Value end"),
    "item_start": _c("hidden", "起点", "Start"),
    "item_end": _c("hidden", "终点", "End"),
    # evaluation detail
    "program": _c("text", "培育项目", "Programme"),
    "passed": _c("text", "结果", "Result"),
    "rulebook": _c("code", "规则", "Rulebook"),
    "total": _c("points", "总分", "Total"),
    "item_points": _c("score", "得分", "Points"),
    "surcharge": _c("pct", "加价比例", "Surcharge"),
    "n": _c("count", "数量", "Count"),
    "indicator_value": _c("text", "指标值", "Value"),
    "top_firms": _c("text", "本地主要企业", "Largest local firms"),
    "land_leased": _c("flag", "租赁厂房", "Leased premises"),
    "electricity": _c("area", "用电量", "Electricity", unit="万千瓦时"),
    "emissions": _c("area", "主要污染物排放当量", "Emissions (equivalent)", unit="吨"),
    "ip_count": _c("count", "知识产权数", "IP rights"),
    "debt_ratio": _c("pct", "资产负债率", "Debt ratio"),
    "equity_financing": _c("money", "股权融资", "Equity financing"),
    "safety_incident": _c("flag", "重大安全环保事故", "Major safety or environmental incident"),
    "name_en": _c("text", "英文名称", "English name"),
    "parent_code": _c("code", "上级代码", "Parent code"),
    "group_size": _c("count", "比较组企业数", "Cohort size"),
    "snapshot_id": _c("code", "快照编号", "Snapshot"),
    "at": _c("text", "时间", "At"),
    "table_name": _c("code", "表", "Table"),
    "points": _c("score", "得分", "Points"),
}


@dataclass(frozen=True)
class TableSpec:
    """How one named table is shown: money unit, key columns first, columns never shown, and
    per-table kind or label overrides (``value`` of the specialisation table is output)."""

    money: str = "yi"  # "yi" (亿元) or "wan" (万元)
    first: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    override: tuple[tuple[str, Col], ...] = ()
    sort: str | None = None  # default sort column (descending for numbers)


#: the dashboard's named tables (:data:`xinzhi.web.tables.TABLES`) and page-only tables
TABLE_SPECS: dict[str, TableSpec] = {
    "enterprises": TableSpec(money="wan", first=("name", "class", "score", "rank", "region_name", "industry_name",
                                                "size_class", "above_scale", "revenue", "tax"),
                             hide=("region_code", "park_code")),
    "enterprise_years": TableSpec(money="wan"),
    "enterprise_evaluation": TableSpec(money="wan", first=("year", "class", "score", "rank")),
    "chain_leaders": TableSpec(money="wan", first=("rank", "name", "nodes", "revenue"), hide=("region_code", "park_code")),
    "chain_targets": TableSpec(money="wan", first=("node_name", "action", "rank", "name", "region_name", "score",
                                                  "revenue", "growth", "source", "reason_zh", "reason_en", "reasons"),
                               hide=("node", "node_rank", "candidate_id", "region_code"),
                               override=(("source", Col("category", "来源", "Source", vocab="candidate_source")),
                                         ("score", Col("index", "综合得分", "Score")))),
    "indicators": TableSpec(),
    "top_industries": TableSpec(first=("name", "industry_code")),
    "parent_industries": TableSpec(first=("name", "value", "share", "children_specialised", "hoover", "leader_name",
                                          "leader_share", "pci"), hide=("leader", "year"),
                                   override=(("value", Col("money", "工业总产值", "Gross output")),)),
    "subregions": TableSpec(first=("name", "value", "code"), override=(("name", Col("text", "名称", "Name", region=True)),)),
    "specialisation": TableSpec(first=("name", "industry_code", "strength", "value", "share", "lq"),
                                override=(("value", COLUMNS["output"]),)),
    "opportunities": TableSpec(first=("rank", "name", "industry", "score", "region_name", "distance", "pci", "cog"),
                               hide=("region",),
                               override=(("score", Col("index", "综合得分", "Score", tip="opportunity_score")),
                                         ("value", Col("money", "本地产值", "Local output")),
                                         ("total", Col("money", "全部地区产值", "Output in all regions")),
                                         ("growth", Col("pct", "全部地区增速", "Growth in all regions", tip="growth")))),
    "subregion_structure": TableSpec(first=("name", "value", "share", "diversity", "eci", "coi", "hhi", "entropy",
                                            "krugman", "specialisations"), hide=("year", "level", "region"),
                                     override=(("value", Col("money", "工业总产值", "Gross output")),
                                               ("name", Col("text", "地区", "Region", region=True)))),
    "clusters": TableSpec(first=("name", "tier", "output", "growth", "share", "lq", "strong", "cagr",
                                 "progress_100bn", "year_100bn")),
    "chain_coverage": TableSpec(first=("name", "status", "relative_strength", "action", "local_firms", "local_revenue",
                                       "share", "stage", "segment", "bottleneck", "reason_zh", "reason_en"),
                                hide=("data", "shared_classes", "gap", "weak_link", "extension"),
                                override=(("status", COLUMNS["node_status"]),)),
    "chain_gaps": TableSpec(first=("rank", "name", "action", "status", "relative_strength", "priority", "reason_zh",
                                   "reason_en"),
                            override=(("status", COLUMNS["node_status"]),)),
    "targets": TableSpec(first=("name", "status", "rule", "region_name", "progress", "time_elapsed", "actual",
                                "target_level", "unit"),
                         override=(("status", COLUMNS["target_status"]), ("kind", Col("category", "目标类型", "Target kind",
                                                                                        vocab="target_kind")))),
    "projects": TableSpec(first=("name", "late", "reasons", "status", "completion", "expected", "planned_investment",
                                 "cumulative_investment", "region_name"),
                          override=(("status", COLUMNS["project_status"]),)),
    "alerts": TableSpec(first=("severity", "kind", "name", "reason", "region_name")),
    "facts": TableSpec(first=("indicator_name", "shown", "period", "kind", "published", "region_name", "sentence",
                              "title"),
                       override=(("kind", Col("category", "类型", "Kind", vocab="fact_kind")),)),
    "priorities": TableSpec(first=("region_name", "category", "taxonomy_name", "item", "title")),
    "ranking": TableSpec(first=("rank", "region_name", "value", "growth", "unit", "prev_rank", "rank_change"),
                         hide=("region_code",),
                         override=(("value", Col("measure", "数值", "Value")),
                                   ("growth", Col("pct", "同比增速", "Growth on a year earlier", tip="growth")))),
    "shift_share": TableSpec(first=("name", "industry_code", "change", "national_share", "industry_mix", "regional_shift",
                                    "base", "final")),
    "cluster_composition": TableSpec(first=("name", "industry_code", "output", "share", "growth")),
    "cluster_trend": TableSpec(),
    "evaluation_points": TableSpec(first=("indicator_name", "indicator_value", "unit", "points"),
                                   override=(("unit", Col("text", "单位", "Unit")),)),
    "gradient": TableSpec(),
    "regions": TableSpec(hide=("parent_code", "name_en"), override=(("name", Col("text", "名称", "Name", region=True)),)),
    "cluster_regions": TableSpec(first=("region_name", "output", "share", "enterprises")),
    "coverage_matrix": TableSpec(),
}
