"""Crash safety (issue 8 §7): a large import killed with SIGKILL at random moments never leaves a broken or
half-imported data folder: `python main.py check` passes and the import is all there or not at all."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from app.cli import main as cli_main
from tests.cli.test_cli import ROOT, run_main
from tests.travel import python_command

TRIALS = 20
COUNT = 150
COMMIT_WINDOW = 0.3  # seconds: about how long the one transaction (150 rows + 150 audit entries) takes
HELPER = ROOT / "tests" / "crash_import_helper.py"


def _start(data: Path, tag: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*python_command(), str(HELPER), str(data), str(COUNT), tag],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )


def _wait_for(process: subprocess.Popen[str], word: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == word:
            return
    raise AssertionError(f"helper ended before {word}")


def _imported(data: Path, tag: str) -> tuple[int, int]:
    with sqlite3.connect(data / "zwgk.sqlite3") as connection:
        rows = connection.execute(
            "SELECT COUNT(*) FROM attachments WHERE original_name LIKE ?", (f"{tag}-%",)
        )
        entries = connection.execute(
            "SELECT COUNT(*) FROM audit_entries WHERE entity_id LIKE ?", (f"{tag}-%",)
        )
        result = (int(rows.fetchone()[0]), int(entries.fetchone()[0]))
    connection.close()
    return result


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX; Windows TerminateProcess behaves the same way")
def test_killed_import_is_all_or_nothing_and_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "数据"
    assert run_main("--data-dir", str(data), "demo").returncode == 0
    started = time.perf_counter()
    with _start(data, "full") as full:
        _wait_for(full, "READY")
        ready = time.perf_counter()
        assert full.wait(timeout=120) == 0
        duration = time.perf_counter() - ready
    assert _imported(data, "full") == (COUNT, COUNT)
    rng = random.Random(8)
    outcomes: dict[str, int] = {"absent": 0, "complete": 0, "in_commit": 0}
    for trial in range(TRIALS):
        tag = f"t{trial}"
        # Half the kills land anywhere in the run, half inside the committing transaction.
        phase = "READY" if trial % 2 == 0 else "COMMIT"
        with _start(data, tag) as process:
            _wait_for(process, phase)
            time.sleep(rng.uniform(0, duration if phase == "READY" else COMMIT_WINDOW))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        rows, entries = _imported(data, tag)
        assert (rows, entries) in ((0, 0), (COUNT, COUNT)), f"trial {trial}: {rows} rows, {entries} entries"
        outcomes["complete" if rows else "absent"] += 1
        outcomes["in_commit"] += phase == "COMMIT"
        # `python main.py check` is `app.cli.main(["check"])`; run in-process to skip 20 interpreter starts.
        capsys.readouterr()
        code = cli_main(["--data-dir", str(data), "check"])
        report = capsys.readouterr().out
        assert code == 0 and json.loads(report)["ok"] is True, f"trial {trial}: {report}"
    took = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n{TRIALS} kills in {took:.0f} s (full import {duration:.2f} s): {outcomes}")
    assert outcomes["absent"] > 0
