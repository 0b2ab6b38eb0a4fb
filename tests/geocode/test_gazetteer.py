"""Building and loading the gazetteer: shared/geo, the official download formats, curated only."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from rasid import datadir
from rasid.kb import gazetteer as gz
from rasid.kb.geo_official import OfficialFormatError, read_official

DATA = Path(__file__).parent / "data"


def test_full_build_counts(full_gazetteer):
    s = full_gazetteer.summary
    assert s["by_type"]["community"] == 7593 and s["by_type"]["admin3"] == 272
    assert s["build_seconds"] < 60
    assert len(full_gazetteer.places) > 11000


def test_loading_is_fast(full_gazetteer, tmp_path):
    path = Path(full_gazetteer.origin)
    t0 = time.perf_counter()
    gz.load_store(path)
    assert time.perf_counter() - t0 < 1.5


def test_spellings_and_admin_fields(full_gazetteer):
    g = full_gazetteer
    assert [p.id for p in g.candidates(gz.name_key("حمورية"))] == ["C2316"]  # OCHA writes حمورة
    assert g.candidates(gz.name_key("مخيم الوافدين"))[0].id == "C2330"
    assert g.candidates(gz.name_key("كفرنبل"))[0].id == "C4068"  # OCHA writes كفر نبل
    assert "C2504" in [p.id for p in g.candidates("جوبر")] and g.candidates("جوبر")[0].id == "x-jobar"
    douma = g.get("C2338")
    assert (douma.admin1, douma.admin1_pcode, douma.admin2_pcode) == ("Rural Damascus", "SY03", "SY0302")
    assert g.get("SY02").bbox is not None  # admin polygons give bounding boxes
    assert g.get("N0123").feature_type == "neighbourhood"
    # the historic subdistrict alias is not indexed: الغوطة الشرقية is the region
    assert [p.id for p in g.candidates(gz.name_key("الغوطة الشرقية"))] == ["x-eastern-ghouta"]


def test_curated_rows_are_well_formed():
    from rasid.kb.geo_sources import read_curated

    records, names = read_curated()
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) and len(records) > 500
    for r in records:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180 and r["name_en"]
        assert 0 <= r["importance"] <= 100 and r["precision"] in (1, 2, 3)
        if r["country"] == "SY" and r["feature_type"] not in ("country", "region", "road"):
            assert 32.0 <= r["lat"] <= 37.5 and 35.5 <= r["lon"] <= 42.5, r["id"]


def test_curated_only_mode_warns_once(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(gz, "store_path", lambda: tmp_path / "missing.sqlite")
    monkeypatch.setattr(datadir, "_warned", set())
    gz.get_gazetteer.cache_clear()
    try:
        g1 = gz.get_gazetteer()
        g2 = gz.get_gazetteer()
    finally:
        gz.get_gazetteer.cache_clear()
    err = capsys.readouterr().err
    assert g1 is g2 and g1.origin == "curated"
    assert err.count("rasid data build") == 1


def test_build_from_hdx_csv(tmp_path):
    out = tmp_path / "g.sqlite"
    summary = gz.build_gazetteer_from_official(DATA / "hdx_locations_fake.csv", out)
    g = gz.load_store(out)
    assert summary["by_type"]["community"] == 7 and summary["by_type"]["neighbourhood"] >= 1
    valley = g.candidates(gz.name_key("وادي البلوط"))[0]
    assert (valley.id, valley.admin1, valley.admin1_pcode, valley.importance) == ("C9901", "Sample Hills", "SY91", 70)
    assert {p.id for p in g.candidates(gz.name_key("المرج الأزرق"))} == {"C9904", "C9906"}
    assert g.candidates(gz.name_key("البئر الجديدة"))[0].id == "C9907"  # A / B variants split
    assert g.candidates(gz.name_key("الياسمين التجريبي"))[0].id == "N9901"  # حي left out
    assert g.candidates(gz.name_key("محافظة تلال العينة"))[0].id == "SY91"
    assert g.get("C2338") is not None  # the curated list is part of every build


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    """A minimal .xlsx with inline strings, as spreadsheet programs write them."""
    def cell(ref, v):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    body = "".join(
        f'<row r="{i}">' + "".join(cell(chr(65 + j) + str(i), v) for j, v in enumerate(r)) + "</row>"
        for i, r in enumerate(rows, 1))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def test_build_from_hdx_xlsx(tmp_path):
    rows = [line.split(",") for line in (DATA / "hdx_locations_fake.csv").read_text(encoding="utf-8").splitlines()]
    _xlsx(tmp_path / "locations.xlsx", rows)
    records, names, _ = read_official(tmp_path / "locations.xlsx")
    assert {"C9901", "C9902", "SY91", "SY9101"} <= {r["id"] for r in records}


def test_build_from_geonames_dump(tmp_path):
    out = tmp_path / "g.sqlite"
    gz.build_gazetteer_from_official(DATA / "geonames_dump_fake.txt", out)
    g = gz.load_store(out)
    town = g.candidates(gz.name_key("نموذج"))[0]
    assert (town.id, town.admin1, town.importance) == ("GN9100002", "Muhafazat al-Ayyina", 85)
    assert g.candidates(gz.name_key("جبل تجربة")) == ()  # only populated places and provinces
    with zipfile.ZipFile(tmp_path / "SY.zip", "w") as z:
        z.write(DATA / "geonames_dump_fake.txt", "SY.txt")
    records, _, _ = read_official(tmp_path / "SY.zip")
    assert "GN9100001" in {r["id"] for r in records}


def test_official_format_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(OfficialFormatError, match="no column"):
        read_official(bad)
    with pytest.raises(OfficialFormatError, match="not found"):
        read_official(tmp_path / "missing.csv")


def test_cli_build_official(tmp_path, capsys):
    out = tmp_path / "g.sqlite"
    assert gz.main(["build-official", str(DATA / "hdx_locations_fake.csv"), "--out", str(out)]) == 0
    assert out.is_file() and '"places"' in capsys.readouterr().out
