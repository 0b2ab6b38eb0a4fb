"""The dataset commands end to end, as real subprocesses: ingest, export, show, split, and killed runs."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DEV, need_shared
from tests.store.synth import make_articles

ROOT = Path(__file__).absolute().parents[2]
TIMESTAMPS = {"ingested_at", "processed_at", "updated_at", "seen_at", "made_at", "applied_at"}


def rasid(*args, fake: bool = False, check: bool = True, **kw) -> subprocess.CompletedProcess:
    module = "tests.store.fake_rasid" if fake else "rasid"
    proc = subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, **kw)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, timestamps aside, in a stable order."""
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = {}
    for t in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in TIMESTAMPS]
        out[t] = sorted(conn.execute(f"SELECT {', '.join(map(repr, cols))} FROM {t}").fetchall(), key=repr)
    conn.close()
    return out


def export_rows(db: Path, fmt: str = "acled-csv") -> list[str]:
    text = rasid("export", "--db", db, "--format", fmt).stdout
    if fmt == "acled-csv":
        return [line.rsplit(",", 1)[0] for line in text.splitlines()]  # timestamp is the last column
    return [json.dumps({k: v for k, v in json.loads(line).items() if k != "coded_date"}, ensure_ascii=False)
            for line in text.splitlines()]


def test_dev_articles_end_to_end(tmp_path):
    pd = pytest.importorskip("pandas")
    articles = need_shared(DEV / "articles")
    db = tmp_path / "rasid.db"
    first = rasid("ingest", articles, "--db", db)
    n = len(list(articles.glob("*.txt")))
    assert f"{n} articles read: {n} new, 0 updated, 0 unchanged, 0 failed" in first.stdout
    assert "article/s" not in first.stderr  # no progress bar when stderr is not a terminal
    before = snapshot(db)
    second = rasid("ingest", articles, "--db", db)
    assert f"0 new, 0 updated, {n} unchanged, 0 failed" in second.stdout
    assert snapshot(db) == before
    rasid("export", "--db", db, "--format", "acled-csv", "-o", tmp_path / "events.csv")
    df = pd.read_csv(tmp_path / "events.csv")
    from rasid.store.export import ACLED_COLUMNS

    assert list(df.columns) == list(ACLED_COLUMNS)
    assert {r[0] for r in sqlite3.connect(db).execute("SELECT published FROM articles")} != {None}


def _wait_for_articles(db: Path, proc: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run finished before the signal: raise RASID_TEST_DELAY"
        if db.exists():
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            try:
                n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                n = 0  # the schema is not there yet
            finally:
                conn.close()
            if n >= at_least:
                return n
        time.sleep(0.02)
    raise AssertionError("the run made no progress")


@pytest.mark.parametrize("coder", ["fake", "real"])
def test_killed_runs_resume_to_the_same_rows_as_one_clean_run(tmp_path, coder):
    source = tmp_path / "batch.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_articles(200, seed=3)),
                      encoding="utf-8")
    env = dict(os.environ, RASID_TEST_DELAY="0.01", RASID_TEST_CODER=coder)
    db, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    cmd = [sys.executable, "-m", "tests.store.fake_rasid", "ingest", str(source), "--db", str(db)]
    # SIGINT halfway: the current article rolls back, the summary says so, exit 130
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_articles(db, proc, 40)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in out
    # SIGKILL later in a second run: nothing can be cleaned up, the WAL keeps what was committed
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed_at = _wait_for_articles(db, proc, 120)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    resumed = rasid("ingest", source, "--db", db, fake=True, env=dict(env, RASID_TEST_DELAY="0"))
    assert "200 articles read" in resumed.stdout and "0 failed" in resumed.stdout
    assert int(resumed.stdout.split(" new")[0].rsplit(" ", 1)[1]) <= 200 - killed_at
    rasid("ingest", source, "--db", clean, fake=True, env=dict(env, RASID_TEST_DELAY="0"))
    killed, once = snapshot(db), snapshot(clean)
    for table in once:
        assert killed[table] == once[table], f"table {table} differs between the killed and the clean run"
    if coder == "fake":
        assert once["events"], "the fake coder found no events: the comparison would be empty"
    for fmt in ("acled-csv", "plover-jsonl"):
        assert export_rows(db, fmt) == export_rows(clean, fmt)


def test_events_show_and_split_commands(tmp_path):
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_articles(40, seed=5))
    db = tmp_path / "rasid.db"
    assert "40 new" in rasid("ingest", "-", "--db", db, fake=True, input=lines).stdout  # JSON Lines on stdin
    table = rasid("events", "--db", db, "--type", "ASSAULT").stdout
    assert table.splitlines()[0].startswith("id") and table.rstrip().endswith("events")
    conn = sqlite3.connect(db)
    event_id, n = conn.execute("SELECT id, n_reports FROM events WHERE n_reports > 1 ORDER BY id LIMIT 1").fetchone()
    shown = rasid("show", event_id.lower(), "--db", db).stdout
    assert f"event {event_id}" in shown and shown.count("why: ") == n
    report_id = conn.execute("SELECT report_id FROM event_reports WHERE event_id = ? ORDER BY rowid DESC LIMIT 1",
                             (event_id,)).fetchone()[0]
    split = rasid("split", event_id, report_id, "--db", db).stdout
    assert "will not be merged back" in split
    assert conn.execute("SELECT n_reports FROM events WHERE id = ?", (event_id,)).fetchone()[0] == n - 1
    shown = json.loads(rasid("show", event_id, "--db", db, "--json").stdout)
    assert report_id not in [r["id"] for r in shown["reports"]]
    missing = rasid("show", "E0000000000", "--db", db, check=False)
    assert missing.returncode == 1 and missing.stderr.startswith("rasid: error: no event")
    no_db = rasid("events", "--db", tmp_path / "none.db", check=False)
    assert "run `rasid ingest" in no_db.stderr


def test_the_progress_bar_shows_rate_and_eta_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    source = tmp_path / "batch.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_articles(30)), encoding="utf-8")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal 120 columns wide
    proc = subprocess.run([sys.executable, "-m", "tests.store.fake_rasid", "ingest", str(source), "--db",
                           str(tmp_path / "x.db")], cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, timeout=120,
                          env=dict(os.environ, RASID_TEST_DELAY="0.02"))
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    bar = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "30/30" in bar and "article/s" in bar and "<" in bar  # count, rate, elapsed<remaining
