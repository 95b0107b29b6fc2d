"""Xinzhi's economic complexity vs. the Growth Lab's PyPI ``ecomplexity``, same inputs, one run.

Cases (synthetic, heavy-tailed, about half zeros, nested presence like real data):
  a) 250 locations x 1,200 products x 10 years
  b) 3,000 locations x 1,000 products x 1 year
  c) 3,000 x 5,000 x 1 (Xinzhi only)

Each side runs in its own subprocess on the same Parquet input; the parent prints wall time of
the call, the peak RSS of each subprocess, the ratio, and the largest absolute difference in ECI,
PCI, density and COG. Both sides run with one BLAS thread (``OPENBLAS_NUM_THREADS=1`` unless set),
the stable baseline of the research note, because the 2-core machine is shared. Usage::

    .venv/bin/python benchmarks/complexity_vs_ecomplexity.py [--skip-ecomplexity] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

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


def child(side: str, src: str, dst: str) -> None:
    """Run one side on the Parquet input ``src``; write key results to ``dst``; print JSON."""
    warnings.simplefilter("ignore")
    df = pd.read_parquet(src)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if side == "ecomplexity":
        import contextlib
        import io

        from ecomplexity import ecomplexity

        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            out = ecomplexity(df, {"time": "year", "loc": "loc", "prod": "prod", "val": "val"}, verbose=False)
        wall = time.perf_counter() - t0
        out = out[["year", "loc", "prod", "eci", "pci", "density", "cog"]]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        from xinzhi.analytics import complexity

        t0 = time.perf_counter()
        res = complexity(df, value="val", region="loc", industry="prod", year="year")
        wall = time.perf_counter() - t0
        t1 = time.perf_counter()
        out = res.to_frame()[["year", "region", "industry", "eci", "pci", "density", "cog"]]
        wall_frame = time.perf_counter() - t1
        out = out.rename(columns={"region": "loc", "industry": "prod"})
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if dst:
        out.astype({"loc": str, "prod": str}).to_parquet(dst)
    info = {"side": side, "wall_s": round(wall, 3), "rss_before_call_mib": round(rss0), "peak_rss_mib": round(rss1)}
    if side == "xinzhi":
        info["to_frame_s"] = round(wall_frame, 3)
    print(json.dumps(info))


def run_child(side: str, src: Path, dst: Path | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", side, str(src), str(dst or "")]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")}
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1]
    info: dict[str, float] = json.loads(line)
    return info


def max_diffs(a: Path, b: Path) -> dict[str, float]:
    x = pd.read_parquet(a)
    y = pd.read_parquet(b)
    j = x.merge(y, on=["year", "loc", "prod"], suffixes=("_x", "_e"))
    return {c: float(np.nanmax(np.abs(j[f"{c}_x"] - j[f"{c}_e"]))) for c in ("eci", "pci", "density", "cog")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=3)
    ap.add_argument("--skip-ecomplexity", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small sizes, to check the script runs")
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    cases = [("a", 250, 1200, 10, 42, True), ("b", 3000, 1000, 1, 43, True), ("c", 3000, 5000, 1, 44, False)]
    if a.quick:
        cases = [("a", 50, 120, 3, 42, True), ("b", 300, 100, 1, 43, True), ("c", 300, 500, 1, 44, False)]
    with tempfile.TemporaryDirectory() as tmp:
        for name, nl, npr, ny, seed, peer in cases:
            src = Path(tmp) / f"{name}.parquet"
            df = make_panel(nl, npr, ny, seed)
            zero = float((df["val"] == 0).mean())
            df.to_parquet(src)
            del df
            print(f"case {name}: {nl:,} loc x {npr:,} prod x {ny} yr, zero share {zero:.3f}", flush=True)
            xo = Path(tmp) / f"{name}_x.parquet"
            xi = run_child("xinzhi", src, xo if peer else None)
            print(f"  xinzhi      call {xi['wall_s']:.2f} s (+ to_frame {xi['to_frame_s']:.2f} s), "
                  f"peak RSS {xi['peak_rss_mib']} MiB (after loading input {xi['rss_before_call_mib']} MiB)", flush=True)
            if peer and not a.skip_ecomplexity:
                eo = Path(tmp) / f"{name}_e.parquet"
                ec = run_child("ecomplexity", src, eo)
                print(f"  ecomplexity call {ec['wall_s']:.2f} s, peak RSS {ec['peak_rss_mib']} MiB "
                      f"(after loading input {ec['rss_before_call_mib']} MiB)")
                print(f"  ratio {ec['wall_s'] / xi['wall_s']:.1f}x faster, "
                      f"{ec['wall_s'] / (xi['wall_s'] + xi['to_frame_s']):.1f}x including the long output")
                d = max_diffs(xo, eo)
                print("  max |xinzhi - ecomplexity|: " + ", ".join(f"{k} {v:.3g}" for k, v in d.items()), flush=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest child peak RSS (RUSAGE_CHILDREN): {children:.0f} MiB")


if __name__ == "__main__":
    main()
