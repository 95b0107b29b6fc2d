"""A province compares its cities: specialisation, complexity and opportunities across the child
regions, in the CLI, the web sections (API tables) and the opportunity chart. Worked by hand.

County output in 2024 (万元), summed to cities::

    成都 510100 = 510104 (3612: 60, 3841: 20, 3670: 30) + 510105 (3612: 20)  → 3612 80, 3841 20, 3670 30 = 130
    绵阳 510700 = 510703 (3841: 50, 1512: 10, 3670: 30)                      → 90
    自贡 510300 = 510302 (1512: 40)                                          → 40
    四川 = 260: 3612 80, 3841 70, 3670 60, 1512 50

RCA within Sichuan: 成都 3612 (80/130)/(80/260) = 2.0, 3670 (30/130)/(60/260) = 1.0, 3841 0.571;
绵阳 3841 (50/90)/(70/260) = 2.063, 3670 1.444, 1512 0.578; 自贡 1512 5.2.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.access.scope import Scope
from xinzhi.cli.main import app
from xinzhi.workspace import Workspace, open_workspace

ROWS = [
    ("510104", "3612", 60.0), ("510104", "3841", 20.0), ("510104", "3670", 30.0), ("510105", "3612", 20.0),
    ("510703", "3841", 50.0), ("510703", "1512", 10.0), ("510703", "3670", 30.0), ("510302", "1512", 40.0),
]


@pytest.fixture(scope="module")
def sc_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = open_workspace(Path(tmp_path_factory.mktemp("sc")) / "ws")
    df = pd.DataFrame(ROWS, columns=["region_code", "industry_code", "output"]).assign(year=2024)
    ws.write("region_industry_year", df, source="test")
    return ws


def _arr(v: object) -> np.ndarray:
    """A Plotly JSON array: a list, or a typed array ``{"dtype", "bdata"}`` (base64)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
    return np.asarray(v, dtype=float)


def _cli(ws: Workspace, *args: str) -> str:
    res = CliRunner().invoke(app, ["--workspace", str(ws.path), *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_structure_of_a_province_compares_its_cities(sc_ws: Workspace, tmp_path: Path) -> None:
    out = _cli(sc_ws, "structure", "四川省", "--out", str(tmp_path / "ind.csv"))
    assert "四川省 across its 3 cities" in out
    ind = pd.read_csv(tmp_path / "ind.csv", dtype={"industry": str, "leader": str}).set_index("industry")
    assert ind["value"].to_dict() == {"3612": 80.0, "3841": 70.0, "3670": 60.0, "1512": 50.0}
    assert ind.loc["3612", "share"] == pytest.approx(80 / 260)
    # cities with RCA ≥ 1: 3670 in 成都 (1.0) and 绵阳 (1.444)
    assert ind["children_specialised"].to_dict() == {"3612": 1, "3841": 1, "3670": 2, "1512": 1}
    assert ind.loc["3841", "leader_name"] == "绵阳市" and ind.loc["3841", "leader_share"] == pytest.approx(50 / 70)
    # Hoover of 3612: ½ (|1 − 130/260| + |0 − 90/260| + |0 − 40/260|) = 0.5
    assert ind.loc["3612", "hoover"] == pytest.approx(0.5)


def test_city_profile_within_the_province(sc_ws: Workspace) -> None:
    from xinzhi.web import sections
    from xinzhi.web.service import WebData

    data = WebData(sc_ws)
    prof = sections.subregions(data, Scope(None, None), "510000").set_index("region")
    assert list(prof.index) == ["510100", "510700", "510300"]  # by size
    cd = prof.loc["510100"]
    assert cd["level"] == "city" and cd["value"] == 130.0 and cd["share"] == pytest.approx(0.5)
    assert cd["diversity"] == 2 and prof.loc["510300", "diversity"] == 1
    assert cd["specialisations"] == "新能源车整车制造 (2.00)、汽车零部件及配件制造 (1.00)"
    # HHI (80² + 20² + 30²)/130² = 77/169; Krugman Σ|s − S| = (4 + 1.5 + 0 + 2.5)/13 = 8/13
    assert cd["hhi"] == pytest.approx(77 / 169) and cd["krugman"] == pytest.approx(8 / 13)
    # ECI from the complexity analytics on the hand-summed city × industry matrix
    from xinzhi.analytics import complexity

    wide = pd.DataFrame({"region": ["510100"] * 3 + ["510700"] * 3 + ["510300"],
                         "industry": ["3612", "3841", "3670", "3841", "1512", "3670", "1512"],
                         "value": [80.0, 20, 30, 50, 10, 30, 40]})
    ref = complexity(wide).years[0]
    want = dict(zip([str(r) for r in ref.regions], ref.eci, strict=True))
    for code in prof.index:
        assert prof.loc[code, "eci"] == pytest.approx(want[code])
    # the province's specialisation table is the across-cities one
    spec = sections.specialisation(data, Scope(None, None), "510000").set_index("industry_code")
    assert spec.loc["3670", "children_specialised"] == 2 and spec.loc["3612", "value"] == 80.0


def test_opportunities_of_each_city_and_the_chart_data(sc_ws: Workspace) -> None:
    from xinzhi.web import figures, sections
    from xinzhi.web.service import WebData

    o = sections.opportunities(WebData(sc_ws), Scope(None, None), "510000")
    cd = o[o["region"] == "510100"].set_index("industry")
    # 成都 lacks 3841 and 1512. Proximity 3670–3841 = 1 / max(ubiquity 2, 1) = 0.5 (both in 绵阳),
    # 3612–3841 = 0: density of 成都 to 3841 = (0 + 0.5) / 0.5 = 1, distance 0; 1512 is
    # related to nothing 成都 has: density 0
    assert cd.loc["3841", "density"] == pytest.approx(1.0) and cd.loc["3841", "distance"] == pytest.approx(0.0)
    assert cd.loc["1512", "density"] == pytest.approx(0.0)
    assert cd.loc["3841", "rank"] == 1 and cd.loc["3841", "name"] == "锂离子电池制造"
    assert cd.loc["3841", "value"] == 20.0 and cd.loc["3841", "total"] == 70.0
    assert set(o["region_name"]) == {"成都市", "绵阳市", "自贡市"}
    fig = json.loads(figures.figure_json(figures.opportunity_scatter(o, lang="zh")))
    pts = fig["data"][0]
    # x = distance, y = PCI, one point per row; labels name the city
    np.testing.assert_allclose(_arr(pts["x"]), o["distance"].to_numpy())
    np.testing.assert_allclose(_arr(pts["y"]), o["pci"].to_numpy())
    labels = [c[0] for c in pts["customdata"]]
    k = labels.index("成都市 · 3841 锂离子电池制造")
    assert _arr(pts["x"])[k] == pytest.approx(0.0) and pts["customdata"][k][1] == 70.0
    # bubble diameter 8 + 32 √(total / max total): the largest total (3612: 80 is held, so
    # candidates' totals are 70, 60, 50 ...) gets 40 px
    tot = o["total"].to_numpy(dtype=float)
    np.testing.assert_allclose(_arr(pts["marker"]["size"]), 8 + 32 * np.sqrt(tot / tot.max()))
    assert fig["layout"]["xaxis"]["title"]["text"] == "距离（1 − 关联密度）"
    assert fig["layout"]["yaxis"]["title"]["text"] == "产品复杂度 PCI"


def test_opportunities_cli_for_the_province(sc_ws: Workspace, tmp_path: Path) -> None:
    _cli(sc_ws, "opportunities", "四川省", "--out", str(tmp_path / "o.csv"))
    o = pd.read_csv(tmp_path / "o.csv", dtype={"region": str, "industry": str})
    first = o[o["region"] == "510100"].iloc[0]
    assert (first["industry"], first["name"]) == ("3841", "锂离子电池制造")
    out = _cli(sc_ws, "opportunities", "四川省")
    assert "Opportunities of the 3 cities of 四川省" in out
