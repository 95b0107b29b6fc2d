"""One firm's side of matching (企业找政策): the measures it qualifies for, the total estimated
benefit, the near misses and the smallest change that would unlock the next measure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from xinzhi.support.reasons import reason, status_label
from xinzhi.support.rules import Measure

__all__ = ["FirmSupport", "firm_support", "total_benefit"]

_ORDER = {"eligible": 0, "to_confirm": 1, "near": 2, "not_eligible": 3, "no_data": 4, "excluded": 5,
          "out_of_scope": 6}


@dataclass
class FirmSupport:
    """``measures``: one row per measure (status, benefit, reason, ``gain``), eligible first;
    ``total``: the estimated benefit of the eligible measures (万元); ``next_unlock``: the near miss
    with the smallest gap (then the largest gain), a row of ``measures``, or ``None``."""

    measures: pd.DataFrame
    total: float
    next_unlock: pd.Series | None


def total_benefit(rows: pd.DataFrame, measures: Mapping[str, Measure]) -> float:
    r"""Estimated benefit of a firm's eligible rows, in 万元.

    .. math:: B = \sum_{g} \max_{m \in g} b_m + \sum_{m \notin \text{any group}} b_m

    Measures of one benefit ``group`` are alternatives (two reduced income-tax rates, such as the
    high-tech 15 % rate and the small-profit rate, are not combined: the firm takes the more
    favourable one — a stated assumption of the measures), so a group adds only its largest
    benefit; unknown amounts add nothing.
    """
    return _total(rows["measure"], rows["status"], rows["benefit"], measures)


def _total(ids: Iterable[str], statuses: Iterable[str], amounts: Iterable[float], measures: Mapping[str, Measure]) -> float:
    """:func:`total_benefit` of parallel columns (measure, status, benefit)."""
    total = 0.0
    grouped: dict[str, float] = {}
    for mid, status, amount in zip(ids, statuses, amounts, strict=True):
        if str(status) != "eligible" or pd.isna(amount):
            continue
        group = measures[mid].benefit.group
        if group is None:
            total += float(amount)
        else:
            grouped[group] = max(grouped.get(group, 0.0), float(amount))
    return total + sum(grouped.values())


def firm_support(rows: pd.DataFrame, measures: Mapping[str, Measure], lang: str = "zh") -> FirmSupport:
    """Summarise :func:`xinzhi.support.runs.firm_matches` rows of one firm.

    Adds ``title``, ``status_label``, ``reason``, ``benefit_kind`` and, for near misses, ``gain``:
    how much the total would grow if the measure were unlocked (a measure of a benefit group the
    firm already draws on adds only the difference). The benefit is kept for eligible, to-confirm
    and near rows only (what the firm gets, or would get). Sorts eligible measures first (largest
    benefit first), then to-confirm, near misses (smallest gap first) and the rest.
    """
    statuses = rows["status"].tolist()
    kept = rows["benefit"].where(rows["status"].isin(["eligible", "to_confirm", "near"]))
    ids, amounts = rows["measure"].tolist(), kept.tolist()
    base = _total(ids, statuses, amounts, measures)
    gain = [_total(ids, [*statuses[:i], "eligible", *statuses[i + 1:]], amounts, measures) - base
            if st == "near" and pd.notna(b) else float("nan")
            for i, (st, b) in enumerate(zip(statuses, amounts, strict=True))]
    order = [_ORDER.get(st, float("nan")) for st in statuses]
    neg = [-(g if pd.notna(g) else 0.0) if st == "near" else -(b if pd.notna(b) else 0.0)
           for st, b, g in zip(statuses, amounts, gain, strict=True)]
    out = rows.assign(  # one new frame (each column set in turn copied the frame again)
        benefit=kept, gain=gain,
        title=[measures[m].title if lang == "zh" else measures[m].title_en for m in ids],
        status_label=[status_label(s, lang) for s in statuses],
        reason=[reason(measures[r["measure"]], r, lang) for r in rows.to_dict("records")],
        benefit_kind=[measures[m].benefit.kind for m in ids],
        _order=order, _neg=neg)
    out = out.sort_values(["_order", "gap", "_neg"], na_position="last", kind="stable")
    out = out.drop(columns=["_order", "_neg"]).reset_index(drop=True)
    near = out[out["status"] == "near"]
    return FirmSupport(out, base, near.iloc[0] if len(near) else None)
