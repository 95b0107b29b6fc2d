"""Reason texts of the analytics in Chinese.

The analytics write their reasons in English with the numbers in them (a project's "investment 37%
of plan vs 100% of the construction period elapsed", a target's "projected 2027 value … misses
the target …", an opportunity's "builds on …"). The Chinese pages show them through this
phrasebook: each known sentence pattern has a Chinese template that keeps the numbers, dates and
names exactly as written. A sentence no pattern knows is left as it is (the browser tests flag
English left on a Chinese page, so a new sentence in an analytic shows up there).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_N = r"(?:n/a|[-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?%?)"  # a number as the analytics print it
_D = r"\d{4}-\d{2}-\d{2}"

_PROJECT_STATUS = {"planned": "前期", "under construction": "在建", "completed": "已竣工", "suspended": "停工"}


def _n(x: str) -> str:
    return "无" if x == "n/a" else x


def _last(text: str) -> str:
    m = re.fullmatch(r"last investment (\d{4}-\d{2})", text)
    if m:
        return f"最近一次投资在 {m.group(1)}"
    return "尚无投资" if text == "nothing invested" else text


def _milestones(text: str) -> str:
    items = [m.strip() for m in text.split("; ") if m.strip()]
    out = []
    for it in items:
        m = re.fullmatch(rf"(.*) \(due ({_D})\)", it)
        out.append(f"{m.group(1)}（应于 {m.group(2)} 完成）" if m else it)
    return "；".join(out)


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

#: whole sentences (tried first, on the full text)
WHOLE: list[Rule] = [
    (re.compile(r"^(.*?)(?:; )?missed milestone\(s\): (.*)$"),
     lambda m: (translate(m.group(1)) + "；" if m.group(1) else "") + "未按期完成节点：" + _milestones(m.group(2))),
    (re.compile(rf"^(builds on (.*)|no related strength yet); density ({_N}), PCI ({_N})$"),
     lambda m: ("基于本地优势产业 " + _related(m.group(2)) if m.group(2) else "尚无相关优势产业")
     + f"；关联密度 {m.group(3)}，PCI {m.group(4)}"),
]

#: parts of a "; "-separated reason list
PARTS: list[Rule] = [
    (re.compile(rf"^investment ({_N}) of plan vs ({_N}) of the construction period elapsed$"),
     lambda m: f"累计完成投资为计划的 {m.group(1)}，工期已过 {m.group(2)}"),
    (re.compile(rf"^planned completion ({_D}) passed, status (.+)$"),
     lambda m: f"计划竣工日期 {m.group(1)} 已过，当前状态：{_PROJECT_STATUS.get(m.group(2), m.group(2))}"),
    (re.compile(r"^suspended \(停工\), (.+)$"), lambda m: f"停工，{_last(m.group(1))}"),
    (re.compile(r"^stalled: no investment in the last (\d+) months \((.+)\)$"),
     lambda m: f"连续 {m.group(1)} 个月无新增投资（{_last(m.group(2))}）"),
    (re.compile(rf"^start date ({_D}) passed with no investment$"),
     lambda m: f"开工日期 {m.group(1)} 已过，尚无投资"),
    # targets (xinzhi.delivery.targets)
    (re.compile(rf"^actual (\d{{4}}) = ({_N}) already meets the target ({_N})$"),
     lambda m: f"{m.group(1)} 年实际值 {_n(m.group(2))} 已达到目标 {_n(m.group(3))}"),
    (re.compile(r"^deadline year (\d{4}) reached$"), lambda m: f"已到目标年份 {m.group(1)}"),
    (re.compile(rf"^actual ({_N}) misses the target ({_N})$"),
     lambda m: f"实际值 {_n(m.group(1))} 未达到目标 {_n(m.group(2))}"),
    (re.compile(rf"^projected (\d{{4}}) value ({_N}) \(({_N}) interval ({_N})-({_N})\) meets the target ({_N})$"),
     lambda m: f"预计 {m.group(1)} 年达到 {_n(m.group(2))}（{m.group(3)} 区间 {_n(m.group(4))}–{_n(m.group(5))}），"
               f"可实现目标 {_n(m.group(6))}"),
    (re.compile(rf"^projected (\d{{4}}) value ({_N}) misses the target ({_N}), but the ({_N}) interval ({_N})-({_N}) reaches it$"),
     lambda m: f"预计 {m.group(1)} 年为 {_n(m.group(2))}，低于目标 {_n(m.group(3))}，但 {m.group(4)} 区间 "
               f"{_n(m.group(5))}–{_n(m.group(6))} 可以达到"),
    (re.compile(rf"^even the favourable end of the ({_N}) interval ({_N})-({_N}) for (\d{{4}}) misses the target ({_N})$"),
     lambda m: f"{m.group(4)} 年预测的 {m.group(1)} 区间 {_n(m.group(2))}–{_n(m.group(3))} 中有利一端仍未达到目标 "
               f"{_n(m.group(5))}"),
    (re.compile(r"^too little history for a projection$"), lambda m: "历史数据不足，无法预测"),
    (re.compile(rf"^actual (\d{{4}}) = ({_N}) vs (linear|compound) path ({_N}) \(({_N})$"),
     lambda m: f"{m.group(1)} 年实际值 {_n(m.group(2))}，{'线性' if m.group(3) == 'linear' else '复合增长'}路径应达 "
               f"{_n(m.group(4))}（偏差 {m.group(5)}"),
    (re.compile(rf"^at risk within ({_N})\)$"), lambda m: f"偏差在 {m.group(1)} 以内为有风险）"),
    (re.compile(r"^no baseline value for (\d{4})$"), lambda m: f"缺少 {m.group(1)} 年基期值"),
    (re.compile(r"^no value after the baseline year (\d{4})$"), lambda m: f"基期年份 {m.group(1)} 之后暂无数据"),
    # investment targets of chains (xinzhi.chains.targets)
    (re.compile(rf"^gap node 「(.+)」 \(({_N}) local firms\)$"), lambda m: f"缺链节点「{m.group(1)}」（本地企业 {m.group(2)} 家）"),
    (re.compile(rf"^weak node 「(.+)」 \(local strength ({_N}) of the region's chain average\)$"),
     lambda m: f"薄弱节点「{m.group(1)}」（本地相对强度 {m.group(2)}）"),
    (re.compile(rf"^revenue ({_N}) 万元 \(size score ({_N})\)$"), lambda m: f"营业收入 {m.group(1)} 万元（规模得分 {m.group(2)}）"),
    (re.compile(rf"^growth ({_N})$"), lambda m: f"增长 {m.group(1)}"),
    (re.compile(r"^no prior-year revenue$"), lambda m: "无上年营收"),
    (re.compile(r"^honours: (.+)$"), lambda m: f"荣誉：{m.group(1)}"),
    (re.compile(r"^no honours$"), lambda m: "无荣誉称号"),
    (re.compile(rf"^region's relatedness to the node's industries ({_N}) \(rank (\d+) of (\d+) target nodes\)$"),
     lambda m: f"本地区与该节点行业的关联度 {m.group(1)}（在 {m.group(3)} 个目标节点中排第 {m.group(2)}）"),
    (re.compile(r"^no relatedness data$"), lambda m: "无关联度数据"),
]


def _related(text: str) -> str:
    parts = re.findall(r"(.+?) \(φ=([\d.]+)\)(?:, |$)", text)
    return "、".join(f"{name}（φ={phi}）" for name, phi in parts) if parts else text


def translate(text: str) -> str:
    """``text`` in Chinese where its sentences are known (see the module docstring)."""
    if not text:
        return text
    for pattern, make in WHOLE:
        m = pattern.match(text)
        if m:
            return make(m)
    parts = text.split("; ")
    out = []
    for part in parts:
        for pattern, make in PARTS:
            m = pattern.match(part)
            if m:
                out.append(make(m))
                break
        else:
            out.append(part)
    return "；".join(out)


#: columns holding reason texts, by table
REASON_COLUMNS = ("reasons", "rule", "explanation", "reason")


def localise_reasons(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its reason columns in ``lang`` (a copy; English text is kept for ``en``)."""
    if lang != "zh":
        return frame
    cols = [c for c in REASON_COLUMNS if c in frame.columns]
    if not cols:
        return frame
    return frame.assign(**{c: frame[c].map(lambda v: translate(v) if isinstance(v, str) else v) for c in cols})
