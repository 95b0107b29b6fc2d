"""The three kinds of support rulebook, as validated models: a policy measure, the stage
classification (0→1, 1→10, 10→100) and the liquidity early warning.

Every formula is written in the rulebook formula language (:mod:`xinzhi.evaluation.formula`);
these models only describe how formulas are combined. Money is in 万元, ratios are fractions.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from xinzhi.evaluation.rulebook_common import Effective, Strict

__all__ = ["Benefit", "Clause", "Level", "Measure", "MeasureSource", "RegionScope", "Signal", "SignalBand",
           "Stage", "StageRule", "StageRulebook", "Value", "WarningRulebook"]

Unit = Literal["ratio", "money", "count", "people", "years", "number", "bool"]
_ID = r"^[a-z][a-z0-9_]*$"


class MeasureSource(Strict):
    """The document a measure encodes, and how its text was checked.

    ``confidence`` is ``official`` when the text was read on a government site (or an official
    repost), ``secondary`` when only reposts and compilations were read.
    """

    document: str = Field(min_length=1)
    number: str = Field(min_length=1)
    articles: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    url: str | None = None
    published: dt.date | None = None
    confidence: Literal["official", "secondary"]
    checked: str = Field(min_length=1)


class Related(Strict):
    """Another document the measure relies on (a negative list, a definition, a yearly notice)."""

    document: str
    number: str | None = None
    articles: str | None = None
    url: str | None = None


class RegionScope(Strict):
    """Where a measure applies: region codes (GB/T 2260) and everything below them; none = national."""

    name: str
    name_en: str
    codes: list[str] = Field(default_factory=list)


class Value(Strict):
    """A named intermediate formula; later formulas of the measure may read it by ``id``."""

    id: str = Field(pattern=_ID)
    formula: str


class Clause(Strict):
    """One condition of a measure (an eligibility condition, a direct route or a negative-list entry).

    ``when`` is a formula that must hold. A failed eligibility condition can make a *near miss*:
    automatically when ``when`` is one comparison (``x >= c``, ``x <= y`` ...) and the firm is
    within the measure's ``near_miss.within`` of the bound (relative); always when
    ``attainable`` (a step the firm can take, such as switching to 查账征收); and, when
    ``near_when`` is given, exactly when that formula holds (a firm that passed the screening for
    a title it does not hold yet). ``near: false`` turns the automatic near miss off (a bound
    that cannot be approached, such as ``rd_spending > 0``). ``unit`` says how the compared
    values are shown.
    """

    id: str = Field(pattern=_ID)
    label: str
    label_en: str
    when: str
    unit: Unit = "number"
    near: bool = True
    attainable: bool = False
    near_when: str | None = None
    basis: str | None = None


class Benefit(Strict):
    """What a firm gets, in 万元: ``amount`` (a formula), or ``base`` × ``rate``; at most ``cap``.

    A negative amount counts as 0 and a missing input leaves the amount unknown (never 0 by
    default). Benefits of the same ``group`` do not add up (a firm chooses one of them, e.g. the
    high-tech 15 % rate or the small-profit rate); a firm's total takes the largest of a group.
    A ``qualification`` or ``loan`` benefit may have no amount at all.
    """

    kind: Literal["tax_saving", "tax_credit", "subsidy", "award", "insurance", "loan", "qualification"]
    label: str
    label_en: str
    amount: str | None = None
    base: str | None = None
    rate: float | str | None = None
    cap: float | None = Field(default=None, ge=0)
    group: str | None = None
    note: str | None = None
    note_en: str | None = None

    @model_validator(mode="after")
    def _one_formula(self) -> Benefit:
        if self.amount is not None and (self.base is not None or self.rate is not None):
            raise ValueError("give either amount or base (with rate), not both")
        if self.rate is not None and self.base is None:
            raise ValueError("rate needs a base")
        if self.amount is None and self.base is None and self.kind not in ("qualification", "loan"):
            raise ValueError(f"a {self.kind} benefit needs an amount or a base")
        return self

    def formula(self) -> str | None:
        """The amount as one formula text (before the cap and the floor at 0), or ``None``."""
        if self.amount is not None:
            return self.amount
        if self.base is None:
            return None
        if self.rate is None:
            return self.base
        return f"({self.base}) * ({self.rate})"


class NearMiss(Strict):
    """How close a failed numeric condition must be to count as a near miss (relative to the bound)."""

    within: float = Field(default=0.2, gt=0, le=1)


class Measure(Strict):
    """A support measure (政策措施): who qualifies, who is excluded, what they get and what to file.

    status = excluded if any negative-list entry holds; else eligible if any direct route holds or
    every eligibility condition holds; else ``to_confirm`` when no condition fails but some input is
    missing; else ``near`` when exactly one condition fails and it is close or attainable.
    """

    kind: Literal["measure"]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str
    title: str
    title_en: str
    category: Literal["tax", "subsidy", "award", "finance", "qualification"]
    source: MeasureSource
    related: list[Related] = Field(default_factory=list)
    valid: Effective
    region: RegionScope
    inputs: list[str] = Field(default_factory=list)
    values: list[Value] = Field(default_factory=list)
    eligibility: list[Clause] = Field(min_length=1)
    direct: list[Clause] = Field(default_factory=list)
    negative: list[Clause] = Field(default_factory=list)
    benefit: Benefit
    near_miss: NearMiss = Field(default_factory=NearMiss)
    documents: list[str] = Field(default_factory=list)
    documents_en: list[str] = Field(default_factory=list)
    assumptions: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> Measure:
        ids = [c.id for c in (*self.eligibility, *self.direct, *self.negative)] + [v.id for v in self.values]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"ids must be unique within a measure: {', '.join(twice)}")
        if self.documents_en and len(self.documents_en) != len(self.documents):
            raise ValueError("documents_en must translate documents one for one")
        return self

    def clause(self, clause_id: str) -> Clause | None:
        """The condition, route or negative-list entry with this id."""
        return next((c for c in (*self.eligibility, *self.direct, *self.negative) if c.id == clause_id), None)


# ------------------------------------------------------------------ stage classification
class StageRule(Strict):
    """One way into a stage: a formula and its reason."""

    id: str = Field(pattern=_ID)
    label: str
    label_en: str
    when: str


class Stage(Strict):
    """A growth stage; a firm is in the first stage (from the top) one of whose rules holds."""

    id: Literal["seed", "growth", "scale"]
    label: str
    name: str
    name_en: str
    rules: list[StageRule] = Field(default_factory=list)


class StageRulebook(Strict):
    """Stages tried from the top (10→100 first); the last stage has no rules and takes the rest."""

    kind: Literal["stage"]
    id: str
    version: str
    title: str
    title_en: str
    source: str
    assumptions: list[str] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=2)

    @model_validator(mode="after")
    def _order(self) -> StageRulebook:
        if self.stages[-1].rules:
            raise ValueError("the last stage takes every firm the others do not: give it no rules")
        if any(not s.rules for s in self.stages[:-1]):
            raise ValueError("every stage but the last needs at least one rule")
        ids = [s.id for s in self.stages]
        if len(set(ids)) != len(ids):
            raise ValueError("stage ids must be unique")
        return self


# ------------------------------------------------------------------ early warning
class SignalBand(Strict):
    """Points when the signal's value is at most (or at least) a threshold; bands are tried from the top."""

    points: float = Field(gt=0)
    at_most: float | None = None
    at_least: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> SignalBand:
        if (self.at_most is None) == (self.at_least is None):
            raise ValueError("a band has exactly one of at_most, at_least")
        return self


class Signal(Strict):
    """A warning signal: a value (a fall, a rise) and the points its bands give; a missing value gives 0.

    ``unit`` says how the value is shown: ``change`` a relative change (−40.0 %), ``pp`` a change
    of a ratio in percentage points, ``ratio`` a share (72.0 %), ``number`` as is.
    """

    id: str = Field(pattern=_ID)
    label: str
    label_en: str
    value: str
    unit: Literal["change", "pp", "ratio", "number"] = "change"
    bands: list[SignalBand] = Field(min_length=1)


class Level(Strict):
    """A warning level reached at ``min_score`` points or more."""

    id: Literal["red", "orange", "yellow"]
    label: str
    label_en: str
    min_score: float = Field(gt=0)


class WarningRulebook(Strict):
    """score = Σ signal points; the level is the highest whose ``min_score`` the score reaches."""

    kind: Literal["warning"]
    id: str
    version: str
    title: str
    title_en: str
    source: str
    assumptions: list[str] = Field(min_length=1)
    signals: list[Signal] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    difficulty_level: Literal["red", "orange", "yellow"] = "orange"

    @model_validator(mode="after")
    def _levels(self) -> WarningRulebook:
        mins = [lv.min_score for lv in self.levels]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("levels are listed from the highest min_score down")
        if self.difficulty_level not in {lv.id for lv in self.levels}:
            raise ValueError(f"difficulty_level {self.difficulty_level!r} is not one of the levels")
        return self

    def difficulty_score(self) -> float:
        """The score from which a firm counts as in difficulty (the ``difficulty_level``'s minimum)."""
        return next(lv.min_score for lv in self.levels if lv.id == self.difficulty_level)
