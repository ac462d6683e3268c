"""Catalogue page actions (issue 23 part F): 「自查自纠报告…」 writes the .xlsx or .docx in the background
and says where it went; 「复制年报段落」 puts the paragraph for the 年度报告's section 五 or 六 on the
clipboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.services.catalogue.selfcheck.service import SelfCheckService
from app.services.catalogue.selfcheck.types import SelfCheckReport
from app.services.common import IsCancelled, Progress
from app.ui.dialogs.catalogue_report_dialog import SelfCheckDialog
from app.ui.page_services import PageServices

TITLE = "自查自纠报告"
COPIED = (
    "已复制到剪贴板。可粘贴到年度报告「五、存在的主要问题及改进情况」或「六、其他需要报告的事项」，"
    "再按需要修改：\n\n{paragraph}"
)


def self_check_service(services: PageServices) -> SelfCheckService:
    ctx = services.ctx
    return SelfCheckService(ctx.sessions, ctx.calendar, ctx.settings)


def make_self_check_report(parent: QWidget, services: PageServices, year: int | None = None) -> None:
    """Ask year, quarter, date and file; build and write off the GUI thread; a message names the file."""
    today = services.ctx.clock.today()
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    dialog = SelfCheckDialog(year or today.year, today, folder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
        return
    choice, service = dialog.choice, self_check_service(services)

    def job(progress: Progress, cancelled: IsCancelled) -> Path:
        report = service.build(choice.year, choice.quarter, choice.as_of, progress, cancelled)
        return service.write(report, choice.path)

    def written(path: Path) -> None:
        QMessageBox.information(parent, TITLE, f"已生成自查自纠报告：\n{path}")

    services.runner.run(job, on_success=written, parent=parent, label="正在生成自查自纠报告…")


def copy_report_paragraph(
    parent: QWidget, services: PageServices, year: int | None = None, quarter: int | None = None
) -> None:
    """The paragraph of the year (or quarter) as checked today, on the clipboard and shown to the clerk."""
    service = self_check_service(services)
    chosen = year or services.ctx.clock.today().year

    def copied(report: SelfCheckReport) -> None:
        QApplication.clipboard().setText(report.paragraph)
        QMessageBox.information(parent, "复制年报段落", COPIED.format(paragraph=report.paragraph))

    services.runner.run(
        lambda progress, cancelled: service.build(chosen, quarter, None, progress, cancelled),
        on_success=copied,
        parent=parent,
        label="正在汇总公开情况…",
    )
