"""Digital-transition service matching: a firm's weakest questionnaire items and its industry
matched to 小快轻准 solutions, and per region the demand by scene and the supply by provider.

Points left on an item are the item's maximum minus the points the firm's answers earned
(:func:`xinzhi.evaluation.digital_answers.score_answers`); an item not answered has all its
points left. A solution serves an item when it lists the item, and a firm when its industry
prefixes include the firm's industry (no prefixes: every industry).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from xinzhi.evaluation.digital_rulebook import DigitalRulebook
from xinzhi.support.checks import split_list

__all__ = ["demand_by_scene", "item_gaps", "item_labels", "match_services", "service_offers", "supply_by_provider"]

#: how many of a firm's weakest items are matched
TOP_ITEMS = 3
#: how many solutions are kept per firm and item
PER_ITEM = 3


def item_labels(rulebook: DigitalRulebook, lang: str = "zh") -> dict[str, str]:
    """Item labels in the page language: the rulebook's (Chinese), or the English labels shipped in
    ``support/data/questionnaire_en.yaml`` (falling back to the Chinese for an item without one)."""
    labels = {i.id: i.label for i in rulebook.items}
    if lang != "zh":
        from importlib import resources

        import yaml

        path = resources.files("xinzhi.support") / "data" / "questionnaire_en.yaml"
        english = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(rulebook.id, {})
        labels |= {k: v for k, v in english.items() if k in labels}
    return labels


def item_gaps(item_points: pd.DataFrame, rulebook: DigitalRulebook, firms: list[str] | None = None,
              *, top: int = TOP_ITEMS, lang: str = "zh") -> pd.DataFrame:
    """The ``top`` items of each firm with the most points left, most first (ties keep the
    questionnaire's order), as ``credit_code``, ``item``, ``item_label``, ``group``, ``left``, ``rank``.

    ``item_points`` has ``credit_code``, ``item``, ``points`` (score_answers); ``firms`` lists the
    assessed firms (default: those in ``item_points``), so a firm that left an item blank has it
    with all its points left.

    >>> from xinzhi.evaluation import load_rulebook
    >>> book = load_rulebook("digital-manufacturing-2024")
    >>> pts = pd.DataFrame({"credit_code": ["A", "A"], "item": ["information_systems", "network"], "points": [10.0, 8.0]})
    >>> item_gaps(pts, book, top=2)[["item", "left"]].values.tolist()
    [['data_collection', 10.0], ['planning', 7.5]]
    """
    items = list(rulebook.items)
    labels = item_labels(rulebook, lang)
    codes = firms if firms is not None else sorted(item_points["credit_code"].unique())
    got = item_points.pivot_table(index="credit_code", columns="item", values="points", aggfunc="sum")
    got = got.reindex(index=codes, columns=[i.id for i in items]).fillna(0.0)
    left = np.array([i.max_points for i in items])[None, :] - got.to_numpy()
    order = np.argsort(-left, axis=1, kind="stable")[:, :top]
    rows = []
    for f, code in enumerate(codes):
        for rank, k in enumerate(order[f], start=1):
            if left[f, k] > 1e-9:
                it = items[k]
                rows.append((code, it.id, labels[it.id], it.group or "", round(float(left[f, k]), 4), rank))
    return pd.DataFrame(rows, columns=["credit_code", "item", "item_label", "group", "left", "rank"])


def _serves(industries: object, industry: str) -> bool:
    prefixes = split_list(industries)
    return not prefixes or any(str(industry).startswith(p) for p in prefixes)


def match_services(gaps: pd.DataFrame, firms: pd.DataFrame, solutions: pd.DataFrame, providers: pd.DataFrame,
                   *, per_item: int = PER_ITEM) -> pd.DataFrame:
    """Solutions for each firm's weak items, ranked: a provider in the firm's city first, then the
    lowest price ceiling, the shortest deployment and the most cases.

    ``firms`` has ``credit_code``, ``industry_code``, ``region_code``. Returns one row per firm,
    item and solution: ``credit_code``, ``item``, ``item_label``, ``left`` (points possible),
    ``solution_id``, ``solution``, ``scene``, ``provider_id``, ``provider``, ``provider_region``,
    ``price_low``, ``price_high`` (万元), ``deploy_months``, ``tags``, ``local``, ``choice`` (1 = best).
    """
    cols = ["credit_code", "item", "item_label", "left", "solution_id", "solution", "scene", "provider_id",
            "provider", "provider_region", "price_low", "price_high", "deploy_months", "tags", "local", "choice"]
    if gaps.empty or solutions.empty:
        return pd.DataFrame(columns=cols)
    prov = providers.set_index("provider_id")
    sol = solutions.assign(
        provider=solutions["provider_id"].map(prov["name"]),
        provider_region=solutions["provider_id"].map(prov["region_code"]).fillna("").astype(str),
        cases=solutions["cases"].fillna(0.0) if "cases" in solutions else 0.0,
        item=solutions["items"].map(split_list),
    ).explode("item")
    info = firms[["credit_code", "industry_code", "region_code"]].drop_duplicates("credit_code")
    cand = gaps.merge(info, on="credit_code").merge(sol.rename(columns={"name": "solution"}), on="item")
    if cand.empty:
        return pd.DataFrame(columns=cols)
    industry = cand["industry_code"].astype(str)
    serves = [_serves(v, c) for v, c in zip(cand["industries"], industry, strict=True)]
    cand = cand[serves]
    city = cand["region_code"].astype(str).str[:4]
    cand = cand.assign(local=[p.startswith(c) for p, c in zip(cand["provider_region"], city, strict=True)])
    cand = cand.assign(_far=~cand["local"], _cases=-cand["cases"]).sort_values(
        ["credit_code", "rank", "_far", "price_high", "deploy_months", "_cases", "solution_id"], kind="stable")
    cand["choice"] = cand.groupby(["credit_code", "item"]).cumcount() + 1
    return cand[cand["choice"] <= per_item][cols].reset_index(drop=True)


def service_offers(gaps: pd.DataFrame, matches: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One line per firm and weak item: points possible and what the catalog offers for it.

    ``text`` reads "数据自动采集覆盖的业务环节 +7.7 分 → 3 个方案，4–10 万元，2–3 个月可部署"
    (or "no solution in the catalog"). Columns: ``credit_code``, ``item``, ``item_label``, ``left``,
    ``solutions``, ``price_low``, ``price_high``, ``deploy_min``, ``deploy_max``, ``text``.
    """
    agg = matches.groupby(["credit_code", "item"]).agg(
        solutions=("solution_id", "count"), price_low=("price_low", "min"), price_high=("price_high", "max"),
        deploy_min=("deploy_months", "min"), deploy_max=("deploy_months", "max")).reset_index()
    out = gaps.merge(agg, on=["credit_code", "item"], how="left")
    out["solutions"] = out["solutions"].fillna(0).astype(int)
    out["text"] = [_offer_text(r, lang) for r in out.to_dict("records")]
    return out[["credit_code", "item", "item_label", "left", "solutions", "price_low", "price_high",
                "deploy_min", "deploy_max", "text"]]


def _span(a: float, b: float) -> str:
    return f"{a:g}" if a == b else f"{a:g}–{b:g}"


def _offer_text(r: Mapping[str, object], lang: str) -> str:
    left = round(float(r["left"]), 1)  # type: ignore[arg-type]
    n = int(r["solutions"])  # type: ignore[call-overload]
    if lang == "zh":
        head = f"{r['item_label']} +{left:g} 分"
        if not n:
            return f"{head} → 目录中暂无方案"
        return (f"{head} → {n} 个方案，{_span(r['price_low'], r['price_high'])} 万元，"  # type: ignore[arg-type]
                f"{_span(r['deploy_min'], r['deploy_max'])} 个月可部署")  # type: ignore[arg-type]
    head = f"{r['item_label']} +{left:g} points possible"
    if not n:
        return f"{head} → no solution in the catalog"
    return (f"{head} → {n} solution{'s' if n > 1 else ''} at {_span(r['price_low'], r['price_high'])} "  # type: ignore[arg-type]
            f"(10k yuan), deployable in {_span(r['deploy_min'], r['deploy_max'])} months")  # type: ignore[arg-type]


def demand_by_scene(gaps: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Demand per questionnaire item (scene): firms for which it is among the weakest, points
    possible in total and per firm, solutions in the catalog and firms with at least one match."""
    if gaps.empty:
        return pd.DataFrame(columns=["item", "item_label", "group", "firms", "points", "points_per_firm",
                                     "solutions", "firms_matched"])
    d = gaps.groupby(["item", "item_label", "group"]).agg(firms=("credit_code", "nunique"),
                                                        points=("left", "sum")).reset_index()
    d["points_per_firm"] = d["points"] / d["firms"]
    m = matches.groupby("item").agg(solutions=("solution_id", "nunique"), firms_matched=("credit_code", "nunique"))
    d = d.merge(m, left_on="item", right_index=True, how="left")
    d[["solutions", "firms_matched"]] = d[["solutions", "firms_matched"]].fillna(0).astype(int)
    return d.sort_values(["firms", "points"], ascending=False, kind="stable").reset_index(drop=True)


def supply_by_provider(matches: pd.DataFrame, solutions: pd.DataFrame, providers: pd.DataFrame) -> pd.DataFrame:
    """Supply per provider: its solutions and scenes, price range, and the firms (and items) for
    which one of its solutions is among the best matches."""
    sol = solutions.groupby("provider_id").agg(solutions=("solution_id", "nunique"),
                                              scenes=("scene", lambda s: "、".join(sorted(set(s)))),
                                              price_low=("price_low", "min"), price_high=("price_high", "max"))
    used = matches.groupby("provider_id").agg(firms_matched=("credit_code", "nunique"),
                                              offers=("solution_id", "count"))
    out = providers[["provider_id", "name", "region_code", "qualifications"]].merge(
        sol, left_on="provider_id", right_index=True, how="left").merge(used, left_on="provider_id",
                                                                         right_index=True, how="left")
    out[["solutions", "firms_matched", "offers"]] = out[["solutions", "firms_matched", "offers"]].fillna(0).astype(int)
    return out.sort_values(["firms_matched", "solutions"], ascending=False, kind="stable").reset_index(drop=True)
