"""Building blocks of a page: tables (with export links), charts, notes and key figures."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
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
    lines: Sequence[str | tuple[str, str, str]] = field(default_factory=list)  # text, or (text, address, link text)
    links: dict[str, str] = field(default_factory=dict)  # column -> URL prefix
    link_keys: dict[str, str] = field(default_factory=dict)  # column -> column whose value ends the URL
    wide: bool = True
    max_rows: int = 500
    table: str | None = None  # name of the table spec (:data:`xinzhi.web.columns.TABLE_SPECS`)
    table_id: str = ""
    server_sort: bool = False  # sorting reloads the page with ?sort= (server-paged lists)
    sorted: tuple[str, str] | None = None  # (column, "asc" | "desc") of a server-sorted list


_counter = {"n": 0}


def table_block(title: str, frame: pd.DataFrame, *, export: str | None = None,
                params: Mapping[str, str] | None = None, links: Mapping[str, str] | None = None,
                max_rows: int = 500, wide: bool = True, table: str | None = None, server_sort: bool = False,
                sorted: tuple[str, str] | None = None, link_keys: Mapping[str, str] | None = None) -> Block:
    """A table panel. ``table`` names its presentation spec (default: the export name); every
    table sorts by any column (in the browser, or through ``?sort=`` with ``server_sort``) and
    filters by its category columns."""
    q = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    _counter["n"] += 1
    return Block(title, "table", frame=frame, export=export, export_query=q, links=dict(links or {}),
                 link_keys=dict(link_keys or {}), max_rows=max_rows, wide=wide, table=table or export, table_id=f"table-{_counter['n']}",
                 server_sort=server_sort, sorted=sorted)


def chart_block(title: str, fig: go.Figure, *, note: str = "", wide: bool = False) -> Block:
    _counter["n"] += 1
    return Block(title, "chart", chart=figure_json(fig), chart_id=f"chart-{_counter['n']}", note=note, wide=wide)


def note_block(title: str, note: str) -> Block:
    return Block(title, "note", note=note)


def guarded(title: str, build: Callable[[], Block | list[Block]], unavailable_text: str, *,
            lang: str = "en") -> list[Block]:
    """The block(s) ``build`` makes, or a note saying the capability is unavailable (with the
    analytics' reason, which is English, only on English pages)."""
    try:
        out = build()
    except Unavailable as exc:
        return [note_block(title, f"{unavailable_text} ({exc})" if lang == "en" else unavailable_text)]
    return out if isinstance(out, list) else [out]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe records (NaN → None, timestamps → ISO text), through pandas' JSON writer."""
    out: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    return out
