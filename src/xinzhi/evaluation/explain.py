"""Why a result is what it is: points per indicator, failed conditions, the smallest change that passes."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from xinzhi.evaluation.digital_rulebook import DigitalRulebook
from xinzhi.evaluation.gradient_rulebook import GradientIndicator, GradientRulebook
from xinzhi.evaluation.permu_rulebook import PermuRulebook
from xinzhi.evaluation.rulebook_common import label_in, text_in

__all__ = ["digital_texts", "explain_digital", "explain_gradient", "explain_saved", "improvements"]


def _fmt(ind: GradientIndicator, v: Any, lang: str = "zh") -> str:
    """An indicator value as the explanation writes it: a ratio in %, money in 万元 (in English
    in yuan, from a million up in million yuan), years."""
    en = lang == "en"
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "missing" if en else "缺失"
    if ind.unit == "ratio":
        return f"{float(v) * 100:.4g} %"
    if ind.unit == "money":
        if en:
            yuan = float(v) * 1e4
            return f"{yuan / 1e6:,.4g} million yuan" if abs(yuan) >= 1e6 else f"{yuan:,.0f} yuan"
        return f"{float(v):,.6g} 万元"
    if ind.unit == "years":
        return (f"{float(v):g} year" + ("" if float(v) == 1 else "s")) if en else f"{float(v):g} 年"
    return f"{v:g}" if isinstance(v, float) else str(v)


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def improvements(row: Mapping[str, Any], rulebook: GradientRulebook,
                 lang: str = "zh") -> list[tuple[float, float, str, str]]:
    """Single-indicator changes that reach a better band: ``(gain, relative change, group, text)``.

    Only numeric threshold bands (``at_least`` / ``at_most``) are considered; the target is the
    boundary of the next better band (a boundary value takes the higher band). ``text`` names the
    indicator in ``lang`` (its ``label_en`` in English).
    """
    out = []
    for ind in rulebook.indicators:
        v = row.get(f"v_{ind.id}")
        pts = float(row.get(f"p_{ind.id}") or 0.0)
        if _missing(v) or ind.unit == "category":
            continue
        better = [b for b in ind.bands if b.points > pts and (b.at_least is not None or b.at_most is not None)]
        if not better:
            continue
        # the nearest better band: the one with the smallest needed change
        def distance(b: Any, v: float = float(v)) -> float:  # type: ignore[arg-type]
            target = b.at_least if b.at_least is not None else b.at_most
            return abs(target - v) / max(abs(target), 1e-12)  # type: ignore[no-any-return]
        for b in sorted(better, key=distance)[:1]:
            target = b.at_least if b.at_least is not None else b.at_most
            assert target is not None
            gain = b.points - pts
            change = f"{label_in(ind, lang)} {_fmt(ind, float(v), lang)} → {_fmt(ind, float(target), lang)}"  # type: ignore[arg-type]
            text = (f"{change} adds {gain:g} point{_plural(gain)}" if lang == "en"
                    else f"{change}，加 {gain:g} 分")
            out.append((gain, distance(b), ind.group, text))
    return out


#: the words of a gradient explanation, Chinese and English
_GRADIENT_WORDS: dict[str, tuple[str, str]] = {
    "ineligible": ("不符合申报条件", "not eligible"),
    "passed": ("通过", "passed"),
    "failed": ("未通过", "not passed"),
    "score": (", 得分 {score:g}", ", score {score:g}"),
    "points": ("{label}: {value} → {points:g}/{max:g} 分", "{label}: {value} → {points:g}/{max:g} points"),
    "unmet": ("未满足条件: {label}", "Condition not met: {label}"),
    "direct": ("直通条件: {labels}", "Direct route met: {labels}"),
    "total_short": ("总分差 {d:g} 分 (需 ≥ {need:g})", "Total score {d:g} point{s} short (needs ≥ {need:g})"),
    "group_short": ("{label}差 {d:g} 分 (需 ≥ {need:g})", "{label} {d:g} point{s} short (needs ≥ {need:g})"),
    "best": ("最小改进: {text}", "Smallest change that closes the gap: {text}"),
    "combine": ("单项不足以弥补，可组合: {texts}", "No single change closes the gap; combine: {texts}"),
}


def _plural(n: float) -> str:
    """The English plural ending of a count of points: 1 point, 2 points."""
    return "" if abs(n - 1) < 1e-9 else "s"


def _say(key: str, lang: str, **values: Any) -> str:
    zh, en = _GRADIENT_WORDS[key]
    return (en if lang == "en" else zh).format(**values)


def explain_gradient(row: Mapping[str, Any], rulebook: GradientRulebook, lang: str = "zh") -> list[str]:
    """Lines explaining one enterprise's result under a gradient rulebook.

    Lists the points of each indicator, every required condition that failed, and — when the
    score route fails — the smallest single change that would pass (the band move with the
    least relative change whose gain covers the shortfall), else the largest available gains.
    With ``lang="en"`` the lines are English: the rulebook's ``title_en`` and ``label_en`` (its
    Chinese where it gives none) and the stored ``eligibility_en``.
    """
    en = lang == "en"
    title = text_in(rulebook, lang, "title")
    lines = []
    if row.get("eligible") is not None and not _missing(row.get("eligible")) and not bool(row.get("eligible")):
        # eligibility before scoring: an ineligible firm is not scored, so there is nothing to improve
        why = row.get("eligibility_en" if en else "eligibility")
        if not isinstance(why, str) and rulebook.eligibility.sme:
            from xinzhi.evaluation.loader import load_rulebook
            from xinzhi.evaluation.size import sme_eligibility

            size_book = load_rulebook(rulebook.eligibility.sme)
            _, zh, english = sme_eligibility(row, size_book)  # type: ignore[arg-type]
            why = english if en else zh
        if en and isinstance(why, str):  # a line of its own: each sentence starts with a capital
            why = re.sub(r"(^|\. )([a-z])", lambda m: m.group(1) + m.group(2).upper(), why)
        lines.append(f"{title}: {_say('ineligible', lang)}")
        lines += [f"  {why}"] if isinstance(why, str) else []
        return lines
    verdict = _say("passed" if bool(row.get("passed")) else "failed", lang)
    lines.append(f"{title}: {verdict}" + (_say("score", lang, score=float(row["score"])) if rulebook.indicators else ""))
    for ind in rulebook.indicators:
        lines.append("  " + _say("points", lang, label=label_in(ind, lang), value=_fmt(ind, row.get(f"v_{ind.id}"), lang),
                                 points=float(row.get(f"p_{ind.id}") or 0), max=ind.max_points))
    for c in rulebook.conditions:
        if not bool(row.get(f"cond_{c.id}")):
            lines.append("  " + _say("unmet", lang, label=label_in(c, lang)))
    met = [label_in(c, lang) for c in rulebook.direct_pass if bool(row.get(f"direct_{c.id}"))]
    if met:
        lines.append("  " + _say("direct", lang, labels="; ".join(met)))
    if rulebook.pass_score is not None and not bool(row.get("score_ok")) and not met:
        options = improvements(row, rulebook, lang)
        shortfalls: list[tuple[str | None, float, str]] = []
        deficit = rulebook.pass_score - float(row["score"])
        if deficit > 1e-9:
            shortfalls.append((None, deficit, _say("total_short", lang, d=deficit, need=rulebook.pass_score, s=_plural(deficit))))
        for g in rulebook.groups:
            if g.min_points is not None and float(row.get(f"g_{g.id}") or 0) < g.min_points - 1e-9:
                d = g.min_points - float(row.get(f"g_{g.id}") or 0)
                shortfalls.append((g.id, d, _say("group_short", lang, label=label_in(g, lang), d=d, need=g.min_points, s=_plural(d))))
        for group, d, text in shortfalls:
            lines.append(f"  {text}")
            fits = [o for o in options if o[0] >= d - 1e-9 and (group is None or o[2] == group)]
            if fits:
                best = min(fits, key=lambda o: o[1])
                lines.append("    " + _say("best", lang, text=best[3]))
            else:
                pool = sorted((o for o in options if group is None or o[2] == group), key=lambda o: -o[0])[:3]
                if pool:
                    lines.append("    " + _say("combine", lang, texts="; ".join(o[3] for o in pool)))
    return lines


def digital_texts(row: Mapping[str, Any], book: DigitalRulebook, lang: str = "zh") -> tuple[str, str, str]:
    """The level, weakest dimensions and items to improve of a stored digital-maturity result, in
    ``lang``.

    Chinese: as stored. English: the stored texts are made of the rulebook's labels (``三级``,
    ``数字化基础、数字化管理``, ``网络建设 +4; 信息系统 +2.5``), so each label is replaced by its
    ``label_en`` / ``level_en``; a label the rulebook no longer lists stays as stored.
    """
    level, weakest, gaps = (row.get(k) for k in ("level", "weakest", "to_improve"))
    texts = [v if isinstance(v, str) else "" for v in (level, weakest, gaps)]
    if lang != "en":
        return texts[0], texts[1], texts[2]
    dims = {d.label: label_in(d, lang) for d in book.dimensions}
    items = {i.label: label_in(i, lang) for i in book.items}

    def gap(part: str) -> str:
        name, sep, points = part.rpartition(" +")
        return f"{items.get(name, name)}{sep}{points}" if sep else items.get(part, part)

    weakest_en = ", ".join(dims.get(x, x) for x in texts[1].split("、")) if texts[1] else ""
    gaps_en = "; ".join(gap(x) for x in texts[2].split("; ")) if texts[2] else ""
    return book.level_in(level, lang) if texts[0] else "", weakest_en, gaps_en


def explain_digital(row: dict[str, Any], book: DigitalRulebook, *, run_id: str, lang: str = "zh") -> list[str]:
    """A digital-maturity result in words: total and level, points per dimension, what to improve
    (in English with ``lang="en"``, from the rulebook's English labels)."""
    level, weakest, gaps = digital_texts(row, book, lang)
    if lang != "en":
        lines = [f"{book.title} (run {run_id}): {row['credit_code']}",
                 f"  总分 {row['total']:g}, 等级 {row['level']}"]
        lines += [f"  {d.label}: {row[f'd_{d.id}']:g} / {d.max_points:g} 分" for d in book.dimensions]
        if row.get("weakest"):
            lines.append(f"  最弱维度: {row['weakest']}")
        if row.get("to_improve"):
            lines.append(f"  提分空间最大的题目: {row['to_improve']}")
        return lines
    lines = [f"{text_in(book, lang, 'title')} (run {run_id}): {row['credit_code']}",
             f"  Total {row['total']:g}, {level}"]
    lines += [f"  {label_in(d, lang)}: {row[f'd_{d.id}']:g} / {d.max_points:g} points" for d in book.dimensions]
    if weakest:
        lines.append(f"  Weakest dimensions: {weakest}")
    if gaps:
        lines.append(f"  Items with the most points to gain: {gaps}")
    return lines


#: ``status`` of a 亩均 result in words.
PERMU_STATUS = {"evaluated": "参评", "fixed": "不参与评价", "incomplete": "数据不全，不参评", "out_of_scope": "不在评价范围，不参评"}


def _explain_permu(row: Mapping[str, Any], book: PermuRulebook, *, run_id: str) -> list[str]:
    """A 亩均 result in words: class or why none, each item's points against its weight, flags,
    reasons, levers and what the rulebook says its source leaves out."""
    from xinzhi.evaluation.permu import render_reasons

    lines = [f"{book.title} (run {run_id}): {row['credit_code']}, {row.get('cohort_label')}"]
    cls, status = row.get("class"), row.get("status")
    head = f"  类别 {cls}" if isinstance(cls, str) else f"  {PERMU_STATUS.get(str(status), '不参评')}"
    if not _missing(row.get("score")):
        head += f", 得分 {row['score']:.4f}, 排名 {int(row['rank'])}/{int(row['group_size'])}"
    lines.append(head)
    cohort = next((c for c in book.cohorts if c.id == row.get("cohort")), None)
    for ind in cohort.indicators if cohort is not None else []:
        value: Any = row.get(f"v_{ind.id}")
        points: Any = row.get(f"s_{ind.id}")
        if _missing(points):
            continue
        shown = "缺失" if _missing(value) else f"{float(value):.6g}"
        text = f"  {ind.label}: {shown} → {float(points):.4f} 分（权重 {ind.weight:g}"
        if ind.weight > 0 and float(points) > book.flag_over_weight * ind.weight and ind.cap is None:
            text += f"，为权重的{float(points) / ind.weight:.1f}倍，未设上限"
        lines.append(text + "）")
    if not _missing(row.get("n_missing")) and int(row["n_missing"]) > 0:
        lines.append(f"  缺失指标 {int(row['n_missing'])} 项（按规则记0分、取均值或不参评，均不高于填报0的得分）")
    reasons: Any = row.get("reasons")
    if not isinstance(reasons, str) and not _missing(row.get("reason_flags")):
        reasons = render_reasons(int(row["reason_flags"]), book)
    if reasons:
        lines.append(f"  说明: {reasons}")
    if row.get("surcharge"):
        lines.append(f"  差别化收费 {row['surcharge']:.2f} 万元; {row.get('benefits', '')}")
    lines += [f"  规则说明：{note}" for note in book.notes]
    return lines


def explain_result(row: dict[str, Any], book: Any, *, run_id: str) -> list[str]:
    """One saved result row in words, by the kind of its rulebook (gradient, digital or 亩均);
    no lines for another kind."""
    if isinstance(book, GradientRulebook):
        lines = explain_gradient(row, book)
        if isinstance(row.get("eligibility_en"), str) and not bool(row.get("eligible", True)):
            lines.append(f"  {row['eligibility_en']}")
        return lines
    if isinstance(book, DigitalRulebook):
        return explain_digital(row, book, run_id=run_id)
    if isinstance(book, PermuRulebook):
        return _explain_permu(row, book, run_id=run_id)
    return []


def explain_saved(ws: Any, credit_code: str, *, run_id: str | None = None) -> list[str]:
    """Explain an enterprise from the latest saved evaluation and gradient runs of a workspace."""
    from xinzhi.errors import NotFoundError
    from xinzhi.evaluation.loader import load_rulebook

    lines: list[str] = []
    runs = ws.runs()
    if runs.empty:
        raise NotFoundError("no saved evaluation runs in this workspace; run `xinzhi evaluate permu` first")
    if run_id is not None:
        runs = runs[runs["id"] == run_id]
    for result_table in ("evaluation_result", "gradient_result", "digital_result"):
        sel = runs[runs["result_table"] == result_table]
        if sel.empty:
            continue
        run = sel.iloc[0]
        frame = ws.result(result_table, run["id"]).to_pandas()
        rows = frame[frame["credit_code"] == credit_code]
        if rows.empty:
            continue
        lines += explain_result(rows.iloc[0].to_dict(), load_rulebook(run["name"]), run_id=str(run["id"]))
    if not lines:
        raise NotFoundError(f"enterprise {credit_code} is not in the saved results")
    return lines
