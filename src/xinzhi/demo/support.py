"""Synthetic support inputs for the demo workspace: declared facts for measures, a catalog of
小快轻准 digital solutions and their providers, a resource catalog, bank loan products, and
planned projects of demo firms (for 银企对接).

Every row is generated (合成数据) and every catalog name says so; the distributions follow the
firms' own figures (a declared S&T staff count is at least the R&D staff, a general VAT taxpayer
has at least 500万元 of sales, titles' years are spread over the years they can have been granted).
The workspace's support reference date is fixed to the demo's reporting date, so the push lists
and the projects about to start do not change with the calendar.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["AS_OF", "build"]

logger = logging.getLogger(__name__)

SOURCE = "synthetic demo data (合成数据)"
#: the demo's reporting date (as the delivery demo: October 2025)
AS_OF = "2025-10-31"
#: share of firms with a support declaration (all Chengdu firms declare)
DECLARING = 0.45
_EQUIPMENT = ("34", "35", "38", "39", "40")
_PILOT = ("3670", "2730", "2720", "3922", "3961", "3973")

# (provider id, name, region, qualifications)
PROVIDERS = [
    ("P01", "蓉数智联科技有限公司（合成）", "510107", "中小企业数字化转型试点城市服务商;工业互联网平台"),
    ("P02", "天府工业云服务有限公司（合成）", "510116", "中小企业数字化转型试点城市服务商"),
    ("P03", "锦城精益软件有限公司（合成）", "510104", "国家级专精特新小巨人"),
    ("P04", "川西设备物联科技有限公司（合成）", "510105", "中小企业数字化转型试点城市服务商"),
    ("P05", "蜀信网络安全服务有限公司（合成）", "510107", "网络安全服务资质"),
    ("P06", "绵州智造系统集成有限公司（合成）", "510703", "省级服务型制造示范"),
    ("P07", "旌城数字咨询有限公司（合成）", "510603", ""),
    ("P08", "巴蜀能源管理科技有限公司（合成）", "510108", "节能服务公司备案"),
    ("P09", "成都质控云科技有限公司（合成）", "510112", "中小企业数字化转型试点城市服务商"),
    ("P10", "西部数字人才培训中心（合成）", "510106", "职业技能培训机构"),
]
# (name, provider, scene, items, industries, price_low, price_high, months, tags)
SOLUTIONS = [
    ("设备联网采集盒子", "P04", "设备联网", "equipment_networked;data_collection;network", "", 2, 6, 1, "小型化;快速化;轻量化"),
    ("车间工业网络改造包", "P01", "设备联网", "network;equipment_networked", "", 8, 20, 2, "快速化;精准化"),
    ("数控设备数字化改造", "P04", "设备数字化", "equipment_digital;equipment_networked", "33;34;35;36", 15, 60, 3, "精准化"),
    ("轻量化MES（SaaS）", "P02", "生产管控", "data_collection;information_systems", "", 3, 9, 2, "轻量化;快速化;云化"),
    ("汽配行业MES", "P03", "生产管控", "data_collection;information_systems;pass_rate", "36", 20, 45, 4, "精准化"),
    ("中药饮片生产追溯系统", "P09", "质量管理", "data_collection;pass_rate", "27", 10, 25, 3, "精准化"),
    ("质量检测云（SaaS）", "P09", "质量管理", "pass_rate;data_collection", "", 2, 8, 1, "小型化;云化"),
    ("仓储物流WMS云", "P02", "仓储物流", "information_systems;cost_per_revenue", "", 3, 10, 2, "轻量化;云化"),
    ("业财一体化云ERP", "P01", "经营管理", "information_systems;cost_per_revenue;revenue_per_employee", "", 5, 15, 2, "轻量化;云化"),
    ("能耗在线监测", "P08", "能耗管理", "energy_per_revenue;data_collection", "", 4, 12, 1, "小型化;快速化"),
    ("工业企业节能诊断与改造", "P08", "能耗管理", "energy_per_revenue", "25;26;30;31;32", 20, 80, 6, "精准化"),
    ("中小企业网络安全体检包", "P05", "网络安全", "network_security", "", 1, 4, 1, "小型化;快速化"),
    ("数据分级分类与备份服务", "P05", "数据安全", "data_security", "", 2, 6, 1, "轻量化"),
    ("数字化转型诊断与规划", "P07", "规划咨询", "planning;mechanisms;funding", "", 2, 5, 1, "快速化"),
    ("数字化管理制度咨询", "P07", "规划咨询", "mechanisms;planning", "", 3, 8, 2, "轻量化"),
    ("数字化人才实训营", "P10", "人才培养", "talent", "", 1, 3, 1, "小型化;快速化"),
    ("电子装配线数字孪生", "P06", "生产管控", "equipment_digital;data_collection;pass_rate", "39", 40, 120, 6, "精准化"),
    ("集成电路产线数据平台", "P06", "数据采集", "data_collection;information_systems", "397", 30, 90, 5, "精准化"),
    ("设备预测性维护", "P04", "设备管理", "equipment_networked;data_collection", "34;35;36", 6, 18, 2, "精准化;快速化"),
    ("协同研发设计云", "P03", "研发设计", "data_collection;information_systems", "34;35;36;39", 5, 15, 2, "轻量化;云化"),
    ("销售与客户管理CRM云", "P01", "营销服务", "information_systems;revenue_per_employee", "", 1, 5, 1, "小型化;云化"),
    ("化学药品制剂合规数据平台", "P09", "质量管理", "data_collection;information_systems;pass_rate", "27", 15, 40, 4, "精准化"),
]
# (name, kind, region, stages, industries, ticket_min, ticket_max, area_mu, operator)
RESOURCES = [
    ("天府新区创新创业孵化器（合成）", "incubator", "510100", "seed", "", None, None, 30, "天府新区管委会（合成）"),
    ("高新区电子信息孵化器（合成）", "incubator", "510100", "seed", "39;65", None, None, 20, "高新区（合成）"),
    ("锦江区科技企业加速器（合成）", "accelerator", "510104", "growth", "", None, None, 40, "锦江区（合成）"),
    ("成都生物医药加速器（合成）", "accelerator", "510100", "growth", "27;35", None, None, 60, "成都市（合成）"),
    ("成都智能制造中试平台（合成）", "pilot_platform", "510100", "seed;growth", "34;35;38;39", None, None, None, "成都市（合成）"),
    ("四川新材料中试基地（合成）", "pilot_platform", "510000", "seed;growth", "26;29;30;32", None, None, None, "四川省（合成）"),
    ("四川汽车零部件检验检测中心（合成）", "testing_platform", "510000", "growth;scale", "36", None, None, None, "四川省（合成）"),
    ("成都电子产品检测公共服务平台（合成）", "testing_platform", "510100", "seed;growth;scale", "39", None, None, None, "成都市（合成）"),
    ("成都经开区标准厂房（合成）", "park", "510112", "growth;scale", "34;35;36;38", None, None, 300, "经开区（合成）"),
    ("双流先进制造业用地（合成）", "industrial_land", "510116", "scale", "", None, None, 500, "双流区（合成）"),
    ("高新区研发总部用地（合成）", "rd_land", "510100", "scale", "39;65", None, None, 120, "高新区（合成）"),
    ("成都市天使投资引导基金（合成）", "venture_fund", "510100", "seed", "", 100, 1000, None, "成都市（合成）"),
    ("四川省科技成果转化投资基金（合成）", "venture_fund", "510000", "seed;growth", "", 300, 3000, None, "四川省（合成）"),
    ("成都市产业引导基金（合成）", "industrial_fund", "510100", "growth;scale", "34;35;36;38;39", 2000, 30000, None, "成都市（合成）"),
    ("四川省制造业高质量发展基金（合成）", "industrial_fund", "510000", "scale", "", 10000, 100000, None, "四川省（合成）"),
    ("川渝私募股权投资基金（合成）", "pe_fund", "510000", "growth;scale", "", 3000, 50000, None, "（合成）"),
    ("绵阳科技城孵化器（合成）", "incubator", "510700", "seed", "39", None, None, 25, "绵阳市（合成）"),
    ("绵阳军民融合产业基金（合成）", "industrial_fund", "510700", "growth;scale", "37;39;40", 1000, 20000, None, "绵阳市（合成）"),
]
# (bank, name, purpose, tool, region, min, max, rate, months, sizes, industries, stages, tags, max_debt, min_years, difficulty, projects, collateral)
PRODUCTS = [
    ("国有银行甲 四川分行（合成）", "科创成长贷（合成）", "working_capital", "科技创新和技术改造再贷款", "510000", 50, 3000, 0.029, 12,
     "medium;small;micro", "", "seed;growth", "科技型中小企业;高新技术企业", 0.75, 1, True, False, "信用"),
    ("国有银行甲 四川分行（合成）", "技改设备更新贷（合成）", "project", "科技创新和技术改造再贷款", "510000", 500, 50000, 0.031, 60,
     "", "13;14;15;17;18;19;20;21;22;23;24;25;26;27;28;29;30;31;32;33;34;35;36;37;38;39;40;41;42;43", "", "", 0.8, 2,
     False, True, "设备抵押"),
    ("股份制银行乙 成都分行（合成）", "普惠稳岗纾困贷（合成）", "working_capital", "普惠小微贷款", "510100", 10, 1000, 0.033, 12,
     "small;micro", "", "", "", 0.9, 1, True, False, "信用或担保"),
    ("城商行丙（合成）", "成长期项目贷（合成）", "project", "", "510100", 300, 20000, 0.036, 48,
     "medium;small", "", "growth;scale", "", 0.75, 3, False, True, "项目资产抵押"),
    ("农商行丁（合成）", "小微应急周转贷（合成）", "working_capital", "普惠小微贷款", "510000", 5, 500, 0.038, 6,
     "small;micro", "", "", "", 0.95, 0, True, False, "担保"),
    ("政策性银行戊 四川分行（合成）", "制造业中长期贷款（合成）", "project", "", "510000", 3000, 200000, 0.028, 120,
     "large;medium", "13;14;15;17;18;19;20;21;22;23;24;25;26;27;28;29;30;31;32;33;34;35;36;37;38;39;40;41;42;43", "", "",
     0.7, 3, False, True, "抵押或担保"),
    ("股份制银行乙 成都分行（合成）", "专精特新纾困贷（合成）", "working_capital", "", "510100", 100, 5000, 0.031, 24,
     "", "", "", "专精特新;专精特新小巨人;高新技术企业", 0.85, 2, True, False, "信用"),
]


def _pick(mask: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    return mask & (rng.random(len(mask)) < share)


def declarations(ent: pd.DataFrame, ey: pd.DataFrame, *, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Synthetic ``support_declaration`` rows for the data year: every Chengdu firm and a share of the others."""
    f = ent.merge(ey[ey["year"] == year], on="credit_code", how="inner")
    chengdu = f["region_code"].str.startswith("5101").to_numpy()
    f = f[chengdu | (rng.random(len(f)) < DECLARING)].reset_index(drop=True)
    n = len(f)
    tags = f["tags"].fillna("")
    hitech = tags.str.contains("高新技术企业").to_numpy()
    industry = f["industry_code"].astype(str)
    mfg = industry.str[:2].between("13", "43").to_numpy()
    revenue = f["revenue"].fillna(0.0).to_numpy()
    rd = f["rd_spending"].fillna(0.0).to_numpy()
    intensity = np.divide(rd, revenue, out=np.zeros(n), where=revenue > 0)
    equipment = industry.str[:2].isin(_EQUIPMENT).to_numpy()
    pilot = industry.isin(_PILOT).to_numpy()

    def year_of(mask: np.ndarray, recent: float) -> np.ndarray:
        years = np.where(rng.random(n) < recent, year, rng.integers(year - 5, year, n)).astype(float)
        return np.where(mask, years, np.nan)

    insured = np.round(revenue * rng.uniform(0.05, 0.2, n), 1)
    out = pd.DataFrame({
        "credit_code": f["credit_code"], "year": year,
        "taxable_income": np.where(rng.random(n) < 0.8, np.round(np.maximum(f["net_profit"].fillna(0.0) * rng.uniform(0.8, 1.1, n), 0), 1), np.nan),
        "tax_on_accounts": rng.random(n) < 0.92,
        "restricted_industry": rng.random(n) < 0.02,
        "st_staff": np.round(f["rd_staff"].to_numpy() * rng.uniform(1.1, 1.8, n)),
        "hitech_revenue_share": np.round(np.where(hitech, rng.beta(8, 3, n), rng.beta(2, 5, n) * (intensity > 0.02)), 3),
        "tech_field": np.where(intensity > 0.02, rng.random(n) < 0.75, rng.random(n) < 0.1),
        "ip_class1": f["invention_patents"], "ip_class2": f["ip_count"] - f["invention_patents"],
        "total_cost": np.round(revenue * rng.uniform(0.85, 0.97, n), 1),
        "vat_general": revenue >= 500,
        "mfg_sales_share": np.round(np.where(mfg, rng.beta(9, 2, n), rng.beta(1, 9, n)), 3),
        "input_vat": np.round(0.13 * np.maximum(revenue - f["value_added"].fillna(0.0).to_numpy(), 0) * rng.uniform(0.8, 1.1, n), 1),
        "other_vat_credit": industry.str.startswith(("3973", "342")).to_numpy() & (rng.random(n) < 0.3),
        "first_set_product": _pick(equipment & hitech, 0.15, rng),
        "first_set_insured": insured, "first_set_premium": np.round(insured * rng.uniform(0.01, 0.04, n), 2),
        "credit_blacklisted": rng.random(n) < 0.005,
        "giant_since": year_of(tags.str.contains("小巨人").to_numpy(), 0.25),
        "champion_since": np.nan,
        "zjtx_since": year_of(tags.str.contains("专精特新").to_numpy(), 0.3),
        "digital_spend": np.where(_pick(pilot | equipment, 0.5, rng), np.round(rng.uniform(40, 400, n)), np.nan),
        "diagnosis_fee": np.where(rng.random(n) < 0.5, np.round(rng.uniform(2, 6, n), 1), np.nan),
        "pilot_funded": rng.random(n) < 0.05,
        "first_loan": (revenue < 2000) & (rng.random(n) < 0.3),
    })
    out.loc[~out["first_set_product"], ["first_set_insured", "first_set_premium"]] = np.nan
    return out


def planned_projects(ent: pd.DataFrame, *, rng: np.random.Generator, n: int = 40) -> pd.DataFrame:
    """Synthetic planned projects of demo firms, starting in the six months after :data:`AS_OF`."""
    pool = ent[ent["above_scale"].fillna(False).astype(bool)].reset_index(drop=True)
    firms = pool.iloc[np.sort(rng.choice(len(pool), min(n, len(pool)), replace=False))]
    start = pd.Timestamp(AS_OF) + pd.to_timedelta(rng.integers(15, 170, len(firms)), unit="D")
    planned = np.round(rng.lognormal(np.log(8000.0), 0.8, len(firms)), -1)
    return pd.DataFrame({
        "project_id": [f"SUP{i + 1:03d}" for i in range(len(firms))],
        "name": [f"{str(nm)[:6]}扩产技改项目（合成）" for nm in firms["name"]],
        "region_code": firms["region_code"].to_numpy(), "park_code": firms["park_code"].to_numpy(),
        "industry_code": firms["industry_code"].to_numpy(),
        "investor": firms["name"].to_numpy(),
        "planned_investment": planned, "annual_plan": np.round(planned * rng.uniform(0.3, 0.6, len(firms)), -1),
        "start_date": start.date, "planned_completion": (start + pd.DateOffset(months=18)).date,
        "status": "planned", "notes": "synthetic: a demo firm's project for 银企对接",
    })


def fill_total_assets(ws: Workspace, ey: pd.DataFrame, *, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Total assets of the data year when the demo's enterprise facts have none (the column is
    newer than the enterprise generator): revenue over an asset turnover drawn around 1.1, the
    turnover of industrial firms. Only rows of ``year`` are rewritten; returns the facts."""
    if ey["total_assets"].notna().any():
        return ey
    rows = ey[ey["year"] == year].copy()
    turnover = rng.lognormal(np.log(1.1), 0.4, len(rows))
    rows["total_assets"] = np.round(rows["revenue"].to_numpy() / turnover, 1)
    ws.write("enterprise_year", rows, source=f"{SOURCE}: total assets", mode="upsert", user="demo")
    ey.loc[rows.index, "total_assets"] = rows["total_assets"]
    return ey


def build(ws: Workspace, rng: np.random.Generator) -> None:
    """Write the support tables and the demo firms' planned projects; fix the reference date."""
    from xinzhi.support.runs import AS_OF_META

    ent = ws.to_pandas("enterprise")
    if ent.empty or not ws.has_data("enterprise_year"):
        logger.warning("no enterprises in the workspace: support demo inputs skipped")
        return
    ey = ws.to_pandas("enterprise_year")
    year = int(ey["year"].max())
    ey = fill_total_assets(ws, ey, year=year, rng=rng)
    ws.set_meta(AS_OF_META, AS_OF)
    ws.write("support_declaration", declarations(ent, ey, year=year, rng=rng), source=SOURCE, mode="replace", user="demo")
    ws.write("digital_provider", pd.DataFrame(PROVIDERS, columns=["provider_id", "name", "region_code", "qualifications"])
             .assign(firms_served=rng.integers(20, 400, len(PROVIDERS)).astype(float), references="（合成）"),
             source=SOURCE, mode="replace", user="demo")
    sol = pd.DataFrame(SOLUTIONS, columns=["name", "provider_id", "scene", "items", "industries", "price_low",
                                           "price_high", "deploy_months", "tags"])
    sol.insert(0, "solution_id", [f"S{i + 1:02d}" for i in range(len(sol))])
    sol["name"] = sol["name"] + "（合成）"
    sol["cases"] = rng.integers(3, 80, len(sol)).astype(float)
    ws.write("digital_solution", sol, source=SOURCE, mode="replace", user="demo")
    res = pd.DataFrame(RESOURCES, columns=["name", "kind", "region_code", "stages", "industries", "ticket_min",
                                           "ticket_max", "area_mu", "operator"])
    res.insert(0, "resource_id", [f"R{i + 1:02d}" for i in range(len(res))])
    ws.write("support_resource", res, source=SOURCE, mode="replace", user="demo")
    prod = pd.DataFrame(PRODUCTS, columns=["bank", "name", "purpose", "policy_tool", "region_code", "amount_min",
                                           "amount_max", "rate", "term_months", "size_classes", "industries", "stages",
                                           "requires_tags", "max_debt_ratio", "min_years", "for_difficulty",
                                           "for_projects", "collateral"])
    prod.insert(0, "product_id", [f"L{i + 1:02d}" for i in range(len(prod))])
    ws.write("loan_product", prod, source=SOURCE, mode="replace", user="demo")
    ws.write("project", planned_projects(ent, rng=rng), source=SOURCE, mode="upsert", user="demo")
