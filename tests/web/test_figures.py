"""The dashboard's figures built from their JSON spec without Plotly's validation
(:func:`xinzhi.web.figures.spec_figure`) must be exactly what Plotly's validated figure of
the same spec is: validation raises on a misspelt property or a wrong value, and coerces
values (lists, arrays, nested titles); the JSON comparison catches any difference."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from xinzhi.web import figures
from xinzhi.web.formatting import axis

AXES = [None, axis("money", "zh", money="wan", title="金额"), axis("pct", "en", title="share"),
        axis("count", "zh"), {"tickformat": ",", "title_text": "x"}]


def frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"year": np.arange(2015, 2015 + n), "a": rng.normal(size=n) * 100,
                       "b": rng.integers(0, 10, size=n), "c": pd.array(rng.integers(0, 5, size=n), dtype="Int64"),
                       "name": [f"名{i}" for i in range(n)], "col": rng.random(n)})
    if n:
        df.loc[0, "a"] = np.nan
    return df


def validated(fig: go.Figure) -> dict[str, object]:
    out: dict[str, object] = json.loads(go.Figure(fig.to_plotly_json()).to_json())
    return out


def as_json(fig: go.Figure) -> dict[str, object]:
    out: dict[str, object] = json.loads(figures.figure_json(fig))
    return out


@pytest.mark.parametrize("n", [0, 1, 7])
@pytest.mark.parametrize("k", range(len(AXES)))
def test_spec_figures_are_what_plotly_validates(n: int, k: int) -> None:
    df = frame(n, seed=n * 10 + k)
    links = {f"名{i}": f"/enterprises/{i}" for i in range(0, n, 2)}
    for y in ("a", "b", "c"):
        for horizontal in (True, False):
            fig = figures.bar_chart(df, x="name", y=y, title="标题" if k % 2 else "", horizontal=horizontal,
                                    axis=AXES[k], links=links if k % 2 else None, color="col" if k == 2 else None)
            assert as_json(fig) == validated(fig)
    fig = figures.trend_chart(df, columns=["a", "b", "missing", "c"], labels={"a": "甲"}, axis=AXES[k])
    assert as_json(fig) == validated(fig)


def test_bar_chart_content() -> None:
    """Horizontal bars run smallest to largest (largest on top), missing values dropped, links
    follow their bars; small counts get whole ticks."""
    df = pd.DataFrame({"name": ["x", "y", "z", "w"], "n": [3.0, 1.0, np.nan, 2.0]})
    fig = as_json(figures.bar_chart(df, x="name", y="n", links={"x": "/x", "w": "/w"}))
    bar = fig["data"][0]  # type: ignore[index]
    assert bar["y"] == ["y", "w", "x"] and bar["orientation"] == "h"
    assert bar["customdata"] == [None, "/w", "/x"]
    assert fig["layout"]["xaxis"]["dtick"] == 1  # type: ignore[index]
    assert fig["layout"]["yaxis"]["type"] == "category"  # type: ignore[index]
