"""``POST /boundaries``: upload sub-region boundaries (GeoJSON) for the overview map.

Validation, the scope rule and storage are in :mod:`xinzhi.web.boundaries`; this handler checks
the CSRF token and the role, reads at most the size limit, and answers 400 (malformed), 403
(outside the uploader's scope, or a viewer) or 413 (too large).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from xinzhi.access import audit
from xinzhi.access.users import User
from xinzhi.web.auth import check_csrf, client_ip, page_user, state_of
from xinzhi.web.boundaries import (
    MAX_UPLOAD_BYTES,
    OutsideScope,
    TooLarge,
    store_upload,
    stored_boundaries,
    validate_upload,
)

router = APIRouter(include_in_schema=False)


def uploaded_boundaries(st: Any) -> dict[str, Any] | None:
    """The workspace's uploaded boundaries (valid features only, parsed once per change)."""
    return stored_boundaries(st.ws)


@router.post("/boundaries")
async def upload_boundaries(request: Request, csrf_token: str = Form(""), file: UploadFile = File(...),
                            user: User = Depends(page_user)) -> Response:
    check_csrf(request, csrf_token)
    if user.role == "viewer":
        raise HTTPException(status_code=403, detail="viewers cannot upload boundaries")
    st = state_of(request)
    raw = await file.read(MAX_UPLOAD_BYTES + 1)
    try:
        feats = validate_upload(raw, filename=file.filename or "upload", scope=st.data.scope(user),
                                known_codes=set(st.data.regions()["code"]))
    except TooLarge as exc:
        raise HTTPException(status_code=413, detail=str(exc)) from None
    except OutsideScope as exc:
        raise HTTPException(status_code=403, detail=str(exc)) from None
    stored = store_upload(st.ws, feats)
    audit.record(st.ws, user.username, "boundaries.upload", target=(file.filename or "")[:256], ip=client_ip(request),
                 details={"features": len(feats), "codes": [f["id"] for f in feats][:50], "stored": stored})
    return RedirectResponse("/overview", status_code=303)
