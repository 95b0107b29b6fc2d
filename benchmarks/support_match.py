"""Benchmark: matching every shipped support measure against 1,000,000 firms, Xinzhi on DuckDB vs
a plain pandas version.

Generates a synthetic matching panel (one row per firm with every name a measure reads: the
enterprise-year figures and their lags, tags, declared facts, digital level, stage; Parquet, not
timed), then, alternating, in separate processes:

* Xinzhi on DuckDB (2 threads): the panel loaded into a DuckDB table once, then every measure's
  SQL (compiled from Ibis by :func:`xinzhi.support.matching.match_sql`, as a workspace run does)
  and the push-list rows (eligible, to confirm, near) fetched as Arrow;
* pandas: the same measure files evaluated formula by formula on pandas columns by a small
  evaluator written here (NULL as NaN / NA, a NULL condition false, the same statuses), the same
  rows kept.

Both start from the Parquet file and end with the rows in memory. Prints each time, the medians,
the ratio, the load average before and after, and whether both give the same rows (firm,
measure, status and benefit).

    .venv/bin/python benchmarks/support_match.py                 # 1,000,000 firms, 2 rounds
    .venv/bin/python benchmarks/support_match.py --firms 100000 --repeat 1
"""

from __future__ import annotations

import argparse
import ast
import multiprocessing as mp
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

YEAR = 2024
KEPT = ("eligible", "to_confirm", "near")
TOL = 1e-9


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process so far (user + system): what the run cost whatever else the
    shared machine was doing."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# ------------------------------------------------------------------ data
def make_panel(n: int, path: Path, seed: int = 7) -> None:
    """A synthetic panel of ``n`` firms (distributions in the spirit of the demo's)."""
    from xinzhi.support.panel import DECLARED, GRADIENT_PROGRAMS, LAGGED

    rng = np.random.default_rng(seed)
    revenue = rng.lognormal(np.log(1100.0), 1.55, n)
    growth = rng.normal(0.06, 0.12, n)
    rd_int = np.where(rng.random(n) < 0.6, rng.lognormal(np.log(0.03), 0.7, n), 0.0)
    employees = np.maximum(np.round(revenue / rng.lognormal(np.log(85), 0.6, n)), 3)
    industries = np.array(["3411", "3670", "3976", "2720", "5211", "3922", "2614", "3311", "6513", "7010"])
    ind = industries[rng.integers(0, len(industries), n)]
    regions = np.array(["510104", "510105", "510107", "510116", "510703", "510603", "511102", "500101"])
    tag_pool = np.array(["", "", "", "", "高新技术企业", "科技型中小企业", "高新技术企业;科技型中小企业",
                         "专精特新;高新技术企业", "专精特新;专精特新小巨人", "上市企业"])
    df = pd.DataFrame({
        "credit_code": [f"F{i:09d}" for i in range(n)], "year": YEAR,
        "region_code": regions[rng.integers(0, len(regions), n)], "park_code": None, "industry_code": ind,
        "size_class": np.where(revenue > 40000, "large", np.where(revenue > 2000, "medium",
                                                                   np.where(revenue > 300, "small", "micro"))),
        "above_scale": revenue >= 2000, "established_year": YEAR - np.floor(rng.exponential(11.0, n)).astype(int),
        "tags": tag_pool[rng.integers(0, len(tag_pool), n)],
        "revenue": revenue, "revenue_1": revenue / np.exp(growth), "revenue_2": revenue / np.exp(2 * growth),
        "rd_spending": revenue * rd_int, "rd_spending_1": revenue * rd_int * 0.9, "rd_spending_2": revenue * rd_int * 0.8,
        "net_profit": revenue * rng.normal(0.05, 0.06, n), "employees": employees,
        "rd_staff": np.round(employees * np.minimum(rd_int * 4, 0.6)), "total_assets": revenue / rng.lognormal(np.log(1.1), 0.4, n),
        "value_added": revenue * 0.26, "exports": np.where(rng.random(n) < 0.15, revenue * 0.2, 0.0),
        "invention_patents": rng.poisson(np.minimum(rd_int * revenue / 400.0, 200.0)).astype(float),
        "safety_incident": rng.random(n) < 0.003,
        "digital_total": np.where(rng.random(n) < 0.2, rng.uniform(10, 80, n), np.nan),
        "stage": np.array(["seed", "growth", "scale"])[rng.choice(3, n, p=[0.5, 0.4, 0.1])],
    })
    df["ip_count"] = df["invention_patents"] + rng.poisson(3, n)
    df["age"] = (df["year"] - df["established_year"]).astype(float)
    df["digital_level"] = np.floor(df["digital_total"] / 20)
    for c in LAGGED:
        for k in (1, 2):
            if f"{c}_{k}" not in df:
                df[f"{c}_{k}"] = np.nan
    for p in GRADIENT_PROGRAMS:
        df[f"passed_{p}"] = pd.array(np.where(rng.random(n) < 0.05, True, None), dtype="boolean")
    declared = rng.random(n) < 0.5
    values: dict[str, Any] = {
        "taxable_income": np.maximum(df["net_profit"], 0) * 0.95, "tax_on_accounts": rng.random(n) < 0.92,
        "restricted_industry": rng.random(n) < 0.02, "st_staff": df["rd_staff"] * 1.4,
        "hitech_revenue_share": rng.beta(4, 3, n), "tech_field": rng.random(n) < 0.4,
        "ip_class1": df["invention_patents"], "ip_class2": df["ip_count"] - df["invention_patents"],
        "total_cost": revenue * 0.9, "vat_general": revenue >= 500, "mfg_sales_share": rng.beta(6, 2, n),
        "input_vat": 0.13 * revenue * 0.7, "other_vat_credit": rng.random(n) < 0.02,
        "first_set_product": rng.random(n) < 0.02, "first_set_insured": revenue * 0.1,
        "first_set_premium": revenue * 0.002, "credit_blacklisted": rng.random(n) < 0.005,
        "giant_since": np.where(rng.random(n) < 0.01, YEAR, np.nan), "champion_since": np.nan,
        "zjtx_since": np.nan, "digital_spend": np.where(rng.random(n) < 0.1, rng.uniform(40, 400, n), np.nan),
        "diagnosis_fee": rng.uniform(2, 6, n), "pilot_funded": rng.random(n) < 0.05, "first_loan": rng.random(n) < 0.3,
    }
    for c, dtype in DECLARED.items():
        raw = values.get(c, np.nan)
        v = pd.Series(raw if np.ndim(raw) else np.full(n, raw), index=df.index).where(declared)
        df[c] = v.astype({"float": "float64", "int": "Int64", "bool": "boolean", "str": "object"}[dtype])
    df["park_code"] = df["park_code"].astype("string")
    df.to_parquet(path, index=False)


# ------------------------------------------------------------------ Xinzhi on DuckDB
def xinzhi_run(path: str, queue: Any) -> None:
    import ibis

    from xinzhi.support.loader import load_measures
    from xinzhi.support.matching import PANEL_PLACEHOLDER, columns_read, match_sql

    t0, c0 = time.perf_counter(), _cpu()
    con = ibis.duckdb.connect()
    con.raw_sql("SET threads = 2; SET enable_progress_bar = false")
    measures = load_measures()
    cols = ", ".join(f'"{c}"' for c in columns_read(measures, con.read_parquet(path).columns))
    con.raw_sql(f"CREATE TEMP TABLE panel AS SELECT {cols} FROM read_parquet('{path}')")  # what the measures read
    t_load = time.perf_counter() - t0
    sql = match_sql(measures, con.table("panel").schema(), keep=KEPT)
    t_compile = time.perf_counter() - t0 - t_load
    rows = con.con.sql(sql.replace(f'"{PANEL_PLACEHOLDER}"', '"panel"')).to_arrow_table()
    queue.put({"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "load": t_load, "compile": t_compile,
               "peak_mb": _peak_mb(),
               "rows": rows.num_rows, "counts": _counts(rows.to_pandas())})


# ------------------------------------------------------------------ plain pandas
def _cond(x: Any) -> pd.Series:
    return pd.Series(x).astype("boolean").fillna(False).astype(bool)


def _null(x: Any) -> pd.Series:
    return pd.Series(x).isna()


class PandasFormula:
    """Evaluate a rulebook formula on pandas columns, with the compiler's NULL rules."""

    def __init__(self, df: pd.DataFrame, env: dict[str, Any]) -> None:
        self.df, self.env = df, env

    def __call__(self, text: str) -> Any:
        return self.visit(ast.parse(text.strip(), mode="eval").body)

    def visit(self, node: ast.expr) -> Any:
        return getattr(self, type(node).__name__)(node)

    def Constant(self, node: ast.Constant) -> Any:
        return np.nan if node.value is None else node.value

    def Name(self, node: ast.Name) -> Any:
        if node.id in ("True", "False"):
            return node.id == "True"
        return self.env[node.id] if node.id in self.env else self.df[node.id]

    def BinOp(self, node: ast.BinOp) -> Any:
        a, b = _num(self.visit(node.left)), _num(self.visit(node.right))
        if isinstance(node.op, ast.Div):
            b = b.where(b != 0) if isinstance(b, pd.Series) else (np.nan if b == 0 else b)
            return a / b
        return {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b}[type(node.op)]()

    def UnaryOp(self, node: ast.UnaryOp) -> Any:
        v = self.visit(node.operand)
        return ~_cond(self._series(v)) if isinstance(node.op, ast.Not) else (-_num(v) if isinstance(node.op, ast.USub) else v)

    def BoolOp(self, node: ast.BoolOp) -> Any:
        parts = [_cond(self._series(self.visit(v))) for v in node.values]
        out = parts[0]
        for p in parts[1:]:
            out = (out & p) if isinstance(node.op, ast.And) else (out | p)
        return out

    def IfExp(self, node: ast.IfExp) -> Any:
        test = _cond(self._series(self.visit(node.test)))
        return self._series(self.visit(node.body)).where(test, self._series(self.visit(node.orelse)))

    def Compare(self, node: ast.Compare) -> Any:
        out = None
        left = self.visit(node.left)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                vals = [self.visit(e) for e in comp.elts]  # type: ignore[attr-defined]
                s = self._series(left)
                part = s.isin(vals).astype("boolean").mask(s.isna())
                part = ~part if isinstance(op, ast.NotIn) else part
            else:
                right = self.visit(comp)
                a, b = self._series(left), right
                if isinstance(op, ast.GtE | ast.LtE) and isinstance(comp, ast.Constant) and isinstance(comp.value, int | float):
                    up = isinstance(op, ast.LtE)
                    b = comp.value + (1 if up else -1) * TOL * max(1.0, abs(comp.value))
                fn = {ast.Eq: "eq", ast.NotEq: "ne", ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge"}[type(op)]
                res = getattr(a, fn)(b)
                nulls = a.isna() | (self._series(b).isna() if isinstance(b, pd.Series) else pd.isna(b))
                part = res.astype("boolean").mask(nulls)
                left = right
            out = part if out is None else (out & part)
        return out

    def Call(self, node: ast.Call) -> Any:
        name = node.func.id  # type: ignore[attr-defined]
        args = [self.visit(a) for a in node.args]
        if name == "has_tag":
            s = self._series(args[0]).fillna("").astype(str)
            return (";" + s + ";").str.contains(f";{args[1]};", regex=False)
        if name == "startswith":
            s = self._series(args[0])
            return s.astype("string").str.startswith(tuple(args[1:])).astype("boolean")
        if name == "coalesce":
            out = self._series(args[0])
            for a in args[1:]:
                out = out.fillna(a)
            return out
        if name == "is_null":
            return self._series(args[0]).isna()
        if name in ("min", "max"):
            xs = [_num(self._series(a)) for a in args]
            stacked = np.vstack([x.to_numpy(dtype=float) for x in xs])
            res = stacked.min(axis=0) if name == "min" else stacked.max(axis=0)
            return pd.Series(res, index=self.df.index)
        return _num(args[0]).abs()

    def _series(self, v: Any) -> pd.Series:
        return v if isinstance(v, pd.Series) else pd.Series(v, index=self.df.index)


def _num(v: Any) -> Any:
    if isinstance(v, pd.Series) and (v.dtype == "boolean" or v.dtype == bool):
        return v.astype("float64")
    if isinstance(v, pd.Series) and str(v.dtype) in ("Int64",):
        return v.astype("float64")
    return v


def pandas_measure(df: pd.DataFrame, m: Any) -> pd.DataFrame:
    from xinzhi.support.matching import comparison_of, region_prefix

    env: dict[str, Any] = {}
    f = PandasFormula(df, env)
    for v in m.values:
        env[v.id] = f(v.formula)
    raws = [f._series(f(c.when)) for c in m.eligibility]
    true = [_cond(r) for r in raws]
    unknown = [_null(r) for r in raws]
    false = [~t & ~u for t, u in zip(true, unknown, strict=True)]
    n_false, n_unknown, n_true = sum(x.astype(int) for x in false), sum(x.astype(int) for x in unknown), \
        sum(x.astype(int) for x in true)
    negs = [f._series(f(c.when)) for c in m.negative]
    excluded = sum((_cond(x) for x in negs), pd.Series(False, index=df.index)).astype(bool)
    neg_unknown = sum((_null(x) for x in negs), pd.Series(False, index=df.index)).astype(bool)
    direct = sum((_cond(f._series(f(c.when))) for c in m.direct), pd.Series(False, index=df.index)).astype(bool)
    in_scope = pd.Series(True, index=df.index)
    if m.region.codes:
        in_scope = pd.Series(False, index=df.index)
        for code in m.region.codes:
            in_scope |= df["region_code"].astype(str).str.startswith(region_prefix(code))
    gaps = []
    for c in m.eligibility:
        cmp = comparison_of(c.when)
        ok = pd.Series(c.attainable, index=df.index)
        gap = pd.Series(np.nan, index=df.index)
        if cmp is not None:
            value, bound = _num(f._series(f(cmp.left))), _num(f._series(f(cmp.right)))
            short = (bound - value) if cmp.op in (">=", ">") else (value - bound)
            gap = short / bound.abs().where(bound != 0)
        if c.near_when is not None:
            ok = _cond(f._series(f(c.near_when)))
        elif c.near and cmp is not None:
            ok = ok | (gap <= m.near_miss.within).fillna(False)
        gaps.append(gap.fillna(1.0).where(ok))
    near_gap = pd.Series(np.nan, index=df.index)
    for fl, g in zip(reversed(false), reversed(gaps), strict=True):
        near_gap = g.where(fl, near_gap)
    eligible = ~excluded & ~neg_unknown & (direct | ((n_false == 0) & (n_unknown == 0)))
    open_ = ~excluded & (n_false == 0) & ((n_unknown > 0) | neg_unknown)
    near = ~excluded & (n_false == 1) & (n_unknown == 0) & near_gap.notna()
    status = np.select([~in_scope, excluded, eligible, open_ & (n_true > 0), open_ & (n_true == 0), near],
                       ["out_of_scope", "excluded", "eligible", "to_confirm", "no_data", "near"], "not_eligible")
    text = m.benefit.formula()
    benefit = pd.Series(np.nan, index=df.index)
    if text is not None:
        benefit = _num(f._series(f(text))).astype("float64")
        benefit = benefit.where(~(benefit < 0), 0.0)
        if m.benefit.cap is not None:
            benefit = benefit.where(~(benefit > m.benefit.cap), m.benefit.cap)
    out = pd.DataFrame({"credit_code": df["credit_code"], "measure": m.id, "status": status, "benefit": benefit})
    return out[out["status"].isin(KEPT)]


def pandas_run(path: str, queue: Any) -> None:
    import pyarrow.parquet as pq

    from xinzhi.support.loader import load_measures
    from xinzhi.support.matching import columns_read

    t0, c0 = time.perf_counter(), _cpu()
    measures = load_measures()
    df = pd.read_parquet(path, columns=columns_read(measures, pq.read_schema(path).names))  # what the measures read
    rows = pd.concat([pandas_measure(df, m) for m in measures], ignore_index=True)
    queue.put({"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "peak_mb": _peak_mb(), "rows": len(rows),
               "counts": _counts(rows)})


def _counts(rows: pd.DataFrame) -> dict[str, Any]:
    """Rows per measure and status, and the benefit total per measure (rounded), to compare."""
    by = rows.groupby(["measure", "status"]).size()
    money = rows[rows["status"] == "eligible"].groupby("measure")["benefit"].sum().round(1)
    return {"rows": {f"{m}/{s}": int(v) for (m, s), v in by.items()}, "benefit": {m: float(v) for m, v in money.items()}}


def _spawn(target: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=target, args=(*args, q))
    p.start()
    out: dict[str, Any] = q.get()
    p.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--firms", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=2, help="alternating rounds of each")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "panel.parquet"
        t0 = time.perf_counter()
        make_panel(args.firms, path)
        print(f"panel: {args.firms:,} firms written in {time.perf_counter() - t0:.1f} s (not timed)")
        load_before = os.getloadavg()
        xs, ps = [], []
        for r in range(args.repeat):
            xs.append(_spawn(xinzhi_run, str(path)))
            ps.append(_spawn(pandas_run, str(path)))
            print(f"round {r + 1}: Xinzhi/DuckDB {xs[-1]['seconds']:.2f} s wall, {xs[-1]['cpu']:.2f} s CPU (load "
                  f"{xs[-1]['load']:.2f} s, compile {xs[-1]['compile']:.2f} s; {xs[-1]['peak_mb']:.0f} MB); "
                  f"pandas {ps[-1]['seconds']:.2f} s wall, {ps[-1]['cpu']:.2f} s CPU ({ps[-1]['peak_mb']:.0f} MB); "
                  f"rows {xs[-1]['rows']:,} / {ps[-1]['rows']:,}")
        load_after = os.getloadavg()
    x = statistics.median(r["seconds"] for r in xs)
    p = statistics.median(r["seconds"] for r in ps)
    same = xs[0]["counts"] == ps[0]["counts"]
    xc = statistics.median(r["cpu"] for r in xs)
    pc = statistics.median(r["cpu"] for r in ps)
    print(f"median wall: Xinzhi/DuckDB {x:.2f} s, pandas {p:.2f} s, pandas / Xinzhi = {p / x:.2f}")
    print(f"median CPU: Xinzhi/DuckDB {xc:.2f} s (2 threads), pandas {pc:.2f} s (1 thread), pandas / Xinzhi = {pc / xc:.2f}")
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} (2 cores)")
    print(f"same rows per measure and status, same benefit totals: {same}")
    if not same:
        a, b = xs[0]["counts"], ps[0]["counts"]
        for key in sorted(set(a["rows"]) | set(b["rows"])):
            if a["rows"].get(key) != b["rows"].get(key):
                print(f"  {key}: Xinzhi {a['rows'].get(key)} pandas {b['rows'].get(key)}")
        for key in sorted(set(a["benefit"]) | set(b["benefit"])):
            if a["benefit"].get(key) != b["benefit"].get(key):
                print(f"  benefit {key}: Xinzhi {a['benefit'].get(key)} pandas {b['benefit'].get(key)}")


if __name__ == "__main__":
    main()
