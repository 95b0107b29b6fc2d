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

__all__ = ["EciPci", "eci_pci", "presence", "rca_matrix", "rpop_matrix"]

Method = Literal["eigenvector", "reflections"]

#: Below this many industries the eigenproblem is solved densely (exact and faster when small).
DENSE_EIGEN_MAX = 600


def rca_matrix(x: np.ndarray) -> np.ndarray:
    r"""Revealed comparative advantage (Balassa index, location quotient) of a region × industry matrix.

    .. math:: RCA_{cp} = \frac{x_{cp} / \sum_{p} x_{cp}}{\sum_{c} x_{cp} / \sum_{c,p} x_{cp}}

    Parameters
    ----------
    x : numpy.ndarray
        Non-negative region × industry values.

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
        out: np.ndarray = (x / row) / (col / total)
    return out


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
    m = np.asarray(measure, dtype=np.float64)
    if threshold == -np.inf:  # NaN is read as -inf, which passes only this threshold
        return np.ones(m.shape)
    if threshold == np.inf:  # nothing (not even +inf, read as the largest float) passes
        return np.zeros(m.shape)
    # NaN compares False, as -inf would; +inf passes any finite threshold either way
    with np.errstate(invalid="ignore"):
        out: np.ndarray = np.greater_equal(m, threshold).astype(np.float64)
    return out


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


def _second_eigenvector(m: np.ndarray, kc: np.ndarray, kp: np.ndarray) -> tuple[np.ndarray, float]:
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
        a = (m / np.sqrt(kc)[:, None]) if region_side else (m / np.sqrt(kp)[None, :])
        s = (a / d[None, :]) @ a.T if region_side else a.T @ (a / d[:, None])
        vals, vecs = scipy.linalg.eigh(s, subset_by_index=[n - 2, n - 1])
        y, lam = vecs[:, 0], float(vals[0])
    else:
        # A = D_c^-1/2 M (region side) or M D_p^-1/2, built sparse from M without a dense copy
        sa = sp.csr_matrix(m, dtype=np.float64)
        if region_side:
            sa.data /= np.repeat(np.sqrt(kc), np.diff(sa.indptr))
        else:
            sa.data /= np.sqrt(kp)[sa.indices]
        sat = sa.T.tocsr()
        inv_d = 1.0 / d
        u = w / np.linalg.norm(w)  # deflate the known top eigenvector

        def matvec(x: np.ndarray) -> np.ndarray:
            x = np.ravel(x)
            out: np.ndarray = sa @ (inv_d * (sat @ x)) if region_side else sat @ (inv_d * (sa @ x))
            return out - u * (u @ x)

        op = LinearOperator((n, n), matvec=matvec, dtype=np.float64)
        v0 = np.random.default_rng(0).standard_normal(n)
        vals, vecs = eigsh(op, k=1, which="LA", v0=v0 - u * (u @ v0), tol=1e-10)
        y, lam = vecs[:, 0], float(vals[0])
    v = m.T @ (y / np.sqrt(kc)) / kp if region_side else y / np.sqrt(kp)
    return v, lam


def _reflections(m: np.ndarray, kc: np.ndarray, kp: np.ndarray, iterations: int) -> np.ndarray:
    """Industry side of the method of reflections after ``iterations`` steps (see :func:`eci_pci`)."""
    c, p = kc.copy(), kp.copy()
    for _ in range(iterations):
        c, p = (m @ p) / kc, (m.T @ c) / kp
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
        Region × industry 0/1 presence.
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
    m_all = np.asarray(mcp, dtype=np.float64)
    n_c, n_p = m_all.shape
    kc_all, kp_all = m_all.sum(axis=1), m_all.sum(axis=0)
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
        m, kc, kp = m_all, kc_all, kp_all
    else:
        m = m_all[np.ix_(rows, cols)]
        kc, kp = kc_all[rows], kp_all[cols]
    if method == "eigenvector":
        v, lam = _second_eigenvector(m, kc, kp)
    else:
        v, lam = _reflections(m, kc, kp, iterations), float("nan")
    e = (m @ v) / kc
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
