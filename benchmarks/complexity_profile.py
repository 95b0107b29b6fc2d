"""Where Xinzhi's time goes in one complexity run, and the floor that the matrix products set.

Not a race: a profile, to explain how far a case is from a speed target (issue 19 asks for 100
times ``ecomplexity``). For one case of ``complexity_vs_ecomplexity.py`` (same generator, same
seed) it

1. reads the panel as a notebook user does (``pandas.read_parquet``, plain string keys);
2. runs ``complexity(...)`` and ``.to_frame()`` once to warm up, then ``--repeat`` times, the
   call under ``cProfile`` (CPU clock) with the years computed one after another (``n_jobs=1``,
   so no thread runs beside it) and one BLAS thread, so that every second of CPU is attributed to
   one call site; ``to_frame()`` (two threads) is timed whole;
3. prints the CPU time of the whole call, grouped by step (input and keys, RCA and presence, the
   proximity product Mᵀ·M, the eigenproblem, the density product, the COG product, the long
   table) from the functions' own time (``tottime``) of the profile;
4. times the three matrix products alone (float32, the shapes of one year) as the floor: no
   implementation of the same outputs avoids them.

The target a case needs is printed beside it: ``ecomplexity``'s CPU time (``--peer-cpu``, from a
run of ``complexity_vs_ecomplexity.py``) divided by 100. Usage::

    OPENBLAS_NUM_THREADS=1 NUMPY_MADVISE_HUGEPAGE=0 .venv/bin/python benchmarks/complexity_profile.py \
        [--case a] [--repeat 3] [--peer-cpu 20.3]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = {"a": (250, 1200, 10, 42), "b": (3000, 1000, 1, 43)}

#: A function of the profile → the step it belongs to (by module and name; first match wins).
STEPS = (
    ("RCA and presence", ("complexity_core.py", "rca"), ("complexity_core.py", "presence")),
    ("density and COG products", ("relatedness.py", "density"), ("opportunities.py", ""),
     ("complexity.py", "_one_year")),
    ("proximity product Mᵀ·M", ("complexity.py", "_proximity_matrix"), ("relatedness.py", "proximity")),
    ("eigenproblem (ECI/PCI)", ("complexity_core.py", ""), ("arpack", ""), ("_eigen", ""), ("_decomp", "eig")),
    ("input: keys and cube", ("panel.py", ""), ("pyarrow", ""), ("pandas/core/algorithms", "")),
    ("long table (to_frame)", ("complexity.py", "_long_frame"), ("complexity.py", "to_frame"),
     ("pandas", "")),
    ("profile script", ("complexity_profile.py", "")),
)


def _step(filename: str, func: str, caller_steps: list[str]) -> str:
    for step, *rules in STEPS:
        for mod, name in rules:
            if mod in filename and name in func:
                return step
    return caller_steps[0] if caller_steps else "element-wise steps and sums"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", choices=sorted(CASES), default="a")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--top", type=int, default=0, help="also print the N functions of most own time")
    ap.add_argument("--peer-cpu", type=float, default=None,
                    help="ecomplexity's CPU seconds on this case (from complexity_vs_ecomplexity.py)")
    a = ap.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent / "src"))
    import numpy as np
    import pandas as pd

    from complexity_vs_ecomplexity import make_panel
    from xinzhi.analytics import complexity

    n_loc, n_prod, n_years, seed = CASES[a.case]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "panel.parquet"
        make_panel(n_loc, n_prod, n_years, seed).to_parquet(src)
        df = pd.read_parquet(src)
    print(f"case {a.case}: {n_loc:,} × {n_prod:,} × {n_years} yr, {len(df):,} rows; BLAS threads "
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'default')}; load {os.getloadavg()[0]:.1f}")

    def call() -> object:
        return complexity(df, value="val", region="loc", industry="prod", year="year", n_jobs=1)

    call().to_frame()  # warm-up: imports, first touch of the allocator's pages
    cpu, frame_cpu = [], []
    prof = cProfile.Profile(time.process_time)
    for _ in range(a.repeat):
        c0 = time.process_time()
        prof.enable()
        res = call()
        prof.disable()
        c1 = time.process_time()
        res.to_frame()  # type: ignore[attr-defined]  # two threads: timed whole, not profiled
        c2 = time.process_time()
        cpu.append(c2 - c0)
        frame_cpu.append(c2 - c1)
    stats = pstats.Stats(prof)
    raw = stats.stats  # type: ignore[attr-defined]
    by_step: dict[str, float] = defaultdict(float)
    for (filename, _line, func), (_cc, _nc, tottime, _ct, callers) in raw.items():
        caller_steps = [s for s in (_step(f, fn, []) for (f, _l, fn) in callers) if s != "element-wise steps and sums"]
        by_step[_step(filename, func, caller_steps)] += tottime / a.repeat
    by_step["long table (to_frame)"] += sorted(frame_cpu)[len(frame_cpu) // 2]
    by_step.pop("profile script", None)
    total = sum(by_step.values())
    if a.top:
        rows = sorted(raw.items(), key=lambda kv: -kv[1][2])[:a.top]
        for (filename, line, func), (_cc, nc, tottime, _ct, callers) in rows:
            caller_steps = [s for s in (_step(f, fn, []) for (f, _l, fn) in callers) if s != "element-wise steps and sums"]
            print(f"  {tottime / a.repeat:7.3f} s {nc // a.repeat:6d}× {Path(filename).name}:{line} {func} "
                  f"→ {_step(filename, func, caller_steps)}")
    per_run = sorted(cpu)[len(cpu) // 2]
    print(f"\ncomplexity(...) + to_frame(), years one after another: median CPU {per_run:.3f} s "
          f"(runs {', '.join(f'{c:.3f}' for c in cpu)}; profiler overhead included)")
    for step, sec in sorted(by_step.items(), key=lambda kv: -kv[1]):
        print(f"  {step:28s} {sec:7.3f} s  ({sec / total:4.0%})")

    # the floor: the three float32 products of one year, alone
    rng = np.random.default_rng(0)
    m = (rng.random((n_loc, n_prod)) < 0.3).astype(np.float32)
    phi = rng.random((n_prod, n_prod), dtype=np.float32)
    for _ in range(2):
        m.T @ m
    t = []
    for _ in range(5):
        c0 = time.process_time()
        m.T @ m  # proximity counts
        m @ phi  # density numerator
        (1 - m) @ phi  # opportunity gain
        t.append(time.process_time() - c0)
    floor = sorted(t)[2] * n_years
    print(f"\nfloor: the three float32 products of a year alone, × {n_years} years: {floor:.3f} s CPU")
    if a.peer_cpu:
        need = a.peer_cpu / 100
        print(f"100 × ecomplexity ({a.peer_cpu:.1f} s CPU) needs at most {need:.3f} s CPU in all: "
              f"{need / floor:.1f} × the products' floor; measured {per_run / need:.1f} × the target")


if __name__ == "__main__":
    main()
