"""The digital-maturity rulebook: questionnaire dimensions, their maxima and the level thresholds;
optionally the questionnaire items themselves, each with the points of its answers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from xinzhi.evaluation.rulebook_common import Effective, Source, Strict

__all__ = ["BELOW_FIRST_LEVEL", "Band", "DigitalRulebook", "Dimension", "Item", "Level", "Option"]

#: the level of a total below the first level, unless a rulebook names it otherwise
BELOW_FIRST_LEVEL = "未达一级"


class Dimension(Strict):
    """A questionnaire dimension (数字化基础 ...) and its maximum points."""

    id: str
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    max_points: float = Field(gt=0)


class Option(Strict):
    """An answer option of a ``choice`` or ``multi`` item and the points it earns."""

    id: str = Field(min_length=1)
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    points: float = Field(ge=0)


class Band(Strict):
    """A numeric answer up to ``upto`` (inclusive) earns ``points``; bands are listed rising.

    The questionnaire writes its bands as ``[0, 10], (10, 20], ...``: a value on an edge falls in
    the lower band. The last band may leave ``upto`` out (no upper end).
    """

    upto: float | None = None
    points: float = Field(ge=0)


class Item(Strict):
    """A questionnaire item of a dimension.

    ``choice``: one option is answered; ``multi``: each ticked option adds its points (one answer
    row per option); ``bands``: the answer is a number, scored by the band it falls in
    (``whole``: a count, so only whole numbers are accepted).
    """

    id: str = Field(min_length=1)
    label: str
    label_en: str | None = Field(default=None, description="the label on English pages and in English files")
    dimension: str
    group: str | None = None
    group_en: str | None = Field(default=None, description="the group's name in English")
    kind: Literal["choice", "multi", "bands"]
    unit: str | None = None
    unit_en: str | None = Field(default=None, description="the unit in English, where it is a word (项: measures)")
    options: list[Option] = Field(default_factory=list)
    bands: list[Band] = Field(default_factory=list)
    whole: bool = False

    @model_validator(mode="after")
    def _answers(self) -> Item:
        if self.kind == "bands":
            if not self.bands or self.options:
                raise ValueError(f"item {self.id}: a bands item lists bands and no options")
            if self.bands[0].upto is not None and self.bands[0].upto < 0:
                raise ValueError(f"item {self.id}: answers are non-negative, so band edges (upto) must be too")
            edges = [b.upto for b in self.bands]
            if any(e is None for e in edges[:-1]):
                raise ValueError(f"item {self.id}: only the last band may leave upto out")
            known = [e for e in edges if e is not None]
            if known != sorted(known) or len(set(known)) != len(known):
                raise ValueError(f"item {self.id}: band edges (upto) must rise")
        else:
            if self.whole:
                raise ValueError(f"item {self.id}: only a bands item takes whole numbers")
            if not self.options or self.bands:
                raise ValueError(f"item {self.id}: a {self.kind} item lists options and no bands")
            if len({o.id for o in self.options}) != len(self.options):
                raise ValueError(f"item {self.id}: option ids must be unique")
        return self

    @property
    def max_points(self) -> float:
        """The most the item can earn: the sum of its options (``multi``) or its best answer."""
        if self.kind == "multi":
            return sum(o.points for o in self.options)
        return max(o.points for o in self.options) if self.options else max(b.points for b in self.bands)


class Level(Strict):
    """A level reached at ``min_score`` points or more (a boundary value takes the higher level)."""

    level: str
    level_en: str | None = Field(default=None, description="the level's name in English (Level 1)")
    min_score: float


class DigitalRulebook(Strict):
    """Total = Σ dimension points; the level is the highest whose ``min_score`` the total reaches."""

    kind: Literal["digital"]
    id: str
    version: str
    title: str
    title_en: str | None = Field(default=None, description="the title on English pages and in English files")
    effective: Effective
    source: Source
    assumptions: list[str] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    below_first_level: str = BELOW_FIRST_LEVEL
    below_first_level_en: str | None = Field(
        default=None, description="its English; for the default 未达一级, Below level 1 unless given")
    weakest: int = Field(default=2, ge=1)
    scale: Literal["points"] = "points"
    items: list[Item] = Field(default_factory=list)

    @model_validator(mode="after")
    def _levels(self) -> DigitalRulebook:
        mins = [lv.min_score for lv in self.levels]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            raise ValueError("levels must be listed from lowest to highest, with rising min_score")
        if len({d.id for d in self.dimensions}) != len(self.dimensions):
            raise ValueError("dimension ids must be unique")
        if len({i.id for i in self.items}) != len(self.items):
            raise ValueError("item ids must be unique")
        if unknown := sorted({i.dimension for i in self.items} - {d.id for d in self.dimensions}):
            raise ValueError(f"items name unknown dimension(s) {', '.join(unknown)}")
        for dim in self.dimensions if self.items else []:
            mine = [i for i in self.items if i.dimension == dim.id]
            total = sum(i.max_points for i in mine)
            if abs(total - dim.max_points) > 1e-9:
                raise ValueError(f"the items of dimension {dim.id} add up to {total:g} points, not its "
                                 f"max_points {dim.max_points:g}")
        return self

    def level_in(self, level: Any, lang: str) -> str:
        """A stored level (``三级``, ``未达一级``) in ``lang``: its ``level_en`` in English where the
        rulebook gives it; a level the rulebook does not list is returned as stored."""
        if lang != "en" or not isinstance(level, str):
            return "" if level is None else str(level)
        if level == self.below_first_level:
            default = "Below level 1" if self.below_first_level == BELOW_FIRST_LEVEL else None
            return self.below_first_level_en or default or level
        return next((lv.level_en or lv.level for lv in self.levels if lv.level == level), level)

    def item(self, item_id: str) -> Item | None:
        """The item with this id, if the rulebook lists it."""
        return next((i for i in self.items if i.id == item_id), None)
