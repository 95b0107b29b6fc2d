"""Priority lists: the industries a text names for a region ("strategic emerging industries such
as advanced photovoltaics, new energy storage …", "先进光伏、新型储能、新材料等战略性新兴产业").

Two sentence patterns are read:

* Chinese enumeration before a category: ``A、B、C等<category>`` where the category ends in
  产业 / 行业 / 领域 / 赛道 / 集群 / 产业链; leading verbs (加快培育壮大, 重点发展 …) are cut from
  the first item.
* A category followed by an enumeration: ``<category>如 / 包括 / 聚焦 A、B、C`` and English
  "<…> industries such as / including / like A, B and C"; the list ends at the first item that
  reads as the start of a new clause (more than five words, or a verb or pronoun first).

Items are then mapped, where possible, to categories of the workspace's taxonomies and cluster
systems by name (exact, or one name containing the other, for Chinese and English names).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from xinzhi.intelligence.facts import _pick_region, _refine, _resolve_regions
from xinzhi.intelligence.gazetteer import Gazetteer, reference_gazetteer
from xinzhi.intelligence.text import split_sentences

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PRIORITY_COLUMNS", "Priority", "extract_priorities", "map_priorities", "priorities_frame"]

_ZH_BEFORE = re.compile(
    r"(?P<items>[^，。；：,;:]{2,}?(?:、[^，。；：、,;:]{1,20}?)+)等(?:[一二三四五六七八九十\d]+[个大条项])?"
    r"(?P<cat>[^，。；、]{0,14}?(?:产业|行业|领域|赛道|集群|产业链))"
)
_ZH_AFTER = re.compile(
    r"(?P<cat>[^，。；、]{0,14}?(?:战略性新兴产业|未来产业|新兴产业|主导产业|优势产业|支柱产业|重点产业|产业集群|产业链))"
    r"(?:[，,]?\s*)(?:如|包括|涵盖|主要有|重点发展|聚焦)[：:]?(?P<items>[^，。；、]{1,20}(?:、[^，。；、]{1,20})+)"
)
_EN_AFTER = re.compile(
    r"(?P<cat>(?:[\w-]+\s+){0,3}(?:industries|sectors|industrial clusters|clusters|fields|industrial chains))"
    r",?\s+(?:such as|including|like|namely)\s+(?P<items>[^.;:]+)",
    re.IGNORECASE,
)
_LIST_HINT = re.compile(r"、|such as|including|like|namely", re.IGNORECASE)
_ZH_LEAD = re.compile(r"^.*(?:培育|壮大|发展|布局|打造|聚焦|推动|加快|做强|做大|做优|重点|大力|积极|前瞻|围绕|突出|提升|发力)")
_EN_CAT_LEAD = re.compile(
    r"^(?:(?:focus|focusing|on|develop|developing|cultivate|cultivating|foster|fostering|the|its|boost|"
    r"promote|will|and|in|of|grow|build|priority\s+to)\s+)+", re.IGNORECASE)
_EN_STOP_FIRST = {"and", "expects", "will", "plans", "aims", "to", "its", "the", "which", "while",
                  "with", "as", "it", "has", "have", "is", "are", "was", "were", "according", "said"}


@dataclass(frozen=True)
class Priority:
    """One named industry of a priority list, with its provenance."""

    document_id: str
    region_code: str | None
    category: str
    item: str
    item_start: int
    item_end: int
    sentence: str


PRIORITY_COLUMNS = [f for f in Priority.__dataclass_fields__]


def _zh_items(raw: str) -> list[str]:
    parts = [p.strip() for p in raw.split("、")]
    if parts:
        parts[0] = _ZH_LEAD.sub("", parts[0]).strip()
    return [p for p in parts if p]


def _en_items(raw: str) -> list[str]:
    pieces = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", raw)]
    out = []
    for p in pieces:
        words = p.split()
        if not words or len(words) > 5 or words[0].lower() in _EN_STOP_FIRST:
            break
        out.append(p)
    return out


def extract_priorities(
    text: str, *, document_id: str = "", gazetteer: Gazetteer | None = None
) -> list[Priority]:
    """Industries named in priority lists of ``text``, with the region they belong to.

    The region follows the fact extractor's rule (nearest region named before the list in the
    sentence, else the last one earlier in the document).

    Examples
    --------
    >>> ps = extract_priorities("四川省将加快培育先进光伏、新型储能、新材料等战略性新兴产业。")
    >>> [(p.region_code, p.category, p.item) for p in ps]
    [('510000', '战略性新兴产业', '先进光伏'), ('510000', '战略性新兴产业', '新型储能'), ('510000', '战略性新兴产业', '新材料')]
    """
    gaz = gazetteer or reference_gazetteer()
    sentences = [s for s in split_sentences(text) if _LIST_HINT.search(s.text)]
    if not sentences:
        return []
    regions = _resolve_regions(gaz.find(text), gaz, text, [])
    out: list[Priority] = []
    for sent in sentences:
        found: list[tuple[int, str, list[str]]] = []
        for m in _ZH_BEFORE.finditer(sent.text):
            found.append((m.start("items"), m.group("cat").strip(), _zh_items(m.group("items"))))
        for m in _ZH_AFTER.finditer(sent.text):
            found.append((m.start("items"), m.group("cat").strip(), _zh_items(m.group("items"))))
        for m in _EN_AFTER.finditer(sent.text):
            category = _EN_CAT_LEAD.sub("", m.group("cat").strip())
            found.append((m.start("items"), category, _en_items(m.group("items"))))
        for pos, category, items in found:
            if len(items) < 2:
                continue
            abs_pos = sent.start + pos
            region = _pick_region(regions, sent.start, sent.end, abs_pos, {}, None, sent.text, [], True)
            if region is not None:
                region = _refine(region, regions, gaz, text)
            cursor = pos
            for item in items:
                i = sent.text.find(item, cursor)
                if i < 0:
                    continue
                cursor = i + len(item)
                out.append(Priority(document_id, region.code if region else None, category, item,
                                    sent.start + i, sent.start + i + len(item), sent.text))
    return out


def priorities_frame(priorities: list[Priority]) -> pd.DataFrame:
    """Priorities as a data frame with the columns of :data:`PRIORITY_COLUMNS`."""
    import pandas as pd

    return pd.DataFrame([asdict(p) for p in priorities], columns=PRIORITY_COLUMNS)


def _norm(s: str) -> str:
    return re.sub(r"[\s\-‐_]+", " ", s.strip().lower())


def map_priorities(priorities: pd.DataFrame, categories: pd.DataFrame) -> pd.DataFrame:
    """Attach taxonomy categories to priority items by name.

    Parameters
    ----------
    priorities : pandas.DataFrame
        Output of :func:`priorities_frame` (column ``item``).
    categories : pandas.DataFrame
        Columns ``taxonomy``, ``category``, ``name`` and optionally ``name_en``: for example the
        distinct categories of the workspace's ``taxonomy`` table and the clusters of its
        ``cluster`` table (``system`` as taxonomy, ``cluster_code`` as category).

    Returns
    -------
    pandas.DataFrame
        ``priorities`` with ``taxonomy``, ``taxonomy_category`` and ``taxonomy_name`` (empty
        when nothing matched). An exact name match wins over a containment match.

    Examples
    --------
    >>> import pandas as pd
    >>> pr = pd.DataFrame({"item": ["新型储能", "quantum technology", "茶叶"]})
    >>> cats = pd.DataFrame({"taxonomy": ["cq", "fut"], "category": ["C7", "F2"],
    ...                      "name": ["新能源及新型储能", "量子科技"], "name_en": ["", "Quantum technology"]})
    >>> map_priorities(pr, cats)[["item", "taxonomy_category"]].values.tolist()
    [['新型储能', 'C7'], ['quantum technology', 'F2'], ['茶叶', '']]
    """
    names: list[tuple[str, str, str, str]] = []
    for row in categories.itertuples(index=False):
        for n in (getattr(row, "name", ""), getattr(row, "name_en", "")):
            if isinstance(n, str) and n.strip():
                names.append((_norm(n), str(row.taxonomy), str(row.category), str(row.name)))
    tax, cat, cname = [], [], []
    for item in priorities["item"]:
        key = _norm(str(item))
        best = next((x for x in names if x[0] == key), None)
        if best is None and len(key) >= 2:
            best = next((x for x in names if key in x[0] or (len(x[0]) >= 2 and x[0] in key)), None)
        tax.append(best[1] if best else "")
        cat.append(best[2] if best else "")
        cname.append(best[3] if best else "")
    out = priorities.copy()
    out["taxonomy"], out["taxonomy_category"], out["taxonomy_name"] = tax, cat, cname
    return out
