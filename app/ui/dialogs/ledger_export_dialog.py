"""Where to save an Excel ledger, and whether it carries full ID numbers and phones (masked by default)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor, Perm
from app.services.privacy.ledger_export import INCLUDE_FULL_LABEL

MASKED_HINT = (
    "证件号码和电话号码默认遮盖后导出（如 3101**********1234、138****5678），"
    "台账经 U 盘、邮件传递时不泄露个人信息。导出记入操作日志。"
)
FULL_HINT = "将导出完整的证件号码和电话号码，请妥善保管导出的文件。导出记入操作日志。"
NO_RIGHT = "本账户不能查看完整号码（需要「{perm}」权限），只能遮盖后导出。"
EMPTY_PATH = "请选择保存位置。"


@dataclass(frozen=True)
class LedgerExportChoice:
    path: Path
    include_full: bool


class LedgerExportDialog(QDialog):
    """Attributes for tests: `path_edit`, `full_check`, `hint`, `choice` (set on 导出)."""

    def __init__(self, title: str, suggested: Path, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.choice: LedgerExportChoice | None = None
        self.path_edit = QLineEdit(str(suggested))
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel("保存到"))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.full_check = QCheckBox(INCLUDE_FULL_LABEL)
        allowed = actor.can(Perm.UNMASK_PERSONAL_DATA)
        self.full_check.setEnabled(allowed)
        if not allowed:
            self.full_check.setToolTip(NO_RIGHT.format(perm=Perm.UNMASK_PERSONAL_DATA.value))
        no_right = NO_RIGHT.format(perm=Perm.UNMASK_PERSONAL_DATA.value)
        self.hint = QLabel(MASKED_HINT if allowed else MASKED_HINT + no_right)
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        self.full_check.toggled.connect(self._on_full_toggled)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        export = buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        export.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.full_check)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_full_toggled(self, on: bool) -> None:
        self.hint.setText(FULL_HINT if on else MASKED_HINT)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path_edit.text(), "Excel 工作簿 (*.xlsx)"
        )
        if name:
            self.path_edit.setText(name)

    def accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.error.setText(EMPTY_PATH)
            self.error.show()
            return
        path = Path(text) if text.lower().endswith(".xlsx") else Path(text + ".xlsx")
        self.choice = LedgerExportChoice(path, self.full_check.isEnabled() and self.full_check.isChecked())
        super().accept()


def ask_ledger_export(
    title: str, suggested: Path, actor: Actor, parent: QWidget | None = None
) -> LedgerExportChoice | None:
    dialog = LedgerExportDialog(title, suggested, actor, parent)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
