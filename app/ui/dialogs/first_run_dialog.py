"""First start: ask for the office name and code before anything else."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from app import APP_NAME
from app.errors import UserFacingError
from app.services.settings import SettingsService
from app.ui.widgets.office_form import OfficeForm


class FirstRunDialog(QDialog):
    def __init__(self, settings: SettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(f"欢迎使用{APP_NAME}")
        self.setMinimumWidth(520)
        intro = QLabel("第一次使用，请先填写本单位的基本信息。以后可以在「设置」中修改。")
        intro.setWordWrap(True)
        self.form = OfficeForm()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        start = buttons.button(QDialogButtonBox.StandardButton.Ok)
        start.setText("开始使用")
        start.setProperty("primary", True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self._settings.save_office(self.form.collect())
        except UserFacingError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        super().accept()
