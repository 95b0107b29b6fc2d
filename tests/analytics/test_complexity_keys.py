"""The key columns a user has (Arrow-backed strings, categoricals, Python objects, integers), in
any row order, give the same result; the long table shares the result's arrays copy-on-write and
builds only the columns asked for."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from xinzhi.analytics import complexity
from xinzhi.analytics.panel import _arrow_codes, year_matrices
from xinzhi.errors import InputError


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    """A complete panel in key order: 2 years × 45 regions × 120 industries (10,800 rows, more
    than the 8,192 from which the run and period shortcuts are tried)."""
    rng = np.random.default_rng(3)
    n_r, n_i = 45, 120
    score = rng.uniform(0, 1, n_r)[:, None] - rng.uniform(0, 1, n_i)[None, :] + rng.logistic(0, 0.3, (n_r, n_i))
    frames = []
    for year in (2022, 2023):
        val = np.where(score + rng.normal(0, 0.2, score.shape) > 0, rng.lognormal(0, 1, score.shape), 0.0)
        frames.append(pd.DataFrame({
            "year": year, "region": np.repeat([f"R{r:03d}" for r in range(n_r)], n_i),
            "industry": np.tile([f"I{i:03d}" for i in range(n_i)], n_r), "value": val.ravel(),
        }))
    df = pd.concat(frames, ignore_index=True)
    assert isinstance(df["region"].dtype, pd.StringDtype) and df["region"].dtype.storage == "pyarrow"
    return df


def _table(df: pd.DataFrame) -> pd.DataFrame:
    out = complexity(df, n_jobs=1).to_frame()
    out["region"] = out["region"].astype(str)
    out["industry"] = out["industry"].astype(str)
    return out.sort_values(["year", "region", "industry"], ignore_index=True)


def test_every_key_type_and_row_order_gives_the_same_table(grid: pd.DataFrame) -> None:
    expected = _table(grid.astype({"region": object, "industry": object}))  # hashed row by row
    variants = {
        "arrow strings (runs and period)": grid,
        "categorical": grid.astype({"region": "category", "industry": "category"}),
        "shuffled arrow strings": grid.sample(frac=1.0, random_state=1),
        "python strings": grid.astype({"region": "string[python]", "industry": "string[python]"}),
        "arrow dtype": grid.astype({"region": pd.ArrowDtype(pa.large_string()),
                                    "industry": pd.ArrowDtype(pa.string())}),
        "industries listed in reverse": grid.sort_values(["year", "region", "industry"],
                                                         ascending=[True, True, False]),
    }
    for name, df in variants.items():
        pd.testing.assert_frame_equal(_table(df), expected, check_exact=True, obj=name)


def test_arrow_codes_take_the_shortcuts_only_when_they_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    from xinzhi.analytics import panel

    hashed: list[int] = []
    real = panel._dictionary_codes

    def spy(arr: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
        hashed.append(len(arr))
        return real(arr)

    monkeypatch.setattr(panel, "_dictionary_codes", spy)

    def check(values: list[str]) -> int:
        hashed.clear()
        codes, labels = _arrow_codes(pa.chunked_array([values[:5000], values[5000:]]))
        assert labels[codes].tolist() == values
        return hashed[-1]

    n = 12_000
    assert check([f"r{k // 300:02d}" for k in range(n)]) == 40  # runs: one value per run
    assert check([f"i{k % 300:03d}" for k in range(n)]) == 300  # period: one period
    almost = [f"i{k % 300:03d}" for k in range(n)]
    almost[-1] = "other"  # periodic except the last row
    assert check(almost) == n
    runs = [f"r{k // 300:02d}" for k in range(n)]
    runs[-2] = "r00"  # a value that comes back after its run: still runs, one more
    assert check(runs) == 42
    assert check([f"x{k:05d}" for k in range(n)]) == n  # all distinct
    assert check([f"a{(k * 7919) % 500}" for k in range(n)]) == 500  # shuffled within, period 500
    rng = np.random.default_rng(0)
    assert check([f"b{k}" for k in rng.integers(0, 500, n)]) == n  # no pattern



def test_missing_string_keys_are_an_input_error(grid: pd.DataFrame) -> None:
    df = grid.copy()
    df.loc[9_000, "industry"] = None
    with pytest.raises(InputError, match="missing"):
        complexity(df)


def test_a_complete_panel_is_not_summed_and_duplicates_still_are(grid: pd.DataFrame) -> None:
    mats, report = year_matrices(grid)
    assert report.duplicates_summed == 0
    np.testing.assert_array_equal(mats[0].values.ravel(), grid["value"].to_numpy()[:5400])
    twice = pd.concat([grid, grid.iloc[:10]], ignore_index=True)
    mats2, report2 = year_matrices(twice)
    assert report2.duplicates_summed == 10
    np.testing.assert_array_equal(mats2[0].values.ravel()[:10], 2 * grid["value"].to_numpy()[:10])


def test_long_table_shares_the_result_copy_on_write(grid: pd.DataFrame) -> None:
    res = complexity(grid)
    table = res.to_frame()
    before = res.years[0].density.copy()
    table.loc[0, "density"] = 99.0
    table["cog"] *= 2.0
    np.testing.assert_array_equal(res.years[0].density, before)
    assert res.to_frame().loc[0, "density"] == before[0, 0]
    assert res.to_frame()["cog"].equals(table["cog"] / 2.0)


def test_long_table_columns_on_request(grid: pd.DataFrame) -> None:
    res = complexity(grid)
    full = res.to_frame()
    assert list(full.columns) == ["year", "region", "industry", "value", "rca", "mcp", "diversity",
                                  "ubiquity", "eci", "pci", "density", "distance", "coi", "cog"]
    some = res.to_frame(columns=["eci", "region", "cog", "distance"])
    assert list(some.columns) == ["eci", "region", "cog", "distance"]
    pd.testing.assert_frame_equal(some, full[["eci", "region", "cog", "distance"]])
    one = res.years[1].to_frame(columns=["year", "pci"])
    pd.testing.assert_frame_equal(one, full.loc[full.year == 2023, ["year", "pci"]].reset_index(drop=True))
    with pytest.raises(InputError, match="rpop"):
        res.to_frame(columns=["rpop"])


def test_numpy_huge_page_advice_is_restored(grid: pd.DataFrame) -> None:
    from numpy._core import multiarray

    before = multiarray._set_madvise_hugepage(True)
    try:
        complexity(grid.iloc[:5400]).to_frame()
        assert multiarray._set_madvise_hugepage(True) is True  # back to what it was
    finally:
        multiarray._set_madvise_hugepage(before)
