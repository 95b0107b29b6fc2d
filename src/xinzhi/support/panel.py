"""What support formulas may read: one row per firm for a data year, built once per run.

The panel holds the enterprise-year columns joined with the enterprise attributes (as the
evaluation rulebooks see them, :func:`xinzhi.evaluation.runs.enterprise_panel`), plus

* ``<column>_1`` / ``<column>_2``: the :data:`LAGGED` columns one and two years earlier;
* ``age``: ``year - established_year``;
* the firm's declared facts (table ``support_declaration`` of the same data year), NULL when
  a firm declared nothing;
* ``digital_total`` and ``digital_level`` (0 below 一级, else 1–4) from a digital-maturity run;
* ``passed_<programme>`` (``passed_zjtx`` ...) from the latest gradient run of each programme;
* ``stage`` (``seed``, ``growth``, ``scale``) and ``stage_rule`` from the stage rulebook.

Size classes: :func:`size_class_of` is the one place that says where a firm's size class comes
from: derived from employees, revenue and assets by the size rulebook ``sme-size-2017``, else the
stated ``enterprise.size_class`` where the data do not contradict it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd

from xinzhi.evaluation.rulebook_common import BASE_COLUMNS
from xinzhi.evaluation.runs import enterprise_panel
from xinzhi.schema.support import SUPPORT_DECLARATION

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from xinzhi.support.rules import StageRulebook

__all__ = ["DECLARED", "GRADIENT_PROGRAMS", "LAGGED", "build_panel", "size_class_of", "vocabulary"]

#: enterprise_year columns also offered one and two years back as ``<name>_1`` / ``<name>_2``
LAGGED: tuple[str, ...] = (
    "revenue", "main_revenue", "tax", "value_added", "output", "rd_spending", "rd_staff", "employees",
    "electricity", "energy_tce", "debt_ratio", "total_assets", "net_profit", "equity_financing",
    "invention_patents",
)
#: gradient programmes whose latest result is offered as ``passed_<programme>``
GRADIENT_PROGRAMS = ("innovative_sme", "zjtx", "little_giant", "single_champion")
#: declared columns (table ``support_declaration``) a measure may list under ``inputs``
DECLARED: dict[str, str] = {c.name: c.dtype for c in SUPPORT_DECLARATION.columns if c.name not in ("credit_code", "year")}
_DIGITAL_LEVELS = {"一级": 1, "二级": 2, "三级": 3, "四级": 4}
_SQL_TYPES = {"float": "float64", "int": "int64", "bool": "boolean", "str": "string", "date": "date"}


def vocabulary() -> frozenset[str]:
    """Every name a support formula may read (declared columns only when a measure lists them)."""
    lagged = {f"{c}_{k}" for c in LAGGED for k in (1, 2)}
    derived = {"age", "digital_total", "digital_level", "stage", "stage_rule", "total_assets"}
    derived |= {f"passed_{p}" for p in GRADIENT_PROGRAMS}
    return frozenset(BASE_COLUMNS | lagged | derived)


def size_class_of(t: ir.Table, *, year: int) -> ir.Table:
    """``t`` with ``size_class`` (large, medium, small, micro) as the size rulebook
    ``sme-size-2017`` (统计上大中小微型企业划分办法（2017）) derives it from employees, revenue and
    total assets (:func:`xinzhi.evaluation.size.classify_size`): the data's class where the data
    decide it, else the stated ``enterprise.size_class`` when the data do not contradict it, else
    NULL (a measure for SMEs then does not apply). A stated class the data contradict is never
    used."""
    from xinzhi.evaluation import load_rulebook
    from xinzhi.evaluation.size import classify_size
    from xinzhi.evaluation.size_rulebook import SizeRulebook

    book = load_rulebook("sme-size-2017")
    assert isinstance(book, SizeRulebook)
    sz = classify_size(t, book, year=year)
    sz = sz.select(__size_code=sz.credit_code, __size_class=sz.size_class)
    out = t.left_join(sz, t.credit_code == sz.__size_code)
    out = out.drop("__size_code", *([c for c in ("size_class",) if c in t.columns]))
    return out.rename(size_class="__size_class")


def build_panel(enterprise_year: ir.Table, enterprise: ir.Table, *, year: int,
                declarations: ir.Table | None = None, digital: pd.DataFrame | None = None,
                gradient: pd.DataFrame | None = None, stages: StageRulebook | None = None) -> ir.Table:
    """The firms of data year ``year`` with every name of :func:`vocabulary` (see the module text).

    Parameters
    ----------
    enterprise_year, enterprise : ibis.Table
        The workspace tables (or tables with their columns).
    year : int
        The data year.
    declarations : ibis.Table, optional
        ``support_declaration`` rows; those of ``year`` are joined.
    digital : pandas.DataFrame, optional
        A digital-maturity result: ``credit_code``, ``total``, ``level``.
    gradient : pandas.DataFrame, optional
        Gradient results: ``credit_code``, ``program``, ``passed``.
    stages : StageRulebook, optional
        Adds ``stage`` and ``stage_rule`` (:func:`xinzhi.support.stage.classify`).
    """
    panel = enterprise_panel(enterprise_year, enterprise)
    t = panel.filter(panel.year == year)
    for k in (1, 2):
        lag = panel.filter(panel.year == year - k)
        lag = lag.select(**{f"__c{k}": lag.credit_code}, **{f"{c}_{k}": lag[c] for c in LAGGED if c in lag.columns})
        t = t.left_join(lag, t.credit_code == lag[f"__c{k}"]).drop(f"__c{k}")
    t = t.mutate(**{f"{c}_{k}": ibis.null("float64") for c in LAGGED for k in (1, 2) if f"{c}_{k}" not in t.columns})
    t = size_class_of(t, year=year)
    t = t.mutate(age=(t.year - t.established_year).cast("float64"))
    t = _join_declarations(t, declarations, year)
    t = _join_frame(t, _digital_frame(digital), {"digital_total": "float64", "digital_level": "float64"})
    t = _join_frame(t, _gradient_frame(gradient), {f"passed_{p}": "boolean" for p in GRADIENT_PROGRAMS})
    if stages is not None:
        from xinzhi.support.stage import classify

        t = classify(t, stages)
    else:
        t = t.mutate(stage=ibis.null("string"), stage_rule=ibis.null("string"))
    return t


def _join_declarations(t: ir.Table, declarations: ir.Table | None, year: int) -> ir.Table:
    if declarations is not None:
        d = declarations.filter(declarations.year == year)
        cols = {c: d[c] for c in DECLARED if c in d.columns}
        d = d.select(__d=d.credit_code, **cols)
        t = t.left_join(d, t.credit_code == d.__d).drop("__d")
    missing = {c: ibis.null(_SQL_TYPES[dtype]) for c, dtype in DECLARED.items() if c not in t.columns}
    return t.mutate(**missing) if missing else t


def _join_frame(t: ir.Table, frame: pd.DataFrame | None, columns: dict[str, str]) -> ir.Table:
    """Left-join per-firm ``columns`` from ``frame`` (NULL columns when there is none)."""
    if frame is None or frame.empty:
        return t.mutate(**{c: ibis.null(dtype) for c, dtype in columns.items()})
    frame = frame.rename(columns={"credit_code": "__f"})
    for c, dtype in columns.items():
        if c not in frame:
            frame[c] = None
        frame[c] = frame[c].astype({"float64": "float64", "boolean": "boolean"}[dtype])
    m = ibis.memtable(frame[["__f", *columns]])
    return t.left_join(m, t.credit_code == m.__f).drop("__f")


def _digital_frame(digital: pd.DataFrame | None) -> pd.DataFrame | None:
    if digital is None or digital.empty:
        return None
    d = digital.drop_duplicates("credit_code", keep="last")
    return pd.DataFrame({"credit_code": d["credit_code"].astype(str),
                         "digital_total": pd.to_numeric(d["total"], errors="coerce"),
                         "digital_level": d["level"].map(lambda v: float(_DIGITAL_LEVELS.get(str(v), 0)))})


def _gradient_frame(gradient: pd.DataFrame | None) -> pd.DataFrame | None:
    if gradient is None or gradient.empty:
        return None
    g = gradient[gradient["program"].isin(GRADIENT_PROGRAMS)]
    wide: Any = g.pivot_table(index="credit_code", columns="program", values="passed", aggfunc="max")
    wide.columns = [f"passed_{c}" for c in wide.columns]
    return wide.reset_index()
