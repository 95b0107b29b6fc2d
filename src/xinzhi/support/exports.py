"""Excel workbooks in a bureau's layout: the push list of a measure (政策找企业) and the measures
of a firm (企业找政策).

Each sheet opens with a title, the policy basis and the data year, then a header row in Chinese
with units (``预计受益金额（万元）``) and numbered rows. Text is always written as text, and a text
that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is neutralised with a
leading apostrophe, so no cell is ever read as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from xinzhi.support.firm import FirmSupport
from xinzhi.support.reasons import reason
from xinzhi.support.rules import Measure

__all__ = ["firm_workbook", "loans_workbook", "neutralise", "push_list_workbook"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``'=1+1`` for ``=1+1``: a leading apostrophe for text a spreadsheet could take as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Sheet:
    """One sheet: title lines, a header row, numbered data rows and notes."""

    def __init__(self, book: Any, name: str) -> None:
        self.ws = book.add_worksheet(name[:31])
        self.fmt = {
            "title": book.add_format({"bold": True, "font_size": 14}),
            "note": book.add_format({"font_color": "#4A5568", "text_wrap": False}),
            "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                     "valign": "vcenter"}),
            "text": book.add_format({"border": 1}),
            "money": book.add_format({"border": 1, "num_format": "#,##0.0"}),
            "number": book.add_format({"border": 1, "num_format": "#,##0.####"}),
        }
        self.row = 0

    def line(self, text: str, kind: str = "note") -> None:
        self.ws.write_string(self.row, 0, neutralise(text), self.fmt[kind])
        self.row += 1

    def table(self, frame: pd.DataFrame, kinds: Mapping[str, str], widths: Mapping[str, int] | None = None) -> None:
        """``frame`` under a header row; ``kinds`` says which columns are ``money`` or ``number``."""
        columns = ["序号", *frame.columns]
        for j, c in enumerate(columns):
            self.ws.write_string(self.row, j, c, self.fmt["head"])
            self.ws.set_column(j, j, (widths or {}).get(c, max(8, min(40, 2 * len(c) + 2))))
        self.ws.freeze_panes(self.row + 1, 2)
        self.row += 1
        for n, values in enumerate(frame.itertuples(index=False), start=1):
            self.ws.write_number(self.row, 0, n, self.fmt["text"])
            for j, (c, v) in enumerate(zip(frame.columns, values, strict=True), start=1):
                self._cell(self.row, j, v, kinds.get(c, "text"))
            self.row += 1
        self.row += 1

    def _cell(self, r: int, j: int, v: Any, kind: str) -> None:
        if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
            self.ws.write_blank(r, j, None, self.fmt["text"])
        elif kind in ("money", "number") and isinstance(v, int | float):
            self.ws.write_number(r, j, float(v), self.fmt[kind])
        else:
            self.ws.write_string(r, j, neutralise(str(v)), self.fmt["text"])


def _basis(m: Measure) -> str:
    return f"政策依据：{m.source.document}（{m.source.number}）；{m.source.articles}"


def _save(book_target: Path | None, build: Any) -> bytes | None:
    buf = io.BytesIO() if book_target is None else None
    book = xlsxwriter.Workbook(buf if buf is not None else str(book_target),
                               {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    build(book)
    book.close()
    return buf.getvalue() if buf is not None else None


def push_list_workbook(measure: Measure, rows: pd.DataFrame, *, region_name: str, year: int,
                       out: Path | None = None, note: str | None = None,
                       generated: dt.date | None = None) -> bytes | None:
    """The push list of ``measure`` for a region: sheets 拟推送企业 (eligible), 待核实企业,
    差一项企业 (near misses with what they lack) and 政策说明 (basis, conditions, benefit,
    documents, assumptions). ``rows`` are match rows joined with ``name``, ``region_name`` and
    ``industry_code``. Writes ``out`` (returns ``None``) or returns the workbook's bytes."""
    day = (generated or dt.date.today()).isoformat()
    docs = "；".join(measure.documents)
    head = [f"{measure.title} 拟推送企业名单（{region_name}）", _basis(measure),
            f"发文单位：{measure.source.issuer}；适用地区：{measure.region.name}；数据年度：{year}；生成日期：{day}"]
    if note:
        head.append(note)

    def frame(status: str) -> pd.DataFrame:
        part = rows[rows["status"] == status]
        if status == "eligible":
            part = part.sort_values("benefit", ascending=False, na_position="last", kind="stable")
        elif status == "near":
            part = part.sort_values("gap", kind="stable")
        return pd.DataFrame({
            "统一社会信用代码": part["credit_code"], "企业名称": part["name"], "所在地区": part["region_name"],
            "行业代码": part["industry_code"], "预计受益金额（万元）": part["benefit"],
            "说明": [reason(measure, r, "zh") for r in part.to_dict("records")],
        })

    def build(book: Any) -> None:
        for status, sheet_name, extra in (("eligible", "拟推送企业", f"需提交材料：{docs}"),
                                          ("to_confirm", "待核实企业", "请企业确认或补充以下事项后纳入推送"),
                                          ("near", "差一项企业", "仅差一项条件的企业，说明栏列出差距")):
            sh = _Sheet(book, sheet_name)
            sh.line(head[0], "title")
            for t in head[1:]:
                sh.line(t)
            sh.line(extra)
            f = frame(status)
            sh.line(f"企业数：{len(f)}；预计受益合计（万元）：{f['预计受益金额（万元）'].sum(min_count=1) or 0:,.1f}"
                    if status == "eligible" else f"企业数：{len(f)}")
            sh.table(f, {"预计受益金额（万元）": "money"}, {"统一社会信用代码": 22, "企业名称": 34, "说明": 60})
        _policy_sheet(book, measure)

    return _save(out, build)


def _policy_sheet(book: Any, m: Measure) -> None:
    sh = _Sheet(book, "政策说明")
    sh.line(m.title, "title")
    for text in (_basis(m), f"有效期：{m.valid.from_.isoformat()} 至 {m.valid.to.isoformat() if m.valid.to else '长期'}",
                 f"来源：{m.source.url or '（未公开网址）'}；核验：{'官方文本' if m.source.confidence == 'official' else '转载或汇编'}"):
        sh.line(text)
    sh.row += 1
    conditions = [("申报条件", c.label, c.basis or "") for c in m.eligibility]
    conditions += [("直接认定", c.label, c.basis or "") for c in m.direct]
    conditions += [("负面清单", c.label, c.basis or "") for c in m.negative]
    conditions.append(("受益测算", m.benefit.label, m.benefit.note or ""))
    conditions += [("需提交材料", d, "") for d in m.documents]
    sh.table(pd.DataFrame(conditions, columns=["类别", "内容", "依据或说明"]), {},
             {"类别": 12, "内容": 60, "依据或说明": 50})
    sh.line("测算假设（英文）：")
    for a in m.assumptions:
        sh.line(f"· {a}")


def firm_workbook(firm: Mapping[str, Any], support: FirmSupport, measures: Mapping[str, Measure], *,
                  year: int, out: Path | None = None, note: str | None = None,
                  generated: dt.date | None = None, extra: Sequence[tuple[str, pd.DataFrame]] = ()) -> bytes | None:
    """The measures of one firm: 可享政策 (eligible, with the total), 全部政策 (every measure with its
    status and reason), and any ``extra`` sheets (title, frame) such as services and resources."""
    day = (generated or dt.date.today()).isoformat()
    head = [f"{firm.get('name', '')}（{firm.get('credit_code', '')}）政策匹配清单",
            f"数据年度：{year}；生成日期：{day}；预计受益合计（万元）：{support.total:,.1f}"]
    if note:
        head.append(note)
    rows = support.measures

    def frame(part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({
            "政策名称": part["title"], "文号": [measures[m].source.number for m in part["measure"]],
            "匹配状态": part["status_label"], "预计受益金额（万元）": part["benefit"], "说明": part["reason"],
        })

    def build(book: Any) -> None:
        for sheet_name, part in (("可享政策", rows[rows["status"] == "eligible"]), ("全部政策", rows)):
            sh = _Sheet(book, sheet_name)
            sh.line(head[0], "title")
            for t in head[1:]:
                sh.line(t)
            if sheet_name == "可享政策" and support.next_unlock is not None:
                nxt = support.next_unlock
                sh.line(f"最小改变即可解锁：{nxt['title']} — {nxt['reason']}")
            sh.table(frame(part), {"预计受益金额（万元）": "money"}, {"政策名称": 36, "文号": 30, "说明": 60})
        for title, f in extra:
            sh = _Sheet(book, title)
            sh.line(head[0], "title")
            sh.table(f, {c: "money" for c in f.columns if "万元" in c})

    return _save(out, build)


def loans_workbook(loans: pd.DataFrame, *, region_name: str, out: Path | None = None, note: str | None = None,
                   generated: dt.date | None = None) -> bytes | None:
    """The 银企对接 list, one sheet per loan product: the firms it fits (in difficulty, or with a
    project about to start), why, and the suggested amount. ``loans`` is
    :func:`xinzhi.support.loans.loan_matches` joined with ``region_name``."""
    day = (generated or dt.date.today()).isoformat()
    targets = {"difficulty": "经营困难", "project": "项目即将开工"}

    def build(book: Any) -> None:
        if loans.empty:
            sh = _Sheet(book, "银企对接")
            sh.line(f"银企对接名单（{region_name}）", "title")
            sh.line("没有匹配的信贷产品与企业。")
            return
        for (pid, bank, product), part in loans.groupby(["product_id", "bank", "product"], sort=True):
            sh = _Sheet(book, f"{pid} {product}"[:31].replace("/", "_"))
            sh.line(f"银企对接名单：{bank} {product}（{region_name}）", "title")
            rate = part["rate"].iloc[0]
            sh.line(f"政策工具：{part['policy_tool'].iloc[0] or '无'}；年利率：{'' if pd.isna(rate) else f'{100 * rate:.2f}%'}；"
                    f"生成日期：{day}")
            if note:
                sh.line(note)
            sh.line(f"企业数：{len(part)}；建议额度合计（万元）：{part['amount'].sum():,.1f}")
            frame = pd.DataFrame({"统一社会信用代码": part["credit_code"], "企业名称": part["name"],
                                  "所在地区": part.get("region_name"), "对接原因": part["target"].map(targets),
                                  "资金需求（万元）": part["need"], "建议额度（万元）": part["amount"], "说明": part["why"]})
            sh.table(frame, {"资金需求（万元）": "money", "建议额度（万元）": "money"},
                     {"统一社会信用代码": 22, "企业名称": 34, "说明": 70})

    return _save(out, build)
