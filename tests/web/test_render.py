"""How table cells are written on the pages (``xinzhi.web.views.render.fmt``)."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.web.views.render import fmt


@pytest.mark.parametrize(("value", "col", "shown"), [
    (2056.0, "employees", "2,056"),  # a count stored as a float: no decimals, a separator
    (2024, "year", "2024"), (2024.0, "deadline_year", "2024"),  # years without a separator
    (977.0, "enterprises", "977"), (1234.5, "revenue", "1,234"), (3.25, "lq", "3.25"), (0.0283, "share", "0.0283"),
    (1.0, "density", "1.00"), (None, "x", ""), (float("nan"), "x", ""), (pd.NaT, "actual_end", ""),
    (pd.Timestamp("2023-05-01"), "start_date", "2023-05-01"), (True, "above_scale", "✓"), (False, "gap", ""),
])
def test_cells(value: object, col: str, shown: str) -> None:
    assert fmt(value, col) == shown
