"""Merging reports across articles and outlets into dataset events (rasid/store/merge.py)."""
from __future__ import annotations

import pytest

from rasid.store import connect, load_events, reprocess, transaction
from rasid.store.merge import split_event
from rasid.store.query import explain_event, load_event
from tests.store.helpers import CLASH, GOV, REBELS, RUSSIA, SHELLING, document, event, report, store

NORTH = "قصفت الطائرات الروسية مدينة دوما أمس، ما أدى إلى مقتل 12 مدنياً بحسب الدفاع المدني."
SOUTH = "قُتل 15 شخصاً في غارات جوية استهدفت دوما يوم الأحد، وفق ما نقلته مصادر طبية في المدينة."
OTHER_TOWN = "استهدفت غارات جوية بلدة كفرنبل أمس وأوقعت سبعة قتلى بين المدنيين."


@pytest.fixture()
def conn(tmp_path):
    c = connect(tmp_path / "rasid.db")
    yield c
    c.close()


def _events(conn):
    return load_events(conn)


def test_two_outlets_one_strike_merge_with_both_tolls_and_the_lower_one(conn):
    store(conn, [report(NORTH, "وكالة الشمال", event(NORTH, killed=12, civilian=True)),
                 report(SOUTH, "صحيفة الميدان", event(SOUTH, killed=15))])
    [e] = _events(conn)
    assert e["fatalities"] == 12
    assert [r["fatalities"]["min"] for r in e["reports"]] == [12, 15]
    assert [r["outlet"] for r in e["reports"]] == ["وكالة الشمال", "صحيفة الميدان"]
    assert e["reports"][0]["evidence"]["text"] == NORTH
    assert "same place Douma" in e["reports"][1]["reason"]


def test_two_strikes_on_different_towns_the_same_day_stay_apart(conn):
    store(conn, [report(NORTH, "وكالة الشمال", event(NORTH, killed=12)),
                 report(OTHER_TOWN, "صحيفة الميدان", event(OTHER_TOWN, place="kafranbel", killed=7))])
    assert sorted(e["location"]["name"] for e in _events(conn)) == ["Douma", "Kafr Nabl"]


def test_neighbouring_towns_of_one_district_stay_apart(conn):
    text = "غارات على حرستا أمس."
    store(conn, [report(NORTH, "أ", event(NORTH)), report(text, "ب", event(text, place="harasta"))])
    assert len(_events(conn)) == 2


def test_a_report_of_the_district_merges_with_the_town_inside_it_and_keeps_the_town(conn):
    wide = "غارات جوية على منطقة دوما في ريف دمشق أمس."
    store(conn, [report(wide, "أ", event(wide, place="duma_district")), report(NORTH, "ب", event(NORTH))])
    [e] = _events(conn)
    assert e["location"]["ref"] == "p:douma"
    assert "lies in" in e["reports"][1]["reason"]


@pytest.mark.parametrize("second, merged", [
    (dict(date="2018-03-14"), False),  # three days later
    (dict(date="2018-03-15", precision=3), True),  # "in March": the month holds the 11th
    (dict(date="2018-03-12", precision=2), True),  # "last week"
    (dict(date=None, date_range=("2018-03-10", "2018-03-12")), True),
    (dict(date=None, date_range=("2018-01-01", "2018-03-31")), False),  # a campaign's quarter: no occurrence
    (dict(kind=SHELLING), False),  # air strike and shelling are two events
    (dict(actor1=RUSSIA), True),  # the first report names no attacker: nothing contradicts
    (dict(status="planned"), False),
])
def test_dates_types_and_actors_decide_a_merge(conn, second, merged):
    text = "نص ثان عن دوما."
    store(conn, [report(NORTH, "أ", event(NORTH)), report(text, "ب", event(text, **second))])
    assert len(_events(conn)) == (1 if merged else 2)


def test_different_known_attackers_stay_apart(conn):
    text = "قصفت قوات النظام دوما أمس."
    store(conn, [report(NORTH, "أ", event(NORTH, actor1=RUSSIA)), report(text, "ب", event(text, actor1=GOV))])
    assert len(_events(conn)) == 2


def test_a_battle_told_from_either_side_is_one_event(conn):
    one, two = "اشتباكات بين قوات النظام وفيلق الرحمن في دوما.", "فيلق الرحمن يصد هجوماً لقوات النظام على دوما."
    store(conn, [report(one, "أ", event(one, kind=CLASH, actor1=GOV, actor2=REBELS)),
                 report(two, "ب", event(two, kind=CLASH, actor1=REBELS, actor2=GOV))])
    [e] = _events(conn)
    assert (e["actor1"]["ref"], e["actor2"]["ref"]) == (GOV[0], REBELS[0])


def test_two_events_of_one_article_never_merge(conn):
    text = NORTH + " وفي وقت لاحق عادت الطائرات لقصف المدينة مرة ثانية."
    store(conn, [report(text, "أ", event(text, eid="e1", killed=12), event(text, eid="e2", killed=3))])
    assert len(_events(conn)) == 2


def test_negated_events_are_not_dataset_events(conn):
    text = "لم تتعرض دوما لأي قصف أمس."
    store(conn, [report(text, "أ", event(text, negated=True))])
    assert _events(conn) == []
    assert conn.execute("SELECT negated FROM reports").fetchone()[0] == 1  # the report itself is kept


def test_a_claim_and_a_denial_from_different_parties_are_kept(conn):
    claim = "أعلن فيلق الرحمن أنه استهدف مواقع قوات النظام في دوما أمس."
    denial = "نفت قوات النظام تعرض مواقعها في دوما لأي هجوم."
    store(conn, [report(claim, "أ", event(claim, kind=CLASH, actor1=REBELS, actor2=GOV, status="claimed",
                                          sources=(("فيلق الرحمن", "claims"),), claimed_by=("Faylaq al-Rahman",))),
                 report(denial, "ب", event(denial, kind=CLASH, actor1=REBELS, actor2=GOV, status="denied",
                                           sources=(("قوات النظام", "denies"),),
                                           denied_by=("Military Forces of Syria",)))])
    [e] = _events(conn)
    assert e["status"] == "denied"
    assert e["claimed_by"] == ["Faylaq al-Rahman", "فيلق الرحمن"]
    assert e["denied_by"] == ["Military Forces of Syria", "قوات النظام"]
    assert [s["stance"] for r in e["reports"] for s in r["sources"]] == ["claims", "denies"]


def test_the_merge_does_not_depend_on_which_outlet_came_first(conn, tmp_path):
    items = [report(NORTH, "أ", event(NORTH, killed=12)), report(SOUTH, "ب", event(SOUTH, killed=15)),
             report(OTHER_TOWN, "ج", event(OTHER_TOWN, place="kafranbel", killed=7))]
    store(conn, items)
    other = connect(tmp_path / "reversed.db")
    store(other, items[::-1])
    shape = lambda c: sorted((e["location"]["ref"], e["fatalities"], len(e["reports"])) for e in load_events(c))
    assert shape(conn) == shape(other) == [("p:douma", 12, 2), ("p:kafranbel", 7, 1)]


def test_show_explains_and_split_undoes_a_merge_for_good(conn, monkeypatch):
    store(conn, [report(NORTH, "وكالة الشمال", event(NORTH, killed=12)),
                 report(SOUTH, "صحيفة الميدان", event(SOUTH, killed=15))])
    [e] = _events(conn)
    text = explain_event(load_event(conn, e["id"]))
    assert "وكالة الشمال" in text and "صحيفة الميدان" in text and "why: same type ASSAULT / Air/drone strike" in text
    assert "the lowest of" in text
    second = e["reports"][1]["id"]
    with transaction(conn):
        new_id = split_event(conn, e["id"], [second], "0", "kb", "2024-01-01T00:00:00")
    events = {x["id"]: x for x in _events(conn)}
    assert set(events) == {e["id"], new_id}
    assert events[new_id]["fatalities"] == 15 and events[e["id"]]["fatalities"] == 12
    assert "split from" in events[new_id]["reports"][0]["reason"]
    # a later re-processing (a new knowledge base) re-runs the merge, which respects the split
    docs = {r["article_id"]: r for x in events.values() for r in x["reports"]}
    monkeypatch.setattr("rasid.store.run.kb_digest", lambda: "kb-2")
    texts = {a: conn.execute("SELECT text FROM articles WHERE id=?", (a,)).fetchone()[0] for a in docs}
    by_text = {NORTH: document(NORTH, [event(NORTH, killed=12)]), SOUTH: document(SOUTH, [event(SOUTH, killed=15)])}
    summary = reprocess(conn, extractor=lambda a: by_text[a.text], progress=False)
    assert summary.updated == 2 and set(texts.values()) == {NORTH, SOUTH}
    assert len(_events(conn)) == 2


def test_split_rejects_taking_every_report(conn):
    from rasid.errors import StoreError

    store(conn, [report(NORTH, "أ", event(NORTH)), report(SOUTH, "ب", event(SOUTH))])
    [e] = _events(conn)
    with pytest.raises(StoreError, match="both sides"), transaction(conn):
        split_event(conn, e["id"], [r["id"] for r in e["reports"]], "0", "kb", "now")


def test_merge_through_the_pipeline(tmp_path):
    """The same merge with events the real coder finds (skips until the coder codes these sentences)."""
    import rasid
    from rasid.store.run import RunSummary, ingest_items
    from tests.store.helpers import article

    docs = [rasid.extract(t, published="2018-03-12", outlet=o) for t, o in ((NORTH, "أ"), (SOUTH, "ب"))]
    if not all(any(e.acled_subtype == "Air/drone strike" and not e.negated for e in d.events) for d in docs):
        pytest.skip("rasid.extract codes no air strike in these sentences yet (the event coder is not in)")
    conn = connect(tmp_path / "rasid.db")
    ingest_items(conn, [article(NORTH, "أ"), article(SOUTH, "ب")], RunSummary())
    both = [e for e in load_events(conn) if {r["outlet"] for r in e["reports"]} == {"أ", "ب"}]
    assert len(both) == 1, "the strike both outlets report should be one dataset event"
    # the English name comes from whichever gazetteer is built (OCHA writes Duma, the curated list Douma)
    assert (both[0]["acled_subtype"], both[0]["location"]["name"] in ("Douma", "Duma"), both[0]["fatalities"]) == (
        "Air/drone strike", True, 12)
