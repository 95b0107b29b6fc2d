"""Year-on-year class migration of 亩均 results: per firm (A→B, C→D …) and counted per park or county.

A county reports every year how many firms moved up or down a class; these are pure functions
over two result tables (two stored runs, or two evaluations of consecutive years), written in
Ibis so they run wherever the results are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["ABSENT", "MOVES", "class_migration", "migration_counts", "migration_summary"]

#: The label of a firm with no row in one of the two results.
ABSENT = "absent"
#: Values of ``move``: a class better or worse by rank order; the same label; into the classes
#: from no class (T, 数据不全, 不参评 or absent); out of them; anything else (e.g. T → 数据不全).
MOVES: tuple[str, ...] = ("up", "down", "same", "entered", "exited", "other")
_NEEDED = ("credit_code", "region_code", "park_code", "class")


def _label(t: ir.Table) -> Any:
    """The class, else the status (``incomplete``, ``out_of_scope``) of a result row (runs stored
    before results had a status say ``out_of_scope``)."""
    status = t.status.fill_null("out_of_scope") if "status" in t.columns else ibis.literal("out_of_scope")
    return t["class"].fill_null(status)


def class_migration(before: ir.Table, after: ir.Table, order: Sequence[str]) -> ir.Table:
    """Each firm's class in two results (an earlier and a later year) and how it moved.

    A firm in one result only is ``absent`` in the other. A firm without a class is labelled by
    its status: ``incomplete`` (数据不全，不参评) or ``out_of_scope`` (不参评); a fixed class (T)
    keeps its name. With ``order`` the ranked classes from best to worst,
    ``steps`` = rank index before − index after (positive: up), and ``move`` is ``up``, ``down``
    or ``same`` between two ranked classes; ``entered`` into a ranked class from any other label;
    ``exited`` from a ranked class to any other; ``same`` for an unchanged other label; ``other``
    for the rest.

    Parameters
    ----------
    before, after : ibis.Table
        Results of :func:`xinzhi.evaluation.evaluate_permu` (or stored runs of it), one row per
        firm: ``credit_code``, ``region_code``, ``park_code``, ``class`` and ``status``.
    order : sequence of str
        The ranked classes, best first (``rulebook.classes.order``).

    Returns
    -------
    ibis.Table
        ``credit_code``, ``region_code``, ``park_code`` (the later year's, else the earlier's),
        ``from_class``, ``to_class``, ``steps`` (NULL unless both are ranked classes), ``move``.

    Examples
    --------
    >>> a = ibis.memtable({"credit_code": ["X", "Y", "Z"], "region_code": "R", "park_code": "P",
    ...                    "class": ["A", "C", None], "status": ["evaluated", "evaluated", "incomplete"]})
    >>> b = ibis.memtable({"credit_code": ["X", "Y", "Z"], "region_code": "R", "park_code": "P",
    ...                    "class": ["B", "D", "C"], "status": "evaluated"})
    >>> out = class_migration(a, b, ["A", "B", "C", "D"]).order_by("credit_code").to_pandas()
    >>> out[["from_class", "to_class", "move"]].values.tolist()
    [['A', 'B', 'down'], ['C', 'D', 'down'], ['incomplete', 'C', 'entered']]
    """
    if len(order) < 2:
        raise InputError("class migration needs the ranked classes, best first")
    for name, t in (("before", before), ("after", after)):
        lacking = [c for c in _NEEDED if c not in t.columns]
        if lacking:
            raise InputError(f"the {name} results lack column(s) {', '.join(lacking)}")
    a = before.select(__a_code=before.credit_code, __a_region=before.region_code, __a_park=before.park_code,
                      from_class=_label(before))
    b = after.select(__b_code=after.credit_code, __b_region=after.region_code, __b_park=after.park_code,
                     to_class=_label(after))
    j = a.outer_join(b, a.__a_code == b.__b_code)
    rank = {name: k for k, name in enumerate(order)}
    from_class = j.from_class.fill_null(ABSENT)
    to_class = j.to_class.fill_null(ABSENT)
    i_from = from_class.cases(*rank.items(), else_=ibis.null("int64"))
    i_to = to_class.cases(*rank.items(), else_=ibis.null("int64"))
    steps = (i_from - i_to).cast("int64")
    move = ibis.cases(
        (i_from.notnull() & i_to.notnull() & (steps > 0), "up"),
        (i_from.notnull() & i_to.notnull() & (steps < 0), "down"),
        (from_class == to_class, "same"),
        (i_from.isnull() & i_to.notnull(), "entered"),
        (i_from.notnull() & i_to.isnull(), "exited"),
        else_="other",
    )
    return j.select(
        credit_code=ibis.coalesce(j.__b_code, j.__a_code),
        region_code=ibis.coalesce(j.__b_region, j.__a_region),
        park_code=ibis.coalesce(j.__b_park, j.__a_park),
        from_class=from_class, to_class=to_class, steps=steps, move=move,
    )


def migration_counts(moves: ir.Table, *, by: str | None = "park_code") -> ir.Table:
    """Firms per (group, from_class, to_class): the migration matrix in tidy form.

    ``by`` is ``park_code`` (firms outside parks count under an empty park code), ``region_code``
    or ``None`` for the whole jurisdiction.
    """
    keys = [by] if by else []
    if by and by not in moves.columns:
        raise InputError(f"cannot count migrations by {by!r}; use park_code or region_code")
    src = moves.mutate(**{by: moves[by].fill_null("")}) if by else moves
    out = src.group_by([*keys, "from_class", "to_class"]).aggregate(firms=src.count().cast("int64"))
    return out.order_by([*keys, "from_class", "to_class"])


def migration_summary(moves: ir.Table, *, by: str | None = "park_code") -> ir.Table:
    """Per group: firms in either year and how many moved up, down, stayed, entered, exited."""
    keys = [by] if by else []
    if by and by not in moves.columns:
        raise InputError(f"cannot summarise migrations by {by!r}; use park_code or region_code")
    src = moves.mutate(**{by: moves[by].fill_null("")}) if by else moves
    aggs: dict[str, Any] = {"firms": src.count().cast("int64")}
    for m in MOVES:
        aggs[m] = (src.move == m).sum().cast("int64")
    out = src.group_by(keys).aggregate(**aggs) if keys else src.aggregate(**aggs)
    return out.order_by(keys) if keys else out
