"""Access control for the web application and the REST API.

Users with a role and a region scope (:mod:`~xinzhi.access.users`), argon2 password hashes
(:mod:`~xinzhi.access.passwords`), login throttling (:mod:`~xinzhi.access.throttle`), API
tokens (:mod:`~xinzhi.access.tokens`), the audit log (:mod:`~xinzhi.access.audit`) and the one
scope check every enterprise-level query passes through (:mod:`~xinzhi.access.scope`). With a
PostgreSQL catalog, :mod:`~xinzhi.access.rls` mirrors the enterprise tables the web serves into
PostgreSQL tables guarded by row-level security policies.
"""

from __future__ import annotations

from xinzhi.access.roles import ROLES, Role
from xinzhi.access.scope import Scope, scope_for
from xinzhi.access.users import User

__all__ = ["ROLES", "Role", "Scope", "User", "scope_for"]
