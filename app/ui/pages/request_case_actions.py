"""One case's actions on the requests page: letters, remedies, corrections, 依申请转主动, explanations."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.services.documents.service import DocumentDetail
from app.services.permissions import Actor
from app.services.requests.letters.pdf import docx_to_pdf, find_soffice
from app.services.requests.release import release_to_register
from app.services.requests.service import RequestService
from app.services.requests.types import LetterView, Registration, StepResult
from app.services.review.kinds import ItemKind
from app.services.settings import registry
from app.ui.dialogs.request_edit_dialog import EditRegistrationDialog
from app.ui.dialogs.request_remedy_dialog import RemedyDialog, RemedyInput, RemedyResultDialog
from app.ui.dialogs.review_sheet_dialog import open_new_review_sheet
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.widgets.request_case_view import RequestCaseView

if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object  # the page itself is the QWidget; the mixin only adds methods


class RequestCaseActions(_Base):
    """Mixed into RequestsPage; the page provides the attributes declared here."""

    services: PageServices
    case_view: RequestCaseView
    _service: RequestService
    _actor: Actor
    _last_dialog: QDialog | None
    released: DocumentDetail | None

    if TYPE_CHECKING:

        @property
        def today(self) -> date: ...

        def _reload(self, result: StepResult | None = None) -> None: ...

    def issue_letter(self, kind: str) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        letters, actor, today = self._service.letters, self._actor, self.today
        warning = letters.provisional_warning(detail.id, kind, today)
        if warning and not self._confirm_provisional(kind, warning):
            return
        self.services.runner.run(
            lambda _p, _c: letters.issue(actor, detail.id, kind, today),
            on_success=self._on_letter_issued,
            parent=self,
            label=f"正在生成{kind}…",
        )

    def _confirm_provisional(self, kind: str, warning: str) -> bool:
        """A letter must not state a 暂定 date without the clerk knowing it may still move (issue 18)."""
        box = QMessageBox(QMessageBox.Icon.Warning, f"出具{kind}", warning, parent=self)
        issue = box.addButton("仍要出具", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        self._last_dialog = box
        box.exec()
        return box.clickedButton() is issue

    def _on_letter_issued(self, letter: LetterView) -> None:
        self._reload()
        self.case_view.letters.setCurrentRow(self.case_view.letters.count() - 1)
        QMessageBox.information(self, APP_NAME, f"已出具{letter.kind}（{letter.number}），已保存在本案件中。")

    def _readable_copy(self, letter: LetterView) -> Path:
        """The store keeps files by checksum; Word needs a .docx name, so open a named temporary copy."""
        folder = Path(tempfile.mkdtemp(prefix="zwgk-letter-"))
        target = folder / letter.file_name
        shutil.copyfile(self._service.letters.file_path(letter), target)
        return target

    def open_letter(self, letter: LetterView) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._readable_copy(letter))))

    def print_letter(self, letter: LetterView) -> None:
        with user_errors(self) as attempt:
            self._service.letters.record_print(self._actor, letter.id)
        if not attempt.ok:
            return
        # WORKAROUND: Qt has no .docx printing; the office's Word/WPS prints it from its own dialog.
        self.open_letter(letter)

    def add_remedy(self) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        remedies, actor, today = self._service.remedies, self._actor, self.today

        def submit(values: RemedyInput) -> object:
            stage, filed, body, result, closed = values
            return remedies.add(
                actor,
                detail.id,
                stage,
                filed,
                body,
                result,
                closed,
                today=today,
                expected_version=detail.version,
            )

        default_body = self.services.ctx.settings.read(registry.REVIEW_BODY)
        dialog = RemedyDialog(submit, today, default_body, self)  # type: ignore[arg-type]
        self._last_dialog = dialog
        dialog.exec()
        self._reload()  # saved, or refused as stale: either way show the case as it now is

    def show_explanation(self) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"答复期限如何计算 — {detail.number}")
        dialog.resize(640, 560)
        text = QPlainTextEdit(detail.explanation)
        text.setReadOnly(True)
        close = QPushButton("关闭")
        close.clicked.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self._last_dialog = dialog
        dialog.exec()

    def reveal_id(self) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        with user_errors(self) as attempt:
            value = self._service.reveal_id_number(self._actor, detail.id)
        if not attempt.ok:
            return
        QMessageBox.information(self, APP_NAME, f"{detail.id_type}：{value}\n（本次查看已记入操作日志）")

    def edit_registration(self) -> EditRegistrationDialog | None:
        """修改登记信息: open cases by any clerk; closed ones only by a 管理员 with a reason."""
        detail = self.case_view.detail
        if detail is None:
            return None
        service, actor, today = self._service, self._actor, self.today

        def submit(reg: Registration, reason: str) -> StepResult:
            return service.edit_registration(actor, detail.id, reg, reason, today, detail.version)

        current = service.editor.current(detail.id)
        dialog = EditRegistrationDialog(submit, current, not detail.is_open, service.departments(), self)
        self._last_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._reload(dialog.result_value if accepted else None)
        return dialog

    def update_remedy(self) -> RemedyResultDialog | None:
        detail = self.case_view.detail
        if detail is None or not detail.remedies:
            return None
        remedies, actor, today = self._service.remedies, self._actor, self.today
        dialog = RemedyResultDialog(
            detail.remedies,
            lambda remedy_id, result, closed: remedies.update(
                actor, remedy_id, result, closed, today, expected_version=detail.version
            ),
            today,
            self,
        )
        self._last_dialog = dialog
        dialog.exec()
        self._reload()
        return dialog

    def release_proactive(self) -> DocumentDetail | None:
        """条例第四十四条: register the released information as 主动公开, then start its 保密审查."""
        detail = self.case_view.detail
        if detail is None:
            return None
        question = (
            "将本件已公开的信息登记到公文目录（主动公开），并以答复告知书作为附件？\n"
            "登记后将打开「发起保密审查」，审查通过后才能发布。"
        )
        if self._ask(question) != QMessageBox.StandardButton.Yes:
            return None
        office = self.services.ctx.settings.office()
        with user_errors(self) as attempt:
            document = release_to_register(
                self.services.ctx.sessions,
                self._service,
                self.services.ctx.documents,
                self._actor,
                detail.id,
                office.name if office else "",
            )
        if not attempt.ok:
            return None
        self.released = document
        self._reload()
        open_new_review_sheet(
            self, self.services, ItemKind.DOCUMENT.value, document.id, document.values.title
        )
        return document

    def export_letter_pdf(self, letter: LetterView) -> None:
        """导出 PDF via LibreOffice (only offered when it is installed); the .docx stays the record."""
        soffice = find_soffice()
        if soffice is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / f"{Path(letter.file_name).stem}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "导出 PDF", str(suggested), "PDF 文件 (*.pdf)")
        if not name:
            return
        source = self._service.letters.file_path(letter)
        self.services.runner.run(
            lambda _p, _c: docx_to_pdf(soffice, source, Path(name)),
            on_success=self._pdf_done,
            parent=self,
            label="正在用 LibreOffice 转换为 PDF…",
        )

    def _pdf_done(self, path: Path) -> None:
        QMessageBox.information(self, APP_NAME, f"已导出 PDF：{path}")

    def _ask(self, question: str) -> QMessageBox.StandardButton:
        return QMessageBox.question(self, APP_NAME, question)
