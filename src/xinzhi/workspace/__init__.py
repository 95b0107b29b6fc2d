"""The workspace: catalog, Parquet snapshots, validated imports, exports and restore."""

from xinzhi.workspace.workspace import ImportResult, Snapshot, Workspace, open_workspace

__all__ = ["ImportResult", "Snapshot", "Workspace", "open_workspace"]
