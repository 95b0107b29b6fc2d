r"""Proximity between industries, density around a region, and COI / COG.

Matrix-level, pure functions following the conventions of the Harvard Growth Lab's Stata
``ecomplexity`` command (``genproximity``, ``calculate_density``): proximity has a zero diagonal,
density weights each proximity column by its sum, and COI / COG use the PCI before its shift to
mean zero (the eigenvector divided by the ECI standard deviation).

References
----------
.. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product space
   conditions the development of nations. Science, 317(5837), 482-487.
.. [2] Hausmann, R., Hidalgo, C. A. et al. (2014). The Atlas of Economic Complexity. MIT Press.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from xinzhi.errors import InputError

__all__ = [
    "ProximityKind",
    "coi_cog",
    "density",
    "density_and_outlook",
    "proximity",
    "proximity_from_counts",
]

ProximityKind = Literal["symmetric", "asymmetric", "continuous"]
PROXIMITY_KINDS = ("symmetric", "asymmetric", "continuous")


#: Above this many multiply-adds, products of large matrices run in float32 (2x faster, half the
#: memory; relative error about 1e-7, far inside the 1e-4 agreement asked of density and COG).
FLOAT32_ABOVE = 5e7


def product_dtype(n_rows: int, n_inner: int, n_cols: int) -> type[np.floating]:
    """float32 for products above :data:`FLOAT32_ABOVE` multiply-adds, float64 below."""
    return np.float32 if n_rows * n_inner * n_cols > FLOAT32_ABOVE else np.float64


def _matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` in float64, or in float32 BLAS for large products (result float64)."""
    dt = product_dtype(a.shape[0], a.shape[1], b.shape[1])
    out: np.ndarray = np.asarray(a, dtype=dt) @ np.asarray(b, dtype=dt)
    return out.astype(np.float64, copy=False)


def _cooccurrence(mcp: np.ndarray) -> np.ndarray:
    """``Mᵀ M`` (float32 is exact for counts below 2**24 and twice as fast as float64).

    ``mcp`` may be any numeric 0/1 matrix; the result is float32 when exact, float64 otherwise.
    """
    if mcp.shape[0] < 2**24:
        m32 = np.asarray(mcp, dtype=np.float32)
        co: np.ndarray = m32.T @ m32
        return co
    m64 = np.asarray(mcp, dtype=np.float64)
    out: np.ndarray = m64.T @ m64
    return out


def proximity_from_counts(
    co: np.ndarray,
    kp: np.ndarray,
    *,
    kind: ProximityKind = "symmetric",
    in_place: bool = False,
) -> np.ndarray:
    r"""Discrete proximity φ from co-occurrence counts :math:`C = M^T M` and ubiquities :math:`k_p`.

    .. math:: φ_{pp'} = C_{pp'} / \max(k_p, k_{p'}) \;\text{(symmetric)}, \qquad
              φ_{pp'} = C_{pp'} / k_{p'} \;\text{(asymmetric)}

    with a zero diagonal, as :func:`proximity` (which calls this). Division by
    :math:`\max(k_p, k_{p'})` gives the same floating-point value as the minimum of the two
    conditional probabilities (same numerator, larger denominator).

    Parameters
    ----------
    co : numpy.ndarray
        P × P co-occurrence counts (float32 or float64).
    kp : numpy.ndarray
        Ubiquity of each industry.
    kind : {"symmetric", "asymmetric"}, default="symmetric"
    in_place : bool, default=False
        Overwrite ``co`` and return it (keeping its dtype); otherwise return a new float64 matrix.

    Returns
    -------
    numpy.ndarray
        φ, P × P with a zero diagonal.

    Examples
    --------
    >>> m = np.array([[1, 1, 0], [1, 0, 1], [1, 1, 1]], dtype=float)
    >>> proximity_from_counts(m.T @ m, m.sum(axis=0)).round(3).tolist()
    [[0.0, 0.667, 0.667], [0.667, 0.0, 0.5], [0.667, 0.5, 0.0]]
    """
    if kind not in ("symmetric", "asymmetric"):
        raise InputError(f"proximity_from_counts: kind must be symmetric or asymmetric, got {kind!r}")
    dt = co.dtype if in_place else np.dtype(np.float64)
    safe = np.where(kp > 0, kp, 1.0).astype(dt)
    if kind == "symmetric":
        if in_place:
            phi = co
            np.divide(co, np.maximum.outer(safe, safe), out=phi)
        else:  # one P × P allocation: the denominators are built in the output
            phi = np.maximum.outer(safe, safe)
            np.divide(co, phi, out=phi)
    else:
        phi = np.divide(co, safe[None, :], out=co if in_place else None, dtype=dt)
    np.fill_diagonal(phi, 0.0)
    return phi


def proximity(
    mcp: np.ndarray,
    *,
    kind: ProximityKind = "symmetric",
    rca: np.ndarray | None = None,
) -> np.ndarray:
    r"""Industry × industry proximity φ (diagonal 0).

    .. math::

        \text{symmetric:}\quad φ_{pp'} = \frac{\sum_c M_{cp} M_{cp'}}{\max(k_p, k_{p'})}
        \qquad
        \text{asymmetric:}\quad φ_{pp'} = \frac{\sum_c M_{cp} M_{cp'}}{k_{p'}}
        \qquad
        \text{continuous:}\quad φ_{pp'} = \frac{1 + \operatorname{corr}_c(RCA_{cp}, RCA_{cp'})}{2}

    where :math:`k_p = \sum_c M_{cp}` is the ubiquity. The symmetric form is the minimum of the two
    conditional probabilities of Hidalgo et al. (2007); the asymmetric one is
    :math:`P(M_p = 1 \mid M_{p'} = 1)`; the continuous one is the Pearson correlation across
    regions of the RCA columns, mapped to [0, 1]. Pairs with a zero denominator get 0.

    Parameters
    ----------
    mcp : numpy.ndarray
        Region × industry 0/1 presence matrix.
    kind : {"symmetric", "asymmetric", "continuous"}, default="symmetric"
    rca : numpy.ndarray, optional
        Region × industry RCA (or RPOP); required for ``kind="continuous"``.

    Returns
    -------
    numpy.ndarray
        ``P × P`` float64 matrix with a zero diagonal, as Stata's ``genproximity``.

    References
    ----------
    .. [1] Hidalgo, C. A. et al. (2007). The product space conditions the development of
       nations. Science, 317(5837), 482-487.

    Examples
    --------
    >>> m = np.array([[1, 1, 0], [1, 0, 1], [1, 1, 1]])
    >>> proximity(m).round(3).tolist()
    [[0.0, 0.667, 0.667], [0.667, 0.0, 0.5], [0.667, 0.5, 0.0]]
    """
    if kind not in PROXIMITY_KINDS:
        raise InputError(f"proximity kind must be one of {PROXIMITY_KINDS}, got {kind!r}")
    if kind == "continuous":
        if rca is None:
            raise InputError("continuous proximity needs the RCA (or RPOP) matrix: pass rca=")
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = np.corrcoef(np.nan_to_num(rca), rowvar=False)
        phi = (1.0 + np.nan_to_num(np.atleast_2d(corr), nan=-1.0)) / 2.0
        np.fill_diagonal(phi, 0.0)
        return phi
    co = _cooccurrence(np.asarray(mcp))
    return proximity_from_counts(co, np.diagonal(co).astype(np.float64), kind=kind)


def _knn_weights(phi: np.ndarray, knn: int) -> np.ndarray:
    """φ with, in each column, only the values at least the ``knn``-th largest (ties kept)."""
    n = phi.shape[0]
    if knn < 1:
        raise InputError(f"knn must be a positive integer, got {knn}")
    k = min(knn, n)
    kth = -np.partition(-phi, k - 1, axis=0)[k - 1]
    # equal fractions (3/5 from 3/5 and from 6/10) may differ in the last bit: compare with a
    # tiny tolerance so that ties at the k-th place are all kept
    w: np.ndarray = np.where(phi >= kth[None, :] - 1e-12, phi, 0.0)
    return w


def density(
    levels: np.ndarray,
    phi: np.ndarray,
    *,
    knn: int | None = None,
) -> np.ndarray:
    r"""Density of each region around each industry (relatedness density).

    .. math:: d_{cp} = \frac{\sum_{p'} L_{cp'} \, w_{p'p}}{\sum_{p'} w_{p'p}}

    with :math:`L` the presence matrix (or RCA for continuous proximity) and :math:`w = φ`. With
    ``knn=k`` only each industry's k most proximate industries count: :math:`w_{p'p} = φ_{p'p}`
    where :math:`φ_{p'p}` is at least the k-th largest value of column p (ties kept, the zero
    diagonal included in the ranking, as Stata ``ecomplexity``'s ``knn()``), else 0. This is a
    proximity-weighted share, not a neighbour count. Stata's own output differs where the k-th
    value is tied across the cut at 3/5 (it keeps only the values above the tie, an artefact of
    its floating-point rounding); see ``docs/structure.md``. Industries with no related industry get 0.
    For binary levels, distance is :math:`1 - d_{cp}`.

    Parameters
    ----------
    levels : numpy.ndarray
        Region × industry presence (0/1) or RCA levels.
    phi : numpy.ndarray
        Industry × industry proximity (see :func:`proximity`).
    knn : int, optional
        Keep only the ``knn`` nearest industries of each industry.

    Returns
    -------
    numpy.ndarray
        Region × industry density.

    References
    ----------
    .. [1] Hausmann, R. et al. (2014). The Atlas of Economic Complexity, "density".

    Examples
    --------
    >>> m = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
    >>> density(m, proximity(m)).round(3).tolist()
    [[0.5, 0.571, 1.0], [0.5, 1.0, 0.571], [1.0, 1.0, 1.0]]
    """
    w = phi if knn is None else _knn_weights(phi, knn)
    colsum = w.sum(axis=0)
    safe = np.where(colsum > 0, colsum, 1.0)
    out = _matmul(np.asarray(levels, dtype=np.float64), w)
    out /= safe[None, :]
    out[:, colsum <= 0] = 0.0
    return out


def coi_cog(
    mcp: np.ndarray,
    phi: np.ndarray,
    dens: np.ndarray,
    pci_scaled: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Complexity outlook index (raw, per region) and complexity outlook gain (region × industry).

    .. math::

        COI^{raw}_c = \sum_p d_{cp} (1 - M_{cp}) \, \widetilde{PCI}_p
        \qquad
        COG_{cp} = (1 - M_{cp}) \sum_{p'} (1 - M_{cp'}) \frac{φ_{pp'}}{\sum_{k} φ_{kp'}} \widetilde{PCI}_{p'}

    where :math:`\widetilde{PCI}` is the PCI eigenvector divided by the ECI standard deviation
    (PCI before its shift to the ECI mean), as in Stata ``ecomplexity``. COI is then z-scored by the
    caller. Industries with a NaN PCI count as 0.

    Parameters
    ----------
    mcp : numpy.ndarray
        Region × industry 0/1 presence.
    phi : numpy.ndarray
        Proximity.
    dens : numpy.ndarray
        Density (see :func:`density`).
    pci_scaled : numpy.ndarray
        :math:`\widetilde{PCI}` per industry.

    Returns
    -------
    coi_raw : numpy.ndarray
        Per region.
    cog : numpy.ndarray
        Region × industry; 0 where the region already has the industry.

    References
    ----------
    .. [1] Hausmann, R. et al. (2014). The Atlas of Economic Complexity, "Complexity outlook".

    Examples
    --------
    >>> m = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    >>> phi = np.full((3, 3), 0.5) - 0.5 * np.eye(3)
    >>> coi, cog = coi_cog(m, phi, density(m, phi), np.array([-1.0, 1.0, 2.0]))
    >>> coi.tolist(), cog.tolist()
    ([1.5, 0.0], [[0.0, 1.0, 0.5], [0.0, 0.0, 0.0]])
    """
    q = np.nan_to_num(pci_scaled)
    absent = 1.0 - np.asarray(mcp, dtype=np.float64)
    coi_raw = (dens * absent) @ q
    colsum = phi.sum(axis=0)
    wt = phi / np.where(colsum > 0, colsum, 1.0)[None, :]
    cog = absent * _matmul(absent * q[None, :], wt.T)
    return coi_raw, cog


def density_and_outlook(
    levels: np.ndarray,
    mcp: np.ndarray,
    phi: np.ndarray,
    pci_scaled: np.ndarray,
    *,
    knn: int | None = None,
    out: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Density, raw COI and COG of one year in one pass over shared intermediates.

    The same formulas as :func:`density` followed by :func:`coi_cog`:

    .. math::

        d_{cp} = \frac{\sum_{p'} L_{cp'} w_{p'p}}{\sum_{p'} w_{p'p}}, \qquad
        COI^{raw}_c = \sum_p d_{cp} (1 - M_{cp}) \widetilde{PCI}_p, \qquad
        COG_{cp} = (1 - M_{cp}) \sum_{p'} \frac{(1 - M_{cp'}) \widetilde{PCI}_{p'}}{\sum_k φ_{kp'}} φ_{pp'}

    but the proximity is converted (to float32 above :data:`FLOAT32_ABOVE` multiply-adds) only
    once, the COG weights scale the C × P left operand instead of the P × P proximity, and the
    C × P buffers are reused, so a year costs two matrix products and a few element-wise passes.

    Parameters
    ----------
    levels : numpy.ndarray
        Region × industry presence (0/1) or RCA levels, any float dtype.
    mcp : numpy.ndarray
        Region × industry 0/1 presence (any numeric or boolean dtype).
    phi : numpy.ndarray
        Industry × industry proximity (see :func:`proximity`).
    pci_scaled : numpy.ndarray
        :math:`\widetilde{PCI}` per industry (NaN counts as 0).
    knn : int, optional
        Density from each industry's ``knn`` nearest industries only (see :func:`density`).
    out : tuple of two numpy.ndarray, optional
        Float64 region × industry arrays to write the density and the COG into.

    Returns
    -------
    density : numpy.ndarray
        Region × industry, float64.
    coi_raw : numpy.ndarray
        Per region (z-scored by the caller).
    cog : numpy.ndarray
        Region × industry, float64; 0 where the region already has the industry.

    References
    ----------
    .. [1] Hausmann, R. et al. (2014). The Atlas of Economic Complexity, "density" and
       "Complexity outlook".

    Examples
    --------
    >>> m = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    >>> phi = np.full((3, 3), 0.5) - 0.5 * np.eye(3)
    >>> d, coi, cog = density_and_outlook(m, m, phi, np.array([-1.0, 1.0, 2.0]))
    >>> d.tolist(), coi.tolist(), cog.tolist()
    ([[0.0, 0.5, 0.5], [1.0, 1.0, 1.0]], [1.5, 0.0], [[0.0, 1.0, 0.5], [0.0, 0.0, 0.0]])
    """
    n_c, n_p = mcp.shape
    dt = product_dtype(n_c, n_p, n_p)
    absent = np.asarray(mcp) == 0
    q = np.nan_to_num(np.asarray(pci_scaled, dtype=np.float64))
    colsum_phi = phi.sum(axis=0, dtype=np.float64)
    phi_w = np.asarray(phi, dtype=dt)
    if knn is None:
        w_w, colsum_w = phi_w, colsum_phi
    else:
        w = _knn_weights(phi, knn)
        w_w, colsum_w = np.asarray(w, dtype=dt), w.sum(axis=0, dtype=np.float64)
        del w
    prod = np.asarray(levels, dtype=dt) @ w_w
    dens, cog = out if out is not None else (np.empty((n_c, n_p)), np.empty((n_c, n_p)))
    np.divide(prod, np.where(colsum_w > 0, colsum_w, 1.0)[None, :], out=dens)
    if (colsum_w <= 0).any():
        dens[:, colsum_w <= 0] = 0.0
    np.multiply(dens, absent, out=cog)  # density outside the portfolio: the COI terms
    coi_raw: np.ndarray = cog @ q
    qs = (q / np.where(colsum_phi > 0, colsum_phi, 1.0)).astype(dt)
    left = np.multiply(absent, qs[None, :], dtype=dt)
    np.matmul(left, phi_w.T, out=prod)
    del left
    np.multiply(prod, absent, out=cog)
    return dens, coi_raw, cog
