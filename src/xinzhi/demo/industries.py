"""Which GB/T 4754 classes the demo economy has, and how fast each grows."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

# Divisions the demo economy draws its classes from (mining, manufacturing, utilities, ICT).
DIVISIONS = ["06", "07", "08", "09", "10", "13", "14", "15", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "63", "64", "65"]
# Every class of these divisions is kept (Sichuan's liquor, chemicals, pharma, vehicles,
# electrical equipment, electronics and software), the rest are sampled.
ALWAYS = {"13", "14", "15", "26", "27", "36", "38", "39", "65"}

# Trend of real output growth per division (fraction per year), for the synthetic series.
TREND = {"36": 0.12, "38": 0.16, "39": 0.10, "65": 0.11, "27": 0.07, "15": 0.05, "26": 0.04,
         "34": 0.06, "35": 0.07, "37": 0.08, "40": 0.08, "06": -0.03, "30": -0.01, "31": 0.0, "44": 0.05}
DIVISION_WEIGHT = {"39": 4.0, "15": 2.0, "36": 2.5, "38": 2.0, "26": 2.0, "44": 2.0, "30": 1.5,
                   "31": 1.5, "32": 1.2, "27": 1.3, "13": 1.5, "14": 0.8, "65": 2.0, "34": 1.2,
                   "35": 1.2, "33": 0.8, "37": 1.0, "25": 0.8, "06": 0.6, "07": 0.8, "29": 0.8}
BIG_CLASSES = {"1512": 3.0, "3612": 1.6, "3841": 1.5, "3971": 1.4, "3911": 1.2, "4411": 1.0, "4413": 1.6}
FAST_CLASSES = {"3612": 0.35, "3841": 0.32, "3825": 0.20, "3985": 0.18, "2613": 0.10, "3963": 0.30}


def demo_industries(
    all_industries: pd.DataFrame,
    rng: np.random.Generator,
    *,
    n_classes: int = 280,
    include: Collection[str] = (),
) -> pd.DataFrame:
    """Pick the demo's 4-digit classes; returns code, name, division, trend, requirement, scale.

    ``include`` lists classes that must be present (e.g. those the demo chains map to).
    """
    cls = all_industries[all_industries["level"] == 4].copy()
    cls["division"] = cls["code"].str[:2]
    cls = cls[cls["division"].isin(DIVISIONS) | cls["code"].isin(set(include))]
    always = cls[cls["division"].isin(ALWAYS) | cls["code"].isin(set(include))]
    others = cls[~cls["division"].isin(ALWAYS)]
    take = max(n_classes - len(always), 0)
    picked = others.iloc[np.sort(rng.choice(len(others), size=min(take, len(others)), replace=False))]
    out = pd.concat([always, picked]).sort_values("code").reset_index(drop=True)
    out["trend"] = out["division"].map(TREND).fillna(0.05)
    for code, g in FAST_CLASSES.items():
        out.loc[out["code"] == code, "trend"] = g
    # "Requirement" of each industry on a latent capability scale: complex industries need more.
    complex_div = {"39": 1.4, "38": 1.1, "36": 1.0, "40": 1.3, "27": 1.0, "35": 0.9, "34": 0.8, "65": 1.5, "26": 0.6}
    base = out["division"].map(complex_div).fillna(0.0)
    out["requirement"] = base + rng.normal(0, 0.35, len(out))
    # Relative size of each class: division weight (Sichuan's large industries weigh more),
    # shared among the division's classes, with a class-level lognormal spread.
    n_in_div = out.groupby("division")["code"].transform("count").to_numpy()
    weight = out["division"].map(DIVISION_WEIGHT).fillna(0.4).to_numpy()
    out["scale"] = weight / np.sqrt(n_in_div) * rng.lognormal(0.0, 0.7, len(out))
    for code, w in BIG_CLASSES.items():
        out.loc[out["code"] == code, "scale"] = w
    return out[["code", "name", "division", "trend", "requirement", "scale"]]
