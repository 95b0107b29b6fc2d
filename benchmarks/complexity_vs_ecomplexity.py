"""Xinzhi's economic complexity vs. the Growth Lab's PyPI ``ecomplexity``, same inputs, one run.

Cases (synthetic, heavy-tailed, about half zeros, nested presence like real data):
  a) 250 locations x 1,200 products x 10 years
  b) 3,000 locations x 1,000 products x 1 year
  c) 3,000 x 5,000 x 1 (Xinzhi only)

Every case is generated once and written to Parquet; each side then runs in its own subprocess on
that file, alternately (Xinzhi, ecomplexity, Xinzhi, ...), ``--repeat`` times, and the medians are
printed. Xinzhi reads the key columns as categoricals (Parquet dictionary columns,
``read_dictionary``); ``ecomplexity`` reads the same file with plain string keys (its documented
input); the values are identical. Xinzhi is also timed once per repetition on the plain-string frame.

Memory: each child reports the RSS once its input is loaded, the peak RSS *during the call*
(the kernel's high-water mark ``VmHWM`` is reset through ``/proc/self/clear_refs`` just before the
call, so the transient of reading Parquet is not counted; the resident input frame, interpreter and
libraries are) and the peak of the whole process. BLAS threads: ``--threads`` (default 1) is set
for both sides through ``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS``/``MKL_NUM_THREADS`` in the
child environment. Usage::

    .venv/bin/python benchmarks/complexity_vs_ecomplexity.py [--repeat 3] [--threads 1]
        [--cases a,b,c] [--skip-ecomplexity] [--quick]
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
    """Run one side (``xinzhi``, ``xinzhi-str`` or ``ecomplexity``) on ``src``; print JSON."""
    warnings.simplefilter("ignore")
    df = _load(src, categorical=side == "xinzhi")
    rss0 = _status_kib("VmRSS") / 1024
    reset = _reset_peak()
    info: dict[str, Any] = {"side": side}
    if side == "ecomplexity":
        import contextlib
        import io

        from ecomplexity import ecomplexity

        t0, c0 = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):
            out = ecomplexity(df, {"time": "year", "loc": "loc", "prod": "prod", "val": "val"}, verbose=False)
        info["wall_s"], info["cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
        info["peak_call_mib"] = _status_kib("VmHWM") / 1024
        out = out[["year", "loc", "prod", "eci", "pci", "density", "cog"]]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        from xinzhi.analytics import complexity

        t0, c0 = time.perf_counter(), time.process_time()
        res = complexity(df, value="val", region="loc", industry="prod", year="year")
        info["wall_s"], info["cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
        info["peak_call_mib"] = _status_kib("VmHWM") / 1024
        t1 = time.perf_counter()
        out = res.to_frame()
        info["to_frame_s"] = time.perf_counter() - t1
        info["peak_with_frame_mib"] = _status_kib("VmHWM") / 1024
        out = out[["year", "region", "industry", "eci", "pci", "density", "cog"]]
        out = out.rename(columns={"region": "loc", "industry": "prod"})
    info["rss_input_mib"] = rss0
    info["peak_process_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not reset:  # no clear_refs: the only peak we know is the process's
        info["peak_call_mib"] = info["peak_process_mib"]
    if dst:
        out.astype({"loc": str, "prod": str}).to_parquet(dst)
    print(json.dumps(info))


def run_child(side: str, src: Path, dst: Path | None, threads: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", side, str(src), str(dst or "")]
    n = str(threads)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": n, "OMP_NUM_THREADS": n, "MKL_NUM_THREADS": n}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{side} failed:\n{proc.stderr[-3000:]}")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1]
    info: dict[str, Any] = json.loads(line)
    return info


def max_diffs(a: Path, b: Path) -> dict[str, float]:
    x = pd.read_parquet(a)
    y = pd.read_parquet(b)
    j = x.merge(y, on=["year", "loc", "prod"], suffixes=("_x", "_e"))
    return {c: float(np.nanmax(np.abs(j[f"{c}_x"] - j[f"{c}_e"]))) for c in ("eci", "pci", "density", "cog")}


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def _spread(runs: list[dict[str, Any]], key: str) -> str:
    vals = sorted(r[key] for r in runs)
    return f"{vals[0]:.2f}–{vals[-1]:.2f}" if len(vals) > 1 else f"{vals[0]:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=3)
    ap.add_argument("--skip-ecomplexity", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small sizes, to check the script runs")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side, alternating (medians)")
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads, the same for both sides")
    ap.add_argument("--cases", default="a,b,c")
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    cases = [("a", 250, 1200, 10, 42, True), ("b", 3000, 1000, 1, 43, True), ("c", 3000, 5000, 1, 44, False)]
    if a.quick:
        cases = [("a", 50, 120, 3, 42, True), ("b", 300, 100, 1, 43, True), ("c", 300, 500, 1, 44, False)]
    wanted = set(a.cases.split(","))
    print(f"BLAS threads per side: {a.threads}; runs per side: {a.repeat} (alternating); "
          f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, nl, npr, ny, seed, peer in cases:
            if name not in wanted:
                continue
            src = Path(tmp) / f"{name}.parquet"
            df = make_panel(nl, npr, ny, seed)
            zero = float((df["val"] == 0).mean())
            df.to_parquet(src)
            del df
            print(f"case {name}: {nl:,} loc x {npr:,} prod x {ny} yr, zero share {zero:.3f}", flush=True)
            peer = peer and not a.skip_ecomplexity
            xs: list[dict[str, Any]] = []
            ss: list[dict[str, Any]] = []
            es: list[dict[str, Any]] = []
            xo, eo = Path(tmp) / f"{name}_x.parquet", Path(tmp) / f"{name}_e.parquet"
            for k in range(a.repeat):
                first = k == 0
                xs.append(run_child("xinzhi", src, xo if first and peer else None, a.threads))
                x = xs[-1]
                print(f"  run {k + 1} xinzhi       {x['wall_s']:6.2f} s (CPU {x['cpu_s']:.2f} s) (+ to_frame {x['to_frame_s']:.2f} s), "
                      f"peak during call {x['peak_call_mib']:.0f} MiB, with long output "
                      f"{x['peak_with_frame_mib']:.0f} MiB, input loaded {x['rss_input_mib']:.0f} MiB, "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
                ss.append(run_child("xinzhi-str", src, None, a.threads))
                print(f"  run {k + 1} xinzhi (str) {ss[-1]['wall_s']:6.2f} s, "
                      f"peak during call {ss[-1]['peak_call_mib']:.0f} MiB", flush=True)
                if peer:
                    es.append(run_child("ecomplexity", src, eo if first else None, a.threads))
                    e = es[-1]
                    print(f"  run {k + 1} ecomplexity  {e['wall_s']:6.2f} s (CPU {e['cpu_s']:.2f} s), peak during call "
                          f"{e['peak_call_mib']:.0f} MiB, input loaded {e['rss_input_mib']:.0f} MiB, "
                          f"load {os.getloadavg()[0]:.1f}", flush=True)
            row: dict[str, Any] = {
                "case": name, "x": _median(xs, "wall_s"), "x_spread": _spread(xs, "wall_s"),
                "x_cpu": _median(xs, "cpu_s"), "x_frame": _median(xs, "to_frame_s"), "x_str": _median(ss, "wall_s"),
                "x_peak": _median(xs, "peak_call_mib"), "x_peak_str": _median(ss, "peak_call_mib"),
                "x_peak_frame": _median(xs, "peak_with_frame_mib"), "x_proc": _median(xs, "peak_process_mib"),
            }
            print(f"  median xinzhi {row['x']:.2f} s ({row['x_spread']}), plain-string keys {row['x_str']:.2f} s, "
                  f"to_frame {row['x_frame']:.2f} s; peak during call {row['x_peak']:.0f} MiB "
                  f"(string keys {row['x_peak_str']:.0f}), with long output {row['x_peak_frame']:.0f} MiB", flush=True)
            if peer:
                row.update(e=_median(es, "wall_s"), e_spread=_spread(es, "wall_s"), e_cpu=_median(es, "cpu_s"),
                           e_peak=_median(es, "peak_call_mib"), e_proc=_median(es, "peak_process_mib"))
                ratios = [e["wall_s"] / x["wall_s"] for x, e in zip(xs, es, strict=True)]
                row["ratio"] = row["e"] / row["x"]
                row["ratio_cpu"] = row["e_cpu"] / row["x_cpu"]
                row["ratio_str"] = row["e"] / row["x_str"]
                row["ratio_frame"] = row["e"] / (row["x"] + row["x_frame"])
                print(f"  median ecomplexity {row['e']:.2f} s ({row['e_spread']}), peak during call "
                      f"{row['e_peak']:.0f} MiB", flush=True)
                print(f"  ratio of medians {row['ratio']:.1f}x (per run {', '.join(f'{r:.1f}' for r in ratios)}); "
                      f"{row['ratio_cpu']:.1f}x in CPU time; {row['ratio_str']:.1f}x with string keys; {row['ratio_frame']:.1f}x including the long output")
                d = max_diffs(xo, eo)
                row["diff"] = d
                print("  max |xinzhi - ecomplexity|: " + ", ".join(f"{k} {v:.3g}" for k, v in d.items()), flush=True)
            summary.append(row)
    print("\nsummary (medians; JSON):")
    for row in summary:
        print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}))


if __name__ == "__main__":
    main()
