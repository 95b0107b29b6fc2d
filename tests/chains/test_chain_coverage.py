"""Coverage, gaps, weak links, extensions and leaders on the hand-built chain (see conftest)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.chains.conftest import firm_code
from xinzhi.chains.coverage import chain_leaders, node_coverage
from xinzhi.chains.definitions import load_chain
from xinzhi.chains.membership import region_and_descendants
from xinzhi.workspace import Workspace


def _coverage(ws: Workspace, **kw: object) -> pd.DataFrame:
    chain = load_chain(ws, "toy")
    codes = region_and_descendants(ws.to_pandas("region"), "510100")
    return node_coverage(chain, ws.table("enterprise"), ws.table("enterprise_year"),
                         industries=ws.to_pandas("industry"), region_codes=codes, year=2024, **kw).set_index("node")


def test_counts_revenue_and_strength_by_hand(toy_ws: Workspace) -> None:
    cov = _coverage(toy_ws)
    assert cov.loc["d", "local_firms"] == 2 and cov.loc["d", "total_firms"] == 3
    assert cov.loc["d", "local_revenue"] == 600.0 and cov.loc["d", "total_revenue"] == 1200.0
    assert cov.loc["d", "top_firms"] == "企业L1、企业L4"
    # "36" (division) covers class 3612; the firm outside the chain (1511) counts nowhere
    assert cov.loc["f", "total_firms"] == 2
    # region's share of the chain: local 1650 of 6460 (distinct chain firms)
    chain_share = 1650 / 6460
    assert cov.attrs["chain_share"] == pytest.approx(chain_share)
    assert cov.loc["b", "share"] == pytest.approx(50 / 2050)
    assert cov.loc["b", "relative_strength"] == pytest.approx((50 / 2050) / chain_share)
    assert cov.loc["d", "relative_strength"] == pytest.approx(0.5 / chain_share)


def test_status_gaps_weak_links_and_extensions(toy_ws: Workspace) -> None:
    cov = _coverage(toy_ws)
    # h is matched only by the tag 车规芯片 (and its default product, its name), which no firm
    # carries: the workspace holds no data for it. z and y have no firm anywhere, but their
    # division (26) is held by the workspace: absent.
    assert cov["status"].to_dict() == {
        "z": "absent", "a": "absent", "c": "absent", "e": "absent", "h": "no_data",
        "y": "absent", "b": "weak", "d": "strong", "f": "strong", "g": "absent",
    }
    assert set(cov.index[cov.gap]) == {"z", "y", "a", "c", "e", "g"}
    assert set(cov.index[cov.weak_link]) == {"b"}
    # one-sided absent nodes extend the chain (延链); z touches no local node: fill (补链)
    assert set(cov.index[cov.extension]) == {"y", "a", "c", "e", "g"}
    assert cov["action"].to_dict() == {"z": "补链", "a": "延链", "c": "延链", "e": "延链", "h": "", "y": "延链",
                                       "b": "强链", "d": "", "f": "", "g": "延链"}
    assert cov.loc["a", "extension_side"] == "upstream"
    assert cov.loc["g", "extension_side"] == "downstream"
    assert bool(cov.loc["h", "bottleneck"]) is True
    assert list(cov.reset_index()["stage"]) == sorted(cov["stage"])
    # priority = 0.5 links/max + 0.3 deficit + 0.2 bottleneck; every listed node has one local link
    assert cov.loc["a", "priority"] == pytest.approx(0.8)
    assert cov.loc["z", "priority"] == pytest.approx(0.3)
    assert cov.loc["b", "priority"] == pytest.approx(0.5 + 0.3 * (1 - cov.loc["b", "relative_strength"] / 0.8))
    assert pd.isna(cov.loc["d", "priority"]) and pd.isna(cov.loc["h", "priority"])


def test_min_firms_makes_single_firm_nodes_weak(toy_ws: Workspace) -> None:
    cov = _coverage(toy_ws, min_firms=2)
    assert cov.loc["f", "status"] == "weak" and cov.loc["b", "status"] == "weak"
    assert cov.loc["d", "status"] == "strong"
    assert cov.loc["f", "action"] == "强链" and not cov.loc["f", "extension"]  # present (1 firm), not an extension
    assert "本地企业少于 2 家" in cov.loc["f", "reason_zh"] and "fewer than 2 local firms" in cov.loc["f", "reason_en"]


def test_chain_leaders(toy_ws: Workspace) -> None:
    chain = load_chain(toy_ws, "toy")
    codes = region_and_descendants(toy_ws.to_pandas("region"), "510100")
    lead = chain_leaders(chain, toy_ws.table("enterprise"), toy_ws.table("enterprise_year"),
                         industries=toy_ws.to_pandas("industry"), region_codes=codes, year=2024)
    # large: top 10% by revenue (L2) plus the tagged 链主 L1. L1 (battery) links b upstream and
    # f downstream; L2 (vehicles) links only d upstream (e, h are absent, g absent).
    assert lead["credit_code"].tolist() == [firm_code("L1"), firm_code("L2")]
    assert lead[["upstream_links", "downstream_links", "links"]].values.tolist() == [[1, 1, 2], [1, 0, 1]]
    assert lead["tagged_leader"].tolist() == [True, False]
