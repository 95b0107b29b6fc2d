"""Xinzhi (新质): open analytics for a region's modern industrial system.

In a notebook::

    import xinzhi
    ws = xinzhi.open_workspace("xinzhi-workspace")
    firms = ws.to_pandas("enterprise")          # or ws.to_polars(...), ws.table(...) for Ibis
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace, open_workspace


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep ``import xinzhi`` light.
    if name in ("open_workspace", "Workspace"):
        from xinzhi import workspace

        return getattr(workspace, name)
    raise AttributeError(f"module 'xinzhi' has no attribute {name!r}")


__all__ = ["Workspace", "__version__", "open_workspace"]
