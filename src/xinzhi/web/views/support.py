"""政策匹配 pages and the support API: measures with their push lists (政策找企业), one firm's
measures, services and resources (企业找政策), digital-service demand and supply, early warnings
with 银企对接. Each page is in one language; numbers come from :mod:`xinzhi.web.support_data`."""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from xinzhi.access import audit
from xinzhi.access.users import User
from xinzhi.web import figures, support_data
from xinzhi.web.auth import api_user, client_ip, page_user, state_of
from xinzhi.web.exports import FORMATS
from xinzhi.web.views.blocks import Block, chart_block, note_block, records, table_block
from xinzhi.web.views.common import region_picker
from xinzhi.web.views.render import lang_of, render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1/support", tags=["support"])

TEXT: dict[str, tuple[str, str]] = {
    "support": ("政策匹配", "Support matching"),
    "key_figures": ("本地区概况", "Key figures"),
    "highlights": ("要点", "Highlights"),
    "flagged": ("经营困难预警企业", "Firms flagged"),
    "per_product": ("信贷产品对接汇总", "Matches per loan product"),
    "firms_difficulty": ("经营困难企业", "Firms in difficulty"),
    "firms_project": ("项目即将开工企业", "Firms with a project"),
    "measures": ("政策措施", "Measures"),
    "services": ("数字化服务", "Digital services"),
    "warnings": ("预警与银企对接", "Warnings and loans"),
    "firm_code": ("统一社会信用代码", "Credit code"),
    "look_up": ("查看企业", "Look up"),
    "export_bureau": ("导出推送名单（Excel）", "Export push list (Excel)"),
    "export_loans": ("导出银企对接名单（Excel）", "Export bank–firm list (Excel)"),
    "in_force": ("在用政策", "Measures in force"),
    "firms_eligible": ("符合至少一项政策的企业", "Firms eligible for a measure"),
    "benefit_total": ("预计受益合计（万元）", "Estimated benefit (10k yuan)"),
    "data_year": ("数据年度", "Data year"),
    "as_of": ("政策有效日期", "Measures in force on"),
    "how": ("说明", "How to read"),
    "how_text": ("符合：全部条件满足且不在负面清单；待核实：没有不满足的条件，但缺少企业申报信息，需企业确认；差一项：仅一项条件未满足且接近（差距在20%以内，或为企业可办理的事项）。预计受益为按政策口径的估算（万元），同一类税率优惠择优计一次。",
                 "Eligible: every condition met and not on the negative list. To confirm: no condition fails but declared facts are missing. "
                 "Near miss: exactly one condition fails, narrowly (within 20 %) or by a step the firm can take. "
                 "Benefits are estimates in 10k yuan; alternative income-tax rates count once."),
    "measure": ("编号", "Id"), "title": ("政策", "Measure"), "category": ("类别", "Category"), "number": ("文号", "Document"),
    "eligible": ("符合企业数", "Eligible firms"), "benefit": ("预计受益（万元）", "Benefit (10k yuan)"),
    "to_confirm": ("待核实", "To confirm"), "near": ("差一项", "Near misses"),
    "credit_code": ("统一社会信用代码", "Credit code"), "name": ("企业名称", "Firm"), "region_name": ("地区", "Region"),
    "industry_code": ("行业代码", "Industry"), "reason": ("说明", "Reason"), "status": ("状态", "Status"),
    "push_eligible": ("拟推送企业（符合）", "Push list: eligible firms"),
    "push_near": ("差一项企业", "Near misses"), "push_confirm": ("待核实企业（缺少申报信息）", "To confirm (facts missing)"),
    "source": ("政策依据", "Basis"), "valid": ("有效期", "Valid"), "open_ended": ("长期", "open-ended"),
    "confidence_official": ("已核对官方文本", "checked against the official text"),
    "confidence_secondary": ("据转载或汇编核对", "checked against reposts and compilations"),
    "source_link": ("原文链接", "the text online"),
    "documents": ("需提交材料", "Documents"), "benefit_rule": ("受益测算", "Benefit"),
    "stage": ("成长阶段", "Stage"), "total": ("预计受益合计（万元）", "Total benefit (10k yuan)"),
    "eligible_measures": ("可享政策数", "Eligible measures"), "warning_level": ("经营预警", "Warning"),
    "next_unlock": ("最小改变即可解锁", "Smallest change to unlock the next measure"),
    "gain": ("可增加受益（万元）", "Gain (10k yuan)"),
    "firm_measures": ("政策匹配", "Measures"), "firm_services": ("数字化转型服务", "Digital-transition services"),
    "solutions": ("推荐方案", "Solutions"), "firm_resources": ("匹配资源", "Resources"),
    "firm_loans": ("可对接信贷产品", "Loan products"), "none": ("无", "none"),
    "no_assessment": ("该企业尚无数字化水平评测答卷。", "No digital-maturity questionnaire for this firm."),
    "no_warning": ("无预警信号。", "No warning signal."),
    "item_label": ("题目", "Item"), "left": ("可提升分数", "Points possible"), "solution": ("方案", "Solution"),
    "provider": ("服务商", "Provider"), "price": ("价格（万元）", "Price (10k yuan)"), "deploy_months": ("部署周期（月）", "Months"),
    "tags": ("标签", "Tags"), "kind_label": ("类型", "Kind"), "resource": ("资源", "Resource"),
    "demand": ("需求（按场景）", "Demand by scene"), "supply": ("供给（按服务商）", "Supply by provider"),
    "firms": ("企业数", "Firms"), "points": ("可提升分数合计", "Points possible"),
    "points_per_firm": ("户均可提升", "Per firm"), "firms_matched": ("已匹配企业", "Firms matched"),
    "scenes": ("场景", "Scenes"), "qualifications": ("资质", "Qualifications"), "offers": ("推荐次数", "Offers"),
    "offer": ("可提升与可选方案", "Gain and offers"),
    "score": ("预警得分", "Score"), "level": ("预警等级", "Level"), "why": ("预警信号", "Signals"),
    "need": ("营收减少（万元）", "Revenue lost (10k yuan)"),
    "loans": ("银企对接名单（按信贷产品）", "Bank–firm matching by loan product"),
    "bank": ("银行", "Bank"), "product": ("产品", "Product"), "target": ("对接原因", "Why"),
    "amount": ("建议额度（万元）", "Suggested (10k yuan)"), "rate": ("年利率", "Rate"),
    "difficulty": ("经营困难", "In difficulty"), "project": ("项目即将开工", "Project about to start"),
    "levels": ("预警分布", "Levels"), "demand_chart": ("需求企业数（按场景）", "Firms in need, by scene"),
    "services_note": ("每家已评测企业取提分空间最大的3个题目，匹配适用行业的方案（同城服务商优先，再按价格、部署周期）。",
                      "For each assessed firm, the three items with the most points to gain, matched to solutions "
                      "for its industry (local providers first, then price and deployment time)."),
    "warnings_note": ("按预警规则（营收、税收、用电、用工、能耗同比下降及资产负债率上升）计分，橙色及以上视为经营困难；信贷产品按其条件匹配经营困难企业和6个月内开工项目的企业。",
                      "Scored by the warning rulebook (year-on-year falls in revenue, tax, electricity, employment, "
                      "energy; rising debt); orange and above count as difficulty. Loan products are matched by their "
                      "conditions to firms in difficulty and to firms whose project starts within six months."),
}


#: kinds of the columns whose header says what they are (:func:`xinzhi.web.formatting.present`):
#: identifiers shown as written, region names (with their English name on English pages), and
#: amounts in the 万元 their header names
KINDS = {"measure": "code", "credit_code": "code", "industry_code": "code", "number": "code",
         "region_name": "region", "benefit": "area", "total": "area", "gain": "area", "price": "area",
         "amount": "area", "need": "area"}


def st(lang: str, key: str) -> str:
    zh, en = TEXT.get(key, (key, key))
    return zh if lang == "zh" else en


def _region(request: Request, st_: Any, scope: Any) -> str:
    """The region of the page: the query's (a region outside the scope is not found), else the last
    one chosen on a support page, else the scope's root; remembered in the session."""
    from xinzhi.errors import NotFoundError

    asked = request.query_params.get("region")
    region = asked or request.session.get("support_region") or st_.data.default_region(scope)
    try:
        st_.data.region(scope, region)
    except NotFoundError:
        if asked:
            raise
        region = st_.data.default_region(scope)  # a region remembered from another account
    request.session["support_region"] = region
    return str(region)


def _page(request: Request, user: User, sub: str, title: str, blocks: list[Block], region: str | None,
          export_url: str | None = None, export_label: str = "export_bureau") -> Response:
    lang = lang_of(request)
    st_ = state_of(request)
    regions = region_picker(st_, st_.data.scope(user), lang) if region else []  # as on every other page
    links = [("measures", "/support"), ("services", "/support/services"), ("warnings", "/support/warnings")]
    return render(request, "support.html", {
        "page": "support", "title": title, "blocks": blocks, "regions": regions,
        "region": region, "support_links": links, "support_page": sub, "export_url": export_url,
        "export_label": export_label,
        "st": lambda k: st(lang, k)}, user=user)


def _pct(v: Any) -> str:
    return "" if v is None or pd.isna(v) else f"{100 * float(v):.1f}%"


def _head(frame: pd.DataFrame, lang: str, columns: list[str]) -> pd.DataFrame:
    """``columns`` of ``frame`` with headers in the page language; identifier columns keep their
    kind (``attrs["kinds"]``, read by :func:`xinzhi.web.formatting.present`)."""
    out = frame[columns].rename(columns={c: st(lang, c) for c in columns})
    out.attrs["kinds"] = {st(lang, c): KINDS[c] for c in columns if c in KINDS}
    return out


# ---------------------------------------------------------------- pages
@router.get("/support")
def support_home(request: Request, user: User = Depends(page_user)) -> Response:
    st_ = state_of(request)
    lang = lang_of(request)
    scope = st_.data.scope(user)
    region = _region(request, st_, scope)
    table, heads = support_data.measure_summary(st_.data, scope, region, lang)
    names = support_data.region_names(st_.data, lang)
    cards = [(st(lang, "in_force"), str(heads["measures"])), (st(lang, "firms_eligible"), f"{heads['firms']:,}"),
             (st(lang, "benefit_total"), f"{heads['benefit']:,.0f}"), (st(lang, "data_year"), str(heads["year"])),
             (st(lang, "as_of"), str(heads["on"]))]
    table = table.assign(benefit=table["benefit"].round(0))
    blocks = [Block(st(lang, "key_figures"), "cards", cards=cards),
              table_block(st(lang, "measures"), _head(table, lang, ["measure", "title", "number", "eligible", "benefit",
                                                                    "to_confirm", "near"]),
                          links={st(lang, "measure"): "/support/measures/"}),
              note_block(st(lang, "how"), st(lang, "how_text"))]
    return _page(request, user, "measures", f"{names.get(region, region)} · {st(lang, 'support')}", blocks, region)


@router.get("/support/measures/{measure_id}")
def measure_page(measure_id: str, request: Request, user: User = Depends(page_user)) -> Response:
    st_ = state_of(request)
    lang = lang_of(request)
    scope = st_.data.scope(user)
    region = _region(request, st_, scope)
    p = support_data.push_list(st_.data, scope, region, measure_id, lang)
    m = p["measure"]
    names = support_data.region_names(st_.data, lang)
    ok = p["eligible"]
    cards = [(st(lang, "eligible"), f"{len(ok):,}"), (st(lang, "benefit_total"), f"{ok['benefit'].sum():,.1f}"),
             (st(lang, "to_confirm"), f"{len(p['to_confirm']):,}"), (st(lang, "near"), f"{len(p['near']):,}"),
             (st(lang, "data_year"), str(p["year"]))]
    valid = f"{m.valid.from_} – {m.valid.to or st(lang, 'open_ended')}"
    src = m.source
    # the articles are paraphrased in Chinese: an English page names the document number only
    basis = f"{src.document} {src.number}；{src.articles}" if lang == "zh" else f"{src.number} ({src.issuer})"
    lines = [f"{st(lang, 'source')}: {basis}", f"{st(lang, 'valid')}: {valid} · {m.region.name if lang == 'zh' else m.region.name_en}",
             f"{st(lang, 'benefit_rule')}: {(m.benefit.note if lang == 'zh' else m.benefit.note_en) or (m.benefit.label if lang == 'zh' else m.benefit.label_en)}",
             f"{st(lang, 'documents')}: {'；'.join(m.documents) if lang == 'zh' else '; '.join(m.documents_en or m.documents)}",
             (f"{st(lang, 'confidence_' + src.confidence)} ·", src.url, st(lang, "source_link")) if src.url
             else st(lang, "confidence_" + src.confidence)]
    cols = ["credit_code", "name", "region_name", "industry_code", "benefit", "reason"]
    firm_link = {st(lang, "credit_code"): "/support/firms/"}
    blocks = [Block(m.title if lang == "zh" else m.title_en, "cards", cards=cards),
              Block(st(lang, "source"), "lines", lines=lines),
              table_block(f"{st(lang, 'push_eligible')} ({len(ok):,})", _head(ok, lang, cols), links=firm_link, max_rows=100),
              table_block(f"{st(lang, 'push_near')} ({len(p['near']):,})", _head(p["near"], lang, cols), links=firm_link,
                          max_rows=100),
              table_block(f"{st(lang, 'push_confirm')} ({len(p['to_confirm']):,})",
                          _head(p["to_confirm"], lang, ["credit_code", "name", "region_name", "reason"]), links=firm_link,
                          max_rows=50)]
    title = f"{names.get(region, region)} · {m.title if lang == 'zh' else m.title_en}"
    return _page(request, user, "measures", title, blocks, region,
                 export_url=f"/support/measures/{measure_id}/push-list.xlsx?region={region}")


@router.get("/support/measures/{measure_id}/push-list.xlsx")
def measure_export(measure_id: str, request: Request, user: User = Depends(page_user)) -> Response:
    from xinzhi.support.exports import push_list_workbook

    st_ = state_of(request)
    scope = st_.data.scope(user)
    region = _region(request, st_, scope)
    p = support_data.push_list(st_.data, scope, region, measure_id, "zh")
    names = support_data.region_names(st_.data, "zh")
    body = push_list_workbook(p["measure"], p["rows"], region_name=names.get(region, region), year=p["year"],
                              note=st_.data.demo_note(), generated=p["on"])
    audit.record(st_.ws, user.username, "export", target=f"support/{measure_id}.xlsx", ip=client_ip(request),
                 details={"rows": len(p["rows"]), "region": region})
    return _xlsx(body, f"{measure_id}-{region}.xlsx")


def _xlsx(body: bytes | None, name: str) -> Response:
    from urllib.parse import quote

    return Response(body, media_type=FORMATS["xlsx"],
                    headers={"Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"})


@router.get("/support/firms")
def firm_lookup(request: Request, code: str = "", user: User = Depends(page_user)) -> Response:
    code = code.strip().upper()
    return RedirectResponse(f"/support/firms/{code}" if code else "/support", status_code=303)


@router.get("/support/firms/{credit_code}")
def firm_page(credit_code: str, request: Request, user: User = Depends(page_user)) -> Response:
    from xinzhi.support.loader import load_stage_rulebook

    st_ = state_of(request)
    lang = lang_of(request)
    scope = st_.data.scope(user)
    row, prof, sup = support_data.firm(st_.data, scope, credit_code, lang)
    book = load_stage_rulebook()
    stage = next((s for s in book.stages if s.id == prof.stage), None)
    rule = next((r for s in book.stages for r in s.rules if r.id == prof.stage_rule), None)
    stage_text = "" if stage is None else (stage.name if lang == "zh" else stage.name_en)
    level = prof.warning["level"] if prof.warning is not None and pd.notna(prof.warning["level"]) else None
    from xinzhi.support.loader import load_warning_rulebook

    level_text = next(((lv.label if lang == "zh" else lv.label_en) for lv in load_warning_rulebook().levels
                       if lv.id == level), st(lang, "none"))
    m = sup.measures
    cards = [(st(lang, "credit_code"), str(row["credit_code"])), (st(lang, "stage"), stage_text),
             (st(lang, "eligible_measures"), str(int((m["status"] == "eligible").sum()))),
             (st(lang, "total"), f"{sup.total:,.1f}"), (st(lang, "warning_level"), level_text)]
    blocks: list[Block] = [Block(str(row["name"]), "cards", cards=cards)]
    lines = []
    if rule is not None:
        lines.append(f"{st(lang, 'stage')}: {stage_text} — {rule.label if lang == 'zh' else rule.label_en}")
    if sup.next_unlock is not None:
        n = sup.next_unlock
        gain = f" (+{n['gain']:,.1f})" if pd.notna(n.get("gain")) and n["gain"] > 0 else ""
        lines.append(f"{st(lang, 'next_unlock')}: {n['title']} — {n['reason']}{gain}")
    if lines:
        blocks.append(Block(st(lang, "highlights"), "lines", lines=lines))
    shown = m.assign(title=m["title"], status=m["status_label"], gain=m["gain"])
    blocks.append(table_block(st(lang, "firm_measures"), _head(shown, lang, ["title", "status", "benefit", "gain", "reason"]),
                              max_rows=30))
    if len(prof.offers):
        blocks.append(Block(st(lang, "firm_services"), "lines", lines=list(prof.offers["text"])))
        sol = prof.solutions.assign(price=[f"{a:g}–{b:g}" for a, b in zip(prof.solutions["price_low"],
                                                                          prof.solutions["price_high"], strict=True)],
                                    deploy_months=prof.solutions["deploy_months"].map(lambda v: f"{v:g}"))
        blocks.append(table_block(st(lang, "solutions"), _head(sol, lang, ["item_label", "solution", "provider", "price",
                                                                           "deploy_months", "tags"])))
    else:
        blocks.append(note_block(st(lang, "firm_services"), st(lang, "no_assessment")))
    res = prof.resources.assign(resource=prof.resources["name"])
    blocks.append(table_block(st(lang, "firm_resources"), _head(res, lang, ["resource", "kind_label", "reason"])))
    if prof.warning is not None and level is not None:
        blocks.append(note_block(f"{st(lang, 'warning_level')}: {level_text} ({prof.warning['score']:g})", str(prof.warning["why"])))
    if len(prof.loans):
        loans = prof.loans.assign(target=prof.loans["target"].map(lambda t: st(lang, t)), rate=prof.loans["rate"].map(_pct))
        blocks.append(table_block(st(lang, "firm_loans"), _head(loans, lang, ["bank", "product", "target", "why", "amount",
                                                                              "rate"])))
    return _page(request, user, "measures", f"{row['name']} · {st(lang, 'support')}", blocks, None)


@router.get("/support/services")
def services_page(request: Request, user: User = Depends(page_user)) -> Response:
    st_ = state_of(request)
    lang = lang_of(request)
    scope = st_.data.scope(user)
    region = _region(request, st_, scope)
    rep = support_data.services(st_.data, scope, region, lang)
    names = support_data.region_names(st_.data, lang)
    d = rep.demand.assign(points_per_firm=rep.demand["points_per_firm"].round(1), points=rep.demand["points"].round(1))
    blocks: list[Block] = []
    if len(d):
        blocks.append(chart_block(st(lang, "demand_chart"), figures.bar_chart(d, x="item_label", y="firms"), wide=True))
    blocks.append(table_block(st(lang, "demand"), _head(d, lang, ["item_label", "firms", "points", "points_per_firm",
                                                                 "solutions", "firms_matched"])))
    sup = rep.supply.assign(provider=rep.supply["name"], region_name=rep.supply["region_code"].map(names),
                            price=[("" if pd.isna(a) else f"{a:g}–{b:g}") for a, b in
                                   zip(rep.supply["price_low"], rep.supply["price_high"], strict=True)])
    blocks.append(table_block(st(lang, "supply"), _head(sup, lang, ["provider", "region_name", "qualifications", "scenes",
                                                                   "solutions", "price", "firms_matched", "offers"])))
    offers = rep.offers.assign(offer=rep.offers["text"])
    offers = offers.merge(st_.data.scoped_enterprises(scope)[["credit_code", "name"]], on="credit_code", how="left")
    blocks.append(table_block(st(lang, "firm_services"), _head(offers, lang, ["credit_code", "name", "offer"]),
                              links={st(lang, "credit_code"): "/support/firms/"}, max_rows=100))
    blocks.append(note_block(st(lang, "how"), st(lang, "services_note")))
    return _page(request, user, "services", f"{names.get(region, region)} · {st(lang, 'services')}", blocks, region)


@router.get("/support/warnings")
def warnings_page(request: Request, user: User = Depends(page_user)) -> Response:
    st_ = state_of(request)
    lang = lang_of(request)
    scope = st_.data.scope(user)
    region = _region(request, st_, scope)
    flagged, loans = support_data.warnings(st_.data, scope, region, lang)
    names = support_data.region_names(st_.data, lang)
    from xinzhi.support.loader import load_warning_rulebook

    counts = flagged.groupby("level").size()
    cards = [((lv.label if lang == "zh" else lv.label_en), f"{int(counts.get(lv.id, 0)):,}")
             for lv in load_warning_rulebook().levels]
    blocks: list[Block] = [Block(st(lang, "levels"), "cards", cards=cards)]
    w = flagged.assign(level=flagged["level_label"])
    blocks.append(table_block(st(lang, "flagged"), _head(w, lang, ["credit_code", "name", "region_name", "score", "level",
                                                                   "why", "need"]),
                              links={st(lang, "credit_code"): "/support/firms/"}, max_rows=100))
    if len(loans):
        per = loans.groupby(["product_id", "bank", "product"], sort=True).agg(
            rate=("rate", "first"), firms_difficulty=("target", lambda t: int((t == "difficulty").sum())),
            firms_project=("target", lambda t: int((t == "project").sum())), amount=("amount", "sum")).reset_index()
        per = per.assign(rate=per["rate"].map(_pct), amount=per["amount"].round(0))
        blocks.append(table_block(st(lang, "per_product"), _head(per, lang, ["bank", "product", "rate", "firms_difficulty",
                                                                            "firms_project", "amount"])))
        lo = loans.assign(target=loans["target"].map(lambda t: st(lang, t)), rate=loans["rate"].map(_pct))
        blocks.append(table_block(st(lang, "loans"), _head(lo, lang, ["bank", "product", "credit_code", "name",
                                                                     "target", "amount", "why"]),
                                  links={st(lang, "credit_code"): "/support/firms/"}, max_rows=200))
    blocks.append(note_block(st(lang, "how"), st(lang, "warnings_note")))
    return _page(request, user, "warnings", f"{names.get(region, region)} · {st(lang, 'warnings')}", blocks, region,
                 export_url=f"/support/warnings/loans.xlsx?region={region}" if len(loans) else None,
                 export_label="export_loans")


@router.get("/support/warnings/loans.xlsx")
def loans_export(request: Request, user: User = Depends(page_user)) -> Response:
    from xinzhi.support.exports import loans_workbook

    st_ = state_of(request)
    scope = st_.data.scope(user)
    region = _region(request, st_, scope)
    _, loans = support_data.warnings(st_.data, scope, region, "zh")
    names = support_data.region_names(st_.data, "zh")
    body = loans_workbook(loans, region_name=names.get(region, region), note=st_.data.demo_note())
    audit.record(st_.ws, user.username, "export", target="support/loans.xlsx", ip=client_ip(request),
                 details={"rows": len(loans), "region": region})
    return _xlsx(body, f"loans-{region}.xlsx")


# ---------------------------------------------------------------- API
def _api_region(st_: Any, scope: Any, region: str | None) -> str:
    code = region or st_.data.default_region(scope)
    st_.data.region(scope, code)
    return str(code)


@api.get("/measures", summary="Measures in force with eligible firms, benefit, firms to confirm and near misses in a region")
def api_measures(request: Request, region: str | None = Query(None, max_length=16), lang: str = Query("zh", pattern="^(zh|en)$"),
                 user: User = Depends(api_user)) -> dict[str, Any]:
    st_ = state_of(request)
    scope = st_.data.scope(user)
    table, heads = support_data.measure_summary(st_.data, scope, _api_region(st_, scope, region), lang)
    return {"synthetic_data": st_.data.is_demo, "year": heads["year"], "on": str(heads["on"]),
            "firms_eligible": heads["firms"], "benefit_total": heads["benefit"], "measures": records(table)}


@api.get("/measures/{measure_id}", summary="The push list of a measure in a region: eligible, near misses, to confirm")
def api_measure(measure_id: str, request: Request, region: str | None = Query(None, max_length=16),
                lang: str = Query("zh", pattern="^(zh|en)$"), user: User = Depends(api_user)) -> dict[str, Any]:
    st_ = state_of(request)
    scope = st_.data.scope(user)
    p = support_data.push_list(st_.data, scope, _api_region(st_, scope, region), measure_id, lang)
    cols = ["credit_code", "name", "region_code", "industry_code", "status", "benefit", "lacking", "value", "threshold",
            "gap", "missing", "reason"]
    return {"synthetic_data": st_.data.is_demo, "measure": measure_id, "version": p["measure"].version, "year": p["year"],
            **{k: records(p[k][cols]) for k in ("eligible", "near", "to_confirm")}}


@api.get("/firms/{credit_code}", summary="One firm: every measure with status, benefit and reason; total; next unlock; "
         "stage, services, resources, warning and loans")
def api_firm(credit_code: str, request: Request, lang: str = Query("zh", pattern="^(zh|en)$"),
             user: User = Depends(api_user)) -> dict[str, Any]:
    st_ = state_of(request)
    row, prof, sup = support_data.firm(st_.data, st_.data.scope(user), credit_code, lang)
    nxt = None if sup.next_unlock is None else records(sup.next_unlock.to_frame().T)[0]
    warning = None if prof.warning is None else records(prof.warning.to_frame().T)[0]
    return {"synthetic_data": st_.data.is_demo, "credit_code": row["credit_code"], "name": row["name"],
            "year": prof.year, "on": str(prof.on), "total_benefit": sup.total, "next_unlock": nxt,
            "measures": records(sup.measures), "stage": prof.stage, "stage_rule": prof.stage_rule, "warning": warning,
            "services": records(prof.offers), "solutions": records(prof.solutions),
            "resources": records(prof.resources), "loans": records(prof.loans)}


@api.get("/services", summary="Digital-service demand by scene and supply by provider in a region")
def api_services(request: Request, region: str | None = Query(None, max_length=16), lang: str = Query("zh", pattern="^(zh|en)$"),
                 user: User = Depends(api_user)) -> dict[str, Any]:
    st_ = state_of(request)
    scope = st_.data.scope(user)
    rep = support_data.services(st_.data, scope, _api_region(st_, scope, region), lang)
    return {"synthetic_data": st_.data.is_demo, "year": rep.year, "demand": records(rep.demand),
            "supply": records(rep.supply), "offers": records(rep.offers)}


@api.get("/warnings", summary="Firms with an early-warning level in a region, and loan products matched (银企对接)")
def api_warnings(request: Request, region: str | None = Query(None, max_length=16), lang: str = Query("zh", pattern="^(zh|en)$"),
                 user: User = Depends(api_user)) -> dict[str, Any]:
    st_ = state_of(request)
    scope = st_.data.scope(user)
    flagged, loans = support_data.warnings(st_.data, scope, _api_region(st_, scope, region), lang)
    cols = ["credit_code", "name", "region_code", "score", "level", "why", "need", "n_missing"]
    return {"synthetic_data": st_.data.is_demo, "warnings": records(flagged[cols]), "loans": records(loans)}
