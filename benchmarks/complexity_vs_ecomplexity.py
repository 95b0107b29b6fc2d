"""Xinzhi's economic complexity against the open implementations a user might pick, same inputs,
one run, alternating.

Cases (synthetic, heavy-tailed, about half zeros, nested presence like real data):
  a) 250 locations x 1,200 products x 10 years
  b) 3,000 locations x 1,000 products x 1 year
  c) 3,000 x 5,000 x 1 (Xinzhi only)

Every case is generated once and written to Parquet. Each side then runs in its own subprocess
on that file, and the sides alternate (Xinzhi, ecomplexity, Xinzhi with categorical keys, ...),
``--repeat`` times; medians are printed, with the ratio of each run pair.

What is timed is what a user runs to get the long table from a frame read with
``pandas.read_parquet``:

* **xinzhi** (the figure of record): plain pandas string keys (pandas' default Arrow-backed
  ``str``), ``complexity(...)`` and then ``.to_frame()`` (all columns).
* **xinzhi-cat**: the same with the keys read as categoricals (Parquet dictionary columns).
* **ecomplexity** (Harvard Growth Lab) and the other peers of ``complexity_peers.py``: their
  documented call(s), producing a long table. ``--peer-repeat`` runs of the other peers
  (default 1: some take minutes).

Environment, the same for every side: ``--threads`` BLAS threads (default 1) through
``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS``/``MKL_NUM_THREADS``, and numpy's huge-page advice
as ``--numpy-hugepages`` says (default ``off``: ``NUMPY_MADVISE_HUGEPAGE=0``; on this kind of
virtual machine the first touch of an advised page costs about 30 times that of small pages,
see docs/benchmarks.md). Xinzhi turns the advice off inside its own calls whatever the
environment says, so ``default`` shows what a user with default settings sees.

Peers that do not run under the installed pandas (two fail under pandas 3's copy-on-write) can
run under another interpreter: ``--peer-python PATH`` (a virtual environment with
``pandas<3`` and the peers, see docs/benchmarks.md).

Memory: each child reports the RSS once its input is loaded and the peak RSS during the timed
work (the kernel's high-water mark ``VmHWM``, reset through ``/proc/self/clear_refs`` just before
it). Usage::

    .venv/bin/python benchmarks/complexity_vs_ecomplexity.py [--repeat 3] [--threads 1]
        [--cases a,b,c] [--peers ecomplexity,econcomplex,...] [--peer-repeat 1]
        [--peer-python PATH] [--numpy-hugepages off|default] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
PEERS = ("ecomplexity", "econcomplex", "economic-complexity", "econci", "fermi")
COMPARED = ("eci", "pci", "density", "cog")


def make_panel(n_loc: int, n_prod: int, n_years: int, seed: int) -> pd.DataFrame:
    """Synthetic long panel: log-normal sizes, Pareto noise, nested presence, ~50% zeros."""
    rng = np.random.default_rng(seed)
    loc_size = rng.lognormal(0.0, 1.5, n_loc)
    prod_size = rng.lognormal(0.0, 1.2, n_prod)
    score = 4.0 * (rng.uniform(0, 1, n_loc)[:, None] - rng.uniform(0, 1, n_prod)[None, :])
    score += rng.logistic(0, 1, (n_loc, n_prod))
    shift = -np.quantile(score, 0.5)
    base = rng.lognormal(0.0, 1.0, (n_loc, n_prod)) * (rng.pareto(1.5, (n_loc, n_prod)) + 1.0)
    eps = np.zeros((n_loc, n_prod))
    locs = np.array([f"L{i:05d}" for i in range(n_loc)])
    prods = np.array([f"P{j:05d}" for j in range(n_prod)])
    frames = []
    for k in range(n_years):
        eps = 0.9 * eps + np.sqrt(1 - 0.81) * rng.normal(0, 0.5, (n_loc, n_prod))
        present = (score + shift + rng.normal(0, 0.3, (n_loc, n_prod))) > 0
        val = np.where(present, np.round(loc_size[:, None] * prod_size[None, :] * base * np.exp(eps) * 1e3, 2), 0.0)
        frames.append(pd.DataFrame({
            "year": np.int32(2015 + k), "loc": np.repeat(locs, n_prod),
            "prod": np.tile(prods, n_loc), "val": val.ravel(),
        }))
    return pd.concat(frames, ignore_index=True)


def _status_kib(field: str) -> int:
    """A ``VmRSS``/``VmHWM`` line of /proc/self/status in KiB (0 where /proc is absent)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark of this process (Linux ``clear_refs`` 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _load(src: str, categorical: bool) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(src, read_dictionary=["loc", "prod"] if categorical else None)
    df = table.to_pandas()
    del table
    gc.collect()
    pa.default_memory_pool().release_unused()
    return df


def child(side: str, src: str, dst: str) -> None:
    """Run one side on ``src`` and print its timings as JSON; write its long output to ``dst``."""
    warnings.simplefilter("ignore")
    df = _load(src, categorical=side == "xinzhi-cat")
    info: dict[str, Any] = {"side": side, "rss_input_mib": _status_kib("VmRSS") / 1024}
    if side.startswith("xinzhi"):
        sys.path.insert(0, str(HERE.parent / "src"))
        from xinzhi.analytics import complexity

        reset = _reset_peak()
        t0, c0 = time.perf_counter(), time.process_time()
        res = complexity(df, value="val", region="loc", industry="prod", year="year")
        t1, c1 = time.perf_counter(), time.process_time()
        out = res.to_frame()
        t2, c2 = time.perf_counter(), time.process_time()
        info.update(call_s=t1 - t0, call_cpu_s=c1 - c0, frame_s=t2 - t1)
        out = out.rename(columns={"region": "loc", "industry": "prod"})
    else:
        import importlib

        sys.path.insert(0, str(HERE))
        from complexity_peers import MODULES, RUNNERS

        importlib.import_module(MODULES[side])
        reset = _reset_peak()
        t0, c0 = time.perf_counter(), time.process_time()
        out = RUNNERS[side](df)
        t2, c2 = time.perf_counter(), time.process_time()
    info.update(total_s=t2 - t0, cpu_s=c2 - c0, rows=len(out))
    info["peak_mib"] = _status_kib("VmHWM") / 1024
    if not reset:  # no clear_refs: the only peak we know is the process's
        info["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if dst:
        keep = ["year", "loc", "prod", *[c for c in COMPARED if c in out.columns]]
        out[keep].astype({"loc": str, "prod": str, "year": np.int64}).to_parquet(dst)
    print(json.dumps(info))


def run_child(side: str, src: Path, dst: Path | None, env: dict[str, str], python: str) -> dict[str, Any]:
    cmd = [python, __file__, "--child", side, str(src), str(dst or "")]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        return {"side": side, "error": proc.stderr.strip().splitlines()[-1][:300] if proc.stderr.strip() else "failed"}
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1]
    info: dict[str, Any] = json.loads(line)
    info["load"] = os.getloadavg()[0]
    return info


def compare(ref: Path, other: Path) -> dict[str, tuple[float, float]]:
    """Largest absolute difference and correlation of each shared column against Xinzhi."""
    x = pd.read_parquet(ref)
    y = pd.read_parquet(other)
    j = x.merge(y, on=["year", "loc", "prod"], suffixes=("_x", "_p"))
    out = {}
    for c in COMPARED:
        if f"{c}_p" in j:
            a, b = j[f"{c}_x"].to_numpy(float), j[f"{c}_p"].to_numpy(float)
            ok = np.isfinite(a) & np.isfinite(b)
            out[c] = (float(np.max(np.abs(a[ok] - b[ok]))), float(np.corrcoef(a[ok], b[ok])[0, 1]))
    return out


def _med(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def _line(name: str, r: dict[str, Any]) -> str:
    if "error" in r:
        return f"    {name:20s} FAILED: {r['error']}"
    extra = f" (call {r['call_s']:.3f} s + to_frame {r['frame_s']:.3f} s)" if "call_s" in r else ""
    return (f"    {name:20s} {r['total_s']:8.3f} s{extra}, CPU {r['cpu_s']:.3f} s, peak {r['peak_mib']:.0f} MiB, "
            f"load {r['load']:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=3)
    ap.add_argument("--quick", action="store_true", help="small sizes, to check the script runs")
    ap.add_argument("--repeat", type=int, default=3, help="runs of Xinzhi and ecomplexity, alternating (medians)")
    ap.add_argument("--peer-repeat", type=int, default=1, help="runs of each other peer")
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads, the same for every side")
    ap.add_argument("--cases", default="a,b,c")
    ap.add_argument("--peers", default=",".join(PEERS), help="peers to run ('' for none)")
    ap.add_argument("--peer-python", default=sys.executable, help="interpreter for the peers")
    ap.add_argument("--numpy-hugepages", choices=("off", "default"), default="off")
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    cases = [("a", 250, 1200, 10, 42, True), ("b", 3000, 1000, 1, 43, True), ("c", 3000, 5000, 1, 44, False)]
    if a.quick:
        cases = [("a", 50, 120, 3, 42, True), ("b", 300, 100, 1, 43, True), ("c", 300, 500, 1, 44, False)]
    wanted = set(a.cases.split(","))
    peers = [p for p in a.peers.split(",") if p]
    n = str(a.threads)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": n, "OMP_NUM_THREADS": n, "MKL_NUM_THREADS": n}
    if a.numpy_hugepages == "off":
        env["NUMPY_MADVISE_HUGEPAGE"] = "0"
    else:
        env.pop("NUMPY_MADVISE_HUGEPAGE", None)
    print(f"BLAS threads per side: {a.threads}; numpy huge pages: {a.numpy_hugepages}; runs: {a.repeat} "
          f"(peers other than ecomplexity: {a.peer_repeat}); peers under {a.peer_python}; "
          f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, nl, npr, ny, seed, with_peers in cases:
            if name not in wanted:
                continue
            src = Path(tmp) / f"{name}.parquet"
            df = make_panel(nl, npr, ny, seed)
            zero = float((df["val"] == 0).mean())
            df.to_parquet(src)
            del df
            print(f"case {name}: {nl:,} loc x {npr:,} prod x {ny} yr, zero share {zero:.3f}", flush=True)
            case_peers = peers if with_peers else []
            runs: dict[str, list[dict[str, Any]]] = {"xinzhi": [], "xinzhi-cat": [], **{p: [] for p in case_peers}}
            out = {s: Path(tmp) / f"{name}_{s}.parquet" for s in runs}
            for k in range(a.repeat):
                order = ["xinzhi"] + [p for p in case_peers if p == "ecomplexity" or k < a.peer_repeat] + ["xinzhi-cat"]
                print(f"  run {k + 1}", flush=True)
                for side in order:
                    python = sys.executable if side.startswith("xinzhi") else a.peer_python
                    r = run_child(side, src, out[side] if k == 0 else None, env, python)
                    runs[side].append(r)
                    print(_line(side, r), flush=True)
            row: dict[str, Any] = {"case": name}
            xs = [r for r in runs["xinzhi"] if "error" not in r]
            row["xinzhi"] = _med(xs, "total_s")
            row["xinzhi_call"] = _med(xs, "call_s")
            row["xinzhi_frame"] = _med(xs, "frame_s")
            row["xinzhi_cpu"] = _med(xs, "cpu_s")
            row["xinzhi_peak"] = _med(xs, "peak_mib")
            cats = [r for r in runs["xinzhi-cat"] if "error" not in r]
            row["xinzhi_cat"] = _med(cats, "total_s")
            row["xinzhi_cat_call"] = _med(cats, "call_s")
            print(f"  median xinzhi (string keys, long output) {row['xinzhi']:.3f} s (call {row['xinzhi_call']:.3f}, "
                  f"to_frame {row['xinzhi_frame']:.3f}), CPU {row['xinzhi_cpu']:.3f} s; categorical keys "
                  f"{row['xinzhi_cat']:.3f} s (call {row['xinzhi_cat_call']:.3f})", flush=True)
            for p in case_peers:
                ok = [r for r in runs[p] if "error" not in r]
                if not ok:
                    print(f"  {p}: failed ({runs[p][0].get('error')})", flush=True)
                    row[p] = None
                    continue
                med = _med(ok, "total_s")
                pairs = [e["total_s"] / x["total_s"] for x, e in zip(runs["xinzhi"], runs[p], strict=False)
                         if "error" not in e and "error" not in x]
                cpu = _med(ok, "cpu_s") / row["xinzhi_cpu"]
                diffs = compare(out["xinzhi"], out[p]) if out[p].exists() else {}
                row[p] = {"median_s": med, "ratio": med / row["xinzhi"], "ratio_per_run": pairs,
                          "ratio_cpu": cpu, "peak_mib": _med(ok, "peak_mib"), "diff": diffs}
                print(f"  {p}: median {med:.2f} s; ratio {med / row['xinzhi']:.1f}x (per run "
                      f"{', '.join(f'{r:.1f}' for r in pairs)}); CPU ratio {cpu:.1f}x; against Xinzhi: "
                      + ", ".join(f"{c} max|d| {d:.3g} r {rr:.5f}" for c, (d, rr) in diffs.items()), flush=True)
            summary.append(row)
    print("\nsummary (medians; JSON):")
    for row in summary:
        print(json.dumps(row, default=lambda v: round(v, 4) if isinstance(v, float) else str(v)))


if __name__ == "__main__":
    main()
