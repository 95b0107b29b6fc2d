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

from xinzhi.intelligence.evaluation import real_set_report, score_facts
from xinzhi.intelligence.labels import draw_split, load_labelled

REAL = Path(__file__).parent / "data" / "real"
FILES = sorted(p for p in REAL.glob("*.yaml") if p.name != "split.yaml")

#: whole-fact (precision, recall) per language, as measured, rounded down. The development part
#: is all 179 paragraphs of the first round (its held-out part included, since its errors were
#: read after its one blind run: zh 0.827 / 0.825, en 0.783 / 0.768 at commit ccf3e80).
DEV = {"zh": (0.94, 0.94), "en": (0.90, 0.89)}
#: The second held-out part (122 fresh paragraphs). Its one blind run (commit 37dfad1) gave zh
#: 0.573 / 0.573 and en 0.682 / 0.698; its errors were then read and general rules added
#: (docs/extraction.md, 'Results'), so these thresholds are the scores after that, no longer
#: blind. Scored in document mode (each paragraph read within its page), as are the other parts.
#: All three parts are development text now: the thresholds below are the scores after general
#: rules tuned on them (round 3), so they say nothing about fresh text — the fourth held-out part does.
HELDOUT = {"zh": (0.87, 0.85), "en": (0.97, 0.98)}
#: The third held-out part (37 fresh paragraphs, 114 facts). Its one blind run (extractor of
#: 0f977b1) gave zh 0.798 / 0.877 (labels with one region code corrected after the run: 雅安市 is
#: 511800) and en 0.385 / 0.455; one general rule was added after reading it ("provincial-level
#: regions"), giving en 0.462 / 0.545; the round-3 rules, tuned on it and the other two parts, give
#: the values below (development scores, not an estimate for fresh text).
HELDOUT3 = {"zh": (0.97, 0.97), "en": (0.91, 0.93)}
#: The fourth held-out part (100 fresh paragraphs, 461 facts). Its one blind run (extractor of bf333ce,
#: document mode) gave zh 0.776 / 0.776 and en 0.759 / 0.770 (paragraph mode zh 0.741 / 0.745, en 0.672 /
#: 0.681); its errors were then read and general rules added (round 4), giving the values below — development
#: scores now, not an estimate for fresh text (the fifth held-out part is that).
HELDOUT4 = {"zh": (0.94, 0.94), "en": (0.91, 0.92)}
#: The fifth held-out part (100 fresh paragraphs, 422 facts), labelled before any run and scored
#: once blind with the extractor frozen after the rules written from the fourth part (a3fa608):
#: zh 0.738 / 0.719, en 0.619 / 0.671. Its errors were then read and rules written from them, so
#: the thresholds are the development scores after them.
HELDOUT5 = {"zh": (0.83, 0.81), "en": (0.88, 0.93)}
#: The sixth held-out part (102 fresh paragraphs, 428 facts), scored once blind at d310045: zh
#: 0.785 / 0.801, en 0.773 / 0.801; its errors were then read too (development scores below).
HELDOUT6 = {"zh": (0.90, 0.91), "en": (0.86, 0.88)}
#: The seventh held-out part (102 fresh paragraphs, 510 facts), scored once blind at 4ea613c with the
#: rules written from the fifth and sixth parts: zh 0.642 / 0.622, en 0.665 / 0.676; read since
#: (development scores below).
HELDOUT7 = {"zh": (0.78, 0.75), "en": (0.84, 0.85)}
#: The eighth held-out part (102 fresh paragraphs, 385 facts), scored once blind at f7571c0 with the
#: rules written from the fifth to seventh parts: zh 0.700 / 0.682, en 0.432 / 0.461; read since.
HELDOUT8 = {"zh": (0.84, 0.82), "en": (0.77, 0.81)}
#: The ninth held-out part (76 fresh paragraphs, 389 facts), scored once blind at ca1e8bc with the
#: rules written from the fourth to eighth parts: zh 0.756 / 0.771, en 0.424 / 0.412 (document mode;
#: the start-of-day extractor 42af612 scored zh 0.744 / 0.759, en 0.402 / 0.390); read since.
HELDOUT9 = {"zh": (0.88, 0.89), "en": (0.60, 0.58)}
#: The tenth held-out part (77 fresh paragraphs, 426 facts), scored once blind at ffea4eb with the
#: rules written from the fourth to ninth parts: zh 0.726 / 0.726, en 0.603 / 0.594 (document mode;
#: paragraph mode zh 0.708 / 0.708, en 0.493 / 0.486). Read since, and rules written from it
#: (docs/extraction.md, 'Round 6'): the development scores below.
HELDOUT10 = {"zh": (0.86, 0.86), "en": (0.80, 0.78)}
#: The eleventh held-out part (75 fresh paragraphs, 352 facts), scored once blind at ade2952 with the
#: rules written from the fourth to tenth parts: zh 0.547 / 0.544, en 0.735 / 0.798 (document mode;
#: paragraph mode zh 0.425 / 0.423, en 0.619 / 0.673). Read since: one rule written from it ((预计数，
#: 下同) governs the list) gives the development scores below.
HELDOUT11 = {"zh": (0.59, 0.59), "en": (0.73, 0.79)}


@pytest.fixture(scope="module")
def split() -> dict[str, Any]:
    return yaml.safe_load((REAL / "split.yaml").read_text("utf-8"))


def test_set_size_and_attribution() -> None:
    paragraphs = load_labelled(*FILES)
    assert len(paragraphs) >= 338
    assert sum(p.lang == "zh" for p in paragraphs) >= 150 and sum(p.lang == "en" for p in paragraphs) >= 140
    assert sum(len(p.facts) for p in paragraphs) >= 1500
    assert all(p.url.startswith("http") and p.source for p in paragraphs)
    assert len({p.id for p in paragraphs}) == len(paragraphs)


def test_split_is_by_document_stratified_and_reproducible(split: dict[str, Any]) -> None:
    everything = load_labelled(*FILES)
    held, dev, held3 = set(split["heldout"]), set(split["dev"]), set(split["heldout3"])
    later = {r: set(split[f"heldout{r}"]) for r in (4, 5, 6, 7, 8, 9, 10, 11)}
    parts = [held, dev, held3, *later.values()]
    assert sum(map(len, parts)) == len(set().union(*parts))  # no paragraph in two parts
    assert set().union(*parts) == {p.id for p in everything}
    # the third part is every candidate of round3.yaml, from documents of neither earlier round;
    # the fourth to eleventh every candidate of their rounds' two files, from documents of no other round
    assert held3 == {p.id for p in load_labelled(REAL / "candidates" / "round3.yaml")}
    for r, ids in later.items():
        assert ids == {p.id for lang in ("zh", "en") for p in load_labelled(REAL / "candidates" / f"round{r}_{lang}.yaml")}
    for ids in (held3, *later.values()):
        assert not {p.url for p in everything if p.id in ids} & {p.url for p in everything if p.id not in ids}
    paragraphs = [p for p in everything if p.id not in held3.union(*later.values())]  # the first two rounds
    assert len(held) >= 0.40 * len(paragraphs)  # 122 of 301
    for lang in ("zh", "en"):  # zh 60 of 154 (39.0 %, just under 40), en 62 of 147 (42.2 %)
        mine = [p for p in paragraphs if p.lang == lang]
        assert sum(p.id in held for p in mine) >= 0.385 * len(mine)
    docs_held = {p.url for p in paragraphs if p.id in held}
    assert not docs_held & {p.url for p in paragraphs if p.id in dev}  # a document is on one side only
    # the second held-out part: drawn from the committed candidates with its seed
    candidates = load_labelled(REAL / "candidates" / "round2.yaml")
    again = draw_split(candidates, seed=split["seed"], fraction=split["fraction"])
    assert again["heldout"] == split["heldout"] and again["dev"] == split["unused"]
    # the first draw, from the first round's paragraphs, is reproducible too
    first = [p for p in paragraphs if p.id in dev]
    r1 = split["round1"]
    again = draw_split(first, seed=r1["seed"], fraction=r1["fraction"])
    assert again["heldout"] == r1["heldout"] and again["dev"] == r1["dev"]


@pytest.mark.parametrize("round_", [2, 3, "4 zh", "4 en", "5 zh", "5 en", "6 zh", "6 en", "7 zh", "7 en", "8 zh", "8 en", "9 zh", "9 en", "10 zh", "10 en", "11 zh", "11 en"])
def test_candidates_were_taken_mechanically(round_: int | str) -> None:
    import subprocess
    import sys
    import tempfile

    r, _, lang = str(round_).partition(" ")
    name = f"round{r}_{lang}.yaml" if lang else f"round{r}.yaml"
    args = ["--round", r] if r != "2" else []
    args += ["--lang", lang] if lang else []
    out = Path(tempfile.mkdtemp()) / name
    subprocess.run([sys.executable, str(REAL / "candidates" / "select.py"), *args, str(out)], check=True,
                   capture_output=True)
    assert out.read_text("utf-8") == (REAL / "candidates" / name).read_text("utf-8")
    labelled = {p.id: p for p in load_labelled(*FILES)}
    for c in load_labelled(REAL / "candidates" / name):
        if c.id in labelled:  # the labelled paragraph is the candidate, unchanged
            assert (labelled[c.id].text, labelled[c.id].context, labelled[c.id].url) == (c.text, c.context, c.url)


def _check(report: dict[str, Any], thresholds: dict[str, tuple[float, float]]) -> None:
    for lang, (p_min, r_min) in thresholds.items():
        whole = report["fields"][lang]["fact"]
        assert whole.precision >= p_min and whole.recall >= r_min, (lang, whole)


@pytest.mark.parametrize(("part", "paragraphs", "facts", "thresholds"), [
    ("dev", 179, 987, DEV),
    ("heldout", 122, 537, HELDOUT),
    ("heldout3", 37, 114, HELDOUT3),
    ("heldout4", 100, 461, HELDOUT4),
    ("heldout5", 100, 422, HELDOUT5),
    ("heldout6", 102, 428, HELDOUT6),
    ("heldout7", 102, 510, HELDOUT7),
    ("heldout8", 102, 385, HELDOUT8),
    ("heldout9", 76, 389, HELDOUT9),
    ("heldout10", 77, 426, HELDOUT10),
    ("heldout11", 75, 352, HELDOUT11),
])
def test_part_scores(part: str, paragraphs: int, facts: int, thresholds: dict[str, tuple[float, float]]) -> None:
    report = real_set_report(str(REAL), part)
    assert report["paragraphs"] == paragraphs and report["facts"] == facts
    _check(report, thresholds)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_second_labeller_agrees_with_the_first(lang: str) -> None:
    """The sixth part was labelled twice, the second time by a labeller who did not see the first
    labels (agreement/); scored like the extractor (the second labels as predictions), whole facts
    agree on 0.98 or more in each language, so the labels are not what keeps the extractor from
    its targets."""
    first = {p.id: p.facts for p in load_labelled(REAL / f"{lang}_round6.yaml")}
    second = {p.id: p.facts for p in load_labelled(REAL / "agreement" / f"{lang}_round6_b.yaml")}
    assert set(first) == set(second)
    whole = score_facts(second, first)["fact"]
    assert whole.precision >= 0.98 and whole.recall >= 0.98, whole


def test_a_period_agrees_with_another_spelling_of_the_same_months() -> None:
    gold = {"p": [{"region": "500156", "value": 9.0, "unit": "count", "period": "2019-01~03", "kind": "actual"}]}
    for period, agrees in (("2019Q1", True), ("2019-01~03", True), ("2019-01~02", False), ("2018Q1", False)):
        pred = {"p": [dict(gold["p"][0], period=period)]}
        assert score_facts(pred, gold)["fact"].recall == (1.0 if agrees else 0.0), period
    whole_year = {"p": [dict(gold["p"][0], period="2019")]}
    assert score_facts({"p": [dict(gold["p"][0], period="2019-01~12")]}, whole_year)["fact"].recall == 1.0
