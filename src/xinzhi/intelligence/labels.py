"""Labelled paragraph sets: reading and validating them (``tests/intelligence/data/real``).

A set is a YAML file with a list under ``paragraphs``; each paragraph carries its text, the
document's metadata (language, type, source, URL, publication date, title, optional preceding
``context``) and its hand-labelled facts in the compact form of the labelling guide
(``r``, ``s``, ``m``, ``v``, ``u``, ``p``, ``k``, ``q``). :func:`load_labelled` turns the labels into
the fact form the scorer compares (:mod:`xinzhi.intelligence.evaluation`):

- ``v`` may be written ``43387.0e8``; it is read with :func:`float`.
- ``u: "%"`` becomes unit ``fraction`` with the value divided by 100 (the extractor's base unit);
  ``u: pp`` stays ``pp`` with the value divided by 100 (points as fractions).
- everything else is kept as written.

This module reads labels only; it never runs the extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from xinzhi.errors import InputError

__all__ = ["KINDS", "MEASURES", "PERIOD_RE", "UNITS", "LabelledParagraph", "load_labelled", "normalise_fact"]

MEASURES = ("level", "growth", "share", "change")
KINDS = ("actual", "target", "forecast")
QUALIFIERS = ("over", "nearly", "about", "at_least", "under")
DOC_TYPES = ("statistics", "work_report", "plan", "news")
#: units of the labelling guide (anything else is kept as written, e.g. 斤)
UNITS = ("yuan", "usd", "eur", "hkd", "%", "pp", "count", "person", "person_time", "tonne", "kwh", "kw",
         "m2", "km2", "mu", "km", "m3", "times", "number")
PERIOD_RE = re.compile(r"^(?:\d{4}|\d{4}Q[1-4]|\d{4}-\d\d|\d{4}-\d\d~\d\d|\d{4}~\d{4})$")
_FIELD = {"r": "region", "s": "subject", "m": "measure", "v": "value", "u": "unit", "p": "period",
          "k": "kind", "q": "qualifier"}


@dataclass
class LabelledParagraph:
    """One labelled paragraph with its document metadata and gold facts (normalised)."""

    id: str
    lang: str
    type: str
    source: str
    url: str
    published: dt.date | None
    title: str | None
    text: str
    context: str | None
    facts: list[dict[str, Any]] = field(default_factory=list)
    file: str = ""

    @property
    def document(self) -> str:
        """Key of the source document (paragraphs of one URL belong to one document)."""
        return self.url


def normalise_fact(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """A label in the guide's compact form → the scorer's fact mapping (see module docstring)."""
    unknown = set(raw) - set(_FIELD)
    if unknown:
        raise InputError(f"{where}: unknown label fields {sorted(unknown)}")
    for key in ("r", "s", "m", "v", "u", "p", "k"):
        if key not in raw:
            raise InputError(f"{where}: label lacks {key!r} ({_FIELD[key]})")
    try:
        value = float(raw["v"])
    except (TypeError, ValueError):
        raise InputError(f"{where}: value {raw['v']!r} is not a number") from None
    unit = str(raw["u"])
    if unit == "%":
        unit, value = "fraction", value / 100
    elif unit == "pp":
        value = value / 100
    measure, kind, qualifier = raw["m"], raw["k"], raw.get("q")
    if measure not in MEASURES:
        raise InputError(f"{where}: measure {measure!r} not in {MEASURES}")
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} not in {KINDS}")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise InputError(f"{where}: qualifier {qualifier!r} not in {QUALIFIERS}")
    period = raw["p"]
    if period is not None:
        period = str(period)
        if not PERIOD_RE.match(period):
            raise InputError(f"{where}: period {period!r} is not in the guide's form")
    region = raw["r"]
    return {
        "region": None if region is None else str(region),
        "subject": str(raw["s"]),
        "measure": measure,
        "value": float(f"{value:.12g}"),
        "unit": unit,
        "period": period,
        "kind": kind,
        "qualifier": qualifier,
    }


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: published {value!r} is not a date (YYYY-MM-DD)") from None


def load_labelled(*paths: str | Path) -> list[LabelledParagraph]:
    """Paragraphs of one or more labelled YAML files, validated, in file order.

    Raises :class:`~xinzhi.errors.InputError` naming the file, paragraph and problem for a
    malformed label, an unknown field, a duplicate id, or a unit or period outside the guide.
    """
    out: list[LabelledParagraph] = []
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        data = yaml.safe_load(p.read_text("utf-8")) or {}
        for raw in data.get("paragraphs") or []:
            pid = str(raw.get("id", ""))
            where = f"{p.name}: {pid}"
            if not pid or pid in seen:
                raise InputError(f"{where}: missing or duplicate paragraph id")
            seen.add(pid)
            if raw.get("lang") not in ("zh", "en"):
                raise InputError(f"{where}: lang must be zh or en")
            if raw.get("type") not in DOC_TYPES:
                raise InputError(f"{where}: type {raw.get('type')!r} not in {DOC_TYPES}")
            facts = [normalise_fact(f, f"{where} fact {i + 1}") for i, f in enumerate(raw.get("facts") or [])]
            for f in facts:
                if f["unit"] not in UNITS and f["unit"] not in ("fraction",) and not re.search(r"[\u4e00-\u9fff]", f["unit"]):
                    raise InputError(f"{where}: unit {f['unit']!r} is not one of the guide's units")
            out.append(LabelledParagraph(
                id=pid, lang=raw["lang"], type=raw["type"], source=str(raw.get("source") or ""),
                url=str(raw.get("url") or ""), published=_date(raw.get("published"), where),
                title=raw.get("title"), text=str(raw["text"]), context=raw.get("context"),
                facts=facts, file=p.name,
            ))
    return out


def draw_split(paragraphs: list[LabelledParagraph], *, seed: int, fraction: float = 0.45) -> dict[str, list[str]]:
    """Draw a held-out part: whole documents, at random with ``seed``, separately per language,
    until at least ``fraction`` of each language's paragraphs are held out.

    Returns ``{"heldout": [...], "dev": [...]}`` with paragraph ids. Documents are shuffled by
    :class:`random.Random` seeded with ``seed`` after sorting their keys, so the draw depends only
    on the seed and the set.
    """
    import random

    rng = random.Random(seed)
    held: list[str] = []
    for lang in ("en", "zh"):
        mine = [p for p in paragraphs if p.lang == lang]
        docs: dict[str, list[str]] = {}
        for p in mine:
            docs.setdefault(p.document, []).append(p.id)
        keys = sorted(docs)
        rng.shuffle(keys)
        taken = 0
        for k in keys:
            if taken >= fraction * len(mine):
                break
            held += docs[k]
            taken += len(docs[k])
    held_set = set(held)
    return {"heldout": [p.id for p in paragraphs if p.id in held_set],
            "dev": [p.id for p in paragraphs if p.id not in held_set]}
