"""Region hierarchy helpers for delivery reports: a region and everything under it."""

from __future__ import annotations

import pandas as pd

from xinzhi.errors import NotFoundError

__all__ = ["descendants", "resolve_region"]


def descendants(regions: pd.DataFrame, code: str) -> set[str]:
    """``code`` and every region below it (cities, counties, parks), from ``parent_code`` links.

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "510100", "510104", "520000"],
    ...                   "parent_code": [None, "510000", "510100", None]})
    >>> sorted(descendants(r, "510000"))
    ['510000', '510100', '510104']
    """
    children: dict[str, list[str]] = {}
    for c, p in zip(regions["code"], regions["parent_code"], strict=True):
        if p is not None and not pd.isna(p):
            children.setdefault(str(p), []).append(str(c))
    out = {code}
    stack = [code]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in out:
                out.add(child)
                stack.append(child)
    return out


def resolve_region(regions: pd.DataFrame, text: str) -> str:
    """Region code from a code or a Chinese / English name (``510000``, ``四川省``, ``四川``, ``Sichuan``).

    Raises :class:`~xinzhi.errors.NotFoundError` when nothing or several regions match.
    """
    t = str(text).strip()
    if t in set(regions["code"]):
        return t
    for col in ("name", "name_en"):
        if col in regions.columns:
            hit = regions[regions[col].astype(str).str.lower() == t.lower()]
            if len(hit) == 1:
                return str(hit["code"].iloc[0])
    hit = regions[regions["name"].astype(str).str.startswith(t)]
    if len(hit) == 1:
        return str(hit["code"].iloc[0])
    if len(hit) > 1:
        raise NotFoundError(f"region {t!r} is ambiguous: {', '.join(hit['name'].head(5))}; give the code")
    raise NotFoundError(f"unknown region {t!r}; give a 6-digit code such as 510000 or a name such as 四川省")
