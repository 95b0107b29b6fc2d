"""The labelled real-text set (tests/intelligence/data/real): its split, and the extractor's
scores on the development and held-out parts.

The thresholds are the scores measured (docs/extraction.md, 'Results'), rounded down to two
decimals, so a change that makes the extractor worse on real text fails here. Issue 16 asks for
whole-fact precision >= 0.90 and recall >= 0.85 per language on held-out text; the held-out
thresholds below are lower because that is what the extractor achieved — the shortfall is
reported, not hidden.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from xinzhi.intelligence.evaluation import real_set_report
from xinzhi.intelligence.labels import draw_split, load_labelled

REAL = Path(__file__).parent / "data" / "real"
FILES = sorted(p for p in REAL.glob("*.yaml") if p.name != "split.yaml")

#: whole-fact (precision, recall) per language, as measured, rounded down
DEV = {"zh": (0.91, 0.91), "en": (0.91, 0.91)}
#: the first (blind) run on the held-out part, commit ccf3e80: zh 0.827 / 0.825, en 0.783 / 0.768 —
#: below the issue's 0.90 / 0.85 (docs/extraction.md, 'Results', has the error analysis)
HELDOUT = {"zh": (0.82, 0.82), "en": (0.78, 0.76)}


@pytest.fixture(scope="module")
def split() -> dict[str, Any]:
    return yaml.safe_load((REAL / "split.yaml").read_text("utf-8"))


def test_set_size_and_attribution() -> None:
    paragraphs = load_labelled(*FILES)
    assert len(paragraphs) >= 150
    assert sum(p.lang == "zh" for p in paragraphs) >= 75 and sum(p.lang == "en" for p in paragraphs) >= 75
    assert sum(len(p.facts) for p in paragraphs) >= 900
    assert all(p.url.startswith("http") and p.source for p in paragraphs)
    assert len({p.id for p in paragraphs}) == len(paragraphs)


def test_split_is_by_document_stratified_and_reproducible(split: dict[str, Any]) -> None:
    paragraphs = load_labelled(*FILES)
    held, dev = set(split["heldout"]), set(split["dev"])
    assert not held & dev and held | dev == {p.id for p in paragraphs}
    for lang in ("zh", "en"):
        mine = [p for p in paragraphs if p.lang == lang]
        assert sum(p.id in held for p in mine) >= 0.40 * len(mine)
    docs_held = {p.url for p in paragraphs if p.id in held}
    assert not docs_held & {p.url for p in paragraphs if p.id in dev}  # a document is on one side only
    again = draw_split(paragraphs, seed=split["seed"], fraction=split["fraction"])
    assert again["heldout"] == split["heldout"] and again["dev"] == split["dev"]


def _check(report: dict[str, Any], thresholds: dict[str, tuple[float, float]]) -> None:
    for lang, (p_min, r_min) in thresholds.items():
        whole = report["fields"][lang]["fact"]
        assert whole.precision >= p_min and whole.recall >= r_min, (lang, whole)


def test_development_part() -> None:
    report = real_set_report(str(REAL), "dev")
    assert report["paragraphs"] == 95 and report["facts"] == 489
    _check(report, DEV)


def test_heldout_part() -> None:
    report = real_set_report(str(REAL), "heldout")
    assert report["paragraphs"] == 84 and report["facts"] == 498
    _check(report, HELDOUT)
