r"""Demand-driven (Leontief) and supply-driven (Ghosh) input-output analytics.

All functions are pure and take numpy arrays: ``flows`` is the ``n × n`` intermediate matrix Z
(row sector i supplies column sector j) and ``output`` the gross output x.

References
----------
.. [1] Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*,
   2nd ed. Cambridge University Press. Ch. 2 (A, L), 6 (multipliers), 12 (linkages, Ghosh).
.. [2] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. North-Holland.
.. [3] Hirschman, A. O. (1958). *The Strategy of Economic Development*. Yale University Press.
.. [4] Antràs, P., Chor, D., Fally, T. & Hillberry, R. (2012). Measuring the upstreamness of
   production and trade flows. American Economic Review, 102(3), 412-416.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from xinzhi.errors import InputError

__all__ = [
    "ghosh_inverse",
    "import_dependence",
    "leontief_inverse",
    "linkages",
    "output_coefficients",
    "output_multipliers",
    "technical_coefficients",
    "upstreamness",
]


def _square(m: np.ndarray, name: str) -> np.ndarray:
    a = np.asarray(m, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise InputError(f"{name} must be a square matrix, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise InputError(f"{name} contains NaN or infinite values")
    return a


def _flows_output(flows: np.ndarray, output: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = _square(flows, "flows")
    x = np.asarray(output, dtype=np.float64)
    if x.shape != (z.shape[0],):
        raise InputError(f"output must have {z.shape[0]} values, got shape {x.shape}")
    if np.any(x < 0) or not np.all(np.isfinite(x)):
        raise InputError("output must be finite and non-negative")
    return z, x


def technical_coefficients(flows: np.ndarray, output: np.ndarray) -> np.ndarray:
    r"""Technical (direct input) coefficients :math:`a_{ij} = z_{ij} / x_j`.

    Columns of sectors with zero output are 0.

    References
    ----------
    .. [1] Miller & Blair (2009), eq. 2.4.

    Examples
    --------
    Miller & Blair (2009), Table 2.3:

    >>> technical_coefficients(np.array([[150.0, 500.0], [200.0, 100.0]]), np.array([1000.0, 2000.0])).tolist()
    [[0.15, 0.25], [0.2, 0.05]]
    """
    z, x = _flows_output(flows, output)
    safe = np.where(x > 0, x, 1.0)
    a: np.ndarray = z / safe[None, :]
    a[:, x <= 0] = 0.0
    return a


def output_coefficients(flows: np.ndarray, output: np.ndarray) -> np.ndarray:
    r"""Allocation (output) coefficients of the Ghosh model, :math:`b_{ij} = z_{ij} / x_i`.

    Rows of sectors with zero output are 0.

    References
    ----------
    .. [1] Miller & Blair (2009), section 12.1, eq. 12.1.

    Examples
    --------
    >>> output_coefficients(np.array([[150.0, 500.0], [200.0, 100.0]]), np.array([1000.0, 2000.0])).tolist()
    [[0.15, 0.5], [0.1, 0.05]]
    """
    z, x = _flows_output(flows, output)
    safe = np.where(x > 0, x, 1.0)
    b: np.ndarray = z / safe[:, None]
    b[x <= 0, :] = 0.0
    return b


def _inverse_of_i_minus(m: np.ndarray, name: str) -> np.ndarray:
    a = _square(m, name)
    eye = np.eye(a.shape[0])
    try:
        inv: np.ndarray = np.linalg.solve(eye - a, eye)
    except np.linalg.LinAlgError:
        raise InputError(f"I - {name} is singular; the table is not productive") from None
    return inv


def leontief_inverse(coefficients: np.ndarray) -> np.ndarray:
    r"""Leontief inverse (total requirements) :math:`L = (I - A)^{-1}`.

    :math:`l_{ij}` is the output of sector i needed, directly and indirectly, per unit of final
    demand for the products of sector j.

    References
    ----------
    .. [1] Miller & Blair (2009), eq. 2.11.

    Examples
    --------
    Miller & Blair (2009), section 2.3 (printed to three decimals: 1.254, .330, .264, 1.122):

    >>> leontief_inverse(np.array([[0.15, 0.25], [0.2, 0.05]])).round(3).tolist()
    [[1.254, 0.33], [0.264, 1.122]]
    """
    return _inverse_of_i_minus(coefficients, "A")


def ghosh_inverse(allocation: np.ndarray) -> np.ndarray:
    r"""Ghosh inverse :math:`G = (I - B)^{-1}` of the output coefficients B.

    References
    ----------
    .. [1] Miller & Blair (2009), eq. 12.4.

    Examples
    --------
    >>> ghosh_inverse(np.array([[0.15, 0.5], [0.1, 0.05]])).round(4).tolist()
    [[1.2541, 0.6601], [0.132, 1.1221]]
    """
    return _inverse_of_i_minus(allocation, "B")


def output_multipliers(leontief: np.ndarray) -> np.ndarray:
    r"""Simple output multipliers, the column sums :math:`m_j = \sum_i l_{ij}`.

    References
    ----------
    .. [1] Miller & Blair (2009), section 6.2.1, eq. 6.3.

    Examples
    --------
    >>> output_multipliers(leontief_inverse(np.array([[0.15, 0.25], [0.2, 0.05]]))).round(3).tolist()
    [1.518, 1.452]
    """
    lm = _square(leontief, "L")
    out: np.ndarray = lm.sum(axis=0)
    return out


def linkages(
    leontief: np.ndarray,
    *,
    ghosh: np.ndarray | None = None,
    codes: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> pd.DataFrame:
    r"""Rasmussen–Hirschman backward and forward linkage indices and key sectors.

    .. math::

        BL_j = \frac{\tfrac{1}{n}\sum_i l_{ij}}{\tfrac{1}{n^2}\sum_{i,j} l_{ij}}, \qquad
        FL_i = \frac{\tfrac{1}{n}\sum_j g_{ij}}{\tfrac{1}{n^2}\sum_{i,j} g_{ij}}

    Backward linkages use the Leontief inverse L (power of dispersion). Forward linkages use the
    Ghosh inverse G when given, as Miller & Blair recommend; otherwise the rows of L (Rasmussen's
    sensitivity of dispersion). A sector is *key* when both indices exceed 1; "backward" or
    "forward" when only that one does; "weak" otherwise.

    Parameters
    ----------
    leontief : numpy.ndarray
        Leontief inverse L.
    ghosh : numpy.ndarray, optional
        Ghosh inverse G for the forward index.
    codes, names : sequence of str, optional
        Sector labels for the result (default ``0..n-1``).

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``name``, ``backward``, ``forward``, ``output_multiplier``,
        ``sector_type`` and ``key_sector`` (bool); one row per sector, in matrix order.

    References
    ----------
    .. [1] Rasmussen (1956); Hirschman (1958).
    .. [2] Miller & Blair (2009), section 12.2, eqs. 12.14-12.17.

    Examples
    --------
    >>> lm = leontief_inverse(np.array([[0.15, 0.25], [0.2, 0.05]]))
    >>> linkages(lm)[["backward", "forward", "sector_type"]].round(4).to_dict("list")
    {'backward': [1.0222, 0.9778], 'forward': [1.0667, 0.9333], 'sector_type': ['key', 'weak']}
    """
    lm = _square(leontief, "L")
    n = lm.shape[0]
    mean_l = lm.sum() / n**2
    col = lm.sum(axis=0) / n
    backward = col / mean_l
    if ghosh is not None:
        g = _square(ghosh, "G")
        if g.shape != lm.shape:
            raise InputError(f"ghosh must have the shape of leontief {lm.shape}, got {g.shape}")
        forward = (g.sum(axis=1) / n) / (g.sum() / n**2)
    else:
        forward = (lm.sum(axis=1) / n) / mean_l
    labels = [str(c) for c in codes] if codes is not None else [str(i) for i in range(n)]
    if len(labels) != n:
        raise InputError(f"codes must have {n} labels, got {len(labels)}")
    name_list = [str(v) for v in names] if names is not None else labels
    kind = np.select(
        [(backward > 1) & (forward > 1), backward > 1, forward > 1],
        ["key", "backward", "forward"],
        default="weak",
    )
    return pd.DataFrame(
        {
            "code": labels,
            "name": name_list,
            "backward": backward,
            "forward": forward,
            "output_multiplier": lm.sum(axis=0),
            "sector_type": kind.astype(object),
            "key_sector": kind == "key",
        }
    )


def upstreamness(allocation: np.ndarray) -> np.ndarray:
    r"""Upstreamness of each sector, :math:`U = (I - B)^{-1}\mathbf{1}` (row sums of the Ghosh inverse).

    U is 1 for a sector selling only to final use and grows with the average number of
    production stages between the sector and final demand. This is the closed-economy form of
    Antràs et al. (2012), whose Δ equals the output coefficients B (without their inventory and
    trade corrections).

    References
    ----------
    .. [1] Antràs, Chor, Fally & Hillberry (2012), AER 102(3), eq. (3).
    .. [2] Miller, R. E. & Temurshoev, U. (2017). Output upstreamness and input downstreamness
       of industries/countries in world production. International Regional Science Review,
       40(5), 443-475.

    Examples
    --------
    >>> upstreamness(np.array([[0.15, 0.5], [0.1, 0.05]])).round(4).tolist()
    [1.9142, 1.2541]
    """
    g = ghosh_inverse(allocation)
    out: np.ndarray = g.sum(axis=1)
    return out


def import_dependence(imports: np.ndarray, output: np.ndarray, exports: np.ndarray) -> np.ndarray:
    r"""Import dependence of each product, imports over apparent supply to the home market.

    .. math:: d_i = \frac{m_i}{x_i + m_i - e_i}

    NaN where the denominator is not positive. A design proposal for flagging import-dependent
    (卡脖子 candidate) nodes; not an official formula.

    Examples
    --------
    >>> import_dependence(np.array([20.0, 0.0]), np.array([100.0, 50.0]), np.array([20.0, 10.0])).tolist()
    [0.2, 0.0]
    """
    m = np.asarray(imports, dtype=np.float64)
    x = np.asarray(output, dtype=np.float64)
    e = np.asarray(exports, dtype=np.float64)
    if not (m.shape == x.shape == e.shape):
        raise InputError("imports, output and exports must have the same shape")
    den = x + m - e
    with np.errstate(invalid="ignore", divide="ignore"):
        out: np.ndarray = np.where(den > 0, m / np.where(den > 0, den, 1.0), np.nan)
    return out

