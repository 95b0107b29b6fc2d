"""Reporting periods: ``2024`` (year), ``2024Q3`` (quarter), ``2024-11`` (month).

Chinese statistical releases date every figure by one of these three period kinds; a
cumulative (year-to-date) figure for ``2024-11`` covers January–November 2024, for ``2024Q3``
the first three quarters. A period is parsed once at the boundary into a :class:`Period`
(year, frequency, index within the year), and the analytics work on those fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from xinzhi.errors import InputError

__all__ = ["FREQUENCIES", "Frequency", "Period", "parse_period", "period_columns"]

Frequency = Literal["year", "quarter", "month"]
FREQUENCIES: tuple[Frequency, ...] = ("year", "quarter", "month")
_PER_YEAR = {"year": 1, "quarter": 4, "month": 12}

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period.

    Attributes
    ----------
    year : int
    frequency : {"year", "quarter", "month"}
    index : int
        1 for a year; 1..4 for a quarter; 1..12 for a month.
    """

    year: int
    frequency: Frequency
    index: int

    @property
    def label(self) -> str:
        """Canonical text: ``2024``, ``2024Q3`` or ``2024-11``."""
        if self.frequency == "year":
            return str(self.year)
        if self.frequency == "quarter":
            return f"{self.year}Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    @property
    def per_year(self) -> int:
        """Number of periods of this frequency in a year (1, 4 or 12)."""
        return _PER_YEAR[self.frequency]

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (earlier when negative), at the same frequency."""
        k = (self.index - 1) + n
        return Period(self.year + k // self.per_year, self.frequency, k % self.per_year + 1)

    def year_ago(self) -> Period:
        """The same period one year earlier (the base of a year-on-year comparison)."""
        return Period(self.year - 1, self.frequency, self.index)

    def last_month(self) -> int:
        """Last calendar month covered (12 for a year, 9 for Q3, 11 for 2024-11)."""
        return self.index * 12 // self.per_year

    def __str__(self) -> str:
        return self.label


def parse_period(text: object) -> Period:
    """Parse ``2024``, ``2024Q3`` or ``2024-11`` (also ``2024-3``, ``2024年3月``, ``2024q3``).

    Examples
    --------
    >>> parse_period("2024Q3")
    Period(year=2024, frequency='quarter', index=3)
    >>> parse_period("2024-11").shift(2).label
    '2025-01'
    """
    s = str(text).strip()
    if m := _YEAR.match(s):
        return Period(int(m.group(1)), "year", 1)
    if m := _QUARTER.match(s):
        return Period(int(m.group(1)), "quarter", int(m.group(2)))
    if (m := _MONTH.match(s)) and 1 <= int(m.group(2)) <= 12:
        return Period(int(m.group(1)), "month", int(m.group(2)))
    raise InputError(f"period must look like 2024, 2024Q3 or 2024-11, got {text!r}")


def period_columns(periods: pd.Series) -> pd.DataFrame:
    """Split a column of period strings into ``year``, ``frequency``, ``index`` and a canonical
    ``period`` label (same index as the input).

    Raises :class:`~xinzhi.errors.InputError` naming the first unreadable value.
    """
    parsed = [parse_period(p) for p in periods]
    return pd.DataFrame(
        {
            "period": [p.label for p in parsed],
            "year": [p.year for p in parsed],
            "frequency": [p.frequency for p in parsed],
            "index": [p.index for p in parsed],
        },
        index=periods.index,
    )
