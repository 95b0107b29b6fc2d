"""Investment targets on the hand-built chain: scores computed by hand (see conftest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.chains.conftest import firm_code
from xinzhi.analytics.complexity_core import presence, rca_matrix
from xinzhi.analytics.relatedness import density, proximity
from xinzhi.chains.coverage import node_coverage
from xinzhi.chains.definitions import chain_from_dict, load_chain
from xinzhi.chains.membership import region_and_descendants
from xinzhi.chains.relatedness import industry_density, node_relatedness
from xinzhi.chains.targets import investment_targets
from xinzhi.errors import InputError
from xinzhi.workspace import Workspace, open_workspace


def _targets(ws: Workspace, **kw: object) -> pd.DataFrame:
    chain = load_chain(ws, "toy")
    codes = region_and_descendants(ws.to_pandas("region"), "510100")
    ind = ws.to_pandas("industry")
    cov = node_coverage(chain, ws.table("enterprise"), ws.table("enterprise_year"), industries=ind,
                        region_codes=codes, year=2024)
    return investment_targets(chain, cov, ws.table("enterprise"), ws.table("enterprise_year"), industries=ind,
                              exclude=codes, year=2024, **kw)  # type: ignore[arg-type]


def test_targets_by_hand_without_relatedness(toy_ws: Workspace) -> None:
    t = _targets(toy_ws)
    # only other regions' firms, only gap and weak nodes (a, b, c, e, g; h, y, z have no firms)
    assert set(t["node"]) == {"a", "b", "c", "e", "g"}
    assert not t["region_code"].str.startswith("5101").any()
    a = t[t.node == "a"].set_index("credit_code")
    # O1: size cume_dist 0.5, growth 1.0, fit 0.4 (专精特新) -> .4*.5 + .2*1 + .2*.4 = 0.48
    # O2: size 1.0, growth 0.5, fit 0 -> .4 + .1 = 0.50
    assert a.loc[firm_code("O1"), "score"] == pytest.approx(0.48)
    assert a.loc[firm_code("O2"), "score"] == pytest.approx(0.50)
    assert a.loc[firm_code("O2"), "rank"] == 1
    c = t[t.node == "c"].iloc[0]  # O3: 1 + 1 + 0.3 fit -> .4 + .2 + .06
    assert c["score"] == pytest.approx(0.66) and c["growth"] == pytest.approx(1.0)
    assert t.loc[t.node == "b", "action"].item() == "强链"
    assert t.loc[t.node == "a", "action"].unique().tolist() == ["延链"]
    assert "专精特新" in a.loc[firm_code("O1"), "reason_en"] and "absent locally" in a.loc[firm_code("O1"), "reason_en"]
    assert "本地缺失环节「锂矿」（延链）" in a.loc[firm_code("O1"), "reason_zh"]
    # listed by node priority (a, c, e, g: 0.8; b: weak, lower), then rank within the node
    assert t["node_rank"].is_monotonic_increasing
    assert t.groupby("node")["rank"].apply(lambda r: list(r) == sorted(r)).all()
    assert t["node"].iloc[-1] == "b"


def test_relatedness_raises_matching_gaps(toy_ws: Workspace) -> None:
    rel = pd.Series({"a": 0.1, "c": 0.0, "e": 0.5, "g": 0.25, "b": 0.0})
    t = _targets(toy_ws, relatedness=rel).set_index("node")
    # e: O4 size 1, growth 1, fit 0, relatedness 0.5/0.5 = 1 -> .4 + .2 + .2 = 0.8 (the best score)
    assert t.loc["e", "score"] == pytest.approx(0.8)
    assert t["score"].idxmax() == "e"
    assert t.loc["g", "score"] == pytest.approx(0.4 + 0.2 + 0.2 * 0.5)


def test_per_node_and_weights_validation(toy_ws: Workspace) -> None:
    t = _targets(toy_ws, per_node=1)
    assert t.groupby("node").size().max() == 1
    with pytest.raises(InputError, match="unknown components"):
        _targets(toy_ws, weights={"beauty": 1.0})


def test_industry_density_matches_the_structure_analytics(tmp_path: object) -> None:
    """The region's density equals analytics.density on the hand-aggregated city matrix."""
    ws = open_workspace(f"{tmp_path}/ws")
    rows = [  # county, industry, output
        ("510104", "3841", 10.0), ("510105", "3612", 5.0), ("510104", "2613", 1.0),
        ("510302", "3841", 2.0), ("510302", "2613", 8.0), ("510303", "3252", 4.0),
        ("510402", "3612", 6.0), ("510402", "3252", 3.0), ("510402", "0939", 2.0),
    ]
    rit = pd.DataFrame(rows, columns=["region_code", "industry_code", "output"]).assign(year=2024)
    ws.write("region_industry_year", rit, source="test")
    got = industry_density(ws.table("region_industry_year"), region="510100", year=2024)
    wide = (rit.assign(city=rit.region_code.str[:4] + "00")
            .pivot_table(index="city", columns="industry_code", values="output", aggfunc="sum", fill_value=0.0))
    m = presence(rca_matrix(wide.to_numpy()))
    want = density(m, proximity(m))[list(wide.index).index("510100")]
    np.testing.assert_allclose(got.reindex(wide.columns).to_numpy(), want)
    chain = chain_from_dict({"chain": "t", "nodes": [{"node": "n", "industries": ["36", "2613"]}]})
    nr = node_relatedness(chain, got, industries=ws.to_pandas("industry"))
    assert nr["n"] == pytest.approx((got["3612"] + got["2613"]) / 2)
    assert industry_density(ws.table("region_industry_year"), region="510100", year=2030).empty
    with pytest.raises(InputError):
        industry_density(ws.table("region_industry_year"), region="510100", year=2024, measure="nope")
