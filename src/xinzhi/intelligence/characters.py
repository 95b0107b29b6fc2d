"""Traditional Chinese characters read as simplified ones, character for character.

Pages of Hong Kong, Macao, Taiwan and many reprint sites are written in traditional characters
(經濟, 產業, 規模以上工業增加值). The extractor's rules, gazetteer and lexicon are written in
simplified characters, so a text is read through :func:`to_simplified` first.

The table is OpenCC's ``TSCharacters`` (traditional → simplified characters, Apache-2.0),
shipped by the ``opencc-python-reimplemented`` package: each traditional character becomes the
first simplified character OpenCC lists for it (乾 → 干, 於 → 于). Characters that OpenCC also
lists as simplified ones (its ``STCharacters`` keys) are left alone. Only one-to-one
replacements are made, so the text keeps its length and every offset into it stays valid;
OpenCC's phrase tables (台灣 → 台湾 style words) are not used.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["has_traditional", "to_simplified"]


def _table(name: str) -> dict[str, list[str]]:
    text = resources.files("opencc").joinpath("dictionary", name).read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            out[key] = values.split()
    return out


@cache
def _translation() -> dict[int, str]:
    ts, st = _table("TSCharacters.txt"), _table("STCharacters.txt")
    return {ord(k): v[0] for k, v in ts.items()
            if len(k) == 1 and v and len(v[0]) == 1 and v[0] != k and k not in st}


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones (same length).

    >>> to_simplified("2021年，全市規模以上工業增加值同比增長22.9%，占全省比重為5.3%。")
    '2021年，全市规模以上工业增加值同比增长22.9%，占全省比重为5.3%。'
    >>> to_simplified("四川省GDP增长6%")
    '四川省GDP增长6%'
    """
    return text.translate(_translation())


def has_traditional(text: str) -> bool:
    """Whether ``text`` contains a character that :func:`to_simplified` changes.

    >>> has_traditional("經濟"), has_traditional("经济")
    (True, False)
    """
    table = _translation()
    return any(ord(c) in table for c in text)
