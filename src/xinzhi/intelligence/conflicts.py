"""Facts that disagree with values already in the workspace.

A fact is compared with:

- **indicator values** (table ``indicator_value``): the fact's indicator is a code of the
  workspace's ``indicator`` catalog (or its lexicon name is the catalog's ``name_zh``); the
  region is the same and the fact's period maps to the indicator's period
  (:func:`~xinzhi.intelligence.store.indicator_period`). A level is compared with ``value``
  (converted into the catalog's unit), a growth with ``growth``.
- **region statistics** (table ``region_industry_year``, money in 万元): a yearly fact whose
  lexicon code is industrial value added, industrial investment or gross industrial output
  (``industrial_va``, ``industrial_investment``, ``above_scale_industrial_output``, and their
  ``_growth``) is compared with the sum over industries of sections B, C and D of the region
  and the regions below it; a fact about a GB/T 4754 sector (``sector``) and value added,
  investment or output with the sum over the industries of that sector.

A fact **conflicts** when the relative difference exceeds the precision the fact was written
with (half a unit of its last digit) plus ``tolerance`` (1 % by default; growth rates: 0.1
percentage point plus the written precision). Every comparison is returned, with both figures,
so a user sees what was checked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.errors import InputError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["CONFLICT_COLUMNS", "find_conflicts"]

CONFLICT_COLUMNS = ["fact_id", "document_id", "region_code", "indicator", "subject", "period", "measure", "unit",
                    "fact_value", "workspace_value", "difference", "conflict", "workspace_source", "published",
                    "sentence"]
_INDUSTRIAL = ("B", "C", "D")
_STAT_COLUMN = {"industrial_va": "value_added", "industrial_investment": "investment",
                "above_scale_industrial_output": "output"}
_SECTOR_COLUMN = (("增加值", "value_added"), ("value added", "value_added"), ("added value", "value_added"),
                  ("投资", "investment"), ("investment", "investment"), ("产值", "output"),
                  ("output value", "output"), ("营业收入", "revenue"), ("revenue", "revenue"))


def _precision(row: pd.Series) -> float:
    text = str(row.get("value_text") or "").replace(",", "")
    m = re.search(r"\d+(?:\.(\d+))?", text)
    if not m or float(m.group(0)) == 0:
        return 0.0
    return 0.5 * 10 ** (-len(m.group(1) or "")) * abs(float(row["value"])) / float(m.group(0))


def _stat_frame(ws: Workspace) -> pd.DataFrame:
    riy = ws.to_pandas("region_industry_year")
    if riy.empty:
        return riy
    ind = ws.to_pandas("industry")
    riy = riy.merge(ind[["code", "section", "parent_code", "level"]].rename(columns={"code": "industry_code"}),
                    on="industry_code", how="left")
    return riy


def _sum_for(riy: pd.DataFrame, regions: pd.DataFrame, region: str, year: int, column: str,
             industries: set[str] | None, sections: tuple[str, ...] | None) -> float | None:
    from xinzhi.regions import descendants

    below = set(descendants(regions, region)["code"]) if region in set(regions["code"]) else {region}
    rows = riy[(riy["year"] == year) & riy["region_code"].isin(below)]
    if sections is not None:
        rows = rows[rows["section"].isin(sections)]
    if industries is not None:
        rows = rows[rows["industry_code"].astype(str).str.startswith(tuple(industries))
                    | rows["section"].isin([i for i in industries if i.isalpha()])]
    if rows.empty or column not in rows or rows[column].isna().all():
        return None
    return float(rows[column].sum()) * 1e4  # 万元 → 元


def find_conflicts(ws: Workspace, facts: pd.DataFrame | None = None, *, tolerance: float = 0.01) -> pd.DataFrame:
    """Compare facts with the workspace's indicator values and region statistics.

    Parameters
    ----------
    ws : Workspace
    facts : pandas.DataFrame, optional
        Facts (columns of the ``fact`` table, ``fact_id`` optional); default: the stored facts.
    tolerance : float, default=0.01
        Relative difference allowed beyond the written precision of the fact.

    Returns
    -------
    pandas.DataFrame
        One row per comparison made, columns :data:`CONFLICT_COLUMNS`; ``fact_value`` and
        ``workspace_value`` in the fact's base unit (yuan, count, fraction), ``conflict`` true
        when they disagree.
    """
    from xinzhi.intelligence.store import indicator_period, to_unit

    if facts is None:
        facts = ws.to_pandas("fact")
    if facts is None or facts.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    facts = facts.copy()
    if "fact_id" not in facts:
        from xinzhi.intelligence.store import fact_id as _fid

        facts["fact_id"] = [_fid(r) for r in facts.itertuples(index=False)]
    catalog = ws.to_pandas("indicator")
    values = ws.to_pandas("indicator_value")
    regions = ws.to_pandas("region")
    riy = _stat_frame(ws)
    from xinzhi.intelligence.lexicon import load_lexicon

    lex_names = {i.name_zh: i.code for i in load_lexicon().indicators.values()}
    by_name = {str(r.name_zh): str(r.code) for r in catalog.itertuples(index=False)} if len(catalog) else {}
    codes = set(catalog["code"].astype(str)) if len(catalog) else set()
    rows: list[dict[str, Any]] = []
    for f in facts.itertuples(index=False):
        fr = pd.Series(f._asdict())
        if not f.region_code or not isinstance(f.period, str) or f.kind != "actual":
            continue
        measure = getattr(f, "measure", None) or ("growth" if str(f.indicator).endswith("_growth") else "level")
        base = str(f.indicator)[: -len("_growth")] if str(f.indicator).endswith("_growth") else str(f.indicator)
        # -------- indicator values
        cat_code = base if base in codes else None
        if cat_code is None:
            for name, code in lex_names.items():
                if code == base and name in by_name:
                    cat_code = by_name[name]
        if cat_code is not None and len(values) and measure in ("level", "growth"):
            ind = catalog[catalog["code"] == cat_code].iloc[0]
            try:
                period = indicator_period(f.period, cumulative=bool(ind.get("cumulative") or False),
                                          frequency=str(ind.get("frequency") or "year"))
            except InputError:
                period = None
            hit = values[(values["indicator"] == cat_code) & (values["region_code"] == f.region_code)
                         & (values["period"] == period)] if period else values.iloc[0:0]
            if len(hit):
                v = hit.iloc[0]
                if measure == "growth" and pd.notna(v.get("growth")):
                    ws_value = float(v["growth"])
                    allowed = 0.001 + _precision(fr)
                elif measure == "level" and pd.notna(v.get("value")):
                    try:
                        factor = to_unit(1.0, str(f.unit), ind.get("unit"))
                    except InputError:
                        factor = 0.0
                    if not factor:
                        continue
                    ws_value = float(v["value"]) / factor
                    allowed = _precision(fr) + tolerance * abs(ws_value)
                else:
                    continue
                rows.append(_row(fr, ws_value, allowed, f"indicator_value {cat_code} {period}"))
                continue
        # -------- region statistics
        if riy.empty or not re.fullmatch(r"\d{4}", f.period) or f.unit not in ("yuan", "fraction"):
            continue
        year = int(f.period)
        column, industries, sections = None, None, None
        if base in _STAT_COLUMN:
            column, sections = _STAT_COLUMN[base], _INDUSTRIAL
        elif getattr(f, "sector", None):
            subject = str(getattr(f, "subject", "") or "")
            column = next((c for word, c in _SECTOR_COLUMN if word in subject.lower()), None)
            industries = {str(f.sector)}
        if column is None:
            continue
        now = _sum_for(riy, regions, f.region_code, year, column, industries, sections)
        if now is None:
            continue
        if measure == "growth":
            before = _sum_for(riy, regions, f.region_code, year - 1, column, industries, sections)
            if not before:
                continue
            ws_value = now / before - 1
            allowed = 0.001 + _precision(fr)
        elif measure == "level" and f.unit == "yuan":
            ws_value, allowed = now, _precision(fr) + tolerance * abs(now)
        else:
            continue
        label = f"region_industry_year.{column} {f.region_code} {year}" + (
            f" sector {f.sector}" if industries else " sections B-D")
        rows.append(_row(fr, ws_value, allowed, label))
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)


def _row(f: pd.Series, ws_value: float, allowed: float, source: str) -> dict[str, Any]:
    diff = float(f["value"]) - ws_value
    return {
        "fact_id": f.get("fact_id"), "document_id": f.get("document_id"), "region_code": f["region_code"],
        "indicator": f["indicator"], "subject": f.get("subject"), "period": f["period"],
        "measure": f.get("measure"), "unit": f["unit"], "fact_value": float(f["value"]),
        "workspace_value": float(f"{ws_value:.12g}"), "difference": float(f"{diff:.12g}"),
        "conflict": bool(abs(diff) > allowed + 1e-12), "workspace_source": source,
        "published": f.get("published"), "sentence": f.get("sentence"),
    }
