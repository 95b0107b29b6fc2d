r"""Economic complexity of a region × industry panel, matching Stata ``ecomplexity``.

:func:`complexity` runs, for every year of a long table in one call: RCA (and RPOP) → presence
:math:`M_{cp}` → diversity and ubiquity → ECI and PCI → proximity → density → COI and COG. Each
year is computed independently, as in the Growth Lab's Stata command; the formulas are in
:mod:`xinzhi.analytics.complexity_core` and :mod:`xinzhi.analytics.relatedness`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd

from xinzhi.analytics.complexity_core import (
    Method,
    eci_pci,
    presence_mask,
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

    def to_frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """Long table: one row per region × industry (columns as in :meth:`Complexity.to_frame`)."""
        return _long_frame((self,), None, columns)

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
    #: The region × industry results of all years, year after year, as the columns of a private
    #: frame (the matrices of ``years`` are views of them): the long table takes these columns
    #: without copying them, and copy-on-write keeps the result unchanged when a table is edited.
    _stacked: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def year(self, year: Any) -> ComplexityYear:
        """The result of one year (raises InputError if the year is absent)."""
        for y in self.years:
            if y.year == year:
                return y
        raise InputError(f"year {year!r} not in the result; years: {[y.year for y in self.years]}")

    def to_frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """Long table with ``year, region, industry, value, rca, [rpop,] mcp, diversity, ubiquity,
        eci, pci, density, distance, coi, cog``, or only the ``columns`` asked for (in that order).

        ``region`` and ``industry`` are categorical (categories: every label of any year).
        ``value``, ``rca``, ``rpop``, ``mcp``, ``density`` and ``cog`` are the result's own arrays,
        shared copy-on-write; the other columns are built when asked for, in two threads for
        large tables.
        """
        return _long_frame(self.years, self._stacked, columns)

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


#: Columns of the long table, in order.
LONG_COLUMNS = ("year", "region", "industry", "value", "rca", "rpop", "mcp", "diversity",
                "ubiquity", "eci", "pci", "density", "distance", "coi", "cog")
#: Region × industry results, stored year after year in one array each.
_MATRIX_COLUMNS = ("value", "rca", "rpop", "mcp", "density", "cog")
_ATTR = {"value": "values"}
#: Long tables from this many rows on are built in two threads.
_PARALLEL_ROWS = 500_000


def _union_labels(parts: list[np.ndarray]) -> pd.Index:
    """Labels of all years, sorted when they can be (a single year's labels are kept as they are)."""
    if len(parts) == 1:
        return pd.Index(parts[0])
    idx = pd.Index(np.concatenate(parts)).unique()
    try:
        return idx.sort_values()
    except TypeError:
        return idx


def _code_dtype(n: int) -> type[np.signedinteger[Any]]:
    for dt in (np.int8, np.int16, np.int32):
        if n <= np.iinfo(dt).max:
            return dt
    return np.int64


def _long_frame(
    years: tuple[ComplexityYear, ...], stacked: pd.DataFrame | None, columns: Sequence[str] | None,
) -> pd.DataFrame:
    """One row per year × region × industry.

    Matrix columns come from ``stacked`` (no copy) when given, from the one year's matrix (a
    copy) otherwise; each other column is written once, year by year, into its own array.
    """
    if not years:
        raise InputError("no years to put in a table")
    has = {"rca": any(y.rca is not None for y in years), "rpop": any(y.rpop is not None for y in years)}
    names = [c for c in LONG_COLUMNS if has.get(c, True)]
    if columns is not None:
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise InputError(f"unknown column(s) {unknown}; the long table has {names}")
        names = list(dict.fromkeys(columns))
    sizes = [y.mcp.size for y in years]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    n = int(offsets[-1])
    shapes = [y.mcp.shape for y in years]

    def per_year(dtype: Any, fill: Callable[[ComplexityYear, np.ndarray], None]) -> np.ndarray:
        col = np.empty(n, dtype=dtype)
        for y, o, shape in zip(years, offsets, shapes, strict=False):
            fill(y, col[o:o + shape[0] * shape[1]].reshape(shape))
        return col

    def matrix(name: str) -> Any:
        if stacked is not None and name in stacked.columns:
            return stacked[name]  # a Series sharing the result's array, copy-on-write
        dtype = np.int8 if name == "mcp" else np.float64

        def put(y: ComplexityYear, cell: np.ndarray) -> None:
            a = getattr(y, _ATTR.get(name, name))
            cell[:] = np.nan if a is None else a
        return per_year(dtype, put)

    def build(name: str) -> Any:
        if name in _MATRIX_COLUMNS:
            return matrix(name)
        if name == "distance":
            dens = matrix("density")
            return np.subtract(1.0, np.asarray(dens, dtype=np.float64))
        if name in ("diversity", "eci", "coi"):
            return per_year(np.float64, lambda y, cell: cell.__setitem__(slice(None), getattr(y, name)[:, None]))
        if name in ("ubiquity", "pci"):
            return per_year(np.float64, lambda y, cell: cell.__setitem__(slice(None), getattr(y, name)[None, :]))
        if name == "year":
            return np.repeat(np.array([y.year for y in years]), sizes)
        side = "regions" if name == "region" else "industries"
        labels = _union_labels([getattr(y, side) for y in years])
        axis = (slice(None), None) if name == "region" else (None, slice(None))
        codes = per_year(_code_dtype(len(labels)), lambda y, cell: cell.__setitem__(
            slice(None), labels.get_indexer(getattr(y, side))[axis]))
        return pd.Categorical.from_codes(codes, categories=labels, validate=False)

    with _small_pages():
        if n >= _PARALLEL_ROWS and len(names) > 1:
            # numpy releases the GIL while it fills an array; the first touch of fresh pages,
            # most of the cost, then runs on both cores
            with ThreadPoolExecutor(max_workers=2) as pool:
                built = dict(zip(names, pool.map(build, names), strict=True))
        else:
            built = {c: build(c) for c in names}
        return pd.DataFrame(built, copy=False)


@contextmanager
def _small_pages() -> Iterator[None]:
    """Within the block, numpy does not advise the kernel to back new arrays with huge pages.

    On virtual machines with transparent huge pages in ``madvise`` mode (the default of many
    distributions), the first touch of an advised 2 MiB page can cost far more than the 512 small
    pages it replaces: 300 ms instead of 10 ms for a fresh 24 MB array on the project's machines
    (docs/benchmarks.md). The setting is numpy's own switch (``NUMPY_MADVISE_HUGEPAGE``), restored
    on exit; without it (another numpy) nothing changes.
    """
    import importlib

    try:
        multiarray = importlib.import_module("numpy._core.multiarray")  # numpy 2
    except ImportError:  # numpy 1.26
        multiarray = importlib.import_module("numpy.core.multiarray")
    setter = getattr(multiarray, "_set_madvise_hugepage", None)
    if setter is None:
        yield
        return
    previous = setter(False)
    try:
        yield
    finally:
        setter(previous)


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
    out: dict[str, np.ndarray],
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
    spare: ThreadPoolExecutor | None = None,
) -> ComplexityYear:
    """One year's measures, written into ``out`` (this year's views of the stacked columns).
    ``spare``: a thread for a step that can run beside another."""
    x = ym.values
    rca = rpop = None
    mcp8 = out["mcp"]
    if presence_test == "manual":
        bad = ~np.isin(x, (0.0, 1.0))
        if bad.any():
            raise InputError(f"presence='manual': values must be 0 or 1, got {x[bad][0]:g} in year {ym.year}")
        np.not_equal(x, 0.0, out=mcp8.view(bool))
    else:
        rca = rca_matrix(x, out=out["rca"])
        if pop is not None:
            rpop = out["rpop"]
            rpop[:] = rpop_matrix(x, pop)
        if presence_test == "rca":
            presence_mask(rca, threshold=threshold, out=mcp8)
        elif presence_test == "rpop":
            assert rpop is not None
            presence_mask(rpop, threshold=rpop_threshold, out=mcp8)
        else:
            assert rpop is not None
            presence_mask(rca, threshold=threshold, out=mcp8)
            mcp8 &= presence_mask(rpop, threshold=rpop_threshold).view(np.int8)
    # one float32 copy of M serves the co-occurrence and the density products (exact 0/1)
    m32 = mcp8.astype(np.float32)
    div, ubi = m32.sum(axis=1, dtype=np.float64), m32.sum(axis=0, dtype=np.float64)
    zero_div = ym.regions[div == 0].tolist()
    if zero_div:
        report.note(f"year {ym.year}: {len(zero_div)} region(s) with zero diversity left out of ECI: "
                    + ", ".join(map(str, zero_div[:10])) + (" ..." if len(zero_div) > 10 else ""))
    zero_ubi = ym.industries[ubi == 0].tolist()
    if zero_ubi:
        report.note(f"year {ym.year}: {len(zero_ubi)} industry(ies) with zero ubiquity left out of PCI")
    if proximity_kind == "continuous" and rca is None:
        raise InputError("continuous proximity needs RCA levels; it cannot be used with presence='manual'")
    on_rpop = presence_test == "rpop" and rpop is not None
    # the proximity does not depend on ECI/PCI: with a spare core, both are computed at once
    args = (m32, ubi, proximity_kind, rca, rpop if on_rpop else None)
    prox = spare.submit(_proximity_matrix, *args) if spare is not None else None
    ep = eci_pci(mcp8.view(bool), method=method, iterations=iterations)
    if ep.note:
        report.note(f"year {ym.year}: {ep.note}")
    n_p = mcp8.shape[1]
    phi, levels = prox.result() if prox is not None else _proximity_matrix(*args)
    dens, coi_raw, cog = density_and_outlook(levels, mcp8, phi, ep.pci_scaled, knn=knn,
                                             out=(out["density"], out["cog"]))
    del levels, phi, m32  # the result recomputes φ if it is asked for (ComplexityYear.proximity)
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


def _stacked_values(parts: list[np.ndarray]) -> np.ndarray | None:
    """The 1-D array holding ``parts`` one after another, if they are consecutive C-contiguous
    views of one array (the pivot's cube when no year dropped a row or column), else None."""
    base = parts[0].base
    if not isinstance(base, np.ndarray) or base.dtype != np.float64 or not base.flags.c_contiguous:
        return None
    start = base.__array_interface__["data"][0]
    pos = start
    for p in parts:
        if p.base is not base or not p.flags.c_contiguous or p.__array_interface__["data"][0] != pos:
            return None
        pos += p.nbytes
    if pos != start + base.nbytes:
        return None
    return base.reshape(-1)


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
    m32 = np.asarray(mcp, dtype=np.float32)
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
        Threads: years computed at the same time (years are independent, and the matrix
        products and element-wise steps release the GIL), or, for a single year, the proximity
        computed beside ECI and PCI. Default: the CPU cores this process may use; 1 computes
        everything one step after another. The results and the order of the report's notes do not
        depend on it. BLAS threads are the BLAS library's own setting.

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
    with _small_pages():
        return _complexity(
            data, value=value, region=region, industry=industry, year=year, presence=presence,
            threshold=threshold, rpop_threshold=rpop_threshold, population=population,
            population_column=population_column, proximity=proximity, knn=knn, method=method,
            iterations=iterations, n_jobs=n_jobs,
        )


def _complexity(
    data: Any, *, value: str, region: str, industry: str, year: str | None, presence: PresenceTest,
    threshold: float, rpop_threshold: float, population: Any, population_column: str,
    proximity: ProximityKind, knn: int | None, method: Method, iterations: int, n_jobs: int | None,
) -> Complexity:
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

    # the region × industry results of all years live in one array per column, year after year
    shapes = [ym.values.shape for ym, _, _ in work]
    offsets = np.concatenate([[0], np.cumsum([a * b for a, b in shapes])]).astype(int).tolist()
    n = offsets[-1]
    values = _stacked_values([ym.values for ym, _, _ in work])
    if values is None:
        values = np.concatenate([ym.values.reshape(-1) for ym, _, _ in work])
    names = ["mcp", "density", "cog"]
    names += [] if presence == "manual" else ["rca"]
    names += ["rpop"] if pop_df is not None else []
    stack = {c: np.empty(n, dtype=np.int8 if c == "mcp" else np.float64) for c in names}
    stack["value"] = values

    cores = _usable_cores() if n_jobs is None else max(1, n_jobs)
    workers = min(len(work), cores)
    spare = ThreadPoolExecutor(max_workers=1) if workers == 1 and cores > 1 else None

    def one(k: int) -> ComplexityYear:
        ym, pop, own = work[k]
        cells = {c: a[offsets[k]:offsets[k + 1]].reshape(shapes[k]) for c, a in stack.items()}
        ym = YearMatrix(ym.year, ym.regions, ym.industries, cells["value"])
        return _one_year(
            ym, cells, presence_test=presence, threshold=threshold, rpop_threshold=rpop_threshold,
            pop=pop, proximity_kind=proximity, knn=knn, method=method, iterations=iterations, report=own,
            spare=spare,
        )

    try:
        if workers > 1:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                years = list(pool.map(one, range(len(work))))
        else:
            years = [one(k) for k in range(len(work))]
    finally:
        if spare is not None:
            spare.shutdown()
    for _, _, own in work:
        report.notes.extend(own.notes)
    params = dict(presence=presence, threshold=threshold, rpop_threshold=rpop_threshold,
                  proximity=proximity, knn=knn, method=method, iterations=iterations, value=value)
    stacked = pd.DataFrame({c: stack[c] for c in _MATRIX_COLUMNS if c in stack}, copy=False)
    return Complexity(years=tuple(years), report=report, params=params, _stacked=stacked)
