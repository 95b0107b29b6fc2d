"""Roles of web users and what each may do.

The role says what a user may *do*; the region scope (:mod:`xinzhi.access.scope`) says which
enterprises they may *see*. Only ``admin`` manages users and reads the audit log; only
``admin`` may be created without a region.
"""

from __future__ import annotations

from enum import StrEnum

from xinzhi.errors import InputError


class Role(StrEnum):
    """The six roles."""

    ADMIN = "admin"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    PARK = "park"
    VIEWER = "viewer"


ROLES: tuple[str, ...] = tuple(r.value for r in Role)

#: the region level a scoped role is expected to hold (viewer may hold any level)
ROLE_LEVEL: dict[Role, str] = {
    Role.PROVINCE: "province",
    Role.CITY: "city",
    Role.COUNTY: "county",
    Role.PARK: "park",
}


def parse_role(text: str) -> Role:
    """The :class:`Role` named ``text``; raises :class:`InputError` for an unknown role."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise InputError(f"role must be one of {', '.join(ROLES)}, got {text!r}") from None


def can_manage_users(role: str) -> bool:
    """Only administrators manage users and read the audit log."""
    return role == Role.ADMIN


def can_export(role: str) -> bool:
    """Every role may export the tables it can see (each export is audited)."""
    return role in ROLES
