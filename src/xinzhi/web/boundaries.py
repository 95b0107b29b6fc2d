"""Sub-region boundaries uploaded as GeoJSON: validated, kept within the uploader's scope, stored
once in the workspace and parsed once per server process.

An upload (``POST /boundaries``, :mod:`xinzhi.web.views.boundaries`) must be a GeoJSON
``FeatureCollection`` (RFC 7946) of at most :data:`MAX_UPLOAD_BYTES` bytes, :data:`MAX_FEATURES`
features and :data:`MAX_POSITIONS` positions, in which every feature

* is a ``Feature`` whose ``id`` (or ``properties.adcode``) is the code of a region of the
  workspace that lies inside the uploader's scope (a Chengdu user may draw Chengdu and its
  districts, not Mianyang), each code once;
* has a ``Polygon`` or ``MultiPolygon`` geometry whose rings have at least four positions, end
  where they start, and hold only finite longitudes (-180..180) and latitudes (-90..90).

Anything else is a 4xx answer listing the first problems; nothing is stored. Accepted features
replace the stored features of the same codes (``web/boundaries.geojson`` in the workspace,
written atomically under the workspace's write lock); other properties are dropped, so only
the region's official name is ever shown with a polygon, and rings are thinned to at most
:data:`MAX_RING` positions, which is all a dashboard map needs.

Reading (:func:`stored_boundaries`) parses the file once per change of the file, and checks each
stored feature again: a feature that does not pass (from a file edited by hand, or written
before these checks) is left out and logged, never a failed page for every user.
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xinzhi.errors import InputError, XinzhiError

if TYPE_CHECKING:
    from xinzhi.access.scope import Scope
    from xinzhi.workspace import Workspace

logger = logging.getLogger(__name__)

STORED = Path("web") / "boundaries.geojson"
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_FEATURES = 5_000
MAX_POSITIONS = 500_000
MAX_LISTED = 20
#: positions kept per ring for the map (a dashboard choropleth needs no more; keeps pages small)
MAX_RING = 1_000


class OutsideScope(XinzhiError):
    """Features of regions outside the uploader's scope (answered with 403)."""


class TooLarge(InputError):
    """The upload exceeds :data:`MAX_UPLOAD_BYTES` (answered with 413)."""


def feature_code(feature: Any) -> str | None:
    """The region code a feature is keyed by: ``id``, else ``properties.adcode``."""
    if not isinstance(feature, dict):
        return None
    fid = feature.get("id")
    if fid in (None, ""):
        props = feature.get("properties")
        fid = props.get("adcode") if isinstance(props, dict) else None
    if isinstance(fid, bool) or not isinstance(fid, (str, int)):
        return None
    text = str(fid).strip()
    return text or None


def _position_problem(p: Any) -> str | None:
    if not isinstance(p, (list, tuple)) or not 2 <= len(p) <= 3:
        return "a position must be [longitude, latitude]"
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in p):
        return "coordinates must be finite numbers"
    if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
        return f"position {list(p)[:2]} is outside longitude -180..180 / latitude -90..90"
    return None


def geometry_problem(geometry: Any) -> tuple[str | None, int]:
    """Why ``geometry`` is no valid Polygon or MultiPolygon (or ``None``), and its positions."""
    if not isinstance(geometry, dict):
        return "no geometry", 0
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        if not isinstance(coords, list) or not coords:
            return "a MultiPolygon needs a list of polygons", 0
        polygons = coords
    else:
        return f"geometry must be Polygon or MultiPolygon, not {str(kind)[:40]!r}", 0
    n = 0
    for poly in polygons:
        if not isinstance(poly, list) or not poly:
            return "a polygon needs a list of rings", n
        for ring in poly:
            if not isinstance(ring, list) or len(ring) < 4:
                return "a ring needs at least four positions", n
            for p in ring:
                why = _position_problem(p)
                if why:
                    return why, n
            n += len(ring)
            if list(ring[0]) != list(ring[-1]):
                return "a ring must end at the position where it starts", n
    return None, n


def thinned(geometry: dict[str, Any]) -> dict[str, Any]:
    """A valid geometry with every ring cut to at most :data:`MAX_RING` positions (every n-th
    position, still closed)."""
    def ring(r: list[Any]) -> list[Any]:
        if len(r) <= MAX_RING:
            return r
        step = math.ceil((len(r) - 1) / (MAX_RING - 1))
        return [*r[:-1:step], r[0]]

    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = [[ring(r) for r in poly] for poly in polys]
    return {"type": geometry["type"], "coordinates": out[0] if geometry["type"] == "Polygon" else out}


def validate_upload(raw: bytes, *, filename: str, scope: Scope, known_codes: Collection[str]) -> list[dict[str, Any]]:
    """The features of an upload, cleaned (``id`` = region code, geometry, no other properties),
    or :class:`InputError` / :class:`OutsideScope` / :class:`TooLarge` naming the problems."""
    name = filename or "upload"
    if len(raw) > MAX_UPLOAD_BYTES:
        raise TooLarge(f"{name}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB; simplify the boundaries "
                       "(e.g. mapshaper -simplify) and upload again")
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{name}: not UTF-8 JSON ({str(exc)[:200]})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise InputError(f"{name}: not a GeoJSON FeatureCollection (an object with \"type\": "
                         "\"FeatureCollection\" and a list of \"features\")")
    feats = data["features"]
    if not feats:
        raise InputError(f"{name}: the FeatureCollection has no features")
    if len(feats) > MAX_FEATURES:
        raise InputError(f"{name}: {len(feats):,} features; at most {MAX_FEATURES:,} per upload")
    problems: list[str] = []
    outside: list[str] = []
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    total = 0
    known = set(known_codes)
    for i, f in enumerate(feats, start=1):
        code = feature_code(f)
        where = f"feature {i}" + (f" ({code[:20]})" if code else "")
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"{where}: not a GeoJSON Feature")
            continue
        if code is None:
            problems.append(f"{where}: no id (the region code, as id or properties.adcode)")
            continue
        if code not in known:
            problems.append(f"{where}: {code[:20]!r} is not a region code of this workspace")
            continue
        if not scope.covers_region(code):
            outside.append(code)
            continue
        if code in seen:
            problems.append(f"{where}: region {code} appears twice")
            continue
        seen.add(code)
        why, n = geometry_problem(f.get("geometry"))
        total += n
        if why:
            problems.append(f"{where}: {why}")
            continue
        out.append({"type": "Feature", "id": code, "properties": {}, "geometry": thinned(f["geometry"])})
    if total > MAX_POSITIONS:
        problems.append(f"{total:,} positions in all; at most {MAX_POSITIONS:,}: simplify the boundaries")
    if outside:
        raise OutsideScope(f"{name}: {len(outside)} feature(s) of regions outside your scope "
                           f"({', '.join(outside[:MAX_LISTED])}); nothing was stored")
    if problems:
        more = f"; and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        raise InputError(f"{name}: {len(problems)} problem(s), nothing was stored: "
                         + "; ".join(problems[:MAX_LISTED]) + more)
    return out


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number in JSON")


def store_upload(ws: Workspace, features: list[dict[str, Any]]) -> int:
    """Merge ``features`` into the stored boundaries (replacing the same codes); returns how
    many features are stored afterwards. Runs under the workspace's write lock."""
    from xinzhi.workspace.storage import write_bytes_atomic

    path = Path(ws.path) / STORED
    with ws.lock.hold("upload boundaries"):
        current = _read(path)
        codes = {f["id"] for f in features}
        keep = [f for f in current if f["id"] not in codes]
        merged = {"type": "FeatureCollection", "features": keep + features}
        write_bytes_atomic(json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode(), path,
                           what="upload boundaries")
    return len(merged["features"])


def _read(path: Path) -> list[dict[str, Any]]:
    """The valid features of the stored file (invalid ones are logged and left out)."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"), parse_constant=_no_constant)
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        logger.warning("%s is unreadable (%s); no uploaded boundaries are shown", path, exc)
        return []
    feats = data.get("features") if isinstance(data, dict) else None
    out = []
    for i, f in enumerate(feats if isinstance(feats, list) else []):
        code = feature_code(f)
        why, _ = geometry_problem(f.get("geometry")) if isinstance(f, dict) else ("not a feature", 0)
        if code is None or why:
            logger.warning("%s: feature %d (%s) left out: %s", path, i + 1, code, why or "no id")
            continue
        out.append({"type": "Feature", "id": code, "properties": {}, "geometry": thinned(f["geometry"])})
    return out


_cache: dict[Path, tuple[tuple[int, int], dict[str, Any] | None]] = {}
_cache_lock = threading.Lock()


def stored_boundaries(workspace: Workspace | str | Path) -> dict[str, Any] | None:
    """The stored boundaries of a workspace (or workspace folder) as a FeatureCollection of
    valid features, or ``None`` if none were uploaded. Parsed once per change of the file (its
    size and modification time)."""
    folder = workspace if isinstance(workspace, (str, Path)) else workspace.path
    path = (Path(folder) / STORED).resolve()
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    key = (st.st_mtime_ns, st.st_size)
    with _cache_lock:
        hit = _cache.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    feats = _read(path)
    value = {"type": "FeatureCollection", "features": feats} if feats else None
    with _cache_lock:
        _cache[path] = (key, value)
    return value
