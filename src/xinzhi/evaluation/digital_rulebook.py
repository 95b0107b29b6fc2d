"""The digital-maturity rulebook: questionnaire dimensions, their maxima and the level thresholds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from xinzhi.evaluation.rulebook_common import Effective, Source, Strict

__all__ = ["DigitalRulebook", "Dimension", "Level"]


class Dimension(Strict):
    """A questionnaire dimension (数字化基础 ...) and its maximum points."""

    id: str
    label: str
    max_points: float = Field(gt=0)


class Level(Strict):
    """A level reached at ``min_score`` points or more (a boundary value takes the higher level)."""

    level: str
    min_score: float


class DigitalRulebook(Strict):
    """Total = Σ dimension points; the level is the highest whose ``min_score`` the total reaches."""

    kind: Literal["digital"]
    id: str
    version: str
    title: str
    effective: Effective
    source: Source
    assumptions: list[str] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    below_first_level: str = "未达一级"
    weakest: int = Field(default=2, ge=1)
    scale: Literal["points"] = "points"

    @model_validator(mode="after")
    def _levels(self) -> DigitalRulebook:
        mins = [lv.min_score for lv in self.levels]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            raise ValueError("levels must be listed from lowest to highest, with rising min_score")
        if len({d.id for d in self.dimensions}) != len(self.dimensions):
            raise ValueError("dimension ids must be unique")
        return self
