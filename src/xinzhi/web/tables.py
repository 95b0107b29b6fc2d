"""Every table the dashboard shows, by name: the pages display them, ``/export/{name}.{fmt}``
and ``/api/v1/tables/{name}`` serve them, all through the same functions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from xinzhi.errors import NotFoundError
from xinzhi.web import sections
from xinzhi.web.service import LIST_COLUMNS, EnterpriseFilter

if TYPE_CHECKING:
    from xinzhi.access.scope import Scope
    from xinzhi.web.service import WebData

TableFn = Callable[["WebData", "Scope", Mapping[str, str]], pd.DataFrame]

ENTERPRISE_COLUMNS = LIST_COLUMNS


def _region(data: WebData, scope: Scope, p: Mapping[str, str]) -> str:
    return p.get("region") or data.default_region(scope)


def enterprise_filter(p: Mapping[str, str]) -> EnterpriseFilter:
    above = p.get("above_scale")
    return EnterpriseFilter(park=p.get("park") or None, region=p.get("in_region") or None,
                            industry=p.get("industry") or None, klass=p.get("klass") or None,
                            q=p.get("q") or None,
                            above_scale=None if above in (None, "") else above in ("1", "true", "yes"))


def _enterprises(data: WebData, scope: Scope, p: Mapping[str, str]) -> pd.DataFrame:
    rows = data.enterprise_export(scope, enterprise_filter(p))
    return rows[[c for c in ENTERPRISE_COLUMNS if c in rows]]


def _indicators(data: WebData, scope: Scope, p: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame(data.overview(scope, _region(data, scope, p))["totals"])


def _top_industries(data: WebData, scope: Scope, p: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame(data.overview(scope, _region(data, scope, p))["top_industries"])


def _subregions(data: WebData, scope: Scope, p: Mapping[str, str]) -> pd.DataFrame:
    return data.subregion_values(scope, _region(data, scope, p), p.get("indicator") or "output")


def _facts(data: WebData, scope: Scope, p: Mapping[str, str]) -> pd.DataFrame:
    """Facts with the publication date of their document, newest first."""
    f = sections.facts(data, scope, _region(data, scope, p))  # published: YYYY-MM-DD
    return f.sort_values("published", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


TABLES: dict[str, TableFn] = {
    "enterprises": _enterprises,
    "indicators": _indicators,
    "top_industries": _top_industries,
    "subregions": _subregions,
    "specialisation": lambda d, s, p: sections.specialisation(d, s, _region(d, s, p), value=p.get("value") or "output"),
    "subregion_structure": lambda d, s, p: sections.subregions(d, s, _region(d, s, p), value=p.get("value") or "output"),
    "opportunities": lambda d, s, p: sections.opportunities(d, s, _region(d, s, p), strategy=p.get("strategy") or "balanced"),
    "clusters": lambda d, s, p: sections.clusters(d, s, _region(d, s, p)),
    "chain_coverage": lambda d, s, p: sections.chain_view(d, s, p.get("chain", ""), _region(d, s, p))["coverage"],
    "chain_gaps": lambda d, s, p: sections.chain_view(d, s, p.get("chain", ""), _region(d, s, p))["gaps"],
    "chain_leaders": lambda d, s, p: sections.chain_view(d, s, p.get("chain", ""), _region(d, s, p))["leaders"],
    "chain_targets": lambda d, s, p: sections.chain_view(d, s, p.get("chain", ""), _region(d, s, p))["targets"],
    "targets": lambda d, s, p: d.with_units(sections.targets(d, s, _region(d, s, p))),
    "projects": lambda d, s, p: sections.projects(d, s, _region(d, s, p), late_only=p.get("late") == "1"),
    "facts": _facts,
    "priorities": lambda d, s, p: sections.priorities(d, s, _region(d, s, p)),
}


def table(name: str, data: WebData, scope: Scope, params: Mapping[str, str]) -> pd.DataFrame:
    """The table ``name`` for ``scope`` with the page's query ``params``."""
    fn = TABLES.get(name)
    if fn is None:
        raise NotFoundError("not found")
    frame = fn(data, scope, params)
    for c in frame.columns:  # lists and dicts (reasons) as text for files and JSON
        if frame[c].dtype == object:
            frame[c] = frame[c].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return frame
