"""公文登记 from files: 「从文件登记…」, dropping a file on the list (text, OFD, scans and photos — scans are
read by OCR in the task runner), and adding or opening a registered document's attachments."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from app.services.documents.from_file import propose_from_file, registration_input
from app.services.documents.rules import DocumentInput
from app.services.documents.service import DocumentDetail, DocumentService
from app.services.formats.text_extract import TEXT_SUFFIXES
from app.services.scans.read import SCAN_SUFFIXES
from app.ui.attachment_open import open_stored_file
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.pages.document_removal_actions import correction_reason
from app.ui.pages.scan_register_actions import is_scan, read_then_register
from app.ui.widgets.scan_preview import ScanPreview

if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object  # the page itself is the QWidget; the mixin only adds methods

READABLE = tuple(dict.fromkeys(TEXT_SUFFIXES + SCAN_SUFFIXES))  # what 从文件登记 and dropping accept


class DocumentFileActions(_Base):
    """Mixed into DocumentsPage, which provides the attributes declared here."""

    services: PageServices
    count_label: QLabel
    _docs: DocumentService
    _current: DocumentDetail | None

    if TYPE_CHECKING:

        def action_new(
            self,
            proposal: DocumentInput | None = None,
            files: tuple[Path, ...] = (),
            scan: ScanPreview | None = None,
        ) -> None: ...

        def _show(self, detail: DocumentDetail | None) -> None: ...

    def register_from_file(self, path: Path) -> None:
        if is_scan(path):  # OCR takes seconds a page: in the task runner, with progress and 取消
            read_then_register(self.services, self, path, self.action_new, self.count_label.setText)
            return
        with user_errors(self) as attempt:
            proposal = propose_from_file(path)
        if not attempt.ok:
            return
        office = self.services.ctx.settings.office()
        value = registration_input(proposal, office.name if office else "")  # with 发文机关 and 主送
        self.action_new(value, (path,))

    def choose_file(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in READABLE)
        name, _ = QFileDialog.getOpenFileName(self, "选择公文文件或扫描件", "", f"公文和扫描件 ({patterns})")
        if name:
            self.register_from_file(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(READABLE) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        readable = [path for path in paths if path.suffix.lower() in READABLE]
        if readable:
            event.acceptProposedAction()
            self.register_from_file(readable[0])

    def add_files(self) -> None:
        if self._current is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, "添加附件")
        reason = correction_reason(self, self._current, None) if names else None
        if names and reason is not None:
            with user_errors(self):
                paths = tuple(Path(name) for name in names)
                self._show(self._docs.add_files(self.services.actor, self._current.id, paths, reason))

    def open_first_file(self) -> None:
        if self._current and self._current.files:
            first = self._current.files[0]
            open_stored_file(self, self.services.ctx.attachments.path_of(first.sha256), first.name)
