"""Names of the demo's synthetic enterprises: place + brand word (字号) + industry word + legal
form, the order of 企业名称登记管理规定 (行政区划 + 字号 + 行业或者经营特点 + 组织形式).

The place is 四川, the city or the county (its whole short name: 都江堰, 龙泉驿, 北川), the brand
two syllables, the industry word one of the words ``data/name_words.csv`` gives for the firm's
class (the most specific code prefix listed), the legal form 有限公司, 有限责任公司 or
股份有限公司 (集团有限公司 for some of the largest firms). Names are unique.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from xinzhi.demo.calibration import data_table

__all__ = ["LEGAL_FORMS", "enterprise_names", "industry_words", "place_name"]

LEGAL_FORMS = ("有限公司", "有限责任公司", "股份有限公司", "集团有限公司")
SYLLABLES = list("蓉锦华兴瑞恒宏鑫盛泰源达通利丰安康博远明德信诚嘉宇晨光科智创铭杰凯润峰汇聚和鼎富正新")
#: short names of districts that do not identify a place on their own
_GENERIC = {"市中", "东区", "西区"}
_NATIONALITY = re.compile(r"^(.+?)(?:藏族|羌族|彝族|回族|苗族|土家族|蒙古族|傈僳族|纳西族|布依族)+自治[县州]$")


def place_name(name: str) -> str:
    """The short form of a region's name used at the head of a firm name.

    Examples
    --------
    >>> [place_name(n) for n in ["成都市", "都江堰市", "龙泉驿区", "茂县", "北川羌族自治县", "甘孜藏族自治州", "东区"]]
    ['成都', '都江堰', '龙泉驿', '茂县', '北川', '甘孜', '东区']
    """
    m = _NATIONALITY.match(name)
    if m:
        return m.group(1)
    if len(name) > 2 and name[-1] in "省市区县州":
        return name[:-1]
    return name


def industry_words(codes: pd.Series) -> pd.Series:
    """The ``|``-separated industry words of each class (longest matching prefix in
    ``data/name_words.csv``)."""
    table = data_table("name_words.csv").set_index("industry")["words"]
    prefixes = sorted(table.index, key=len, reverse=True)

    def words(code: str) -> str:
        for p in prefixes:
            if code.startswith(p):
                return str(table[p])
        raise ValueError(f"no industry word for class {code} in name_words.csv")

    codes = pd.Series(codes).astype(str)
    return codes.map({c: words(c) for c in codes.unique()})


def enterprise_names(
    county_code: np.ndarray,
    industry_code: np.ndarray,
    revenue: np.ndarray,
    regions: pd.DataFrame,
    rng: np.random.Generator,
) -> np.ndarray:
    """A unique, well-formed name for each firm (arrays of equal length; ``regions`` has
    ``code``, ``name``, ``parent_code``)."""
    n = len(county_code)
    name_of = dict(zip(regions["code"].astype(str), regions["name"].astype(str), strict=True))
    parent_of = dict(zip(regions["code"].astype(str), regions["parent_code"].astype(str), strict=True))
    short = {code: place_name(name) for code, name in name_of.items()}
    counties = [str(c) for c in county_code]
    county_short = np.array([short[c] for c in counties], dtype=object)
    city_short = np.array([short[parent_of[c]] for c in counties], dtype=object)
    rank = pd.Series(revenue).rank(ascending=False, method="first").to_numpy()
    top = rank <= max(1, n // 500)
    u = rng.random(n)
    place = np.where(top & (u < 0.5), "四川", np.where(u < 0.6, city_short, county_short))
    place = np.where(np.isin(place, list(_GENERIC)), city_short, place)
    codes = [str(c) for c in industry_code]
    options = dict(zip(pd.unique(np.array(codes)), industry_words(pd.Series(pd.unique(np.array(codes)))).str.split("|"), strict=True))
    pick = rng.random(n)
    word = np.array([options[c][int(p * len(options[c]))] for c, p in zip(codes, pick, strict=True)], dtype=object)
    legal = np.where(rng.random(n) < 0.7, LEGAL_FORMS[0], LEGAL_FORMS[1]).astype(object)
    big = rank <= max(1, n // 50)
    legal = np.where(big & (rng.random(n) < 0.5), LEGAL_FORMS[2], legal)
    legal = np.where(top & (rng.random(n) < 0.5), LEGAL_FORMS[3], legal)
    names = np.empty(n, dtype=object)
    todo = np.arange(n)
    taken: set[str] = set()
    syllables = np.array(SYLLABLES, dtype=object)
    for _ in range(50):
        a = rng.integers(len(SYLLABLES), size=len(todo))
        b = (a + 1 + rng.integers(len(SYLLABLES) - 1, size=len(todo))) % len(SYLLABLES)
        cand = place[todo] + syllables[a] + syllables[b] + word[todo] + legal[todo]
        left = []
        for j, c in zip(todo, cand, strict=True):
            if c in taken:
                left.append(j)
            else:
                taken.add(c)
                names[j] = c
        todo = np.array(left, dtype=int)
        if len(todo) == 0:
            break
    if len(todo):
        raise ValueError(f"could not name {len(todo)} demo enterprises uniquely")
    return names
