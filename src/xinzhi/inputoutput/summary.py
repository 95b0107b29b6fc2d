"""One row per sector of a table: linkages, multipliers, upstreamness, import dependence."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from xinzhi.errors import InputError
from xinzhi.inputoutput.leontief import (
    ghosh_inverse,
    import_dependence,
    leontief_inverse,
    linkages,
    output_coefficients,
    technical_coefficients,
)
from xinzhi.inputoutput.tables import IOTable

__all__ = ["sector_linkages"]


def sector_linkages(table: IOTable, *, forward: Literal["ghosh", "leontief"] = "ghosh") -> pd.DataFrame:
    """Rasmussen–Hirschman linkages and related measures for every sector of ``table``.

    Combines :func:`~xinzhi.inputoutput.leontief.linkages` (backward from L; forward from the
    Ghosh inverse, or from the rows of L with ``forward="leontief"``) with gross output, value
    added (10,000 yuan), upstreamness (row sums of the Ghosh inverse) and import dependence.

    Returns
    -------
    pandas.DataFrame
        ``code``, ``name``, ``output``, ``value_added``, ``backward``, ``forward``,
        ``output_multiplier``, ``upstreamness``, ``import_dependence``, ``sector_type``,
        ``key_sector``, sorted by matrix order.

    Examples
    --------
    >>> from xinzhi.inputoutput.tables import load_io_table
    >>> df = sector_linkages(load_io_table(2020, 42))
    >>> round(float(df.backward.mean()), 12), round(float(df.forward.mean()), 12)
    (1.0, 1.0)
    """
    if forward not in ("ghosh", "leontief"):
        raise InputError(f"forward must be 'ghosh' or 'leontief', got {forward!r}")
    a = technical_coefficients(table.flows, table.output)
    b = output_coefficients(table.flows, table.output)
    lm = leontief_inverse(a)
    g = ghosh_inverse(b)
    out = linkages(lm, ghosh=g if forward == "ghosh" else None, codes=table.codes, names=table.names)
    out.insert(2, "output", table.output)
    out.insert(3, "value_added", table.value_added)
    out.insert(7, "upstreamness", g.sum(axis=1))
    out.insert(8, "import_dependence", import_dependence(table.imports, table.output, table.exports))
    return out
