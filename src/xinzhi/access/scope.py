"""The region scope of a user and the one check every enterprise-level query passes through.

A user's scope is one region code. The enterprises they may see are those whose
``region_code`` *or* ``park_code`` is that region or any region below it in the workspace's
region hierarchy (parks included; see :func:`xinzhi.regions.descendants`). Administrators
without a region see everything.

Every enterprise-level table the web application, the REST API, the exports and the search
serve is first turned into a frame with ``region_code`` and ``park_code`` columns and then
passed through :func:`restrict`; single enterprises are fetched with :func:`visible_one`, which
raises the same :class:`~xinzhi.errors.NotFoundError` for an enterprise that does not exist and
for one outside the scope, so neither pages nor errors reveal that another region's enterprise
exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.errors import NotFoundError
from xinzhi.regions import descendants

if TYPE_CHECKING:
    from xinzhi.access.users import User

#: the message of every "not visible" answer, whether the record exists or not
NOT_FOUND = "not found"


@dataclass(frozen=True)
class Scope:
    """The regions a user may see.

    Attributes
    ----------
    region_code : str or None
        The scope's root region; ``None`` means unrestricted (an administrator).
    codes : frozenset of str or None
        The root and every region below it (parks included); ``None`` when unrestricted.
    """

    region_code: str | None
    codes: frozenset[str] | None

    @property
    def unrestricted(self) -> bool:
        return self.codes is None

    def covers_region(self, code: str) -> bool:
        """Whether region ``code`` lies inside the scope."""
        return self.codes is None or code in self.codes

    def allows(self, region_code: object, park_code: object) -> bool:
        """Whether an enterprise registered in ``region_code`` / ``park_code`` is visible (a
        missing code, ``None``, NaN or ``pd.NA``, is in no scope)."""
        if self.codes is None:
            return True
        return region_code in self.codes or park_code in self.codes

    def sorted_codes(self) -> list[str]:
        """The visible region codes, sorted (empty when unrestricted)."""
        return sorted(self.codes) if self.codes is not None else []


def scope_for(user: User, regions: pd.DataFrame) -> Scope:
    """The scope of ``user`` given the workspace's ``region`` table.

    An administrator without a region is unrestricted; every other user sees their region
    and its descendants. A user whose region is missing from the table sees nothing.
    """
    if user.region_code is None:
        if user.is_admin:
            return Scope(None, None)
        return Scope("", frozenset())
    below = descendants(regions, user.region_code)
    return Scope(user.region_code, frozenset(str(c) for c in below["code"]))


def restrict(scope: Scope, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of an enterprise-level ``frame`` that ``scope`` may see.

    This is the choke point: every enterprise-level query of the web layer (pages, API,
    exports, search) passes its rows through it. ``frame`` must have ``region_code`` and
    ``park_code`` columns; a frame without them is refused rather than passed through.
    """
    missing = {"region_code", "park_code"} - set(frame.columns)
    if missing:
        raise TypeError(f"restrict() needs region_code and park_code columns, missing {sorted(missing)}")
    if scope.codes is None:
        return frame
    codes = scope.codes
    mask = frame["region_code"].isin(codes) | frame["park_code"].isin(codes)
    return frame[mask.fillna(False).astype(bool)]


def visible_one(scope: Scope, frame: pd.DataFrame, credit_code: str) -> pd.Series:
    """The one row of ``frame`` for ``credit_code`` if ``scope`` may see it.

    Raises :class:`NotFoundError` with the same message (:data:`NOT_FOUND`) whether the
    enterprise does not exist or lies outside the scope.
    """
    rows = frame[frame["credit_code"] == credit_code]
    missing = {"region_code", "park_code"} - set(frame.columns)
    if missing:
        raise TypeError(f"visible_one() needs region_code and park_code columns, missing {sorted(missing)}")
    for i in range(len(rows)):  # restrict()'s rule, row by row: one firm has one or a few rows
        row = rows.iloc[i]
        if scope.allows(row["region_code"], row["park_code"]):
            return row
    raise NotFoundError(NOT_FOUND)


def require_region(scope: Scope, code: str) -> None:
    """Raise :class:`NotFoundError` when region ``code`` lies outside ``scope``.

    Region codes are public (GB/T 2260), but aggregates below a region are not, so a region
    outside the scope is answered like a missing one.
    """
    if not scope.covers_region(code):
        raise NotFoundError(NOT_FOUND)
