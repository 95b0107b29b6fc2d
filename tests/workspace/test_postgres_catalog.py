"""The catalog on a real PostgreSQL server (started by the test session)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from xinzhi.credit_code import make_credit_code
from xinzhi.workspace import open_workspace

pytestmark = pytest.mark.postgres


def test_workspace_with_postgres_catalog(postgres_url: str, tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws", catalog_url=postgres_url)
    assert ws.engine.dialect.name == "postgresql"
    firms = pd.DataFrame({
        "credit_code": [make_credit_code("510104", i) for i in range(3)],
        "name": ["甲", "乙", "丙"], "region_code": "510104", "industry_code": "3971",
    })
    first = ws.write("enterprise", firms, source="pg test")
    ws.write("enterprise", firms.assign(name=["A", "B", "C"]), source="pg test 2")
    assert ws.to_pandas("enterprise")["name"].tolist() == ["A", "B", "C"]
    ws.restore("enterprise", first.snapshot_id or "")
    assert ws.to_pandas("enterprise")["name"].tolist() == ["甲", "乙", "丙"]
    with ws.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        logged = conn.execute(sa.text("SELECT count(*) FROM import_log WHERE table_name='enterprise'")).scalar()
    assert version is not None and logged == 3
    ws.close()
    # reopening runs the migrations again without harm
    again = open_workspace(tmp_path / "ws", catalog_url=postgres_url, create=False)
    assert again.table("enterprise").count().execute() == 3
