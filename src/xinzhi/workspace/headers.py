"""Mapping file headers (Chinese or English, with an optional unit) to schema columns.

``税收（万元）``, ``tax (yuan)``, ``用地面积(公顷)`` and ``land_mu`` all map to a column; the unit
in brackets, if any, selects the conversion factor to the column's canonical unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xinzhi.schema.base import Column, TableSpec

_UNIT_RE = re.compile(r"^(?P<name>.*?)\s*[\(（\[【](?P<unit>[^\)）\]】]*)[\)）\]】]\s*$")


def _norm(text: str) -> str:
    t = text.strip().lstrip("\ufeff").lower()
    return re.sub(r"[\s_\-:：]+", "", t)


@dataclass(frozen=True)
class HeaderMatch:
    header: str
    column: Column
    unit: str | None


def split_unit(header: str) -> tuple[str, str | None]:
    """``'税收（万元）'`` → ``('税收', '万元')``; ``'tax'`` → ``('tax', None)``."""
    m = _UNIT_RE.match(header.strip())
    if m and m.group("unit").strip():
        return m.group("name"), m.group("unit").strip()
    return header, None


def header_index(spec: TableSpec) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for c in spec.columns:
        for spelling in (c.name, c.label_zh, *c.aliases):
            index.setdefault(_norm(spelling), c)
    return index


def match_headers(spec: TableSpec, headers: list[str]) -> tuple[list[HeaderMatch], list[str]]:
    """Return the matched headers and the headers that match no column."""
    index = header_index(spec)
    matched: list[HeaderMatch] = []
    unknown: list[str] = []
    for h in headers:
        h_str = str(h)
        col = index.get(_norm(h_str))
        unit = None
        if col is None:
            base, unit = split_unit(h_str)
            col = index.get(_norm(base))
        if col is None:
            unknown.append(h_str)
        else:
            matched.append(HeaderMatch(h_str, col, unit))
    return matched, unknown
