"""The indicator lexicon: which words name which indicator, and in which unit.

The lexicon is data: ``xinzhi/intelligence/data/indicators.yaml`` ships with the package and a
user file of the same layout adds entries or replaces entries with the same ``code``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from xinzhi.errors import InputError

__all__ = ["Indicator", "IndicatorMention", "Lexicon", "load_lexicon"]

QUANTITIES = ("money", "count", "ratio")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2}")
UNITS = {"money": "yuan", "count": "count", "ratio": "fraction"}


@dataclass(frozen=True)
class Indicator:
    """One lexicon entry.

    Attributes
    ----------
    code : str
        Indicator code used in facts (``gdp``); growth facts use ``<code>_growth``.
    quantity : {"money", "count", "ratio"}
        What a level value measures; money is held in yuan, ratios as fractions.
    growth : bool
        A percentage after a growth word is filed as ``<code>_growth``.
    share : str or None
        Code of the share indicator for a percentage after a share phrase.
    kind : str or None
        Forced fact kind (``plan`` for planned or agreed investment).
    """

    code: str
    name_zh: str
    name_en: str
    quantity: str
    growth: bool = False
    share: str | None = None
    kind: str | None = None
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        return UNITS[self.quantity]


@dataclass(frozen=True)
class IndicatorMention:
    """A span of text naming an indicator."""

    start: int
    end: int
    indicator: Indicator
    text: str


@dataclass
class Lexicon:
    """A set of indicators with their compiled patterns.

    Use :func:`load_lexicon` to build one from the shipped file and an optional user file.
    """

    indicators: dict[str, Indicator]
    _zh: list[tuple[re.Pattern[str], Indicator]] = field(default_factory=list, repr=False)
    _en: list[tuple[re.Pattern[str], Indicator]] = field(default_factory=list, repr=False)
    _cache: dict[str, list[IndicatorMention]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for ind in self.indicators.values():
            if ind.zh:
                self._zh.append((re.compile("|".join(f"(?:{p})" for p in ind.zh)), ind))
            if ind.en:
                self._en.append(
                    (re.compile("|".join(f"(?:{p})" for p in ind.en), re.IGNORECASE), ind)
                )

    def codes(self) -> list[str]:
        """All codes a fact can carry: the entries plus the derived ``_growth`` codes."""
        out = []
        for ind in self.indicators.values():
            out.append(ind.code)
            if ind.growth:
                out.append(f"{ind.code}_growth")
        return out

    def find(self, text: str) -> list[IndicatorMention]:
        """Non-overlapping indicator mentions in ``text`` (longest match wins), in text order.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> [m.indicator.code for m in lex.find("全省规模以上工业增加值增长6.1%，GDP增长6%")]
        ['above_scale_industrial_va', 'gdp']
        """
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        out = self._find(text)
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache[text] = out
        return out

    def _find(self, text: str) -> list[IndicatorMention]:
        cands: list[IndicatorMention] = []
        patterns = []
        if _CJK.search(text):
            patterns += self._zh
        if _LATIN.search(text):
            patterns += self._en
        for pattern, ind in patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    cands.append(IndicatorMention(m.start(), m.end(), ind, m.group(0)))
        cands.sort(key=lambda c: (-(c.end - c.start), c.start))
        taken: list[IndicatorMention] = []
        for c in cands:
            if all(c.end <= t.start or c.start >= t.end for t in taken):
                taken.append(c)
        return sorted(taken, key=lambda c: c.start)


def _entry(raw: dict[str, Any], source: str) -> Indicator:
    try:
        code = str(raw["code"])
        quantity = str(raw["quantity"])
    except KeyError as exc:
        raise InputError(f"{source}: indicator entry {raw!r} lacks {exc.args[0]!r}") from None
    if quantity not in QUANTITIES:
        raise InputError(f"{source}: indicator {code!r}: quantity must be one of {QUANTITIES}, got {quantity!r}")
    zh = tuple(str(p) for p in raw.get("zh") or ())
    en = tuple(str(p) for p in raw.get("en") or ())
    for p in (*zh, *en):
        try:
            re.compile(p)
        except re.error as exc:
            raise InputError(f"{source}: indicator {code!r}: bad pattern {p!r}: {exc}") from None
    return Indicator(
        code=code,
        name_zh=str(raw.get("name_zh", code)),
        name_en=str(raw.get("name_en", code)),
        quantity=quantity,
        growth=bool(raw.get("growth", False)),
        share=raw.get("share"),
        kind=raw.get("kind"),
        zh=zh,
        en=en,
    )


def _read(text: str, source: str) -> list[Indicator]:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise InputError(f"{source}: expected a mapping with a list under 'indicators'")
    return [_entry(raw, source) for raw in data["indicators"]]


@cache
def _shipped() -> tuple[Indicator, ...]:
    text = resources.files("xinzhi.intelligence").joinpath("data/indicators.yaml").read_text("utf-8")
    return tuple(_read(text, "indicators.yaml"))


def load_lexicon(user_file: str | Path | None = None) -> Lexicon:
    """The shipped indicator lexicon, extended (or overridden by code) by ``user_file``.

    Parameters
    ----------
    user_file : path, optional
        YAML file with a list under ``indicators``, each entry with ``code``, ``quantity``
        (``money``, ``count`` or ``ratio``), ``zh`` and/or ``en`` regular expressions and
        optionally ``growth``, ``share``, ``kind``, ``name_zh``, ``name_en``.
    """
    entries = {ind.code: ind for ind in _shipped()}
    if user_file is not None:
        path = Path(user_file)
        if not path.is_file():
            raise InputError(f"lexicon file {path} does not exist")
        for ind in _read(path.read_text("utf-8"), str(path)):
            entries[ind.code] = ind
    return Lexicon(entries)
