"""The demo's parks: real zone names of Sichuan, placed in the county that hosts them
(``data/parks.csv``). Names and host counties are public facts; everything measured about them in
the demo (planned area included) is synthetic."""

from __future__ import annotations

import pandas as pd

from xinzhi.demo.calibration import data_table


def demo_parks(regions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (region rows for the parks, park table rows), with codes ``<county>P<nn>``."""
    known = set(regions["code"])
    region_rows, park_rows = [], []
    for i, p in enumerate(data_table("parks.csv").itertuples(index=False), start=1):
        county = str(p.county_code)
        if county not in known:
            raise ValueError(f"demo park {p.name}: county {county} not in the region table")
        code = f"{county}P{i:02d}"
        national = p.park_level == "national"
        region_rows.append({"code": code, "name": p.name, "name_en": "", "level": "park", "parent_code": county})
        park_rows.append({
            "code": code, "name": p.name, "region_code": county, "park_level": p.park_level,
            "park_type": p.park_type, "planned_area_mu": float(15000 + 4000 * (i % 7)) * (3 if national else 1),
            "leading_industries": p.leading_industries,
        })
    return pd.DataFrame(region_rows), pd.DataFrame(park_rows)
