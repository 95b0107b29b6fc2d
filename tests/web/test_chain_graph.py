"""The chain graph figure on a hand-built four-node chain, and the default chain of the page."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from xinzhi.web.figures import BOTTLENECK_COLOR, CHAIN_STATUS_COLORS, chain_graph, chain_layout
from xinzhi.web.views.chains import default_chain

# ore (stage 1) supplies material and cell (stage 3); both supply the vehicle (stage 7).
# Stage numbers skip 2 and 4-6 on purpose: columns are the dense rank of the stage.
COVERAGE = pd.DataFrame({
    "node": ["ore", "material", "cell", "vehicle"],
    "name": ["矿产", "材料", "电芯", "整车"],
    "stage": [1, 3, 3, 7],
    "segment": ["upstream", "midstream", "midstream", "downstream"],
    "status": ["present", "missing", "weak", "strong"],
    "bottleneck": [False, True, False, False],
    "local_firms": [3, 0, 1, 9],
    "local_revenue": [100.0, 0.0, 25.0, 400.0],
    "relative_strength": [1.0, math.nan, 0.3, 2.0],
    "gap": [False, True, False, False],
    "weak_link": [False, False, True, False],
    "extension": [False, True, False, False],
})
# the last edge leaves the chain (node "elsewhere" is not in it) and must be dropped
EDGES = pd.DataFrame({"source": ["ore", "ore", "material", "cell", "elsewhere"],
                      "target": ["material", "cell", "vehicle", "vehicle", "vehicle"]})


def _node_traces(fig: go.Figure) -> dict[str, go.Scatter]:
    return {t.name: t for t in fig.data if t.name not in ("edges",) and t.x != (None,)}


def test_layout_puts_stages_left_to_right_and_spreads_a_stage() -> None:
    pos = chain_layout(COVERAGE, EDGES).set_index("node")
    assert pos["x"].to_dict() == {"ore": 0, "material": 1, "cell": 1, "vehicle": 2}
    # two nodes in stage 3: one unit apart, centred on 0; ties of the barycentre go by node id
    assert pos.loc["cell", "y"] == 0.5 and pos.loc["material", "y"] == -0.5
    assert pos.loc["ore", "y"] == 0.0 and pos.loc["vehicle", "y"] == 0.0


def test_chain_graph_colours_sizes_edges_and_hover() -> None:
    fig = chain_graph(COVERAGE, EDGES, title="test")
    nodes = _node_traces(fig)
    # one trace per status, coloured by the status palette, at the node's stage column
    by_colour = {t.marker.color: (list(t.x), list(t.y)) for t in nodes.values()}
    assert by_colour[CHAIN_STATUS_COLORS["present"]] == ([0], [0.0])
    assert by_colour[CHAIN_STATUS_COLORS["missing"]] == ([1], [-0.5])
    assert by_colour[CHAIN_STATUS_COLORS["weak"]] == ([1], [0.5])
    assert by_colour[CHAIN_STATUS_COLORS["strong"]] == ([2], [0.0])
    # the bottleneck is a diamond with a purple outline, and has a legend entry
    gap = next(t for t in nodes.values() if t.marker.color == CHAIN_STATUS_COLORS["missing"])
    assert list(gap.marker.symbol) == ["diamond"] and list(gap.marker.line.color) == [BOTTLENECK_COLOR]
    assert any(t.name == "卡脖子" for t in fig.data)
    # size: 12 + 24 * sqrt(revenue / 400): the vehicle 36 px, the ore 12 + 24 * 0.5 = 24 px, the gap 12 px
    strong = next(t for t in nodes.values() if t.marker.color == CHAIN_STATUS_COLORS["strong"])
    present = next(t for t in nodes.values() if t.marker.color == CHAIN_STATUS_COLORS["present"])
    assert list(strong.marker.size) == [36.0] and list(present.marker.size) == [24.0]
    assert list(gap.marker.size) == [12.0]
    # four edges inside the chain: four segments in the edge trace and four arrowheads
    edges = next(t for t in fig.data if t.name == "edges")
    assert list(edges.x).count(None) == 4
    arrows = [(a.ax, a.x) for a in fig.layout.annotations if a.showarrow]
    assert sorted(arrows) == [(0, 1), (0, 1), (1, 2), (1, 2)]
    # hover: name, firms, relative strength, actions
    assert "材料" in gap.hovertext[0] and "本地企业: 0" in gap.hovertext[0]
    assert "补链" in gap.hovertext[0] and "延链" in gap.hovertext[0] and "卡脖子" in gap.hovertext[0]
    weak = next(t for t in nodes.values() if t.marker.color == CHAIN_STATUS_COLORS["weak"])
    assert "相对强度: 0.30" in weak.hovertext[0] and "强链" in weak.hovertext[0]
    # stage ticks name the real stage numbers, and the segment when the whole stage shares it
    assert list(fig.layout.xaxis.ticktext) == ["环节 1<br>上游", "环节 3<br>中游", "环节 7<br>下游"]
    mixed = COVERAGE.assign(segment=["upstream", "upstream", "midstream", "downstream"])
    assert list(chain_graph(mixed, EDGES).layout.xaxis.ticktext)[1] == "环节 3"
    # English labels and a plain figure that serialises (Jupyter and the page use the same JSON)
    en = chain_graph(COVERAGE, EDGES, lang="en")
    assert "bottleneck" in {t.name for t in en.data}
    assert isinstance(en.to_json(), str)


def test_default_chain_prefers_product_chains() -> None:
    assert default_chain(["io-2020", "kag-rubber", "nev", "pv"]) == "nev"
    assert default_chain(["io-2020", "pv"]) == "pv"
    assert default_chain(["io-2020"]) == "io-2020"
    assert default_chain([]) == ""
