"""Alerts: suspended, stalled and late projects, and targets off track or at risk, with their
reasons (one list for the dashboard and the CLI)."""

from __future__ import annotations

import pandas as pd

__all__ = ["ALERT_COLUMNS", "alerts"]

ALERT_COLUMNS = ["severity", "kind", "region_code", "id", "name", "reason"]
_SEVERITY = {"high": 0, "medium": 1}
_KIND = {"project_suspended": 0, "project_late": 1, "project_stalled": 2, "target_off_track": 3, "target_at_risk": 4}


def alerts(
    targets: pd.DataFrame | None = None,
    projects: pd.DataFrame | None = None,
    *,
    include_at_risk: bool = True,
) -> pd.DataFrame:
    """Alerts from target progress and project progress tables.

    Rules: a target ``off_track`` is a ``high`` alert and ``at_risk`` a ``medium`` one. Every
    project flagged ``late`` by :func:`~xinzhi.delivery.projects.project_progress` is an alert:
    ``high`` when it is suspended (停工), overdue, not started or has a missed milestone;
    ``medium`` when it is only behind pace or stalled. Its kind is ``project_suspended`` for a
    suspended project, ``project_stalled`` for one whose only flag is stalled, else
    ``project_late``. High come first, then suspended, late and stalled projects, then
    targets. The reason is the rule text of the target or the ``reasons`` of the project.

    Parameters
    ----------
    targets : pandas.DataFrame, optional
        Output of :func:`xinzhi.delivery.targets.targets_progress`.
    projects : pandas.DataFrame, optional
        Output of :func:`xinzhi.delivery.projects.project_progress`.
    include_at_risk : bool, default=True

    Returns
    -------
    pandas.DataFrame
        ``severity``, ``kind`` (``target_off_track``, ``target_at_risk``, ``project_suspended``,
        ``project_stalled``, ``project_late``),
        ``region_code``, ``id``, ``name``, ``reason``; high first.

    Examples
    --------
    >>> t = pd.DataFrame({"target_id": ["T1", "T2"], "region_code": "510000", "name": ["a", "b"],
    ...                   "indicator_name": "", "status": ["off_track", "on_track"], "rule": ["r1", "r2"]})
    >>> alerts(t)[["severity", "id"]].to_dict("list")
    {'severity': ['high'], 'id': ['T1']}
    """
    rows: list[dict[str, object]] = []
    if targets is not None and not targets.empty:
        wanted = ["off_track", "at_risk"] if include_at_risk else ["off_track"]
        for t in targets[targets["status"].isin(wanted)].itertuples(index=False):
            name = getattr(t, "name", None)
            if name is None or pd.isna(name) or name == "":
                name = getattr(t, "indicator_name", "") or getattr(t, "indicator", "")
            rows.append({"severity": "high" if t.status == "off_track" else "medium",
                         "kind": f"target_{t.status}", "region_code": t.region_code,
                         "id": t.target_id, "name": name, "reason": t.rule})
    if projects is not None and not projects.empty:
        for p in projects[projects["late"]].to_dict("records"):
            suspended, stalled = bool(p.get("suspended", False)), bool(p.get("stalled", False))
            serious = suspended or bool(p["overdue"] or p["not_started"] or int(p["missed_milestones"]) > 0)
            other = bool(p["overdue"] or p["not_started"] or p["behind_pace"] or int(p["missed_milestones"]) > 0)
            kind = "project_suspended" if suspended else "project_stalled" if stalled and not other else "project_late"
            rows.append({"severity": "high" if serious else "medium", "kind": kind,
                         "region_code": p["region_code"], "id": p["project_id"], "name": p["name"],
                         "reason": p["reasons"]})
    out = pd.DataFrame(rows, columns=ALERT_COLUMNS)
    if out.empty:
        return out
    out["_s"] = out["severity"].map(_SEVERITY)
    out["_k"] = out["kind"].map(_KIND)
    return out.sort_values(["_s", "_k", "region_code", "id"]).drop(columns=["_s", "_k"]).reset_index(drop=True)
