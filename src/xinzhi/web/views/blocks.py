"""Building blocks of a page: tables (with export links), charts, notes and key figures."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from xinzhi.web.figures import figure_json
from xinzhi.web.sections import Unavailable


@dataclass
class Block:
    """One panel of a page."""

    title: str
    kind: str  # table, chart, note, cards
    frame: pd.DataFrame | None = None
    export: str | None = None
    export_query: str = ""
    chart: str | None = None
    chart_id: str = ""
    note: str = ""
    cards: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # column -> URL prefix
    wide: bool = True
    max_rows: int = 50


_counter = {"n": 0}


def table_block(title: str, frame: pd.DataFrame, *, export: str | None = None,
                params: Mapping[str, str] | None = None, links: Mapping[str, str] | None = None,
                max_rows: int = 50, wide: bool = True) -> Block:
    q = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    return Block(title, "table", frame=frame, export=export, export_query=q, links=dict(links or {}),
                 max_rows=max_rows, wide=wide)


def chart_block(title: str, fig: go.Figure, *, note: str = "", wide: bool = False) -> Block:
    _counter["n"] += 1
    return Block(title, "chart", chart=figure_json(fig), chart_id=f"chart-{_counter['n']}", note=note, wide=wide)


def note_block(title: str, note: str) -> Block:
    return Block(title, "note", note=note)


def guarded(title: str, build: Callable[[], Block | list[Block]], unavailable_text: str) -> list[Block]:
    """The block(s) ``build`` makes, or a note saying the capability is unavailable."""
    try:
        out = build()
    except Unavailable as exc:
        return [note_block(title, f"{unavailable_text} ({exc})")]
    return out if isinstance(out, list) else [out]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe records (NaN → None, timestamps → ISO text), through pandas' JSON writer."""
    out: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    return out
