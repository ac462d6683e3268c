"""设置 → 文书模板: the office's wording of each request letter (versioned; 管理员 edits)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor, Perm
from app.services.requests.letters.service import LetterService
from app.services.requests.letters.templates import PLACEHOLDERS
from app.services.requests.types import LetterKind
from app.ui.errors import user_errors


class LetterTemplatesPanel(QWidget):
    def __init__(self, letters: LetterService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._letters, self._actor = letters, actor
        self.kind = QComboBox()
        self.kind.addItems([kind.value for kind in LetterKind])
        self.kind.currentTextChanged.connect(self.load)
        self.version = QLabel()
        self.version.setObjectName("hintLabel")
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        help_text = "、".join("{" + name + "}" for name in PLACEHOLDERS)
        placeholders = QLabel(f"可用的占位符：{help_text}")
        placeholders.setObjectName("hintLabel")
        placeholders.setWordWrap(True)
        self.save_button = QPushButton("保存为新版本")
        self.save_button.setProperty("primary", True)
        self.restore_button = QPushButton("恢复默认文本")
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self.restore)
        can_edit = actor.can(Perm.EDIT_TEMPLATES)
        self.editor.setReadOnly(not can_edit)
        for button in (self.save_button, self.restore_button):
            button.setVisible(can_edit)
        top = QHBoxLayout()
        top.addWidget(QLabel("文书"))
        top.addWidget(self.kind)
        top.addWidget(self.version, 1)
        top.addWidget(self.restore_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addWidget(placeholders)
        if not can_edit:
            note = QLabel("只有管理员可以修改文书模板。")
            note.setObjectName("hintLabel")
            layout.addWidget(note)
        self.load(self.kind.currentText())

    def load(self, kind: str) -> None:
        text, version = self._letters.template_text(kind)
        self.editor.setPlainText(text)
        self.version.setText(f"第 {version} 版（本单位修改）" if version else "默认文本")

    def save(self) -> None:
        self._run(
            lambda: self._letters.save_template(
                self._actor, self.kind.currentText(), self.editor.toPlainText()
            )
        )

    def restore(self) -> None:
        self._run(lambda: self._letters.restore_bundled(self._actor, self.kind.currentText()))

    def _run(self, call: Callable[[], int]) -> None:
        with user_errors(self) as attempt:
            version = call()
        if not attempt.ok:
            return
        self.load(self.kind.currentText())
        self.version.setText(f"已保存为第 {version} 版。")
