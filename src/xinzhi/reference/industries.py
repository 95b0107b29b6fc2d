"""GB/T 4754-2017 industry classification as an industry table."""

from __future__ import annotations

from functools import cache

import pandas as pd

from xinzhi.reference.files import data_path


@cache
def _industries() -> pd.DataFrame:
    raw = pd.read_csv(
        data_path("gbt4754", "gbt4754_2017.csv"), dtype=str, keep_default_na=False
    )
    return pd.DataFrame(
        {
            "code": raw["code"],
            "name": raw["name_zh"],
            "level": raw["level"].astype(int),
            "parent_code": raw["parent_code"],
            "section": raw["section"],
        }
    )


def industries(level: int | None = None) -> pd.DataFrame:
    """GB/T 4754-2017 with columns ``code, name, level, parent_code, section``.

    ``level`` 1..4 keeps sections, divisions, groups or classes only.

    Examples
    --------
    >>> ind = industries(4)
    >>> ind.loc[ind.code == "3963", "name"].item()
    '智能无人飞行器制造'
    """
    out = _industries().copy()
    if level is not None:
        out = out[out["level"] == level].reset_index(drop=True)
    return out
