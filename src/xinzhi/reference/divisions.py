"""Administrative divisions (NBS statistical division codes ≈ GB/T 2260) as a region table."""

from __future__ import annotations

from functools import cache

import pandas as pd

from xinzhi.reference.files import data_path

# Prefecture rows that are not GB/T 2260 units: their counties hang directly under the province.
_PSEUDO_CITY_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@cache
def _regions() -> pd.DataFrame:
    d = data_path("admin_divisions")
    read = {"dtype": str, "keep_default_na": False}
    prov = pd.read_csv(d / "provinces.csv", **read)
    city = pd.read_csv(d / "cities.csv", **read)
    area = pd.read_csv(d / "areas.csv", **read)
    pinyin = pd.read_csv(d / "region_names_pinyin.csv", **read)
    names_en = dict(zip(pinyin["adcode"], pinyin["name_pinyin"], strict=True))

    provinces = pd.DataFrame(
        {"code": prov["code"] + "0000", "name": prov["name"], "level": "province", "parent_code": ""}
    )
    real_city = ~city["name"].isin(_PSEUDO_CITY_NAMES)
    cities = pd.DataFrame(
        {
            "code": city.loc[real_city, "code"] + "00",
            "name": city.loc[real_city, "name"],
            "level": "city",
            "parent_code": city.loc[real_city, "provinceCode"] + "0000",
        }
    )
    real_city_codes = set(city.loc[real_city, "code"])
    parent = [
        (c + "00") if c in real_city_codes else (p + "0000")
        for c, p in zip(area["cityCode"], area["provinceCode"], strict=True)
    ]
    counties = pd.DataFrame(
        {"code": area["code"], "name": area["name"], "level": "county", "parent_code": parent}
    )
    # Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400) are
    # listed again as their own county row; keep the city row only.
    counties = counties[~counties["code"].isin(set(cities["code"]))]
    out = pd.concat([provinces, cities, counties], ignore_index=True)
    out["name_en"] = out["code"].map(names_en).fillna("")
    return out[["code", "name", "name_en", "level", "parent_code"]].reset_index(drop=True)


def regions(province: str | None = None) -> pd.DataFrame:
    """Provinces, cities and counties with columns ``code, name, name_en, level, parent_code``.

    Parameters
    ----------
    province : str, optional
        Two-digit or six-digit province code (``"51"`` or ``"510000"``) to keep one province.

    Examples
    --------
    >>> r = regions("51")
    >>> r.loc[r.code == "510100", "name"].item()
    '成都市'
    """
    out = _regions().copy()
    if province:
        out = out[out["code"].str[:2] == province[:2]].reset_index(drop=True)
    return out
