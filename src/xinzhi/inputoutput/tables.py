"""Reading an NBS input-output table into matrices.

The bundled tables (see ``xinzhi/reference/data/SOURCES.md``) are product × product tables in
10,000 yuan at current prices. Rows are sector codes, then ``TII`` (total intermediate input),
``VA001``–``VA004`` (compensation, net production taxes, depreciation, operating surplus), ``TVA``
and ``TI`` (total input). Columns are the sectors, ``TIU`` (total intermediate use), final-use
columns ending with ``TFU``, then ``IM`` (imports; not in the 42-sector tables), ``ERR`` (2012
only) and ``GO`` (gross output). The 42-sector tables are non-competitive-import tables: column
``Origin`` tells ``Domestic`` rows from ``Imports`` rows (whose ``GO`` is total imports).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from xinzhi.errors import InputError

__all__ = ["IOTable", "Origin", "load_io_table", "parse_io_table"]

Origin = Literal["total", "domestic"]

_VA_ROWS = ("VA001", "VA002", "VA003", "VA004")


@dataclass(frozen=True)
class IOTable:
    """One input-output table as matrices (10,000 yuan).

    Attributes
    ----------
    year : int
    codes, names, names_en : list of str
        Sector codes and names, in matrix order.
    flows : numpy.ndarray
        ``n × n`` intermediate flows Z (row sector supplies column sector).
    output : numpy.ndarray
        Gross output x of each sector (``GO``).
    value_added : numpy.ndarray
        Total value added of each sector (``TVA``).
    value_added_parts : pandas.DataFrame
        ``VA001``–``VA004`` by sector.
    final_use : numpy.ndarray
        Total final use (``TFU``) of the products of each sector.
    imports, exports : numpy.ndarray
        Imports and exports of each product.
    total_intermediate_use : numpy.ndarray
        ``TIU`` as printed (row totals of the flows).
    total_input : numpy.ndarray
        ``TI`` as printed (column totals: intermediate inputs plus value added).
    origin : {"total", "domestic"}
        Whether ``flows`` count imported intermediate inputs ("total") or only domestic ones.
    """

    year: int | None
    codes: list[str]
    names: list[str]
    names_en: list[str]
    flows: np.ndarray
    output: np.ndarray
    value_added: np.ndarray
    value_added_parts: pd.DataFrame
    final_use: np.ndarray
    imports: np.ndarray
    exports: np.ndarray
    total_intermediate_use: np.ndarray
    total_input: np.ndarray
    origin: Origin = "total"

    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.codes)

    @property
    def net_final_demand(self) -> np.ndarray:
        r"""Final demand f that closes the row identity :math:`x = Z\mathbf{1} + f`."""
        out: np.ndarray = self.output - self.flows.sum(axis=1)
        return out


def _num(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        raise InputError(f"input-output table: column {col!r} is missing")
    return frame[col].to_numpy(dtype=np.float64)


def parse_io_table(frame: pd.DataFrame, *, origin: Origin = "total", year: int | None = None) -> IOTable:
    """Turn a table in the NBS layout (see the module docstring) into an :class:`IOTable`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read from CSV, ``Code`` as strings.
    origin : {"total", "domestic"}, default="total"
        For non-competitive-import tables (with an ``Origin`` column): "total" adds imported
        intermediate inputs to the domestic ones (a competitive-import view), "domestic" keeps only
        domestic flows. Tables without ``Origin`` accept only "total".
    year : int, optional
        Recorded on the result.

    Returns
    -------
    IOTable
    """
    if origin not in ("total", "domestic"):
        raise InputError(f"origin must be 'total' or 'domestic', got {origin!r}")
    if "Code" not in frame.columns:
        raise InputError("input-output table: column 'Code' is missing")
    codes_all = frame["Code"].astype(str)
    is_sector = codes_all.str.fullmatch(r"\d+")
    if "Origin" in frame.columns:
        dom = frame[is_sector & (frame["Origin"] == "Domestic")]
        imp = frame[is_sector & (frame["Origin"] == "Imports")]
        sectors = dom["Code"].astype(str).tolist()
        if imp["Code"].astype(str).tolist() != sectors:
            raise InputError("input-output table: Domestic and Imports rows list different sectors")
        z_dom = dom[sectors].to_numpy(dtype=np.float64)
        z_imp = imp[sectors].to_numpy(dtype=np.float64)
        flows = z_dom + z_imp if origin == "total" else z_dom
        tiu = _num(dom, "TIU") + (_num(imp, "TIU") if origin == "total" else 0.0)
        final_use = _num(dom, "TFU") + (_num(imp, "TFU") if origin == "total" else 0.0)
        imports = _num(imp, "GO")
        exports = _num(dom, "EX")
        rows = dom
    else:
        if origin != "total":
            raise InputError("origin='domestic' needs a non-competitive-import table (with an Origin column)")
        rows = frame[is_sector]
        sectors = rows["Code"].astype(str).tolist()
        flows = rows[sectors].to_numpy(dtype=np.float64)
        tiu = _num(rows, "TIU")
        final_use = _num(rows, "TFU")
        imports = _num(rows, "IM")
        exports = _num(rows, "EX")
    missing = [c for c in sectors if c not in frame.columns]
    if missing:
        raise InputError(f"input-output table: sector columns missing: {missing[:5]}")
    special = frame[~is_sector].set_index(codes_all[~is_sector])
    for needed in ("TVA", "TI", *_VA_ROWS):
        if needed not in special.index:
            raise InputError(f"input-output table: row {needed!r} is missing")
    value_added = special.loc["TVA", sectors].to_numpy(dtype=np.float64)
    total_input = special.loc["TI", sectors].to_numpy(dtype=np.float64)
    parts = special.loc[list(_VA_ROWS), sectors].T.astype(np.float64)
    parts.index.name = "code"
    return IOTable(
        year=year,
        codes=sectors,
        names=rows["DescriptionInChinese"].astype(str).tolist(),
        names_en=rows["Description"].astype(str).tolist(),
        flows=flows,
        output=_num(rows, "GO"),
        value_added=value_added,
        value_added_parts=parts,
        final_use=final_use,
        imports=imports,
        exports=exports,
        total_intermediate_use=tiu,
        total_input=total_input,
        origin=origin,
    )


def load_io_table(year: int, sectors: int | None = None, *, origin: Origin = "total") -> IOTable:
    """Read a bundled NBS table (the most detailed one for ``year`` unless ``sectors`` is given).

    Examples
    --------
    >>> t = load_io_table(2020, 42)
    >>> t.n, t.codes[:2], t.names[19]
    (42, ['01', '02'], '通信设备、计算机和其他电子设备')
    """
    from xinzhi.reference import io_table_path

    path: Path = io_table_path(year, sectors)
    frame = pd.read_csv(path, dtype={"Code": str})
    return parse_io_table(frame, origin=origin, year=year)
