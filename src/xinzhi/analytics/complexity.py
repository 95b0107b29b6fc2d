r"""Economic complexity of a region × industry panel, matching Stata ``ecomplexity``.

:func:`complexity` runs, for every year of a long table in one call: RCA (and RPOP) → presence
:math:`M_{cp}` → diversity and ubiquity → ECI and PCI → proximity → density → COI and COG. Each
year is computed independently, as in the Growth Lab's Stata command; the formulas are in
:mod:`xinzhi.analytics.complexity_core` and :mod:`xinzhi.analytics.relatedness`.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd

from xinzhi.analytics.complexity_core import (
    Method,
    eci_pci,
    presence,
    rca_matrix,
    rpop_matrix,
)
from xinzhi.analytics.panel import InputReport, YearMatrix, as_pandas, year_matrices
from xinzhi.analytics.relatedness import (
    PROXIMITY_KINDS,
    ProximityKind,
    density_and_outlook,
    product_dtype,
    proximity,
    proximity_from_counts,
)
from xinzhi.errors import InputError

logger = logging.getLogger(__name__)

__all__ = ["Complexity", "ComplexityYear", "complexity"]

PresenceTest = Literal["rca", "rpop", "both", "manual"]
PRESENCE_TESTS = ("rca", "rpop", "both", "manual")


@dataclass(frozen=True)
class ComplexityYear:
    """All complexity measures of one year, as matrices and vectors aligned on the labels.

    Attributes
    ----------
    year : object
    regions, industries : numpy.ndarray
        Labels of rows and columns.
    values : numpy.ndarray
        Region × industry input values.
    rca, rpop : numpy.ndarray or None
        Region × industry RCA (None for ``presence="manual"``) and RPOP (only with a population).
    mcp : numpy.ndarray
        0/1 presence (int8).
    diversity, ubiquity : numpy.ndarray
        Per region and per industry.
    eci, pci, coi : numpy.ndarray
        Per region (ECI, COI) and per industry (PCI).
    density, cog : numpy.ndarray
        Region × industry.
    proximity : numpy.ndarray
        Industry × industry (zero diagonal), as float32: ratios of counts kept to 7 significant
        digits. Computed from ``mcp`` (and the RCA or RPOP levels for the continuous kind) the
        first time it is read, by the same function and in the same precision as during the
        call, then kept: a P × P matrix per year is most of a result's memory (100 MB for 5,000
        industries) and most callers never read it.
    proximity_kind : str
        The proximity variant (see :func:`complexity`).
    proximity_on_rpop : bool
        Whether the continuous proximity correlates RPOP levels (presence by RPOP) rather than RCA.
    eigenvalue : float
        Second eigenvalue of the industry-space Markov matrix.
    """

    year: Any
    regions: np.ndarray
    industries: np.ndarray
    values: np.ndarray
    rca: np.ndarray | None
    rpop: np.ndarray | None
    mcp: np.ndarray
    diversity: np.ndarray
    ubiquity: np.ndarray
    eci: np.ndarray
    pci: np.ndarray
    density: np.ndarray
    coi: np.ndarray
    cog: np.ndarray
    proximity_kind: ProximityKind
    proximity_on_rpop: bool
    eigenvalue: float

    @cached_property
    def proximity(self) -> np.ndarray:
        rpop = self.rpop if self.proximity_on_rpop else None
        phi, _ = _proximity_matrix(self.mcp, self.ubiquity, self.proximity_kind, self.rca, rpop)
        return phi.astype(np.float32, copy=False)

    def to_frame(self) -> pd.DataFrame:
        """Long table: one row per region × industry (column names as in :meth:`Complexity.to_frame`)."""
        return _long_frame((self,))

    def proximity_frame(self) -> pd.DataFrame:
        """Long proximity: ``year, industry_1, industry_2, proximity`` (all pairs, diagonal 0)."""
        n = len(self.industries)
        return pd.DataFrame(
            {
                "year": np.full(n * n, self.year),
                "industry_1": np.repeat(self.industries, n),
                "industry_2": np.tile(self.industries, n),
                "proximity": self.proximity.ravel(),
            }
        )


@dataclass(frozen=True)
class Complexity:
    """Result of :func:`complexity`: one :class:`ComplexityYear` per year, and the input report."""

    years: tuple[ComplexityYear, ...]
    report: InputReport
    params: dict[str, Any]

    def year(self, year: Any) -> ComplexityYear:
        """The result of one year (raises InputError if the year is absent)."""
        for y in self.years:
            if y.year == year:
                return y
        raise InputError(f"year {year!r} not in the result; years: {[y.year for y in self.years]}")

    def to_frame(self) -> pd.DataFrame:
        """Long table with ``year, region, industry, value, rca, [rpop,] mcp, diversity, ubiquity,
        eci, pci, density, distance, coi, cog``.

        ``region`` and ``industry`` are categorical (categories: every label of any year). The
        frame is built once: the float columns share one block filled in place, year by year.
        """
        return _long_frame(self.years)

    def regions_frame(self) -> pd.DataFrame:
        """One row per year × region: ``year, region, diversity, eci, coi``."""
        return pd.concat(
            [pd.DataFrame({"year": y.year, "region": y.regions, "diversity": y.diversity,
                           "eci": y.eci, "coi": y.coi}) for y in self.years],
            ignore_index=True,
        )

    def industries_frame(self) -> pd.DataFrame:
        """One row per year × industry: ``year, industry, ubiquity, pci``."""
        return pd.concat(
            [pd.DataFrame({"year": y.year, "industry": y.industries, "ubiquity": y.ubiquity,
                           "pci": y.pci}) for y in self.years],
            ignore_index=True,
        )


def _union_labels(parts: list[np.ndarray]) -> pd.Index:
    """Labels of all years, sorted when they can be (a single year's labels are kept as they are)."""
    if len(parts) == 1:
        return pd.Index(parts[0])
    idx = pd.Index(np.concatenate(parts)).unique()
    try:
        return idx.sort_values()
    except TypeError:
        return idx


def _long_frame(years: tuple[ComplexityYear, ...]) -> pd.DataFrame:
    """One row per year × region × industry, built once from the per-year matrices."""
    if not years:
        raise InputError("no years to put in a table")
    sizes = [y.mcp.size for y in years]
    n = int(sum(sizes))
    has_rca = any(y.rca is not None for y in years)
    has_rpop = any(y.rpop is not None for y in years)
    names = ["value"] + ["rca"] * has_rca + ["rpop"] * has_rpop + [
        "diversity", "ubiquity", "eci", "pci", "density", "distance", "coi", "cog"]
    col = {c: i for i, c in enumerate(names)}
    block = np.empty((len(names), n), dtype=np.float64)  # column-major: one row per column
    mcp = np.empty(n, dtype=np.int8)
    regions = _union_labels([y.regions for y in years])
    industries = _union_labels([y.industries for y in years])
    r_codes = np.empty(n, dtype=np.int32)
    i_codes = np.empty(n, dtype=np.int32)
    off = 0
    for y, size in zip(years, sizes, strict=True):
        n_c, n_p = y.mcp.shape

        def cell(name: str, _off: int = off, _n_c: int = n_c, _n_p: int = n_p) -> np.ndarray:
            view: np.ndarray = block[col[name], _off:_off + _n_c * _n_p].reshape(_n_c, _n_p)
            return view

        cell("value")[:] = y.values
        if has_rca:
            cell("rca")[:] = y.rca if y.rca is not None else np.nan
        if has_rpop:
            cell("rpop")[:] = y.rpop if y.rpop is not None else np.nan
        cell("diversity")[:] = y.diversity[:, None]
        cell("ubiquity")[:] = y.ubiquity[None, :]
        cell("eci")[:] = y.eci[:, None]
        cell("pci")[:] = y.pci[None, :]
        cell("density")[:] = y.density
        np.subtract(1.0, y.density, out=cell("distance"))
        cell("coi")[:] = y.coi[:, None]
        cell("cog")[:] = y.cog
        mcp[off:off + size].reshape(n_c, n_p)[:] = y.mcp
        r_codes[off:off + size].reshape(n_c, n_p)[:] = regions.get_indexer(y.regions)[:, None]
        i_codes[off:off + size].reshape(n_c, n_p)[:] = industries.get_indexer(y.industries)[None, :]
        off += size
    frame = pd.DataFrame(block.T, columns=names, copy=False)
    frame.insert(0, "year", np.repeat(np.array([y.year for y in years]), sizes))
    frame.insert(1, "region", pd.Categorical.from_codes(r_codes, categories=regions))
    frame.insert(2, "industry", pd.Categorical.from_codes(i_codes, categories=industries))
    frame.insert(4 + has_rca + has_rpop, "mcp", mcp)
    return frame


def _population_vector(
    pop: pd.DataFrame, ym: YearMatrix, *, region: str, year: str | None, column: str
) -> np.ndarray:
    sel = pop
    if year is not None and year in pop.columns and ym.year is not None:
        sel = pop[pop[year] == ym.year]
    s = sel.groupby(region)[column].sum()
    return s.reindex(pd.Index(ym.regions)).to_numpy(dtype=np.float64)


def _one_year(
    ym: YearMatrix,
    *,
    presence_test: PresenceTest,
    threshold: float,
    rpop_threshold: float,
    pop: np.ndarray | None,
    proximity_kind: ProximityKind,
    knn: int | None,
    method: Method,
    iterations: int,
    report: InputReport,
) -> ComplexityYear:
    x = ym.values
    rca = rpop = None
    if presence_test == "manual":
        bad = ~np.isin(x, (0.0, 1.0))
        if bad.any():
            raise InputError(f"presence='manual': values must be 0 or 1, got {x[bad][0]:g} in year {ym.year}")
        mcp = x.copy()
    else:
        rca = rca_matrix(x)
        if pop is not None:
            rpop = rpop_matrix(x, pop)
        if presence_test == "rca":
            mcp = presence(rca, threshold=threshold)
        elif presence_test == "rpop":
            assert rpop is not None
            mcp = presence(rpop, threshold=rpop_threshold)
        else:
            assert rpop is not None
            mcp = presence(rca, threshold=threshold) * presence(rpop, threshold=rpop_threshold)
    div, ubi = mcp.sum(axis=1), mcp.sum(axis=0)
    zero_div = ym.regions[div == 0].tolist()
    if zero_div:
        report.note(f"year {ym.year}: {len(zero_div)} region(s) with zero diversity left out of ECI: "
                    + ", ".join(map(str, zero_div[:10])) + (" ..." if len(zero_div) > 10 else ""))
    zero_ubi = ym.industries[ubi == 0].tolist()
    if zero_ubi:
        report.note(f"year {ym.year}: {len(zero_ubi)} industry(ies) with zero ubiquity left out of PCI")
    ep = eci_pci(mcp, method=method, iterations=iterations)
    if ep.note:
        report.note(f"year {ym.year}: {ep.note}")
    # from here M is needed only as int8 (the result, the absent cells)
    n_p = mcp.shape[1]
    mcp8 = mcp.astype(np.int8)
    del mcp
    if proximity_kind == "continuous" and rca is None:
        raise InputError("continuous proximity needs RCA levels; it cannot be used with presence='manual'")
    on_rpop = presence_test == "rpop" and rpop is not None
    phi, levels = _proximity_matrix(mcp8, ubi, proximity_kind, rca, rpop if on_rpop else None)
    dens, coi_raw, cog = density_and_outlook(levels, mcp8, phi, ep.pci_scaled, knn=knn)
    del levels, phi  # the result recomputes φ if it is asked for (ComplexityYear.proximity)
    coi = np.full_like(coi_raw, np.nan)
    if np.isfinite(ep.pci_scaled).any():
        # z-score over the year's region × industry rows (each region repeated once per industry)
        n = coi_raw.size * n_p
        mu = coi_raw.mean()
        sd = np.sqrt(n_p * np.sum((coi_raw - mu) ** 2) / (n - 1)) if n > 1 else 0.0
        coi = (coi_raw - mu) / sd if sd > 0 else np.zeros_like(coi_raw)
        if not np.isfinite(ep.pci).all():
            cog[:, ~np.isfinite(ep.pci)] = np.nan
    else:
        cog.fill(np.nan)
    return ComplexityYear(
        year=ym.year, regions=ym.regions, industries=ym.industries, values=x, rca=rca, rpop=rpop,
        mcp=mcp8, diversity=div, ubiquity=ubi, eci=ep.eci, pci=ep.pci, density=dens,
        coi=coi, cog=cog, proximity_kind=proximity_kind, proximity_on_rpop=on_rpop, eigenvalue=ep.eigenvalue,
    )


def _usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _proximity_matrix(
    mcp: np.ndarray, ubiquity: np.ndarray, kind: ProximityKind, rca: np.ndarray | None,
    rpop: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """φ of one year and the levels the density weighs with it (M, or the RCA/RPOP levels).

    Discrete kinds: co-occurrence counts Mᵀ·M in float32 (exact for counts below 2²⁴), divided
    in float32 for years above :data:`~xinzhi.analytics.relatedness.FLOAT32_ABOVE` multiply-adds
    (the density products run in float32 there anyway), else in float64. Continuous: Pearson
    correlation of the RPOP levels when given (presence by RPOP), else of the RCA levels.
    """
    m32 = mcp.astype(np.float32)
    if kind == "continuous":
        rel = rpop if rpop is not None else rca
        assert rel is not None
        levels: np.ndarray = np.nan_to_num(rel)
        return proximity(m32, kind="continuous", rca=levels), levels
    n_c, n_p = mcp.shape
    large = product_dtype(n_c, n_p, n_p) is np.float32
    return proximity_from_counts(m32.T @ m32, ubiquity, kind=kind, in_place=large), m32


def complexity(
    data: Any,
    *,
    value: str = "value",
    region: str = "region",
    industry: str = "industry",
    year: str | None = "year",
    presence: PresenceTest = "rca",
    threshold: float = 1.0,
    rpop_threshold: float = 1.0,
    population: Any = None,
    population_column: str = "population",
    proximity: ProximityKind = "symmetric",
    knn: int | None = None,
    method: Method = "eigenvector",
    iterations: int = 20,
    n_jobs: int | None = None,
) -> Complexity:
    r"""Economic complexity of every year of a region × industry panel (Stata ``ecomplexity``).

    Per year: :math:`RCA_{cp}` (Balassa), optional :math:`RPOP_{cp}`, presence
    :math:`M_{cp} = 1[RCA_{cp} \ge t]` (or RPOP, both, or a given 0/1 matrix), diversity
    :math:`k_c=\sum_p M_{cp}`, ubiquity :math:`k_p=\sum_c M_{cp}`, ECI and PCI (eigenvector method
    or reflections), proximity φ, density, COI and COG — see :func:`~xinzhi.analytics.complexity_core.eci_pci`,
    :func:`~xinzhi.analytics.relatedness.proximity`, :func:`~xinzhi.analytics.relatedness.density`
    and :func:`~xinzhi.analytics.relatedness.coi_cog` for the formulas.

    Defined behaviour on awkward input: duplicate rows are summed and NaN values read as 0 (both
    reported); negative values raise :class:`~xinzhi.errors.InputError`; regions or industries with
    a zero total in a year are dropped for that year; regions with zero diversity (and industries
    with zero ubiquity) get NaN ECI (PCI) while the rest of the year is computed; every such event
    is listed in ``result.report.notes``.

    Parameters
    ----------
    data : pandas.DataFrame or polars.DataFrame
        Long table with columns ``region``, ``industry``, ``value`` and (optionally) ``year``.
    value, region, industry, year : str
        Column names.
    presence : {"rca", "rpop", "both", "manual"}, default="rca"
        How :math:`M_{cp}` is built. ``"both"`` requires RCA and RPOP above their thresholds;
        ``"manual"`` reads ``value`` as the 0/1 presence itself.
    threshold, rpop_threshold : float, default=1.0
        Inclusive thresholds on RCA and RPOP.
    population : DataFrame, optional
        Columns ``region``, ``population_column`` and (optionally) ``year``; needed for RPOP.
        Regions without a population are dropped (reported).
    proximity : {"symmetric", "asymmetric", "continuous"}, default="symmetric"
    knn : int, optional
        Density from each industry's ``knn`` nearest industries only.
    method : {"eigenvector", "reflections"}, default="eigenvector"
    iterations : int, default=20
        Steps for the method of reflections.
    n_jobs : int, optional
        Years computed at the same time, in threads (years are independent, and the matrix
        products and element-wise steps release the GIL). Default: the CPU cores this process may use,
        at most the number of years; 1 computes them one after another. The results and the order of
        the report's notes do not depend on it.

    Returns
    -------
    Complexity
        ``.years`` (one :class:`ComplexityYear` each), ``.to_frame()``, ``.regions_frame()``,
        ``.industries_frame()``, and ``.report``.

    References
    ----------
    .. [1] Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity. PNAS,
       106(26), 10570-10575.
    .. [2] Hausmann, R., Hidalgo, C. A. et al. (2014). The Atlas of Economic Complexity. MIT Press.
    .. [3] Growth Lab, Harvard University. ``ecomplexity`` for Stata (conventions reproduced here).

    Examples
    --------
    >>> df = pd.DataFrame({"region": list("aabbbccc"), "industry": list("xyxyzxyz"),
    ...                    "value": [5.0, 1.0, 2.0, 2.0, 1.0, 1.0, 3.0, 6.0]})
    >>> res = complexity(df)
    >>> res.regions_frame()[["region", "diversity"]].values.tolist()
    [['a', 1.0], ['b', 2.0], ['c', 2.0]]
    """
    if presence not in PRESENCE_TESTS:
        raise InputError(f"presence must be one of {PRESENCE_TESTS}, got {presence!r}")
    if proximity not in PROXIMITY_KINDS:
        raise InputError(f"proximity must be one of {PROXIMITY_KINDS}, got {proximity!r}")
    if presence in ("rpop", "both") and population is None:
        raise InputError(f"presence={presence!r} needs population= (region, population[, year])")
    mats, report = year_matrices(data, value=value, region=region, industry=industry, year=year)
    pop_df = None
    if population is not None:
        pop_df = as_pandas(population, name="population")
        for c in (region, population_column):
            if c not in pop_df.columns:
                raise InputError(f"population: missing column {c!r}; got {list(pop_df.columns)}")
    work: list[tuple[YearMatrix, np.ndarray | None, InputReport]] = []
    for ym in mats:
        pop = None
        own = InputReport()  # notes per year, merged in year order once the years are done
        if pop_df is not None:
            pop = _population_vector(pop_df, ym, region=region, year=year, column=population_column)
            missing = ~(pop > 0)
            if missing.any():
                own.note(f"year {ym.year}: {int(missing.sum())} region(s) without a positive population "
                            f"dropped: " + ", ".join(map(str, ym.regions[missing][:10])))
                keep = ~missing
                x = ym.values[keep]
                cols = x.sum(axis=0) > 0
                ym = YearMatrix(ym.year, ym.regions[keep], ym.industries[cols], x[:, cols])
                pop = pop[keep]
        work.append((ym, pop, own))

    def one(item: tuple[YearMatrix, np.ndarray | None, InputReport]) -> ComplexityYear:
        ym, pop, own = item
        return _one_year(
            ym, presence_test=presence, threshold=threshold, rpop_threshold=rpop_threshold, pop=pop,
            proximity_kind=proximity, knn=knn, method=method, iterations=iterations, report=own,
        )

    workers = min(len(work), _usable_cores()) if n_jobs is None else max(1, min(n_jobs, len(work)))
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            years = list(pool.map(one, work))
    else:
        years = [one(item) for item in work]
    for _, _, own in work:
        report.notes.extend(own.notes)
    params = dict(presence=presence, threshold=threshold, rpop_threshold=rpop_threshold,
                  proximity=proximity, knn=knn, method=method, iterations=iterations, value=value)
    return Complexity(years=tuple(years), report=report, params=params)
