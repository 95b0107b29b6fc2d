"""The scope check: which enterprises a region scope covers (region OR park rule)."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.access.scope import NOT_FOUND, Scope, require_region, restrict, scope_for, visible_one
from xinzhi.access.users import User
from xinzhi.errors import NotFoundError

REGIONS = pd.DataFrame({
    "code": ["510000", "510100", "510104", "510104P01", "510700", "510703"],
    "name": ["四川省", "成都市", "锦江区", "锦江园区", "绵阳市", "涪城区"],
    "level": ["province", "city", "county", "park", "city", "county"],
    "parent_code": [None, "510000", "510100", "510104", "510000", "510700"],
})
FIRMS = pd.DataFrame({
    "credit_code": ["A", "B", "C", "D"],
    "region_code": ["510104", "510703", "510703", "510100"],
    "park_code": [None, None, "510104P01", None],
})


def user(role: str, region: str | None) -> User:
    return User(1, "u", None, role, region, True)


def test_scope_codes_are_the_region_and_its_descendants() -> None:
    s = scope_for(user("city", "510100"), REGIONS)
    assert s.codes == frozenset({"510100", "510104", "510104P01"})
    assert scope_for(user("admin", None), REGIONS).unrestricted
    # a non-admin without a region sees nothing rather than everything
    assert scope_for(user("viewer", None), REGIONS).codes == frozenset()


@pytest.mark.parametrize(("region", "visible"), [
    ("510100", {"A", "C", "D"}),   # C through its park in Chengdu
    ("510700", {"B", "C"}),        # C through its registration in Mianyang
    ("510104", {"A", "C"}),
    ("510104P01", {"C"}),
    ("510000", {"A", "B", "C", "D"}),
])
def test_restrict(region: str, visible: set[str]) -> None:
    s = scope_for(user("viewer", region), REGIONS)
    assert set(restrict(s, FIRMS)["credit_code"]) == visible


def test_restrict_refuses_frames_without_location_columns() -> None:
    with pytest.raises(TypeError):
        restrict(Scope("510100", frozenset({"510100"})), FIRMS.drop(columns=["park_code"]))


def test_hidden_and_missing_raise_the_same_error() -> None:
    s = scope_for(user("city", "510100"), REGIONS)
    with pytest.raises(NotFoundError) as hidden:
        visible_one(s, FIRMS, "B")
    with pytest.raises(NotFoundError) as missing:
        visible_one(s, FIRMS, "ZZZ")
    assert str(hidden.value) == str(missing.value) == NOT_FOUND
    assert visible_one(s, FIRMS, "C")["region_code"] == "510703"
    with pytest.raises(NotFoundError):
        require_region(s, "510700")
    require_region(s, "510104")


@pytest.mark.parametrize("region", ["510100", "510700", "510104", "510104P01", "510000", "510703"])
def test_visible_one_sees_what_restrict_sees(region: str) -> None:
    """visible_one checks one firm row by row; it must give restrict()'s answer for every firm,
    missing region or park codes (None, NaN, pd.NA) included."""
    firms = pd.concat([FIRMS, pd.DataFrame({
        "credit_code": ["E", "F", "G", "H"],
        "region_code": pd.array([None, "510703", pd.NA, "510104"], dtype=object),
        "park_code": pd.array([float("nan"), pd.NA, "510104P01", ""], dtype=object),
    })], ignore_index=True)
    s = scope_for(user("viewer", region), REGIONS)
    seen = set(restrict(s, firms)["credit_code"])
    for code in firms["credit_code"]:
        if code in seen:
            assert visible_one(s, firms, code)["credit_code"] == code
        else:
            with pytest.raises(NotFoundError):
                visible_one(s, firms, code)
    with pytest.raises(TypeError):
        visible_one(s, firms.drop(columns=["park_code"]), "A")
