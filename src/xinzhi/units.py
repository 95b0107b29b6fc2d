"""Units of measure and their conversion to the one canonical unit of each quantity.

Every numeric column of the workspace has one canonical unit (see ``docs/data-model.md``):
money in 万元 (10,000 yuan), land in 亩 (mu), energy in 吨标准煤 (tce), electricity in
万千瓦时 (10,000 kWh), emissions in 吨 (tonnes), water in 吨, people and other counts as
plain numbers, ratios as fractions (0.25, not 25 %).

Conversion factors: 1 亩 = 666.6̇ m² (10,000 m² / 15), 1 公顷 = 15 亩, 1 km² = 1,500 亩
(the statutory 市亩, 《关于统一我国计量制度的命令》1959); money by powers of ten.
"""

from __future__ import annotations

from dataclasses import dataclass

from xinzhi.errors import InputError

# quantity -> canonical unit
CANONICAL: dict[str, str] = {
    "money": "万元",
    "area": "亩",
    "energy": "吨标准煤",
    "electricity": "万千瓦时",
    "mass": "吨",
    "count": "个",
    "people": "人",
    "ratio": "比例",
}

# quantity -> {unit spelling -> factor to canonical}
_FACTORS: dict[str, dict[str, float]] = {
    "money": {
        "元": 1e-4, "yuan": 1e-4, "cny": 1e-4, "rmb": 1e-4,
        "千元": 1e-1, "thousand yuan": 1e-1,
        "万元": 1.0, "wan yuan": 1.0, "10k yuan": 1.0, "10,000 yuan": 1.0,
        "百万元": 100.0, "million yuan": 100.0, "mn yuan": 100.0,
        "千万元": 1e3,
        "亿元": 1e4, "100 million yuan": 1e4, "yi yuan": 1e4,
        "billion yuan": 1e5, "bn yuan": 1e5,
        "万亿元": 1e8, "trillion yuan": 1e8,
    },
    "area": {
        "亩": 1.0, "mu": 1.0,
        "平方米": 0.0015, "㎡": 0.0015, "m2": 0.0015, "sqm": 0.0015, "square meters": 0.0015,
        "公顷": 15.0, "ha": 15.0, "hectare": 15.0, "hectares": 15.0,
        "平方公里": 1500.0, "km2": 1500.0, "square kilometers": 1500.0,
        "万平方米": 15.0,
    },
    "energy": {
        "吨标准煤": 1.0, "吨标煤": 1.0, "tce": 1.0, "t sce": 1.0,
        "千克标准煤": 1e-3, "kgce": 1e-3, "万吨标准煤": 1e4, "万吨标煤": 1e4,
    },
    "electricity": {
        "万千瓦时": 1.0, "万度": 1.0, "10k kwh": 1.0, "10,000 kwh": 1.0,
        "千瓦时": 1e-4, "度": 1e-4, "kwh": 1e-4,
        "兆瓦时": 0.1, "mwh": 0.1, "亿千瓦时": 1e4, "gwh": 100.0,
    },
    "mass": {"吨": 1.0, "t": 1.0, "tonnes": 1.0, "tons": 1.0, "千克": 1e-3, "kg": 1e-3, "万吨": 1e4},
    "count": {"个": 1.0, "家": 1.0, "项": 1.0, "件": 1.0, "户": 1.0, "万个": 1e4, "万家": 1e4,
              "万户": 1e4, "count": 1.0, "number": 1.0},
    "people": {"人": 1.0, "persons": 1.0, "people": 1.0, "person": 1.0, "万人": 1e4},
    "ratio": {"比例": 1.0, "ratio": 1.0, "fraction": 1.0, "%": 0.01, "percent": 0.01, "百分比": 0.01,
              "‰": 0.001},
}


@dataclass(frozen=True)
class Conversion:
    """A unit conversion applied to one column during an import."""

    column: str
    source_unit: str
    canonical_unit: str
    factor: float


def normalise_unit(text: str) -> str:
    """Lower-case a unit spelling and unify brackets and spaces (``'万 元'`` → ``'万元'``)."""
    t = text.strip().lower().replace("（", "(").replace("）", ")")
    t = t.strip("() ")
    if all(ord(c) > 127 or not c.isalpha() for c in t):
        t = t.replace(" ", "")
    return t


def factor(quantity: str, unit: str) -> float:
    """Factor that converts a value in ``unit`` into the canonical unit of ``quantity``.

    >>> factor("money", "亿元")
    10000.0
    >>> factor("area", "公顷")
    15.0
    """
    table = _FACTORS.get(quantity)
    if table is None:
        raise InputError(f"unknown quantity {quantity!r}; known: {', '.join(sorted(_FACTORS))}")
    key = normalise_unit(unit)
    if key not in table:
        raise InputError(
            f"unit {unit!r} is not a unit of {quantity} "
            f"(known: {', '.join(sorted(table))})"
        )
    return table[key]


def known_units(quantity: str) -> list[str]:
    """The unit spellings accepted for ``quantity``."""
    return sorted(_FACTORS[quantity])
