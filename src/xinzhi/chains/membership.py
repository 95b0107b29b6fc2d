"""Which enterprises belong to which node (or cluster): Ibis expressions over ``enterprise``.

A mapping row ``(key..., kind, value)`` matches an enterprise when

* ``kind == "industry"``: the enterprise's ``industry_code`` lies under ``value`` in GB/T 4754
  (a section letter, a division "36", a group "361" or a class "3612");
* ``kind`` is ``"tag"`` or ``"product"``: ``value`` is one of the enterprise's ``;``-separated tags.
* ``kind == "keyword"`` (chains only): ``value`` occurs in the enterprise's name.

:func:`members` (clusters) takes the union of these matches. Chain nodes use
:func:`chain_members`, where product evidence settles classes that several nodes share:

1. **Evidence.** A firm belongs to node n when one of its tags is a product (or tag) of n, or
   when a keyword of n occurs in its name and its industry code is one of n's classes, an
   ancestor of one (a section such as ``C`` or a division, as exchange lists give), or empty.
   A keyword is not applied to a firm classed elsewhere: 隔膜 in the name of a valve maker
   (3443) does not make it a separator maker.
2. **Class.** A firm whose class is mapped to n belongs to n by class unless it carries
   evidence for any node mapped to its class (in this chain or in the other chains passed as
   ``vocabulary``): a 3985 firm tagged 多晶硅 is a polysilicon maker and not, by class, a
   cathode maker; an untagged 3985 firm counts in both (its figures are *shared*, see
   :func:`shared_classes`).

Industry mappings are expanded to every code under them on the (small) industry table first, so
the enterprise side is an equi-join that DuckDB or Spark runs on millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from xinzhi.errors import InputError, NotFoundError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = [
    "EVIDENCE_KINDS",
    "chain_members",
    "class_vocabulary",
    "evidence_members",
    "expand_industry_maps",
    "members",
    "region_and_descendants",
    "region_peer_key",
    "resolved_firms",
    "shared_classes",
    "tag_hits",
]

#: mapping kinds that are evidence about a firm's products (tags) or its name (keywords)
EVIDENCE_KINDS = ("tag", "product", "keyword")


def expand_industry_maps(maps: pd.DataFrame, industries: pd.DataFrame, *, keys: Sequence[str]) -> pd.DataFrame:
    """Expand ``kind == "industry"`` rows to one row per GB/T 4754 code under each value.

    Parameters
    ----------
    maps : pandas.DataFrame
        Columns ``keys`` plus ``kind`` and ``value``.
    industries : pandas.DataFrame
        The ``industry`` table (``code``, ``section``).
    keys : sequence of str
        Columns identifying the mapped object (e.g. ``("node",)``).

    Returns
    -------
    pandas.DataFrame
        ``keys`` plus ``industry_code``, distinct.

    Examples
    --------
    >>> ind = pd.DataFrame({"code": ["C", "36", "361", "3611", "3612", "39"], "section": ["C"] * 6})
    >>> m = pd.DataFrame({"node": ["a", "b"], "kind": ["industry"] * 2, "value": ["361", "3612"]})
    >>> expand_industry_maps(m, ind, keys=["node"]).values.tolist()
    [['a', '361'], ['a', '3611'], ['a', '3612'], ['b', '3612']]
    """
    keys = list(keys)
    ind = maps[maps["kind"] == "industry"]
    if ind.empty:
        return pd.DataFrame(columns=[*keys, "industry_code"])
    # every code with each of its prefixes and its section letter: value → the codes under it
    codes = industries[["code", "section"]].astype(str).drop_duplicates()
    pairs = [(c[:k], c) for c in codes["code"] if not c.isalpha() for k in range(1, len(c) + 1)]
    pairs += list(zip(codes["section"], codes["code"], strict=True))
    under = pd.DataFrame(pairs, columns=["value", "industry_code"]).drop_duplicates()
    values = pd.Series(ind["value"].astype(str).unique(), name="value")
    expanded = values.to_frame().merge(under, on="value", how="left")
    expanded["industry_code"] = expanded["industry_code"].fillna(expanded["value"])  # unknown code: itself
    out = ind.assign(value=ind["value"].astype(str)).merge(expanded, on="value")[[*keys, "industry_code"]]
    return out.drop_duplicates().sort_values([*keys, "industry_code"]).reset_index(drop=True)


def members(enterprise: ir.Table, maps: pd.DataFrame, industries: pd.DataFrame, *, keys: Sequence[str]) -> ir.Table:
    """Distinct ``(keys..., credit_code)`` of enterprises matching each mapped object.

    Parameters
    ----------
    enterprise : ibis.Table
        The ``enterprise`` table (``credit_code``, ``industry_code``, ``tags``).
    maps : pandas.DataFrame
        Columns ``keys``, ``kind`` (industry, tag, product) and ``value``.
    industries : pandas.DataFrame
        The ``industry`` table, to expand industry mappings.
    keys : sequence of str

    Returns
    -------
    ibis.Table
        Columns ``keys`` and ``credit_code``; an enterprise can belong to several objects.
    """
    keys = list(keys)
    maps = maps[maps["kind"] != "keyword"]  # name keywords are a chain rule (see chain_members)
    bad = sorted(set(maps["kind"]) - {"industry", "tag", "product"})
    if bad:
        raise InputError(f"mapping kind must be industry, tag or product, got {bad}")
    # Each part is distinct by construction (one industry code per enterprise; tags de-duplicated),
    # so no DISTINCT runs over the large industry part: only tag rows of objects that are also
    # mapped by industry are checked against it (an anti-join on the few such objects).
    ind = expand_industry_maps(maps, industries, keys=keys)
    ind_part: ir.Table | None = None
    if len(ind):
        m = ibis.memtable(ind.astype(str))
        ind_part = enterprise.join(m, enterprise.industry_code == m.industry_code).select(*keys, "credit_code")
    tags = maps[maps["kind"].isin(["tag", "product"])][[*keys, "value"]].drop_duplicates()
    tag_part: ir.Table | None = None
    if len(tags):
        t = ibis.memtable(tags.astype(str).rename(columns={"value": "tag"}))
        exploded = enterprise.filter(enterprise.tags.notnull()).select(
            "credit_code", tag=enterprise.tags.split(";").unnest()
        )
        exploded = exploded.mutate(tag=exploded.tag.strip())
        tag_part = exploded.join(t, "tag").select(*keys, "credit_code").distinct()
        both = ind[keys].drop_duplicates().merge(tags[keys].drop_duplicates(), on=keys)
        if ind_part is not None and len(both):
            overlap = ind_part.join(ibis.memtable(both.astype(str)), keys)
            tag_part = tag_part.anti_join(overlap, [*keys, "credit_code"])
    if ind_part is None and tag_part is None:
        return ibis.memtable(pd.DataFrame({k: pd.Series(dtype=str) for k in [*keys, "credit_code"]}))
    if ind_part is None:
        assert tag_part is not None
        return tag_part
    return ind_part if tag_part is None else ind_part.union(tag_part, distinct=False)


def _ancestors(code: str, section: str) -> list[str]:
    """A GB/T 4754 code and the coarser codes above it: ``3841`` → 3841, 384, 38, C."""
    if code.isalpha():
        return [code]
    return [code[:k] for k in range(len(code), 1, -1)] + ([section] if section else [])


def class_vocabulary(maps: pd.DataFrame, industries: pd.DataFrame) -> pd.DataFrame:
    """The evidence that settles a class: for every industry code mapped to a node, the tags
    (``tag`` / ``product`` values) and name keywords of that node.

    Parameters
    ----------
    maps : pandas.DataFrame
        ``node``, ``kind``, ``value`` rows of one or more chains (a ``chain`` column, if any, is
        kept in the node key so equal node ids of two chains stay apart).
    industries : pandas.DataFrame
        The ``industry`` table.

    Returns
    -------
    pandas.DataFrame
        ``industry_code``, ``kind`` (``tag`` or ``keyword``), ``value``, distinct.

    Examples
    --------
    >>> ind = pd.DataFrame({"code": ["3985"], "section": ["C"]})
    >>> m = pd.DataFrame({"chain": ["nev", "nev", "pv", "pv"], "node": ["cathode", "cathode", "si", "si"],
    ...                   "kind": ["industry", "product", "industry", "keyword"],
    ...                   "value": ["3985", "正极材料", "3985", "硅"]})
    >>> class_vocabulary(m, ind).values.tolist()
    [['3985', 'keyword', '硅'], ['3985', 'tag', '正极材料']]
    """
    keys = [k for k in ("chain", "node") if k in maps.columns]
    cols = ["industry_code", "kind", "value"]
    exp = expand_industry_maps(maps, industries, keys=keys)
    ev = maps[maps["kind"].isin(EVIDENCE_KINDS)][[*keys, "kind", "value"]]
    if exp.empty or ev.empty:
        return pd.DataFrame(columns=cols)
    ev = ev.assign(kind=np.where(ev["kind"] == "keyword", "keyword", "tag"), value=ev["value"].astype(str))
    out = exp.merge(ev, on=keys)[cols].drop_duplicates()
    return out.sort_values(cols).reset_index(drop=True)


def _empty(*cols: str) -> pd.DataFrame:
    """An empty frame of string columns (an Ibis memtable needs the type)."""
    return pd.DataFrame({c: pd.Series(dtype="string") for c in cols})


def tag_hits(firms: ir.Table, tags: Iterable[str]) -> pd.DataFrame:
    """``credit_code``, ``industry_code``, ``tag`` of every firm carrying one of ``tags`` (one
    pass over the ``;``-separated tags; the result is small: only firms with a product tag)."""
    wanted = sorted({str(t) for t in tags})
    if not wanted:
        return _empty("credit_code", "industry_code", "tag")
    t = firms.filter(firms.tags.notnull()).select("credit_code", "industry_code", tag=firms.tags.split(";").unnest())
    t = t.mutate(tag=t.tag.strip())
    return t.filter(t.tag.isin(wanted)).distinct().to_pandas()


def _allowed_codes(maps: pd.DataFrame, industries: pd.DataFrame) -> pd.DataFrame:
    """``node``, ``code``: the node's classes and every coarser code above them (keyword scope)."""
    sections = industries[["code", "section"]].astype(str).set_index("code")["section"]
    exp = expand_industry_maps(maps, industries, keys=["node"])
    rows = [(n, a) for n, c in exp[["node", "industry_code"]].itertuples(index=False)
            for a in _ancestors(str(c), str(sections.get(c, "")))]
    return pd.DataFrame(rows, columns=["node", "code"]).drop_duplicates()


def _keyword_hits(firms: ir.Table, kw: pd.DataFrame, allowed: pd.DataFrame) -> pd.DataFrame:
    """``node``, ``credit_code`` of firms whose name holds a keyword of the node (rule 1)."""
    name_has = firms.select("credit_code", "name", "industry_code")
    parts: list[ir.Table] = []
    classed = kw[kw["node"].isin(set(allowed["node"]))]
    free = kw[~kw["node"].isin(set(allowed["node"]))]
    if len(classed):
        k = ibis.memtable(classed.merge(allowed, on="node").astype(str))
        j = name_has.join(k, name_has.industry_code == k.code)
        parts.append(j.filter(j.name.contains(j.keyword)).select("node", "credit_code"))
        j = name_has.filter(name_has.industry_code.isnull()).cross_join(ibis.memtable(classed.astype(str)))
        parts.append(j.filter(j.name.contains(j.keyword)).select("node", "credit_code"))
    if len(free):
        j = name_has.cross_join(ibis.memtable(free.astype(str)))
        parts.append(j.filter(j.name.contains(j.keyword)).select("node", "credit_code"))
    if not parts:
        return _empty("node", "credit_code")
    u = parts[0]
    for p in parts[1:]:
        u = u.union(p, distinct=False)
    return u.distinct().to_pandas()


def evidence_members(firms: ir.Table, maps: pd.DataFrame, industries: pd.DataFrame, *,
                     hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """``(node, credit_code, how)`` for product / tag evidence (``how = "product"``) and name
    keywords (``how = "keyword"``), rule 1 of the module docstring; a firm matched both ways
    keeps ``product``. ``hits``: :func:`tag_hits` of ``firms`` if already fetched."""
    cols = ["node", "credit_code", "how"]
    tags = maps[maps["kind"].isin(["tag", "product"])][["node", "value"]].astype(str).drop_duplicates()
    parts = []
    if len(tags):
        h = tag_hits(firms, tags["value"]) if hits is None else hits
        parts.append(h.merge(tags.rename(columns={"value": "tag"}), on="tag")[["node", "credit_code"]]
                     .assign(how="product"))
    kw = maps[maps["kind"] == "keyword"][["node", "value"]].astype(str).drop_duplicates()
    if len(kw):
        found = _keyword_hits(firms, kw.rename(columns={"value": "keyword"}), _allowed_codes(maps, industries))
        parts.append(found.assign(how="keyword"))
    if not parts:
        return _empty(*cols)
    out = pd.concat(parts, ignore_index=True).astype(str)
    out = out.sort_values("how", ascending=False, kind="stable")  # "product" before "keyword"
    return out.drop_duplicates(["node", "credit_code"]).sort_values(["node", "credit_code"]).reset_index(drop=True)[cols]


def resolved_firms(firms: ir.Table, vocabulary: pd.DataFrame, *, hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """``credit_code`` of the firms carrying evidence for a node mapped to their own class (rule 2
    of the module docstring). ``hits``: :func:`tag_hits` of ``firms`` for at least the
    vocabulary's tags, if already fetched."""
    parts = []
    tv = vocabulary[vocabulary["kind"] == "tag"][["industry_code", "value"]].astype(str).drop_duplicates()
    if len(tv):
        h = tag_hits(firms, tv["value"]) if hits is None else hits
        parts.append(h.astype(str).merge(tv.rename(columns={"value": "tag"}), on=["industry_code", "tag"])[["credit_code"]])
    kv = vocabulary[vocabulary["kind"] == "keyword"][["industry_code", "value"]].astype(str).drop_duplicates()
    if len(kv):
        k = ibis.memtable(kv.rename(columns={"value": "keyword", "industry_code": "vocab_code"}))
        f = firms.select("credit_code", "name", "industry_code")
        j = f.join(k, f.industry_code == k.vocab_code)
        parts.append(j.filter(j.name.contains(j.keyword)).select("credit_code").distinct().to_pandas())
    if not parts:
        return _empty("credit_code")
    return pd.concat(parts, ignore_index=True).astype(str).drop_duplicates().reset_index(drop=True)


def chain_members(firms: ir.Table, maps: pd.DataFrame, industries: pd.DataFrame, *,
                  vocabulary: pd.DataFrame | None = None) -> ir.Table:
    """``(node, credit_code, how)`` of every firm belonging to a chain node (module docstring).

    Parameters
    ----------
    firms : ibis.Table
        ``credit_code``, ``name``, ``industry_code``, ``tags`` (the ``enterprise`` table, or
        imported candidates in that shape).
    maps : pandas.DataFrame
        ``node``, ``kind``, ``value`` of the chain.
    industries : pandas.DataFrame
        The ``industry`` table.
    vocabulary : pandas.DataFrame, optional
        :func:`class_vocabulary` of every chain whose evidence settles a shared class (default:
        this chain's own).

    Returns
    -------
    ibis.Table
        ``node``, ``credit_code``, ``how`` (``class``, ``product`` or ``keyword``), one row per
        node and firm.
    """
    vocab = class_vocabulary(maps, industries) if vocabulary is None else vocabulary
    tags = set(maps.loc[maps["kind"].isin(["tag", "product"]), "value"].astype(str))
    tags |= set(vocab.loc[vocab["kind"] == "tag", "value"].astype(str))
    hits = tag_hits(firms, tags)
    ev = ibis.memtable(evidence_members(firms, maps, industries, hits=hits))
    ind = expand_industry_maps(maps, industries, keys=["node"])
    if ind.empty:
        return ev
    m = ibis.memtable(ind.astype(str).rename(columns={"industry_code": "map_code"}))
    cls = firms.select("credit_code", "industry_code")
    resolved = resolved_firms(firms, vocab, hits=hits)
    if len(resolved):
        cls = cls.anti_join(ibis.memtable(resolved), "credit_code")
    cp = cls.join(m, cls.industry_code == m.map_code).select("node", "credit_code", how=ibis.literal("class"))
    return cp.union(ev, distinct=False)


def shared_classes(maps: pd.DataFrame, industries: pd.DataFrame, *, others: pd.DataFrame | None = None,
                   names: pd.Series | None = None) -> pd.DataFrame:
    """Classes a node shares with other nodes (of the chain, or of ``others``): firms of such a
    class without evidence count in every node mapped to it.

    A node mapped to a coarser code that contains the node's own code (an input-output sector
    mapped to division 26 and a node mapped to class 2669) contains it rather than shares it,
    and is not reported.

    Parameters
    ----------
    maps : pandas.DataFrame
        ``node``, ``kind``, ``value`` of the chain.
    others : pandas.DataFrame, optional
        ``label``, ``kind``, ``value`` of nodes of other chains (``label`` names the node for
        the reader, e.g. ``多晶硅（光伏及储能）``).
    names : pandas.Series, optional
        Node id → display name for this chain's nodes.

    Returns
    -------
    pandas.DataFrame
        ``node``, ``industry_code``, ``with`` (the other node's label), one row per pair.

    Examples
    --------
    >>> ind = pd.DataFrame({"code": ["26", "266", "2669", "3985"], "section": ["C"] * 4})
    >>> m = pd.DataFrame({"node": ["cathode", "electrolyte"], "kind": "industry", "value": ["3985", "2669"]})
    >>> o = pd.DataFrame({"label": ["多晶硅（光伏）", "化学产品（IO）"], "kind": "industry", "value": ["3985", "26"]})
    >>> shared_classes(m, ind, others=o).values.tolist()
    [['cathode', '3985', '多晶硅（光伏）']]
    """
    names = names if names is not None else pd.Series(dtype=object)
    section = industries.assign(code=industries["code"].astype(str)).set_index("code")["section"].astype(str)

    def rows(frame: pd.DataFrame, key: str) -> pd.DataFrame:
        ind = frame[frame["kind"] == "industry"][[key, "kind", "value"]].astype(str).drop_duplicates()
        out = expand_industry_maps(ind.assign(mapped=ind["value"]), industries, keys=[key, "mapped"])
        return out.rename(columns={"mapped": "value"})[[key, "industry_code", "value"]]

    def contains(a: str, b: str) -> bool:
        """``a`` is a strictly coarser code than ``b`` and contains it."""
        if a == b:
            return False
        if a.isalpha():
            return section.get(b, "") == a
        return b.startswith(a)

    own = rows(maps, "node")
    own = own.assign(label=own["node"].map(names).fillna(own["node"]))
    every = [own.rename(columns={"node": "owner"})[["owner", "industry_code", "value", "label"]]]
    if others is not None and len(others):
        oth = rows(others, "label")
        every.append(oth.assign(owner=None)[["owner", "industry_code", "value", "label"]])
    pairs = own[["node", "industry_code", "value"]].merge(pd.concat(every, ignore_index=True), on="industry_code",
                                                         suffixes=("", "_other"))
    keep = (pairs["owner"] != pairs["node"]) & ~pd.Series(
        [contains(o, v) for o, v in zip(pairs["value_other"], pairs["value"], strict=True)], index=pairs.index,
        dtype=bool)
    out = pairs[keep].rename(columns={"label": "with"})[["node", "industry_code", "with"]].drop_duplicates()
    return out.sort_values(["node", "industry_code", "with"]).reset_index(drop=True)


def region_and_descendants(regions: pd.DataFrame, region: str) -> list[str]:
    """``region`` and every region below it (by ``parent_code``), from the ``region`` table.

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["510000", "510100", "510104", "520000"],
    ...                   "parent_code": ["", "510000", "510100", ""]})
    >>> region_and_descendants(r, "510100")
    ['510100', '510104']
    """
    from xinzhi.regions import descendants

    if region not in set(regions["code"].astype(str)):
        raise NotFoundError(f"unknown region {region!r} (use a 6-digit GB/T 2260 code such as 510000)")
    return sorted(descendants(regions, region)["code"].astype(str))


def region_peer_key(code: ir.StringValue, region: str) -> ir.StringValue:
    """Map county codes to the level of ``region`` (province, city or county) for peer comparison.

    A province code ends in ``0000`` and a city code in ``00`` (GB/T 2260), so county codes are
    truncated and padded: ``510104`` → ``510100`` for a city, ``510000`` for a province.
    """
    if len(region) != 6 or not region.isdigit():
        return code
    if region.endswith("0000"):
        return code.left(2).concat("0000")
    if region.endswith("00"):
        return code.left(4).concat("00")
    return code
