"""Fixtures of the intelligence tests: the labelled paragraph sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).parent / "data"


def load_set(name: str) -> list[dict[str, Any]]:
    paragraphs = yaml.safe_load((DATA / name).read_text("utf-8"))["paragraphs"]
    for p in paragraphs:
        for f in p["facts"]:
            f["region"], f["period"] = str(f["region"]), str(f["period"])
    return paragraphs


@pytest.fixture(scope="session")
def eval_set() -> list[dict[str, Any]]:
    return load_set("eval_paragraphs.yaml")


@pytest.fixture(scope="session")
def heldout_set() -> list[dict[str, Any]]:
    return load_set("heldout_paragraphs.yaml")
