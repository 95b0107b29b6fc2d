"""Synthetic enterprises and their yearly facts.

Distributions (chosen to resemble published statistics of industrial enterprises in shape):
revenue lognormal (median ≈ 1,100 万元, σ = 1.55, so a heavy right tail), land intensity
(revenue per mu) lognormal around 260 万元/亩, tax about 3.5 % of revenue, value added about a
quarter of revenue, energy intensity around 2.7 万元 value added per tce, electricity around 0.25
万元 tax per 10,000 kWh, R&D zero for 40 % of firms. Some values are missing on purpose, 6 % of
firms lease premises and report no land, and about 1 % report zero land.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xinzhi.credit_code import make_credit_code

SYLLABLES = list("蓉锦天府川蜀华兴瑞恒宏鑫盛泰新源达通利丰安康博远明德信诚嘉宇晨光航科智创")
SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司", "科技有限公司", "实业有限公司"]
YEARS = (2022, 2023, 2024)


def _short(name: str) -> str:
    for s in ("制造", "加工", "生产", "开采", "洗选", "服务", "开发"):
        name = name.replace(s, "")
    return name[:4] if name else "工业"


def _size_class(employees: np.ndarray, revenue: np.ndarray) -> np.ndarray:
    """Industrial enterprises, 统计上大中小微型企业划分办法 (2017): large ≥1000 people and ≥40,000 万元;
    medium ≥300 and ≥2,000; small ≥20 and ≥300; else micro."""
    out = np.full(len(revenue), "micro", dtype=object)
    out[(employees >= 20) & (revenue >= 300)] = "small"
    out[(employees >= 300) & (revenue >= 2000)] = "medium"
    out[(employees >= 1000) & (revenue >= 40000)] = "large"
    return out


def demo_enterprises(
    riy: pd.DataFrame,
    counties: pd.DataFrame,
    parks: pd.DataFrame,
    industry_names: dict[str, str],
    rng: np.random.Generator,
    *,
    n: int = 50_000,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (enterprise, enterprise_year) frames."""
    last = riy[riy["year"] == riy["year"].max()]
    weights = last["output"].to_numpy() ** 0.8
    cell = rng.choice(len(last), size=n, p=weights / weights.sum())
    region = last["region_code"].to_numpy()[cell]
    industry = last["industry_code"].to_numpy()[cell]
    county_name = dict(zip(counties["code"], counties["name"], strict=True))

    codes, names = [], []
    for j in range(n):
        codes.append(make_credit_code(region[j], 100_000 + j))
        brand = "".join(rng.choice(SYLLABLES, size=2))
        place = county_name[region[j]][:2]
        names.append(f"{place}{brand}{_short(industry_names[industry[j]])}{SUFFIXES[j % len(SUFFIXES)]}")

    park_of_county = parks.groupby("region_code")["code"].first().to_dict()
    in_park = np.array([r in park_of_county for r in region]) & (rng.random(n) < 0.75)
    park_code = np.array([park_of_county.get(r) if inp else None for r, inp in zip(region, in_park, strict=True)], dtype=object)

    revenue0 = rng.lognormal(np.log(1100.0), 1.55, n)
    hi_tech_div = np.isin(pd.Series(industry).str[:2].to_numpy(), ["39", "38", "40", "27", "65", "36", "35"])
    rd_intensity = np.where(rng.random(n) < 0.6, rng.lognormal(np.log(0.022), 0.7, n), 0.0)
    rd_intensity = np.where(hi_tech_div, rd_intensity * 1.6, rd_intensity)
    established = np.minimum(2024, 2024 - np.floor(rng.exponential(11.0, n))).astype(int)
    established = np.maximum(established, 1980)
    growth = rng.normal(0.06, 0.05, n) + np.where(hi_tech_div, 0.04, 0.0)

    leased = rng.random(n) < 0.06
    zero_land = (~leased) & (rng.random(n) < 0.01)
    land_intensity = rng.lognormal(np.log(260.0), 0.75, n)
    productivity = rng.lognormal(np.log(85.0), 0.6, n)
    tax_rate = rng.lognormal(np.log(0.035), 0.55, n)
    va_ratio = np.clip(rng.normal(0.26, 0.07, n), 0.05, 0.7)
    energy_prod = rng.lognormal(np.log(2.7), 0.8, n)
    elec_prod = rng.lognormal(np.log(0.25), 0.7, n)
    emis_prod = rng.lognormal(np.log(4900.0), 0.9, n)
    debt = rng.beta(5, 5, n)
    exporter = rng.random(n) < 0.15

    years = []
    revenue = revenue0 * np.exp(-2 * growth)
    for y in YEARS:
        if y > YEARS[0]:
            revenue = revenue * np.exp(growth + rng.normal(0, 0.12, n))
        alive = established <= y
        land = revenue / land_intensity
        land = np.where(leased, np.nan, np.round(land * (1 + 0.0 * y), 2))
        land = np.where(zero_land, 0.0, land)
        tax = revenue * tax_rate * np.exp(rng.normal(0, 0.1, n))
        va = revenue * va_ratio
        employees = np.maximum(np.round(revenue / productivity), 3)
        frame = pd.DataFrame({
            "credit_code": codes,
            "year": y,
            "land_mu": land,
            "land_leased": leased,
            "tax": np.round(tax, 2),
            "value_added": np.round(va, 2),
            "output": np.round(revenue * rng.normal(1.01, 0.02, n), 2),
            "revenue": np.round(revenue, 2),
            "main_revenue": np.round(revenue * rng.uniform(0.82, 1.0, n), 2),
            "energy_tce": np.round(va / energy_prod, 3),
            "electricity": np.round(tax / elec_prod, 3),
            "emissions": np.round(va / emis_prod, 4),
            "rd_spending": np.round(revenue * rd_intensity, 2),
            "rd_staff": np.round(employees * np.minimum(rd_intensity * 4, 0.6)),
            "employees": employees,
            "invention_patents": rng.poisson(np.minimum(rd_intensity * revenue / 400.0, 200.0)).astype(float),
            "debt_ratio": np.round(debt + rng.normal(0, 0.03, n), 4).clip(0.02, 1.5),
            "net_profit": np.round(revenue * rng.normal(0.05, 0.06, n), 2),
            "equity_financing": np.where(rng.random(n) < 0.03, np.round(rng.lognormal(np.log(3000), 1.0, n), 1), 0.0),
            "exports": np.where(exporter, np.round(revenue * rng.beta(2, 5, n), 2), 0.0),
            "safety_incident": rng.random(n) < 0.003,
        })
        frame["ip_count"] = frame["invention_patents"] + rng.poisson(3 + rd_intensity * 200, n)
        # Missing values: small firms often lack energy, emission and R&D staff reports.
        small = revenue < 2000
        for column, share in (("emissions", 0.35), ("energy_tce", 0.05), ("rd_staff", 0.1), ("tax", 0.01), ("value_added", 0.02)):
            mask = (rng.random(n) < share) & (small if column != "tax" else True)
            frame.loc[mask, column] = np.nan
        years.append(frame[alive])
    ey = pd.concat(years, ignore_index=True)

    last_year = ey[ey["year"] == YEARS[-1]].set_index("credit_code")
    rev_last = last_year["revenue"].reindex(codes).to_numpy()
    emp_last = last_year["employees"].reindex(codes).to_numpy()
    main_last = last_year["main_revenue"].reindex(codes).fillna(0).to_numpy()
    size = _size_class(np.nan_to_num(emp_last), np.nan_to_num(rev_last))
    above = main_last >= 2000.0

    tags: list[list[str]] = [[] for _ in range(n)]
    score = rd_intensity * 30 + hi_tech_div * 0.5 + rng.normal(0, 0.3, n)
    order = np.argsort(-score)
    for j in order[: int(0.08 * n)]:
        tags[j].append("高新技术企业")
    for j in order[: int(0.12 * n)]:
        if rng.random() < 0.8:
            tags[j].append("科技型中小企业")
    sme = np.where((size != "large") & (rd_intensity > 0.03) & (np.nan_to_num(rev_last) > 1000))[0]
    for j in sme[: int(0.03 * n)]:
        tags[j].append("专精特新")
        if rng.random() < 0.13:
            tags[j].append("专精特新小巨人")
    for j in np.where(size == "large")[0]:
        if rng.random() < 0.08:
            tags[j].append("上市企业")
        if rng.random() < 0.05:
            tags[j].append("链主企业")
    tag_text = [";".join(t) if t else None for t in tags]

    ent = pd.DataFrame({
        "credit_code": codes,
        "name": names,
        "region_code": region,
        "park_code": park_code,
        "industry_code": industry,
        "size_class": size,
        "above_scale": above,
        "established_year": established,
        "tags": tag_text,
    })
    return ent, ey
