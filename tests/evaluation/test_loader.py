"""Rulebooks are validated on load; errors name the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinzhi.errors import NotFoundError, ValidationError
from xinzhi.evaluation import list_rulebooks, load_rulebook
from xinzhi.evaluation.loader import rulebook_dir

TEMPLATE = rulebook_dir() / "template.yaml"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_every_shipped_rulebook_and_the_template_load_and_cite_a_source() -> None:
    ids = list_rulebooks()
    assert {"huangyan-2022", "huaian-2024", "sichuan-parks-2022", "changle-2023", "innovative-sme-2022",
            "zjtx-2022", "zjtx-2026", "little-giant-2022", "single-champion-2023", "digital-maturity-2022",
            "digital-manufacturing-2024", "little-giant-2026"} <= set(ids)
    for rid in ids:
        book = load_rulebook(rid)
        assert book.source.document and book.effective.from_
    assert load_rulebook(TEMPLATE).id == "mycounty-2025"


def _mutate(tmp_path: Path, old: str, new: str) -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    line = bad.splitlines().index(next(ln for ln in bad.splitlines() if new.strip() in ln)) + 1
    with pytest.raises(ValidationError) as err:
        load_rulebook(write(tmp_path, bad))
    msg = str(err.value)
    assert f"bad.yaml:{line}:" in msg, msg
    return msg


def test_unknown_key_is_located(tmp_path: Path) -> None:
    msg = _mutate(tmp_path, "        weight: 60\n", "        wieght: 60\n")
    assert "wieght" in msg


def test_unknown_column_in_formula_is_located(tmp_path: Path) -> None:
    msg = _mutate(tmp_path, 'formula: "tax / land_mu"', 'formula: "tax / land_area"')
    assert "unknown column(s) land_area" in msg


def test_forbidden_function_is_located(tmp_path: Path) -> None:
    msg = _mutate(tmp_path, 'when: "safety_incident"', 'when: "__import__(\'os\')"')
    assert "not allowed" in msg


def test_unknown_class_and_bad_cutoffs(tmp_path: Path) -> None:
    msg = _mutate(tmp_path, "bars: [A, B]", "bars: [A, E]")
    assert "unknown class E" in msg
    # a rule across several keys is reported at the line of the block that holds them
    text = TEMPLATE.read_text(encoding="utf-8").replace("cutoffs: [0.20, 0.60, 0.95]", "cutoffs: [0.60, 0.20, 0.95]")
    line = text.splitlines().index("classes:") + 1
    with pytest.raises(ValidationError, match=rf"bad.yaml:{line}:classes: .*increasing"):
        load_rulebook(write(tmp_path, text))


def test_yaml_syntax_error_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"bad.yaml:3:: not valid YAML"):
        load_rulebook(write(tmp_path, "kind: permu\nid: [unclosed\n"))
    with pytest.raises(NotFoundError, match="shipped rulebooks"):
        load_rulebook("atlantis-2099")


def test_nonnegative_columns_match_the_schema() -> None:
    from xinzhi.evaluation.rulebook_common import NONNEGATIVE_COLUMNS
    from xinzhi.schema import get_spec

    assert {c.name for c in get_spec("enterprise_year").columns if c.nonnegative} == NONNEGATIVE_COLUMNS
