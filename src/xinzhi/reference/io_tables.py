"""Locations of the bundled NBS national input-output tables (10,000 yuan, current prices)."""

from __future__ import annotations

import re
from pathlib import Path

from xinzhi.errors import NotFoundError
from xinzhi.reference.files import data_path


def available_io_tables() -> list[tuple[int, int]]:
    """(year, number of sectors) of every bundled table, e.g. ``(2020, 153)``."""
    out = []
    for p in sorted(data_path("io_tables").glob("china_*_*.csv")):
        m = re.fullmatch(r"china_(\d{4})_(\d+)\.csv", p.name)
        if m:
            out.append((int(m.group(1)), int(m.group(2))))
    return out


def io_table_path(year: int, sectors: int | None = None) -> Path:
    """Path of the NBS table for ``year`` (the most detailed one unless ``sectors`` is given)."""
    cands = [t for t in available_io_tables() if t[0] == year and (sectors is None or t[1] == sectors)]
    if not cands:
        raise NotFoundError(
            f"no input-output table for {year}"
            + (f" with {sectors} sectors" if sectors else "")
            + f"; available: {', '.join(f'{y}/{s}' for y, s in available_io_tables())}"
        )
    y, s = max(cands, key=lambda t: t[1])
    return data_path("io_tables", f"china_{y}_{s}.csv")
