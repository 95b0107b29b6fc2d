"""Resource matching gives each firm the same rows whether it is matched alone (a firm's page) or
among many (a region's report): nothing of one firm's answer depends on the other firms."""

from __future__ import annotations

import numpy as np
import pandas as pd

from xinzhi.support.resources import match_resources


def _firms(n: int, rng: np.random.Generator) -> pd.DataFrame:
    regions = ["510104", "510105", "510703", "511500", None]
    return pd.DataFrame({
        "credit_code": [f"F{i:03d}" for i in range(n)],
        "region_code": rng.choice(np.array(regions, dtype=object), n),
        "park_code": rng.choice(np.array([None, "510104P01", "510703P02"], dtype=object), n),
        "industry_code": rng.choice(np.array(["3976", "3841", "2710", "1512", None], dtype=object), n),
        "stage": rng.choice(np.array(["seed", "growth", "scale", None], dtype=object), n),
        "last_round": np.where(rng.random(n) < 0.4, np.nan, rng.integers(100, 50_000, n).astype(float)),
    })


def _resources(rng: np.random.Generator) -> pd.DataFrame:
    kinds = ["incubator", "accelerator", "venture_fund", "industrial_fund", "pe_fund", "park"]
    n = 24
    lo = rng.integers(100, 5_000, n).astype(float)
    return pd.DataFrame({
        "resource_id": [f"R{i:02d}" for i in range(n)], "name": [f"资源{i}" for i in range(n)],
        "kind": rng.choice(kinds, n), "region_code": rng.choice(["510000", "510100", "510104", "510700"], n),
        "stages": rng.choice(np.array(["seed", "growth;scale", "seed;growth;scale", "scale"], dtype=object), n),
        "industries": rng.choice(np.array([None, "39", "38;39", "27", "15"], dtype=object), n),
        "ticket_min": np.where(rng.random(n) < 0.3, np.nan, lo),
        "ticket_max": np.where(rng.random(n) < 0.3, np.nan, lo * 10),
    })


def test_a_few_firms_match_as_many_do() -> None:
    names = {"510000": "四川省", "510100": "成都市", "510104": "锦江区", "510700": "绵阳市"}
    for seed in range(3):
        rng = np.random.default_rng(seed)
        firms, res = _firms(120, rng), _resources(rng)
        for lang in ("zh", "en"):
            batch = match_resources(firms, res, names, lang=lang)
            one_by_one = pd.concat([match_resources(firms.iloc[i:i + 1], res, names, lang=lang)
                                    for i in range(len(firms))], ignore_index=True)
            key = ["credit_code", "choice"]
            batch = batch.sort_values(key).reset_index(drop=True)
            one_by_one = one_by_one.sort_values(key).reset_index(drop=True)
            assert len(batch) > 60 and batch["ticket_fit"].map(lambda v: v is True).any()
            pd.testing.assert_frame_equal(batch, one_by_one, check_dtype=False)
            assert list(batch["ticket_fit"].astype(str)) == list(one_by_one["ticket_fit"].astype(str))
