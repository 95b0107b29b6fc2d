"""Synthetic inputs of title screening and digital-maturity assessment for the demo workspace.

``gradient_application``: one declared application per enterprise for the latest data year, for
about 2,000 firms (every firm tagged 专精特新 / 专精特新小巨人 / 高新技术企业 up to that number, the
rest drawn from other above-scale firms). ``digital_assessment``: questionnaire points by dimension
and item for about 500 firms. ``digital_answer``: answers to the items of the
``digital-manufacturing-2024`` questionnaire for the same firms. Every row is generated (合成数据);
sources say so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["ANSWERED_RULEBOOK", "DIGITAL_ITEMS", "build"]

logger = logging.getLogger(__name__)

SOURCE = "synthetic demo data (合成数据)"
N_APPLICATIONS = 2_000
N_ASSESSED = 500
TITLED = ("专精特新", "专精特新小巨人", "高新技术企业")
#: The rulebook whose questionnaire items the demo's ``digital_answer`` rows answer.
ANSWERED_RULEBOOK = "digital-manufacturing-2024"

#: Questionnaire items per dimension of ``digital-maturity-2022`` with their maximum points.
DIGITAL_ITEMS: dict[str, list[tuple[str, float]]] = {
    "foundation": [("设备数字化", 15.0), ("网络建设", 10.0), ("信息系统", 15.0), ("数据资源", 10.0)],
    "management": [("生产管控", 10.0), ("供应链协同", 10.0), ("安全与治理", 10.0)],
    "results": [("效率提升", 10.0), ("质量与效益", 10.0)],
}


def _pick(enterprise: pd.DataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    tags = enterprise["tags"].fillna("")
    titled = tags.apply(lambda t: any(x in t.split(";") for x in TITLED))
    first = enterprise[titled]
    if len(first) > n:
        first = first.iloc[np.sort(rng.choice(len(first), n, replace=False))]
    rest = enterprise[~titled & enterprise["above_scale"].fillna(False).astype(bool)]
    k = min(n - len(first), len(rest))
    others = rest.iloc[np.sort(rng.choice(len(rest), k, replace=False))] if k > 0 else rest.iloc[:0]
    return pd.concat([first, others])


def applications(enterprise: pd.DataFrame, *, year: int, rng: np.random.Generator,
                 n: int = N_APPLICATIONS) -> pd.DataFrame:
    """Synthetic ``gradient_application`` rows (columns of :mod:`xinzhi.schema.evaluation`)."""
    firms = _pick(enterprise, n, rng)
    m = len(firms)
    tags = firms["tags"].fillna("").to_numpy()
    strong = np.array([("专精特新" in t) for t in tags])
    giant = np.array([("小巨人" in t) for t in tags])

    def choice(values: list[str], p_strong: list[float], p_other: list[float]) -> np.ndarray:
        a = rng.choice(values, m, p=p_strong)
        b = rng.choice(values, m, p=p_other)
        return np.where(strong, a, b)

    frame = pd.DataFrame({
        "credit_code": firms["credit_code"].to_numpy(),
        "year": year,
        "application": np.where(strong & (rng.random(m) < 0.5), "recheck", "new"),
        "ip_level": choice(["high_value_1", "own_1", "class1", "class2", "none"],
                           [0.15, 0.35, 0.3, 0.15, 0.05], [0.05, 0.15, 0.3, 0.3, 0.2]),
        "strategic_field": rng.random(m) < np.where(strong, 0.7, 0.4),
        "sci_award_3y": rng.random(m) < np.where(strong, 0.3, 0.1),
        "rd_institution": choice(["national", "provincial", "municipal", "below", "none"],
                                 [0.05, 0.35, 0.35, 0.15, 0.1], [0.01, 0.1, 0.25, 0.3, 0.34]),
        "niche_years": np.round(rng.uniform(1, 20, m), 0),
        "product_field": choice(["chain_key", "basic", "other"], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5]),
        "digital_level": rng.integers(1, 6, m).astype("float64"),
        "quality_items": rng.integers(0, 4, m).astype("float64"),
        "local_points": np.round(rng.choice([0.0, 3.0, 4.0, 8.0, 11.0, 15.0], m), 0),
        "award_top": (award_top := rng.random(m) < 0.05),
        "award_top3": award_top,  # the demo's award winners all ranked in the top 3
        "makers_500": rng.random(m) < 0.03,
        "ip_class1_applied": rng.poisson(np.where(strong, 3.0, 1.0)).astype("float64"),
        "market_leading": rng.random(m) < np.where(giant, 0.6, 0.15),
        "zjtx_eval_score": np.round(rng.uniform(50, 100, m), 1),
        "market_share": np.round(rng.beta(2, 12, m), 4),
        "own_brand": rng.random(m) < 0.6,
        "info_system": rng.random(m) < 0.7,
        "certification": rng.random(m) < 0.75,
        "innovation_direct": rng.random(m) < 0.05,
        "chain_key": rng.random(m) < 0.3,
        "key_field": rng.random(m) < 0.4,
        "years_in_field": np.round(rng.uniform(2, 30, m), 0),
        "new_product": rng.random(m) < 0.5,
        "global_rank": rng.integers(1, 30, m).astype("float64"),
        "tech_advanced": rng.random(m) < 0.2,
        "core_ip": rng.random(m) < 0.5,
    })
    # the 2026 小巨人 inputs come from a generator of their own, so the columns above do not change
    extra = rng.spawn(1)[0]  # a child generator: spawning does not advance rng
    frame["zjtx_eval_score_prev"] = np.round(np.clip(frame["zjtx_eval_score"] + extra.normal(0, 8, m), 0, 100), 1)
    frame["national_award_top3"] = frame["award_top3"] & (extra.random(m) < 0.3)
    frame["domestic_rank"] = np.where(giant, extra.integers(1, 8, m), extra.integers(1, 40, m)).astype("float64")
    return frame


def assessments(enterprise: pd.DataFrame, *, year: int, rng: np.random.Generator,
                n: int = N_ASSESSED) -> pd.DataFrame:
    """Synthetic ``digital_assessment`` rows: points per firm, dimension and item (each ≤ its maximum)."""
    firms = _pick(enterprise, n, rng)["credit_code"].to_numpy()
    maturity = rng.beta(2.5, 2.5, len(firms))  # one latent level per firm, so the dimensions agree
    rows = []
    for dim, items in DIGITAL_ITEMS.items():
        for item, top in items:
            share = np.clip(maturity + rng.normal(0, 0.15, len(firms)), 0, 1)
            rows.append(pd.DataFrame({"credit_code": firms, "year": year, "dimension": dim, "item": item,
                                      "points": np.round(share * top, 1)}))
    return pd.concat(rows, ignore_index=True)


def answer_sheets(firms: np.ndarray, *, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Synthetic ``digital_answer`` rows for ``firms``: one latent maturity per firm drives every answer.

    A choice item takes the option at about that share of its list, each option of a multiple
    choice is ticked with that probability, and a banded number is drawn around that share of
    its range (a whole number for counts).
    """
    from xinzhi.evaluation.loader import load_rulebook

    book = load_rulebook(ANSWERED_RULEBOOK)
    maturity = rng.beta(2.5, 2.5, len(firms))
    rows = []
    for item in book.items:  # type: ignore[union-attr]
        share = np.clip(maturity + rng.normal(0, 0.15, len(firms)), 0, 1)
        if item.kind == "choice":
            k = np.minimum((share * len(item.options)).astype(int), len(item.options) - 1)
            rows.append(pd.DataFrame({"credit_code": firms, "item": item.id,
                                      "answer": [item.options[j].id for j in k]}))
        elif item.kind == "multi":
            ticked = rng.random((len(firms), len(item.options))) < share[:, None]
            answers = [";".join(o.id for o, t in zip(item.options, row, strict=True) if t) or "none" for row in ticked]
            rows.append(pd.DataFrame({"credit_code": firms, "item": item.id, "answer": answers}))
        else:
            top = item.bands[-1].upto or 100.0
            value = np.round(share * top) if item.whole else np.round(share * top, 1)
            rows.append(pd.DataFrame({"credit_code": firms, "item": item.id,
                                      "answer": [f"{v:g}" for v in value]}))
    out = pd.concat(rows, ignore_index=True)
    out.insert(1, "year", year)
    return out


def build(ws: Workspace, rng: np.random.Generator) -> None:
    """Write synthetic ``gradient_application``, ``digital_assessment`` and ``digital_answer`` rows."""
    enterprise = ws.to_pandas("enterprise")
    if enterprise.empty or not ws.has_data("enterprise_year"):
        logger.warning("no enterprises in the workspace: evaluation demo inputs skipped")
        return
    year = int(ws.table("enterprise_year").year.max().execute())
    ws.write("gradient_application", applications(enterprise, year=year, rng=rng), source=SOURCE,
             mode="replace", user="demo")
    assessed = assessments(enterprise, year=year, rng=rng)
    ws.write("digital_assessment", assessed, source=SOURCE, mode="replace", user="demo")
    firms = assessed["credit_code"].drop_duplicates().to_numpy()
    ws.write("digital_answer", answer_sheets(firms, year=year, rng=rng), source=SOURCE, mode="replace",
             user="demo")
