"""The selected task: full text, status / due date / 科室 / 责任人, progress log and evidence."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.models.workplan import EVIDENCE_KINDS, TASK_STATUSES
from app.services.permissions import Actor
from app.services.storage.attachments import display_name
from app.services.workplan.evidence import LINKABLE_KINDS, EvidenceCandidate
from app.services.workplan.query import OPEN_STATUSES, TaskDetail
from app.services.workplan.service import TaskEdit, WorkplanService
from app.ui.controls.date_fields import qdate
from app.ui.dialogs.evidence_picker_dialog import EvidencePickerDialog
from app.ui.errors import user_errors

NO_SECTION = "（未分配）"
NO_TASK = "在左侧选择一项任务，这里显示原文、进展和佐证材料。"
FILE_KIND = "上传文件"
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole


def _pydate(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


class WorkplanTaskPanel(QFrame):
    """Signals: `changed(int)` after a save, with the task id (the page reloads the row)."""

    changed = Signal(int)

    def __init__(
        self, service: WorkplanService, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setMinimumWidth(380)
        self._service, self._actor, self._clock = service, actor, clock
        self.detail: TaskDetail | None = None
        self.heading = QLabel(NO_TASK)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.units = QLabel()
        self.units.setWordWrap(True)
        self.units.setObjectName("hintLabel")
        self.status = QComboBox()
        self.status.addItems(list(TASK_STATUSES))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.undated = QCheckBox("未定")
        self.undated.toggled.connect(lambda on: self.due.setEnabled(not on))
        self.section = QComboBox()
        self.assignee = QLineEdit()
        self.assignee.setMaxLength(50)
        self.assignee.setPlaceholderText("责任人姓名（可不填）")
        self.save_button = QPushButton("保存")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.action_save)
        self.done_button = QPushButton("标记为已完成")
        self.done_button.clicked.connect(self.action_done)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.undated)
        form = QFormLayout()
        form.addRow("状态", self.status)
        form.addRow("到期日", due_row)
        form.addRow("科室", self.section)
        form.addRow("责任人", self.assignee)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)

        self.notes = QListWidget()
        self.note_date = QDateEdit(qdate(clock.today()))
        self.note_date.setCalendarPopup(True)
        self.note_date.setDisplayFormat("yyyy-MM-dd")
        self.note_text = QLineEdit()
        self.note_text.setMaxLength(2000)
        self.note_text.setPlaceholderText("进展情况，例如「已在政府网站发布」")
        self.note_text.returnPressed.connect(self.action_add_note)
        self.note_button = QPushButton("添加进展")
        self.note_button.clicked.connect(self.action_add_note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_date)
        note_row.addWidget(self.note_text, 1)
        note_row.addWidget(self.note_button)

        self.evidence = QListWidget()
        self.evidence.setWordWrap(True)
        self.evidence.itemDoubleClicked.connect(self._on_evidence_item_double_clicked)
        self.evidence_kind = QComboBox()
        self.evidence_kind.addItems([kind for kind in EVIDENCE_KINDS if kind != FILE_KIND])
        self.evidence_ref = QLineEdit()
        self.evidence_ref.setMaxLength(300)
        self.evidence_ref.setPlaceholderText("文号、标题或网址")
        self.pick_button = QPushButton("从登记中选择…")
        self.pick_button.setToolTip("从公文登记、公开栏张贴或重大决策事项中选一件，与任务关联")
        self.pick_button.clicked.connect(self.action_pick_evidence)
        self.evidence_kind.currentTextChanged.connect(self._on_evidence_kind_changed)
        self._picked: EvidenceCandidate | None = None
        self.evidence_button = QPushButton("添加")
        self.evidence_button.clicked.connect(lambda: self.action_add_evidence())  # clicked(bool) is no file
        self.file_button = QPushButton("上传文件…")
        self.file_button.clicked.connect(self.action_add_file)
        evidence_row = QHBoxLayout()  # two rows: the panel is narrow and the names are long
        evidence_row.addWidget(self.evidence_kind)
        evidence_row.addWidget(self.evidence_ref, 1)
        evidence_buttons = QHBoxLayout()
        evidence_buttons.addWidget(self.pick_button)
        evidence_buttons.addStretch(1)
        evidence_buttons.addWidget(self.evidence_button)
        evidence_buttons.addWidget(self.file_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.units)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("进展记录"))
        layout.addWidget(self.notes, 1)
        layout.addLayout(note_row)
        layout.addWidget(QLabel("佐证材料（双击打开文件或网址）"))
        layout.addWidget(self.evidence, 1)
        layout.addLayout(evidence_row)
        layout.addLayout(evidence_buttons)
        self.show_detail(None)

    def set_sections(self, names: list[str]) -> None:
        self.section.clear()
        self.section.addItem(NO_SECTION, None)
        for name in names:
            self.section.addItem(name, name)

    def show_detail(self, detail: TaskDetail | None) -> None:
        self.detail = detail
        editors: tuple[QWidget, ...] = (
            self.status, self.due, self.undated, self.section, self.assignee, self.save_button,
            self.done_button, self.note_text, self.note_button, self.evidence_ref,
            self.evidence_button, self.file_button, self.note_date, self.evidence_kind,
        )  # fmt: skip
        for widget in editors:
            widget.setEnabled(detail is not None)
        self.pick_button.setEnabled(detail is not None and self.evidence_kind.currentText() in LINKABLE_KINDS)
        self._picked = None
        self.notes.clear()
        self.evidence.clear()
        if detail is None:
            self.heading.setText(NO_TASK)
            self.text.clear()
            self.units.clear()
            return
        row = detail.row
        self.heading.setText(f"{row.title}{row.instance_label}")
        parts = [
            f"{label}：{value}"
            for label, value in (
                ("牵头", detail.lead_units),
                ("负责", detail.responsible_units),
                ("配合", detail.cooperating_units),
                ("时限", detail.due_text),
            )
            if value
        ]
        units = "\n".join(parts) or "原文没有写明责任单位和时限。"
        self.text.setPlainText(f"{units}\n\n{detail.plan_title}\n{row.heading_path}\n\n{detail.text}")
        hint = detail.review_note if row.status in OPEN_STATUSES else ""  # done: nothing left to decide
        self.units.setText(f"提示：{hint}")
        self.units.setVisible(bool(hint))
        self.status.setCurrentText(row.status)
        self.undated.setChecked(row.due is None)
        self.due.setEnabled(row.due is not None)
        self.due.setDate(qdate(row.due or self._clock.today()))
        self.section.setCurrentIndex(max(self.section.findData(row.section), 0) if row.section else 0)
        self.assignee.setText(detail.assignee)
        self.done_button.setEnabled(row.status != "已完成")
        for note in detail.notes:
            self.notes.addItem(f"{note.day.isoformat()}  {note.text}（{note.author}）")
        for item in detail.evidence:
            linked = "（已关联登记）" if item.ref_id is not None else ""
            entry = QListWidgetItem(f"{item.day.isoformat()}  {item.kind}：{item.reference}{linked}")
            entry.setData(EVIDENCE_ROLE, (item.sha256, item.reference))
            self.evidence.addItem(entry)

    def _apply(self, call: Callable[[], TaskDetail]) -> bool:
        with user_errors(self) as attempt:
            detail = call()
        if not attempt.ok:
            return False
        self.show_detail(detail)
        self.changed.emit(detail.row.id)
        return True

    def current_edit(self, status: str | None = None) -> TaskEdit:
        due = None if self.undated.isChecked() else _pydate(self.due)
        return TaskEdit(
            status or self.status.currentText(), due, self.section.currentData(), self.assignee.text()
        )

    def action_save(self) -> None:
        if self.detail is not None:
            task_id, edit = self.detail.row.id, self.current_edit()
            self._apply(lambda: self._service.update_task(self._actor, task_id, edit))

    def action_done(self) -> None:
        if self.detail is not None:
            task_id, edit = self.detail.row.id, self.current_edit("已完成")
            self._apply(lambda: self._service.update_task(self._actor, task_id, edit))

    def action_add_note(self) -> None:
        if self.detail is None:
            return
        task_id, day, text = self.detail.row.id, _pydate(self.note_date), self.note_text.text()
        if self._apply(lambda: self._service.add_note(self._actor, task_id, day, text)):
            self.note_text.clear()

    def action_add_evidence(self, file: Path | None = None) -> None:
        if self.detail is None:
            return
        kind = FILE_KIND if file else self.evidence_kind.currentText()
        task_id, reference = self.detail.row.id, self.evidence_ref.text()
        picked = self._picked
        ref_id = (
            picked.ref_id
            if picked and not file and (picked.kind, picked.label) == (kind, reference)
            else None
        )
        if self._apply(
            lambda: self._service.add_evidence(
                self._actor, task_id, kind, reference, self._clock.today(), file, ref_id
            )
        ):
            self.evidence_ref.clear()

    def action_pick_evidence(self) -> None:
        kind = self.evidence_kind.currentText()
        if self.detail is None or kind not in LINKABLE_KINDS:
            return
        dialog = EvidencePickerDialog(
            self._service, kind, "" if self._picked else self.evidence_ref.text(), self
        )
        if dialog.exec() == EvidencePickerDialog.DialogCode.Accepted and dialog.chosen is not None:
            self._picked = dialog.chosen
            self.evidence_ref.setText(dialog.chosen.label)

    def _on_evidence_kind_changed(self, kind: str) -> None:
        self.pick_button.setEnabled(self.detail is not None and kind in LINKABLE_KINDS)

    def action_add_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择佐证材料文件", "", "所有文件 (*)")
        if name:
            self.action_add_evidence(Path(name))

    def _on_evidence_item_double_clicked(self, item: QListWidgetItem) -> None:
        sha, reference = item.data(EVIDENCE_ROLE)
        if sha:
            # The store names files by checksum; a copy with the original name opens in the right program.
            folder = Path(tempfile.gettempdir()) / "zwgk-evidence" / sha[:12]
            folder.mkdir(parents=True, exist_ok=True)
            copy = folder / display_name(str(reference))
            shutil.copyfile(self._service.attachment_path(sha), copy)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        elif str(reference).startswith(("http://", "https://")):
            QDesktopServices.openUrl(QUrl(str(reference)))
