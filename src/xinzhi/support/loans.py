"""Loan products matched to firms in difficulty and to firms with a project about to start:
the 银企对接 list, one block per bank product.

A firm in difficulty has an early-warning score at or above the rulebook's difficulty level
(:func:`xinzhi.support.warning.score_warning`); its need is the revenue it lost on the year
(revenue one year earlier minus revenue). A project about to start is a ``project`` row planned
to start within the horizon (or planned with no date); its investor is a firm when the investor
text holds the firm's credit code or is exactly its name; its need is the year's planned
investment (else the total). A product fits a firm when every condition the product states
holds: purpose (纾困 / 项目), region, size class, industry prefix, stage, one of the titles,
debt ratio at most, years since establishment at least. The suggested amount is the need
bounded by the product's range.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from xinzhi.support.checks import split_list
from xinzhi.support.matching import region_prefix

__all__ = ["loan_matches", "projects_about_to_start"]

_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")


def projects_about_to_start(projects: pd.DataFrame, firms: pd.DataFrame, *, as_of: dt.date,
                            horizon_days: int = 180) -> pd.DataFrame:
    """Planned projects starting within ``horizon_days`` of ``as_of`` (or undated), with the firm
    that invests: ``credit_code``, ``project_id``, ``project``, ``start_date``, ``need`` (万元).

    >>> p = pd.DataFrame({"project_id": ["P1", "P2"], "name": ["扩产", "技改"], "investor": ["蓉兴科技有限公司", "某投资公司"],
    ...                   "status": ["planned", "计划"], "start_date": [dt.date(2025, 3, 1), None],
    ...                   "annual_plan": [800.0, None], "planned_investment": [3000.0, 500.0]})
    >>> f = pd.DataFrame({"credit_code": ["91510100MA0000000X"], "name": ["蓉兴科技有限公司"]})
    >>> projects_about_to_start(p, f, as_of=dt.date(2025, 1, 1))[["credit_code", "project_id", "need"]].values.tolist()
    [['91510100MA0000000X', 'P1', 800.0]]
    """
    from xinzhi.delivery.checks import normalise_status

    cols = ["credit_code", "project_id", "project", "start_date", "need"]
    if projects.empty:
        return pd.DataFrame(columns=cols)
    by_name = dict(zip(firms["name"], firms["credit_code"], strict=True))
    codes = set(firms["credit_code"])

    def clean(text: object) -> str:
        return str(text or "").strip()

    def investor(text: object) -> str | None:
        t = clean(text)
        found = [c for c in _CODE.findall(t.upper()) if c in codes]
        return found[0] if found else by_name.get(t)

    def may_be_ours(text: object) -> bool:  # a superset of investor() is not None, without the regex
        t = clean(text)
        upper = t.upper()
        return t in by_name or any(str(c) in upper for c in codes)

    # the firms' own projects first (one firm's page looks at a few of all the projects), then
    # those planned to start soon; for a few firms, only the projects whose investor text holds
    # one of their codes or is one of their names can be theirs, so the others are not looked at
    if len(firms) <= 16:
        projects = projects[np.array([may_be_ours(v) for v in projects["investor"]], dtype=bool)]
    ours = projects.assign(credit_code=pd.Series([investor(v) for v in projects["investor"]], index=projects.index,
                                                 dtype=object))
    ours = ours[ours["credit_code"].notna()]
    status = ours["status"].map(normalise_status)
    start = pd.to_datetime(ours["start_date"], errors="coerce")
    soon = start.isna() | ((start >= pd.Timestamp(as_of)) & (start <= pd.Timestamp(as_of + dt.timedelta(days=horizon_days))))
    planned = ours[(status == "planned") & soon]
    need = planned["annual_plan"].where(planned["annual_plan"].notna() & (planned["annual_plan"] > 0),
                                        planned["planned_investment"])
    return pd.DataFrame({"credit_code": planned["credit_code"].astype("str"), "project_id": planned["project_id"],
                         "project": planned["name"], "start_date": planned["start_date"], "need": need})[cols] \
        .reset_index(drop=True)


def _fits(products: pd.DataFrame, firm: pd.Series) -> np.ndarray:
    """Which products' stated conditions the firm meets (a condition not stated always holds)."""
    ok = np.ones(len(products), dtype=bool)
    for i, p in enumerate(products.itertuples(index=False)):
        if pd.notna(p.region_code) and p.region_code:
            prefix = region_prefix(str(p.region_code))
            ok[i] &= str(firm.get("region_code") or "").startswith(prefix) or str(firm.get("park_code") or "").startswith(prefix)
        if sizes := split_list(p.size_classes):
            ok[i] &= firm.get("size_class") in sizes
        if prefixes := split_list(p.industries):
            ok[i] &= any(str(firm.get("industry_code") or "").startswith(x) for x in prefixes)
        if stages := split_list(p.stages):
            ok[i] &= firm.get("stage") in stages
        if tags := split_list(p.requires_tags):
            ok[i] &= bool(set(split_list(firm.get("tags"))) & set(tags))
        if pd.notna(p.max_debt_ratio):
            ok[i] &= pd.notna(firm.get("debt_ratio")) and float(firm["debt_ratio"]) <= float(p.max_debt_ratio) + 1e-9
        if pd.notna(p.min_years):
            ok[i] &= pd.notna(firm.get("age")) and float(firm["age"]) >= float(p.min_years)
    return ok


def loan_matches(products: pd.DataFrame, firms: pd.DataFrame, difficulty: pd.DataFrame,
                 projects: pd.DataFrame) -> pd.DataFrame:
    """The 银企对接 list: one row per product and firm it fits, sorted by product then need.

    ``firms`` has ``credit_code``, ``name``, ``region_code``, ``park_code``, ``industry_code``,
    ``size_class``, ``stage``, ``tags``, ``debt_ratio``, ``age``. ``difficulty`` has
    ``credit_code``, ``score``, ``level``, ``need`` and ``why`` (firms in difficulty); ``projects``
    is :func:`projects_about_to_start`. Returns ``product_id``, ``bank``, ``product``, ``purpose``,
    ``policy_tool``, ``rate``, ``credit_code``, ``name``, ``target`` (difficulty / project),
    ``why``, ``need``, ``amount`` (suggested, 万元), ``project_id``.
    """
    cols = ["product_id", "bank", "product", "purpose", "policy_tool", "rate", "credit_code", "name", "target",
            "why", "need", "amount", "project_id"]
    if products.empty:
        return pd.DataFrame(columns=cols)
    targets = []
    for r in difficulty.itertuples(index=False):
        targets.append((r.credit_code, "difficulty", r.why, r.need, None))
    for r in projects.itertuples(index=False):
        when = "" if r.start_date is None or pd.isna(r.start_date) else f" · {pd.Timestamp(r.start_date).date()}"
        targets.append((r.credit_code, "project", f"{r.project}{when}", r.need, r.project_id))
    if not targets:  # no firm in difficulty and no project: nothing to match (most single firms)
        return pd.DataFrame(columns=cols)
    info = firms.drop_duplicates("credit_code").set_index("credit_code", drop=False)
    rows = []
    for code, target, why, need, project_id in targets:
        if code not in info.index:
            continue
        firm = info.loc[code]
        wanted = products["for_difficulty"].fillna(False).astype(bool) if target == "difficulty" \
            else products["for_projects"].fillna(False).astype(bool)
        fits = _fits(products, firm) & wanted.to_numpy()
        for p in products[fits].itertuples(index=False):
            amount = None
            if pd.notna(need) and need > 0:
                amount = min(max(float(need), float(p.amount_min) if pd.notna(p.amount_min) else 0.0),
                             float(p.amount_max))
            rows.append((p.product_id, p.bank, p.name, p.purpose, p.policy_tool, p.rate, code, firm.get("name"),
                         target, why, need, amount, project_id))
    out = pd.DataFrame(rows, columns=cols)
    out["_need"] = -out["need"].fillna(0.0)
    return out.sort_values(["product_id", "target", "_need"], kind="stable").drop(columns="_need").reset_index(drop=True)
