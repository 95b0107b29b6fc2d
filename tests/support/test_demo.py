"""The demo shows, for Chengdu: a push list for every measure, a firm with matched measures,
services and resources, a digital-services demand roll-up, an early-warning list with loan
matches (the digital assessment is run as serving the demo runs it)."""

from __future__ import annotations

from xinzhi.support.loader import load_measures
from xinzhi.support.reports import (
    firm_profile,
    in_region,
    loans_report,
    services_report,
    warnings_report,
)
from xinzhi.support.runs import match_workspace, reference_date
from xinzhi.web.demo_users import ensure_demo_digital
from xinzhi.workspace import Workspace


def test_chengdu_support_on_the_demo(demo_ws: Workspace) -> None:
    ensure_demo_digital(demo_ws)
    assert reference_date(demo_ws).isoformat() == "2025-10-31"
    _, rows = match_workspace(demo_ws, save=False)
    ent = demo_ws.to_pandas("enterprise")[["credit_code", "region_code", "park_code"]]
    chengdu = in_region(demo_ws.to_pandas("region"), rows.merge(ent, on="credit_code"), "510100")
    eligible = chengdu[chengdu["status"] == "eligible"].groupby("measure").size()
    measures = [m.id for m in load_measures(on=reference_date(demo_ws))]
    assert len(measures) >= 8
    assert {m: int(eligible.get(m, 0)) for m in measures if eligible.get(m, 0) == 0} == {}

    services = services_report(demo_ws, "510100")
    assert services.demand["firms"].sum() > 0 and services.supply["firms_matched"].sum() > 0

    warnings = warnings_report(demo_ws, "510100", all_levels=True)
    loans = loans_report(demo_ws, "510100", firms=warnings)
    assert (warnings["level"] == "red").sum() > 0
    assert {"difficulty", "project"} <= set(loans["target"])

    # a Chengdu firm with eligible measures, digital-service offers and resources
    offered = set(services.offers["credit_code"])
    candidates = eligible_firms = chengdu[(chengdu["status"] == "eligible")]["credit_code"]
    firm = next(c for c in candidates.value_counts().index if c in offered)
    assert eligible_firms.nunique() > 1000
    p = firm_profile(demo_ws, firm)
    assert (p.matches["status"] == "eligible").any() and len(p.offers) and len(p.resources)
