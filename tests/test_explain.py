"""`rasid explain` shows each event's trigger, rule and evidence."""
import subprocess
import sys

import rasid
from rasid.explain import explain

TEXT = "وقصفت قوات النظام بلدة كفرنبل أمس، ما أدى إلى مقتل ثلاثة مدنيين."


def test_explain_lists_rule_and_marks_trigger():
    out = explain(rasid.extract(TEXT, published="2019-04-10"), color=False)
    assert "ASSAULT" in out and "rule      shelling" in out
    assert "[قصفت]" in out or "[وقصفت]" in out or "قصفت]" in out
    assert "killed    3" in out


def test_explain_colour_on_request():
    out = explain(rasid.extract(TEXT, published="2019-04-10"), color=True)
    assert "\033[" in out


def test_explain_cli(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "rasid", "explain", str(f), "--published", "2019-04-10"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "evidence" in p.stdout


def test_explain_cli_dropped(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT + " وعرض الجيش زوارق الصواريخ الجديدة.", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "rasid", "explain", str(f), "--published", "2019-04-10", "--dropped"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "dropped" in p.stdout and "rockets:noun" in p.stdout
