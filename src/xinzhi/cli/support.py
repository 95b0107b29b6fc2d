"""Support commands: ``xinzhi measures`` (list, show, match), ``xinzhi match FIRM``,
``xinzhi services``, ``xinzhi stage`` and ``xinzhi warnings``; thin adapters over
:mod:`xinzhi.support`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from xinzhi.cli.common import console, open_ws, render_table
from xinzhi.errors import InputError, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

measures_app = typer.Typer(help="Policy measures (政策找企业): list, show, and match them to firms.",
                           no_args_is_help=True)

_DEMO = "[bold yellow]Synthetic demo data[/] — figures are generated, not real statistics. 演示数据为合成数据。"


def _note_if_demo(ws: object) -> None:
    if getattr(ws, "is_demo", False):
        console.print(_DEMO)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date must be YYYY-MM-DD, got {text!r}") from None


def _region_name(ws: object, region: str | None) -> tuple[str | None, str]:
    if region is None:
        return None, "全部地区"
    from xinzhi.regions import resolve_region

    row = resolve_region(ws.to_pandas("region"), region)  # type: ignore[attr-defined]
    return str(row["code"]), str(row["name"])


@measures_app.command("list")
def list_cmd(date: str | None = typer.Option(None, "--date", help="Only measures in force on this day (YYYY-MM-DD).")) -> None:
    """The shipped measures: issuer, document number, period, region and how the source was checked."""
    import pandas as pd

    from xinzhi.support.loader import load_measures

    rows = [{"measure": m.id, "title": m.title, "category": m.category, "number": m.source.number,
             "valid": f"{m.valid.from_} – {m.valid.to or ''}", "region": m.region.name,
             "benefit": m.benefit.label, "source": m.source.confidence}
            for m in load_measures(on=_date(date))]
    render_table(pd.DataFrame(rows), title="Support measures")


@measures_app.command("show")
def show_cmd(measure: str = typer.Argument(..., help="Measure id (see `xinzhi measures list`) or a YAML path.")) -> None:
    """One measure: source and articles, conditions, negative list, benefit, documents, assumptions."""
    import pandas as pd

    from xinzhi.support.loader import load_measure

    m = load_measure(measure)
    console.print(f"[bold]{m.title}[/]  ({m.id} v{m.version}, {m.category})", highlight=False)
    console.print(f"{m.source.issuer}：{m.source.document} {m.source.number}", highlight=False)
    console.print(f"Articles: {m.source.articles}", highlight=False)
    console.print(f"Valid {m.valid.from_} – {m.valid.to or 'open'}; region {m.region.name}; source {m.source.confidence}"
                  f"{'; ' + m.source.url if m.source.url else ''}", highlight=False)
    console.print(f"Checked: {m.source.checked}", highlight=False)
    rows = [{"part": part, "id": c.id, "condition": c.label, "formula": c.when, "basis": c.basis or ""}
            for part, cs in (("eligibility", m.eligibility), ("direct", m.direct), ("negative", m.negative)) for c in cs]
    render_table(pd.DataFrame(rows), title="Conditions")
    console.print(f"Benefit ({m.benefit.kind}): {m.benefit.label} = {m.benefit.formula() or '—'}"
                  f"{f', cap {m.benefit.cap:g} 万元' if m.benefit.cap is not None else ''}"
                  f"{f' (group {m.benefit.group})' if m.benefit.group else ''}", highlight=False)
    if m.benefit.note:
        console.print(f"  {m.benefit.note}", highlight=False)
    console.print("Documents: " + "；".join(m.documents), highlight=False)
    console.print("Assumptions:", highlight=False)
    for a in m.assumptions:
        console.print(f"  - {a}", highlight=False)


@measures_app.command("match")
def match_cmd(
    measures: list[str] = typer.Argument(None, help="Measure ids (default: every measure in force)."),
    region: str | None = typer.Option(None, "--region", "-r", help="Only firms of this region and below (code or name)."),
    year: int | None = typer.Option(None, "--year", "-y", help="Data year (default: the latest)."),
    date: str | None = typer.Option(None, "--date", help="Day the measures must be in force (default: the workspace's reference date)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="One measure: the push list as a bureau workbook (.xlsx); "
                                    "else every row to .csv/.xlsx/.parquet."),
    save: bool = typer.Option(True, "--save/--no-save", help="Store the run in the workspace."),
    top: int = typer.Option(20, help="Push-list rows shown for one measure."),
) -> None:
    """Match firms to measures: per measure the eligible firms with the estimated benefit, the firms
    to confirm and the near misses (with what they lack)."""
    from xinzhi.support.loader import load_measure
    from xinzhi.support.reports import in_region
    from xinzhi.support.runs import match_workspace

    ws = open_ws(create=False)
    chosen = [load_measure(m) for m in measures] if measures else None
    on = _date(date)
    run_id, rows = match_workspace(ws, year=year, on=on, measures=chosen, save=save)
    code, name = _region_name(ws, region)
    ent = ws.to_pandas("enterprise")[["credit_code", "name", "region_code", "park_code", "industry_code"]]
    rows = in_region(ws.to_pandas("region"), rows.merge(ent, on="credit_code", how="left"), code)
    _note_if_demo(ws)
    summary = rows.groupby("measure").agg(
        eligible=("status", lambda s: int((s == "eligible").sum())),
        benefit_wan=("benefit", lambda b: b[rows.loc[b.index, "status"] == "eligible"].sum(min_count=1)),
        to_confirm=("status", lambda s: int((s == "to_confirm").sum())),
        near=("status", lambda s: int((s == "near").sum()))).reset_index()
    summary = summary.rename(columns={"benefit_wan": "benefit (万元)"})
    title = f"Push lists — {name}" + (f" (run {run_id})" if run_id else "")
    render_table(summary, title=title, caption="eligible: 符合; to_confirm: 待核实 (facts missing); near: 差一项")
    if chosen and len(chosen) == 1:
        _push_list(ws, chosen[0], rows, name, year, out, top)
    elif out is not None:
        render_table(rows, out=out)


def _push_list(ws: object, m: object, rows: pd.DataFrame, region_name: str, year: int | None,
               out: Path | None, top: int) -> None:
    import pandas as pd

    from xinzhi.support.exports import push_list_workbook
    from xinzhi.support.reasons import reason
    from xinzhi.support.runs import data_year

    names = ws.to_pandas("region")  # type: ignore[attr-defined]
    rows = rows.assign(region_name=rows["region_code"].map(dict(zip(names["code"], names["name"], strict=True))))
    for status, label in (("eligible", "Eligible 符合"), ("near", "Near misses 差一项")):
        part = rows[rows["status"] == status]
        part = part.sort_values("benefit" if status == "eligible" else "gap", ascending=status != "eligible",
                                na_position="last")
        show = pd.DataFrame({"credit_code": part["credit_code"], "name": part["name"], "region": part["region_name"],
                             "benefit (万元)": part["benefit"],
                             "reason": [reason(m, r, "zh") for r in part.head(top).to_dict("records")]  # type: ignore[arg-type]
                             + [""] * max(0, len(part) - top)})
        render_table(show, title=f"{label} — {m.title}", max_rows=top)  # type: ignore[attr-defined]
    if out is not None:
        if out.suffix.lower() != ".xlsx":
            raise InputError("the push list of one measure is an Excel workbook: give a .xlsx file name")
        push_list_workbook(m, rows, region_name=region_name, year=year or data_year(ws), out=out,  # type: ignore[arg-type]
                           note=ws.get_meta("demo_note") if getattr(ws, "is_demo", False) else None)  # type: ignore[attr-defined]
        console.print(f"Wrote {out}")


def match_firm_cmd(
    firm: str = typer.Argument(..., help="Unified social credit code (or the exact firm name)."),
    year: int | None = typer.Option(None, "--year", "-y"),
    date: str | None = typer.Option(None, "--date", help="Day the measures must be in force."),
    lang: str = typer.Option("", "--lang", help="zh or en (reasons and titles; default: the tables' language, "
                             "XINZHI_LANG)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="The firm's measures as a workbook (.xlsx)."),
) -> None:
    """Every measure for one firm (企业找政策): status, estimated benefit, what it lacks, the total,
    and the smallest change that would unlock the next measure."""
    from xinzhi.cli.common import cli_lang

    lang = lang or cli_lang()
    import pandas as pd

    from xinzhi.support.exports import firm_workbook
    from xinzhi.support.firm import firm_support
    from xinzhi.support.loader import load_measures
    from xinzhi.support.runs import data_year, firm_matches, reference_date

    ws = open_ws(create=False)
    ent = ws.to_pandas("enterprise")
    hit = ent[(ent["credit_code"] == firm.strip().upper()) | (ent["name"] == firm.strip())]
    if hit.empty:
        raise NotFoundError(f"no enterprise {firm!r} in the workspace")
    row = hit.iloc[0]
    on = _date(date) or reference_date(ws)
    measures = {m.id: m for m in load_measures(on=on)}
    y = year or data_year(ws)
    summary = firm_support(firm_matches(ws, str(row["credit_code"]), year=y, on=on, measures=list(measures.values())),
                           measures, lang)
    _note_if_demo(ws)
    console.print(f"[bold]{row['name']}[/] {row['credit_code']} · data year {y} · measures in force on {on}", highlight=False)
    m = summary.measures
    render_table(pd.DataFrame({"measure": m["title"], "status": m["status_label"], "benefit (万元)": m["benefit"],
                               "reason": m["reason"]}), title="Measures")
    console.print(f"Total estimated benefit: {summary.total:,.1f} 万元 (eligible measures; alternatives counted once)",
                  highlight=False)
    if summary.next_unlock is not None:
        n = summary.next_unlock
        console.print(f"Next to unlock: {n['title']} — {n['reason']}", highlight=False)
    if out is not None:
        firm_workbook(row.to_dict(), summary, measures, year=y, out=out,
                      note=ws.get_meta("demo_note") if ws.is_demo else None)
        console.print(f"Wrote {out}")


def services_cmd(
    region: str | None = typer.Argument(None, help="Region code or name (default: every assessed firm)."),
    firm: str | None = typer.Option(None, "--firm", help="One firm's weak items and the solutions for them."),
    year: int | None = typer.Option(None, "--year", "-y", help="Questionnaire year (default: the latest)."),
    lang: str = typer.Option("", "--lang", help="zh or en (default: the tables' language, XINZHI_LANG)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the firm offers to .csv/.xlsx/.parquet."),
) -> None:
    """Digital-transition services: each assessed firm's weakest questionnaire items matched to
    小快轻准 solutions; demand by scene and supply by provider for the region."""
    from xinzhi.cli.common import cli_lang

    lang = lang or cli_lang()
    from xinzhi.support.reports import services_report

    ws = open_ws(create=False)
    rep = services_report(ws, region, year=year, lang=lang)
    _note_if_demo(ws)
    if firm is not None:
        code = firm.strip().upper()
        offers = rep.offers[rep.offers["credit_code"] == code]
        if offers.empty:
            raise NotFoundError(f"{firm} has no questionnaire answers in {rep.year} (or lies outside the region)")
        for line in offers["text"]:
            console.print(f"  {line}", highlight=False)
        matches = rep.matches[rep.matches["credit_code"] == code]
        render_table(matches[["item_label", "choice", "solution", "provider", "price_low", "price_high", "deploy_months",
                              "tags"]].rename(columns={"price_low": "price from (万元)", "price_high": "price to (万元)",
                                                       "deploy_months": "months"}), title="Solutions")
        return
    render_table(rep.demand.rename(columns={"points": "points possible"}), title=f"Demand by scene ({rep.year})")
    render_table(rep.supply.rename(columns={"price_low": "price from (万元)", "price_high": "price to (万元)"}),
                 title="Supply by provider")
    if out is not None:
        render_table(rep.offers, out=out)


def stage_cmd(
    region: str | None = typer.Argument(None, help="Region code or name (default: every firm)."),
    firm: str | None = typer.Option(None, "--firm", help="One firm's stage and the resources matched to it."),
    year: int | None = typer.Option(None, "--year", "-y"),
    lang: str = typer.Option("", "--lang", help="zh or en (default: the tables' language, XINZHI_LANG)."),
    out: Path | None = typer.Option(None, "--out", "-o"),
) -> None:
    """Growth stage 0→1, 1→10, 10→100 by the stage rulebook; with --firm, the matched resources."""
    from xinzhi.cli.common import cli_lang

    lang = lang or cli_lang()
    from xinzhi.support.loader import load_stage_rulebook
    from xinzhi.support.reports import firm_frame, resources_report, stage_report

    ws = open_ws(create=False)
    book = load_stage_rulebook()
    names = {s.id: f"{s.label} {s.name if lang == 'zh' else s.name_en}" for s in book.stages}
    rules = {r.id: (r.label if lang == "zh" else r.label_en) for s in book.stages for r in s.rules}
    _note_if_demo(ws)
    if firm is not None:
        firms = firm_frame(ws, year=year)
        one = firms[firms["credit_code"] == firm.strip().upper()]
        if one.empty:
            raise NotFoundError(f"no enterprise {firm!r} in the data year")
        r = one.iloc[0]
        console.print(f"[bold]{r['name']}[/]: {names[r['stage']]} — {rules.get(r['stage_rule'], '其他' if lang == 'zh' else 'otherwise')}",
                      highlight=False)
        res = resources_report(ws, one, lang=lang)
        render_table(res[["choice", "name", "kind_label", "reason"]], title="Resources")
        return
    frame = stage_report(ws, region, year=year)
    counts = frame.assign(stage=frame["stage"].map(names), rule=frame["stage_rule"].map(rules)).groupby(
        ["stage", "rule"], dropna=False).size().rename("firms").reset_index()
    counts["share"] = counts["firms"] / counts["firms"].sum()
    render_table(counts, title=f"Stages — {book.title}")
    if out is not None:
        render_table(frame, out=out)


def warnings_cmd(
    region: str | None = typer.Argument(None, help="Region code or name (default: every firm)."),
    loans: bool = typer.Option(False, "--loans", help="Also the 银企对接 list: loan products matched to firms in "
                               "difficulty and to firms with a project about to start."),
    year: int | None = typer.Option(None, "--year", "-y"),
    lang: str = typer.Option("", "--lang", help="zh or en (default: the tables' language, XINZHI_LANG)."),
    top: int = typer.Option(30, help="Rows shown."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the warnings (with --loans the loan list; a .xlsx "
                                    "file gets one sheet per loan product)."),
) -> None:
    """Early warning of liquidity difficulty (falls in revenue, tax, electricity, employment, energy;
    rising debt), explained, by the warning rulebook's stated thresholds."""
    from xinzhi.cli.common import cli_lang

    lang = lang or cli_lang()
    from xinzhi.support.reports import loans_report, warnings_report

    ws = open_ws(create=False)
    every = warnings_report(ws, region, year=year, lang=lang, all_levels=True)
    frame = every[every["level"].notna()]
    _note_if_demo(ws)
    counts = frame.groupby("level_label").size().rename("firms").reset_index()
    render_table(counts, title="Early-warning levels")
    show = frame[["credit_code", "name", "score", "level_label", "why", "need"]]
    render_table(show.rename(columns={"need": "revenue lost (万元)"}), title="Firms in difficulty", max_rows=top)
    if loans:
        lst = loans_report(ws, region, year=year, lang=lang, firms=every)
        render_table(lst[["product_id", "bank", "product", "target", "name", "why", "amount"]]
                     .rename(columns={"amount": "suggested (万元)"}), title="银企对接 — loan matches", max_rows=top)
        if out is not None and out.suffix.lower() == ".xlsx":
            from xinzhi.support.exports import loans_workbook

            names = ws.to_pandas("region")
            lst = lst.merge(ws.to_pandas("enterprise")[["credit_code", "region_code"]], on="credit_code", how="left")
            lst["region_name"] = lst["region_code"].map(dict(zip(names["code"], names["name"], strict=True)))
            loans_workbook(lst, region_name=_region_name(ws, region)[1], out=out,
                           note=ws.get_meta("demo_note") if ws.is_demo else None)
            console.print(f"Wrote {out} (one sheet per loan product)")
        elif out is not None:
            render_table(lst, out=out)
    elif out is not None:
        render_table(frame, out=out)


def register(app: typer.Typer) -> None:
    """Add ``measures`` (sub-commands), ``match``, ``services``, ``stage`` and ``warnings``."""
    app.add_typer(measures_app, name="measures")
    app.command("match")(match_firm_cmd)
    app.command("services")(services_cmd)
    app.command("stage")(stage_cmd)
    app.command("warnings")(warnings_cmd)
