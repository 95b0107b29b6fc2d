"""Boundary uploads stay in the uploader's scope, are validated GeoJSON of bounded size, are parsed
once, and a malformed stored feature never breaks the overview."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, fill_workspace, page_login
from xinzhi.workspace import Workspace, open_workspace


def square(code: Any, x: float = 104.0, y: float = 30.6, d: float = 0.1, **extra: Any) -> dict[str, Any]:
    ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
    return {"type": "Feature", "id": code, "properties": {"name": "<b>x</b>", **extra},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def collection(*features: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture(scope="module")
def geo_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = fill_workspace(open_workspace(tmp_path_factory.mktemp("geo") / "ws"))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def geo_app(geo_ws: Workspace):  # type: ignore[no-untyped-def]
    from xinzhi.web.app import create_app

    return create_app(geo_ws)


def upload(client: TestClient, body: bytes | dict[str, Any] | list[Any], name: str = "b.geojson") -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post("/boundaries", data={"csrf_token": csrf_of(client)}, files={"file": (name, raw)},
                       follow_redirects=False)


@pytest.fixture
def chengdu(geo_app) -> TestClient:  # type: ignore[no-untyped-def]
    c = TestClient(geo_app)
    assert page_login(c, "chengdu") == 303
    return c


def stored(ws: Workspace) -> dict[str, Any]:
    return json.loads((ws.path / "web" / "boundaries.geojson").read_text(encoding="utf-8"))


def test_a_city_user_cannot_draw_another_city(chengdu: TestClient, geo_ws: Workspace) -> None:
    assert upload(chengdu, collection(square("510104"), square(510105, x=104.2))).status_code == 303
    before = stored(geo_ws)
    assert {f["id"] for f in before["features"]} == {"510104", "510105"}
    assert before["features"][0]["properties"] == {}  # only official names are shown
    for other in ("510703", "510700", "510000"):
        r = upload(chengdu, collection(square("510104", x=105.0), square(other)))
        assert r.status_code == 403, other
    assert stored(geo_ws) == before  # nothing of a refused upload is kept


BAD: list[tuple[str, bytes | dict[str, Any] | list[Any], str]] = [
    ("not json", b"{nope", "not UTF-8 JSON"),
    ("not utf-8", "{\"type\": \"成都\"}".encode("gbk"), "not UTF-8 JSON"),
    ("array", [1, 2], "not a GeoJSON FeatureCollection"),
    ("features not a list", {"type": "FeatureCollection", "features": 5}, "not a GeoJSON FeatureCollection"),
    ("no features", collection(), "has no features"),
    ("feature not an object", collection(5), "feature 1: not a GeoJSON Feature"),
    ("no id", collection({**square("x"), "id": None}), "no id"),
    ("unknown region", collection(square("999999")), "'999999' is not a region code"),
    ("id a list", collection({**square("x"), "id": [510104]}), "no id"),
    ("duplicate", collection(square("510104"), square("510104")), "region 510104 appears twice"),
    ("no geometry", collection({**square("510104"), "geometry": None}), "no geometry"),
    ("point", collection({**square("510104"), "geometry": {"type": "Point", "coordinates": [104, 30]}}),
     "must be Polygon or MultiPolygon"),
    ("open ring", collection({**square("510104"), "geometry": {"type": "Polygon", "coordinates": [
        [[104, 30], [105, 30], [105, 31], [104, 31], [104.5, 30.5]]]}}), "must end at the position where it starts"),
    ("short ring", collection({**square("510104"), "geometry": {"type": "Polygon", "coordinates": [
        [[104, 30], [105, 30], [104, 30]]]}}), "at least four positions"),
    ("rings not lists", collection({**square("510104"), "geometry": {"type": "Polygon", "coordinates": 7}}),
     "a polygon needs a list of rings"),
    ("text coordinates", collection({**square("510104"), "geometry": {"type": "Polygon", "coordinates": [
        [["104", 30], [105, 30], [105, 31], ["104", 30]]]}}), "coordinates must be finite numbers"),
    ("NaN", b'{"type":"FeatureCollection","features":[{"type":"Feature","id":"510104","geometry":{"type":"Polygon",'
            b'"coordinates":[[[NaN,30],[105,30],[105,31],[NaN,30]]]}}]}', "NaN is not a number"),
    ("latitude 95", collection(square("510104", y=95.0)), "outside longitude -180..180 / latitude -90..90"),
    ("empty multipolygon", collection({**square("510104"), "geometry": {"type": "MultiPolygon", "coordinates": []}}),
     "needs a list of polygons"),
]


@pytest.mark.parametrize("case, body, message", BAD, ids=[b[0] for b in BAD])
def test_malformed_uploads_are_refused_never_a_server_error(chengdu: TestClient, case: str,
                                                            body: Any, message: str) -> None:
    r = upload(chengdu, body)
    assert r.status_code == 400, (case, r.status_code)
    assert message in html.unescape(r.text), r.text[:2000]


def test_the_size_is_limited(chengdu: TestClient) -> None:
    from xinzhi.web.boundaries import MAX_UPLOAD_BYTES

    big = json.dumps(collection(square("510104"))).encode() + b" " * MAX_UPLOAD_BYTES
    assert upload(chengdu, big).status_code == 413


def test_a_bad_stored_feature_does_not_break_the_overview(geo_app, geo_ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    """The probe: one malformed feature (written before validation, or by hand) made the overview
    answer 500 for every user until the file was fixed."""
    path = geo_ws.path / "web" / "boundaries.geojson"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(collection(square("510104"), {"type": "Feature", "id": "510105", "geometry": None},
                                          {"id": "510106", "geometry": {"type": "Polygon", "coordinates": [[1, 2]]}},
                                          "not even a feature")), encoding="utf-8")
    c = TestClient(geo_app)
    assert page_login(c, "chengdu") == 303
    r = c.get("/overview", params={"region": "510100"})
    assert r.status_code == 200
    assert "510104" in r.text  # the good polygon is still drawn


def test_boundaries_are_parsed_once(chengdu: TestClient, geo_ws: Workspace) -> None:
    """The probe: a 21 MB upload was parsed again on every overview (1.2 s each)."""
    from xinzhi.web import boundaries

    assert upload(chengdu, collection(square("510104"))).status_code == 303
    calls = []
    real = boundaries._read
    boundaries._read = lambda path: calls.append(path) or real(path)  # type: ignore[assignment]
    try:
        for _ in range(3):
            assert chengdu.get("/overview", params={"region": "510100"}).status_code == 200
        first = boundaries.stored_boundaries(geo_ws)
        assert boundaries.stored_boundaries(geo_ws) is first
        assert len(calls) <= 1
        assert upload(chengdu, collection(square("510104", d=0.2))).status_code == 303  # a change is read again
        assert boundaries.stored_boundaries(geo_ws) is not first
    finally:
        boundaries._read = real  # type: ignore[assignment]


def test_detailed_rings_are_thinned_for_the_map(chengdu: TestClient, geo_ws: Workspace) -> None:
    import math

    from xinzhi.web.boundaries import MAX_RING

    n = 5_000
    ring = [[104.0 + 0.05 * math.cos(2 * math.pi * i / n), 30.6 + 0.05 * math.sin(2 * math.pi * i / n)] for i in range(n)]
    feature = {"type": "Feature", "id": "510106", "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}
    assert upload(chengdu, collection(feature)).status_code == 303
    kept = next(f for f in stored(geo_ws)["features"] if f["id"] == "510106")["geometry"]["coordinates"][0]
    assert 500 <= len(kept) <= MAX_RING and kept[0] == kept[-1] == ring[0]
