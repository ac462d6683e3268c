"""Start-up (issue 24): nothing heavy before the main window's first paint — document and spreadsheet
libraries, images, numbers, charts, PDF, the PostgreSQL driver and dialect — and no migration machinery
(Alembic) when the data folder is already at the current revision. The probe line is printed after the
first paint (ui/startup_probe.py), so the import log before it is exactly what the window waited for."""

from __future__ import annotations

import pytest

from app.services.context import AppContext
from app.services.demo.seed_demo import seed_demo
from tests.test_startup_speed import imported_before_window

HEAVY = (
    "docx",
    "openpyxl",
    "python_calamine",
    "reportlab",
    "numpy",
    "PIL",
    "lxml",
    "psycopg",
    "psycopg2",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
)


def _loaded(imported: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(name for name in imported if any(name == n or name.startswith(n + ".") for n in names))


@pytest.mark.slow
def test_nothing_heavy_and_no_migration_code_before_the_first_paint(ctx: AppContext) -> None:
    seed_demo(ctx)  # the folder a clerk opens: current revision, every 工作台 source has data
    ctx.close()
    imported = imported_before_window(ctx.paths.root)
    assert "app.ui.startup_probe" in imported  # the line came from the first-paint probe
    assert _loaded(imported, HEAVY) == []
    assert _loaded(imported, ("alembic",)) == []  # the revision is current: nothing to migrate


@pytest.mark.slow
def test_a_sqlite_folder_does_not_load_the_postgresql_dialect(ctx: AppContext) -> None:
    ctx.close()
    imported = imported_before_window(ctx.paths.root)
    assert _loaded(imported, ("sqlalchemy.dialects.postgresql",)) == []
