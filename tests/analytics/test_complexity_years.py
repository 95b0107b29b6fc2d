"""Years computed in threads give the same result as one after another, and the proximity a
result computes on demand is the one its density was computed with."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from xinzhi.analytics import complexity
from xinzhi.analytics.relatedness import density, proximity


def _panel() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for year in (2020, 2021, 2022, 2023):
        for r in range(12):
            for i in range(15):
                present = rng.uniform() < 0.5
                rows.append((year, f"R{r:02d}", f"I{i:02d}", float(rng.lognormal()) if present else 0.0))
    df = pd.DataFrame(rows, columns=["year", "region", "industry", "value"])
    # year 2021: one region mirrors the industry mix of the others, so its RCA is ~1 everywhere
    # and below the 1.5 threshold (zero diversity, a note); year 2023: one region has no values
    # at all (dropped, a note)
    y21 = df.year == 2021
    totals = df[y21 & (df.region != "R00")].groupby("industry").value.sum()
    r00 = y21 & (df.region == "R00")
    df.loc[r00, "value"] = 1e-6 * df.loc[r00, "industry"].map(totals).to_numpy()
    df.loc[(df.year == 2023) & (df.region == "R11"), "value"] = 0.0
    return df


@pytest.mark.parametrize("kind", ["symmetric", "asymmetric", "continuous"])
def test_threads_do_not_change_the_result_or_the_notes(kind: str) -> None:
    df = _panel()
    serial = complexity(df, proximity=kind, threshold=1.5, n_jobs=1)  # type: ignore[arg-type]
    threaded = complexity(df, proximity=kind, threshold=1.5, n_jobs=4)  # type: ignore[arg-type]
    assert serial.report.notes == threaded.report.notes
    assert any("zero diversity" in n for n in serial.report.notes)
    assert any("dropped" in n for n in serial.report.notes)
    pd.testing.assert_frame_equal(serial.to_frame(), threaded.to_frame())
    for a, b in zip(serial.years, threaded.years, strict=True):
        np.testing.assert_array_equal(a.proximity, b.proximity)


def test_proximity_on_demand_is_the_one_density_used() -> None:
    res = complexity(_panel(), n_jobs=1)
    for y in res.years:
        m = y.mcp.astype(np.float64)
        np.testing.assert_allclose(y.proximity, proximity(m), rtol=1e-6, atol=0)
        np.testing.assert_allclose(y.density, density(m, y.proximity.astype(np.float64)), rtol=1e-6, atol=1e-12)
        assert y.proximity is y.proximity  # computed once, then kept


def test_continuous_proximity_on_rpop_is_recomputed_from_rpop() -> None:
    df = _panel()
    pop = pd.DataFrame({"region": [f"R{r:02d}" for r in range(12)], "population": np.arange(1.0, 13.0)})
    res = complexity(df, presence="rpop", population=pop, proximity="continuous", n_jobs=1)
    for y in res.years:
        assert y.rpop is not None
        expected = proximity(y.mcp.astype(np.float64), kind="continuous", rca=np.nan_to_num(y.rpop))
        np.testing.assert_allclose(y.proximity, expected, rtol=1e-6, atol=1e-7)


def test_narrow_integer_keys_spanning_their_type() -> None:
    # an int8 industry column from -100 to 100: coding by offset must not wrap around
    df = pd.DataFrame({"region": ["a", "a", "b", "b"], "industry": np.array([-100, 100, -100, 100], dtype=np.int8),
                       "value": [1.0, 2.0, 3.0, 1.0]})
    res = complexity(df, year=None)
    assert res.years[0].industries.tolist() == [-100, 100]


@pytest.mark.parametrize("kind", ["symmetric", "continuous"])
def test_single_year_with_the_proximity_beside_eci_is_the_same(kind: str) -> None:
    one = _panel().query("year == 2022")
    serial = complexity(one, proximity=kind, n_jobs=1)  # type: ignore[arg-type]
    beside = complexity(one, proximity=kind, n_jobs=2)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(serial.to_frame(), beside.to_frame(), check_exact=True)
