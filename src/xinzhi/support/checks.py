"""Cross-column rules of the support tables, run on import (see ``row_checks`` in
:mod:`xinzhi.schema.support`). Each returns ``(row position, column, kind, reason)`` per problem;
the import names the file and the spreadsheet row."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd

__all__ = ["LOAN_PURPOSES", "RESOURCE_KINDS", "SIZE_CLASSES", "STAGES", "questionnaire_items", "split_list"]

RowProblem = tuple[int, str, str, str]

#: stage ids of the stage rulebook: 0→1, 1→10, 10→100
STAGES = ("seed", "growth", "scale")
SIZE_CLASSES = ("large", "medium", "small", "micro")
RESOURCE_KINDS = ("incubator", "accelerator", "pilot_platform", "testing_platform", "park", "industrial_land",
                  "rd_land", "venture_fund", "industrial_fund", "pe_fund")
LOAN_PURPOSES = ("working_capital", "project")
_INDUSTRY_PREFIX = re.compile(r"^([A-T]|\d{2,4})$")
_SEPARATORS = re.compile(r"[;；,，、]")


def split_list(value: object) -> list[str]:
    """A ``;``-separated cell as a list of stripped, non-empty parts (also ``；``, ``,``, ``、``)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [p.strip() for p in _SEPARATORS.split(str(value)) if p.strip()]


@cache
def questionnaire_items() -> frozenset[str]:
    """Item ids of every shipped digital-maturity rulebook that lists its questionnaire items."""
    from xinzhi.evaluation.digital_rulebook import DigitalRulebook
    from xinzhi.evaluation.loader import list_rulebooks, load_rulebook

    out: set[str] = set()
    for rid in list_rulebooks("digital"):
        book = load_rulebook(rid)
        if isinstance(book, DigitalRulebook):
            out |= {i.id for i in book.items}
    return frozenset(out)


def _rows(mask: pd.Series) -> Iterable[int]:
    return (int(i) for i in mask[mask.fillna(False).astype(bool)].index)


def _range(frame: pd.DataFrame, low: str, high: str, what: str) -> list[RowProblem]:
    bad = frame[low].notna() & frame[high].notna() & (frame[low] > frame[high])
    return [(i, f"{low},{high}", "range", f"{what}: {frame.at[i, low]:g} is above {frame.at[i, high]:g}")
            for i in _rows(bad)]


def _choices(frame: pd.DataFrame, column: str, allowed: tuple[str, ...], *, many: bool) -> list[RowProblem]:
    out: list[RowProblem] = []
    for i, value in frame[column].items():
        parts = split_list(value) if many else ([str(value).strip()] if pd.notna(value) else [])
        bad = [p for p in parts if p not in allowed]
        if bad:
            out.append((int(i), column, "unknown value", f"unknown {', '.join(map(repr, bad))}; use {', '.join(allowed)}"))
    return out


def _industries(frame: pd.DataFrame, column: str = "industries") -> list[RowProblem]:
    out: list[RowProblem] = []
    for i, value in frame[column].items():
        bad = [p for p in split_list(value) if not _INDUSTRY_PREFIX.match(p)]
        if bad:
            out.append((int(i), column, "bad industry", f"{', '.join(map(repr, bad))} is not a GB/T 4754 code or "
                        "prefix (a section letter A-T or 2-4 digits)"))
    return out


def check_declarations(frame: pd.DataFrame) -> list[RowProblem]:
    """Declarations: the premium does not exceed the insured value."""
    bad = frame["first_set_premium"].notna() & frame["first_set_insured"].notna() & (
        frame["first_set_premium"] > frame["first_set_insured"])
    return [(i, "first_set_premium", "range", "the premium exceeds the insured value") for i in _rows(bad)]


def check_solutions(frame: pd.DataFrame) -> list[RowProblem]:
    """Solutions: the price range rises; every item is a questionnaire item; industries are codes."""
    out = _range(frame, "price_low", "price_high", "price band")
    known = questionnaire_items()
    for i, value in frame["items"].items():
        parts = split_list(value)
        bad = [p for p in parts if p not in known]
        if bad or not parts:
            out.append((int(i), "items", "unknown item",
                        f"unknown questionnaire item {', '.join(map(repr, bad))}" if bad else "no questionnaire item"))
    return out + _industries(frame)


def check_providers(frame: pd.DataFrame) -> list[RowProblem]:
    """Providers: a count of firms served is a whole number."""
    bad = frame["firms_served"].notna() & (frame["firms_served"] != frame["firms_served"].round())
    return [(i, "firms_served", "not a whole number", "firms served must be a whole number") for i in _rows(bad)]


def check_resources(frame: pd.DataFrame) -> list[RowProblem]:
    """Resources: a known kind and stages; a rising ticket range; industries are codes."""
    out = _choices(frame, "kind", RESOURCE_KINDS, many=False)
    out += _choices(frame, "stages", STAGES, many=True)
    out += _range(frame, "ticket_min", "ticket_max", "ticket range")
    return out + _industries(frame)


def check_loan_products(frame: pd.DataFrame) -> list[RowProblem]:
    """Loan products: a known purpose, size classes and stages; a rising amount range; industries
    are codes; each lends to firms in difficulty or to projects (else it would never be matched)."""
    out = _choices(frame, "purpose", LOAN_PURPOSES, many=False)
    out += _choices(frame, "size_classes", SIZE_CLASSES, many=True)
    out += _choices(frame, "stages", STAGES, many=True)
    out += _range(frame, "amount_min", "amount_max", "amount range")
    neither = ~(frame["for_difficulty"].fillna(False).astype(bool) | frame["for_projects"].fillna(False).astype(bool))
    out += [(i, "for_difficulty,for_projects", "no target",
             "the product lends neither to firms in difficulty nor to projects; set 纾困贷款 or 项目贷款 to 是")
            for i in _rows(neither)]
    return out + _industries(frame)
