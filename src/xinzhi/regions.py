"""Finding regions in a workspace: by code or name, with their descendants."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.errors import NotFoundError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace


_LEVEL_ORDER = {"province": 0, "city": 1, "county": 2, "park": 3, "zone": 3}


def resolve_region(regions: pd.DataFrame, text: str) -> pd.Series:
    """The row of ``regions`` whose code, name, short name or English name is ``text``.

    Accepts ``510000``, ``51`` (a two-digit province prefix), ``四川省``, ``四川``, ``Sichuan``.
    A name shared by several regions (``朝阳区``) raises :class:`NotFoundError` listing them; an
    English name shared by regions of different levels means the highest (``Changsha`` is 长沙市,
    not 长沙县).
    """
    t = text.strip()
    if t.isdigit() and len(t) in (2, 4):
        t = t.ljust(6, "0")
    candidates = [regions[regions[column].fillna("").str.lower() == t.lower()]
                  for column in ("code", "name", "name_en")]
    candidates += [regions[regions["name"] == t + suffix] for suffix in ("省", "市", "自治区", "区", "县", "州")]
    candidates.append(regions[regions["name"].str.startswith(t)] if t else regions.iloc[0:0])
    for k, hit in enumerate(candidates):
        if k == 2 and len(hit) > 1 and "level" in hit:
            # a romanised name shared by a city and its county (Changsha: 长沙市, 长沙县) means the
            # higher level, as 长沙 means 长沙市 before 长沙县 below
            top = hit[hit["level"] == min(hit["level"], key=lambda lv: _LEVEL_ORDER.get(lv, 9))]
            hit = top if len(top) == 1 else hit
        if len(hit) == 1:
            return hit.iloc[0]
        if len(hit) > 1:
            listed = ", ".join(f"{r.name} {r.code}" for r in hit.sort_values("code").head(5).itertuples())
            raise NotFoundError(f"region {text!r} is ambiguous ({listed}); give the 6-digit code")
    raise NotFoundError(f"no region {text!r} in the workspace; give a 6-digit code such as 510000 or a name")


def descendants(regions: pd.DataFrame, code: str, *, include_self: bool = True) -> pd.DataFrame:
    """Rows of ``regions`` below ``code`` in the parent hierarchy (parks included)."""
    children: dict[str, list[str]] = {}
    for c, p in zip(regions["code"], regions["parent_code"].fillna(""), strict=True):
        children.setdefault(p, []).append(c)
    found = [code] if include_self else []
    stack = [code]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return regions[regions["code"].isin(set(found))]


def region_and_descendants(ws: Workspace, text: str) -> tuple[pd.Series, pd.DataFrame]:
    """Resolve ``text`` in the workspace and return (the region, it and all regions below it)."""
    regions = ws.to_pandas("region")
    region = resolve_region(regions, text)
    return region, descendants(regions, str(region["code"]))
