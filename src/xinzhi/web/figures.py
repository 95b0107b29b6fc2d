"""Plotly figures of the dashboard, as plain functions of data frames.

The same functions render in Jupyter (``fig.show()``) and in the pages, where the figure JSON
is drawn by the ``plotly.min.js`` shipped inside the installed ``plotly`` package. Maps are
filled polygons on plain axes, not Plotly's ``geo`` subplot: the geo subplot downloads a base
map from a CDN, and the dashboard must make no request off the machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

#: light to dark blue; the lightest end stays visible on white (plain "Blues" starts at white,
#: which hid the smallest bars and points)
COLORSCALE = [[0.0, "#a6c8e4"], [0.5, "#4a90c4"], [1.0, "#08306b"]]
_LAYOUT = {"margin": {"l": 50, "r": 20, "t": 40, "b": 40}, "height": 320,
           "font": {"family": "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"},
           "paper_bgcolor": "white", "plot_bgcolor": "white"}


def trend_chart(frame: pd.DataFrame, *, x: str = "year", columns: Iterable[str], labels: Mapping[str, str] | None = None,
                title: str = "", axis: Mapping[str, Any] | None = None) -> go.Figure:
    """One line per column of ``frame`` against ``x`` (indicator trends). ``axis`` holds the value
    axis settings (:func:`xinzhi.web.formatting.axis`: unit in the title, grouped digits)."""
    labels = labels or {}
    data = [{"type": "scatter", "x": _values(frame[x]), "y": _values(frame[c]), "mode": "lines+markers",
             "name": labels.get(c, c)} for c in columns if c in frame]
    layout = {**_layout(title), "hovermode": "x unified", "legend": {"orientation": "h", "y": -0.15},
              "xaxis": {"dtick": 1, "tickformat": "d", "hoverformat": "d"},
              "yaxis": {"rangemode": "tozero", **_axis(axis or {"tickformat": ","})}}
    return spec_figure(data, layout)


def bar_chart(frame: pd.DataFrame, *, x: str, y: str, title: str = "", horizontal: bool = True,
              color: str | None = None, axis: Mapping[str, Any] | None = None,
              links: Mapping[str, str] | None = None) -> go.Figure:
    """A bar chart of ``y`` by ``x`` (horizontal by default, largest on top). ``axis`` holds the
    value axis settings; ``links`` maps ``x`` labels to URLs opened on click."""
    df = frame.dropna(subset=[y])
    value_axis = _axis(axis or {"tickformat": ","})
    if horizontal:
        df = df.sort_values(y)
    labels = df[x].astype(str)
    bar: dict[str, Any] = {"type": "bar", "marker": {"color": _values(df[color] if color and horizontal else df[y]),
                                                      "colorscale": COLORSCALE}}
    if links:
        bar["customdata"] = [links.get(str(v)) for v in df[x]]
    if horizontal:
        bar.update(x=_values(df[y]), y=_values(labels), orientation="h")
    else:
        bar.update(x=_values(labels), y=_values(df[y]))
    layout = {**_layout(title), "height": max(320, 22 * len(df) + 80) if horizontal else 320,
              "margin": {"l": 140 if horizontal else 50, "r": 20, "t": 40, "b": 50}}
    values = pd.to_numeric(df[y], errors="coerce")
    if len(values) and (values.dropna() % 1 == 0).all() and values.max() <= 10:  # small counts: whole ticks
        value_axis = {**value_axis, "dtick": 1, "rangemode": "tozero"}
    value_key, label_key = ("xaxis", "yaxis") if horizontal else ("yaxis", "xaxis")
    layout[value_key] = value_axis
    layout[label_key] = {"type": "category"}
    return spec_figure([bar], layout)


def spec_figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure of ``data`` (traces) and ``layout`` written as Plotly's JSON schema spells them
    (nested, no ``magic_underscore`` keys, arrays as NumPy arrays), made without Plotly's
    property validation, which takes about 10 ms a figure: a third of the firm page's time for its
    two charts.
    ``tests/web/test_figures.py`` checks that Plotly's validated figure of the same spec is
    the same JSON, so what is skipped here is checked there."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _layout(title: str) -> dict[str, Any]:
    return {"title": {"text": title}, **_LAYOUT}


def _axis(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Axis settings as nested dicts (``title_text`` → ``title: {text}``)."""
    out: dict[str, Any] = {}
    for k, v in settings.items():
        if k == "title" and isinstance(v, str):
            out["title"] = {**out.get("title", {}), "text": v}
        elif k.startswith("title_"):
            out["title"] = {**out.get("title", {}), k[len("title_"):]: v}
        else:
            out[k] = v
    return out


def _values(series: pd.Series) -> Any:
    """A column as Plotly's validators would store it: numbers as a NumPy array, else a list."""
    arr = series.to_numpy()
    if arr.dtype.kind in "iufb":
        return arr
    return arr.tolist()


def stacked_bar_chart(frame: pd.DataFrame, *, x: str, parts: list[str], labels: Mapping[str, str],
                      axis: Mapping[str, Any] | None = None, title: str = "") -> go.Figure:
    """Horizontal bars of ``parts`` stacked (negative parts to the left), one row per ``x`` in the
    frame's order, top to bottom (e.g. the shift-share effects of an industry's change)."""
    colours = ("#a6c8e4", "#4a90c4", "#dd6b20", "#38a169")
    fig = go.Figure()
    for k, p in enumerate(parts):
        fig.add_trace(go.Bar(y=frame[x].astype(str), x=frame[p], name=labels.get(p, p), orientation="h",
                             marker={"color": colours[k % len(colours)]}))
    fig.update_layout(barmode="relative", title=title, legend={"orientation": "h", "y": -0.12},
                      **{**_LAYOUT, "height": max(340, 26 * len(frame) + 120),
                         "margin": {"l": 140, "r": 20, "t": 30, "b": 70}})
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(**dict(axis or {"tickformat": ","}))
    return fig


def scatter_chart(frame: pd.DataFrame, *, x: str, y: str, text: str, size: str | None = None,
                  color: str | None = None, title: str = "", x_title: str = "", y_title: str = "") -> go.Figure:
    """A labelled scatter (e.g. opportunities: feasibility × attractiveness)."""
    marker: dict[str, Any] = {"opacity": 0.8}
    if size and size in frame:
        s = frame[size].fillna(0).clip(lower=0)
        marker["size"] = 6 + 24 * (s / s.max() if s.max() else s)
    if color and color in frame:
        marker["color"] = frame[color]
        marker["colorscale"] = COLORSCALE
        marker["showscale"] = True
    fig = go.Figure(go.Scatter(x=frame[x], y=frame[y], mode="markers", text=frame[text],
                               hovertemplate="%{text}<br>%{x:.3f}, %{y:.3f}<extra></extra>", marker=marker))
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, **{**_LAYOUT, "height": 420})
    return fig


_OPP_TEXT = {
    "zh": {"distance": "距离（1 − 关联密度）", "density": "关联密度", "pci": "产品复杂度 PCI",
           "cog": "复杂度机会收益 COG", "size": "气泡大小：该行业在比较地区的合计{measure}",
           "value": "本地现有{measure}", "total": "比较地区合计{measure}", "score": "综合得分",
           "output": "产值（万元）"},
    "en": {"distance": "distance (1 − relatedness density)", "density": "relatedness density",
           "pci": "product complexity (PCI)", "cog": "complexity outlook gain (COG)",
           "size": "bubble size: the industry's total {measure} across the compared regions",
           "value": "current local {measure}", "total": "total {measure} of the compared regions",
           "score": "score", "output": "output (10k yuan)"},
}


def opportunity_scatter(frame: pd.DataFrame, *, lang: str = "zh", x: str = "distance", y: str = "pci",
                        size: str = "total", measure: str = "output", title: str = "") -> go.Figure:
    """Opportunities as a bubble chart: ``x`` (distance = 1 − density, or density) against ``y``
    (PCI or COG), bubble area by ``size`` (the industry's total across the compared regions),
    colour by the opportunity score; one point per row of
    :func:`xinzhi.analytics.opportunities.opportunities` (or per child region and industry for a
    province, labelled ``region_name · name``). Diameter ``8 + 32 * sqrt(v / max v)`` pixels.
    Near and complex (left, high) is the low-hanging, valuable corner."""
    text = _OPP_TEXT.get(lang, _OPP_TEXT["zh"])
    unit = text["output"] if measure == "output" else measure
    df = frame.reset_index(drop=True)
    label = df["name"].fillna(df["industry"].astype(str)) if "name" in df else df["industry"].astype(str)
    label = df["industry"].astype(str) + " " + label.astype(str)
    if "region_name" in df:
        label = df["region_name"].astype(str) + " · " + label
    v = pd.to_numeric(df[size], errors="coerce").fillna(0).clip(lower=0) if size in df else pd.Series(0.0, index=df.index)
    diam = 8 + 32 * (v / v.max()) ** 0.5 if len(v) and v.max() > 0 else pd.Series(8.0, index=df.index)
    custom = [[lab, float(t), float(c) if pd.notna(c) else None, float(val)]
              for lab, t, c, val in zip(label, v, df.get("cog", pd.Series(float("nan"), index=df.index)),
                                        pd.to_numeric(df.get("value", 0.0), errors="coerce").fillna(0.0), strict=True)]
    hover = ("%{customdata[0]}<br>" + text[x] + ": %{x:.3f}<br>" + text[y] + ": %{y:.2f}<br>"
             + text["total"].format(measure=unit) + ": %{customdata[1]:,.0f}<br>"
             + text["value"].format(measure=unit) + ": %{customdata[3]:,.0f}<extra></extra>")
    marker: dict[str, Any] = {"size": diam, "opacity": 0.75, "line": {"color": "white", "width": 1}}
    if "score" in df:
        marker.update({"color": df["score"], "colorscale": COLORSCALE, "showscale": True,
                       "colorbar": {"title": {"text": text["score"]}, "thickness": 12}})
    fig = go.Figure(go.Scatter(x=df[x], y=df[y], mode="markers", customdata=custom, hovertemplate=hover,
                               marker=marker, name=""))
    note = text["size"].format(measure=unit)
    fig.update_layout(title=title, xaxis_title=text[x], yaxis_title=text[y],
                      annotations=[{"text": note, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0,
                                    "y": -0.2, "font": {"size": 10, "color": "#718096"}, "xanchor": "left"}],
                      **{**_LAYOUT, "height": 440, "margin": {"l": 60, "r": 20, "t": 40, "b": 80}})
    return fig


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def _thin(ring: list[list[float]], step: int) -> list[list[float]]:
    if len(ring) <= 4 * step:
        return ring
    return [*ring[::step], ring[-1]]


def choropleth_map(geojson: Mapping[str, Any], values: Mapping[str, float] | None = None, *,
                   highlight: Iterable[str] = (), names: Mapping[str, str] | None = None,
                   title: str = "", note: str = "", simplify: int = 1, height: int = 460,
                   value_text: Mapping[str, str] | None = None, links: Mapping[str, str] | None = None,
                   colorbar_title: str = "") -> go.Figure:
    """Regions of ``geojson`` (feature ``id`` = GB/T 2260 code) filled by ``values``.

    Without values, features in ``highlight`` are drawn dark and the others light. Each
    feature is one filled polygon trace; ``simplify`` keeps every n-th vertex. ``value_text``
    gives the hover text of each value (formatted by the caller, units included); ``links``
    maps codes to the URL a click opens (``customdata`` of the trace, followed by
    ``static/app.js``): the drill-down from a province's cities to a city's counties.
    """
    values = dict(values or {})
    names = names or {}
    value_text = value_text or {}
    links = links or {}
    hl = set(highlight)
    known = [v for v in values.values() if v is not None and pd.notna(v)]
    lo, hi = (min(known), max(known)) if known else (0.0, 1.0)
    fig = go.Figure()
    for feat in geojson.get("features", []):
        code = str(feat.get("id") or feat.get("properties", {}).get("code", ""))
        v = values.get(code)
        if known and v is not None and pd.notna(v):
            t = 0.15 + 0.85 * ((v - lo) / (hi - lo) if hi > lo else 1.0)
            fill = sample_colorscale(COLORSCALE, [t])[0]
        elif code in hl:
            fill = "#2b6cb0"
        else:
            fill = "#e2e8f0"
        name = names.get(code) or feat.get("properties", {}).get("name", code)
        shown = value_text.get(code) or (f"{v:,.0f}" if v is not None and pd.notna(v) else "")
        hover = f"<b>{name}</b>" + (f"<br>{shown}" if shown else "")
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in _rings(feat["geometry"]):
            r = _thin(ring, simplify)
            xs += [p[0] for p in r] + [None]
            ys += [p[1] for p in r] + [None]
        link = links.get(code)
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=fill, mode="lines",
                                 line={"color": "#4a5568" if code in hl else "#718096", "width": 1.6 if code in hl else 0.6},
                                 hoverinfo="text", text=hover, hoveron="fills", name=str(name), showlegend=False,
                                 customdata=[link] * len(xs) if link else None,
                                 meta={"region": code}))
    if known:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker={"colorscale": COLORSCALE, "cmin": lo, "cmax": hi, "color": [lo],
                                         "showscale": True,
                                         "colorbar": {"thickness": 12, "tickformat": ",",
                                                      "title": {"text": colorbar_title, "side": "right"}}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.2)
    annotations = [{"text": note, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": -0.02,
                    "font": {"size": 10, "color": "#718096"}, "xanchor": "left"}] if note else []
    fig.update_layout(title=title, annotations=annotations, **{**_LAYOUT, "height": height,
                                                               "margin": {"l": 10, "r": 10, "t": 30, "b": 20}})
    return fig


def treemap_chart(frame: pd.DataFrame, *, labels: str, values: str, title: str = "") -> go.Figure:
    """A treemap of ``values`` by ``labels`` (sub-regions of a region without boundaries)."""
    df = frame.dropna(subset=[values])
    fig = go.Figure(go.Treemap(labels=df[labels].astype(str), parents=[""] * len(df), values=df[values],
                               marker={"colors": df[values], "colorscale": COLORSCALE}))
    fig.update_layout(title=title, **_LAYOUT)
    return fig


def timeline_chart(frame: pd.DataFrame, *, name: str = "name", start: str = "start_date",
                   planned_end: str = "planned_completion", actual_end: str = "actual_end", late: str = "late",
                   as_of: Any = None, text: Mapping[str, str]) -> go.Figure:
    """Planned against actual construction periods, one row per project (a Gantt chart).

    The planned period (``start`` to ``planned_end``) is a wide light bar; the actual one (``start``
    to ``actual_end``: the completion date, else the reporting date) a narrow bar over it, red when
    ``late``; a dashed line marks ``as_of``. ``text`` holds the legend labels ``planned``,
    ``actual``, ``late`` and ``as_of``.
    """
    df = frame.dropna(subset=[start]).reset_index(drop=True)
    fig = go.Figure()

    def segments(end_col: str, rows: pd.DataFrame) -> tuple[list[Any], list[Any]]:
        xs: list[Any] = []
        ys: list[Any] = []
        for r in rows.itertuples(index=False):
            s0, e0 = getattr(r, start), getattr(r, end_col)
            if pd.isna(s0) or pd.isna(e0):
                continue
            xs += [s0, e0, None]
            ys += [getattr(r, name), getattr(r, name), None]
        return xs, ys

    xs, ys = segments(planned_end, df)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=text["planned"], line={"color": "#cbd5e0", "width": 14},
                             hoverinfo="skip"))
    flag = df[late].fillna(False).astype(bool) if late in df else pd.Series(False, index=df.index)
    for is_late, colour, key in ((False, "#2b6cb0", "actual"), (True, "#c53030", "late")):
        xs, ys = segments(actual_end, df[flag == is_late])
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=text[key], line={"color": colour, "width": 5},
                                     hoverinfo="skip"))
    if as_of is not None:
        fig.add_vline(x=as_of, line={"dash": "dash", "color": "#4a5568", "width": 1})
        fig.add_annotation(x=as_of, y=1, yref="paper", text=text["as_of"], showarrow=False, yanchor="bottom",
                           font={"size": 10, "color": "#4a5568"})
    fig.update_yaxes(type="category", autorange="reversed", categoryorder="array", categoryarray=list(df[name]))
    fig.update_xaxes(type="date", tickformat="%Y-%m", hoverformat="%Y-%m-%d")
    fig.update_layout(**{**_LAYOUT, "height": max(320, 24 * len(df) + 120),
                         "margin": {"l": 260, "r": 20, "t": 40, "b": 40}},
                      legend={"orientation": "h", "y": 1.06, "x": 0})
    return fig


def heatmap_chart(matrix: pd.DataFrame, *, title: str = "", colorbar_title: str = "",
                  value_format: str = ",d") -> go.Figure:
    """A heatmap of a region × item matrix (rows top to bottom as given), each cell labelled with
    its value (e.g. local firms of each city in each chain node)."""
    z = matrix.to_numpy(dtype=float)
    text = [[(f"{v:{value_format}}" if value_format != ",d" else f"{int(v):,}") if pd.notna(v) else "" for v in row]
            for row in z]
    fig = go.Figure(go.Heatmap(z=z, x=[str(c) for c in matrix.columns], y=[str(i) for i in matrix.index],
                               text=text, texttemplate="%{text}", colorscale=[[0, "#f7fbff"], [0.15, "#c6dbef"],
                                                                              [1, "#08306b"]],
                               hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
                               colorbar={"thickness": 12, "tickformat": ",", "title": {"text": colorbar_title}}))
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(type="category", side="top", tickangle=-40)
    fig.update_layout(title=title, **{**_LAYOUT, "height": max(360, 26 * len(matrix) + 200),
                                      "margin": {"l": 130, "r": 20, "t": 150, "b": 20}})
    return fig


#: industry-space node colours: present industries, candidate industries, others
SPACE_COLORS = {"present": "#2b6cb0", "candidate": "#dd6b20", "other": "#b8c2cc"}


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, *, text: Mapping[str, str]) -> go.Figure:
    """An industry space (Atlas of Economic Complexity style): industries as points placed by a
    force layout of their proximity, links between related industries, the region's present
    industries in blue and its candidate industries in orange, point area by output.

    ``nodes``: ``id``, ``x``, ``y``, ``role`` (present / candidate / other), ``size`` (pixels),
    ``hover``, ``label`` (shown for candidates); ``edges``: ``source``, ``target`` (node ids).
    ``text`` holds the legend labels of the three roles.
    """
    pos = nodes.set_index("id")[["x", "y"]]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for s, t in zip(edges["source"], edges["target"], strict=True):
        if s in pos.index and t in pos.index:
            xs += [pos.at[s, "x"], pos.at[t, "x"], None]
            ys += [pos.at[s, "y"], pos.at[t, "y"], None]
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#cbd5e0", "width": 0.7}, hoverinfo="skip",
                               showlegend=False))
    for role in ("other", "present", "candidate"):
        sub = nodes[nodes["role"] == role]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=sub["x"], y=sub["y"], mode="markers+text" if role == "candidate" else "markers", name=text[role],
            text=sub["label"] if role == "candidate" else None, textposition="top center",
            textfont={"size": 10, "color": "#7b341e"}, hovertext=sub["hover"], hoverinfo="text",
            marker={"color": SPACE_COLORS[role], "size": sub["size"], "line": {"color": "white", "width": 0.5},
                    "opacity": 0.95 if role != "other" else 0.8}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(**{**_LAYOUT, "height": 620, "margin": {"l": 10, "r": 10, "t": 30, "b": 10}},
                      legend={"orientation": "h", "y": 1.04, "x": 0}, hovermode="closest")
    return fig


def figure_json(fig: go.Figure) -> str:
    """The figure as JSON for the page's script (``Plotly.newPlot``)."""
    return str(fig.to_json())


# ---------------------------------------------------------------- chain graph
#: node colours by local coverage status (greens: present; orange: weak, 强链; red: gap, 补链)
CHAIN_STATUS_COLORS = {"strong": "#1b7837", "present": "#74c476", "weak": "#f39c12", "thin": "#e34a33",
                       "missing": "#c0392b", "absent": "#c0392b", "no_data": "#cbd5e0"}
#: outline and legend colour of bottleneck (卡脖子) nodes
BOTTLENECK_COLOR = "#5b2c83"
_CHAIN_TEXT = {
    "zh": {"strong": "优势", "present": "具备", "weak": "薄弱（强链）", "thin": "缺链（补链，企业过少）",
           "missing": "缺链（补链）", "absent": "缺失（补链／延链）", "no_data": "无数据", "bottleneck": "卡脖子",
           "gap": "补链", "weak_link": "强链",
           "extension": "延链", "firms": "本地企业", "revenue": "本地营收（万元）", "strength": "相对强度",
           "action": "建议", "stage": "环节", "upstream": "上游", "midstream": "中游", "downstream": "下游"},
    "en": {"strong": "strong", "present": "present", "weak": "weak (strengthen)", "thin": "gap (too few firms)",
           "missing": "gap (fill)", "absent": "absent (fill / extend)", "no_data": "no data",
           "bottleneck": "bottleneck", "gap": "fill gap", "weak_link": "strengthen",
           "extension": "extend", "firms": "local firms", "revenue": "local revenue (10k yuan)",
           "strength": "relative strength", "action": "action", "stage": "stage", "upstream": "upstream",
           "midstream": "midstream", "downstream": "downstream"},
}
_ARROWS_UP_TO = 150  # more edges than this: plain lines, no arrowhead annotations


def chain_layout(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Positions of chain nodes: ``x`` by stage (upstream left), ``y`` spread within a stage.

    ``x`` is the dense rank of ``stage`` (0, 1, ...), so missing stage numbers leave no empty
    column. Within a stage, nodes are ordered by the mean ``y`` of their upstream neighbours
    already placed (the barycentre heuristic of Sugiyama et al. 1981, one left-to-right sweep),
    then by node id, and centred on ``y = 0`` one unit apart, first node on top.

    Returns
    -------
    pandas.DataFrame
        ``node``, ``x``, ``y`` in the order of ``nodes``.
    """
    stage = pd.to_numeric(nodes["stage"], errors="coerce").fillna(0)
    rank = stage.rank(method="dense").astype(int) - 1
    ids = nodes["node"].astype(str).tolist()
    preds: dict[str, list[str]] = {n: [] for n in ids}
    for s, t in zip(edges["source"].astype(str), edges["target"].astype(str), strict=True):
        if s in preds and t in preds:
            preds[t].append(s)
    y: dict[str, float] = {}
    for r in sorted(set(rank)):
        members = [n for n, k in zip(ids, rank, strict=True) if k == r]

        def key(n: str) -> tuple[float, str]:
            placed = [y[p] for p in preds[n] if p in y]
            return (-(sum(placed) / len(placed)) if placed else 0.0, n)

        members.sort(key=key)
        for i, n in enumerate(members):
            y[n] = (len(members) - 1) / 2 - i
    return pd.DataFrame({"node": ids, "x": rank.to_numpy(), "y": [y[n] for n in ids]})


def _actions(row: Mapping[str, Any], text: Mapping[str, str]) -> str:
    if isinstance(row.get("action"), str):  # one action per node (补链 / 延链 / 强链), see chains.coverage
        named = {"补链": text["gap"], "延链": text["extension"], "强链": text["weak_link"]}
        parts = [named[row["action"]]] if row["action"] in named else []
        return "、".join(parts + ([text["bottleneck"]] if bool(row.get("bottleneck") or False) else []))
    flags = (("gap", "gap"), ("weak_link", "weak_link"), ("extension", "extension"), ("bottleneck", "bottleneck"))
    return "、".join(text[k] for col, k in flags if bool(row.get(col) or False))


def chain_graph(coverage: pd.DataFrame, edges: pd.DataFrame, *, title: str = "", lang: str = "zh",
                size_by: str = "local_revenue") -> go.Figure:
    """The chain as a directed graph coloured by local coverage.

    Nodes are placed by :func:`chain_layout` (stages left to right, upstream to downstream);
    each edge ``source → target`` of ``edges`` is a line with an arrowhead at the target.
    Marker colour is the node's ``status`` from :func:`xinzhi.chains.coverage.node_coverage`
    (strong / present / weak / thin / missing, one legend entry each); bottleneck (卡脖子) nodes
    are diamonds with a purple outline. Marker area grows with ``size_by`` (``local_revenue`` or
    ``local_firms``): diameter ``12 + 24 * sqrt(v / max v)`` pixels. The hover shows the
    name, local firms, local revenue, relative strength and the actions (补链 / 强链 / 延链).

    Parameters
    ----------
    coverage : pandas.DataFrame
        One row per node: ``node``, ``name``, ``stage``, ``status``; optionally ``bottleneck``,
        ``local_firms``, ``local_revenue``, ``relative_strength``, ``gap``, ``weak_link``,
        ``extension``, ``segment``.
    edges : pandas.DataFrame
        ``source``, ``target``; edges with an end outside ``coverage`` are dropped.
    lang : {"zh", "en"}
        Language of legend and hover text.
    """
    text = _CHAIN_TEXT.get(lang, _CHAIN_TEXT["zh"])
    cov = coverage.reset_index(drop=True)
    pos = chain_layout(cov, edges).set_index("node")
    cov = cov.assign(node=cov["node"].astype(str))
    cov["x"] = cov["node"].map(pos["x"])
    cov["y"] = cov["node"].map(pos["y"])
    big = len(cov) > 80 or (cov.groupby("x").size().max() if len(cov) else 0) > 20
    v = pd.to_numeric(cov[size_by], errors="coerce").fillna(0).clip(lower=0) if size_by in cov else pd.Series(0.0, index=cov.index)
    base, span = (6.0, 12.0) if big else (12.0, 24.0)
    cov["size"] = base + span * (v / v.max()) ** 0.5 if len(v) and v.max() > 0 else base
    bott = cov["bottleneck"].fillna(False).astype(bool) if "bottleneck" in cov else pd.Series(False, index=cov.index)

    def hover(r: Mapping[str, Any]) -> str:
        rs = r.get("relative_strength")
        lines = [f"<b>{r['name']}</b> ({r['node']})", f"{text['stage']} {r['stage']}: {text.get(str(r['status']), r['status'])}",
                 f"{text['firms']}: {int(r.get('local_firms') or 0):,}",
                 f"{text['revenue']}: {float(r.get('local_revenue') or 0):,.0f}",
                 f"{text['strength']}: " + (f"{rs:.2f}" if rs is not None and pd.notna(rs) else "–")]
        act = _actions(r, text)
        if act:
            lines.append(f"{text['action']}: {act}")
        return "<br>".join(lines)

    cov["hover"] = [hover(r) for r in cov.to_dict("records")]
    ends = edges[edges["source"].astype(str).isin(pos.index) & edges["target"].astype(str).isin(pos.index)]
    ends = ends.drop_duplicates(["source", "target"])
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for s, t in zip(ends["source"].astype(str), ends["target"].astype(str), strict=True):
        xs += [pos.at[s, "x"], pos.at[t, "x"], None]
        ys += [pos.at[s, "y"], pos.at[t, "y"], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="edges", hoverinfo="skip", showlegend=False,
                             line={"color": "#b8c2cc", "width": 1 if big else 1.4}))
    for status, colour in CHAIN_STATUS_COLORS.items():
        sub = cov[cov["status"] == status]
        if sub.empty:
            continue
        sb = bott[sub.index]
        fig.add_trace(go.Scatter(
            x=sub["x"], y=sub["y"], mode="markers" if big else "markers+text", name=text[status],
            text=None if big else sub["name"], textposition="top center", textfont={"size": 11, "color": "#2d3748"},
            hovertext=sub["hover"], hoverinfo="text",
            marker={"color": colour, "size": sub["size"], "symbol": ["diamond" if b else "circle" for b in sb],
                    "line": {"color": [BOTTLENECK_COLOR if b else "white" for b in sb],
                             "width": [3 if b else 1 for b in sb]}}))
    if bott.any():  # a legend entry for the outline; no points of its own
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=text["bottleneck"], hoverinfo="skip",
                                 marker={"symbol": "diamond-open", "size": 12, "color": BOTTLENECK_COLOR,
                                         "line": {"width": 3}}))
    size = cov.set_index("node")["size"]
    annotations = [] if len(ends) > _ARROWS_UP_TO else [
        {"x": pos.at[t, "x"], "y": pos.at[t, "y"], "ax": pos.at[s, "x"], "ay": pos.at[s, "y"],
         "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "text": "", "showarrow": True,
         "arrowhead": 2, "arrowsize": 1.2, "arrowwidth": 1.4, "arrowcolor": "#8896a5",
         "standoff": float(size[t]) / 2 + 2, "startstandoff": float(size[s]) / 2}
        for s, t in zip(ends["source"].astype(str), ends["target"].astype(str), strict=True)]
    seg_col = cov["segment"].fillna("").astype(str) if "segment" in cov else pd.Series("", index=cov.index)
    stages = pd.DataFrame({"stage": cov.groupby("x")["stage"].first(),
                           "seg": seg_col.groupby(cov["x"]).agg(lambda s: s.iat[0] if s.nunique() == 1 else "")})
    ticktext = [f"{text['stage']} {st}" + (f"<br>{text.get(str(sg), sg)}" if sg else "")
                for st, sg in zip(stages["stage"], stages["seg"], strict=True)]
    per_stage = int(cov.groupby("x").size().max()) if len(cov) else 1
    height = min(1000, max(380, (18 if big else 58) * per_stage + 140))
    fig.update_xaxes(tickvals=list(stages.index), ticktext=ticktext, showgrid=False, zeroline=False,
                     title={"text": f"{text['upstream']} → {text['downstream']}", "font": {"size": 11}},
                     range=[-0.5, max(len(stages) - 0.5, 0.5)])
    fig.update_yaxes(visible=False, range=[-(per_stage / 2) - 0.2, per_stage / 2 + 0.3])
    fig.update_layout(title=title, annotations=annotations, hovermode="closest",
                      legend={"orientation": "h", "y": -0.12, "x": 0},
                      **{**_LAYOUT, "height": height, "margin": {"l": 20, "r": 20, "t": 40, "b": 90}})
    return fig
