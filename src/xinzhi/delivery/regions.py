"""Region hierarchy for delivery reports: the shared resolver and hierarchy of
:mod:`xinzhi.regions`, returning plain codes."""

from __future__ import annotations

import pandas as pd

from xinzhi import regions as shared

__all__ = ["descendants", "resolve_region"]


def descendants(regions: pd.DataFrame, code: str) -> set[str]:
    """``code`` and every region below it (cities, counties, parks), from ``parent_code`` links.

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "510100", "510104", "520000"],
    ...                   "parent_code": [None, "510000", "510100", None]})
    >>> sorted(descendants(r, "510000"))
    ['510000', '510100', '510104']
    """
    return set(shared.descendants(regions, code)["code"].astype(str))


def resolve_region(regions: pd.DataFrame, text: str) -> str:
    """Region code from a code or a Chinese / English name (``510000``, ``四川省``, ``四川``, ``Sichuan``).

    Raises :class:`~xinzhi.errors.NotFoundError` when nothing or several regions match.
    """
    return str(shared.resolve_region(regions, str(text))["code"])
