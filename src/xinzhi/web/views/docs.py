"""``/api/docs``: Swagger UI served from the installed ``swagger-ui-bundle-v2`` package (Swagger UI 5, Apache-2.0),
so the API documentation works offline and the page makes no request off the machine."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

#: the Swagger UI files the page loads
ASSETS = {"swagger-ui-bundle.js": "application/javascript", "swagger-ui.css": "text/css",
          "favicon-32x32.png": "image/png"}


def _assets() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


@router.get("/api/docs")
def api_docs() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="Xinzhi API",
                               swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                               swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png",
                               swagger_ui_parameters={"syntaxHighlight": False})


@router.get("/vendor/swagger-ui/{name}")
def swagger_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise HTTPException(status_code=404, detail="not found")
    return FileResponse(_assets() / name, media_type=ASSETS[name], headers={"Cache-Control": "public, max-age=86400"})
