"""PostgreSQL row-level security on the enterprise mirror, checked directly in the database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.web.conftest import E1, E2, E3, E4
from xinzhi.access import rls
from xinzhi.access.scope import scope_for
from xinzhi.access.users import get_user
from xinzhi.workspace import Workspace

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_ws(tmp_path_factory: pytest.TempPathFactory, postgres_url: str):  # type: ignore[no-untyped-def]
    from tests.web.conftest import fill_workspace
    from xinzhi.workspace import open_workspace

    eng = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(sa.text('CREATE DATABASE "rls_test"'))
    eng.dispose()
    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("rls") / "ws",
                                       catalog_url=postgres_url.replace("/xinzhi_test?", "/rls_test?")))
    rls.sync_mirror(ws)
    yield ws
    ws.close()


def test_policy_filters_by_scope(pg_ws: Workspace) -> None:
    regions = pg_ws.to_pandas("region")
    cd = scope_for(get_user(pg_ws, "chengdu"), regions)
    my = scope_for(get_user(pg_ws, "mianyang"), regions)
    admin = scope_for(get_user(pg_ws, "admin"), regions)
    assert set(rls.scoped_rows(pg_ws, cd)["credit_code"]) == {E1, E3, E4}
    assert set(rls.scoped_rows(pg_ws, my)["credit_code"]) == {E2, E3}
    assert set(rls.scoped_rows(pg_ws, admin)["credit_code"]) == {E1, E2, E3, E4}
    assert rls.scoped_rows(pg_ws, cd, credit_code=E2).empty


def test_database_alone_hides_rows(pg_ws: Workspace) -> None:
    """Without the session setting the web role sees nothing; with a city's codes, only its rows,
    even for a query that asks for everything (no application filter involved)."""
    with pg_ws.engine.begin() as conn:
        conn.execute(sa.text("SET LOCAL ROLE xinzhi_web"))
        assert conn.execute(sa.text("SELECT count(*) FROM web_enterprise")).scalar_one() == 0
    with pg_ws.engine.begin() as conn:
        conn.execute(sa.text("SET LOCAL ROLE xinzhi_web"))
        conn.execute(sa.text("SELECT set_config('app.scope_codes', '510700,510703', true)"))
        got = {r[0] for r in conn.execute(sa.text("SELECT credit_code FROM web_enterprise"))}
        assert got == {E2, E3}
        with pytest.raises(sa.exc.DBAPIError):
            conn.execute(sa.text("DELETE FROM web_enterprise"))  # the web role can only read


def test_mirror_follows_new_snapshots(pg_ws: Workspace) -> None:
    import pandas as pd

    ent = pg_ws.to_pandas("enterprise")
    ent.loc[ent["credit_code"] == E1, "name"] = "改名后的公司"
    pg_ws.write("enterprise", ent, source="rename")
    assert rls.sync_mirror(pg_ws)
    admin = scope_for(get_user(pg_ws, "admin"), pg_ws.to_pandas("region"))
    rows = rls.scoped_rows(pg_ws, admin)
    assert rows.set_index("credit_code").loc[E1, "name"] == "改名后的公司"
    assert isinstance(rows, pd.DataFrame)
