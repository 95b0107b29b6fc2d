"""Synthetic news for the demo workspace, run through the real fact extractor.

The demo has statistics but no text, so the news page would be empty. This builder writes a
handful of short articles (half Chinese, half English) about Sichuan and its largest cities,
every one marked synthetic in its title and in its text (``【演示】`` / ``[Demo]``), with figures
taken from the demo's own tables so that they agree with the dashboard:

- industrial value added = sum of ``region_industry_year.value_added`` over industries of
  sections B, C, D (mining, manufacturing, utilities) in the latest year, and its growth over
  the year before;
- industrial investment = the same sum of ``investment``;
- the number of above-scale industrial enterprises = enterprises with ``above_scale`` in those
  sections; high-tech, 专精特新 and technology-based SMEs = enterprises carrying those tags.

Money is written in 亿元 (Chinese) or billion yuan (English) with one decimal, growth in percent
with one decimal. The articles go through :func:`xinzhi.intelligence.extract_document` with a
gazetteer of the workspace's regions and are stored with
:func:`xinzhi.intelligence.store.store_extraction` (tables ``document``, ``fact``,
``fact_source``, ``priority``), so the news page shows real extraction results with their source
sentences. Each article has a publication date (:func:`publication_date`) that its facts carry;
a Chinese and an English article giving the same figure become one fact with two sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["RegionFigures", "build", "demo_articles", "publication_date", "region_figures"]

INDUSTRIAL_SECTIONS = ("B", "C", "D")
#: cities written about (the largest by industrial value added)
N_CITIES = 4
TAG_HIGH_TECH = "高新技术企业"
TAG_SRDI = "专精特新"
TAG_TECH_SME = "科技型中小企业"


@dataclass(frozen=True)
class RegionFigures:
    """Figures of one region in ``year`` (money in 万元, as in the workspace)."""

    code: str
    name: str
    name_en: str
    year: int
    industrial_va: float
    industrial_va_prev: float
    investment: float
    investment_prev: float
    above_scale: int
    high_tech: int
    srdi: int
    tech_sme: int

    @property
    def va_growth(self) -> float:
        return self.industrial_va / self.industrial_va_prev - 1 if self.industrial_va_prev else float("nan")

    @property
    def investment_growth(self) -> float:
        return self.investment / self.investment_prev - 1 if self.investment_prev else float("nan")


def region_figures(ws: Workspace) -> list[RegionFigures]:
    """Figures of the demo province (first) and its largest cities by industrial value added.

    Empty when the workspace has no statistics for two consecutive years.
    """
    riy = ws.to_pandas("region_industry_year")
    if riy.empty:
        return []
    ind = ws.to_pandas("industry")
    regions = ws.to_pandas("region").set_index("code")
    section = dict(zip(ind["code"].astype(str), ind["section"], strict=True))
    riy = riy[riy["industry_code"].astype(str).map(section).isin(INDUSTRIAL_SECTIONS)]
    year = int(riy["year"].max())
    if not (riy["year"] == year - 1).any():
        return []
    riy = riy[riy["year"].isin([year - 1, year])].assign(
        province=riy["region_code"].str[:2] + "0000", city=riy["region_code"].str[:4] + "00")
    ent = ws.to_pandas("enterprise")
    ent = ent.assign(section=ent["industry_code"].astype(str).map(section),
                     tagset=ent["tags"].fillna("").str.split(";"))
    province = str(riy["province"].mode().iloc[0])
    va = riy[riy["year"] == year].groupby("city")["value_added"].sum()
    cities = [c for c in va.sort_values(ascending=False).index if c in regions.index and c != province][:N_CITIES]
    out = []
    for code, key in [(province, "province"), *((c, "city") for c in cities)]:
        rows = riy[riy[key] == code]
        firms = ent[ent["region_code"].str.startswith(code[:2] if key == "province" else code[:4])]
        tags = firms["tagset"]

        def tagged(tag: str, tags: pd.Series = tags) -> int:
            return int(tags.map(lambda t: tag in t).sum())

        by_year = rows.groupby("year")[["value_added", "investment"]].sum()
        out.append(RegionFigures(
            code=code, name=str(regions.loc[code, "name"]), name_en=str(regions.loc[code, "name_en"] or code),
            year=year,
            industrial_va=float(by_year["value_added"].get(year, 0.0)),
            industrial_va_prev=float(by_year["value_added"].get(year - 1, 0.0)),
            investment=float(by_year["investment"].get(year, 0.0)),
            investment_prev=float(by_year["investment"].get(year - 1, 0.0)),
            above_scale=int((firms["above_scale"].fillna(False).astype(bool)
                             & firms["section"].isin(INDUSTRIAL_SECTIONS)).sum()),
            high_tech=tagged(TAG_HIGH_TECH), srdi=tagged(TAG_SRDI), tech_sme=tagged(TAG_TECH_SME),
        ))
    return out


def _yi(wan: float) -> str:
    """万元 as 亿元 with one decimal."""
    return f"{wan / 1e4:.1f}"


def _bn(wan: float) -> str:
    """万元 as billion yuan with one decimal (1 billion = 100,000 万元)."""
    return f"{wan / 1e5:,.1f}"


def _pct(x: float) -> str:
    return f"{abs(100 * x):.1f}"


def _zh_change(x: float) -> str:
    return f"{'增长' if x >= 0 else '下降'}{_pct(x)}%"


def _en_change(x: float) -> str:
    return f"{'up' if x >= 0 else 'down'} {_pct(x)} percent"


ZH_NOTE = "（本文为演示用合成新闻，文中数据均由演示工作区生成，不是真实统计。）"
EN_NOTE = "(Synthetic demo article: every figure is generated from the demo workspace, not real statistics.)"


def _zh_province(f: RegionFigures) -> str:
    return (
        f"# 【演示】{f.name}工业经济运行情况\n\n"
        f"【演示】{f.year}年，{f.name}工业增加值{_yi(f.industrial_va)}亿元，同比{_zh_change(f.va_growth)}。"
        f"工业投资{_yi(f.investment)}亿元，{_zh_change(f.investment_growth)}。\n\n"
        f"截至{f.year}年底，全省规模以上工业企业{f.above_scale}家，高新技术企业{f.high_tech}家，"
        f"专精特新企业{f.srdi}家。\n\n{ZH_NOTE}\n"
    )


def _en_province(f: RegionFigures) -> str:
    return (
        f"# [Demo] Industry in {f.name_en} Province\n\n"
        f"[Demo] In {f.year}, industrial value added in {f.name_en} Province reached "
        f"{_bn(f.industrial_va)} billion yuan, {_en_change(f.va_growth)} year on year. "
        f"Industrial investment in {f.name_en} was {_bn(f.investment)} billion yuan in {f.year}, "
        f"{_en_change(f.investment_growth)}.\n\n"
        f"At the end of {f.year}, {f.name_en} had {f.tech_sme:,} technology-based SMEs.\n\n{EN_NOTE}\n"
    )


def _zh_city(f: RegionFigures) -> str:
    target = 100 * np.ceil(f.industrial_va * 1.25 / 1e6)  # 亿元, rounded up to hundreds
    return (
        f"# 【演示】{f.name}工业发展简报\n\n"
        f"【演示】{f.year}年，{f.name}工业增加值{_yi(f.industrial_va)}亿元，同比{_zh_change(f.va_growth)}；"
        f"工业投资{_yi(f.investment)}亿元。\n\n"
        f"截至{f.year}年底，{f.name}共有高新技术企业{f.high_tech}家、科技型中小企业{f.tech_sme}家。\n\n"
        f"到{f.year + 3}年，{f.name}工业增加值力争达到{target:.0f}亿元。\n\n{ZH_NOTE}\n"
    )


def _en_city(f: RegionFigures) -> str:
    return (
        f"# [Demo] {f.name_en} industry update\n\n"
        f"[Demo] Industrial value added in {f.name_en} was {_bn(f.industrial_va)} billion yuan in {f.year}, "
        f"{_en_change(f.va_growth)} year on year.\n\n"
        f"{f.name_en} had {f.above_scale:,} industrial enterprises above designated size "
        f"and {f.srdi:,} specialized and sophisticated SMEs at the end of {f.year}.\n\n{EN_NOTE}\n"
    )


def _zh_priorities(f: RegionFigures) -> str:
    return (
        f"# 【演示】{f.name}部署培育新质生产力\n\n"
        f"【演示】{f.name}提出，加快培育壮大电子信息、装备制造、先进材料、生物医药等战略性新兴产业，"
        f"前瞻布局人工智能、低空经济、新型储能等未来产业。\n\n{ZH_NOTE}\n"
    )


def _en_priorities(f: RegionFigures) -> str:
    return (
        f"# [Demo] {f.name_en} sets out its priority industries\n\n"
        f"[Demo] {f.name_en} will foster strategic emerging industries such as electronic information, "
        f"equipment manufacturing, advanced materials and biomedicine.\n\n{EN_NOTE}\n"
    )


def demo_articles(figures: list[RegionFigures]) -> list[str]:
    """Markdown articles from ``figures`` (province first): one Chinese and one English article
    per region, a Chinese priority list of the province and an English one of the largest city
    (12 articles with four cities)."""
    if not figures:
        return []
    prov, cities = figures[0], figures[1:]
    out = [_zh_province(prov), _en_province(prov)]
    for f in cities:
        out += [_zh_city(f), _en_city(f)]
    out += [_zh_priorities(prov), _en_priorities(cities[0] if cities else prov)]
    return out


def publication_date(year: int, index: int) -> dt.date:
    """Publication date of the ``index``-th demo article about ``year``: statistics of a year are
    released in the next one, so the articles appear from 20 January of ``year + 1``, a Chinese
    article and its English counterpart on the same day, one pair a day.

    >>> publication_date(2024, 0), publication_date(2024, 1), publication_date(2024, 2)
    (datetime.date(2025, 1, 20), datetime.date(2025, 1, 20), datetime.date(2025, 1, 21))
    """
    return dt.date(year + 1, 1, 20) + dt.timedelta(days=index // 2)


def build(ws: Workspace, rng: np.random.Generator) -> dict[str, int]:
    """Write the synthetic articles of the demo, extracted and stored (documents, facts,
    priorities). ``rng`` is accepted for the demo builder interface; the text is deterministic
    given the workspace's figures. Returns the rows written per table."""
    from xinzhi.intelligence import document_from_text, extract_document
    from xinzhi.intelligence.gazetteer import Gazetteer
    from xinzhi.intelligence.store import store_extraction

    figures = region_figures(ws)
    articles = demo_articles(figures)
    if not articles:
        return {"document": 0, "fact": 0, "fact_source": 0, "priority": 0}
    gazetteer = Gazetteer(ws.to_pandas("region"))
    docs, facts, prios = [], [], []
    for i, text in enumerate(articles):
        doc = document_from_text(text, fmt="markdown", url=f"demo://news/{i + 1}",
                                 published=publication_date(figures[0].year, i))
        f, p = extract_document(doc, gazetteer=gazetteer)
        docs.append(doc)
        facts += f
        prios += p
    return store_extraction(ws, docs, facts, prios)
