"""Query and export formats over stored events (rasid/store/query.py, export.py)."""
from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from rasid.model import Argument
from rasid.store import EventFilter, connect, load_events
from rasid.store.export import (ACLED_COLUMNS, acled_rows, geojson, write_acled_csv, write_json,
                                write_parquet, write_plover_jsonl)
from rasid.store.query import events_table
from tests.store.helpers import CLASH, GOV, REBELS, RUSSIA, event, report, store

NORTH = "قصفت الطائرات الروسية مدينة دوما أمس، ما أدى إلى مقتل 12 مدنياً بحسب الدفاع المدني."
SOUTH = "قُتل 15 شخصاً في غارات جوية استهدفت دوما يوم الأحد، وفق ما نقلته مصادر طبية في المدينة."
BATTLE = "اندلعت اشتباكات بين قوات النظام وفيلق الرحمن على أطراف كفرنبل."
TALKS = "التقى وفد من فيلق الرحمن ضباطاً روساً لبحث وقف إطلاق النار."


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    conn = connect(tmp_path_factory.mktemp("export") / "rasid.db")
    store(conn, [
        report(NORTH, "وكالة الشمال", event(NORTH, killed=12, civilian=True, actor1=RUSSIA)),
        report(SOUTH, "صحيفة الميدان", event(SOUTH, killed=15)),
        report(BATTLE, "راديو الجنوب", event(BATTLE, kind=CLASH, place="kafranbel", date="2018-03-10", killed=4,
                                              actor1=GOV, actor2=REBELS)),
        report(TALKS, "راديو الجنوب", event(TALKS, kind=("CONSULT", None, None, None), place=None,
                                             actor1=REBELS, actor2=RUSSIA)),
    ])
    yield load_events(conn)
    conn.close()


def test_acled_rows_carry_acled_columns_and_codes(events):
    rows = acled_rows(events)
    assert len(rows) == 2  # a meeting is not an ACLED event
    battle, strike = rows
    assert list(strike) == list(ACLED_COLUMNS)
    assert strike["event_id_cnty"].startswith("SYR")
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2018-03-11", 2018, 1)
    assert (strike["disorder_type"], strike["event_type"], strike["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert (strike["actor1"], strike["inter1"], strike["actor2"], strike["inter2"], strike["interaction"]) == (
        "Military Forces of Russia", 8, "Civilians (Syria)", 7, 78)
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["region"], strike["country"], strike["admin1"], strike["location"]) == (
        760, "Middle East", "Syria", "Rural Damascus", "Douma")
    assert (strike["latitude"], strike["longitude"], strike["geo_precision"]) == (33.57, 36.40, 1)
    assert strike["source"] == "وكالة الشمال; صحيفة الميدان"
    assert strike["fatalities"] == 12
    assert "(12, 15)" in strike["notes"] and "the lowest is coded" in strike["notes"]
    assert (battle["actor1"], battle["actor2"], battle["interaction"]) == ("Military Forces of Syria", "Faylaq al-Rahman", 12)


def test_state_forces_abroad_are_external_forces_and_long_periods_have_no_acled_row(events):
    strike = next(e for e in events if e["acled_subtype"] == "Air/drone strike")
    abroad = dict(strike, actor1=dict(strike["actor1"], category=1, country="RUS"))
    at_home = dict(strike, actor1=dict(strike["actor1"], category=1, country="SYR"))
    assert (acled_rows([abroad])[0]["inter1"], acled_rows([at_home])[0]["inter1"]) == (8, 1)
    week = dict(strike, date=None, date_range=["2018-03-05", "2018-03-11"])
    assert (acled_rows([week])[0]["event_date"], acled_rows([week])[0]["time_precision"]) == ("2018-03-08", 2)
    assert acled_rows([dict(strike, date=None, date_range=["2017-01-01", "2018-03-11"])]) == []


def test_acled_csv_reads_back_with_pandas(events):
    pd = pytest.importorskip("pandas")
    out = io.StringIO()
    assert write_acled_csv(events, out) == 2
    df = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(df.columns) == list(ACLED_COLUMNS)
    assert sorted(df["fatalities"]) == [4, 12]


def test_plover_records_have_plover_fields_and_every_source(events):
    out = io.StringIO()
    write_plover_jsonl(events, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    strike = next(r for r in records if r["event"] == "ASSAULT" and r["fatalities"] == 12)
    for key in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_text", "location", "cite_info"):
        assert key in strike
    assert strike["actor"][0]["entity_text"] == "Military Forces of Russia" and strike["quad_code"] == 4
    assert [c["outlet"] for c in strike["cite_info"]] == ["وكالة الشمال", "صحيفة الميدان"]
    assert [c["fatalities"]["min"] for c in strike["cite_info"]] == [12, 15]
    talks = next(r for r in records if r["event"] == "CONSULT")
    assert talks["location"] is None and talks["quad_code"] == 1


def test_geojson_has_a_point_per_located_event(events):
    features = geojson(events)["features"]
    assert len(features) == 2
    assert features[1]["geometry"] == {"type": "Point", "coordinates": [36.40, 33.57]}
    assert features[1]["properties"]["sources"] == ["وكالة الشمال", "صحيفة الميدان"]


def test_json_and_parquet_round_trip(events, tmp_path):
    out = io.StringIO()
    write_json(events, out)
    assert json.loads(out.getvalue())["events"] == json.loads(json.dumps(events))
    pq = pytest.importorskip("pyarrow.parquet")
    write_parquet(events, str(tmp_path / "events.parquet"))
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 3 and set(ACLED_COLUMNS) <= set(table.column_names)
    assert sorted(table.column("plover_event").to_pylist()) == ["ASSAULT", "ASSAULT", "CONSULT"]


@pytest.mark.parametrize("flt, n", [
    (EventFilter(), 3), (EventFilter(since="2018-03-11"), 1), (EventFilter(until="2018-03-10"), 1),
    (EventFilter(actor="syr.gov"), 1), (EventFilter(actor="Russia"), 2), (EventFilter(actor="فيلق الرحمن"), 2),
    (EventFilter(place="Douma"), 1), (EventFilter(place="Rural Damascus"), 1), (EventFilter(place="SY07"), 1),
    (EventFilter(type="assault"), 2), (EventFilter(type="Air/drone"), 1), (EventFilter(type="Battles"), 1),
    (EventFilter(country="SY"), 2), (EventFilter(country="Syria"), 2), (EventFilter(country="Iraq"), 0),
    (EventFilter(limit=1), 1),
])
def test_filters(tmp_path, flt, n):
    conn = connect(tmp_path / "rasid.db")
    store(conn, [
        report(NORTH, "أ", event(NORTH, killed=12, actor1=RUSSIA)),
        report(BATTLE, "ب", event(BATTLE, kind=CLASH, place="kafranbel", date="2018-03-10", actor1=GOV, actor2=REBELS)),
        report(TALKS, "ج", event(TALKS, kind=("CONSULT", None, None, None), place=None, actor1=REBELS,
                                 actor2=RUSSIA, date=None)),
    ])
    assert len(load_events(conn, flt)) == n


def test_events_table_lists_each_event(events):
    table = events_table(events)
    assert table.count("\n") == len(events) + 2 and "Air/drone strike" in table


def test_generic_civilian_target_is_the_countrys_civilians(tmp_path):
    text = "قصفت الطائرات الروسية منازل المدنيين في مدينة دوما أمس."
    ev = event(text, actor1=RUSSIA)
    ev = replace(ev, actor2=Argument("المدنيين", text.find("المدنيين"), text.find("المدنيين") + 8, None,
                                     "Civilians", 7))
    conn = connect(tmp_path / "rasid.db")
    store(conn, [report(text, "وكالة الشمال", ev)])
    (row,) = acled_rows(load_events(conn))
    conn.close()
    assert (row["actor2"], row["inter2"]) == ("Civilians (Syria)", 7)
