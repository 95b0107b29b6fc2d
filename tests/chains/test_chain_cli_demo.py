"""CLI commands and the demo workspace (a small demo: 3,000 enterprises)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from xinzhi.cli.main import app
from xinzhi.demo.build import build_demo

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(tmp_path_factory.mktemp("demo")) / "ws"
    build_demo(path, n_enterprises=3000).close()
    return path


def _ok(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_demo_has_chains_and_cluster_systems(demo: Path) -> None:
    out = _ok("-w", str(demo), "chain", "list")
    assert "nev" in out and "pv" in out and "io-2020" in out
    assert "demo-sc" in _ok("-w", str(demo), "cluster-system", "list")


def test_chain_commands_on_demo(demo: Path, tmp_path: Path) -> None:
    assert "新能源汽车" in _ok("-w", str(demo), "chain", "show", "nev", "--region", "510100")
    _ok("-w", str(demo), "chain", "gaps", "nev", "--region", "510100", "--out", str(tmp_path / "gaps.csv"))
    gaps = pd.read_csv(tmp_path / "gaps.csv", dtype={"node": str})
    # every listed node has an action, ranked by priority; no node without data is listed
    assert gaps["action"].isin(["补链", "延链", "强链"]).all()
    assert list(gaps["rank"]) == list(range(1, len(gaps) + 1))
    assert list(gaps["priority"]) == sorted(gaps["priority"], reverse=True)
    assert (gaps["status"] != "no_data").all() and gaps["reason_zh"].notna().all()
    # a county with few firms has absent nodes; its targets come from outside its city, with reasons
    _ok("-w", str(demo), "chain", "gaps", "nev", "--region", "510104", "--out", str(tmp_path / "g2.csv"))
    assert (pd.read_csv(tmp_path / "g2.csv")["status"] == "absent").any()
    _ok("-w", str(demo), "chain", "targets", "pv", "--region", "510104", "--out", str(tmp_path / "t.xlsx"))
    t = pd.read_excel(tmp_path / "t.xlsx", dtype={"region_code": str}, engine="calamine")
    assert len(t) > 0
    assert not t["region_code"].str.startswith("5101").any()
    assert t["reason_en"].str.contains("node").all() and t["reason_zh"].str.contains("环节").all()


def test_chain_tables_speak_one_language(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Titles, headers, notes and reasons follow XINZHI_LANG unless --lang says otherwise."""
    en = _ok("-w", str(demo), "chain", "gaps", "nev", "--region", "510100")
    assert "gaps for" in en and "bands of relative strength" in en and "本地" not in en
    monkeypatch.setenv("XINZHI_LANG", "zh")
    zh = _ok("-w", str(demo), "chain", "gaps", "nev", "--region", "510100")
    assert "补链、延链与强链" in zh and "相对强度分档" in zh and "gaps for" not in zh
    zh_targets = _ok("-w", str(demo), "chain", "targets", "nev", "--region", "510100")
    assert "招商目标（本市以外）" in zh_targets and "targets for" not in zh_targets


def test_clusters_command_on_demo(demo: Path, tmp_path: Path) -> None:
    _ok("-w", str(demo), "clusters", "510000", "--system", "demo-sc", "--out", str(tmp_path / "c.csv"))
    c = pd.read_csv(tmp_path / "c.csv")
    assert list(c["cluster_code"]) == ["E1", "E2", "P1", "P2", "P3", "D1", "D2", "D3"]
    assert (c.loc[c.basis == "industry", "share"].dropna() <= 1).all()
    # without --system: the region's systems sorted by id, the first one (demo-sc before sc-six)
    _ok("-w", str(demo), "clusters", "四川省", "--out", str(tmp_path / "d.csv"))
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "d.csv"), c)
    res = runner.invoke(app, ["-w", str(demo), "clusters", "110000"])
    assert res.exit_code == 1 and "--system" in res.output


def test_io_linkages_command(tmp_path: Path) -> None:
    _ok("io", "linkages", "--table", "2020", "--sectors", "42", "--out", str(tmp_path / "l.csv"))
    df = pd.read_csv(tmp_path / "l.csv", dtype={"code": str})
    assert len(df) == 42 and df["backward"].mean() == pytest.approx(1.0)
    res = runner.invoke(app, ["io", "linkages", "--table", "1999"])
    assert res.exit_code == 1 and "no input-output table" in res.output


def test_chain_and_system_import_export_round_trip(demo: Path, tmp_path: Path) -> None:
    _ok("-w", str(demo), "chain", "export", "nev", str(tmp_path / "nev.json"))
    _ok("-w", str(demo), "chain", "import", str(tmp_path / "nev.json"), "--chain", "nev2")
    assert "nev2" in _ok("-w", str(demo), "chain", "list")
    _ok("-w", str(demo), "cluster-system", "install", "cq-33618")
    _ok("-w", str(demo), "cluster-system", "export", "cq-33618", str(tmp_path / "cq.xlsx"))
    sheet = pd.read_excel(tmp_path / "cq.xlsx", dtype=str, engine="calamine")
    assert len(sheet) == 30 and (sheet["source"] == "placeholder").sum() == 20
    _ok("-w", str(demo), "cluster-system", "import", str(tmp_path / "cq.xlsx"))


def test_cluster_system_sheet_in_gbk_csv_imports(demo: Path, tmp_path: Path) -> None:
    """Definition sheets use the import readers: a GBK-encoded CSV, as offices send, is read."""
    from xinzhi.clusters.definitions import read_system_file
    from xinzhi.workspace import open_workspace

    _ok("-w", str(demo), "cluster-system", "export", "demo-sc", str(tmp_path / "sc.xlsx"))
    sheet = pd.read_excel(tmp_path / "sc.xlsx", dtype=str, engine="calamine")
    gbk = tmp_path / "sc-gbk.csv"
    sheet.to_csv(gbk, index=False, encoding="gbk")
    from_gbk = read_system_file(gbk)
    with open_workspace(demo, create=False) as ws:
        from xinzhi.clusters.definitions import load_system

        stored = load_system(ws, "demo-sc")
    assert sorted(from_gbk.clusters["name"]) == sorted(stored.clusters["name"])
    assert len(from_gbk.members) == len(stored.members)
