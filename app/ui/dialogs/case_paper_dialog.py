"""「添加材料」: one paper of a case — kind, date, the scan or photo, for mail the number and 签收 date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.casefile.papers import MAIL_KINDS, NewPaper, PaperKind, PaperView
from app.ui.controls.date_fields import date_edit, date_of
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors

SCAN_FILTER = "扫描件或照片 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.heic);;所有文件 (*)"


class CasePaperDialog(QDialog):
    """`submit` saves (and may refuse); the dialog stays open on a refusal so the clerk can correct it."""

    def __init__(
        self, submit: Callable[[NewPaper], PaperView], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加案卷材料")
        self.setMinimumWidth(520)
        self._submit = submit
        self.result_value: PaperView | None = None
        self.kind_combo = QComboBox()
        self.kind_combo.addItems([kind.value for kind in PaperKind])
        self.kind_combo.currentTextChanged.connect(self._kind_changed)
        self.date_edit = date_edit(today)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("选择扫描件或照片（PDF、JPG、PNG、TIFF）")
        browse = QPushButton("选择文件…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.mail_edit = QLineEdit()
        self.mail_edit.setPlaceholderText("如 EA123456789CN")
        self.signed_check = QCheckBox("已签收，签收日期：")
        self.signed_edit = date_edit(today)
        self.signed_check.toggled.connect(self.signed_edit.setEnabled)
        self.signed_edit.setEnabled(False)
        signed_row = QHBoxLayout()
        signed_row.addWidget(self.signed_check)
        signed_row.addWidget(self.signed_edit)
        signed_row.addStretch(1)
        self.note_edit = QLineEdit()
        form = QFormLayout()
        form.addRow("材料种类", self.kind_combo)
        form.addRow("日期", self.date_edit)
        form.addRow("扫描件或照片", file_row)
        form.addRow("邮件号码", self.mail_edit)
        form.addRow("", signed_row)
        form.addRow("备注", self.note_edit)
        hint = QLabel(
            "日期写材料上的日期（收到、寄出或签收之日）。只登记邮寄或送达时，可以不选文件、只填邮件号码。"
        )
        hint.setWordWrap(True)
        hint.setObjectName("hintLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(save_buttons(self, "添加", on_accept=self._save))
        self._kind_changed(self.kind_combo.currentText())

    def _kind_changed(self, kind: str) -> None:
        mail = kind in MAIL_KINDS
        self.mail_edit.setEnabled(mail)
        self.signed_check.setEnabled(mail)
        self.signed_edit.setEnabled(mail and self.signed_check.isChecked())

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择扫描件或照片", "", SCAN_FILTER)
        if name:
            self.file_edit.setText(name)

    def paper(self) -> NewPaper:
        kind = self.kind_combo.currentText()
        mail = kind in MAIL_KINDS
        text = self.file_edit.text().strip()
        return NewPaper(
            kind,
            date_of(self.date_edit),
            Path(text) if text else None,
            self.mail_edit.text() if mail else "",
            date_of(self.signed_edit) if mail and self.signed_check.isChecked() else None,
            self.note_edit.text(),
        )

    def _save(self) -> None:
        with user_errors(self) as attempt:
            self.result_value = self._submit(self.paper())
        if attempt.ok:
            self.accept()
