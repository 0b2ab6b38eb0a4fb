"""Readers for the official downloads a user builds the gazetteer from.

  OCHA / HDX "Syrian Arab Republic: Populated Places" (syr_humanitarian_locations_*.xlsx, or its
  Location sheet saved as CSV): one row per community or neighbourhood with admin1-3 names and
  P-codes, the location's Arabic and English names, P-code and coordinates. Column names vary
  between releases, so each field accepts the usual spellings (`admin1Name_ar`, `ADM1_AR`, ...).
  Admin units are derived from the rows (names, P-codes, mean coordinates).

  GeoNames country dump (SY.txt or SY.zip from the GeoNames download server): 19 tab-separated
  columns, no header; populated places (class P) and first-level divisions (ADM1) are kept,
  with their Arabic alternate names.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from rasid.errors import RasidError
from rasid.kb import geo_sources as src

_FIELDS = {
    "admin1_en": ("admin1nameen", "adm1en", "adm1nameen", "admin1en", "gen", "governorateen"),
    "admin1_ar": ("admin1namear", "adm1ar", "adm1namear", "admin1ar", "gar", "governoratear"),
    "admin1_pcode": ("admin1pcode", "adm1pcode", "admin1code", "gp", "governoratepcode"),
    "admin2_en": ("admin2nameen", "adm2en", "adm2nameen", "admin2en", "den", "districten"),
    "admin2_ar": ("admin2namear", "adm2ar", "adm2namear", "admin2ar", "dar", "districtar"),
    "admin2_pcode": ("admin2pcode", "adm2pcode", "admin2code", "dp", "districtpcode"),
    "admin3_en": ("admin3nameen", "adm3en", "adm3nameen", "admin3en", "sen", "subdistricten"),
    "admin3_ar": ("admin3namear", "adm3ar", "adm3namear", "admin3ar", "sar", "subdistrictar"),
    "admin3_pcode": ("admin3pcode", "adm3pcode", "admin3code", "sp", "subdistrictpcode"),
    "name_en": ("admin4nameen", "locationnameen", "locationen", "nameen", "communityen", "cen", "adm4en"),
    "name_ar": ("admin4namear", "locationnamear", "locationar", "namear", "communityar", "car", "adm4ar"),
    "pcode": ("admin4pcode", "locationpcode", "pcode", "communitypcode", "cp", "adm4pcode"),
    "lat": ("latitude", "latitudey", "lat", "y", "latitude_y"),
    "lon": ("longitude", "longitudex", "lon", "long", "x", "longitude_x"),
    "type": ("locationtype", "type", "featuretype"),
}


class OfficialFormatError(RasidError):
    """The file is not an HDX locations table or a GeoNames dump rasid can read."""


def _norm_header(h: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (h or "").lower())


def read_official(path: Path, kind: str | None = None) -> tuple[list[dict], src.Names, list[dict]]:
    """(records, names, geonames rows) from an official file; kind hdx|geonames, guessed if None."""
    if not path.is_file():
        raise OfficialFormatError(f"file not found: {path}")
    kind = kind or _guess_kind(path)
    if kind == "geonames":
        return (*read_geonames_dump(path), [])
    return (*read_hdx(path), [])


def _guess_kind(path: Path) -> str:
    if path.suffix.lower() in (".xlsx", ".csv", ".tsv"):
        return "hdx"
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            return "geonames" if any(re.fullmatch(r"[A-Z]{2}\.txt", n) for n in z.namelist()) else "hdx"
    first = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
    return "geonames" if first.count("\t") == 18 and first.split("\t")[0].isdigit() else "hdx"


# --- HDX / OCHA populated places -----------------------------------------------------------

def _table_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    dialect = "excel-tab" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else "excel"
    return list(csv.DictReader(io.StringIO(text), dialect=dialect))


def _columns(header: list[str]) -> dict[str, str]:
    """{field: column name} for the fields this header has."""
    by_norm = {_norm_header(h): h for h in header}
    out = {}
    for field, options in _FIELDS.items():
        for o in options:
            if _norm_header(o) in by_norm:
                out[field] = by_norm[_norm_header(o)]
                break
    return out


def read_hdx(path: Path) -> tuple[list[dict], src.Names]:
    rows = _table_rows(path)
    if not rows:
        raise OfficialFormatError(f"{path}: no rows")
    cols = _columns(list(rows[0].keys()))
    missing = [f for f in ("name_ar", "pcode", "lat", "lon") if f not in cols]
    if missing:
        raise OfficialFormatError(f"{path}: no column for {', '.join(missing)}; columns are {list(rows[0])}")
    recs, names = [], []
    units: dict[str, dict] = {}
    for r in rows:
        g = {f: (r.get(c) or "").strip() for f, c in cols.items()}
        ftype = g.get("type", "").lower()
        if ftype and not ftype.startswith(("community", "neighbourhood", "neighborhood", "camp", "town", "village")):
            continue
        try:
            lat, lon = float(g["lat"]), float(g["lon"])
        except ValueError:
            continue
        parts = src.split_variants(g["name_ar"]) or [g["name_ar"]]
        rec = src.record(id=g["pcode"], name_ar=parts[0], name_en=g.get("name_en") or None, lat=lat, lon=lon,
                         feature_type="neighbourhood" if ftype.startswith("neighbo") else "community",
                         country="SY", pcode=g["pcode"], source="hdx", importance=20)
        for lvl in (1, 2, 3):
            code = g.get(f"admin{lvl}_pcode")
            rec[f"admin{lvl}"], rec[f"admin{lvl}_ar"], rec[f"admin{lvl}_pcode"] = \
                g.get(f"admin{lvl}_en") or None, g.get(f"admin{lvl}_ar") or None, code or None
            if code:
                u = units.setdefault(code, {"level": lvl, "rec": rec, "lats": [], "lons": []})
                u["lats"].append(lat)
                u["lons"].append(lon)
        recs.append(rec)
        names += [(rec["id"], p, "name" if i == 0 else "part") for i, p in enumerate(parts)]
    return recs + _admin_units(units, names), names


def _admin_units(units: dict[str, dict], names: src.Names) -> list[dict]:
    """Admin1-3 records derived from the communities' admin columns."""
    out = []
    prefix = {1: "محافظة ", 2: "منطقة ", 3: "ناحية "}
    for code, u in units.items():
        lvl, r = u["level"], u["rec"]
        rec = src.record(id=code, name_ar=r[f"admin{lvl}_ar"] or code, name_en=r[f"admin{lvl}"],
                         lat=round(sum(u["lats"]) / len(u["lats"]), 5), lon=round(sum(u["lons"]) / len(u["lons"]), 5),
                         feature_type=f"admin{lvl}", country="SY", pcode=code, source="hdx",
                         importance={1: 90, 2: 60, 3: 40}[lvl])
        for k in range(1, lvl + 1):
            rec[f"admin{k}"], rec[f"admin{k}_ar"], rec[f"admin{k}_pcode"] = \
                r[f"admin{k}"], r[f"admin{k}_ar"], r[f"admin{k}_pcode"]
        out.append(rec)
        if r[f"admin{lvl}_ar"] and not r[f"admin{lvl}_ar"].startswith("مركز"):
            names.append((code, r[f"admin{lvl}_ar"], "name"))
            names.append((code, prefix[lvl] + r[f"admin{lvl}_ar"], "alias"))
    return out


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the first sheet that has a P-code column (a minimal reader: no formulas, no dates)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in root.findall("m:si", ns)]
        sheets = sorted(n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        for name in sheets:
            rows = _sheet_rows(ElementTree.fromstring(z.read(name)), shared, ns)
            if rows and len(rows) > 1:
                header = [h or "" for h in rows[0]]
                if "pcode" in _columns(header):
                    return [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in rows[1:]]
    raise OfficialFormatError(f"{path}: no sheet with a P-code column")


def _sheet_rows(root, shared: list[str], ns: dict) -> list[list[str]]:
    out = []
    for row in root.iter(f"{{{ns['m']}}}row"):
        cells: dict[int, str] = {}
        for c in row.findall("m:c", ns):
            col = _col_index(c.get("r", ""))
            t = c.get("t")
            v = c.find("m:v", ns)
            if t == "s" and v is not None:
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter(f"{{{ns['m']}}}t"))
            else:
                val = v.text if v is not None and v.text is not None else ""
            cells[col if col >= 0 else len(cells)] = val
        if cells:
            out.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return out


def _col_index(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref or "")
    if not letters:
        return -1
    n = 0
    for ch in letters.group():
        n = n * 26 + ord(ch) - 64
    return n - 1


# --- GeoNames country dump ---------------------------------------------------------------

def _dump_lines(path: Path) -> list[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if re.fullmatch(r"[A-Z]{2}\.txt", n))
            return z.read(name).decode("utf-8").splitlines()
    return path.read_text(encoding="utf-8").splitlines()


def read_geonames_dump(path: Path) -> tuple[list[dict], src.Names]:
    recs, names = [], []
    provinces: dict[tuple[str, str], dict] = {}
    towns = []
    for line in _dump_lines(path):
        f = line.split("\t")
        if len(f) < 19:
            continue
        gid, name, alt, lat, lon, fclass, fcode, cc, a1 = f[0], f[1], f[3], f[4], f[5], f[6], f[7], f[8], f[10]
        ar = src.arabic_names(alt.split(","))
        if not ar:
            continue
        rec = src.record(id=f"GN{gid}", name_ar=ar[0], name_en=name, lat=float(lat), lon=float(lon), country=cc,
                         source="geonames", feature_type="admin1" if fcode == "ADM1" else "town",
                         importance=90 if fcode == "ADM1" else _importance(fcode, int(f[14] or 0)))
        if fcode == "ADM1":
            provinces[(cc, a1)] = rec
            rec["admin1"], rec["admin1_ar"], rec["admin1_pcode"] = name, ar[0], rec["id"]
        elif fclass == "P":
            towns.append((rec, (cc, a1)))
        else:
            continue
        recs.append(rec)
        names += [(rec["id"], n, "name" if i == 0 else "alias") for i, n in enumerate(ar)]
    for rec, key in towns:
        p = provinces.get(key)
        if p:
            rec["admin1"], rec["admin1_ar"], rec["admin1_pcode"] = p["name_en"], p["name_ar"], p["id"]
    return recs, names


def _importance(fcode: str, population: int) -> int:
    if fcode in ("PPLC", "PPLA"):
        return 85
    if fcode == "PPLA2" or population >= 100_000:
        return 70
    if population >= 20_000 or fcode == "PPLA3":
        return 50
    return 20
