"""录入纸质签署: the clerk records a step signed with a pen on the printed sheet (issue 21).

The signer is picked from the office's list (设置), never typed and never the clerk; the date is the one
written on the sheet; the scan of the signed page is required for the last step (and for every step when
设置 says so). The service checks everything and says what to correct; the dialog stays open until then.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import SessionEndedError
from app.services.review.types import CONCLUSIONS, PaperSignoff, SheetDetail
from app.services.settings import registry
from app.ui.controls.date_fields import date_edit, date_of
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors
from app.ui.page_services import PageServices

SCAN_FILTER = "扫描件或照片 (*.pdf *.jpg *.jpeg *.png)"
NO_SCAN = "（未选择）"


class PaperSignoffDialog(QDialog):
    """For tests: `hint`, `signer` (combo, data = name), `signed_on`, `agree`, `disagree`, `opinion`,
    `conclusion`, `scan_label`, `scan` (the chosen path or None), `set_scan()`; `collect()` gives the
    PaperSignoff."""

    def __init__(
        self,
        sheet: SheetDetail,
        signers: list[tuple[str, str]],
        *,
        today: date,
        scan_required: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        step = sheet.next_step or ""
        self.final = len(sheet.signoffs) == len(sheet.steps) - 1
        self.setWindowTitle(f"录入纸质签署 — {sheet.number}　{step}")
        self.setMinimumWidth(560)
        self.scan: Path | None = None
        self.signer = QComboBox()
        for name, role in signers:
            self.signer.addItem(f"{name}（{role}）" if role else name, name)
        self.signer.setCurrentIndex(-1)  # chosen by the clerk, never assumed
        self.signer.setPlaceholderText("选择在纸质审查单上签字的人")
        self.signed_on = date_edit(today)
        self.agree, self.disagree = QRadioButton("同意"), QRadioButton("不同意（退回）")
        self.agree.setChecked(True)
        verdict = QButtonGroup(self)
        verdict.addButton(self.agree)
        verdict.addButton(self.disagree)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.agree)
        verdict_row.addWidget(self.disagree)
        verdict_row.addStretch(1)
        self.opinion = QPlainTextEdit()
        self.opinion.setFixedHeight(60)
        self.opinion.setPlaceholderText("照纸质审查单上写的意见录入（不同意时必填）")
        self.conclusion = QComboBox()
        self.conclusion.addItems(list(CONCLUSIONS))
        self.conclusion.setCurrentText(sheet.default_conclusion)
        self.scan_label = QLabel(NO_SCAN)
        self.scan_label.setWordWrap(True)
        scan_button = QPushButton("选择扫描件…")
        scan_button.clicked.connect(self.choose_scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(scan_button)
        form = QFormLayout()
        form.addRow("步骤", QLabel(step))
        form.addRow("签署人", self.signer)
        form.addRow("纸质审查单上的日期", self.signed_on)
        form.addRow("意见", verdict_row)
        form.addRow("", self.opinion)
        if self.final:
            form.addRow("审查结论", self.conclusion)
        form.addRow("签字页扫描件" + ("（必附）" if scan_required else "（可不附）"), scan_row)
        self.hint = QLabel(self._hint(signers, sheet))
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, "录入", primary=True))

    @staticmethod
    def _hint(signers: list[tuple[str, str]], sheet: SheetDetail) -> str:
        if not signers:
            return "还没有填写本单位的纸质审查单签署人。请管理员先在「设置 → 单位与规则」中填写，再录入。"
        return (
            "按签字后的纸质审查单录入：签署人和日期以纸上为准"
            f"（日期不早于填表日期 {sheet.filled_on:%Y-%m-%d}，"
            "不晚于今天）。录入后记下由您录入及录入时间，签署人是纸上签字的人。"
        )

    def choose_scan(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        name, _ = QFileDialog.getOpenFileName(self, "选择签字页的扫描件或照片", folder, SCAN_FILTER)
        if name:
            self.set_scan(Path(name))

    def set_scan(self, path: Path) -> None:
        self.scan = path
        self.scan_label.setText(path.name)
        self.scan_label.setToolTip(str(path))

    def collect(self) -> PaperSignoff:
        name = self.signer.currentData()
        role = self.signer.currentText().partition("（")[2].rstrip("）")
        return PaperSignoff(
            signer_name=str(name or ""),
            signer_role=role,
            signed_on=date_of(self.signed_on),
            agreed=self.agree.isChecked(),
            opinion=self.opinion.toPlainText(),
            conclusion=self.conclusion.currentText() if self.final else "",
            scan=self.scan,
        )


def record_paper_signoff(
    parent: QWidget | None, services: PageServices, sheet: SheetDetail
) -> SheetDetail | None:
    """The dialog until the step is recorded or the clerk cancels; None when cancelled."""
    ctx = services.ctx
    signers = registry.signer_entries(ctx.settings.read(registry.PAPER_SIGNERS))
    final = len(sheet.signoffs) == len(sheet.steps) - 1
    required = final or ctx.settings.read(registry.SCAN_EVERY_PAPER_STEP)
    dialog = PaperSignoffDialog(
        sheet, signers, today=ctx.clock.today(), scan_required=required, parent=parent
    )
    while dialog.exec():
        with user_errors(dialog) as attempt:
            return ctx.reviews.record_paper(services.actor, sheet.id, dialog.collect(), sheet.version)
        if attempt.stale or isinstance(attempt.error, SessionEndedError):
            return None
    return None
