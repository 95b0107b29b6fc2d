"""Property: on every shipped 亩均 rulebook, a missing figure never gives a better class than zero.

Hypothesis draws small worlds of firms (random figures, some missing, random scale, land, tags
and incidents, and a previous year for the benchmarks). In each world one firm's figure (each batch tests every figure, one per world) is
either missing or reported as 0 (false for a flag); everything else is identical. Its class with
the figure missing must not be better than with 0. 数据不全 and 不参评 count as worse than every
class (no class, no benefit); a fixed class (T) must be the same either way.

To keep the suite fast, one evaluation holds a batch of worlds, each pair (missing, zero) in
regions of its own; the rulebooks rank within the county, except Sichuan's, which ranks across
the province and is given ``within: [region_code]`` here so the worlds do not meet (the
grouping is not part of the missing-data rule).
"""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.evaluation.conftest import firms_frame

from xinzhi.evaluation import evaluate_permu, list_rulebooks, load_rulebook
from xinzhi.evaluation.permu_rulebook import PermuRulebook

YEAR = 2024
FIGURES = ("tax", "land_mu", "revenue", "main_revenue", "value_added", "energy_tce", "electricity", "emissions",
           "employees", "rd_spending")
TAGS = ("", "", "", "小升规", "环保能耗质量安全不达标", "在建重大项目")

#: The figures tested: each batch tests every one of them, in a world of its own.
TESTED = (*FIGURES, "safety_incident")
# positive figures first: Hypothesis favours the first alternative, and a world of zeros tests little
figure = st.one_of(st.floats(0.5, 1000.0, allow_nan=False).map(lambda x: round(x, 2)), st.just(0.0))
maybe = st.one_of(figure, figure, figure, st.none())
firm = st.fixed_dictionaries({
    **{c: maybe for c in FIGURES},
    "above_scale": st.one_of(st.just(True), st.booleans()),
    "tags": st.sampled_from(TAGS),
    "safety_incident": st.one_of(st.just(False), st.none(), st.booleans()),
    "established_year": st.sampled_from([2000, 2000, 2000, YEAR - 1, YEAR]),
})
world = st.lists(firm, min_size=2, max_size=6)


def _key(row: pd.Series, book: PermuRulebook) -> int:
    """Smaller is better: the class's place in the order; no class (数据不全, 不参评) is worst."""
    cls = row["class"]
    return book.classes.order.index(cls) if isinstance(cls, str) and cls in book.classes.order else len(book.classes.order)


def _rows(worlds: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for w, (members, column) in enumerate(zip(worlds, TESTED, strict=True)):
        for variant in ("missing", "zero"):
            region = f"5{w:02d}{'01' if variant == 'missing' else '02'}0"
            for i, f in enumerate(members):
                base = {"credit_code": f"W{w}{variant[0]}{i}", "region_code": region, "park_code": "P1",
                        "industry_code": "3311"}
                current = {**base, **f, "year": YEAR}
                if i == 0:
                    current[column] = None if variant == "missing" else (False if column == "safety_incident" else 0.0)
                # the previous year: the same firms with every figure reported (benchmarks)
                previous = {**base, "year": YEAR - 1, "above_scale": f["above_scale"],
                            **{c: 10.0 * (i + 1) for c in FIGURES}}
                rows += [current, previous]
    return rows


@pytest.mark.parametrize("rulebook", list_rulebooks("permu"))
@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(worlds=st.lists(world, min_size=len(TESTED), max_size=len(TESTED)))
def test_a_missing_figure_never_gives_a_better_class_than_zero(rulebook: str, worlds: list[Any]) -> None:
    book = load_rulebook(rulebook)
    assert isinstance(book, PermuRulebook)
    if not book.classes.within:
        book = book.model_copy(update={"classes": book.classes.model_copy(update={"within": ["region_code"]})})
    out = evaluate_permu(ibis.memtable(firms_frame(_rows(worlds))), book, year=YEAR).to_pandas()
    out = out.set_index("credit_code")
    for w, column in enumerate(TESTED):
        missing, zero = out.loc[f"W{w}m0"], out.loc[f"W{w}z0"]
        context = f"{rulebook}: world {w}, {column} missing vs 0: {missing['class']} vs {zero['class']}"
        if zero["status"] == "fixed" or missing["status"] == "fixed":
            assert missing["class"] == zero["class"], context
            continue
        assert _key(missing, book) >= _key(zero, book), context
        if pd.notna(missing["score"]) and pd.notna(zero["score"]):
            assert missing["score"] <= zero["score"] + 1e-9, context
