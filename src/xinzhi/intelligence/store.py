"""Storing documents, facts and priorities in a workspace, and promoting a fact into the
delivery tables (``indicator_value`` or ``target``) with its source.

Period mapping on promotion (fact period → ``indicator_value.period``):

==================  ==================================================================
fact period         indicator period
==================  ==================================================================
``2024``            ``2024``
``2024Q3``          ``2024Q3``
``2024-11``         ``2024-11`` (a single month)
``2024-01~11``      year to date: ``2024-11``; ``2024Q3`` for ``2024-01~09`` when the
                    indicator's frequency is ``quarter``. Only for indicators whose
                    ``cumulative`` flag is true (a year-to-date figure is not a monthly one).
other ranges        rejected
==================  ==================================================================

Values are converted from the fact's base unit (yuan, count, fraction) to the indicator's unit
with :func:`xinzhi.units.factor` (亿元, 万元, 万家, %, …).
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any

import pandas as pd

from xinzhi.errors import InputError, NotFoundError
from xinzhi.intelligence.documents import Document
from xinzhi.intelligence.facts import Fact, facts_frame
from xinzhi.intelligence.priorities import Priority, priorities_frame
from xinzhi.units import factor

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

__all__ = ["fact_id", "indicator_period", "promote_fact", "store_extraction", "to_unit"]

logger = logging.getLogger(__name__)


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def fact_id(f: Fact) -> str:
    """Stable id of a fact: hash of document, offset of the number and indicator."""
    return _hash(f.document_id, f.value_start, f.indicator)


def _fact_from_row(row: Any) -> Fact:
    """A stored fact row back as a :class:`Fact` (for merging new facts with stored ones)."""
    from xinzhi.intelligence.facts import FACT_COLUMNS

    d: dict[str, Any] = {c: getattr(row, c, None) for c in FACT_COLUMNS}
    for c in ("value_start", "value_end", "sentence_start", "sentence_end", "year", "month_from", "month_to"):
        v = d.get(c)
        d[c] = None if v is None or (isinstance(v, float) and pd.isna(v)) else int(v)
    for c in FACT_COLUMNS:
        v = d.get(c)
        if v is not None and not isinstance(v, (int, str)) and pd.isna(v):
            d[c] = None
    if d.get("published") is not None and not isinstance(d["published"], str):
        d["published"] = pd.Timestamp(d["published"]).date().isoformat()
    d["region_code"] = d.get("region_code") or None
    d["subject"] = d.get("subject") or d.get("indicator") or ""
    d["measure"] = d.get("measure") or ("growth" if str(d.get("indicator", "")).endswith("_growth") else "level")
    return Fact(**d)


def store_extraction(
    ws: Workspace,
    documents: list[Document],
    facts: list[Fact],
    priorities: list[Priority] | None = None,
) -> dict[str, int]:
    """Write documents, facts and priorities into the workspace (upsert by content hash).

    Facts are merged with each other and with the facts already stored
    (:func:`~xinzhi.intelligence.merge.merge_facts`): the same figure read from several documents
    — a Chinese and an English article — is one ``fact`` row with one ``fact_source`` row per
    document. Each fact is compared with the workspace's indicator values and region statistics
    (:func:`~xinzhi.intelligence.conflicts.find_conflicts`); a disagreement sets ``conflict``
    and keeps the workspace's figure beside the fact's.

    Returns the number of rows written per table. Storing the same document again changes
    nothing: documents are keyed by their content hash and facts by document, offset and
    indicator.
    """
    from xinzhi.intelligence.conflicts import find_conflicts
    from xinzhi.intelligence.merge import merge_facts

    counts = {"document": 0, "fact": 0, "fact_source": 0, "priority": 0}
    languages = {d.document_id: d.language for d in documents}
    if documents:
        docs = pd.DataFrame(
            {
                "document_id": [d.document_id for d in documents],
                "title": [d.title for d in documents],
                "url": [d.url for d in documents],
                "published": [d.published for d in documents],
                "language": [d.language for d in documents],
                "source": [d.source for d in documents],
                "text": [d.text for d in documents],
            }
        ).drop_duplicates("document_id")
        ws.write("document", docs, source="xinzhi extract")
        counts["document"] = len(docs)
    if facts:
        counts["fact"] = 0
        stored = ws.to_pandas("fact")
        stored_docs = ws.to_pandas("document")
        languages.update({str(r.document_id): str(r.language or "") for r in stored_docs.itertuples(index=False)})
        stored_sources = ws.to_pandas("fact_source")
        seen = {(str(r.document_id), int(r.value_start)) for r in stored_sources.itertuples(index=False)}
        seen |= {(str(r.document_id), int(r.value_start)) for r in stored.itertuples(index=False)}
        fresh = [f for f in facts if (f.document_id, f.value_start) not in seen]  # stored before: unchanged
        old = [_fact_from_row(r) for r in stored.itertuples(index=False)]
        old_ids = {fact_id(f) for f in old}
        fresh_ids = {id(f) for f in fresh}
        merged = merge_facts([*old, *fresh], languages)
        rows: list[tuple[str, Any]] = []
        sources: list[dict[str, Any]] = []
        for m in merged:
            members = [fact_id(f) for f in m.members]
            if not any(id(f) in fresh_ids for f in m.members):
                continue  # nothing new for this stored fact
            keep = next((fid for fid in members if fid in old_ids), fact_id(m.fact))
            rows.append((keep, m))
            for src in m.sources:
                sources.append({"fact_id": keep, "document_id": src.document_id, "language": src.language,
                                "value_start": src.value_start, "value_end": src.value_end,
                                "sentence_start": src.sentence_start, "sentence_end": src.sentence_end,
                                "value_text": src.value_text, "sentence": src.sentence,
                                "published": pd.to_datetime(src.published).date() if src.published else None})
        known: dict[str, set[tuple[str, int]]] = {}
        for r in stored_sources.itertuples(index=False):
            known.setdefault(str(r.fact_id), set()).add((str(r.document_id), int(r.value_start)))
        for row in sources:
            known.setdefault(str(row["fact_id"]), set()).add((str(row["document_id"]), int(row["value_start"])))
        ff = facts_frame([m.fact for _, m in rows])
        ff.insert(0, "fact_id", [fid for fid, _ in rows])
        ff["sources"] = [len(known.get(fid, ())) or len(m.sources) for fid, m in rows]
        ff = ff.drop_duplicates("fact_id")
        ff["region_code"] = ff["region_code"].fillna("")
        ff["published"] = [pd.to_datetime(p).date() if isinstance(p, str) and p else None for p in ff["published"]]
        conf = find_conflicts(ws, ff.assign(region_code=ff["region_code"].replace("", None)))
        ff["conflict"] = False
        ff["workspace_value"] = None
        ff["workspace_source"] = None
        if len(conf):
            first = conf.sort_values("conflict", ascending=False).drop_duplicates("fact_id").set_index("fact_id")
            hit = ff["fact_id"].isin(first.index)
            ff.loc[hit, "conflict"] = ff.loc[hit, "fact_id"].map(first["conflict"]).astype(bool)
            ff.loc[hit, "workspace_value"] = ff.loc[hit, "fact_id"].map(first["workspace_value"])
            ff.loc[hit, "workspace_source"] = ff.loc[hit, "fact_id"].map(first["workspace_source"])
        ff["workspace_value"] = pd.to_numeric(ff["workspace_value"], errors="coerce")
        if len(ff):
            ws.write("fact", ff, source="xinzhi extract")
        counts["fact"] = len(ff)
        if sources:
            sf = pd.DataFrame(sources).drop_duplicates(["fact_id", "document_id", "value_start"])
            ws.write("fact_source", sf, source="xinzhi extract")
            counts["fact_source"] = len(sf)
    if priorities:
        pf = priorities_frame(priorities)
        pf.insert(0, "priority_id", [_hash(p.document_id, p.item_start, p.item) for p in priorities])
        pf = _map_to_workspace(ws, pf.drop_duplicates("priority_id"))
        pf["region_code"] = pf["region_code"].fillna("")
        ws.write("priority", pf, source="xinzhi extract")
        counts["priority"] = len(pf)
    logger.info("stored %s", counts)
    return counts


def _map_to_workspace(ws: Workspace, pf: pd.DataFrame) -> pd.DataFrame:
    from xinzhi.intelligence.priorities import map_priorities

    frames = []
    tax = ws.to_pandas("taxonomy")
    if len(tax):
        t = tax.drop_duplicates(["taxonomy", "category"])
        frames.append(pd.DataFrame({"taxonomy": t["taxonomy"], "category": t["category"],
                                    "name": t["category_name"].fillna(""), "name_en": ""}))
    clusters = ws.to_pandas("cluster")
    if len(clusters):
        frames.append(pd.DataFrame({"taxonomy": clusters["system"], "category": clusters["cluster_code"],
                                    "name": clusters["name"], "name_en": clusters["name_en"].fillna("")}))
    cats = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["taxonomy", "category", "name", "name_en"])
    return map_priorities(pf, cats)


def indicator_period(period: str, *, cumulative: bool, frequency: str) -> str:
    """Map a fact period to the period string of ``indicator_value`` (see the module table).

    >>> indicator_period("2024-01~11", cumulative=True, frequency="month")
    '2024-11'
    >>> indicator_period("2024-01~09", cumulative=True, frequency="quarter")
    '2024Q3'
    >>> indicator_period("2023", cumulative=False, frequency="year")
    '2023'
    """
    if "~" not in period:
        return period
    year, months = period.split("-", 1)
    m_from, m_to = (int(x) for x in months.split("~"))
    if m_from != 1:
        raise InputError(f"period {period} is neither a year, quarter, month nor a year-to-date range")
    if not cumulative:
        raise InputError(
            f"period {period} is a year-to-date figure; the indicator is not cumulative "
            "(set its cumulative flag, or choose a cumulative indicator)"
        )
    if frequency == "quarter" and m_to % 3 == 0:
        return f"{year}Q{m_to // 3}"
    return f"{year}-{m_to:02d}"


_RATIO_UNITS = {"%": 100.0, "％": 100.0, "percent": 100.0, "百分比": 100.0, "‰": 1000.0,
                "比例": 1.0, "ratio": 1.0, "fraction": 1.0, "": 1.0}


def to_unit(value: float, fact_unit: str, unit: str | None) -> float:
    """Convert a fact value from its base unit (yuan, count, fraction) into ``unit``.

    >>> to_unit(6.01329e12, "yuan", "亿元")
    60132.9
    >>> to_unit(0.061, "fraction", "%"), to_unit(12700, "count", "万家")
    (6.1, 1.27)
    """
    target = (unit or "").strip()
    if fact_unit == "fraction":
        key = target.lower()
        if key not in _RATIO_UNITS:
            raise InputError(f"cannot put a percentage into unit {unit!r}; use %, ratio or fraction")
        return round(value * _RATIO_UNITS[key], 12)
    quantity = "money" if fact_unit == "yuan" else "count"
    if not target:
        return value
    try:
        f_to = factor(quantity, target)
    except InputError:
        if quantity == "count":
            f_to = factor("people", target)
        else:
            raise
    f_from = factor(quantity, "元" if quantity == "money" else "个")
    return float(f"{value * f_from / f_to:.12g}")


def _source(fact: pd.Series, title: str) -> str:
    sentence = str(fact["sentence"])
    if len(sentence) > 160:
        sentence = sentence[:157] + "…"
    name = f" «{title}»" if title else ""
    return (f"document {fact['document_id']}{name}, chars {int(fact['sentence_start'])}-"
            f"{int(fact['sentence_end'])}: {sentence}")


def promote_fact(
    ws: Workspace,
    fact_id: str,
    *,
    indicator: str | None = None,
    as_target: bool = False,
    baseline: float | None = None,
    baseline_year: int | None = None,
) -> dict[str, Any]:
    """Write one stored fact into ``indicator_value`` (actual values) or ``target``.

    Parameters
    ----------
    ws : Workspace
    fact_id : str
        Id from the ``fact`` table (a unique prefix is enough).
    indicator : str, optional
        Code in the workspace's ``indicator`` catalog; default: the fact's lexicon code.
    as_target : bool, default=False
        Write a target even when the fact's kind is not ``target`` (target facts always go to
        ``target``).
    baseline, baseline_year : optional
        Baseline of a target, in the indicator's unit; the baseline year defaults to the latest
        year of an actual figure in the same document.

    Returns
    -------
    dict
        The row written, with ``table`` naming the table.
    """
    facts = ws.to_pandas("fact")
    hit = facts[facts["fact_id"].astype(str).str.startswith(fact_id)]
    if hit.empty:
        raise NotFoundError(f"no stored fact with id {fact_id!r}")
    if len(hit) > 1:
        raise InputError(f"fact id prefix {fact_id!r} is ambiguous ({len(hit)} facts)")
    fact = hit.iloc[0]
    code = indicator or str(fact["indicator"])
    catalog = ws.to_pandas("indicator")
    row = catalog[catalog["code"] == code]
    if row.empty:
        raise NotFoundError(
            f"indicator {code!r} is not in the workspace's indicator catalog; add it to table "
            "'indicator' or pass --indicator with a catalog code"
        )
    ind = row.iloc[0]
    region = str(fact["region_code"] or "")
    if not region:
        raise InputError(f"fact {fact['fact_id']} has no region; it cannot be promoted")
    if fact["period"] is None or pd.isna(fact["period"]):
        raise InputError(f"fact {fact['fact_id']} has no period; it cannot be promoted")
    docs = ws.to_pandas("document")
    title_rows = docs.loc[docs["document_id"] == fact["document_id"], "title"]
    source = _source(fact, str(title_rows.iloc[0]) if len(title_rows) else "")
    if as_target or fact["kind"] == "target":
        if str(fact["indicator"]).endswith("_growth"):
            kind = "growth"
        elif fact["unit"] == "fraction":
            kind = "share"
        elif fact["unit"] == "count":
            kind = "count"
        else:
            kind = "level"
        # shares and growth rates are fractions in the target table; levels take the
        # indicator's unit
        if kind in ("share", "growth"):
            value = float(fact["value"])
        else:
            value = to_unit(float(fact["value"]), str(fact["unit"]), ind.get("unit"))
        if baseline_year is None:
            same_doc = facts[(facts["document_id"] == fact["document_id"]) & (facts["kind"] == "actual")]
            years = same_doc["year"].dropna()
            if years.empty:
                raise InputError(
                    f"fact {fact['fact_id']} is a target: give its baseline year (--baseline-year); "
                    "its document reports no actual figure to take it from"
                )
            baseline_year = int(years.max())
        out = {
            "target_id": f"fact-{fact['fact_id']}",
            "name": f"{fact['indicator']} {fact['value_text']}",
            "region_code": region,
            "indicator": code,
            "kind": kind,
            "baseline": baseline,
            "baseline_year": baseline_year,
            "target_value": value,
            "deadline_year": int(fact["year"]),
            "source": source,
        }
        # leave unset optional columns out (the year check rejects an empty baseline_year)
        frame = pd.DataFrame([{k: v for k, v in out.items() if v is not None}])
        ws.write("target", frame, source=f"fact {fact['fact_id']}")
        return {"table": "target", **out}
    value = to_unit(float(fact["value"]), str(fact["unit"]), ind.get("unit"))
    period = indicator_period(str(fact["period"]), cumulative=bool(ind.get("cumulative") or False),
                              frequency=str(ind.get("frequency") or "year"))
    out = {"indicator": code, "region_code": region, "period": period, "value": value,
           "growth": None, "source": source}
    frame = pd.DataFrame([{k: v for k, v in out.items() if v is not None}])
    ws.write("indicator_value", frame, source=f"fact {fact['fact_id']}")
    return {"table": "indicator_value", **out}
