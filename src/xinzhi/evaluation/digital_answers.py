"""Questionnaire answers → item points, for digital-maturity rulebooks that list their items.

An answer row names a firm, an item and the answer: an option id for ``choice`` items, one row
per ticked option for ``multi`` items, a number for ``bands`` items. :func:`check_answers`
rejects what the rulebook cannot score, naming the row; :func:`score_answers` gives the points
that :func:`xinzhi.evaluation.digital.assess_digital` adds up by dimension.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd

from xinzhi.errors import InputError, Problem, ValidationError
from xinzhi.evaluation.digital_rulebook import DigitalRulebook, Item

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["ANSWER_COLUMNS", "check_answers", "name_gaps", "score_answers"]

ANSWER_COLUMNS = ("credit_code", "item", "answer")


def _items(rulebook: DigitalRulebook) -> dict[str, Item]:
    if not rulebook.items:
        raise InputError(f"rulebook {rulebook.id} lists no questionnaire items; give points per dimension instead")
    return {i.id: i for i in rulebook.items}


def check_answers(frame: pd.DataFrame, rulebook: DigitalRulebook, *, source: str = "answers") -> None:
    """Raise :class:`~xinzhi.errors.ValidationError` listing every answer the rulebook cannot score.

    Problems are located as ``source:row:column`` (row 2 is the first data row): an unknown item,
    a missing answer, an option the item does not have, a number outside the item's bands, or an
    item answered twice (a ``multi`` item may have several rows, one per option).
    """
    items = _items(rulebook)
    if missing := [c for c in ANSWER_COLUMNS if c not in frame.columns]:
        raise InputError(f"{source}: questionnaire answers lack column(s) {', '.join(missing)}")
    problems: list[Problem] = []
    frame = frame.reset_index(drop=True)  # positions are rows: row = position + 2
    keys = ["credit_code", "year"] if "year" in frame.columns else ["credit_code"]
    answer = frame["answer"].astype("string").str.strip()
    for pos, (item_id, text) in enumerate(zip(frame["item"], answer, strict=True)):
        row = pos + 2
        item = items.get(str(item_id))
        if item is None:
            problems.append(Problem(source, row, "item", "unknown item",
                                    f"unknown item {item_id!r}; the rulebook's items are {', '.join(items)}"))
        elif pd.isna(text) or text == "":
            problems.append(Problem(source, row, "answer", "missing answer", f"item {item.id}: no answer"))
        elif item.kind == "bands":
            problems += _band_problem(item, str(text), source, row)
        elif str(text) not in {o.id for o in item.options}:
            problems.append(Problem(source, row, "answer", "unknown option",
                                    f"item {item.id} has no option {text!r}; its options are "
                                    f"{', '.join(o.id for o in item.options)}"))
    kinds = frame["item"].astype("string").map({k: v.kind for k, v in items.items()})
    per_item = frame[[*keys, "item"]].assign(_multi=(kinds == "multi").fillna(False), _answer=answer)
    twice = per_item.duplicated([*keys, "item"], keep="first") & ~per_item["_multi"]
    twice |= per_item.duplicated([*keys, "item", "_answer"], keep="first") & per_item["_multi"]
    for i in twice.to_numpy().nonzero()[0]:
        problems.append(Problem(source, int(i) + 2, "item", "answered twice",
                                f"{frame['credit_code'].iloc[i]} answers item {frame['item'].iloc[i]} "
                                f"{'with this option ' if bool(per_item['_multi'].iloc[i]) else ''}more than once"))
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise ValidationError(problems)


def _band_problem(item: Item, text: str, source: str, row: int) -> list[Problem]:
    try:
        value = float(text)
    except ValueError:
        return [Problem(source, row, "answer", "not a number", f"item {item.id}: {text!r} is not a number")]
    top = item.bands[-1].upto
    if value != value or value < 0 or (top is not None and value > top):
        limit = f"0 to {top:g}" if top is not None else "0 or more"
        return [Problem(source, row, "answer", "out of range", f"item {item.id}: {text} is outside {limit}")]
    return []


def score_answers(answers: ir.Table, rulebook: DigitalRulebook) -> ir.Table:
    """Points per firm and item from checked answers (see :func:`check_answers`).

    ``choice``: the points of the option answered; ``multi``: the sum over the ticked options;
    ``bands``: the points of the first band whose ``upto`` the value does not exceed (a value on
    an edge falls in the lower band, as the questionnaire writes ``[0, 10], (10, 20], ...``).

    Parameters
    ----------
    answers : ibis.Table
        ``credit_code``, ``item`` and ``answer`` (text), one row per answer.
    rulebook : DigitalRulebook
        A rulebook that lists its ``items``.

    Returns
    -------
    ibis.Table
        ``credit_code``, ``dimension``, ``item``, ``points``: the input of
        :func:`~xinzhi.evaluation.digital.assess_digital`.

    References
    ----------
    .. [1] 工业和信息化部办公厅《中小企业数字化水平评测指标（2024年版）》(工信厅企业〔2024〕56号).

    Examples
    --------
    >>> from xinzhi.evaluation import load_rulebook
    >>> a = ibis.memtable({"credit_code": "X", "item": ["network", "network", "equipment_digital"],
    ...                    "answer": ["5g", "application", "20"]})
    >>> book = load_rulebook("digital-manufacturing-2024")
    >>> score_answers(a, book).order_by("item").to_pandas().points.tolist()  # 20 % is in (10, 20]; 2 + 2
    [1.5, 4.0]
    """
    items = _items(rulebook)
    answer = answers.answer.cast("string").strip()
    options = ibis.memtable(pd.DataFrame(
        [(i.id, o.id, float(o.points)) for i in items.values() if i.kind != "bands" for o in i.options],
        columns=["__item", "__option", "__points"]))
    chosen_src = answers.select(credit_code=answers.credit_code, item=answers.item, answer=answer)
    chosen = chosen_src.join(options, [chosen_src.item == options.__item, chosen_src.answer == options.__option])
    chosen = chosen.select("credit_code", "item", points=chosen.__points)
    banded_items = [i for i in items.values() if i.kind == "bands"]
    parts = [chosen]
    if banded_items:
        src = answers.filter(answers.item.isin([i.id for i in banded_items]))
        value = src.answer.cast("string").strip().cast("float64")
        branches: list[tuple[Any, Any]] = []
        for i in banded_items:
            for b in i.bands:
                cond = src.item == i.id if b.upto is None else (src.item == i.id) & (value <= b.upto)
                branches.append((cond, float(b.points)))
        parts.append(src.select("credit_code", "item", points=ibis.cases(*branches, else_=ibis.null("float64"))))
    scored = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    per_item = scored.group_by(["credit_code", "item"]).aggregate(points=scored.points.sum())
    dimension = per_item.item.cases(*[(i.id, i.dimension) for i in items.values()], else_=ibis.null("string"))
    return per_item.select("credit_code", dimension=dimension, item="item", points=per_item.points.cast("float64"))


def name_gaps(result: pd.DataFrame, item_points: pd.DataFrame, rulebook: DigitalRulebook,
              n: int = 3) -> pd.DataFrame:
    """Add ``to_improve``: the ``n`` items with the most points left to earn, most first.

    ``item_points`` is :func:`score_answers`' output; an item a firm did not answer has all its
    points left. Ties keep the questionnaire's order. Written ``网络建设 +4; 信息系统 +2.5``.
    """
    items = _items(rulebook)
    got = item_points.pivot_table(index="credit_code", columns="item", values="points", aggfunc="sum")
    got = got.reindex(index=result["credit_code"], columns=list(items)).fillna(0.0)
    left = pd.DataFrame({i: items[i].max_points - got[i] for i in items}, index=got.index)
    labels = [items[i].label for i in items]
    texts = []
    for _, row in left.iterrows():
        order = sorted(range(len(labels)), key=lambda k: -row.iloc[k])
        texts.append("; ".join(f"{labels[k]} +{row.iloc[k]:g}" for k in order[:n] if row.iloc[k] > 1e-9))
    out = result.copy()
    out["to_improve"] = texts
    return out
