"""The glossary page: what every derived figure means (the tooltips of table headers link here)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xinzhi.access.users import User
from xinzhi.web.auth import page_user
from xinzhi.web.glossary import GLOSSARY
from xinzhi.web.i18n import label
from xinzhi.web.views.render import lang_of, render

router = APIRouter(include_in_schema=False)


@router.get("/glossary")
def glossary(request: Request, user: User = Depends(page_user)) -> Response:
    lang = lang_of(request)
    entries = [(k, e.zh if lang == "zh" else e.en, e.text_zh if lang == "zh" else e.text_en) for k, e in GLOSSARY.items()]
    return render(request, "glossary.html", {"page": "glossary", "title": label(lang, "glossary"), "entries": entries},
                  user=user)
