"""Start-up (issue 12): the window comes up without loading what only later pages and actions need.

Deterministic, not timed: `python -X importtime main.py --startup-probe` on a demo folder, with the import
log and the probe's 「main window shown」 line in one stream, so everything imported before the line is known.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.context import AppContext
from app.services.demo.seed_demo import seed_demo

ROOT = Path(__file__).resolve().parent.parent
# Libraries only a page or an action needs: .docx, .xlsx, PDF, charts, the PDF preview.
HEAVY = ("docx", "openpyxl", "reportlab", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets")


def imported_before_window(data_dir: Path) -> set[str]:
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            str(ROOT / "main.py"),
            "--data-dir",
            str(data_dir),
            "--startup-probe",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one pipe: the import lines and the probe line keep their order
        text=True,
        encoding="utf-8",
        timeout=180,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout[-2000:]
    shown = next(index for index, line in enumerate(lines) if "main window shown" in line)
    return {line.rsplit("|", 1)[-1].strip() for line in lines[:shown] if line.startswith("import time:")}


@pytest.mark.slow
def test_the_window_shows_before_anything_heavy_is_imported(ctx: AppContext) -> None:
    seed_demo(ctx)  # requests, postings, decisions, documents: every 工作台 source has something to say
    ctx.close()
    imported = imported_before_window(ctx.paths.root)
    assert "app.ui.main_window" in imported and "app.ui.pages.dashboard_page" in imported
    heavy = sorted(name for name in imported if name in HEAVY or name.split(".")[0] in HEAVY)
    assert heavy == []
    # The 工作台's sources load after the window is shown, through the task runner.
    assert (
        "app.services.requests.service" not in imported
        and "app.services.dashboard.statistics" not in imported
    )
