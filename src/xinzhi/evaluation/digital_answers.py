"""Questionnaire answers → item points, for digital-maturity rulebooks that list their items.

An answer row names a firm, an item and the answer: an option id for ``choice`` items, the
ticked option ids separated by ``;`` for ``multi`` items (``none`` or ``无`` when nothing is
ticked), a number for ``bands`` items. :func:`prepare_answers` normalises the text and checks
every row, naming it; :func:`score_answers` gives the points that
:func:`xinzhi.evaluation.digital.assess_digital` adds up by dimension.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd

from xinzhi.errors import InputError, Problem, ValidationError
from xinzhi.evaluation.digital_rulebook import DigitalRulebook, Item

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["ANSWER_COLUMNS", "NOTHING_TICKED", "name_gaps", "prepare_answers", "score_answers"]

ANSWER_COLUMNS = ("credit_code", "item", "answer")
#: The answer of a ``multi`` item when no option is ticked.
NOTHING_TICKED = frozenset({"none", "无"})
_SEPARATORS = re.compile(r"[;；,，、]")
_NUMBER = re.compile(r"\d+(\.\d+)?")


def _items(rulebook: DigitalRulebook) -> dict[str, Item]:
    if not rulebook.items:
        raise InputError(f"rulebook {rulebook.id} lists no questionnaire items; give points per dimension instead")
    return {i.id: i for i in rulebook.items}


def _text(value: Any) -> str:
    """An answer as text: NFKC-normalised (full-width digits and spaces become ASCII) and stripped."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 45.0 read from a spreadsheet is the answer 45
    return unicodedata.normalize("NFKC", str(value)).strip()


def prepare_answers(frame: pd.DataFrame, rulebook: DigitalRulebook, *, source: str = "answers",
                    year: int | None = None) -> pd.DataFrame:
    """Check every answer and return one row per scored answer (``credit_code``, ``item``, ``answer``).

    With ``year``, rows of other years (in a ``year`` column) are skipped; row numbers stay those
    of ``frame``.

    Raises :class:`~xinzhi.errors.ValidationError` listing, each as ``source:row:column: reason``
    (row 2 is the first data row): a missing credit code or year, an unknown item, a missing
    answer, an option the item does not have (or a repeated one), a value that is not a plain
    non-negative number (or not a whole number where the item counts), a number outside the
    item's bands, and an item answered twice by a firm in a year. The answers are normalised
    (NFKC, stripped); a ``multi`` answer becomes one row per ticked option.
    """
    items = _items(rulebook)
    if missing := [c for c in ANSWER_COLUMNS if c not in frame.columns]:
        raise InputError(f"{source}: questionnaire answers lack column(s) {', '.join(missing)}")
    frame = frame.reset_index(drop=True)  # positions are rows: row = position + 2
    problems: list[Problem] = []
    codes = [_text(v) for v in frame["credit_code"]]
    years = [_text(v) for v in frame["year"]] if "year" in frame.columns else [""] * len(frame)
    out: list[tuple[str, str, str, str]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for pos, (code, year_text, item_id, raw) in enumerate(zip(codes, years, frame["item"], frame["answer"],
                                                                strict=True)):
        row = pos + 2

        def problem(column: str, kind: str, reason: str, row: int = row) -> None:
            problems.append(Problem(source, row, column, kind, reason))

        if not code:
            problem("credit_code", "missing credit code", "no credit code")
        if "year" in frame.columns and not _NUMBER.fullmatch(year_text):
            problem("year", "missing year" if not year_text else "not a year",
                    "no year" if not year_text else f"{year_text!r} is not a year")
            continue
        if year is not None and year_text and int(float(year_text)) != year:
            continue
        item = items.get(_text(item_id))
        if item is None:
            problem("item", "unknown item", f"unknown item {item_id!r}; the rulebook's items are {', '.join(items)}")
            continue
        key = (code, year_text, item.id)
        if key in seen:
            problem("item", "answered twice", f"{code} answers item {item.id} again (first on row {seen[key]})")
            continue
        seen[key] = row
        text = _text(raw)
        if not text:
            problem("answer", "missing answer", f"item {item.id}: no answer")
        elif item.kind == "bands":
            reason = _band_problem(item, text)
            if reason:
                problem("answer", reason[0], reason[1])
            else:
                out.append((code, year_text, item.id, text))
        else:
            chosen = [part.strip() for part in _SEPARATORS.split(text)] if item.kind == "multi" else [text]
            if item.kind == "multi" and text in NOTHING_TICKED:
                continue
            known = {o.id for o in item.options}
            bad = [c for c in chosen if c not in known]
            if bad:
                problem("answer", "unknown option", f"item {item.id} has no option {', '.join(map(repr, bad))}; "
                        f"its options are {', '.join(o.id for o in item.options)}")
            elif len(set(chosen)) != len(chosen):
                problem("answer", "repeated option", f"item {item.id}: an option is ticked twice in {text!r}")
            else:
                out += [(code, year_text, item.id, c) for c in chosen]
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise ValidationError(problems)
    prepared = pd.DataFrame(out, columns=["credit_code", "year", "item", "answer"])
    return prepared if "year" in frame.columns else prepared.drop(columns="year")


def _band_problem(item: Item, text: str) -> tuple[str, str] | None:
    if not _NUMBER.fullmatch(text):
        return "not a number", f"item {item.id}: {text!r} is not a non-negative number"
    if item.whole and not float(text).is_integer():
        return "not a whole number", f"item {item.id} counts; {text} is not a whole number"
    top = item.bands[-1].upto
    if top is not None and float(text) > top:
        return "out of range", f"item {item.id}: {text} is outside 0 to {top:g}"
    return None


def score_answers(answers: ir.Table, rulebook: DigitalRulebook) -> ir.Table:
    """Points per firm and item from prepared answers (see :func:`prepare_answers`).

    ``choice``: the points of the option answered; ``multi``: the sum over the ticked options;
    ``bands``: the points of the first band whose ``upto`` the value does not exceed (a value on
    an edge falls in the lower band, as the questionnaire writes ``[0, 10], (10, 20], ...``).

    Parameters
    ----------
    answers : ibis.Table
        ``credit_code``, ``item`` and ``answer`` (text), one row per answer (per ticked option).
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
