"""Find, read and validate rulebook files; every error names the file, the line and the problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pydantic
import yaml

from xinzhi.errors import NotFoundError, Problem, ValidationError
from xinzhi.evaluation.digital_rulebook import DigitalRulebook
from xinzhi.evaluation.formula import FormulaError, parse_formula
from xinzhi.evaluation.gradient_rulebook import GradientRulebook
from xinzhi.evaluation.permu_rulebook import PermuRulebook
from xinzhi.evaluation.rulebook_common import BASE_COLUMNS
from xinzhi.evaluation.size_rulebook import SizeRulebook
from xinzhi.evaluation.yaml_lines import LineDict, line_of, load_yaml_with_lines

__all__ = ["Rulebook", "list_rulebooks", "load_rulebook", "rulebook_dir", "select_rulebook"]

Rulebook = PermuRulebook | GradientRulebook | DigitalRulebook | SizeRulebook
_KINDS: dict[str, type[PermuRulebook] | type[GradientRulebook] | type[DigitalRulebook] | type[SizeRulebook]] = {
    "permu": PermuRulebook,
    "gradient": GradientRulebook,
    "digital": DigitalRulebook,
    "size": SizeRulebook,
}


def rulebook_dir() -> Path:
    """The folder of the shipped rulebooks."""
    return Path(str(resources.files("xinzhi.evaluation") / "rulebooks"))


def list_rulebooks(kind: str | None = None) -> list[str]:
    """Ids of the shipped rulebooks (file stems), optionally of one kind; the template excluded."""
    out = []
    for path in sorted(rulebook_dir().glob("*.yaml")):
        if path.stem == "template":
            continue
        if kind is None or load_rulebook(path).kind == kind:
            out.append(path.stem)
    return out


def load_rulebook(name: str | Path) -> Rulebook:
    """Load a rulebook by shipped id (``huaian-2024``) or by path, and validate it.

    Raises
    ------
    NotFoundError
        No such file and no shipped rulebook of that id.
    ValidationError
        The file is not valid; each problem reads ``file:line:key: reason``.
    """
    path = Path(name)
    if not path.is_file():
        shipped = rulebook_dir() / f"{name}.yaml"
        if not shipped.is_file():
            raise NotFoundError(
                f"no rulebook {str(name)!r}; shipped rulebooks: {', '.join(list_rulebooks())}"
            )
        path = shipped
    return _load(path)


def _load(path: Path) -> Rulebook:
    fname = path.name
    try:
        tree = load_yaml_with_lines(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ValidationError([Problem(fname, line, None, "yaml", f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(tree, LineDict):
        raise ValidationError([Problem(fname, 1, None, "shape", "a rulebook must be a mapping of keys")])
    kind = tree.get("kind")
    model = _KINDS.get(str(kind))
    if model is None:
        raise ValidationError([Problem(fname, line_of(tree, ["kind"]), "kind", "kind", f"kind must be one of {', '.join(_KINDS)}, got {kind!r}")])
    try:
        book = model.model_validate(tree)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and p in ("float", "ComputedBenchmark", "function-after[_positive_benchmark(), Indicator]"))]
            problems.append(Problem(fname, line_of(tree, loc), ".".join(str(p) for p in loc) or None, err["type"], err["msg"]))
        raise ValidationError(problems) from None
    problems = list(_semantic_problems(book, tree, fname))
    if problems:
        raise ValidationError(problems)
    return book


def _formulas(book: Rulebook) -> Iterator[tuple[list[Any], str]]:
    """(location, formula) of every formula in a rulebook."""
    if isinstance(book, PermuRulebook):
        for i, c in enumerate(book.cohorts):
            yield ["cohorts", i, "when"], c.when
            for j, ind in enumerate(c.indicators):
                yield ["cohorts", i, "indicators", j, "formula"], ind.formula
                if ind.applies:
                    yield ["cohorts", i, "indicators", j, "applies"], ind.applies
            for j, adj in enumerate(c.adjustments):
                yield ["cohorts", i, "adjustments", j, "when"], adj.when
        for i, v in enumerate(book.vetoes):
            yield ["vetoes", i, "when"], v.when
        for i, p in enumerate(book.protections):
            yield ["protections", i, "when"], p.when
        for i, pol in enumerate(book.policies):
            for j, lev in enumerate(pol.levers):
                if lev.base:
                    yield ["policies", i, "levers", j, "base"], lev.base
    elif isinstance(book, GradientRulebook):
        for i, gind in enumerate(book.indicators):
            yield ["indicators", i, "value"], gind.value
        for i, cond in enumerate(book.conditions):
            yield ["conditions", i, "when"], cond.when
        for i, cond in enumerate(book.direct_pass):
            yield ["direct_pass", i, "when"], cond.when


def _semantic_problems(book: Rulebook, tree: LineDict, fname: str) -> Iterator[Problem]:
    known = set(BASE_COLUMNS)
    if isinstance(book, PermuRulebook | GradientRulebook):
        known |= set(book.inputs)
    if isinstance(book, GradientRulebook):
        known |= book.derived_names()
    for loc, text in _formulas(book):
        try:
            names = parse_formula(text).names
        except FormulaError as exc:
            yield Problem(fname, line_of(tree, loc), ".".join(map(str, loc)), "formula", str(exc))
            continue
        unknown = sorted(names - known)
        if unknown:
            yield Problem(
                fname, line_of(tree, loc), ".".join(map(str, loc)), "formula",
                f"unknown column(s) {', '.join(unknown)}; declare extra columns under 'inputs'",
            )
    if isinstance(book, PermuRulebook):
        yield from _permu_problems(book, tree, fname)
    if isinstance(book, GradientRulebook) and book.eligibility.sme:
        loc = ["eligibility", "sme"]
        try:
            size = load_rulebook(book.eligibility.sme)
        except (NotFoundError, ValidationError) as exc:
            yield Problem(fname, line_of(tree, loc), ".".join(loc), "rulebook", str(exc))
        else:
            if not isinstance(size, SizeRulebook):
                yield Problem(fname, line_of(tree, loc), ".".join(loc), "rulebook",
                              f"{book.eligibility.sme} is a {size.kind} rulebook, not a size rulebook")


def _permu_problems(book: PermuRulebook, tree: LineDict, fname: str) -> Iterator[Problem]:
    classes = set(book.classes.order)
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for i, c in enumerate(book.cohorts):
        if c.id in ids:
            yield Problem(fname, line_of(tree, ["cohorts", i, "id"]), f"cohorts.{i}.id", "duplicate", f"cohort id {c.id!r} is used twice")
        ids.add(c.id)
        if c.fixed_class is not None and c.fixed_class in classes:
            yield Problem(fname, line_of(tree, ["cohorts", i, "class"]), f"cohorts.{i}.class", "class", f"a fixed class must not be a ranked class ({c.fixed_class!r})")
        for j, ind in enumerate(c.indicators):
            if seen.setdefault(ind.id, ind.formula) != ind.formula:
                yield Problem(fname, line_of(tree, ["cohorts", i, "indicators", j, "formula"]), f"cohorts.{i}.indicators.{j}.formula", "formula",
                              f"indicator {ind.id!r} has two different formulas; give the second another id")
            bm = ind.benchmark
            if not isinstance(bm, float | int) and bm.statistic == "aggregate" and parse_formula(ind.formula).ratio_parts() is None:
                yield Problem(fname, line_of(tree, ["cohorts", i, "indicators", j, "benchmark"]), f"cohorts.{i}.indicators.{j}.benchmark", "benchmark",
                              "statistic 'aggregate' needs a formula that is one division")
    checks: list[tuple[list[Any], list[str]]] = []
    checks += [(["vetoes", i, "bars"], v.bars) for i, v in enumerate(book.vetoes)]
    checks += [(["protections", i, "protects_from"], p.protects_from) for i, p in enumerate(book.protections)]
    checks += [(["policies", i, "class"], [p.class_]) for i, p in enumerate(book.policies)]
    allowed = classes | {book.not_evaluated_class} | {c.fixed_class for c in book.cohorts if c.fixed_class}
    for loc, names in checks:
        bad = [n for n in names if n not in allowed]
        if bad:
            yield Problem(fname, line_of(tree, loc), ".".join(map(str, loc)), "class", f"unknown class {', '.join(bad)}; classes are {', '.join(book.classes.order)}")


def select_rulebook(program: str, *, on: dt.date, application: str = "new") -> GradientRulebook:
    """The shipped gradient rulebook of ``program`` in force on ``on`` for this application type.

    Raises
    ------
    NotFoundError
        When no shipped rulebook of the programme covers that date and application type.
    """
    found = []
    for path in sorted(rulebook_dir().glob("*.yaml")):
        book = load_rulebook(path) if path.stem != "template" else None
        if isinstance(book, GradientRulebook) and book.program == program:
            found.append(book)
            if application in book.applications and book.applications[application].covers(on):
                return book
    if not found:
        raise NotFoundError(f"no gradient programme {program!r}")
    raise NotFoundError(f"no {program!r} rulebook covers a {application} application on {on.isoformat()}")
