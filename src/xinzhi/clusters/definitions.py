"""Cluster systems as data: YAML / JSON / CSV / Excel files ↔ the ``cluster`` and ``cluster_member`` tables.

YAML / JSON layout::

    system: cq-33618
    name: 重庆"33618"现代制造业集群体系
    region_code: "500000"
    tiers:
      - tier: leading
        clusters:
          - {code: L1, name: 智能网联新能源汽车, source: "...", industries: ["3612"], tags: []}

CSV / Excel layout (what :func:`system_to_frame` writes): one row per cluster with columns
``system, system_name, region_code, tier, cluster_code, name, name_en, source, industries, tags``
(lists separated by ``;``).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.chains.definitions import split_list
from xinzhi.errors import InputError, NotFoundError
from xinzhi.workspace.readers import read_mapping, read_sheet

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = [
    "BUNDLED_SYSTEMS",
    "ClusterSystem",
    "bundled_system",
    "install_system",
    "load_system",
    "read_system_file",
    "system_from_dict",
    "system_from_frame",
    "system_to_dict",
    "system_to_frame",
]

BUNDLED_SYSTEMS = {
    "cq-33618": "重庆\"33618\"现代制造业集群体系 (placeholders marked)",
    "sc-six": "四川省六大优势产业",
}
CLUSTER_COLS = ["system", "system_name", "region_code", "tier", "cluster_code", "name", "name_en", "source"]


class ClusterSystem:
    """A cluster system: ``clusters`` (one row per cluster) and ``members`` (kind, value)."""

    def __init__(self, system: str, name: str, region_code: str, clusters: pd.DataFrame, members: pd.DataFrame):
        self.system, self.name, self.region_code = system, name, region_code
        self.clusters, self.members = clusters, members

    def __repr__(self) -> str:
        return f"ClusterSystem({self.system!r}, {len(self.clusters)} clusters)"


def system_from_dict(data: Mapping[str, Any], *, source: str = "cluster system") -> ClusterSystem:
    """Build a system from the YAML / JSON layout.

    Examples
    --------
    >>> s = system_from_dict({"system": "x", "region_code": "510000", "tiers": [
    ...     {"tier": "leading", "clusters": [{"code": "A", "name": "电子", "industries": ["39"], "tags": ["链主"]}]}]})
    >>> s.members.values.tolist()
    [['x', 'A', 'industry', '39'], ['x', 'A', 'tag', '链主']]
    """
    system = str(data.get("system") or "").strip()
    region = str(data.get("region_code") or "").strip()
    if not system or not region:
        raise InputError(f"{source}: a cluster system needs 'system' and 'region_code'")
    name = str(data.get("name") or system)
    rows, members = [], []
    for t in data.get("tiers") or []:
        tier = str(t.get("tier") or "").strip()
        if not tier:
            raise InputError(f"{source}: every tier needs a 'tier' name")
        for c in t.get("clusters") or []:
            code = str(c.get("code") or c.get("cluster_code") or "").strip()
            if not code or not c.get("name"):
                raise InputError(f"{source}: cluster in tier {tier!r} needs 'code' and 'name', got {dict(c)}")
            rows.append({"system": system, "system_name": name, "region_code": region, "tier": tier,
                         "cluster_code": code, "name": str(c["name"]), "name_en": c.get("name_en"),
                         "source": c.get("source")})
            members += [{"system": system, "cluster_code": code, "kind": "industry", "value": v}
                        for v in split_list(c.get("industries"))]
            members += [{"system": system, "cluster_code": code, "kind": "tag", "value": v}
                        for v in split_list(c.get("tags"))]
    if not rows:
        raise InputError(f"{source}: the system {system!r} has no clusters")
    clusters = pd.DataFrame(rows, columns=CLUSTER_COLS)
    dup = clusters["cluster_code"][clusters["cluster_code"].duplicated()].tolist()
    if dup:
        raise InputError(f"{source}: cluster codes repeated: {dup[:5]}")
    mem = pd.DataFrame(members, columns=["system", "cluster_code", "kind", "value"]).drop_duplicates()
    return ClusterSystem(system, name, region, clusters, mem.reset_index(drop=True))


def system_from_frame(frame: pd.DataFrame, *, source: str = "cluster sheet") -> ClusterSystem:
    """Build a system from the one-row-per-cluster sheet layout."""
    f = frame.rename(columns={c: str(c).strip().lower() for c in frame.columns})
    need = {"system", "region_code", "tier", "cluster_code", "name"} - set(f.columns)
    if need:
        raise InputError(f"{source}: missing columns {sorted(need)}")
    systems = f["system"].dropna().astype(str).unique().tolist()
    if len(systems) != 1:
        raise InputError(f"{source}: one system per sheet, found {systems}")
    tiers: dict[str, list[dict[str, Any]]] = {}
    for r in f.to_dict("records"):
        tiers.setdefault(str(r["tier"]), []).append({
            "code": r["cluster_code"], "name": r["name"], "name_en": r.get("name_en"), "source": r.get("source"),
            "industries": r.get("industries"), "tags": r.get("tags"),
        })
    first = f.iloc[0]
    name = first.get("system_name") if "system_name" in f and pd.notna(first.get("system_name")) else systems[0]
    return system_from_dict({"system": systems[0], "name": name, "region_code": str(first["region_code"]),
                             "tiers": [{"tier": k, "clusters": v} for k, v in tiers.items()]}, source=source)


def read_system_file(path: str | Path) -> ClusterSystem:
    """Read a cluster system from ``.yaml`` / ``.json`` or a ``.csv`` / ``.xlsx`` sheet."""
    p = Path(path)
    if not p.exists():
        raise NotFoundError(f"no such file: {p}")
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return system_from_dict(read_mapping(p, expected="system, region_code and tiers"), source=p.name)
    if suffix in (".csv", ".xlsx", ".xls"):
        return system_from_frame(read_sheet(p), source=p.name)
    raise InputError(f"{p.name}: a cluster system file must be .yaml, .json, .csv or .xlsx")


def system_to_frame(system: ClusterSystem) -> pd.DataFrame:
    """One row per cluster with ``industries`` and ``tags`` joined by ``;`` (the sheet layout)."""
    m = system.members
    lists = m.groupby(["cluster_code", "kind"])["value"].agg(";".join).unstack("kind")
    out = system.clusters.copy()
    for kind, col in (("industry", "industries"), ("tag", "tags")):
        out[col] = out["cluster_code"].map(lists[kind]) if kind in lists else None
    return out


def system_to_dict(system: ClusterSystem) -> dict[str, Any]:
    """The YAML / JSON layout (inverse of :func:`system_from_dict`)."""
    f = system_to_frame(system)
    tiers: list[dict[str, Any]] = []
    for tier, g in f.groupby("tier", sort=False):
        clusters = []
        for r in g.to_dict("records"):
            c: dict[str, Any] = {"code": r["cluster_code"], "name": r["name"]}
            for k in ("name_en", "source"):
                if isinstance(r[k], str) and r[k]:
                    c[k] = r[k]
            for k in ("industries", "tags"):
                if split_list(r[k]):
                    c[k] = split_list(r[k])
            clusters.append(c)
        tiers.append({"tier": tier, "clusters": clusters})
    return {"system": system.system, "name": system.name, "region_code": system.region_code, "tiers": tiers}


def bundled_system(system: str) -> ClusterSystem:
    """One of :data:`BUNDLED_SYSTEMS`."""
    if system not in BUNDLED_SYSTEMS:
        raise NotFoundError(f"no bundled cluster system {system!r}; bundled: {', '.join(BUNDLED_SYSTEMS)}")
    path = Path(str(resources.files("xinzhi.clusters").joinpath("data", f"{system}.yaml")))
    return read_system_file(path)


def install_system(ws: Workspace, system: ClusterSystem, *, source: str | None = None) -> None:
    """Store ``system`` in the workspace, replacing an earlier version of the same system id."""
    src = source or f"cluster system {system.system}"
    for table, new in (("cluster", system.clusters), ("cluster_member", system.members)):
        old = ws.to_pandas(table)
        keep = old[old["system"] != system.system]
        frame = pd.concat([keep, new[old.columns.tolist()]], ignore_index=True) if len(keep) else new
        ws.write(table, frame, source=src, mode="replace")


def default_system(ws: Workspace, region: str) -> str | None:
    """The cluster system of ``region`` (code or name) or, failing that, of its nearest ancestor.

    Where several systems are defined for the same region, the first by id is used.
    """
    from xinzhi.regions import resolve_region

    clusters = ws.to_pandas("cluster")
    regions = ws.to_pandas("region")
    code: str | None = str(resolve_region(regions, region)["code"])
    parent = dict(zip(regions["code"], regions["parent_code"], strict=True))
    for _ in range(10):
        if not code:
            break
        systems = sorted(clusters.loc[clusters["region_code"] == code, "system"].unique())
        if systems:
            return str(systems[0])
        code = parent.get(code)
    return None


def load_system(ws: Workspace, system: str | None = None, *, region: str | None = None) -> ClusterSystem:
    """Read a system from the workspace: by id, else :func:`default_system` of ``region``."""
    clusters = ws.to_pandas("cluster")
    if system is None:
        system = default_system(ws, region) if region else None
        if system is None:
            known = sorted(clusters["system"].unique())
            raise NotFoundError(
                f"no cluster system defined for region {region} or above it; choose one with --system; "
                f"known systems: {', '.join(known) or 'none'} (install one with `xinzhi cluster-system install`)"
            )
    c = clusters[clusters["system"] == system].reset_index(drop=True)
    if c.empty:
        raise NotFoundError(f"no cluster system {system!r} in the workspace; known: {', '.join(sorted(clusters['system'].unique())) or 'none'}")
    m = ws.to_pandas("cluster_member")
    return ClusterSystem(system, str(c["system_name"].iloc[0] or system), str(c["region_code"].iloc[0]), c,
                         m[m["system"] == system].reset_index(drop=True))
