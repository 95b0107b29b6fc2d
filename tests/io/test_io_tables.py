"""Accounting identities of the bundled NBS input-output tables, and the analytics on them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from xinzhi.errors import InputError
from xinzhi.inputoutput import (
    leontief_inverse,
    load_io_table,
    output_coefficients,
    sector_linkages,
    technical_coefficients,
)
from xinzhi.reference import available_io_tables, io_table_path

TABLES = available_io_tables()


def test_all_six_tables_are_bundled() -> None:
    assert set(TABLES) >= {(2012, 139), (2017, 42), (2017, 149), (2018, 153), (2020, 42), (2020, 153)}


@pytest.mark.parametrize(("year", "sectors"), TABLES)
def test_row_and_column_totals(year: int, sectors: int) -> None:
    t = load_io_table(year, sectors)
    assert t.n == sectors
    scale = t.output.max()
    # rows of Z sum to the printed total intermediate use
    np.testing.assert_allclose(t.flows.sum(axis=1), t.total_intermediate_use, rtol=1e-6, atol=1e-6 * scale)
    # columns of Z plus value added give total input, and total input equals gross output
    np.testing.assert_allclose(t.flows.sum(axis=0) + t.value_added, t.total_input, rtol=1e-6, atol=1e-6 * scale)
    np.testing.assert_allclose(t.total_input, t.output, rtol=1e-6, atol=1e-6 * scale)
    # value added is the sum of its four parts
    np.testing.assert_allclose(t.value_added_parts.sum(axis=1).to_numpy(), t.value_added, rtol=1e-6, atol=1e-6 * scale)


@pytest.mark.parametrize(("year", "sectors"), [t for t in TABLES if t[1] != 42])
def test_competitive_tables_balance_supply_and_use(year: int, sectors: int) -> None:
    t = load_io_table(year, sectors)
    raw = pd.read_csv(io_table_path(year, sectors), dtype={"Code": str})
    err = raw.loc[raw.Code.str.fullmatch(r"\d+"), "ERR"].to_numpy(float) if "ERR" in raw else 0.0
    # x = Z·1 + final use - imports (+ statistical error in 2012)
    np.testing.assert_allclose(
        t.flows.sum(axis=1) + t.final_use - t.imports + err, t.output, rtol=1e-6, atol=1e-3 * t.output.max() * 1e-3
    )


@pytest.mark.parametrize("origin", ["total", "domestic"])
def test_noncompetitive_2020_42_domestic_rows_balance(origin: str) -> None:
    t = load_io_table(2020, 42, origin=origin)  # type: ignore[arg-type]
    d = load_io_table(2020, 42, origin="domestic")
    # domestic products: domestic intermediate use + domestic final use = gross output
    np.testing.assert_allclose(d.flows.sum(axis=1) + d.final_use, d.output, rtol=1e-6, atol=1e-3)
    # total flows = domestic + imported: imported intermediate use + imported final use = imports
    if origin == "total":
        np.testing.assert_allclose(
            (t.flows - d.flows).sum(axis=1) + (t.final_use - d.final_use), t.imports, rtol=1e-6, atol=1e-3
        )


@pytest.mark.parametrize(("year", "sectors"), TABLES)
def test_leontief_inverse_identities(year: int, sectors: int) -> None:
    t = load_io_table(year, sectors)
    a = technical_coefficients(t.flows, t.output)
    lm = leontief_inverse(a)
    eye = np.eye(t.n)
    assert np.abs((eye - a) @ lm - eye).max() < 1e-9
    assert np.abs(lm @ (eye - a) - eye).max() < 1e-9
    # L reproduces gross output from net final demand: x = L f
    np.testing.assert_allclose(lm @ t.net_final_demand, t.output, rtol=1e-8)
    # productive table: L >= I elementwise (non-negative A with spectral radius < 1)
    assert (lm >= -1e-12).all() and (np.diag(lm) >= 1 - 1e-12).all()
    # column sums of A plus value-added shares are 1 for every sector with output
    va_share = t.value_added / t.output
    np.testing.assert_allclose(a.sum(axis=0) + va_share, 1.0, atol=1e-6)


def test_ghosh_supply_side_identity() -> None:
    t = load_io_table(2020, 153)
    b = output_coefficients(t.flows, t.output)
    g = np.linalg.inv(np.eye(t.n) - b)
    # x' = v' G, with v the value added (primary inputs) of each sector
    np.testing.assert_allclose(t.value_added @ g, t.output, rtol=1e-8)


def test_linkages_on_2020_153_normalise_to_one_and_key_sectors_are_consistent() -> None:
    df = sector_linkages(load_io_table(2020, 153))
    assert len(df) == 153
    assert df.backward.mean() == pytest.approx(1.0, abs=1e-12)
    assert df.forward.mean() == pytest.approx(1.0, abs=1e-12)
    assert (df.key_sector == ((df.backward > 1) & (df.forward > 1))).all()
    assert (df.output_multiplier >= 1).all()
    assert (df.upstreamness >= 1 - 1e-12).all()


def test_linkages_2020_42_known_sector_profile() -> None:
    """Shapes any reader of the 2020 table can check by eye: chemicals and metal smelting are
    key sectors; education and public administration sell almost only to final use."""
    df = sector_linkages(load_io_table(2020, 42)).set_index("name")
    assert df.loc["化学产品", "sector_type"] == "key"
    assert df.loc["金属冶炼和压延加工品", "sector_type"] == "key"
    assert df.loc["公共管理、社会保障和社会组织", "forward"] < 0.7
    assert df.loc["教育", "upstreamness"] < df.loc["煤炭采选产品", "upstreamness"]


def test_bad_inputs_are_rejected() -> None:
    with pytest.raises(InputError, match="square"):
        leontief_inverse(np.ones((2, 3)))
    with pytest.raises(InputError, match="singular"):
        leontief_inverse(np.eye(2))
    with pytest.raises(InputError, match="origin"):
        load_io_table(2020, 153, origin="domestic")
