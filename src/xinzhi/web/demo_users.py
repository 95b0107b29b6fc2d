"""Default accounts of the *demo* workspace only, so a person can log in right after
``scripts/demo.sh``. The passwords are public (documented in docs/web.md and shown on the
demo's login page): never use them, nor this function, on a real workspace."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from xinzhi.access.users import add_user, find_user
from xinzhi.errors import WorkspaceError

if TYPE_CHECKING:
    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

#: username, password, role, region code, display name
DEMO_USERS: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("admin", "demo-admin", "admin", None, "管理员 Administrator"),
    ("sichuan", "demo-sichuan", "province", "510000", "四川省 Sichuan"),
    ("chengdu", "demo-chengdu", "city", "510100", "成都市 Chengdu"),
    ("mianyang", "demo-mianyang", "city", "510700", "绵阳市 Mianyang"),
)


def ensure_demo_users(ws: Workspace) -> list[str]:
    """Create the missing demo accounts; refuses on a workspace not marked as the demo."""
    if not ws.is_demo:
        raise WorkspaceError("demo accounts are only created on the demo workspace")
    made = []
    for username, password, role, region, display in DEMO_USERS:
        if find_user(ws, username) is None:
            add_user(ws, username, password, role=role, region_code=region, display_name=display, by="demo",
                     check_rules=False)  # public demo passwords, demo workspace only
            made.append(username)
    if made:
        logger.info("created demo accounts: %s", ", ".join(made))
    return made


#: the 亩均 rulebook run on the demo when it has no evaluation yet
DEMO_RULEBOOK = "sichuan-parks-2022"


def ensure_demo_evaluation(ws: Workspace) -> str | None:
    """Run the demo's 亩均 evaluation once (latest year), so the enterprise pages have results.

    Calls :func:`xinzhi.evaluation.runs.run_permu`; returns the new run id, or ``None`` when a
    run already exists or the evaluation package is missing.
    """
    if not ws.is_demo:
        raise WorkspaceError("the demo evaluation is only run on the demo workspace")
    if not ws.runs(result_table="evaluation_result").empty:
        return None
    from xinzhi.evaluation.runs import run_permu

    year = ws.table("enterprise_year").year.max().execute()
    run_id, _ = run_permu(ws, DEMO_RULEBOOK, year=int(year))
    logger.info("ran the demo evaluation %s for %s: run %s", DEMO_RULEBOOK, year, run_id)
    return run_id


#: gradient programmes screened on the demo when it has applications and no gradient run yet
DEMO_GRADIENT_PROGRAMS = ("innovative-sme-2022", "zjtx-2022")


def ensure_demo_gradient(ws: Workspace) -> list[str]:
    """Run the gradient screening of :data:`DEMO_GRADIENT_PROGRAMS` once on the demo.

    Runs only when the workspace has ``gradient_application`` rows and no saved
    ``gradient_result`` run; the data year is the latest year of the applications. Calls
    :func:`xinzhi.evaluation.gradient_runs.run_gradient` (new applications, inputs read from the
    workspace table). Returns the new run ids (empty when nothing was run).
    """
    if not ws.is_demo:
        raise WorkspaceError("the demo gradient screening is only run on the demo workspace")
    if not ws.has_data("gradient_application") or not ws.runs(result_table="gradient_result").empty:
        return []
    from xinzhi.evaluation.gradient_runs import run_gradient

    year = int(ws.table("gradient_application").year.max().execute())
    made = []
    for program in DEMO_GRADIENT_PROGRAMS:
        run_id, _ = run_gradient(ws, program, year=year, application="new")
        logger.info("ran the demo gradient screening %s for %s: run %s", program, year, run_id)
        if run_id:
            made.append(run_id)
    return made


#: digital-maturity rulebooks run on the demo when it has answers and no digital run yet
DEMO_DIGITAL_RULEBOOKS = ("digital-manufacturing-2024",)


def ensure_demo_digital(ws: Workspace) -> list[str]:
    """Run the digital-maturity assessment of :data:`DEMO_DIGITAL_RULEBOOKS` once on the demo.

    Runs only when the workspace has ``digital_answer`` rows and no saved ``digital_result`` run
    (latest year of the answers). Calls :func:`xinzhi.evaluation.digital_runs.run_digital`.
    Returns the new run ids (empty when nothing was run).
    """
    if not ws.is_demo:
        raise WorkspaceError("the demo digital assessment is only run on the demo workspace")
    if not ws.has_data("digital_answer") or not ws.runs(result_table="digital_result").empty:
        return []
    from xinzhi.evaluation.digital_runs import run_digital

    made = []
    for rulebook in DEMO_DIGITAL_RULEBOOKS:
        run_id, _ = run_digital(ws, rulebook, save=True)
        logger.info("ran the demo digital assessment %s: run %s", rulebook, run_id)
        if run_id:
            made.append(run_id)
    return made
