"""The gradient-cultivation rulebook (创新型, 专精特新, 小巨人, 单项冠军): banded points and conditions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from xinzhi.evaluation.rulebook_common import Effective, Source, Strict

__all__ = ["LAGGED_COLUMNS", "Band", "Condition", "Eligibility", "GradientIndicator", "GradientRulebook", "Group"]

#: enterprise_year columns also offered one and two years back as ``<name>_1`` / ``<name>_2``.
LAGGED_COLUMNS: tuple[str, ...] = (
    "tax", "value_added", "output", "revenue", "main_revenue", "rd_spending", "rd_staff",
    "employees", "invention_patents", "ip_count", "debt_ratio", "net_profit", "equity_financing",
)


class Band(Strict):
    """One band of an indicator table, tried from the top; the first that holds gives its points.

    ``at_least`` / ``at_most`` compare the indicator value inclusively (a boundary value takes the
    higher band); ``equals`` matches a category; ``when`` is a free condition; a band with none of
    them is the "otherwise" band.
    """

    points: float
    at_least: float | None = None
    at_most: float | None = None
    equals: str | None = None
    when: str | None = None
    label: str | None = None
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")

    @model_validator(mode="after")
    def _one_test(self) -> Band:
        if sum(x is not None for x in (self.at_least, self.at_most, self.equals, self.when)) > 1:
            raise ValueError("a band has at most one of at_least, at_most, equals, when")
        return self


class Group(Strict):
    """A class of indicators (创新能力, 成长性 ...) with an optional minimum to pass."""

    id: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    min_points: float | None = None


class GradientIndicator(Strict):
    """One row of a points table."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    group: str
    value: str
    unit: Literal["ratio", "money", "count", "years", "category", "points"] = "ratio"
    max_points: float = Field(gt=0)
    bands: list[Band] = Field(default_factory=list)

    @model_validator(mode="after")
    def _bands(self) -> GradientIndicator:
        if any(b.points > self.max_points for b in self.bands):
            raise ValueError(f"indicator {self.id!r}: a band gives more than max_points")
        return self


class Condition(Strict):
    """A named requirement; ``when`` is a formula that must hold."""

    id: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    when: str


class Eligibility(Strict):
    """Who may apply at all, tested before any scoring.

    ``sme`` names a size rulebook (``kind: size``, e.g. ``sme-size-2017``): only firms it makes
    SMEs (中小企业) may apply; a large firm, or one whose size the data leave open and which
    states none, is "not eligible: not an SME".
    """

    sme: str | None = None
    basis: str | None = Field(default=None, description="the clause of the source that limits the title to SMEs")


class GradientRulebook(Strict):
    """A programme's rules for one period: points table, pass score, required and direct conditions.

    passed = eligible and all(conditions) and (any(direct_pass) or (score ≥ pass_score and every
    group ≥ its minimum)); with no points table (``pass_score`` null) only the conditions count.
    An ineligible firm (``eligibility``) is not scored.
    """

    kind: Literal["gradient"]
    id: str
    program: str
    version: str
    title: str
    title_en: str | None = Field(default=None, description="the title on English pages and in English files")
    effective: Effective
    applications: dict[Literal["new", "recheck"], Effective]
    source: Source
    assumptions: list[str] = Field(default_factory=list)
    eligibility: Eligibility = Field(default_factory=Eligibility)
    inputs: list[str] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    indicators: list[GradientIndicator] = Field(default_factory=list)
    pass_score: float | None = None
    conditions: list[Condition] = Field(default_factory=list)
    direct_pass: list[Condition] = Field(default_factory=list)

    @model_validator(mode="after")
    def _links(self) -> GradientRulebook:
        groups = {g.id for g in self.groups}
        for ind in self.indicators:
            if ind.group not in groups:
                raise ValueError(f"indicator {ind.id!r} names unknown group {ind.group!r}")
        if self.pass_score is not None and not self.indicators:
            raise ValueError("pass_score needs indicators")
        return self

    def derived_names(self) -> set[str]:
        """Names formulas may use besides columns: lagged values, indicator values/points, ``score``
        and ``recheck`` (true when the run screens re-checks rather than new applications)."""
        out = {f"{c}_{k}" for c in LAGGED_COLUMNS for k in (1, 2)}
        out |= {f"v_{i.id}" for i in self.indicators} | {f"p_{i.id}" for i in self.indicators}
        out |= {f"g_{g.id}" for g in self.groups} | {"score", "recheck"}
        return out
