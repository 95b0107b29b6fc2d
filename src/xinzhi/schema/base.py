"""Column and table specifications: the single description of every workspace table.

A :class:`TableSpec` says which columns a table has, their types, canonical units, the header
spellings accepted on import (Chinese and English), which columns are required, which form the
key, and which checks apply. Imports, exports, documentation and the demo all read these specs,
so adding a column is one line in the domain module that owns the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

from xinzhi.units import CANONICAL

DType = Literal["str", "int", "float", "bool", "date"]
Check = Literal["credit_code", "region", "industry", "fraction", "year", "nonempty"]

# A cross-column check: gets the typed frame (canonical units, spec column names, positional
# index 0..n-1) and returns (row position, column, kind, reason) for each bad row.
RowCheck = Callable[["pd.DataFrame"], list[tuple[int, str, str, str]]]


@dataclass(frozen=True)
class Column:
    """One column of a workspace table.

    Parameters
    ----------
    name : str
        Canonical English snake_case name, used in Parquet, SQL and the Python API.
    dtype : {"str", "int", "float", "bool", "date"}
    label_zh : str
        Chinese label, used in exports with Chinese headers and in the dashboard.
    quantity : str, optional
        Physical quantity (``money``, ``area`` ...) for unit conversion; see :mod:`xinzhi.units`.
    aliases : tuple of str
        Further accepted header spellings (matching ignores case, spaces and a trailing unit).
    required : bool
        The column must be present in an import file and never empty.
    nonnegative : bool
        Negative values are rejected.
    checks : tuple of str
        Extra checks: ``credit_code`` (GB 32100 check digit), ``region`` / ``industry`` (code
        exists in the workspace), ``fraction`` (0 ≤ x ≤ 1), ``year`` (1900..2100).
    max_length : int
        Longest text accepted in a ``str`` column, in characters (default 2,000; raise it for
        bodies of text such as a document's full text).
    """

    name: str
    dtype: DType
    label_zh: str
    description: str = ""
    quantity: str | None = None
    aliases: tuple[str, ...] = ()
    required: bool = False
    nonnegative: bool = False
    checks: tuple[Check, ...] = ()
    max_length: int = 2000

    @property
    def unit(self) -> str | None:
        """Canonical unit of the column, or ``None`` for non-quantities."""
        return CANONICAL[self.quantity] if self.quantity else None


@dataclass(frozen=True)
class TableSpec:
    """A workspace table: its columns, key and description."""

    name: str
    label_zh: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    domain: str = "core"
    reference: bool = False  # filled from bundled reference data when a workspace is created
    extra_columns_allowed: bool = False
    notes: tuple[str, ...] = field(default=())
    row_checks: tuple[RowCheck, ...] = field(default=())

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def col(name: str, dtype: DType, label_zh: str, description: str = "", **kw: object) -> Column:
    """Shorthand constructor for :class:`Column` (keeps the domain modules one line per column)."""
    return Column(name, dtype, label_zh, description, **kw)  # type: ignore[arg-type]
