"""Subjects → lexicon codes, GB/T 4754 sectors and product tags.

A fact's subject is the phrase of the text that names what a number measures
(``电气机械和器材制造业增加值``, ``output of new energy vehicles``). This module maps it:

- to an indicator of the lexicon (:mod:`xinzhi.intelligence.lexicon`), when one matches;
- to a GB/T 4754-2017 sector: the longest section, division or group name contained in the
  subject (Chinese names from the bundled standard, written with or without their enumeration
  commas: ``计算机、通信和其他电子设备制造业`` = ``计算机通信和其他电子设备制造业``; English
  names of sections and divisions from ``data/sectors_en.yaml``);
- to a product tag: the longest product name contained in the subject, from the chain
  definitions shipped with Xinzhi (node names and their ``products``) and ``data/products.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["Vocabulary", "load_vocabulary"]

_PUNCT = re.compile(r"[、，,\s“”\"'（）()·]")


def _norm(s: str) -> str:
    return _PUNCT.sub("", s).lower()


@dataclass(frozen=True)
class Vocabulary:
    """Sector names (normalised) → GB/T 4754 codes, product names → tags."""

    sectors: tuple[tuple[str, str], ...]  # (normalised name, code), longest first
    products: tuple[tuple[str, str], ...]  # (normalised name, tag), longest first

    def __post_init__(self) -> None:
        for attr, pairs in (("_sector_re", self.sectors), ("_product_re", self.products)):
            rx = re.compile("|".join(re.escape(n) for n, _ in pairs)) if pairs else re.compile(r"(?!)")
            object.__setattr__(self, attr, rx)
        object.__setattr__(self, "_sector_map", dict(self.sectors))
        object.__setattr__(self, "_product_map", dict(self.products))

    def _longest(self, rx: re.Pattern[str], table: dict[str, str], subject: str) -> str | None:
        s = _norm(subject)
        best = ""
        i = 0
        while True:
            m = rx.search(s, i)
            if m is None:
                break
            if len(m.group(0)) > len(best):
                best = m.group(0)
            i = m.start() + 1
        return table.get(best) if best else None

    def sector(self, subject: str) -> str | None:
        """GB/T 4754 code of the longest sector name in ``subject``.

        >>> load_vocabulary().sector("化学原料和化学制品制造业增加值")
        '26'
        >>> load_vocabulary().sector("investment in electrical machinery and equipment manufacturing")
        '38'
        """
        return self._longest(self._sector_re, self._sector_map, subject)  # type: ignore[attr-defined]

    def product(self, subject: str) -> str | None:
        """Product tag of the longest product name in ``subject``.

        >>> load_vocabulary().product("锂离子电池产量")
        '锂离子电池'
        """
        return self._longest(self._product_re, self._product_map, subject)  # type: ignore[attr-defined]


def _read_yaml(name: str) -> dict:  # type: ignore[type-arg]
    text = resources.files("xinzhi.intelligence").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text) or {}


@cache
def load_vocabulary() -> Vocabulary:
    """The shipped sector and product vocabulary (built once per process)."""
    from xinzhi.reference.industries import industries

    sectors: dict[str, str] = {}
    ind = industries()
    for row in ind[ind["level"] <= 3].itertuples(index=False):
        name = str(row.name)
        if len(name) < 3:
            continue
        sectors.setdefault(_norm(name), str(row.code))
        if name.endswith("业") and len(name) > 4:
            sectors.setdefault(_norm(name[:-1]), str(row.code))  # 非金属矿物制品(业)
    for code, names in (_read_yaml("sectors_en.yaml").get("sectors") or {}).items():
        for n in names:
            sectors.setdefault(_norm(str(n)), str(code))
    products: dict[str, str] = {}
    for tag, names in (_read_yaml("products.yaml").get("products") or {}).items():
        products.setdefault(_norm(str(tag)), str(tag))
        for n in names or []:
            products.setdefault(_norm(str(n)), str(tag))
    for tag in _chain_products():
        products.setdefault(_norm(tag), tag)
    order = lambda kv: (-len(kv[0]), kv[0])  # noqa: E731
    return Vocabulary(tuple(sorted(sectors.items(), key=order)), tuple(sorted(products.items(), key=order)))


def _chain_products() -> list[str]:
    """Node names and ``products`` of the chain definitions shipped with Xinzhi."""
    out: list[str] = []
    try:
        root = resources.files("xinzhi.chains").joinpath("data")
        files = [f for f in root.iterdir() if f.name.endswith(".yaml")]
    except (FileNotFoundError, ModuleNotFoundError):
        return out
    for f in files:
        data = yaml.safe_load(f.read_text("utf-8")) or {}
        for node in data.get("nodes") or []:
            name = str(node.get("name", ""))
            for part in re.split(r"[（(）)、，,]", name):
                if len(part) >= 2:
                    out.append(part)
            out += [str(p) for p in node.get("products") or []]
    return out
