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
                title: str = "") -> go.Figure:
    """One line per column of ``frame`` against ``x`` (indicator trends)."""
    labels = labels or {}
    fig = go.Figure()
    for c in columns:
        if c in frame:
            fig.add_trace(go.Scatter(x=frame[x], y=frame[c], mode="lines+markers", name=labels.get(c, c)))
    fig.update_layout(title=title, **_LAYOUT)
    fig.update_xaxes(dtick=1)
    return fig


def bar_chart(frame: pd.DataFrame, *, x: str, y: str, title: str = "", horizontal: bool = True,
              color: str | None = None) -> go.Figure:
    """A bar chart of ``y`` by ``x`` (horizontal by default, largest on top)."""
    df = frame.dropna(subset=[y])
    if horizontal:
        df = df.sort_values(y)
        bar = go.Bar(x=df[y], y=df[x].astype(str), orientation="h",
                     marker={"color": df[color] if color else df[y], "colorscale": COLORSCALE})
    else:
        bar = go.Bar(x=df[x].astype(str), y=df[y], marker={"color": df[y], "colorscale": COLORSCALE})
    fig = go.Figure(bar)
    layout = dict(_LAYOUT)
    layout["height"] = max(320, 22 * len(df) + 80) if horizontal else 320
    layout["margin"] = {"l": 140 if horizontal else 50, "r": 20, "t": 40, "b": 40}
    fig.update_layout(title=title, **layout)
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
                   title: str = "", note: str = "", simplify: int = 3, height: int = 420) -> go.Figure:
    """Regions of ``geojson`` (feature ``id`` = GB/T 2260 code) filled by ``values``.

    Without values, features in ``highlight`` are drawn dark and the others light. Each
    feature is one filled polygon trace; ``simplify`` keeps every n-th vertex.
    """
    values = dict(values or {})
    names = names or {}
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
        hover = f"{name} {code}" + (f": {v:,.0f}" if v is not None and pd.notna(v) else "")
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in _rings(feat["geometry"]):
            r = _thin(ring, simplify)
            xs += [p[0] for p in r] + [None]
            ys += [p[1] for p in r] + [None]
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=fill, mode="lines",
                                 line={"color": "#718096", "width": 0.6}, hoverinfo="text",
                                 text=hover, hoveron="fills", name=str(name), showlegend=False))
    if known:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker={"colorscale": COLORSCALE, "cmin": lo, "cmax": hi, "color": [lo],
                                         "showscale": True, "colorbar": {"thickness": 12}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.2)
    annotations = [{"text": note, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": -0.02,
                    "font": {"size": 10, "color": "#718096"}, "xanchor": "left"}] if note else []
    fig.update_layout(title=title, annotations=annotations, **{**_LAYOUT, "height": height})
    return fig


def treemap_chart(frame: pd.DataFrame, *, labels: str, values: str, title: str = "") -> go.Figure:
    """A treemap of ``values`` by ``labels`` (sub-regions of a region without boundaries)."""
    df = frame.dropna(subset=[values])
    fig = go.Figure(go.Treemap(labels=df[labels].astype(str), parents=[""] * len(df), values=df[values],
                               marker={"colors": df[values], "colorscale": COLORSCALE}))
    fig.update_layout(title=title, **_LAYOUT)
    return fig


def figure_json(fig: go.Figure) -> str:
    """The figure as JSON for the page's script (``Plotly.newPlot``)."""
    return str(fig.to_json())
