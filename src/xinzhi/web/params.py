"""The query parameters of the dashboard's tables, checked before any table is built.

``/api/v1/tables/{name}`` declares each of them in its OpenAPI schema (enums and patterns from
here, so a fuzzer such as schemathesis reaches every allowed value and many disallowed ones),
and ``/export/{name}.{fmt}`` checks the same rules with :func:`table_params`. A value outside
the rules is a 400 (API: 422) naming the parameter, never a server error or a meaningless number
(``value=year`` used to answer 500, ``value=region_code`` summed codes to 5.1e119).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from xinzhi.errors import InputError
from xinzhi.schema import get_spec
from xinzhi.web import sections

#: measures of ``region_industry_year`` that specialisation and the sub-region chart can use
VALUE_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in get_spec("region_industry_year").columns if c.dtype in ("float", "int") and c.name != "year")
STRATEGIES: tuple[str, ...] = sections.STRATEGIES
YES_NO: tuple[str, ...] = ("0", "1", "true", "false", "yes", "no")

#: a region or park code (GB/T 2260 digits, or a user code such as 510104P01)
REGION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_.\-]{0,31}$"
#: a chain id (nev, pv, io-...)
CHAIN_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_.\-]{0,63}$"
#: a GB/T 4754 code or prefix (C, 39, 397, 3971), or (part of) an industry name (锂离子电池)
INDUSTRY_PATTERN = r"^[^\x00-\x1f\x7f]{1,32}$"
#: free text to search for: no control characters
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]{1,64}$"

#: parameter -> (allowed values or a pattern, description)
RULES: dict[str, tuple[tuple[str, ...] | str, str]] = {
    "region": (REGION_PATTERN, "region code (default: the user's region)"),
    "value": (VALUE_COLUMNS, "specialisation: the measure of region_industry_year"),
    "indicator": (VALUE_COLUMNS, "subregions: the measure shown"),
    "strategy": (STRATEGIES, "opportunities: how far from today's industries to look"),
    "chain": (CHAIN_PATTERN, "chain_coverage, chain_leaders, chain_targets: the chain id"),
    "late": (("0", "1"), "projects: 1 for late projects only"),
    "park": (REGION_PATTERN, "enterprises: park code"),
    "in_region": (REGION_PATTERN, "enterprises: region code prefix"),
    "industry": (INDUSTRY_PATTERN, "enterprises: GB/T 4754 code prefix, or part of an industry name"),
    "klass": (r"^[A-Za-z0-9+\-]{1,8}$", "enterprises: evaluation class (A, B, C, D, T; none: not evaluated)"),
    "q": (TEXT_PATTERN, "enterprises: name contains, or exact credit code"),
    "above_scale": (YES_NO, "enterprises: above designated size only (1) or not (0)"),
}


def table_params(raw: Mapping[str, str]) -> dict[str, str]:
    """The table parameters of a query, checked against :data:`RULES` (others are dropped);
    raises :class:`InputError` naming the first bad parameter."""
    out: dict[str, str] = {}
    for key, (rule, _) in RULES.items():
        v = raw.get(key)
        if v is None or v == "":
            continue
        ok = v in rule if isinstance(rule, tuple) else re.match(rule, v) is not None
        if not ok:
            allowed = ", ".join(rule) if isinstance(rule, tuple) else "a code"
            raise InputError(f"parameter {key}: {v[:40]!r} is not allowed (expected {allowed})")
        out[key] = v
    return out
