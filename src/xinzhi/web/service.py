"""The service functions behind both the pages and the REST API.

Everything a page or an API endpoint shows comes from a method of :class:`WebData`; the
numbers themselves come from the library (:func:`xinzhi.profile.region_profile`, the
analytics, delivery, chains, evaluation and intelligence packages). Enterprise-level rows
always pass through :func:`xinzhi.access.scope.restrict` (and, with a PostgreSQL catalog,
through the row-level security policy first, see :mod:`xinzhi.access.rls`).

Thread safety: pandas frames are built once per snapshot under a per-key lock and shared
read-only. Each server thread reads through its own view of the workspace (:attr:`WebData.ws`:
the same folder, catalog engine and write lock, but its own Ibis/DuckDB connection), so library
calls on different threads run side by side; :attr:`WebData.ibis_lock` is a per-thread lock
kept for callers that take it.
"""

from __future__ import annotations

import copy
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd

from xinzhi.access import rls
from xinzhi.access.scope import Scope, require_region, restrict, scope_for, visible_one
from xinzhi.errors import NotFoundError
from xinzhi.web.cache import SnapshotCache

if TYPE_CHECKING:
    from xinzhi.access.users import User
    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

#: latest-year enterprise figures shown in lists (money 万元, land 亩)
METRICS = ("revenue", "tax", "value_added", "land_mu", "employees")
#: indicators a sub-region map or chart can be coloured by (region_industry_year sums)
SUBREGION_INDICATORS = ("output", "value_added", "revenue", "employment", "enterprises", "investment", "exports")
#: seconds during which snapshot ids read from the catalog are reused
FRESHNESS = 1.0
GRADIENT_TABLE = "gradient_result"
GRADIENT_COLUMNS = ("year", "score", "passed", "explanation")
DIGITAL_TABLE = "digital_result"
DIGITAL_COLUMNS = ("year", "total", "level", "weakest", "to_improve")
EVALUATION_COLUMNS = ("class", "score", "rank", "cohort_label", "reasons", "surcharge")
#: columns of the enterprise list (pages, API, exports), in this order when present
LIST_COLUMNS = ["credit_code", "name", "region_code", "region_name", "park_code", "park_name",
                "industry_code", "industry_name", "size_class", "above_scale", "year", "revenue", "tax",
                "value_added", "land_mu", "employees", "class", "score", "rank"]


#: list columns sorted A→Z by default (the others largest first)
TEXT_SORTS = ("name", "credit_code", "region_name", "park_name", "industry_code", "industry_name", "class",
              "size_class", "rank")
#: the class filter value of enterprises without an evaluation class (不参评)
NOT_EVALUATED = "none"


@dataclass
class EnterpriseFilter:
    """Filters of the enterprise list (all optional)."""

    park: str | None = None
    region: str | None = None
    industry: str | None = None
    klass: str | None = None
    q: str | None = None
    above_scale: bool | None = None

    def active(self) -> bool:
        return bool(any((self.park, self.region, self.industry, self.klass, self.q)) or self.above_scale is not None)

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean array: which rows of ``frame`` pass every filter that is set."""
        m = np.ones(len(frame), dtype=bool)
        if self.park:
            m &= (frame["park_code"] == self.park).fillna(False).to_numpy(dtype=bool)
        if self.region:
            m &= frame["region_code"].str.startswith(self.region.rstrip("0") or self.region).fillna(False).to_numpy(dtype=bool)
        if self.industry:
            ind = self.industry.strip()
            hit = frame["industry_code"].str.startswith(ind).fillna(False)
            if "industry_name" in frame and not ind.isascii():  # a name or part of one: 锂离子电池
                hit = hit | frame["industry_name"].str.contains(ind, regex=False, na=False)
            m &= hit.to_numpy(dtype=bool)
        if self.klass == NOT_EVALUATED:
            if "class" in frame:
                m &= frame["class"].isna().to_numpy(dtype=bool)
        elif self.klass:
            m &= (frame["class"] == self.klass).fillna(False).to_numpy(dtype=bool) if "class" in frame else False
        if self.q:
            q = self.q.strip()
            hit = frame["name"].str.contains(q, regex=False, na=False) | (frame["credit_code"] == q.upper())
            m &= hit.fillna(False).to_numpy(dtype=bool)
        if self.above_scale is not None:
            m &= (frame["above_scale"].fillna(False) == self.above_scale).fillna(False).to_numpy(dtype=bool)
        return m

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        if not self.active():
            return frame
        return frame[self.mask(frame)]


@dataclass(frozen=True)
class ScopedList:
    """The enterprises one scope may see, sorted by latest revenue, with each row's list
    columns already encoded as a JSON object (built once per scope and snapshot)."""

    frame: pd.DataFrame
    json_rows: np.ndarray  # object array of str, aligned with ``frame``


@dataclass
class Page:
    """One page of rows and the total count."""

    total: int
    rows: pd.DataFrame
    page: int
    page_size: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


class _ThreadLocal(threading.local):
    """What each server thread keeps for itself: its view of the workspace and its lock."""

    def __init__(self) -> None:
        self.ws: Workspace | None = None
        self.lock = threading.RLock()


def reader(ws: Workspace) -> Workspace:
    """A view of ``ws`` for one thread: the same folder, catalog engine and write lock, with its
    own Ibis/DuckDB connection and views (a DuckDB connection must not be used by two threads at
    once; the shared one made every request queue behind one lock)."""
    view = copy.copy(ws)
    view._ibis = None
    view._views = {}
    return view


class WebData:
    """Scoped read access to one workspace for the web application."""

    def __init__(self, ws: Workspace):
        self.base = ws
        self._local = _ThreadLocal()
        self.cache = SnapshotCache()
        self.postgres = rls.is_postgres(ws)
        self._fresh_lock = threading.Lock()
        self._current: tuple[float, dict[str, str]] | None = None
        self._run: tuple[str | None] | None = None
        self._demo: tuple[float, str | None] | None = None
        self._grad: tuple[tuple[str, str], ...] | None = None
        self._dig: tuple[tuple[str, str], ...] | None = None
        self._mirror_lock = threading.Lock()
        self._rls_lock = threading.Lock()
        self._rls_answers: dict[str, tuple[float, tuple[str, ...], list[str]]] = {}
        self._rls_masks: dict[str, tuple[tuple[Any, ...], np.ndarray]] = {}
        self._mirrored: tuple[str, ...] | None = None
        if self.postgres:
            rls.sync_mirror(ws)

    @property
    def ws(self) -> Workspace:
        """This thread's view of the workspace (:func:`reader`)."""
        view = self._local.ws
        if view is None:
            view = self._local.ws = reader(self.base)
        return view

    @property
    def ibis_lock(self) -> threading.RLock:
        """A lock of this thread only: each thread has its own DuckDB connection, so nothing
        needs to wait for another thread (kept for callers written when the connection was
        shared)."""
        return self._local.lock  # type: ignore[no-any-return]

    # ------------------------------------------------------------ versions and regions
    def _current_map(self) -> dict[str, str]:
        """Current snapshot id of every table, read with one catalog query at most once per
        :data:`FRESHNESS` seconds (an import is visible to the next requests within that time)."""
        now = time.monotonic()
        with self._fresh_lock:
            if self._current is None or now - self._current[0] > FRESHNESS:
                import sqlalchemy as sa

                from xinzhi.workspace import catalog as cat

                with self.ws.engine.connect() as conn:
                    rows = conn.execute(sa.select(cat.current_snapshot.c.table_name,
                                                  cat.current_snapshot.c.snapshot_id)).all()
                self._current = (now, {str(t): str(i) for t, i in rows})
                self._run = None
                self._grad = None
                self._dig = None
            return self._current[1]

    def data_version(self) -> tuple[Any, ...]:
        """Everything a page's data depend on: the current snapshot id of every table and the
        latest evaluation, gradient and digital runs, and today's date (delivery pages judge
        deadlines against it): the key of a kept page (:mod:`xinzhi.web.page_cache`) or API table."""
        return (tuple(sorted(self._current_map().items())), self.evaluation_run(), self.gradient_runs(),
                self.digital_runs(), date.today().isoformat())

    def demo_note(self) -> str | None:
        """The demo note when the workspace is the synthetic demo, else ``None`` (catalog read
        at most once per :data:`FRESHNESS` seconds, like the snapshot ids)."""
        now = time.monotonic()
        with self._fresh_lock:
            if self._demo is None or now - self._demo[0] > FRESHNESS:
                self._demo = (now, (self.ws.get_meta("demo_note") or "") if self.ws.is_demo else None)
            return self._demo[1]

    @property
    def is_demo(self) -> bool:
        """True on the synthetic demo workspace (everything shown from it says so)."""
        return self.demo_note() is not None

    def version(self, *tables: str) -> tuple[str, ...]:
        """Snapshot ids of ``tables`` (the cache key of anything built from them)."""
        current = self._current_map()
        return tuple(current.get(t, "-") for t in tables)

    def evaluation_run(self) -> str | None:
        """Id of the latest 亩均 evaluation run (refreshed like the snapshot ids)."""
        self._current_map()
        with self._fresh_lock:
            if self._run is None:
                self._run = (self._latest_evaluation_run(),)
            return self._run[0]

    def gradient_runs(self) -> tuple[tuple[str, str], ...]:
        """``(run id, rulebook id)`` of the latest saved gradient run of each rulebook, newest
        first (refreshed like the snapshot ids)."""
        self._current_map()
        with self._fresh_lock:
            if self._grad is None:
                self._grad = self._latest_runs(GRADIENT_TABLE)
            return self._grad

    def digital_runs(self) -> tuple[tuple[str, str], ...]:
        """``(run id, rulebook id)`` of the latest saved digital-maturity run of each rulebook,
        newest first (refreshed like the snapshot ids)."""
        self._current_map()
        with self._fresh_lock:
            if self._dig is None:
                self._dig = self._latest_runs(DIGITAL_TABLE)
            return self._dig

    def _latest_runs(self, result_table: str) -> tuple[tuple[str, str], ...]:
        runs = self.ws.runs(result_table=result_table)
        latest = runs.drop_duplicates("name") if not runs.empty else runs
        return tuple((str(i), str(n)) for i, n in zip(latest.get("id", []), latest.get("name", []), strict=True))

    def _latest_evaluation_run(self) -> str | None:
        runs = self.ws.runs(result_table="evaluation_result")
        if runs.empty:
            return None
        permu = runs[runs["params"].map(lambda p: isinstance(p, dict) and p.get("program", "permu") == "permu")]
        return str((permu if len(permu) else runs)["id"].iloc[0])

    def regions(self) -> pd.DataFrame:
        return self.cache.get(("regions", *self.version("region")), lambda: self.ws.to_pandas("region"))

    def region_display(self, lang: str) -> dict[str, str]:
        """Chinese region names as a page in ``lang`` shows them: unchanged in Chinese, the
        English name first with the Chinese one beside it in English (``Chengdu 成都市``)."""
        if lang == "zh":
            return {}

        def build() -> dict[str, str]:
            r = self.regions()
            return {str(n): (f"{e} {n}" if isinstance(e, str) and e else str(n))
                    for n, e in zip(r["name"], r["name_en"], strict=True)}

        return self.cache.get(("region-display", lang, *self.version("region")), build)

    def region_names(self) -> dict[str, str]:
        def build() -> dict[str, str]:
            r = self.regions()
            return dict(zip(r["code"], r["name"], strict=True))

        return self.cache.get(("region-names", *self.version("region")), build)

    def subregion_owner(self, region: str) -> dict[str, str]:
        """Every region below ``region`` mapped to the direct sub-region (city or county) it lies
        in (the sub-regions map to themselves)."""
        def build() -> dict[str, str]:
            from xinzhi.regions import descendants

            r = self.regions()
            kids = r[(r["parent_code"] == region) & r["level"].isin(["province", "city", "county"])]
            below = descendants(r, region, include_self=False)
            parent = dict(zip(below["code"], below["parent_code"], strict=True))
            owner: dict[str, str] = {}
            kid_set = set(kids["code"])
            for code in below["code"]:
                c = code
                while c not in kid_set and c in parent:
                    c = parent[c]
                if c in kid_set:
                    owner[str(code)] = str(c)
            return owner

        return self.cache.get(("owner", region, *self.version("region")), build)

    def industry_names(self) -> dict[str, str]:
        """GB/T 4754 names by code (the workspace's ``industry`` table)."""
        def build() -> dict[str, str]:
            ind = self.ws.to_pandas("industry")
            return dict(zip(ind["code"].astype(str), ind["name"], strict=True))

        return self.cache.get(("industry-names", *self.version("industry")), build)

    def indicator_catalog(self) -> pd.DataFrame:
        """The ``indicator`` table (names and units of delivery indicators)."""
        return self.cache.get(("indicators", *self.version("indicator")), lambda: self.ws.to_pandas("indicator"))

    def with_units(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with the ``unit`` of its ``indicator`` from the catalog (targets, league
        tables: their values are in the indicator's own unit)."""
        if "indicator" not in frame or "unit" in frame:
            return frame
        cat = self.indicator_catalog()
        units = dict(zip(cat["code"], cat["unit"], strict=True)) if len(cat) else {}
        return frame.assign(unit=frame["indicator"].map(units))

    def documents(self) -> pd.DataFrame:
        """Titles and publication dates of the stored documents (provenance of news facts)."""
        def build() -> pd.DataFrame:
            if not self.ws.has_data("document"):
                return pd.DataFrame(columns=["document_id", "title", "published", "language"])
            return self.ws.to_pandas("document")[["document_id", "title", "published", "language"]]

        return self.cache.get(("documents", *self.version("document")), build)

    def user(self, username: str) -> User | None:
        """The account ``username`` (re-read at most once per :data:`FRESHNESS` seconds)."""
        from xinzhi.access.users import find_user

        bucket = int(time.monotonic() / FRESHNESS)
        return self.cache.get(("user", username, bucket), lambda: find_user(self.ws, username))

    def scope(self, user: User) -> Scope:
        return self.cache.get(("scope", user.role, user.region_code, *self.version("region")),
                              lambda: scope_for(user, self.regions()))

    def region(self, scope: Scope, code: str) -> pd.Series:
        """The region row ``code`` if it lies in ``scope`` (else :class:`NotFoundError`)."""
        require_region(scope, code)
        rows = self.cache.get(("region-rows", *self.version("region")),
                              lambda: {str(c): row for c, row in self.regions().set_index("code", drop=False).iterrows()})
        if code not in rows:
            raise NotFoundError("not found")
        return rows[code]

    def default_region(self, scope: Scope) -> str:
        """The scope's root region, or for an administrator the region with most statistics."""
        if scope.region_code:
            return scope.region_code
        riy = self.ws.to_pandas("region_industry_year") if self.ws.has_data("region_industry_year") else None
        r = self.regions()
        if riy is not None and len(riy):
            prov = riy["region_code"].str[:2].mode().iloc[0] + "0000"
            if (r["code"] == prov).any():
                return str(prov)
        return str(r[r["level"] == "province"]["code"].min())

    def selectable_regions(self, scope: Scope) -> pd.DataFrame:
        """Provinces, cities and counties inside ``scope`` (for region pickers; cached per scope and
        snapshot, read only)."""
        def build() -> pd.DataFrame:
            r = self.regions()
            r = r[r["level"].isin(["province", "city", "county"])]
            if not scope.unrestricted:
                r = r[r["code"].isin(scope.codes or ())]
            elif self.ws.has_data("region_industry_year"):
                prov = self.default_region(scope)[:2]
                r = r[(r["level"] == "province") | (r["code"].str[:2] == prov)]
            return r.sort_values("code")[["code", "name", "name_en", "level", "parent_code"]]

        key = ("selectable", scope.unrestricted, scope.region_code, scope.codes,
               *self.version("region", "region_industry_year"))
        frame: pd.DataFrame = self.cache.get(key, build)
        return frame

    def parks(self, scope: Scope) -> pd.DataFrame:
        parks = self.cache.get(("parks", *self.version("park")), lambda: self.ws.to_pandas("park"))
        if scope.unrestricted:
            return parks
        return parks[parks["code"].isin(scope.codes or ()) | parks["region_code"].isin(scope.codes or ())]

    # ------------------------------------------------------------ overview
    def overview(self, scope: Scope, region: str) -> dict[str, Any]:
        """Region profile (indicators by year, top industries, counts) of a region in scope."""
        row = self.region(scope, region)
        key = ("overview", region, *self.version("region", "enterprise", "enterprise_year", "region_industry_year"))
        return self.cache.get(key, lambda: self._overview(str(row["code"])))

    def _overview(self, code: str) -> dict[str, Any]:
        from xinzhi.profile import region_profile

        with self.ibis_lock:
            prof = region_profile(self.ws, code)
        totals = prof.enterprise_totals.copy()
        return {
            "code": prof.code, "name": prof.name, "level": prof.level, "synthetic": prof.synthetic,
            "counts": prof.counts, "totals": totals, "top_industries": prof.top_industries.copy(),
        }

    def subregion_values(self, scope: Scope, region: str, indicator: str, year: int | None = None) -> pd.DataFrame:
        """``indicator`` summed over each direct sub-region of ``region`` (its whole subtree).

        Columns: ``code``, ``name``, ``year``, ``value``. Empty when there are no statistics.
        """
        if indicator not in SUBREGION_INDICATORS:
            raise NotFoundError("not found")
        self.region(scope, region)
        key = ("sub", region, indicator, year, *self.version("region", "region_industry_year"))
        return self.cache.get(key, lambda: self._subregion_values(region, indicator, year))

    def _subregion_values(self, region: str, indicator: str, year: int | None) -> pd.DataFrame:
        r = self.regions()
        children = r[(r["parent_code"] == region) & r["level"].isin(["province", "city", "county"])]
        owner = self.subregion_owner(region)
        path = self.ws.snapshot_path("region_industry_year")
        cols = ["code", "name", "year", "value"]
        if path is None or not owner:
            return pd.DataFrame(columns=cols)
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            frame = con.execute(
                f'SELECT region_code, year, sum("{indicator}") AS value '
                f"FROM read_parquet(?) WHERE region_code IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL",
                [str(path), list(owner)],
            ).df()
        if frame.empty:
            return pd.DataFrame(columns=cols)
        y = int(year if year is not None else frame["year"].max())
        frame = frame[frame["year"] == y]
        frame["code"] = frame["region_code"].map(owner)
        out = frame.groupby("code", as_index=False)["value"].sum()
        out = children[["code", "name"]].merge(out, on="code", how="left")
        out.insert(2, "year", y)
        return out.sort_values("value", ascending=False).reset_index(drop=True)[cols]

    # ------------------------------------------------------------ enterprises
    def enterprise_base(self) -> pd.DataFrame:
        """Every enterprise with names, latest-year figures and the latest evaluation (unscoped).

        Never served as is: callers go through :meth:`scoped_enterprises`.
        """
        key = ("ent", *self.version("enterprise", "enterprise_year", "region", "park"), self.evaluation_run())
        return self.cache.get(key, self._enterprise_base)

    def _enterprise_base(self) -> pd.DataFrame:
        ent = self.ws.to_pandas("enterprise")
        names = self.region_names()
        ent["region_name"] = ent["region_code"].map(names)
        ent["industry_name"] = ent["industry_code"].map(self.industry_names())
        parks = self.ws.to_pandas("park")
        ent["park_name"] = ent["park_code"].map(dict(zip(parks["code"], parks["name"], strict=True)))
        path = self.ws.snapshot_path("enterprise_year")
        if path is not None:
            with duckdb.connect() as con:
                con.execute("SET enable_progress_bar = false")
                latest = con.execute(
                    f"SELECT credit_code, year, {', '.join(METRICS)} FROM read_parquet(?) "
                    "QUALIFY row_number() OVER (PARTITION BY credit_code ORDER BY year DESC) = 1",
                    [str(path)],
                ).df()
            ent = ent.merge(latest, on="credit_code", how="left")
        run = self.evaluation_run()
        if run is not None:
            res = pd.read_parquet(self.ws.result_path("evaluation_result", run))
            keep = ["credit_code", *[c for c in EVALUATION_COLUMNS if c in res.columns]]
            if "year" in res:
                res = res.sort_values("year").drop_duplicates("credit_code", keep="last")
            ent = ent.merge(res[keep], on="credit_code", how="left")
        if "revenue" in ent:
            ent = ent.sort_values("revenue", ascending=False, na_position="last", kind="stable")
        return ent.reset_index(drop=True)

    def _list_key(self) -> tuple[str | None, ...]:
        return (*self.version("enterprise", "enterprise_year", "region", "park"), self.evaluation_run())

    def scoped_list(self, scope: Scope) -> ScopedList:
        """The application-checked enterprise list of ``scope`` (:func:`restrict`), cached per
        scope and snapshot. Callers on a PostgreSQL catalog intersect it with the RLS rows."""
        def build() -> ScopedList:
            frame = restrict(scope, self.enterprise_base()).reset_index(drop=True)
            cols = [c for c in LIST_COLUMNS if c in frame]
            text = frame[cols].to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
            rows = np.array(text.splitlines() if len(frame) else [], dtype=object)
            return ScopedList(frame, rows)

        return self.cache.get(("scoped", scope.region_code, *self._list_key()), build)

    def _rls_mask(self, scope: Scope, frame: pd.DataFrame) -> np.ndarray:
        """Rows of ``frame`` the PostgreSQL row-level security policy lets ``scope`` read (the
        policy's query runs for every call; the mirror is brought up to date when the enterprise
        snapshot has changed since it was last checked)."""
        asked, codes = self._rls_codes(scope)
        key = (asked, len(frame), self._list_key())
        with self._rls_lock:
            hit = self._rls_masks.get(rls.scope_setting(scope))
        if hit is not None and hit[0] == key:
            return hit[1]
        allowed = frozenset(codes)
        mask = np.fromiter((c in allowed for c in frame["credit_code"].tolist()), dtype=bool, count=len(frame))
        with self._rls_lock:
            self._rls_masks[rls.scope_setting(scope)] = (key, mask)
        return mask

    def _rls_codes(self, scope: Scope) -> tuple[float, list[str]]:
        """The credit codes the policy lets ``scope`` read, asked of PostgreSQL at most once per
        :data:`FRESHNESS` seconds per scope and enterprise snapshot (the answer of a policy on
        an unchanged mirror is the same; twenty clients asking it for every request of 50,000
        rows spent most of the server's time reading them)."""
        self._sync_mirror()
        key = (rls.scope_setting(scope), self.version("enterprise"))
        now = time.monotonic()
        with self._rls_lock:
            hit = self._rls_answers.get(key[0])
            if hit is not None and hit[1] == key[1] and now - hit[0] <= FRESHNESS:
                return hit[0], hit[2]
        codes = rls.scoped_codes(self.ws, scope)
        with self._rls_lock:
            self._rls_answers[key[0]] = (now, key[1], codes)
        return now, codes

    def _sync_mirror(self) -> None:
        snap = self.version("enterprise")
        if self._mirrored != snap:
            with self._mirror_lock:
                if self._mirrored != snap:
                    rls.sync_mirror(self.ws)
                    self._mirrored = snap

    def scoped_enterprises(self, scope: Scope) -> pd.DataFrame:
        """The enterprise rows ``scope`` may see (the only way the web reads enterprises).

        With a PostgreSQL catalog the visible credit codes come first from the RLS-guarded
        mirror; the application's own check (:func:`restrict`) runs on every catalog.
        """
        frame = self.scoped_list(scope).frame
        if self.postgres:
            return frame[self._rls_mask(scope, frame)]
        return frame

    def _positions(self, scope: Scope, flt: EnterpriseFilter, sort: str) -> tuple[np.ndarray, dict[str, int]]:
        """Row positions (into :meth:`scoped_list`) of the filtered, sorted list, and the count
        of each evaluation class among them. Cached per scope, filter, sort and snapshot, except
        on PostgreSQL, where the row-level security query runs for every request."""
        def build(extra: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, int]]:
            frame = self.scoped_list(scope).frame
            m = flt.mask(frame)
            if extra is not None:
                m &= extra
            pos = np.flatnonzero(m)
            col, _, direction = sort.partition(":")
            if sort != "revenue" and col in frame.columns and len(pos):
                asc = direction == "asc" if direction else col in TEXT_SORTS
                ordered = frame[col].iloc[pos].sort_values(ascending=asc, na_position="last", kind="stable")
                pos = ordered.index.to_numpy()
            counts: dict[str, int] = {}
            if "class" in frame:
                cls = frame["class"].iloc[pos]
                counts = {str(k): int(v) for k, v in cls.value_counts().items()}
                if cls.isna().any():
                    counts[NOT_EVALUATED] = int(cls.isna().sum())
            return pos, counts

        if self.postgres:
            return build(self._rls_mask(scope, self.scoped_list(scope).frame))
        key = ("list", scope.region_code, astuple(flt), sort, *self._list_key())
        return self.cache.get(key, build)

    @staticmethod
    def _window(total: int, page: int, page_size: int) -> tuple[int, int, slice]:
        page_size = max(1, min(page_size, 1000))
        page = max(1, page)
        return page, page_size, slice((page - 1) * page_size, page * page_size)

    def enterprises(self, scope: Scope, flt: EnterpriseFilter, *, page: int = 1, page_size: int = 50,
                    sort: str = "revenue") -> Page:
        """One page of the filtered enterprise list of ``scope`` (at most 1000 rows a page), sorted
        by ``sort``: a column, largest first (A→Z for :data:`TEXT_SORTS`), or ``column:asc`` /
        ``column:desc``."""
        pos, counts = self._positions(scope, flt, sort)
        page, page_size, window = self._window(len(pos), page, page_size)
        part = self.scoped_list(scope).frame.iloc[pos[window]]
        return Page(len(pos), part.reset_index(drop=True), page, page_size, {"class_counts": counts})

    def enterprises_json(self, scope: Scope, flt: EnterpriseFilter, *, page: int = 1, page_size: int = 50,
                         sort: str = "revenue") -> str:
        """The same page as :meth:`enterprises` as the API's JSON document
        (``total``, ``page``, ``page_size``, ``synthetic_data``, ``items``), assembled from the
        rows encoded once per scope and snapshot."""
        pos, _ = self._positions(scope, flt, sort)
        page, page_size, window = self._window(len(pos), page, page_size)
        items = ",".join(self.scoped_list(scope).json_rows[pos[window]])
        demo = "true" if self.is_demo else "false"
        return (f'{{"total":{len(pos)},"page":{page},"page_size":{page_size},'
                f'"synthetic_data":{demo},"items":[{items}]}}')

    def rows_json(self, frame: pd.DataFrame) -> str:
        """``{"synthetic_data": …, "rows": […]}`` of ``frame`` as JSON text, written by pandas'
        JSON writer (NaN → null, timestamps → ISO text, as :func:`xinzhi.web.views.blocks.records`)."""
        rows = frame.to_json(orient="records", date_format="iso", force_ascii=False)
        return f'{{"synthetic_data":{"true" if self.is_demo else "false"},"rows":{rows}}}'

    def enterprise_export(self, scope: Scope, flt: EnterpriseFilter) -> pd.DataFrame:
        return flt.apply(self.scoped_enterprises(scope)).reset_index(drop=True)

    def enterprise(self, scope: Scope, credit_code: str) -> dict[str, Any]:
        """One enterprise in scope: its row, its years and its latest evaluation.

        Raises :class:`NotFoundError` ("not found") alike for a missing enterprise and for one
        outside the scope. The years and evaluation rows come from frames read once per snapshot
        and run and grouped by credit code (:meth:`_by_code`), so a request reads no file.
        """
        code = credit_code.strip().upper()
        row = self.enterprise_row(scope, code)
        years = pd.DataFrame()
        path = self.ws.snapshot_path("enterprise_year")
        if path is not None:
            years = self._rows_of(("years", *self.version("enterprise_year")),
                                  lambda: self._read_parquet(path), code).sort_values("year", kind="stable")
        evaluation = self._evaluation_of(code)
        return {"row": row, "years": years.reset_index(drop=True), "evaluation": evaluation,
                "explanation": self._explain(code), "gradient": self._gradient_of(code),
                "digital": self._digital_of(code)}

    def enterprise_row(self, scope: Scope, credit_code: str) -> pd.Series:
        """The row of :meth:`enterprise_base` of one enterprise in scope (on PostgreSQL, also
        visible through row-level security); :class:`NotFoundError` ("not found") alike for a
        missing enterprise and for one outside the scope."""
        code = credit_code.strip().upper()
        if self.postgres:
            allowed = rls.scoped_rows(self.ws, scope, credit_code=code)
            if allowed.empty:
                raise NotFoundError("not found")
        base = self.enterprise_base()
        pos = self._base_positions().get(code)
        return visible_one(scope, base.iloc[pos:pos + 1] if pos is not None else base.iloc[0:0], code)

    def _base_positions(self) -> dict[str, int]:
        """Row position of each credit code in :meth:`enterprise_base` (built with it)."""
        def build() -> dict[str, int]:
            codes = self.enterprise_base()["credit_code"]
            return {str(c): i for i, c in enumerate(codes)}

        return self.cache.get(("ent-positions", *self._list_key()), build)

    @staticmethod
    def _read_parquet(path: object) -> pd.DataFrame:
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            return con.execute("SELECT * FROM read_parquet(?)", [str(path)]).df()

    def _by_code(self, key: tuple[Any, ...], read: Callable[[], pd.DataFrame]) -> tuple[pd.DataFrame, dict[str, slice]]:
        """The frame ``read`` returns, sorted by credit code (stable: a firm's rows keep their
        stored order), and the slice of each credit code's rows; cached under ``key``."""
        from xinzhi.support.reports import by_credit_code

        return self.cache.get(key, lambda: by_credit_code(read()))

    def _rows_of(self, key: tuple[Any, ...], read: Callable[[], pd.DataFrame], code: str) -> pd.DataFrame:
        frame, where = self._by_code(key, read)
        part = where.get(code)
        return frame.iloc[part] if part is not None else frame.iloc[0:0]

    def _explain(self, code: str) -> list[str]:
        """Why the enterprise got its 亩均 class (:func:`xinzhi.evaluation.explain.explain_result`
        on its first row of the latest evaluation run, the row
        :func:`~xinzhi.evaluation.explain.explain_saved` explains; gradient status comes from
        :meth:`_gradient_of`)."""
        run = self.evaluation_run()
        if run is None:
            return []
        from xinzhi.evaluation.explain import explain_result

        rows = self._rows_of(("explain-rows", run), lambda: self.ws.result("evaluation_result", run).to_pandas(), code)
        if rows.empty:
            return []
        book = self._rulebook(self._run_name(run))
        return [str(x) for x in explain_result(rows.iloc[0].to_dict(), book, run_id=run)]

    def _run_name(self, run: str) -> str:
        """The rulebook id a saved run was made with."""
        def build() -> str:
            runs = self.ws.runs()
            return str(runs[runs["id"] == run]["name"].iloc[0])

        return self.cache.get(("run-name", run), build)

    def _rulebook(self, name: str) -> Any:
        from xinzhi.evaluation.loader import load_rulebook

        return self.cache.get(("rulebook", name), lambda: load_rulebook(name))

    def _gradient_of(self, code: str) -> pd.DataFrame:
        """Gradient-cultivation status of one enterprise in the latest run of each programme:
        ``program`` (title), ``rulebook``, ``run_id``, ``year``, ``score``, ``passed`` and
        ``explanation`` (the saved reasons, one line per indicator or condition). Empty when no
        gradient run exists or the enterprise was not screened."""
        out = self._results_of(code, GRADIENT_TABLE, self.gradient_runs(), GRADIENT_COLUMNS)
        if "explanation" in out:
            out["explanation"] = out["explanation"].map(
                lambda t: [x.strip() for x in str(t).split(" | ") if x.strip()] if isinstance(t, str) else [])
        return out

    def _digital_of(self, code: str) -> pd.DataFrame:
        """Digital maturity of one enterprise in the latest run of each rulebook: ``program``
        (title), ``rulebook``, ``run_id``, ``year``, ``total``, ``level``, ``weakest`` and
        ``to_improve`` when the run scored answers. Empty when no run exists or the enterprise was
        not assessed."""
        return self._results_of(code, DIGITAL_TABLE, self.digital_runs(), DIGITAL_COLUMNS)

    def _results_of(self, code: str, result_table: str, runs: tuple[tuple[str, str], ...],
                    columns: tuple[str, ...]) -> pd.DataFrame:
        """One row per run in ``runs`` that holds ``code``: the rulebook's title (``program``),
        ``rulebook``, ``run_id`` and the run's ``columns``."""
        rows = []
        for run_id, rulebook in runs:
            frame = self.cache.get((result_table, run_id), partial(self._result_frame, result_table, run_id, columns))
            if code in frame.index:
                r = frame.loc[code]
                rows.append({"program": self._rulebook_title(rulebook), "rulebook": rulebook, "run_id": run_id,
                             **{c: r[c] for c in columns if c in frame.columns}})
        return pd.DataFrame(rows)

    def _result_frame(self, result_table: str, run_id: str, columns: tuple[str, ...]) -> pd.DataFrame:
        """A saved run's ``columns`` by credit code (the latest year when a firm has several)."""
        res = pd.read_parquet(self.ws.result_path(result_table, run_id))
        res = res[["credit_code", *[c for c in columns if c in res.columns]]]
        if "year" in res:
            res = res.sort_values("year").drop_duplicates("credit_code", keep="last")
        return res.set_index("credit_code")

    def rulebook(self, name: str) -> Any:
        """The shipped rulebook ``name`` (loaded once), or None when it is gone since a run used it."""
        def build() -> Any:
            try:
                from xinzhi.evaluation.loader import load_rulebook

                return load_rulebook(name)
            except Exception:  # a rulebook file removed since the run
                return None

        return self.cache.get(("rulebook", name), build)

    def _rulebook_title(self, rulebook: str) -> str:
        book = self.rulebook(rulebook)
        return rulebook if book is None else str(getattr(book, "title", rulebook))  # its id once it is gone

    def result_row(self, result_table: str, run_id: str, code: str) -> dict[str, Any] | None:
        """One enterprise's stored row of a saved run (its latest year), every column; None when
        the run does not hold it."""
        path = self.ws.result_path(result_table, run_id)
        rows = self._rows_of(("result-rows", result_table, run_id), lambda: pd.read_parquet(path), code)
        if rows.empty:
            return None
        if "year" in rows:
            rows = rows.sort_values("year", kind="stable")
        return dict(rows.iloc[-1].to_dict())

    def _evaluation_of(self, code: str) -> pd.DataFrame:
        """The enterprise's rows of the latest evaluation run, by year."""
        run = self.evaluation_run()
        if run is None:
            return pd.DataFrame()
        path = self.ws.result_path("evaluation_result", run)
        rows = self._rows_of(("evaluation-rows", run), lambda: self._read_parquet(path), code)
        if "year" in rows:
            rows = rows.sort_values("year", kind="stable")
        return rows.reset_index(drop=True)

    def search(self, scope: Scope, q: str, *, limit: int = 20) -> dict[str, pd.DataFrame]:
        """Enterprises (in scope) and regions (in scope) whose name or code matches ``q``."""
        q = q.strip()
        if not q:
            return {"enterprises": pd.DataFrame(), "regions": pd.DataFrame()}
        frame = self.scoped_enterprises(scope)
        ent = frame.iloc[np.flatnonzero(EnterpriseFilter(q=q).mask(frame))[:limit]]  # the first matches only
        reg = self.selectable_regions(scope)
        reg = reg[reg["name"].str.contains(q, regex=False, na=False) | (reg["code"] == q)].head(limit)
        return {"enterprises": ent[["credit_code", "name", "region_code", "region_name", "industry_code"]],
                "regions": reg}
