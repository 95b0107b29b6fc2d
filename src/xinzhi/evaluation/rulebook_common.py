"""Parts shared by every rulebook kind: source citation, effective dates, column vocabulary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BASE_COLUMNS", "NONNEGATIVE_COLUMNS", "Effective", "Jurisdiction", "Source", "Strict", "label_in", "text_in"]

#: Columns a formula may read without declaring them: ``enterprise_year`` joined with
#: ``enterprise`` (see ``xinzhi.schema.core``).
BASE_COLUMNS: frozenset[str] = frozenset(
    {
        "credit_code", "year", "land_mu", "land_leased", "tax", "value_added", "output", "revenue",
        "main_revenue", "energy_tce", "electricity", "emissions", "rd_spending", "rd_staff",
        "employees", "invention_patents", "ip_count", "total_assets", "debt_ratio", "net_profit",
        "equity_financing", "exports", "safety_incident", "region_code", "park_code",
        "industry_code", "size_class", "above_scale", "established_year", "tags",
    }
)


#: Columns of ``enterprise_year`` that are never negative (the schema rejects negative values);
#: kept here rather than read from :mod:`xinzhi.schema`, whose import is heavy, and checked
#: against it by the tests.
NONNEGATIVE_COLUMNS: frozenset[str] = frozenset(
    {
        "land_mu", "tax", "value_added", "revenue", "main_revenue", "energy_tce", "electricity", "emissions",
        "rd_spending", "rd_staff", "employees", "invention_patents", "ip_count", "total_assets", "debt_ratio",
        "equity_financing", "exports",
    }
)


def text_in(item: Any, lang: str, name: str = "label") -> str:
    """A rulebook text in ``lang``: in English the field ``<name>_en`` where the rulebook gives it,
    else the Chinese ``<name>`` (a user's own rulebook may have no English)."""
    return str((getattr(item, f"{name}_en", None) if lang == "en" else None) or getattr(item, name))


def label_in(item: Any, lang: str) -> str:
    """An item's label in ``lang``: ``label_en`` in English where the rulebook gives it, else the
    Chinese ``label``."""
    return text_in(item, lang, "label")


class Strict(BaseModel):
    """Base model: unknown keys are errors (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Source(Strict):
    """The published document a rulebook encodes."""

    document: str = Field(min_length=1)
    issuer: str | None = None
    url: str | None = None
    published: dt.date | None = None
    note: str | None = None


class Effective(Strict):
    """Dates between which the rules apply (``to`` inclusive; open-ended when missing)."""

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.from_ <= day and (self.to is None or day <= self.to)


class Jurisdiction(Strict):
    """Where the rules apply."""

    name: str
    region_code: str | None = None
