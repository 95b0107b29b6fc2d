"""What every dashboard page shares: the region it is about (403 outside the user's scope), the
region picker, and rendering a list of blocks into ``page.html``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response

from xinzhi.access.scope import Scope
from xinzhi.access.users import User
from xinzhi.web.auth import state_of
from xinzhi.web.i18n import label
from xinzhi.web.views.blocks import Block
from xinzhi.web.views.render import lang_of, render


@dataclass
class PageContext:
    """The request's state, the user's scope, the region shown, the query and the language."""

    st: Any
    scope: Scope
    region: str
    params: dict[str, str]
    lang: str

    @property
    def data(self) -> Any:
        return self.st.data

    def t(self, key: str) -> str:
        return label(self.lang, key)

    def rname(self, name: object) -> str:
        """A Chinese region name as this page shows it (``Chengdu 成都市`` in English)."""
        text = "" if name is None else str(name)
        return self.data.region_display(self.lang).get(text, text)

    def rnames(self, names: Any) -> Any:
        """:meth:`rname` over a pandas Series or Index."""
        table = self.data.region_display(self.lang)
        return names.map(lambda n: table.get(str(n), n)) if table else names

    @property
    def unavailable(self) -> str:
        return label(self.lang, "unavailable")


def page_context(request: Request, user: User) -> PageContext:
    """The region of ``?region=`` (default: the user's own), checked against the scope.

    A region that exists but lies outside the user's scope is answered with 403 (无权访问): region
    codes are public, so saying "not yours" leaks nothing; an unknown code is a 404.
    """
    st = state_of(request)
    scope = st.data.scope(user)
    params = dict(request.query_params)
    params.pop("lang", None)
    region = params.get("region") or st.data.default_region(scope)
    if region in st.data.region_names() and not scope.covers_region(region):
        raise HTTPException(status_code=403, detail="forbidden")
    st.data.region(scope, region)
    params["region"] = region
    return PageContext(st, scope, region, params, lang_of(request))


def region_display(lang: str, name: str, name_en: object = None) -> str:
    """A region name for ``lang``: the Chinese name, or in English its English name with the
    Chinese name beside it (no official translation exists for most)."""
    if lang == "zh" or not isinstance(name_en, str) or not name_en:
        return name
    return f"{name_en} {name}"


def region_picker(st: Any, scope: Scope, lang: str) -> list[dict[str, str]]:
    r = st.data.selectable_regions(scope)
    return [{"code": c, "name": region_display(lang, n, e), "level": lv}
            for c, n, e, lv in zip(r["code"], r["name"], r["name_en"], r["level"], strict=True)]


def render_page(request: Request, user: User, page: str, title: str, blocks: list[Block], **extra: Any) -> Response:
    """``page.html`` with ``blocks`` under the region picker and the page's own controls."""
    st = state_of(request)
    scope = st.data.scope(user)
    return render(request, "page.html", {"page": page, "title": title, "blocks": blocks,
                                         "regions": region_picker(st, scope, lang_of(request)), **extra}, user=user)
