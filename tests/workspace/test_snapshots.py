"""Snapshots, restore, export round trips and saved results."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from xinzhi.credit_code import make_credit_code
from xinzhi.errors import NotFoundError
from xinzhi.workspace import Workspace, open_workspace


def firms(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({
        "credit_code": [make_credit_code("510104", i) for i in range(len(names))],
        "name": names, "region_code": "510104", "industry_code": "3971",
    })


def test_restore_earlier_snapshot(ws: Workspace) -> None:
    first = ws.write("enterprise", firms(["甲", "乙"]), source="t1")
    second = ws.write("enterprise", firms(["甲2", "乙2", "丙"]), source="t2")
    assert ws.to_pandas("enterprise")["name"].tolist() == ["甲2", "乙2", "丙"]
    ws.restore("enterprise", first.snapshot_id or "")
    assert ws.to_pandas("enterprise")["name"].tolist() == ["甲", "乙"]
    assert ws.table("enterprise").count().execute() == 2
    h = ws.history("enterprise")
    assert h["action"].tolist() == ["restore", "write", "write"]
    ws.restore("enterprise", second.snapshot_id or "")  # nothing was lost
    assert len(ws.to_pandas("enterprise")) == 3


def test_restore_unknown_snapshot(ws: Workspace) -> None:
    ws.write("enterprise", firms(["甲"]), source="t")
    with pytest.raises(NotFoundError, match="no snapshot 'nope' of table 'enterprise'"):
        ws.restore("enterprise", "nope")
    region_snap = ws.current("region")
    assert region_snap is not None
    with pytest.raises(NotFoundError):
        ws.restore("enterprise", region_snap.id)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
@pytest.mark.parametrize("headers", ["en", "zh"])
def test_export_round_trip(ws: Workspace, tmp_path: Path, fmt: str, headers: str) -> None:
    ws.write("enterprise", firms(["甲", "乙"]), source="t")
    facts = pd.DataFrame({
        "credit_code": [make_credit_code("510104", 0), make_credit_code("510104", 1)],
        "year": [2024, 2024], "land_mu": [12.5, None], "tax": [3.25, 0.0],
        "land_leased": [False, True], "debt_ratio": [0.5, None],
    })
    ws.write("enterprise_year", facts, source="t")
    before = ws.to_pandas("enterprise_year")
    out = tmp_path / f"ey.{fmt}"
    ws.export("enterprise_year", out, fmt=fmt, headers=headers)
    other = open_workspace(tmp_path / "other")
    other.write("enterprise", firms(["甲", "乙"]), source="t")
    other.import_file("enterprise_year", out)
    after = other.to_pandas("enterprise_year")
    pd.testing.assert_frame_equal(before, after)
    # importing the export into the same workspace changes nothing
    assert not ws.import_file("enterprise_year", out).changed


def test_table_is_empty_but_typed_before_any_import(ws: Workspace) -> None:
    t = ws.table("enterprise_year")
    assert t.count().execute() == 0
    assert str(t.schema()["land_mu"]).startswith("float64")


def test_saved_results_and_runs(ws: Workspace) -> None:
    run1 = ws.save_result("evaluation_result", pd.DataFrame({"x": [1, 2]}), kind="evaluation", name="a")
    run2 = ws.save_result("evaluation_result", pd.DataFrame({"x": [3]}), kind="evaluation", name="b",
                          params={"year": 2024})
    assert ws.result("evaluation_result").x.execute().tolist() == [3]
    assert ws.result("evaluation_result", run1).x.execute().tolist() == [1, 2]
    assert ws.result("evaluation_result", name="a").count().execute() == 2
    runs = ws.runs(kind="evaluation")
    assert runs["id"].tolist() == [run2, run1]
    assert runs.iloc[0]["inputs"]["region"] == ws.current("region").id  # type: ignore[union-attr]
    with pytest.raises(NotFoundError):
        ws.result("nothing")


def test_schema_evolution_adds_null_columns(ws: Workspace) -> None:
    """A snapshot written before a column existed reads with that column as NULL."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ws.write("enterprise", firms(["甲"]), source="t")
    snap = ws.current("enterprise")
    assert snap is not None
    old = pq.read_table(snap.path).drop_columns(["tags"])
    pq.write_table(old, snap.path)
    assert ws.table("enterprise").tags.isnull().all().execute()
    assert isinstance(old, pa.Table)


def test_open_refuses_non_workspace_folder(tmp_path: Path) -> None:
    from xinzhi.errors import WorkspaceError

    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("x")
    with pytest.raises(WorkspaceError, match="not empty"):
        open_workspace(tmp_path / "stuff")
    with pytest.raises(WorkspaceError, match="not a Xinzhi workspace"):
        open_workspace(tmp_path / "missing", create=False)
