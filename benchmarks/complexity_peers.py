"""The open implementations of economic complexity a user might pick instead of Xinzhi, each called
as its documentation shows, on the same long table (plain pandas string keys).

Every runner takes the long table (``year, loc, prod, val``) and returns a long table with
``year, loc, prod`` and whatever of ``eci, pci, density, cog`` the package computes, so that the
benchmark can time the same work a user would do to get a long result and compare the values.

* ``ecomplexity`` (Harvard Growth Lab, PyPI ``ecomplexity``; the Python port of the Stata
  command): one call over the whole panel, long output.
* ``econcomplex`` (PyPI ``econcomplex``): ``compute_complexity`` with a time column, long output
  (eigenvector method, as Xinzhi).
* ``economic-complexity`` (Datawheel, the makers of the Observatory of Economic Complexity; PyPI
  ``economic-complexity``): matrix functions, called per year on a pivoted table: ``rca``,
  ``complexity`` (method of reflections, 20 iterations), ``proximity``, ``relatedness`` (density)
  and ``opportunity_gain`` (COG), then melted to a long table.
* ``econci`` (PyPI ``econci``): ``Complexity(...).calculate_indexes()`` per year; ECI, PCI,
  density (no COG).
* ``fermi`` (PyPI ``fermi-cref``, Centro Ricerche Enrico Fermi): ``efc`` per year on a pivoted
  table, ``compute_rca().binarize()``, ``get_eci_pci(method="eigenvalue")``; ECI and PCI only.

The OEC's own PyPI package ``oec`` is a client of the OEC's web API (it computes nothing locally),
so it cannot run on these data and is not benchmarked.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable

import numpy as np
import pandas as pd

#: What each peer computes (for the printed table).
COMPUTES: dict[str, str] = {
    "ecomplexity": "ECI, PCI, density, COG, COI (full panel, long output)",
    "econcomplex": "ECI, PCI, density, COG, COI (full panel, long output)",
    "economic-complexity": "ECI, PCI (reflections), density, COG, per year, melted to long",
    "econci": "ECI, PCI, density, per year, melted to long (no COG)",
    "fermi": "ECI, PCI only, per year",
}


def _years(df: pd.DataFrame) -> list[tuple[int, pd.DataFrame]]:
    return [(int(y), part) for y, part in df.groupby("year", sort=True)]


def _long(year: int, mats: dict[str, pd.DataFrame], eci: pd.Series, pci: pd.Series) -> pd.DataFrame:
    """Long table of one year from region × industry matrices and the two index series."""
    first = next(iter(mats.values()))
    n_c, n_p = first.shape
    out = pd.DataFrame({
        "year": np.full(n_c * n_p, year),
        "loc": np.repeat(first.index.to_numpy(), n_p),
        "prod": np.tile(first.columns.to_numpy(), n_c),
    })
    for name, mat in mats.items():
        out[name] = mat.reindex(index=first.index, columns=first.columns).to_numpy().ravel()
    out["eci"] = eci.reindex(first.index).to_numpy().repeat(n_p)
    out["pci"] = np.tile(pci.reindex(first.columns).to_numpy(), n_c)
    return out


def run_ecomplexity(df: pd.DataFrame) -> pd.DataFrame:
    from ecomplexity import ecomplexity

    with contextlib.redirect_stdout(io.StringIO()):
        out = ecomplexity(df, {"time": "year", "loc": "loc", "prod": "prod", "val": "val"}, verbose=False)
    return out


def run_econcomplex(df: pd.DataFrame) -> pd.DataFrame:
    import econcomplex

    out = econcomplex.compute_complexity(
        df, cols={"loc": "loc", "act": "prod", "val": "val", "time": "year"}, method="eigenvector")
    return out


def run_economic_complexity(df: pd.DataFrame) -> pd.DataFrame:
    import economic_complexity as ec

    parts = []
    for year, part in _years(df):
        tbl = part.pivot_table(index="loc", columns="prod", values="val", aggfunc="sum", fill_value=0)
        rca = ec.rca(tbl)
        eci, pci = ec.complexity(rca)
        prox = ec.proximity(rca)
        dens = ec.relatedness(rca, proximities=prox)
        cog = ec.opportunity_gain(rca, pci=pci, proximities=prox)
        parts.append(_long(year, {"density": dens, "cog": cog}, eci, pci))
    return pd.concat(parts, ignore_index=True)


def run_econci(df: pd.DataFrame) -> pd.DataFrame:
    import econci

    parts = []
    for year, part in _years(df):
        comp = econci.Complexity(part, c="loc", p="prod", values="val")
        comp.calculate_indexes()
        eci = comp.eci.set_index("loc")["eci"] if isinstance(comp.eci, pd.DataFrame) else comp.eci
        pci = comp.pci.set_index("prod")["pci"] if isinstance(comp.pci, pd.DataFrame) else comp.pci
        parts.append(_long(year, {"density": comp.density}, eci, pci))
    return pd.concat(parts, ignore_index=True)


def run_fermi(df: pd.DataFrame) -> pd.DataFrame:
    from fermi import efc

    parts = []
    for year, part in _years(df):
        tbl = part.pivot_table(index="loc", columns="prod", values="val", aggfunc="sum", fill_value=0)
        m = efc(tbl).compute_rca().binarize()
        eci, pci = m.get_eci_pci(method="eigenvalue", aspandas=True)
        parts.append(pd.DataFrame({"year": year, "loc": eci.index, "eci": eci["ECI"].to_numpy()})
                     .merge(pd.DataFrame({"prod": pci.index, "pci": pci["PCI"].to_numpy()}), how="cross"))
    return pd.concat(parts, ignore_index=True)


#: The module each peer imports (imported before the timed call: import time is not counted).
MODULES: dict[str, str] = {
    "ecomplexity": "ecomplexity",
    "econcomplex": "econcomplex",
    "economic-complexity": "economic_complexity",
    "econci": "econci",
    "fermi": "fermi",
}

RUNNERS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "ecomplexity": run_ecomplexity,
    "econcomplex": run_econcomplex,
    "economic-complexity": run_economic_complexity,
    "econci": run_econci,
    "fermi": run_fermi,
}
