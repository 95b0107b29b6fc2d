"""Interface text in Chinese and English. Column labels come from the table specs
(``label_zh``) where a column belongs to a workspace table."""

from __future__ import annotations

from functools import cache

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app": ("新质 · 产业分析", "Xinzhi · industrial analytics"),
    "overview": ("区域总览", "Overview"),
    "structure": ("产业结构", "Structure"),
    "clusters": ("产业集群", "Clusters"),
    "chains": ("产业链", "Chains"),
    "enterprises": ("企业数", "Enterprises"),
    "nav_enterprises": ("企业评价", "Enterprises"),
    "nav_support": ("政策匹配", "Support"),
    "delivery": ("项目与目标", "Projects & targets"),
    "news": ("资讯要点", "News facts"),
    "admin": ("用户管理", "Users"),
    "login": ("登录", "Log in"),
    "value": ("数值", "Value"),
    "region_name": ("地区", "Region"),
    "park_name": ("园区", "Park"),
    "share": ("占比", "Share"),
    "growth": ("同比增长", "Growth"),
    "logout": ("退出", "Log out"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "bad_login": ("用户名或密码错误", "Wrong username or password"),
    "throttled": ("登录失败次数过多，请稍后再试", "Too many failed logins; try again later"),
    "demo_banner": ("演示数据：地区与行业真实，所有数值均为合成，不代表真实情况。",
                    "Demo data: regions and industries are real; every figure is synthetic."),
    "demo_accounts": ("演示账号（仅限演示工作区）", "Demo accounts (demo workspace only)"),
    "region": ("地区", "Region"),
    "indicator": ("指标", "Indicator"),
    "year": ("年份", "Year"),
    "show": ("查看", "Show"),
    "filter": ("筛选", "Filter"),
    "all": ("全部", "All"),
    "park": ("园区", "Park"),
    "industry": ("行业代码", "Industry code"),
    "class": ("评价类别", "Class"),
    "search": ("搜索", "Search"),
    "export": ("导出", "Export"),
    "key_indicators": ("关键指标", "Key indicators"),
    "trend": ("趋势", "Trend"),
    "map": ("地图", "Map"),
    "subregions": ("下辖地区", "Sub-regions"),
    "top_industries": ("主要行业", "Top industries"),
    "top_clusters": ("重点集群", "Top clusters"),
    "targets": ("目标完成情况", "Target status"),
    "late_projects": ("滞后项目", "Late projects"),
    "projects": ("重大项目", "Major projects"),
    "enterprise_count": ("企业数", "Enterprises"),
    "above_scale": ("规上企业", "Above-scale"),
    "cities": ("市州", "Cities"),
    "counties": ("县区", "Counties"),
    "parks": ("园区", "Parks"),
    "revenue": ("营业收入（万元）", "Revenue (10k yuan)"),
    "tax": ("税收（万元）", "Tax (10k yuan)"),
    "value_added": ("增加值（万元）", "Value added (10k yuan)"),
    "land_mu": ("用地（亩）", "Land (mu)"),
    "output": ("工业总产值（万元）", "Gross output (10k yuan)"),
    "employment": ("从业人员", "Employment"),
    "investment": ("固定资产投资（万元）", "Investment (10k yuan)"),
    "exports": ("出口额（万元）", "Exports (10k yuan)"),
    "employees": ("从业人员", "Employees"),
    "name": ("名称", "Name"),
    "credit_code": ("统一社会信用代码", "Credit code"),
    "score": ("得分", "Score"),
    "rank": ("排名", "Rank"),
    "reasons": ("说明", "Explanation"),
    "evaluation": ("亩均评价", "Per-mu evaluation"),
    "gradient": ("梯度培育", "Gradient cultivation"),
    "no_gradient_run": ("尚无梯度培育筛选结果。运行 `xinzhi evaluate gradient --program zjtx-2022`（或 innovative-sme-2022 等）后显示。",
                        "No gradient-cultivation screening yet. Run `xinzhi evaluate gradient --program zjtx-2022` "
                        "(or innovative-sme-2022 …) to show it here."),
    "not_screened": ("该企业不在最近的梯度培育筛选结果中。", "This enterprise is not in the latest gradient screening."),
    "digital": ("数字化水平评测", "Digital maturity"),
    "no_digital_run": ("尚无数字化水平评测结果。运行 `xinzhi evaluate digital --rulebook digital-manufacturing-2024` 后显示。",
                       "No digital-maturity assessment yet. Run `xinzhi evaluate digital --rulebook "
                       "digital-manufacturing-2024` to show it here."),
    "not_assessed": ("该企业不在最近的数字化水平评测结果中。", "This enterprise is not in the latest digital-maturity assessment."),
    "total": ("总分", "Total"),
    "level": ("等级", "Level"),
    "weakest": ("最弱维度", "Weakest dimensions"),
    "to_improve": ("提分空间最大的题目", "Items with the most points to gain"),
    "passed": ("符合", "Meets the criteria"),
    "not_passed": ("不符合", "Does not meet the criteria"),
    "program": ("培育项目", "Programme"),
    "rulebook": ("规则", "Rulebook"),
    "density": ("密度", "Density"),
    "industry_code": ("行业代码", "Industry code"),
    "size_class": ("企业规模", "Size class"),
    "established_year": ("成立年份", "Established"),
    "tags": ("标签", "Tags"),
    "land_leased": ("是否租赁厂房", "Leased land"),
    "main_revenue": ("主营业务收入（万元）", "Main revenue (10k yuan)"),
    "energy_tce": ("综合能耗（吨标煤）", "Energy (tce)"),
    "electricity": ("用电量（万千瓦时）", "Electricity (10k kWh)"),
    "emissions": ("主要污染物排放当量", "Emissions"),
    "rd_spending": ("研发经费支出（万元）", "R&D spending (10k yuan)"),
    "rd_staff": ("研发人员", "R&D staff"),
    "invention_patents": ("发明专利", "Invention patents"),
    "distance": ("距离", "Distance"),
    "pci": ("产品复杂度 PCI", "PCI"),
    "eci": ("经济复杂度 ECI", "ECI"),
    "cog": ("机会增益 COG", "COG"),
    "coi": ("机会前景 COI", "COI"),
    "lq": ("区位商", "Location quotient"),
    "present": ("显性比较优势", "Revealed advantage"),
    "related": ("相关产业", "Related industries"),
    "explanation": ("说明", "Explanation"),
    "basis": ("依据", "Basis"),
    "actual": ("实际", "actual"),
    "target": ("目标", "target"),
    "plan": ("计划", "plan"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "figures_by_year": ("历年数据", "Figures by year"),
    "no_evaluation": ("尚无评价结果（运行 xinzhi evaluate 后显示）。",
                      "No evaluation results yet (shown after `xinzhi evaluate`)."),
    "unavailable": ("该功能模块尚未安装或尚无数据。", "This capability is not installed or has no data yet."),
    "no_data": ("暂无数据。", "No data."),
    "not_found": ("未找到。", "Not found."),
    "boundary_note": ("边界仅为示意，不作为权威地图。", "Boundaries are for illustration only; not an approved map."),
    "province_map_note": ("未上传下级区划边界：地图显示省级边界并突出本省，下辖地区见右侧图表。",
                          "No sub-region boundaries uploaded: the map shows provinces with this one highlighted; sub-regions are charted alongside."),
    "upload_geojson": ("上传边界 GeoJSON（以区划代码为 id）", "Upload boundaries as GeoJSON (feature id = region code)"),
    "upload": ("上传", "Upload"),
    "rows": ("行", "rows"),
    "page": ("页", "page"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "specialisation": ("专业化（区位商）", "Specialisation (location quotient)"),
    "opportunities": ("发展机会", "Opportunities"),
    "users": ("用户", "Users"),
    "audit": ("审计日志", "Audit log"),
    "add_user": ("新增用户", "Add user"),
    "role": ("角色", "Role"),
    "region_code": ("区划代码", "Region code"),
    "save": ("保存", "Save"),
    "disable": ("停用", "Disable"),
    "enable": ("启用", "Enable"),
    "scope": ("数据范围", "Scope"),
    "api_docs": ("API 文档", "API docs"),
    "facts": ("抽取的事实", "Extracted facts"),
    "facts_by_indicator": ("各指标事实数", "Facts by indicator"),
    "priorities": ("重点产业清单", "Priority industries"),
    "indicator_name": ("指标名称", "Indicator name"),
    "shown": ("数值", "Value"),
    "period": ("期间", "Period"),
    "kind": ("类型", "Kind"),
    "sentence": ("原句（出处）", "Source sentence"),
    "title": ("来源文件", "Source document"),
    "category": ("清单类别", "List"),
    "item": ("产业名称", "Industry"),
    "taxonomy_name": ("对应类别", "Matched category"),
    "fact_id": ("事实编号", "Fact id"),
    "coverage": ("本地覆盖", "Local coverage"),
    "gaps": ("缺失环节", "Gaps"),
    "leaders": ("链主企业", "Chain leaders"),
    "targets_invest": ("招商目标", "Investment targets"),
    "chain": ("产业链", "Chain"),
    "chain_graph": ("产业链图谱", "Chain map"),
    "chain_graph_note": ("从左到右为上游到下游；颜色为本地覆盖状况，菱形紫框为卡脖子环节，点的大小为本地营收。",
                         "Upstream to downstream, left to right; colour is local coverage, purple diamonds "
                         "are bottlenecks, size is local revenue."),
    "strategy": ("策略", "Strategy"),
    "feasibility": ("可行性", "Feasibility"),
    "attractiveness": ("吸引力", "Attractiveness"),
    "tiers": ("集群梯队", "Tiers"),
    "thresholds": ("门槛进度", "Thresholds progress"),
}


@cache
def gettext(lang: str) -> dict[str, str]:
    """The text table of ``lang`` (``zh`` or ``en``); unknown keys fall back to the key."""
    i = 0 if lang == "zh" else 1
    return {k: v[i] for k, v in TEXT.items()}


def label(lang: str, key: str) -> str:
    """One text (or a column label): the translation, else the spec's Chinese label, else the key."""
    t = gettext(lang).get(key)
    if t is not None:
        return t
    if lang == "zh":
        zh = _spec_labels().get(key)
        if zh:
            return zh
    return key.replace("_", " ")


@cache
def _spec_labels() -> dict[str, str]:
    from xinzhi.schema import TABLES

    out: dict[str, str] = {}
    for spec in TABLES.values():
        for c in spec.columns:
            out.setdefault(c.name, c.label_zh)
    return out
