"""Enterprise size classes (大型, 中型, 小型, 微型) from employees, revenue and assets, by sector.

The class is derived from the data where the data decide it, checked against the size class an
enterprise states, and used as the SME test of the gradient titles (创新型中小企业, 专精特新 …).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ibis

from xinzhi.evaluation.size_rulebook import SizeRulebook

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["SIZE_COLUMNS", "classify_size", "size_reason", "sme_eligibility"]

#: Columns :func:`classify_size` adds besides ``credit_code`` and ``year`` (plus ``size_<measure>``).
SIZE_COLUMNS: tuple[str, ...] = ("size_sector", "size_class_data", "size_class_stated", "size_class", "size_source",
                                 "is_sme", "size_conflict")


def _sector(t: ir.Table, book: SizeRulebook) -> Any:
    """The sector id of each row: the longest code prefix that matches ``industry_code``."""
    prefixes = sorted(((code, s.id) for s in book.sectors for code in s.codes), key=lambda x: -len(x[0]))
    code = t.industry_code.cast("string")
    return ibis.cases(*[(code.startswith(p), sid) for p, sid in prefixes], else_=ibis.null("string"))


def classify_size(panel: ir.Table, book: SizeRulebook, *, year: int) -> ir.Table:
    r"""Size class of every enterprise of ``year``, from the data and as stated.

    For sector :math:`s` with lower bounds :math:`b^s_{m,k}` of measure :math:`m` for class
    :math:`k` (large, medium, small):

    .. math:: \text{met}_k = \bigwedge_m \left(x_m \ge b^s_{m,k}\right), \qquad
              \text{class} = \min\{k : \text{met}_k\} \text{ else micro}

    evaluated in three-valued logic, so a measure that is not reported leaves ``met_k`` unknown
    unless another measure already decides it: one measure below the small bound makes a firm
    micro, one below the large bound makes it an SME. ``size_class_data`` is that class (NULL
    when unknown or the industry has no sector); ``is_sme`` is whether the firm is not large
    (NULL when unknown). ``size_class`` is the data's class, else the stated
    ``enterprise.size_class`` when it does not contradict what the data decide; ``size_source``
    says which (``data`` / ``stated``); ``size_conflict`` flags a stated class that contradicts
    the data (e.g. stated ``small`` for a firm the data make large).

    Parameters
    ----------
    panel : ibis.Table
        Enterprise-years joined with enterprise attributes (``industry_code``, ``size_class``).
    book : SizeRulebook
    year : int

    Returns
    -------
    ibis.Table
        ``credit_code``, ``year``, :data:`SIZE_COLUMNS` and ``size_<measure>`` (the values used).

    References
    ----------
    .. [1] 国家统计局《统计上大中小微型企业划分办法（2017）》(国统字〔2017〕213号).
    .. [2] 《中小企业划型标准规定》(工信部联企业〔2011〕300号).

    Examples
    --------
    >>> import pandas as pd
    >>> from xinzhi.evaluation import load_rulebook
    >>> t = ibis.memtable(pd.DataFrame({"credit_code": ["BIG", "MID", "ANY"], "year": 2024,
    ...     "industry_code": "3311", "size_class": ["small", None, None],
    ...     "employees": [4503.0, 400.0, None], "revenue": [230000.0, 30000.0, 500.0]}))
    >>> out = classify_size(t, load_rulebook("sme-size-2017"), year=2024).order_by("credit_code").to_pandas()
    >>> out.size_class_data.fillna("?").tolist()  # ANY: 500万元 < 4亿元 is an SME, but medium, small or micro?
    ['?', 'large', 'medium']
    >>> out.is_sme.tolist(), out.size_conflict.tolist()  # BIG states it is small
    ([True, False, True], [False, True, False])
    """
    t = panel.filter(panel.year == year)
    values = {m.id: (t[m.column].cast("float64") if m.column in t.columns else ibis.null("float64"))
              for m in book.measures}
    t = t.select("credit_code", "year",
                 stated=(t.size_class if "size_class" in t.columns else ibis.null("string")),
                 size_sector=_sector(t, book), **{f"size_{k}": v for k, v in values.items()})
    n = len(book.classes) - 1
    met: list[Any] = []
    for k in range(n):
        branches = []
        for s in book.sectors:
            cond: Any = None
            for m, bounds in s.bounds.items():
                part = t[f"size_{m}"] >= bounds[k]  # NULL when the measure is missing: SQL's AND keeps it unknown
                cond = part if cond is None else cond & part
            branches.append((s.id, cond))
        met.append(t.size_sector.cases(*branches, else_=ibis.null("boolean")))
    last = book.classes[-1]
    # met_k TRUE needs every measure, so the earlier classes are known to fail; NOT met_small TRUE
    # needs only one measure below the small bound
    derived = ibis.cases(*[(met[k], book.classes[k]) for k in range(n)], (~met[n - 1], last),
                         else_=ibis.null("string"))
    t = t.mutate(size_class_data=derived, is_sme_data=~met[0])
    stated_sme = t.stated.isin(book.sme)
    known = t.stated.notnull() & t.stated.isin(book.classes)
    conflict = known & ibis.ifelse(
        t.size_class_data.notnull(), t.stated != t.size_class_data,
        ibis.ifelse(t.is_sme_data.notnull(), stated_sme != t.is_sme_data, False))
    t = t.mutate(size_conflict=conflict.fill_null(False))
    stated_ok = known & ~t.size_conflict
    size_class = ibis.cases((t.size_class_data.notnull(), t.size_class_data), (stated_ok, t.stated),
                            else_=ibis.null("string"))
    source = ibis.cases((t.size_class_data.notnull(), "data"), (stated_ok, "stated"), else_=ibis.null("string"))
    is_sme = ibis.cases((t.is_sme_data.notnull(), t.is_sme_data), (stated_ok, stated_sme),
                        else_=ibis.null("boolean"))
    out = t.mutate(size_class_stated=t.stated, size_class=size_class, size_source=source, is_sme=is_sme)
    return out.select("credit_code", "year", *SIZE_COLUMNS, *[f"size_{m.id}" for m in book.measures])


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _people(v: float) -> tuple[str, str]:
    return f"{v:,.0f} 人", f"{v:,.0f}"


def _money(wan: float) -> tuple[str, str]:
    """万元 as text: 亿元 from 1亿 up; English in yuan (billion / million)."""
    zh = f"{wan / 1e4:,.4g}亿元" if abs(wan) >= 1e4 else f"{wan:,.4g}万元"
    yuan = wan * 1e4
    en = f"{yuan / 1e9:,.3g} billion yuan" if abs(yuan) >= 1e9 else f"{yuan / 1e6:,.3g} million yuan"
    return zh, en


def size_reason(row: Mapping[str, Any], book: SizeRulebook) -> tuple[str, str]:
    """A firm's size class with its numbers (each measure against the large-firm bound), in
    Chinese and English, e.g. ``大型企业（工业）：从业人员 4,503 人 ≥ 1,000 人，营业收入 23亿元 ≥ 4亿元``.

    Examples
    --------
    >>> from xinzhi.evaluation import load_rulebook
    >>> row = {"size_sector": "industry", "size_class": "large", "size_source": "data", "is_sme": False,
    ...        "size_employees": 4503.0, "size_revenue": 230000.0}
    >>> zh, en = size_reason(row, load_rulebook("sme-size-2017"))
    >>> zh
    '大型企业（工业）：从业人员 4,503 人 ≥ 1,000 人，营业收入 23亿元 ≥ 4亿元'
    >>> en
    'large (industry): employees 4,503 ≥ 1,000; operating revenue 2.3 billion yuan ≥ 400 million yuan'
    """
    sector = next((s for s in book.sectors if s.id == row.get("size_sector")), None)
    if sector is None:
        return "行业不在划型标准所列行业内", "the industry is not in the size classification"
    parts_zh, parts_en, missing_zh, missing_en = [], [], [], []
    for m_id, bounds in sector.bounds.items():
        m = book.measure(m_id)
        v: Any = row.get(f"size_{m_id}")
        if _missing(v):
            missing_zh.append(m.label)
            missing_en.append(m.label_en)
            continue
        fmt = _people if m.unit == "people" else _money
        (vz, ve), (bz, be) = fmt(float(v)), fmt(bounds[0])
        op = "≥" if float(v) >= bounds[0] else "<"
        parts_zh.append(f"{m.label} {vz} {op} {bz}")
        parts_en.append(f"{m.label_en} {ve} {op} {be}")
    parts_zh += [f"{x}缺失" for x in missing_zh]
    parts_en += [f"{x} missing" for x in missing_en]
    numbers_zh, numbers_en = "，".join(parts_zh), "; ".join(parts_en)
    cls = row.get("size_class")
    if isinstance(cls, str):
        label = book.class_labels.get(cls, cls)
        stated = row.get("size_source") == "stated"
        zh = f"{'自报' if stated else ''}{label}企业（{sector.label}）"
        en = f"{'stated ' if stated else ''}{cls} ({sector.label_en})"
    elif row.get("is_sme") is True or row.get("is_sme") == 1:
        zh, en = f"中小企业（{sector.label}）", f"SME ({sector.label_en})"
    else:
        zh, en = f"规模无法判定（{sector.label}）", f"size unknown ({sector.label_en})"
    return f"{zh}：{numbers_zh}", f"{en}: {numbers_en}"


def sme_eligibility(row: Mapping[str, Any], book: SizeRulebook) -> tuple[bool, str, str]:
    """Whether a firm may apply for an SME title, and why, in Chinese and English.

    An SME (by its data, else by its stated class where the data do not contradict it) is
    eligible; a large firm is not ("not eligible: not an SME"); a firm whose size the data leave
    open and which states none is not either (a missing figure never makes a firm eligible).
    """
    zh, en = size_reason(row, book)
    sme = row.get("is_sme")
    if sme is True or sme == 1:
        return True, f"中小企业。{zh}", f"SME. {en}"
    if sme is False or sme == 0:
        return False, f"不符合申报条件：非中小企业。{zh}", f"not eligible: not an SME. {en}"
    return False, f"不符合申报条件：无法确认为中小企业。{zh}", f"not eligible: SME status not established. {en}"
