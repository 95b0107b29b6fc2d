"""The enterprise size rulebook (大中小微型企业划分): sectors by industry code, lower bounds per class."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from xinzhi.evaluation.rulebook_common import BASE_COLUMNS, Effective, Source, Strict

__all__ = ["SizeMeasure", "SizeRulebook", "SizeSector"]


class SizeMeasure(Strict):
    """One measure of size: an enterprise-year column with its labels and unit."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    column: str
    label: str
    label_en: str
    unit: Literal["people", "money"]


class SizeSector(Strict):
    """A sector of the size table: the GB/T 4754 codes it covers and its lower bounds.

    ``codes`` are code prefixes (2-digit divisions, or longer: ``7010`` 房地产开发经营); the
    longest matching prefix wins. ``bounds[measure]`` lists the lower bounds of every class but
    the last, best class first (e.g. 工业 从业人员 ``[1000, 300, 20]`` for large, medium, small).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str
    codes: list[str] = Field(min_length=1)
    bounds: dict[str, list[float]] = Field(min_length=1)


class SizeRulebook(Strict):
    """Size classes by sector: a firm is in the first class whose every lower bound it meets.

    "大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项
    即可": large, medium and small need every listed measure at or above the class's bound (else
    the firm drops a class); the last class (micro) needs only one measure below the bound of
    the class before it.
    """

    kind: Literal["size"]
    id: str
    version: str
    title: str
    effective: Effective
    source: Source
    assumptions: list[str] = Field(default_factory=list)
    classes: list[str] = Field(min_length=2)
    class_labels: dict[str, str] = Field(default_factory=dict)
    sme: list[str] = Field(min_length=1, description="the classes that are SMEs (中小企业)")
    measures: list[SizeMeasure] = Field(min_length=1)
    sectors: list[SizeSector] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> SizeRulebook:
        measures = {m.id for m in self.measures}
        if unknown := sorted({m.column for m in self.measures} - BASE_COLUMNS):
            raise ValueError(f"unknown column(s) {', '.join(unknown)}")
        if bad := sorted(set(self.sme) - set(self.classes)):
            raise ValueError(f"sme names unknown class(es) {', '.join(bad)}")
        seen: dict[str, str] = {}
        for s in self.sectors:
            for m, bounds in s.bounds.items():
                if m not in measures:
                    raise ValueError(f"sector {s.id!r}: unknown measure {m!r}")
                if len(bounds) != len(self.classes) - 1:
                    raise ValueError(f"sector {s.id!r}, {m}: give {len(self.classes) - 1} lower bounds, best class first")
                if bounds != sorted(bounds, reverse=True):
                    raise ValueError(f"sector {s.id!r}, {m}: lower bounds must fall from the best class")
            for code in s.codes:
                if not code.isdigit():
                    raise ValueError(f"sector {s.id!r}: code {code!r} is not a GB/T 4754 code prefix")
                if code in seen:
                    raise ValueError(f"code {code} is in sectors {seen[code]!r} and {s.id!r}")
                seen[code] = s.id
        return self

    def measure(self, measure_id: str) -> SizeMeasure:
        """The measure of that id."""
        return next(m for m in self.measures if m.id == measure_id)
