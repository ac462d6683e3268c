"""Issue 18: only app/clock.py reads the wall clock, so the tests, the demo and the bench set the date."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

from app.clock import SYSTEM_CLOCK, Clock, SetClock, clock_of

ROOT = Path(__file__).resolve().parent.parent
THE_CLOCK = ROOT / "app" / "clock.py"
# (object, attribute) pairs that read the machine's date or time of day
WALL_CLOCK_READS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "localtime"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QTime", "currentTime"),
}


def wall_clock_reads(source: Path) -> list[str]:
    """`date.today()`, `datetime.datetime.now()`, `QDate.currentDate()` …, as "line name()"; a reference
    kept to call later (`self.today = date.today`) counts too."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if (name, node.attr) in WALL_CLOCK_READS:
            found.append((node.lineno, f"{node.lineno} {name}.{node.attr}()"))
    return [hit for _line, hit in sorted(found)]


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    sources = [*sorted((ROOT / "app").rglob("*.py")), ROOT / "main.py"]
    offenders = [
        f"{path.relative_to(ROOT)}:{hit}"
        for path in sources
        if path != THE_CLOCK
        for hit in wall_clock_reads(path)
    ]
    assert offenders == []
    assert [hit.split(" ")[1] for hit in wall_clock_reads(THE_CLOCK)] == ["datetime.now()"]


def test_tests_set_the_date_they_need() -> None:
    """A test that read the machine's date would pass or fail with the day it runs on."""
    here = Path(__file__)
    offenders = [
        f"{path.relative_to(ROOT)}:{hit}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path != here
        for hit in wall_clock_reads(path)
    ]
    assert offenders == []


def test_checker_finds_each_spelling(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import datetime, time\nfrom datetime import date\n"
        "a = date.today()\nb = datetime.datetime.now()\nc = time.time()\nd = QDate.currentDate()\n"
        "self.today = date.today\n",
        encoding="utf-8",
    )
    assert wall_clock_reads(bad) == [
        "3 date.today()",
        "4 datetime.now()",
        "5 time.time()",
        "6 QDate.currentDate()",
        "7 date.today()",
    ]


def test_a_set_clock_runs_on_from_the_moment_it_was_set_and_can_cross_midnight() -> None:
    clock = SetClock(datetime(2026, 12, 31, 23, 59, 59))
    assert clock.today() == date(2026, 12, 31)
    clock.advance(timedelta(seconds=2))
    assert clock.today() == date(2027, 1, 1)
    assert clock.now() >= datetime(2027, 1, 1, 0, 0, 1)
    still = SetClock(date(2029, 12, 31), running=False)
    assert still.now() == still.now() == datetime(2029, 12, 31, 9, 0)
    assert still.stamp().microsecond == 0


def test_a_session_without_a_clock_falls_back_to_the_machine_clock() -> None:
    set_clock = SetClock(date(2027, 3, 1))
    assert clock_of({"clock": set_clock}) is set_clock
    assert clock_of({}) is SYSTEM_CLOCK
    assert isinstance(SYSTEM_CLOCK, Clock) and not isinstance(SYSTEM_CLOCK, SetClock)
