r"""Matrix-level economic complexity: RCA, RPOP, presence, ECI and PCI.

These are the pure numeric steps behind :func:`xinzhi.analytics.complexity`; they take dense numpy
matrices for one year and follow the conventions of the Growth Lab's Stata ``ecomplexity``:

* presence is inclusive (``RCA >= threshold``);
* ECI/PCI come from the second eigenvector of
  :math:`\tilde M_{pp'} = \sum_c M_{cp} M_{cp'} / (k_c k_p)`, solved in its symmetric form
  :math:`S = D_p^{-1/2} M^T D_c^{-1} M D_p^{-1/2}` (sparse, ``eigsh``) for large inputs;
* the sign makes ECI correlate positively with diversity;
* ECI and PCI are both standardised with the mean and the standard deviation (n − 1) of the raw
  ECI over the year's region × industry rows, which keeps :math:`ECI_c = \overline{PCI}_{p: M_{cp}=1}`.

References
----------
.. [1] Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity. PNAS,
   106(26), 10570-10575.
.. [2] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. The
   Manchester School, 33(2), 99-123.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.linalg
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, eigsh

from xinzhi.errors import InputError

logger = logging.getLogger(__name__)

__all__ = ["EciPci", "eci_pci", "presence", "presence_mask", "rca_matrix", "rpop_matrix"]

Method = Literal["eigenvector", "reflections"]

#: Below this many industries the eigenproblem is solved densely (exact and faster when small).
DENSE_EIGEN_MAX = 600


def rca_matrix(x: np.ndarray, *, out: np.ndarray | None = None) -> np.ndarray:
    r"""Revealed comparative advantage (Balassa index, location quotient) of a region × industry matrix.

    .. math:: RCA_{cp} = \frac{x_{cp} / \sum_{p} x_{cp}}{\sum_{c} x_{cp} / \sum_{c,p} x_{cp}}

    Parameters
    ----------
    x : numpy.ndarray
        Non-negative region × industry values.
    out : numpy.ndarray, optional
        Float64 array of the shape of ``x`` to write the result into.

    Returns
    -------
    numpy.ndarray
        RCA; NaN where a row or column total is 0.

    References
    ----------
    .. [1] Balassa, B. (1965). The Manchester School, 33(2), 99-123.

    Examples
    --------
    >>> rca_matrix(np.array([[3.0, 1.0], [1.0, 3.0]])).tolist()
    [[1.5, 0.5], [0.5, 1.5]]
    """
    x = np.asarray(x, dtype=np.float64)
    row = x.sum(axis=1, keepdims=True)
    col = x.sum(axis=0, keepdims=True)
    total = x.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        # (x / row) / (col / total), in this order (the presence test compares with 1 exactly)
        res: np.ndarray = np.divide(x, row, out=out)
        np.divide(res, col / total, out=res)
    return res


def rpop_matrix(x: np.ndarray, population: np.ndarray) -> np.ndarray:
    r"""Per-capita presence (RPOP) of a region × industry matrix.

    .. math:: RPOP_{cp} = \frac{x_{cp} / pop_c}{\sum_c x_{cp} / \sum_c pop_c}

    Parameters
    ----------
    x : numpy.ndarray
        Non-negative region × industry values.
    population : numpy.ndarray
        Positive population of each region (same order as the rows of ``x``).

    Returns
    -------
    numpy.ndarray
        RPOP; NaN where an industry total is 0.

    References
    ----------
    .. [1] Growth Lab, Harvard University. Stata ``ecomplexity``, option ``pop()``.

    Examples
    --------
    >>> rpop_matrix(np.array([[2.0, 0.0], [2.0, 4.0]]), np.array([1.0, 3.0])).tolist()
    [[2.0, 0.0], [0.6666666666666666, 1.3333333333333333]]
    """
    x = np.asarray(x, dtype=np.float64)
    pop = np.asarray(population, dtype=np.float64)
    if pop.shape != (x.shape[0],):
        raise InputError(f"population: expected {x.shape[0]} values, got shape {pop.shape}")
    if not np.all(pop > 0):
        raise InputError("population: every region needs a positive population")
    with np.errstate(invalid="ignore", divide="ignore"):
        out: np.ndarray = (x / pop[:, None]) / (x.sum(axis=0) / pop.sum())[None, :]
    return out


def presence(measure: np.ndarray, *, threshold: float = 1.0) -> np.ndarray:
    r"""Binary presence :math:`M_{cp} = 1[\text{measure}_{cp} \ge \text{threshold}]` (NaN counts as absent).

    Examples
    --------
    >>> presence(np.array([[1.0, 0.99], [np.nan, 2.0]])).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    return presence_mask(measure, threshold=threshold).astype(np.float64)


def presence_mask(
    measure: np.ndarray, *, threshold: float = 1.0, out: np.ndarray | None = None
) -> np.ndarray:
    """:func:`presence` as a boolean matrix, written into ``out`` (boolean, or int8 viewed as
    boolean) when given."""
    m = np.asarray(measure, dtype=np.float64)
    res = np.empty(m.shape, dtype=bool) if out is None else out.view(bool)
    if threshold == -np.inf:  # NaN is read as -inf, which passes only this threshold
        res.fill(True)
    elif threshold == np.inf:  # nothing (not even +inf, read as the largest float) passes
        res.fill(False)
    else:
        # NaN compares False, as -inf would; +inf passes any finite threshold either way
        with np.errstate(invalid="ignore"):
            np.greater_equal(m, threshold, out=res)
    return res


@dataclass(frozen=True)
class EciPci:
    """ECI and PCI of one year.

    Attributes
    ----------
    eci : numpy.ndarray
        Per region; NaN for regions with zero diversity.
    pci : numpy.ndarray
        Per industry; NaN for industries with zero ubiquity.
    pci_scaled : numpy.ndarray
        PCI before the shift to the ECI mean (eigenvector / std of raw ECI), used by COI and COG.
    eigenvalue : float
        Second eigenvalue of the industry-space Markov matrix (NaN for the method of reflections).
    note : str or None
        Why the indices are undefined, if they are.
    """

    eci: np.ndarray
    pci: np.ndarray
    pci_scaled: np.ndarray
    eigenvalue: float
    note: str | None = None


#: Above this many cells, M is held as a sparse (CSR) operator for the matrix-vector products.
DENSE_MATVEC_MAX = 1_000_000


def _csr_of(m: np.ndarray) -> sp.csr_matrix:
    """M (any 0/1 dtype) as a float64 CSR matrix, built from its non-zero positions in one pass
    (scipy's conversion of a dense matrix goes through two index arrays and a COO copy)."""
    mask = m if m.dtype == bool else m != 0
    n_c, n_p = mask.shape
    flat = np.flatnonzero(mask)
    idx = np.int32 if max(n_p, flat.size) < 2**31 - 1 else np.int64
    indptr = np.zeros(n_c + 1, dtype=idx)
    np.cumsum(np.count_nonzero(mask, axis=1), out=indptr[1:])
    indices = (flat % n_p).astype(idx)
    out = sp.csr_matrix((np.ones(flat.size), indices, indptr), shape=(n_c, n_p))
    out.has_sorted_indices = True
    return out


class _Presence:
    """M as a float64 operator for matrix-vector products: dense when small, CSR when large (its
    transpose products run on the same arrays, read column-wise)."""

    def __init__(self, m: np.ndarray) -> None:
        self.m = m
        self.shape = m.shape
        self.dense: np.ndarray | None = None
        self._csr: sp.csr_matrix | None = None
        if m.size <= DENSE_MATVEC_MAX:
            self.dense = np.asarray(m, dtype=np.float64)

    @property
    def csr(self) -> sp.csr_matrix:
        if self._csr is None:
            self._csr = _csr_of(self.m)
        return self._csr

    def dot(self, x: np.ndarray) -> np.ndarray:
        """M x."""
        out: np.ndarray = self.dense @ x if self.dense is not None else self.csr @ x
        return out

    def tdot(self, y: np.ndarray) -> np.ndarray:
        """Mᵀ y."""
        out: np.ndarray = self.dense.T @ y if self.dense is not None else self.csr.T @ y
        return out

    def scaled(self, rows: np.ndarray | None, cols: np.ndarray | None) -> sp.csr_matrix:
        """diag(rows) M diag(cols) as CSR (a missing scale is 1), sharing M's index arrays."""
        a = self.csr
        data = np.ones(a.nnz)
        if rows is not None:
            data *= np.repeat(rows, np.diff(a.indptr))
        if cols is not None:
            data *= cols[a.indices]
        out = sp.csr_matrix((data, a.indices, a.indptr), shape=a.shape)
        out.has_sorted_indices = True
        return out


def _second_eigenvector(m: _Presence, kc: np.ndarray, kp: np.ndarray) -> tuple[np.ndarray, float]:
    """Eigenvector v of M̃ = D_p⁻¹ Mᵀ D_c⁻¹ M for its second-largest eigenvalue.

    The problem is solved on the smaller side: the region-side matrix
    D_c^-1/2 M D_p^-1 Mᵀ D_c^-1/2 has the same non-zero spectrum, and if z is its eigenvector
    for λ then v = D_p⁻¹ Mᵀ D_c^-1/2 z is the industry-side one.
    """
    n_c, n_p = m.shape
    region_side = n_c < n_p
    d = kp if region_side else kc  # the inner diagonal
    n = n_c if region_side else n_p
    w = np.sqrt(kc) if region_side else np.sqrt(kp)  # top eigenvector (eigenvalue 1)
    if n <= DENSE_EIGEN_MAX:
        mm = m.m
        a = (mm / np.sqrt(kc)[:, None]) if region_side else (mm / np.sqrt(kp)[None, :])
        s = (a / d[None, :]) @ a.T if region_side else a.T @ (a / d[:, None])
        vals, vecs = scipy.linalg.eigh(s, subset_by_index=[n - 2, n - 1])
        y, lam = vecs[:, 0], float(vals[0])
    else:
        # A = D_c^-1/2 M (region side) or M D_p^-1/2, sparse
        sa = m.scaled(1.0 / np.sqrt(kc), None) if region_side else m.scaled(None, 1.0 / np.sqrt(kp))
        sat = sa.T  # CSC view, no copy
        inv_d = 1.0 / d
        u = w / np.linalg.norm(w)  # deflate the known top eigenvector

        def matvec(x: np.ndarray) -> np.ndarray:
            x = np.ravel(x)
            out: np.ndarray = sa @ (inv_d * (sat @ x)) if region_side else sat @ (inv_d * (sa @ x))
            return out - u * (u @ x)

        op = LinearOperator((n, n), matvec=matvec, dtype=np.float64)
        v0 = np.random.default_rng(0).standard_normal(n)
        # a Lanczos basis of 12 vectors converges in one cycle on complexity spectra (ARPACK
        # restarts when it does not); its default of 20 spends 21 products where 13 suffice
        vals, vecs = eigsh(op, k=1, which="LA", v0=v0 - u * (u @ v0), tol=1e-10, ncv=min(n - 1, 12))
        y, lam = vecs[:, 0], float(vals[0])
    v = m.tdot(y / np.sqrt(kc)) / kp if region_side else y / np.sqrt(kp)
    return v, lam


def _reflections(m: _Presence, kc: np.ndarray, kp: np.ndarray, iterations: int) -> np.ndarray:
    """Industry side of the method of reflections after ``iterations`` steps (see :func:`eci_pci`)."""
    c, p = kc.copy(), kp.copy()
    for _ in range(iterations):
        c, p = m.dot(p) / kc, m.tdot(c) / kp
        # each step is linear and maps constants to constants: recentring and rescaling keeps
        # the precision without changing the standardised result
        c, p = _rescale(c), _rescale(p)
    return p


def _rescale(x: np.ndarray) -> np.ndarray:
    x = x - x.mean()
    s = np.abs(x).max()
    return x / s if s > 0 else x


def eci_pci(
    mcp: np.ndarray,
    *,
    method: Method = "eigenvector",
    iterations: int = 20,
    n_rows_per_region: int | None = None,
) -> EciPci:
    r"""Economic complexity index of regions and product complexity index of industries.

    Eigenvector method (default): :math:`v` is the eigenvector of
    :math:`\tilde M = D_p^{-1} M^T D_c^{-1} M` for its second-largest eigenvalue,
    :math:`e_c = \frac{1}{k_c}\sum_p M_{cp} v_p` (raw ECI), the sign is chosen so that
    :math:`\operatorname{corr}(e, k_c) > 0`, and with :math:`\mu, \sigma` the mean and standard
    deviation (ddof 1) of :math:`e` over the year's region × industry rows,

    .. math:: ECI_c = (e_c - \mu) / \sigma, \qquad PCI_p = (v_p - \mu) / \sigma .

    Method of reflections (``method="reflections"``, Hidalgo & Hausmann 2009):
    :math:`k_{c,N} = \frac{1}{k_c}\sum_p M_{cp} k_{p,N-1}`,
    :math:`k_{p,N} = \frac{1}{k_p}\sum_c M_{cp} k_{c,N-1}` from :math:`k_{c,0}=k_c, k_{p,0}=k_p`;
    :math:`v = k_{p,N}` then goes through the same sign and standardisation. As N grows it
    converges to the eigenvector result.

    Regions with zero diversity and industries with zero ubiquity are left out (NaN) instead of
    making the whole year NaN.

    Parameters
    ----------
    mcp : numpy.ndarray
        Region × industry 0/1 presence (any numeric or boolean dtype; it is not copied to
        float64 when large).
    method : {"eigenvector", "reflections"}, default="eigenvector"
    iterations : int, default=20
        Steps of the method of reflections.
    n_rows_per_region : int, optional
        Rows per region in the standardisation (default: the number of industries of ``mcp``).

    Returns
    -------
    EciPci

    References
    ----------
    .. [1] Hidalgo, C. A. & Hausmann, R. (2009). PNAS, 106(26), 10570-10575.
    .. [2] Growth Lab, Harvard University. Stata ``ecomplexity`` (sign and normalisation).

    Examples
    --------
    A nested matrix: the most diverse region has the highest ECI, the rarest industry the
    highest PCI, and ECI is the mean PCI of the region's industries.

    >>> m = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float)
    >>> r = eci_pci(m)
    >>> bool(np.all(np.diff(r.eci) < 0)), bool(np.all(np.diff(r.pci) > 0))
    (True, True)
    >>> bool(np.allclose(r.eci, (m @ r.pci) / m.sum(axis=1)))
    True
    """
    if method not in ("eigenvector", "reflections"):
        raise InputError(f"method must be 'eigenvector' or 'reflections', got {method!r}")
    m_all = np.asarray(mcp)
    if m_all.dtype.kind not in "biuf":
        m_all = m_all.astype(np.float64)
    n_c, n_p = m_all.shape
    kc_all, kp_all = m_all.sum(axis=1, dtype=np.float64), m_all.sum(axis=0, dtype=np.float64)
    rows, cols = kc_all > 0, kp_all > 0
    eci = np.full(n_c, np.nan)
    pci = np.full(n_p, np.nan)
    pci_s = np.full(n_p, np.nan)
    if rows.sum() < 2 or cols.sum() < 2:
        note = (
            "ECI/PCI need at least 2 regions and 2 industries with presence; "
            f"got {int(rows.sum())} and {int(cols.sum())}"
        )
        return EciPci(eci, pci, pci_s, float("nan"), note)
    if rows.all() and cols.all():
        m, kc, kp = _Presence(m_all), kc_all, kp_all
    else:
        m = _Presence(m_all[np.ix_(rows, cols)])
        kc, kp = kc_all[rows], kp_all[cols]
    if method == "eigenvector":
        v, lam = _second_eigenvector(m, kc, kp)
    else:
        v, lam = _reflections(m, kc, kp, iterations), float("nan")
    e = m.dot(v) / kc
    with np.errstate(invalid="ignore"):
        r = np.corrcoef(kc, e)[0, 1] if np.std(kc) > 0 and np.std(e) > 0 else 1.0
    if np.isfinite(r) and r < 0:
        v, e = -v, -e
    per_region = n_p if n_rows_per_region is None else n_rows_per_region
    n = e.size * per_region
    mu = e.mean()
    sigma = np.sqrt(per_region * np.sum((e - mu) ** 2) / (n - 1)) if n > 1 else 0.0
    if not sigma > 0:
        return EciPci(eci, pci, pci_s, lam, "ECI is constant across regions (no variation)")
    eci[rows] = (e - mu) / sigma
    pci[cols] = (v - mu) / sigma
    pci_s[cols] = v / sigma
    return EciPci(eci, pci, pci_s, lam, None)
