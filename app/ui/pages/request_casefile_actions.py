"""案卷 on the requests page: add, open and void a case's papers; 「生成案卷…」 for one case or a year."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from app import APP_NAME
from app.services.common import IsCancelled, Progress
from app.services.requests.casefile.batch import BatchResult, build_year, file_name
from app.services.requests.casefile.build import CaseFileBuilder, CaseFileResult
from app.services.requests.casefile.papers import PaperService, PaperView, ReadText
from app.services.requests.types import CaseDetail, CaseStatus
from app.ui.dialogs.case_paper_dialog import CasePaperDialog
from app.ui.dialogs.reason_dialog import ask_reason
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.widgets.case_papers_panel import CasePapersPanel
from app.ui.widgets.request_case_view import RequestCaseView

if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object  # the page itself is the QWidget; the mixin only adds methods


def ocr_reader() -> ReadText | None:
    """The offline OCR of app/services/scans as the papers' text reader; None when it is not installed."""
    from app.services.scans.engine import engine_installed
    from app.services.scans.read import read_pages

    if not engine_installed():
        return None

    def read(path: Path, progress: Progress, is_cancelled: IsCancelled) -> str:
        return "\n".join(page.text for page in read_pages(path, progress, is_cancelled))

    return read


class RequestCasefileActions(_Base):
    """Mixed into RequestsPage, which provides the attributes declared here."""

    services: PageServices
    case_view: RequestCaseView
    papers_panel: CasePapersPanel
    _last_dialog: QDialog | None

    if TYPE_CHECKING:

        @property
        def today(self) -> date: ...

    def _current_detail(self) -> CaseDetail | None:
        return self.case_view.detail

    @property
    def paper_service(self) -> PaperService:
        return PaperService(self.services.ctx.sessions, self.services.ctx.attachments)

    def connect_papers(self, panel: CasePapersPanel) -> None:
        self.papers_panel = panel
        panel.add_requested.connect(self.add_paper)
        panel.opened.connect(self.open_paper)
        panel.void_requested.connect(self.void_paper)
        panel.casefile_requested.connect(self.make_casefile)

    def show_papers(self, detail: CaseDetail) -> None:
        closed = f"申请{detail.status}，案卷材料不能再改动" if detail.status == CaseStatus.VOIDED else ""
        self.papers_panel.show_papers(self.paper_service.papers(detail.id), closed)

    def add_paper(self) -> CasePaperDialog | None:
        detail = self._current_detail()
        if detail is None:
            return None
        service, actor = self.paper_service, self.services.actor
        dialog = CasePaperDialog(lambda paper: service.add(actor, detail.id, paper), self.today, self)
        self._last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_papers(detail)
            if dialog.result_value is not None and dialog.result_value.sha256:
                self.read_paper_text(dialog.result_value)
        return dialog

    def read_paper_text(self, paper: PaperView) -> None:
        """OCR the new scan in the background (seconds a page), so its words find the case later."""
        service = self.paper_service

        def job(progress: Progress, cancelled: IsCancelled) -> str:
            read = (
                ocr_reader()
            )  # the first check imports OpenCV (about a second): here, not on the window's thread
            if read is None:  # a build without the OCR add-on: the paper is kept without text
                return ""
            return service.read_text(paper.id, read, progress, cancelled)

        self.services.runner.run(
            job,
            on_success=lambda _text: None,
            parent=self,
            label=f"正在识别「{paper.file_name}」的文字…",
        )

    def open_paper(self, paper: PaperView) -> None:
        source = self.paper_service.file_path(paper)
        if source is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="zwgk-paper-"))  # the store names files by checksum
        target = folder / paper.file_name
        shutil.copyfile(source, target)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def void_paper(self, paper: PaperView) -> None:
        detail = self._current_detail()
        reason = ask_reason(
            self, "作废案卷材料", f"作废「{paper.listed}」？作废后仍列在案卷材料中，但不再编入案卷。", "作废"
        )
        if detail is None or reason is None:
            return
        with user_errors(self):
            self.paper_service.void(self.services.actor, paper.id, reason)
        self.show_papers(detail)

    def _builder(self) -> CaseFileBuilder:
        ctx = self.services.ctx
        return CaseFileBuilder.with_local_office(ctx.sessions, ctx.attachments)

    def _office_name(self) -> str:
        office = self.services.ctx.settings.office()
        return office.name if office else ""

    def make_casefile(self, target: Path | None = None) -> None:
        """「生成案卷…」 for the open case; `target` skips the save dialog (tests)."""
        detail = self._current_detail()
        if detail is None:
            return
        if target is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = Path(folder) / file_name(detail.number)
            name, _ = QFileDialog.getSaveFileName(self, "生成案卷", str(suggested), "PDF 文件 (*.pdf)")
            if not name:
                return
            target = Path(name)
        builder, actor, office = self._builder(), self.services.actor, self._office_name()
        self.services.runner.run(
            lambda _p, _c: builder.build(actor, detail.id, target, office),
            on_success=self._casefile_done,
            parent=self,
            label=f"正在生成 {detail.number} 的案卷…",
        )

    def _casefile_done(self, result: CaseFileResult) -> None:
        QMessageBox.information(
            self,
            APP_NAME,
            f"已生成案卷（{len(result.toc)} 件，共 {result.pages} 页）：{result.path}\n"
            f"本案的文书按{result.letters_as}编入。",
        )

    def make_year_casefiles(self, year: int | None = None, folder: Path | None = None) -> None:
        """A year's 案卷, one PDF per case, with progress and 取消 (the year-end hand-over)."""
        if year is None:
            chosen, ok = QInputDialog.getInt(self, "生成全年案卷", "登记年份：", self.today.year, 2000, 2100)
            if not ok:
                return
            year = chosen
        if folder is None:
            name = QFileDialog.getExistingDirectory(self, f"选择保存 {year} 年案卷的文件夹")
            if not name:
                return
            folder = Path(name)
        builder, actor, office = self._builder(), self.services.actor, self._office_name()
        sessions = self.services.ctx.sessions
        self.services.runner.run(
            lambda progress, cancelled: build_year(
                actor, builder, sessions, year, folder, office, progress, cancelled
            ),
            on_success=self._year_done,
            parent=self,
            label=f"正在生成 {year} 年的案卷…",
        )

    def _year_done(self, result: BatchResult) -> None:
        QMessageBox.information(self, APP_NAME, result.summary())
