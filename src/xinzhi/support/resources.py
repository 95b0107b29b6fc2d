"""Resources matched to a firm's stage (0→1, 1→10, 10→100), industry and place, with reasons.

A resource fits a firm when the firm's stage is one of the resource's stages, the firm's
industry starts with one of its industry prefixes (none: every industry), and the firm is
registered (or located in a park) in the resource's region or below. Closer resources rank
first (county, then city, then province), then those for the firm's industry, then funds whose
ticket range holds the firm's last equity round.
"""

from __future__ import annotations

import pandas as pd

from xinzhi.support.checks import split_list
from xinzhi.support.matching import region_prefix

__all__ = ["KIND_LABELS", "STAGE_LABELS", "match_resources"]

STAGE_LABELS = {"seed": ("0→1", "0→1"), "growth": ("1→10", "1→10"), "scale": ("10→100", "10→100")}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "incubator": ("孵化器", "Incubator"), "accelerator": ("加速器", "Accelerator"),
    "pilot_platform": ("中试平台", "Pilot platform"), "testing_platform": ("检验检测平台", "Testing platform"),
    "park": ("产业园区", "Industrial park"), "industrial_land": ("工业用地", "Industrial land"),
    "rd_land": ("研发用地", "R&D land"), "venture_fund": ("创业投资基金", "Venture fund"),
    "industrial_fund": ("产业投资基金", "Industrial fund"), "pe_fund": ("私募股权基金", "Private-equity fund"),
}
_FUNDS = ("venture_fund", "industrial_fund", "pe_fund")


def match_resources(firms: pd.DataFrame, resources: pd.DataFrame, region_names: dict[str, str] | None = None,
                    *, lang: str = "zh", top: int = 8) -> pd.DataFrame:
    """The ``top`` best resources of each firm, with the reason.

    ``firms`` has ``credit_code``, ``region_code``, ``park_code``, ``industry_code``, ``stage`` and,
    optionally, ``last_round`` (the latest equity financing, 万元). Returns ``credit_code``,
    ``resource_id``, ``name``, ``kind``, ``kind_label``, ``region_code``, ``ticket_min``,
    ``ticket_max``, ``ticket_fit``, ``closeness`` (prefix length: 6 county, 4 city, 2 province),
    ``choice`` and ``reason``.

    >>> firms = pd.DataFrame({"credit_code": ["A"], "region_code": ["510104"], "park_code": [None],
    ...                       "industry_code": ["3976"], "stage": ["growth"]})
    >>> res = pd.DataFrame({"resource_id": ["R1", "R2"], "name": ["天府孵化器", "四川产业基金"],
    ...                     "kind": ["incubator", "industrial_fund"], "region_code": ["510100", "510000"],
    ...                     "stages": ["seed", "growth;scale"], "industries": [None, "39"],
    ...                     "ticket_min": [None, 1000.0], "ticket_max": [None, 20000.0]})
    >>> match_resources(firms, res, {"510000": "四川省"})[["resource_id", "reason"]].values.tolist()
    [['R2', '阶段 1→10 ✓；行业 3976 属 39 ✓；地区 四川省 ✓；单笔 1000–20000 万元']]
    """
    cols = ["credit_code", "resource_id", "name", "kind", "kind_label", "region_code", "ticket_min", "ticket_max",
            "ticket_fit", "closeness", "choice", "reason"]
    if firms.empty or resources.empty:
        return pd.DataFrame(columns=cols)
    names = region_names or {}
    firm_rows = firms.to_dict("records")
    matched: list[dict[str, object]] = []
    for r in resources.itertuples(index=False):
        stages = set(split_list(r.stages))
        prefix = region_prefix(str(r.region_code))
        prefixes = split_list(r.industries)
        fund = r.kind in _FUNDS and pd.notna(r.ticket_min) and pd.notna(r.ticket_max)
        kind_label = KIND_LABELS.get(r.kind, (r.kind, r.kind))[0 if lang == "zh" else 1]
        place = names.get(str(r.region_code), str(r.region_code))
        for f in firm_rows:
            stage = f.get("stage")
            if not isinstance(stage, str) or stage not in stages:
                continue
            if not (_text(f.get("region_code")).startswith(prefix) or _text(f.get("park_code")).startswith(prefix)):
                continue
            if prefixes and not any(_text(f.get("industry_code")).startswith(x) for x in prefixes):
                continue
            last = f.get("last_round")
            fit: object = pd.NA  # unknown unless a fund's ticket range and the firm's last round are both known
            if fund and last is not None and not pd.isna(last):
                fit = bool(last >= r.ticket_min) and bool(last <= r.ticket_max)
            matched.append({
                "credit_code": f["credit_code"], "resource_id": r.resource_id, "name": r.name, "kind": r.kind,
                "kind_label": kind_label, "region_code": r.region_code, "ticket_min": r.ticket_min,
                "ticket_max": r.ticket_max, "ticket_fit": fit, "closeness": len(prefix), "specific": bool(prefixes),
                "reason": _reason(stage, f.get("industry_code"), prefixes, place, r, fit, lang)})
    # per firm: closest first (county, city, province), then industry-specific, then a fitting ticket
    matched.sort(key=lambda m: (m["credit_code"], -int(m["closeness"]), not m["specific"],  # type: ignore[call-overload]
                                0 if _true(m["ticket_fit"]) else 1, m["resource_id"]))
    kept: list[dict[str, object]] = []
    choice: dict[object, int] = {}
    for m in matched:
        n = choice[m["credit_code"]] = choice.get(m["credit_code"], 0) + 1
        if n <= top:
            kept.append({**m, "choice": n})
    return pd.DataFrame(kept, columns=cols)


def _text(v: object) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA else str(v)


def _true(v: object) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and pd.isna(v)) and bool(v)


def _reason(stage: str, industry: str, prefixes: list[str], place: str, r: object, fit: object, lang: str) -> str:
    zh = lang == "zh"
    st = STAGE_LABELS.get(stage, (stage, stage))[0]
    parts = [f"阶段 {st} ✓" if zh else f"stage {st} ✓"]
    if prefixes:
        p = next(x for x in prefixes if str(industry).startswith(x))
        parts.append(f"行业 {industry} 属 {p} ✓" if zh else f"industry {industry} in {p} ✓")
    else:
        parts.append("不限行业" if zh else "any industry")
    parts.append(f"地区 {place} ✓" if zh else f"region {place} ✓")
    lo, hi = getattr(r, "ticket_min", None), getattr(r, "ticket_max", None)
    if pd.notna(lo) and pd.notna(hi):
        text = f"单笔 {lo:g}–{hi:g} 万元" if zh else f"ticket {lo:g}–{hi:g} (10k yuan)"
        if _true(fit):
            text += "，与上轮融资规模相符" if zh else ", matching the last round"
        parts.append(text)
    return ("；" if zh else "; ").join(parts)
