"""Bundled industry taxonomies (strategic emerging industries 2018, future industries 2024),
mapped onto GB/T 4754-2017 codes; see ``data/taxonomies/README.md`` for what the mappings are."""

from __future__ import annotations

import pandas as pd

from xinzhi.errors import NotFoundError
from xinzhi.reference.files import data_path


def bundled_taxonomies() -> list[str]:
    """Ids of the bundled taxonomies, e.g. ``['future-2024', 'sei-2018']``."""
    return sorted(p.stem for p in data_path("taxonomies").glob("*.csv"))


def taxonomy(name: str) -> pd.DataFrame:
    """Rows ``taxonomy, category, category_name, industry_code`` of a bundled taxonomy."""
    if name not in bundled_taxonomies():
        raise NotFoundError(f"no bundled taxonomy {name!r}; bundled: {', '.join(bundled_taxonomies())}")
    return pd.read_csv(data_path("taxonomies", f"{name}.csv"), dtype=str, keep_default_na=False)
