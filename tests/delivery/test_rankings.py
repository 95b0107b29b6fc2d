"""League tables: real provincial GDP and real growth, ties, rank changes, direction."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.delivery.test_indicators import province_gdp
from xinzhi.delivery.rankings import rank_regions
from xinzhi.errors import InputError


def test_gdp_league_table_2024() -> None:
    r = rank_regions(province_gdp(), indicator="gdp", period="2024")
    assert len(r) == 31
    # first releases 2024: Guangdong 141,633.81; Jiangsu 137,008; Shandong 98,565.8;
    # Zhejiang 90,131; Sichuan 64,697; Henan 63,589.99
    assert r["region_code"].head(6).tolist() == ["440000", "320000", "370000", "330000", "510000", "410000"]
    assert r["rank"].head(6).tolist() == [1, 2, 3, 4, 5, 6]
    assert not r["tied"].any()
    # nobody in the top six moved since 2023 (same order in the 2023 first releases)
    assert r["rank_change"].head(6).tolist() == [0, 0, 0, 0, 0, 0]


def test_tie_in_real_growth_ranking_2023() -> None:
    # Real growth 2023 as announced: Tibet 9.5, Hainan 9.2, Inner Mongolia 7.3, Xinjiang 6.8,
    # Ningxia 6.6, Gansu 6.4, Jilin 6.3, Chongqing 6.1, then Hubei, Sichuan, Zhejiang and
    # Shandong all 6.0 → all four rank 9, and the next (Anhui, Jiangsu, 5.8) rank 13.
    r = rank_regions(province_gdp(), indicator="gdp", period="2023", by="growth_real")
    tied9 = r[r["rank"] == 9]
    assert sorted(tied9["region_code"]) == ["330000", "370000", "420000", "510000"]
    assert tied9["tied"].all()
    assert 10 not in set(r["rank"])
    assert sorted(r.loc[r["rank"] == 13, "region_code"]) == ["320000", "340000"]
    assert r.loc[r.region_code == "230000", "rank"].item() == 31  # Heilongjiang 2.6


def test_rank_change_synthetic_tie() -> None:
    v = pd.DataFrame({
        "indicator": "va", "region_code": ["A", "B", "C", "D"] * 2,
        "period": ["2024Q2"] * 4 + ["2024Q3"] * 4,
        "value": [4.0, 3.0, 2.0, 1.0, 2.0, 5.0, 5.0, 1.0],
    })
    r = rank_regions(v, indicator="va", period="2024Q3", compare="previous").set_index("region_code")
    assert r["rank"].to_dict() == {"B": 1, "C": 1, "A": 3, "D": 4}
    assert r["rank_change"].to_dict() == {"B": 1, "C": 2, "A": -2, "D": 0}
    assert (r["period_before"] == "2024Q2").all()


def test_lower_is_better_and_peers() -> None:
    v = pd.DataFrame({"indicator": "energy", "region_code": ["A", "B", "C"], "period": "2024",
                      "value": [0.5, 0.3, 0.4]})
    r = rank_regions(v, indicator="energy", period="2024", higher_is_better=False, peers=["A", "B"])
    assert r["region_code"].tolist() == ["B", "A"]
    assert r["rank_before"].isna().all()


def test_missing_period_is_an_input_error() -> None:
    with pytest.raises(InputError, match="2030"):
        rank_regions(province_gdp(), indicator="gdp", period="2030")
