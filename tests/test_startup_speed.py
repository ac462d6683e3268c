"""Start-up (issues 12, 24): the window comes up without loading what only later pages and actions need;
since issue 24 its frame is painted before the data folder is even opened.

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


def probe_lines(data_dir: Path) -> list[str]:
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
    assert result.returncode == 0, result.stdout[-2000:]
    return result.stdout.splitlines()


def imported_before_window(data_dir: Path) -> set[str]:
    lines = probe_lines(data_dir)
    shown = next(index for index, line in enumerate(lines) if "main window shown" in line)
    return {line.rsplit("|", 1)[-1].strip() for line in lines[:shown] if line.startswith("import time:")}


@pytest.mark.slow
def test_the_window_shows_before_anything_heavy_is_imported(ctx: AppContext) -> None:
    seed_demo(ctx)  # requests, postings, decisions, documents: every 工作台 source has something to say
    ctx.close()
    imported = imported_before_window(ctx.paths.root)
    assert "app.ui.main_window" in imported and "app.ui.window_frame" in imported
    heavy = sorted(name for name in imported if name in HEAVY or name.split(".")[0] in HEAVY)
    assert heavy == []
    # The 工作台's sources load after the window is shown, through the task runner.
    assert (
        "app.services.requests.service" not in imported
        and "app.services.dashboard.statistics" not in imported
    )


# Light enough for the frame (checked with -X importtime: a few ms together): enums and a font lookup.
LIGHT_SERVICES = {
    "app.services",
    "app.services.permissions",
    "app.services.formats",
    "app.services.formats.fonts",
}


@pytest.mark.slow
def test_the_frame_paints_before_sqlalchemy_the_models_and_the_services(ctx: AppContext) -> None:
    """Issue 24: the frame (navigation, 「正在打开数据…」) paints first; then the data opens and the pages
    attach, which the probe reports on a second line."""
    seed_demo(ctx)
    ctx.close()
    lines = probe_lines(ctx.paths.root)
    shown = next(index for index, line in enumerate(lines) if "main window shown" in line)
    imported = {line.rsplit("|", 1)[-1].strip() for line in lines[:shown] if line.startswith("import time:")}
    data_side = sorted(
        name
        for name in imported
        if name.split(".")[0] == "sqlalchemy"
        or name == "app.models"
        or name.startswith(("app.models.", "app.cli"))
        or (name.startswith("app.services") and name not in LIGHT_SERVICES)
    )
    assert data_side == []
    attached = next(index for index, line in enumerate(lines) if line.startswith("data attached"))
    assert attached > shown
    after = {
        line.rsplit("|", 1)[-1].strip() for line in lines[shown:attached] if line.startswith("import time:")
    }
    assert "sqlalchemy" in after and "app.ui.pages.dashboard_page" in after  # the pages came with the data
    shown_ms = int(lines[shown].split()[3])
    attached_ms = int(lines[attached].split()[2])
    assert attached_ms >= shown_ms
