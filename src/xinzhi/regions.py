"""Finding regions in a workspace: by code or name, with their descendants."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.errors import NotFoundError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace


def resolve_region(regions: pd.DataFrame, text: str) -> pd.Series:
    """The row of ``regions`` whose code, name, short name or English name is ``text``.

    Accepts ``510000``, ``51`` (a two-digit province prefix), ``四川省``, ``四川``, ``Sichuan``.
    """
    t = text.strip()
    if t.isdigit() and len(t) in (2, 4):
        t = t.ljust(6, "0")
    for column in ("code", "name", "name_en"):
        hit = regions[regions[column].fillna("").str.lower() == t.lower()]
        if len(hit):
            return hit.sort_values("code").iloc[0]
    for suffix in ("省", "市", "自治区", "区", "县", "州"):
        hit = regions[regions["name"] == t + suffix]
        if len(hit):
            return hit.sort_values("code").iloc[0]
    starts = regions[regions["name"].str.startswith(t)] if t else regions.iloc[0:0]
    if len(starts) == 1:
        return starts.iloc[0]
    hint = ""
    if len(starts) > 1:
        hint = " (ambiguous: " + ", ".join(f"{r.name} {r.code}" for r in starts.head(5).itertuples()) + ")"
    raise NotFoundError(f"no region {text!r} in the workspace{hint}")


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
