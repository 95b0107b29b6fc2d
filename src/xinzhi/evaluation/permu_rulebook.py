"""The 亩均 (per-mu) evaluation rulebook: cohorts, indicators, classes, vetoes, levers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from xinzhi.evaluation.rulebook_common import Effective, Jurisdiction, Source, Strict, label_in

__all__ = [
    "Adjustment",
    "ClassRule",
    "Cohort",
    "ComputedBenchmark",
    "Indicator",
    "Lever",
    "PermuRulebook",
    "Policy",
    "Protection",
    "Veto",
    "label_in",
]


class ComputedBenchmark(Strict):
    """A benchmark computed from the data: ``times`` × a statistic of the cohort.

    ``statistic='mean'`` is the plain mean of the firms' indicator values; ``'aggregate'`` is
    Σ numerator / Σ denominator (the cohort's 亩均税收 as a county reports it), available when the
    formula is one division. ``period='previous_year'`` reads year − 1; ``within`` lists the
    columns that define the group (e.g. ``[region_code]`` for the county); ``over='pool'``
    takes every cohort ranked together with this one instead of the cohort alone.
    """

    statistic: Literal["mean", "aggregate"] = "mean"
    period: Literal["previous_year", "same_year"] = "previous_year"
    times: float = Field(default=1.0, gt=0)
    within: list[str] = Field(default_factory=list)
    over: Literal["cohort", "pool"] = "cohort"


class Indicator(Strict):
    """One scored item: ``points = value / benchmark × weight``, optionally capped.

    ``missing`` says what a missing value (an input not reported, or a zero denominator) means:

    * ``zero`` (the default): the item scores 0 points and the firm is flagged;
    * ``cohort_mean``: the item scores the cohort's mean points, where the source says so (黄岩:
      a firm with no emission data gets the 规上 average item score);
    * ``not_evaluated``: the firm is not scored, ranked or classed: 数据不全，不参评.

    Whatever the rule, a missing value never earns more than the firm would earn by reporting
    zero for the missing inputs (see :func:`xinzhi.evaluation.permu.evaluate_permu`).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    formula: str
    unit: str | None = None
    weight: float = Field(ge=0)
    benchmark: float | ComputedBenchmark
    cap: float | None = Field(default=None, gt=0, description="maximum points for the item")
    missing: Literal["zero", "cohort_mean", "not_evaluated"] = "zero"
    applies: str | None = Field(default=None, description="condition; elsewhere the item scores 0")

    @model_validator(mode="after")
    def _positive_benchmark(self) -> Indicator:
        if isinstance(self.benchmark, float | int) and self.benchmark <= 0:
            raise ValueError("a fixed benchmark must be > 0")
        return self


class Adjustment(Strict):
    """A bonus (points > 0) or penalty (points < 0) item added when ``when`` holds."""

    id: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    when: str
    points: float


class Cohort(Strict):
    """A group of firms evaluated with one set of indicators.

    Scope comes first: among the cohorts without a fixed class, the first whose ``when`` holds
    decides whether the firm is evaluated at all (a scored cohort) or not (``evaluate: false``,
    or no cohort: 不参评). Only a firm in a scored cohort can fall in a fixed-class cohort (T);
    there the first matching fixed-class cohort wins, wherever it is listed.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    when: str
    evaluate: bool = True
    fixed_class: str | None = Field(default=None, alias="class")
    pool: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    adjustments: list[Adjustment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> Cohort:
        if self.evaluate and self.fixed_class is None and not self.indicators:
            raise ValueError(f"cohort {self.id!r} is evaluated but has no indicators")
        if self.fixed_class is not None and self.indicators:
            raise ValueError(f"cohort {self.id!r} has a fixed class and indicators; keep one")
        return self

    @property
    def scored(self) -> bool:
        """Whether firms of this cohort get a score and a rank."""
        return self.evaluate and self.fixed_class is None


class Veto(Strict):
    """一票否决: when ``when`` holds the firm cannot be in any of ``bars``."""

    id: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    when: str
    bars: list[str] = Field(min_length=1)


class Protection(Strict):
    """When ``when`` holds the firm cannot be in any of ``protects_from`` (unless vetoed)."""

    id: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    when: str
    protects_from: list[str] = Field(min_length=1)
    yields_to_veto: bool = True


class ClassRule(Strict):
    """How scores become classes.

    ``rank_share``: within each group (year, cohort pool, ``within`` columns) firms are ranked by
    score (rank 1 = best; equal scores share the better rank); a firm of rank r among n is in
    the first class k with r ≤ cutoffs[k] × n ("前20%（含）"), else the last class. So with the
    default ``rounding='floor'`` the cumulative count of the top classes is the floor of their
    share (A ≤ 20 %, D ≥ 5 %), and equal scores share the better class; ``'round'`` and
    ``'ceil'`` round the cumulative count half up or up instead. Scores are compared at
    ``score_decimals`` decimals, so scores equal to that precision are ties.
    ``threshold``: score ≥ thresholds[k] gives class k (a boundary value takes the higher class).
    """

    method: Literal["rank_share", "threshold"]
    order: list[str] = Field(min_length=2)
    cutoffs: list[float] = Field(default_factory=list)
    thresholds: list[float] = Field(default_factory=list)
    within: list[str] = Field(default_factory=list)
    rounding: Literal["floor", "round", "ceil"] = "floor"
    score_decimals: int = Field(default=6, ge=0, le=9)

    @model_validator(mode="after")
    def _bounds(self) -> ClassRule:
        k = len(self.order) - 1
        if self.method == "rank_share":
            if len(self.cutoffs) != k:
                raise ValueError(f"rank_share needs {k} cumulative cutoffs for {len(self.order)} classes")
            if any(not 0 < c <= 1 for c in self.cutoffs) or self.cutoffs != sorted(self.cutoffs):
                raise ValueError("cutoffs must be cumulative shares, increasing, in (0, 1]")
        else:
            if len(self.thresholds) != k:
                raise ValueError(f"threshold needs {k} thresholds for {len(self.order)} classes")
            if self.thresholds != sorted(self.thresholds, reverse=True):
                raise ValueError("thresholds must decrease from the best class")
        if len(set(self.order)) != len(self.order):
            raise ValueError("class names must be unique")
        return self


class Lever(Strict):
    """One differentiated-policy lever; with ``rate`` and ``base`` it yields an amount in 万元.

    amount = rate × base; e.g. an electricity surcharge of 0.1 元/kWh on ``electricity`` in
    万千瓦时 is 0.1 × electricity 万元. A negative rate is a benefit (refund, relief).
    """

    lever: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    rate: float | None = None
    base: str | None = None
    unit: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _pair(self) -> Lever:
        if (self.rate is None) != (self.base is None):
            raise ValueError("give both rate and base, or neither")
        return self


class Policy(Strict):
    """The levers that apply to one class."""

    class_: str = Field(alias="class")
    levers: list[Lever] = Field(default_factory=list)


class PermuRulebook(Strict):
    """A complete 亩均 evaluation rulebook (one jurisdiction, one evaluation year or period)."""

    kind: Literal["permu"]
    id: str
    version: str
    title: str
    title_en: str | None = None
    jurisdiction: Jurisdiction
    evaluation_year: int | None = None
    effective: Effective
    source: Source
    assumptions: list[str] = Field(default_factory=list)
    inputs: list[str] = Field(default_factory=list)
    cohorts: list[Cohort] = Field(min_length=1)
    vetoes: list[Veto] = Field(default_factory=list)
    protections: list[Protection] = Field(default_factory=list)
    classes: ClassRule
    not_evaluated_class: str = "T"
    policies: list[Policy] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list,
        description="what the results must say about the source (e.g. that it defines no D criteria); "
                    "shown with every run",
    )
    flag_over_weight: float = Field(
        default=2.0, gt=1,
        description="an uncapped item scoring more than this multiple of its weight is flagged (over_weight)",
    )

    def indicators(self) -> dict[str, Indicator]:
        """Every indicator by id (first definition; formulas are checked equal on load)."""
        out: dict[str, Indicator] = {}
        for c in self.cohorts:
            for ind in c.indicators:
                out.setdefault(ind.id, ind)
        return out
