"""Synthetic delivery data for the demo workspace (Sichuan): an indicator catalog, monthly,
quarterly and annual series for the province and its 21 cities, targets in every status, and
about 60 major projects with monthly investment and milestones, some of them late.

City GDP follows the published figures (``data/city_gdp.csv``, with small noise); above-scale
industrial value added is the sum of the demo's county × industry statistics, so the two agree.

Everything here is generated (标注为合成数据): names end in （合成）, sources say "synthetic".
The province's flows are the sums of its cities' (an accounting identity the tests check).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from xinzhi.demo.calibration import city_gdp

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

PROVINCE = "510000"
SOURCE = "synthetic demo data"
AS_OF = "2025-10"
YEARS = range(2019, 2025)

CATALOG = pd.DataFrame([
    # code, name_zh, name_en, unit, frequency, cumulative, higher_is_better, measure, category
    ("gdp", "地区生产总值", "Gross regional product", "亿元", "quarter", True, True, "flow", "经济总量"),
    ("industrial_va", "规模以上工业增加值", "Value added of above-scale industry", "亿元", "month", True, True, "flow", "工业"),
    ("industrial_investment", "工业投资", "Industrial investment", "万元", "month", True, True, "flow", "投资"),
    ("high_tech_enterprises", "高新技术企业数", "High-tech enterprises", "家", "year", False, True, "stock", "创新"),
    ("tech_smes", "科技型中小企业数", "Technology-based SMEs", "家", "year", False, True, "stock", "创新"),
    ("hitech_mfg_share", "高技术制造业增加值占规上工业比重", "High-tech manufacturing share of industrial VA",
     "比例", "year", False, True, "ratio", "结构"),
    ("energy_intensity", "单位地区生产总值能耗（2020=1）", "Energy use per unit of GDP (2020 = 1)", "指数",
     "year", False, False, "ratio", "绿色"),
    ("rd_intensity", "研发经费投入强度", "R&D spending over GDP", "比例", "year", False, True, "ratio", "创新"),
    ("billion_platforms", "千亿级产业平台数", "Industrial platforms with output above 100 billion yuan", "个",
     "year", False, True, "stock", "平台"),
    ("population", "常住人口", "Resident population (year end)", "万人", "year", False, True, "stock", "人口"),
], columns=["code", "name_zh", "name_en", "unit", "frequency", "cumulative", "higher_is_better",
            "measure", "category"])

# Sichuan's six advantage industries (六大优势产业) with chain nodes and a GB/T 4754 class each
CHAINS: dict[str, list[tuple[str, str]]] = {
    "电子信息": [("集成电路", "3973"), ("新型显示", "3974"), ("智能终端", "3922")],
    "装备制造": [("航空装备", "3741"), ("轨道交通装备", "3711"), ("清洁能源装备", "3415")],
    "先进材料": [("锂电材料", "3841"), ("晶硅光伏", "3825"), ("钒钛新材料", "3240")],
    "能源化工": [("天然气化工", "2614"), ("精细化工", "2661")],
    "食品轻纺": [("白酒", "1512"), ("饮料", "1523")],
    "医药健康": [("生物药品", "2761"), ("医疗器械", "3581")],
}
_WORDS = ["智能制造", "产业化", "扩能", "技改", "产业园", "生产基地", "研发中心及产业化"]


def _cities(regions: pd.DataFrame) -> pd.DataFrame:
    return regions[(regions["parent_code"] == PROVINCE) & (regions["level"] == "city")].sort_values("code")


def _annual_gdp(codes: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """City GDP per year (亿元): the published figures of ``data/city_gdp.csv`` (estimates where
    none was found) with 0.25 % noise, 2025 extended at the city's 2024 nominal growth; ``growth``
    is the published real growth, else 90 % of the nominal growth."""
    g = city_gdp(rng)
    g = g[g["city_code"].isin(codes)].copy()
    g["nominal"] = g.groupby("city_code")["gdp"].pct_change()
    g["growth"] = g["real_growth"].fillna(0.9 * g["nominal"])
    last = g[g["year"] == YEARS[-1]]
    ext = last.assign(year=2025, gdp=last["gdp"] * (1.0 + last["nominal"] * rng.normal(1.0, 0.1, len(last))),
                      growth=last["growth"] * rng.normal(1.0, 0.1, len(last)))
    out = pd.concat([g, ext], ignore_index=True)
    return out[["city_code", "year", "gdp", "growth"]].sort_values(["city_code", "year"]).reset_index(drop=True)


def _city_weights(annual: pd.DataFrame) -> pd.Series:
    """Each city's share of the province's GDP in the last full year."""
    w = annual[annual["year"] == YEARS[-1]].set_index("city_code")["gdp"]
    return w / w.sum()


def _quarterly_gdp(annual: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Cumulative quarterly GDP (1–N季度) from the annual figures; 2025 up to the third quarter."""
    rows = []
    seasonal = np.array([0.22, 0.25, 0.25, 0.28])
    for r in annual.itertuples(index=False):
        shares = seasonal * rng.normal(1.0, 0.01, 4)
        cum = np.cumsum(shares / shares.sum()) * r.gdp
        n_q = 3 if r.year == 2025 else 4
        for q in range(n_q):
            growth = None if pd.isna(r.growth) else round(float(r.growth), 4)
            rows.append((str(r.city_code), f"{r.year}Q{q + 1}", round(float(cum[q]), 2), growth))
    out = pd.DataFrame(rows, columns=["region_code", "period", "value", "growth"])
    return out.assign(indicator="gdp")


def _industrial_va(ws: Workspace, annual: pd.DataFrame, rng: np.random.Generator) -> dict[tuple[str, int], float]:
    """Above-scale industrial value added per city and year (亿元): the sum of the demo's
    ``region_industry_year`` over the city's counties where the workspace has it (so that the
    indicator and the industry statistics agree), else 27 % of GDP; 2025 extends 2024 by 6 %."""
    gdp = {(r.city_code, int(r.year)): float(r.gdp) for r in annual.itertuples(index=False)}
    out: dict[tuple[str, int], float] = {}
    if ws.has_data("region_industry_year"):
        riy = ws.to_pandas("region_industry_year")
        regions = ws.to_pandas("region").set_index("code")["parent_code"]
        va = riy.assign(city=riy["region_code"].map(regions)).groupby(["city", "year"])["value_added"].sum() / 1e4
        out = {(str(c), int(y)): float(v) for (c, y), v in va.items()}
    for (c, y), v in gdp.items():
        if y < 2025 and (c, y) not in out:
            out[(c, y)] = v * 0.27 * rng.uniform(0.95, 1.05)
    for c in {c for c, _ in gdp}:
        out[(c, 2025)] = out[(c, 2024)] * 1.06 * rng.uniform(0.98, 1.02)
    return out


def _monthly_cumulative(annual: dict[tuple[str, int], float], indicator: str, rng: np.random.Generator,
                        *, last_month: dict[int, int], decimals: int) -> pd.DataFrame:
    """Cumulative 1–N月 values from annual totals; January is published with February (1–2月)."""
    rows = []
    for (code, year), total in annual.items():
        shares = rng.dirichlet(np.full(12, 40.0))
        cum = np.cumsum(shares) * total
        for m in range(2, last_month.get(year, 12) + 1):
            rows.append((code, f"{year}-{m:02d}", round(float(cum[m - 1]), decimals)))
    return pd.DataFrame(rows, columns=["region_code", "period", "value"]).assign(indicator=indicator)


def _sum_to_province(city_values: pd.DataFrame) -> pd.DataFrame:
    prov = city_values.groupby(["indicator", "period"], as_index=False)["value"].sum()
    return prov.assign(region_code=PROVINCE)


def _projects(regions: pd.DataFrame, cities: pd.DataFrame, weights: pd.Series,
              rng: np.random.Generator, n: int = 60) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    parks = regions[regions["level"] == "park"]
    counties = regions[regions["level"] == "county"]
    as_of = pd.Timestamp(AS_OF + "-01") + pd.offsets.MonthEnd(0)
    rows, progress, milestones = [], [], []
    kinds = rng.choice(["on_pace", "on_pace", "on_pace", "behind", "stalled", "completed", "planned",
                        "suspended", "overdue"], size=n)
    city_codes = rng.choice(weights.index.to_numpy(), size=n, p=weights.to_numpy())
    for i in range(n):
        kind = str(kinds[i])
        city = str(city_codes[i])
        in_city = parks[parks["parent_code"].isin(counties.loc[counties["parent_code"] == city, "code"])]
        park = in_city.sample(1, random_state=rng.integers(1 << 30)).iloc[0] if len(in_city) and rng.random() < 0.6 else None
        region = str(park["parent_code"]) if park is not None else city
        chain = str(rng.choice(list(CHAINS)))
        node, industry = CHAINS[chain][int(rng.integers(len(CHAINS[chain])))]
        planned = float(np.round(rng.lognormal(np.log(300_000.0), 0.9), -2))
        if i < 6:
            planned = float(np.round(rng.uniform(1_000_000.0, 3_000_000.0), -3))  # ≥ 100亿
        months = int(rng.integers(18, 49))
        if kind == "planned":
            start = pd.Timestamp(2026, int(rng.integers(1, 7)), 1)
        elif kind in ("completed", "overdue"):
            start = pd.Timestamp(int(rng.integers(2021, 2023)), int(rng.integers(1, 13)), 1)
            months = int(rng.integers(18, 30))
        else:
            start = pd.Timestamp(int(rng.integers(2022, 2025)), int(rng.integers(1, 13)), 1)
        finish = start + pd.DateOffset(months=months) - pd.Timedelta(days=1)
        if kind == "overdue" and finish >= as_of:
            finish = as_of - pd.DateOffset(months=int(rng.integers(2, 10)))
        if kind == "on_pace" and finish < as_of:
            kind = "completed"  # finished on time
        status = {"planned": "planned", "completed": "completed", "suspended": "suspended"}.get(
            kind, "under construction")
        pace = {"on_pace": rng.uniform(0.95, 1.15), "behind": rng.uniform(0.35, 0.6),
                "stalled": 1.0, "completed": 1.0, "suspended": rng.uniform(0.3, 0.6),
                "overdue": rng.uniform(0.7, 0.85), "planned": 0.0}[kind]
        stop = start + pd.DateOffset(months=int(months * rng.uniform(0.15, 0.35))) if kind == "stalled" else None
        month_list = pd.date_range(start, min(finish, as_of), freq="MS")
        per_month = planned / max(months, 1) * pace
        spent = 0.0
        for m in month_list:
            if stop is not None and m > stop:
                break
            if kind == "suspended" and m > start + pd.DateOffset(months=months // 3):
                break
            amount = min(per_month * rng.uniform(0.7, 1.3), planned - spent)
            if amount <= 0:
                break
            spent += amount
            progress.append((f"SC{i + 1:03d}", m.strftime("%Y-%m"), round(float(amount), 1)))
        if kind == "completed" and spent < planned:
            last = min(finish, as_of).strftime("%Y-%m")
            progress.append((f"SC{i + 1:03d}", last, round(planned - spent, 1)))
        city_name = str(cities.loc[cities["code"] == city, "name"].iloc[0]).replace("市", "")[:4]
        rows.append({
            "project_id": f"SC{i + 1:03d}",
            "name": f"{city_name}{node}{rng.choice(_WORDS)}项目（合成）",
            "region_code": region, "park_code": None if park is None else str(park["code"]),
            "industry_code": industry, "chain": chain, "chain_node": node,
            "investor": f"{city_name}{node}投资有限公司（合成）",
            "planned_investment": planned, "start_date": start.date(), "planned_completion": finish.date(),
            "actual_completion": finish.date() if kind == "completed" else None,
            "status": status, "notes": f"synthetic: {kind}",
        })
        for label, frac in (("开工", 0.0), ("主体封顶", 0.4), ("设备安装调试", 0.75), ("竣工投产", 1.0)):
            due = (start + (finish - start) * frac).normalize()
            late_kind = kind in ("behind", "stalled", "suspended", "overdue") and frac > 0.3
            actual = None
            if due <= as_of and not late_kind:
                actual = (due + pd.Timedelta(days=int(rng.integers(-10, 20)))).date()
                if actual > as_of.date():
                    actual = None
            milestones.append((f"SC{i + 1:03d}", label, due.date(), actual))
    return (pd.DataFrame(rows),
            pd.DataFrame(progress, columns=["project_id", "month", "investment"])
            .groupby(["project_id", "month"], as_index=False)["investment"].sum(),
            pd.DataFrame(milestones, columns=["project_id", "milestone", "planned_date", "actual_date"]))


def _annual_rows(indicator: str, values: dict[str, dict[int, float]]) -> pd.DataFrame:
    rows = [(indicator, code, str(y), v) for code, series in values.items() for y, v in series.items()]
    return pd.DataFrame(rows, columns=["indicator", "region_code", "period", "value"])


def _targets(city_codes: list[str], rng: np.random.Generator) -> pd.DataFrame:
    doc = "《四川省推进新型工业化行动方案（2023—2027年）》（合成示例）"
    t = [
        # on track: doubling high-tech enterprises, 2022 → 2027
        ("SC-HTE-2027", "高新技术企业数量倍增", PROVINCE, "high_tech_enterprises", "multiple", None, 2022, 2.0, 2027),
        # off track: technology-based SMEs to 80,000 by 2027
        ("SC-TSME-2027", "科技型中小企业达到8万家", PROVINCE, "tech_smes", "count", None, 2022, 80_000, 2027),
        # at risk: high-tech manufacturing above 20 % by 2027
        ("SC-HTS-2027", "高技术制造业占比达到20%", PROVINCE, "hitech_mfg_share", "share", None, 2022, 0.20, 2027),
        # achieved: GDP above 6 trillion yuan by 2025
        ("SC-GDP-2025", "地区生产总值突破6万亿元", PROVINCE, "gdp", "level", None, 2020, 60_000.0, 2025),
        # lower is better: energy per unit of GDP down 14.5 % (2020 → 2025)
        ("SC-EI-2025", "单位GDP能耗下降14.5%", PROVINCE, "energy_intensity", "multiple", 1.0, 2020, 0.855, 2025),
        # short history (path rule): about 40 platforms above 100 billion yuan by 2027
        ("SC-PLAT-2027", "千亿级产业平台40个左右", PROVINCE, "billion_platforms", "count", 20, 2022, 40, 2027),
        # no data: R&D intensity target of a city without the series
        ("CD-RD-2027", "研发投入强度达到4%", "510100", "rd_intensity", "share", 0.035, 2022, 0.04, 2027),
        # deadline passed and missed
        ("SC-RD-2023", "研发投入强度达到2.6%", PROVINCE, "rd_intensity", "share", 0.0214, 2020, 0.026, 2023),
    ]
    for code in city_codes:
        g = float(np.round(rng.uniform(0.06, 0.085), 3))
        t.append((f"{code}-GDP-2027", f"地区生产总值年均增长{g:.1%}", code, "gdp", "growth", None, 2022, g, 2027))
        t.append((f"{code}-HTE-2027", "高新技术企业数量倍增", code, "high_tech_enterprises", "multiple", None,
                  2022, 2.0, 2027))
    cols = ["target_id", "name", "region_code", "indicator", "kind", "baseline", "baseline_year",
            "target_value", "deadline_year"]
    out = pd.DataFrame(t, columns=cols)
    out["attribute"] = "预期性"
    out["source"] = doc
    return out


def build(ws: Workspace, rng: np.random.Generator) -> None:
    """Write the delivery tables of the demo workspace (synthetic; see the module docstring)."""
    regions = ws.to_pandas("region")
    cities = _cities(regions)
    if cities.empty:
        logger.warning("no cities under %s: delivery demo skipped", PROVINCE)
        return
    annual_gdp = _annual_gdp([str(c) for c in cities["code"]], rng)
    weights = _city_weights(annual_gdp)
    codes = [str(c) for c in weights.index]

    gdp = _quarterly_gdp(annual_gdp, rng)
    va_annual = _industrial_va(ws, annual_gdp, rng)
    va = _monthly_cumulative(va_annual, "industrial_va", rng, last_month={2025: 10}, decimals=2)

    projects, progress, milestones = _projects(regions, cities, weights, rng)
    pj_city = projects.set_index("project_id")["region_code"].map(
        lambda r: r if r in codes else str(regions.set_index("code").at[r, "parent_code"]))
    pg = progress.assign(city=progress["project_id"].map(pj_city), year=progress["month"].str[:4].astype(int))
    proj_year = pg.groupby(["city", "year"])["investment"].sum()
    inv_annual: dict[tuple[str, int], float] = {}
    for c in codes:
        for y in [*YEARS, 2025]:
            base = 12_000_000.0 * weights[c] * (1.08 ** (y - 2019)) * rng.uniform(0.9, 1.1)
            inv_annual[(c, y)] = max(base, float(proj_year.get((c, y), 0.0)) / 0.6)
    inv = _monthly_cumulative(inv_annual, "industrial_investment", rng, last_month={2025: 10}, decimals=0)

    city_flows = pd.concat([gdp.drop(columns="growth"), va, inv], ignore_index=True)
    values = pd.concat([city_flows, _sum_to_province(city_flows)], ignore_index=True)
    gdp_growth = gdp.set_index(["region_code", "period"])["growth"]
    values["growth"] = [gdp_growth.get((r, p)) if i == "gdp" else None
                        for i, r, p in zip(values["indicator"], values["region_code"], values["period"], strict=True)]

    annual: list[pd.DataFrame] = []
    hte = {c: {y: round(14_000 * weights[c] * 1.16 ** (y - 2022) * rng.uniform(0.93, 1.07) * (1 + rng.normal(0, 0.03)))
               for y in YEARS} for c in codes}
    hte[PROVINCE] = {y: sum(hte[c][y] for c in codes) for y in YEARS}
    smes = {c: {y: round(40_000 * weights[c] * 1.08 ** (y - 2022) * rng.uniform(0.97, 1.03)) for y in YEARS}
            for c in codes}
    smes[PROVINCE] = {y: sum(smes[c][y] for c in codes) for y in YEARS}
    pop = {c: {y: round(8_370 * weights[c] ** 0.8 / sum(weights**0.8) * (1 + 0.001 * (y - 2019)), 1) for y in YEARS}
           for c in codes}
    pop[PROVINCE] = {y: round(sum(pop[c][y] for c in codes), 1) for y in YEARS}
    annual += [_annual_rows("high_tech_enterprises", hte), _annual_rows("tech_smes", smes),
               _annual_rows("population", pop)]
    # province-level series fixed so that each province target lands in a known status
    annual.append(_annual_rows("hitech_mfg_share", {PROVINCE: dict(zip(YEARS, [0.130, 0.145, 0.140, 0.150, 0.165, 0.170], strict=True))}))
    annual.append(_annual_rows("energy_intensity", {PROVINCE: dict(zip(YEARS, [1.02, 1.0, 0.965, 0.93, 0.905, 0.875], strict=True))}))
    annual.append(_annual_rows("rd_intensity", {PROVINCE: dict(zip(YEARS, [0.0203, 0.0214, 0.0226, 0.0232, 0.0241, 0.0250], strict=True))}))
    annual.append(_annual_rows("billion_platforms", {PROVINCE: {2023: 22.0, 2024: 24.0}}))
    values = pd.concat([values, *annual], ignore_index=True)
    values["source"] = SOURCE

    ws.write("indicator", CATALOG.assign(definition="synthetic demo catalog"), source="demo: delivery", user="demo")
    ws.write("indicator_value", values[["indicator", "region_code", "period", "value", "growth", "source"]],
             source="demo: delivery", user="demo")
    ws.write("target", _targets(codes, rng), source="demo: delivery", user="demo")
    ws.write("project", projects, source="demo: delivery", user="demo")
    ws.write("project_progress", progress, source="demo: delivery", user="demo")
    ws.write("project_milestone", milestones, source="demo: delivery", user="demo")
    logger.info("delivery demo: %d indicator values, %d projects", len(values), len(projects))
