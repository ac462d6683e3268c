"""设置: office profile, 公开栏 locations and the configurable rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Perm
from app.services.requests.reflow import reflow_requests
from app.services.settings.registry import (
    LAST_BACKUP_AT,
    PAPER_SIGNERS,
    REVIEW_STEPS,
    SIGNER_EXAMPLE,
    SPECS,
    Count,
)
from app.services.settings.service import SettingValue
from app.ui.controls.office_form import OfficeForm, confirm_org_code
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.widgets.accounts_panel import AccountsPanel
from app.ui.widgets.database_panel import DatabasePanel
from app.ui.widgets.holiday_panel import HolidayPanel
from app.ui.widgets.letter_templates_panel import LetterTemplatesPanel
from app.ui.widgets.taxonomy_panel import TaxonomyPanel

HIDDEN_KEYS = {LAST_BACKUP_AT.key}  # shown in the status bar, set by each backup
WIDE_KEYS = {REVIEW_STEPS.key, PAPER_SIGNERS.key}  # lists: read in full, not scrolled


class SettingsPage(BasePage):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("设置", services, parent)
        self._settings = services.ctx.settings
        self.office_form = OfficeForm()
        self.boards = QPlainTextEdit()
        self.boards.setPlaceholderText("每行一个公开栏，例如：\n镇政府公开栏\n便民服务中心公开栏\n××村公开栏")
        self.boards.setMaximumHeight(150)
        self.rule_widgets: dict[str, QWidget] = {}
        self.save_button = QPushButton("保存设置")
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip("保存（Ctrl+S）")
        self.save_button.clicked.connect(self.action_save)
        self.status = QLabel()
        self.status.setObjectName("hintLabel")

        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(14)
        column.addWidget(self._group("单位信息", self.office_form))
        column.addWidget(self._group("公开栏位置", self.boards))
        column.addWidget(self._group("规则设置", self._rules_form()))
        folder = QLabel(f"数据文件夹：{services.ctx.paths.root}")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setObjectName("hintLabel")
        column.addWidget(folder)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.setContentsMargins(0, 8, 0, 0)
        general_layout.addWidget(scroll, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        general_layout.addLayout(bar)
        self.can_edit = services.actor.can(Perm.EDIT_OFFICE)
        if not self.can_edit:
            self.status.setText("只有管理员可以修改单位信息和规则设置。")
            self.save_button.setVisible(False)
            content.setEnabled(False)
        self.accounts_panel = AccountsPanel(services.ctx.accounts, services.actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "单位与规则")
        self.tabs.addTab(self.accounts_panel, "账户")
        self.tabs.addTab(
            HolidayPanel(
                services.ctx.calendar,
                services.actor,
                on_changed=lambda: reflow_requests(services.ctx.requests, services.actor),
            ),
            "节假日",
        )
        self.tabs.addTab(LetterTemplatesPanel(services.ctx.requests.letters, services.actor), "文书模板")
        self.tabs.addTab(TaxonomyPanel(services.ctx.taxonomy, services.actor), "分类")
        self.tabs.addTab(DatabasePanel(services.ctx, services.actor), "数据库")
        self.root_layout.addWidget(self.tabs, 1)
        self.refresh()

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _rules_form(self) -> QWidget:
        holder = QWidget()
        form = QFormLayout(holder)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for spec in SPECS:
            if spec.key in HIDDEN_KEYS:
                continue
            widget: QWidget
            if isinstance(spec.default, bool):
                widget = QCheckBox()
            elif isinstance(spec, Count):
                widget = QSpinBox(minimum=spec.minimum, maximum=spec.maximum)
                widget.setMinimumWidth(120)
            else:
                widget = QLineEdit(maxLength=200)
                widget.setMinimumWidth(560 if spec.key in WIDE_KEYS else 320)
                if spec is PAPER_SIGNERS:
                    widget.setPlaceholderText(f"例如：{SIGNER_EXAMPLE}")
            widget.setToolTip(f"依据：{spec.source}")
            self.rule_widgets[spec.key] = widget
            form.addRow(spec.label, widget)
        return holder

    def refresh(self) -> None:
        self.office_form.load(self._settings.office())
        self.boards.setPlainText("\n".join(self._settings.boards()))
        values = self._settings.all_values()
        for key, widget in self.rule_widgets.items():
            value = values[key]
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
                widget.setCursorPosition(0)  # a long list shows its start

    def _rule_value(self, widget: QWidget) -> SettingValue:
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def action_save(self) -> None:
        if not self.can_edit:
            return
        office = self.office_form.collect()
        if not confirm_org_code(self, office.org_code, self._settings.office()):
            return
        with user_errors(self) as attempt:
            self._settings.save_all(
                self.services.actor,
                office,
                self.boards.toPlainText().splitlines(),
                {key: self._rule_value(widget) for key, widget in self.rule_widgets.items()},
            )
        if not attempt.ok:
            return
        self.status.setText("设置已保存。")
        self.refresh()
