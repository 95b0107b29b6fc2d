"""Synthetic enterprise-year panels for parity tests and benchmarks (never for real analysis).

The rows carry every input column of the 亩均 rulebooks with the awkward cases real data has:
zero land, zero energy, missing emissions, utilities, new firms, safety incidents and ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["synthetic_panel", "write_synthetic_panel"]

_INDUSTRIES = np.array(["1311", "1713", "2211", "2614", "2929", "3130", "3311", "3484", "3670",
                        "3821", "3982", "4411", "4620"])
_INDUSTRY_P = np.array([0.09, 0.09, 0.08, 0.09, 0.09, 0.08, 0.09, 0.09, 0.09, 0.08, 0.09, 0.02, 0.02])


def synthetic_panel(n_firms: int, *, years: Sequence[int] = (2023, 2024), seed: int = 0,
                    regions: Sequence[str] = ("320803", "320804", "320812", "320813"),
                    first_firm: int = 0) -> pa.Table:
    """``n_firms`` × ``len(years)`` rows with the joined enterprise-year and enterprise columns.

    Deterministic for a given ``seed`` and ``first_firm`` (use ``first_firm`` to build a large
    panel in chunks).
    """
    rng = np.random.default_rng([seed, first_firm])
    n = n_firms
    codes = np.char.add("SYN", np.char.zfill(np.arange(first_firm, first_firm + n).astype(str), 15))
    region = np.asarray(regions)[rng.integers(0, len(regions), n)]
    park = np.where(rng.random(n) < 0.7, np.char.add(region, "P1"), "")
    industry = rng.choice(_INDUSTRIES, n, p=_INDUSTRY_P)
    above = rng.random(n) < 0.45
    established = rng.integers(1990, max(years) + 1, n)
    land = np.round(rng.lognormal(3.0, 1.0, n), 1)
    land[rng.random(n) < 0.02] = 0.0
    small = (~above) & (rng.random(n) < 0.3)
    land = np.where(small, np.round(rng.uniform(0.5, 2.9, n), 1), land)
    scale = np.where(above, 20.0, 3.0) * rng.lognormal(0.0, 0.8, n)
    tags = np.where(rng.random(n) < 0.03, "小升规", np.where(rng.random(n) < 0.02, "在建重大项目", ""))
    parts = []
    for k, year in enumerate(years):
        g = rng.lognormal(0.0, 0.15, n) * (1.05**k)
        revenue = np.round(land * scale * 10 * g + rng.uniform(0, 5, n), 2)
        tax = np.round(revenue * rng.uniform(0.01, 0.08, n), 1)  # one decimal: ties happen
        va = np.round(revenue * rng.uniform(0.15, 0.35, n), 2)
        energy = np.round(revenue / rng.uniform(1.0, 8.0, n), 2)
        energy[rng.random(n) < 0.01] = 0.0
        emissions = np.round(va / rng.uniform(2000, 8000, n), 4)
        emissions_mask = rng.random(n) < 0.05
        employees = np.maximum(1.0, np.round(revenue / rng.uniform(30, 200, n)))
        rd = np.round(revenue * np.where(rng.random(n) < 0.4, 0.0, rng.uniform(0, 0.06, n)), 2)
        parts.append(pa.table({
            "credit_code": codes, "year": np.full(n, year, dtype="int64"), "region_code": region,
            "park_code": park, "industry_code": industry,
            "size_class": np.where(above, "medium", "small"), "above_scale": above,
            "established_year": established.astype("int64"), "tags": tags,
            "land_mu": land, "land_leased": land == 0.0, "tax": tax, "value_added": va,
            "output": revenue * 1.1, "revenue": revenue, "main_revenue": np.round(revenue * 0.9, 2),
            "energy_tce": energy, "electricity": np.round(energy * 0.8, 2),
            "emissions": pa.array(emissions, mask=emissions_mask), "rd_spending": rd,
            "rd_staff": np.round(employees * 0.1), "employees": employees,
            "invention_patents": rng.poisson(1.0, n).astype("float64"),
            "ip_count": rng.poisson(3.0, n).astype("float64"),
            "debt_ratio": np.round(rng.uniform(0.1, 0.95, n), 3),
            "net_profit": np.round(revenue * rng.uniform(-0.05, 0.15, n), 2),
            "equity_financing": np.zeros(n), "exports": np.zeros(n),
            "safety_incident": rng.random(n) < 0.005,
        }))
    return pa.concat_tables(parts)


def write_synthetic_panel(path: Path, n_firms: int, *, years: Sequence[int] = (2023, 2024), seed: int = 0,
                          chunk: int = 500_000) -> Path:
    """Write :func:`synthetic_panel` to one Parquet file in chunks of ``chunk`` firms."""
    writer = None
    try:
        for start in range(0, n_firms, chunk):
            part = synthetic_panel(min(chunk, n_firms - start), years=years, seed=seed, first_firm=start)
            if writer is None:
                writer = pq.ParquetWriter(str(path), part.schema)
            writer.write_table(part)
    finally:
        if writer is not None:
            writer.close()
    return path
