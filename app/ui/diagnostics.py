"""What the running program found of its bundled files; `--smoke-test` prints it to prove a build complete."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.models.migrate import HEAD_REVISION, MIGRATIONS_DIR, alembic_config
from app.paths import resource_path, resource_root
from app.services.formats.fonts import FontRole, bundled_font_path, register_pdf_font
from app.ui import diagnostics_scans

log = logging.getLogger("zwgk.diagnostics")
SAMPLE_TEXT = "政务公开"
# A Sunday made a working day by the State Council's 2025 holiday notice (国办发明电〔2024〕12号).
ADJUSTED_WORKDAY = date(2025, 1, 26)


@dataclass(frozen=True)
class ResourceReport:
    """One line of facts; `problems` is empty when everything the app loads at run time was found."""

    frozen: bool
    resource_root: Path
    migrations_dir: Path
    migration_revisions: int
    migration_head: str | None
    font_found: bool
    stylesheet_found: bool
    icon_count: int
    template_count: int
    qt_translation: str
    libraries: tuple[str, ...]
    problems: tuple[str, ...]

    def summary(self) -> str:
        head = self.migration_head or "-"
        return (
            f"resources: frozen={'yes' if self.frozen else 'no'}"
            f" migrations={self.migration_revisions} head={head}"
            f" font={'ok' if self.font_found else 'MISSING'}"
            f" stylesheet={'ok' if self.stylesheet_found else 'MISSING'}"
            f" icons={self.icon_count} templates={self.template_count}"
            f" qt_zh_CN={self.qt_translation or 'MISSING'}"
            f" libraries={','.join(self.libraries) or '-'}"
            f" problems={len(self.problems)}{''.join(f' [{p}]' for p in self.problems)}"
            f" root={self.resource_root}"
        )


def _migrations() -> tuple[int, str | None, str | None]:
    """Revision count and head, loading every script the way an upgrade does."""
    from alembic.script import ScriptDirectory

    try:
        scripts = ScriptDirectory.from_config(alembic_config())
        return len(list(scripts.walk_revisions())), scripts.get_current_head(), None
    except Exception as exc:  # a missing or unimportable script: report it, the caller decides
        return 0, None, f"migrations: {exc}"


def _qt_translation() -> str:
    """Qt's 'Cancel' from the catalogues app/ui/theme.py loads, found the same way ('' when missing)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase, meta = QTranslator(), QTranslator()
    if not (qtbase.load("qtbase_zh_CN", folder) and meta.load("qt_zh_CN", folder)):
        return ""
    return qtbase.translate("QPlatformTheme", "Cancel") or ""


def check_libraries() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Write and read back a .docx, .xlsx and a Chinese PDF in memory; look up a 调休 day; read an OFD, join a
    案卷 and OCR a rendered line (issue 22).

    These libraries keep data files and lazily imported modules that a frozen build can miss.
    """
    passed: list[str] = []
    problems: list[str] = []

    def attempt(name: str, check: Callable[[], bool]) -> None:
        try:
            ok = check()
        except Exception as exc:  # the report names the failure; the smoke test fails on it
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
            return
        (passed if ok else problems).append(name)

    attempt("docx", _docx_round_trip)
    attempt("xlsx", _xlsx_round_trip)
    attempt("pdf", _pdf_round_trip)
    attempt("calendar", _calendar_lookup)
    attempt("postgres", _postgres_driver)
    attempt("ofd", diagnostics_scans.ofd_reads_text)
    attempt("casefile", diagnostics_scans.casefile_pages_join)
    if diagnostics_scans.ocr_models_folder() is not None:  # absent only in a build without the OCR component
        attempt("ocr", diagnostics_scans.ocr_reads_rendered_text)
    return tuple(passed), tuple(problems)


def _docx_round_trip() -> bool:
    from docx import Document  # needs python-docx's bundled default template

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(SAMPLE_TEXT)
    document.save(buffer)
    return any(p.text == SAMPLE_TEXT for p in Document(io.BytesIO(buffer.getvalue())).paragraphs)


def _xlsx_round_trip() -> bool:
    """Written with openpyxl, read back as the importers read (python-calamine, a compiled extension)."""
    from openpyxl import Workbook

    from app.services.formats.sheet_reader import read_xlsx_bytes

    buffer = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = SAMPLE_TEXT
    workbook.save(buffer)
    return bool(read_xlsx_bytes(buffer.getvalue(), "检查.xlsx")[0].rows[0][0] == SAMPLE_TEXT)


def _pdf_round_trip() -> bool:
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(register_pdf_font(FontRole.FANGSONG, search_dirs=[]), 12)  # [] = the bundled font only
    canvas.drawString(72, 720, SAMPLE_TEXT)
    canvas.save()
    return SAMPLE_TEXT in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


def _calendar_lookup() -> bool:
    """A 调休 day from chinesecalendar's data, and 春节 2030 from lunar-python (the provisional calendar)."""
    import chinese_calendar

    from app.services.workdays.provisional import lunar_day

    return bool(chinese_calendar.is_workday(ADJUSTED_WORKDAY)) and lunar_day(2030, 1, 1) == date(2030, 2, 3)


def _postgres_driver() -> bool:
    """Server mode (issue 14): SQLAlchemy's psycopg dialect and libpq load (no server is contacted)."""
    import psycopg
    from sqlalchemy import create_engine

    engine = create_engine("postgresql+psycopg://zwgk@127.0.0.1/zwgk")  # connects only when used
    engine.dispose()
    return psycopg.pq.version() > 0


def _file_count(folder: Path, pattern: str) -> int:
    return sum(1 for path in folder.rglob(pattern) if path.is_file()) if folder.is_dir() else 0


def resource_report(libraries: bool | None = None) -> ResourceReport:
    """Check every bundled resource and log the summary (a windowed Windows exe has no console).

    `libraries` (default: only when frozen) also runs check_libraries().
    """
    frozen = bool(getattr(sys, "frozen", False))
    revisions, head, migration_problem = _migrations()
    font_found = bundled_font_path().is_file()
    stylesheet_found = resource_path("style.qss").is_file()
    icon_count = _file_count(resource_path("icons"), "*.svg")
    translation = _qt_translation()
    passed, library_problems = check_libraries() if (frozen if libraries is None else libraries) else ((), ())
    problems = [migration_problem] if migration_problem else []
    if head != HEAD_REVISION and not migration_problem:
        problems.append(f"migration head {head} != {HEAD_REVISION}")
    problems += [] if font_found else ["font missing"]
    problems += [] if stylesheet_found else ["style.qss missing"]
    problems += [] if icon_count else ["no icons"]
    problems += [] if translation else ["qt zh_CN translations missing"]
    report = ResourceReport(
        frozen=frozen,
        resource_root=resource_root(),
        migrations_dir=MIGRATIONS_DIR,
        migration_revisions=revisions,
        migration_head=head,
        font_found=font_found,
        stylesheet_found=stylesheet_found,
        icon_count=icon_count,
        template_count=_file_count(resource_path("templates"), "*.*"),
        qt_translation=translation,
        libraries=passed,
        problems=(*problems, *library_problems),
    )
    log.log(logging.WARNING if report.problems else logging.INFO, "%s", report.summary())
    return report
