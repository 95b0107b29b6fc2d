"""Find, read and validate support rulebooks (measures, stages, early warning); every error names
the file, the line and the problem, as for the evaluation rulebooks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from xinzhi.errors import NotFoundError, Problem, ValidationError
from xinzhi.evaluation.formula import FormulaError, parse_formula
from xinzhi.evaluation.yaml_lines import LineDict, line_of, load_yaml_with_lines
from xinzhi.support.panel import DECLARED, vocabulary
from xinzhi.support.rules import Measure, StageRulebook, WarningRulebook

__all__ = ["list_measures", "load_measure", "load_measures", "load_stage_rulebook", "load_warning_rulebook",
           "measure_dir"]

M = TypeVar("M", Measure, StageRulebook, WarningRulebook)
DEFAULT_STAGES = "stages-2024"
DEFAULT_WARNING = "liquidity-warning-2024"


def _data() -> Path:
    return Path(str(resources.files("xinzhi.support") / "data"))


def measure_dir() -> Path:
    """The folder of the shipped measures."""
    return _data() / "measures"


def list_measures() -> list[str]:
    """Ids of the shipped measures (file stems), the template excluded."""
    return [p.stem for p in sorted(measure_dir().glob("*.yaml")) if p.stem != "template"]


def _find(name: str | Path, folder: Path, what: str, shipped: list[str]) -> Path:
    path = Path(name)
    if path.is_file():
        return path
    candidate = folder / f"{name}.yaml"
    if not candidate.is_file():
        raise NotFoundError(f"no {what} {str(name)!r}; shipped: {', '.join(shipped)}")
    return candidate


def load_measure(name: str | Path) -> Measure:
    """A measure by shipped id (``rd-super-deduction-2023``) or path, validated.

    Raises
    ------
    NotFoundError
        No such file and no shipped measure of that id.
    ValidationError
        Each problem reads ``file:line:key: reason``.
    """
    path = _find(name, measure_dir(), "measure", list_measures())
    return _cached(path, path.stat().st_mtime_ns, Measure)  # type: ignore[return-value]


def load_measures(ids: list[str] | None = None, *, on: dt.date | None = None) -> list[Measure]:
    """The shipped measures (or those named), optionally only those in force on ``on``."""
    out = [load_measure(i) for i in (ids or list_measures())]
    return [m for m in out if on is None or m.valid.covers(on)]


def load_stage_rulebook(name: str | Path = DEFAULT_STAGES) -> StageRulebook:
    """The stage rulebook (shipped id or path)."""
    path = _find(name, _data() / "rulebooks", "stage rulebook", [DEFAULT_STAGES])
    return _cached(path, path.stat().st_mtime_ns, StageRulebook)  # type: ignore[return-value]


def load_warning_rulebook(name: str | Path = DEFAULT_WARNING) -> WarningRulebook:
    """The early-warning rulebook (shipped id or path)."""
    path = _find(name, _data() / "rulebooks", "warning rulebook", [DEFAULT_WARNING])
    return _cached(path, path.stat().st_mtime_ns, WarningRulebook)  # type: ignore[return-value]


@cache
def _cached(path: Path, mtime: int, model: type[M]) -> M:
    return _load(path, model)


def _load(path: Path, model: type[M]) -> M:
    fname = path.name
    try:
        tree = load_yaml_with_lines(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValidationError([Problem(fname, mark.line + 1 if mark is not None else None, None, "yaml",
                                       f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(tree, LineDict):
        raise ValidationError([Problem(fname, 1, None, "shape", "a rulebook must be a mapping of keys")])
    kind = model.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
    if tree.get("kind") != kind:
        raise ValidationError([Problem(fname, line_of(tree, ["kind"]), "kind", "kind",
                                       f"kind must be {kind!r}, got {tree.get('kind')!r}")])
    try:
        book = model.model_validate(tree)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in ("float", "str")))]
            problems.append(Problem(fname, line_of(tree, loc), ".".join(map(str, loc)) or None, err["type"], err["msg"]))
        raise ValidationError(problems) from None
    problems = list(_formula_problems(book, tree, fname))
    if isinstance(book, Measure):
        problems += [Problem(fname, line_of(tree, ["inputs", i]), f"inputs.{i}", "input",
                             f"unknown input {name!r}; inputs are columns of support_declaration: {', '.join(DECLARED)}")
                     for i, name in enumerate(book.inputs) if name not in DECLARED]
    if problems:
        raise ValidationError(problems)
    return book


def _formulas(book: Measure | StageRulebook | WarningRulebook) -> Iterator[tuple[list[Any], str, set[str]]]:
    """(location, formula, names it may read) of every formula of a rulebook."""
    base = set(vocabulary())
    if isinstance(book, Measure):
        known = base | set(book.inputs)
        for i, v in enumerate(book.values):
            yield ["values", i, "formula"], v.formula, set(known)
            known.add(v.id)
        for part in ("eligibility", "direct", "negative"):
            for i, c in enumerate(getattr(book, part)):
                yield [part, i, "when"], c.when, known
                if c.near_when is not None:
                    yield [part, i, "near_when"], c.near_when, known
        if book.benefit.amount is not None:
            yield ["benefit", "amount"], book.benefit.amount, known
        if book.benefit.base is not None:
            yield ["benefit", "base"], book.benefit.base, known
        if isinstance(book.benefit.rate, str):
            yield ["benefit", "rate"], book.benefit.rate, known
    elif isinstance(book, StageRulebook):
        for i, s in enumerate(book.stages):
            for j, r in enumerate(s.rules):
                yield ["stages", i, "rules", j, "when"], r.when, base - {"stage", "stage_rule"}
    else:
        for i, sig in enumerate(book.signals):
            yield ["signals", i, "value"], sig.value, base


def _formula_problems(book: Measure | StageRulebook | WarningRulebook, tree: LineDict, fname: str) -> Iterator[Problem]:
    for loc, text, known in _formulas(book):
        where = ".".join(map(str, loc))
        try:
            names = parse_formula(text).names
        except FormulaError as exc:
            yield Problem(fname, line_of(tree, loc), where, "formula", str(exc))
            continue
        if unknown := sorted(names - known):
            yield Problem(fname, line_of(tree, loc), where, "formula",
                          f"unknown name(s) {', '.join(unknown)}; declared facts go under 'inputs', "
                          "intermediate formulas under 'values' (before their use)")
