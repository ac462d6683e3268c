"""One case (UX.md 「A request」): header with the clock, timeline, next legal steps, letters, remedies."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.core import due_phrase, provisional_hint
from app.services.requests.outcomes import BY_KEY
from app.services.requests.types import CaseDetail, CaseStatus, LetterKind, LetterView, StepOption
from app.ui.widgets.case_papers_panel import CasePapersPanel

STATUS_COLOURS = {
    "待确认": "#6a1b9a",
    "办理中": "#1565c0",
    "待补正": "#b26a00",
    "征求意见中": "#00838f",
    "待缴费": "#b26a00",
    "已答复": "#2e7d32",
    "已送达": "#2e7d32",
    "已办结": "#546e7a",
    "已归档": "#546e7a",
    "已作废": "#9e9e9e",
}
VOIDED_GREY = "#9e9e9e"
OVERDUE, SOON, NORMAL = "#c62828", "#b26a00", "#2e7d32"
STEP_COLUMNS = 2


def _badge(text: str, colour: str) -> str:
    return (
        f'<span style="background:{colour}; color:white; padding:2px 8px; border-radius:6px;">'
        f"&nbsp;{text}&nbsp;</span>"
    )


class RequestCaseView(QWidget):
    """Signals: back_requested, step_requested(kind), letter_requested(kind), letter_opened(LetterView),
    letter_printed(LetterView), remedy_requested, remedy_update_requested, explain_requested,
    reveal_requested, edit_requested (修改登记信息), release_requested (依申请转主动),
    letter_void_requested(LetterView) and remove_requested (删除或作废申请, issue 21)."""

    back_requested = Signal()
    step_requested = Signal(str)
    letter_requested = Signal(str)
    letter_opened = Signal(object)
    letter_printed = Signal(object)
    remedy_requested = Signal()
    explain_requested = Signal()
    reveal_requested = Signal()
    edit_requested = Signal()
    remedy_update_requested = Signal()
    release_requested = Signal()
    letter_pdf_requested = Signal(object)
    letter_void_requested = Signal(object)
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: CaseDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton("← 返回列表")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.due_label = QLabel()
        self.due_label.setStyleSheet("font-weight: bold;")
        self.explain_button = QPushButton("如何计算")
        self.explain_button.setFlat(True)
        self.explain_button.setStyleSheet("color: #1565c0; text-decoration: underline;")
        self.explain_button.setToolTip("逐日列出答复期限的计算过程（跳过的周末、节假日和暂停的日子）")
        self.explain_button.clicked.connect(self.explain_requested.emit)
        for widget in (
            self.back_button,
            self.number_label,
            self.status_label,
            self.due_label,
            self.explain_button,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        self.provisional_label = QLabel()  # 「暂定：2027年放假安排尚未录入……」 under a provisional date
        self.provisional_label.setObjectName("provisionalHint")
        self.provisional_label.setWordWrap(True)
        self.provisional_label.setVisible(False)
        layout.addWidget(self.provisional_label)
        self.applicant_label = QLabel()
        self.applicant_label.setWordWrap(True)
        self.applicant_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton("显示完整证件号")
        self.reveal_button.setToolTip("查看完整证件号码会记入操作日志")
        self.reveal_button.clicked.connect(self.reveal_requested.emit)
        self.edit_button = QPushButton("修改登记信息…")
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.remove_button = QPushButton("删除或作废申请…")
        self.remove_button.setToolTip("登记有误时：没有文书、复议诉讼等的可以删除，否则写明理由后作废")
        self.remove_button.clicked.connect(self.remove_requested.emit)
        info_buttons = QVBoxLayout()
        info_buttons.addWidget(self.reveal_button)
        info_buttons.addWidget(self.edit_button)
        info_buttons.addWidget(self.remove_button)
        info_buttons.addStretch(1)
        info = QHBoxLayout()
        info.addWidget(self.applicant_label, 1)
        info.addLayout(info_buttons)
        layout.addLayout(info)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left = QFrame()
        left.setProperty("card", True)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self._heading("办理过程"))
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        left_layout.addWidget(self.timeline, 1)
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setObjectName("hintLabel")
        left_layout.addWidget(self.proposal_label)
        self.release_button = QPushButton("转为主动公开…")
        self.release_button.setToolTip("登记到公文目录（主动公开），附答复告知书，并发起保密审查")
        self.release_button.clicked.connect(self.release_requested.emit)
        left_layout.addWidget(self.release_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.papers_panel = CasePapersPanel()  # 案卷材料 and 生成案卷 (issue 22), in view without scrolling
        left_layout.addWidget(self.papers_panel)
        splitter.addWidget(left)

        right = QFrame()
        right.setProperty("card", True)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self._heading("下一步"))
        self.steps_grid = QGridLayout()
        right_layout.addLayout(self.steps_grid)
        right_layout.addWidget(self._heading("出具文书"))
        self.letter_grid = QGridLayout()
        right_layout.addLayout(self.letter_grid)
        right_layout.addWidget(self._heading("已出具的文书"))
        self.letters = QListWidget()
        self.letters.setMaximumHeight(130)
        self.letters.itemDoubleClicked.connect(lambda _item: self._emit_letter(self.letter_opened))
        self.letters.currentRowChanged.connect(lambda _row: self._letter_void_state())
        right_layout.addWidget(self.letters)
        row = QHBoxLayout()
        self.open_letter_button = QPushButton("打开")
        self.open_letter_button.clicked.connect(lambda: self._emit_letter(self.letter_opened))
        self.print_letter_button = QPushButton("打印")
        self.print_letter_button.setToolTip("打印正式文书会记入操作日志")
        self.print_letter_button.clicked.connect(lambda: self._emit_letter(self.letter_printed))
        row.addWidget(self.open_letter_button)
        row.addWidget(self.print_letter_button)
        self.pdf_button = QPushButton("导出 PDF…")
        self.pdf_button.setToolTip("用本机的 LibreOffice 把选中的文书转换为 PDF")
        self.pdf_button.clicked.connect(lambda: self._emit_letter(self.letter_pdf_requested))
        self.pdf_button.setVisible(False)  # shown by the page when LibreOffice is installed
        row.addWidget(self.pdf_button)
        self.void_letter_button = QPushButton("作废文书…")
        self.void_letter_button.setToolTip("误出具的文书写明理由后作废；文号不再使用")
        self.void_letter_button.clicked.connect(lambda: self._emit_letter(self.letter_void_requested))
        row.addWidget(self.void_letter_button)
        row.addStretch(1)
        right_layout.addLayout(row)
        right_layout.addWidget(self._heading("行政复议 / 行政诉讼"))
        self.remedies = QLabel()
        self.remedies.setWordWrap(True)
        right_layout.addWidget(self.remedies)
        self.remedy_button = QPushButton("登记复议或诉讼…")
        self.remedy_button.clicked.connect(self.remedy_requested.emit)
        self.remedy_update_button = QPushButton("更新结果…")
        self.remedy_update_button.setToolTip("复议机关或法院作出决定后，登记结果和审结日期")
        self.remedy_update_button.clicked.connect(self.remedy_update_requested.emit)
        remedy_row = QHBoxLayout()
        remedy_row.addWidget(self.remedy_button)
        remedy_row.addWidget(self.remedy_update_button)
        remedy_row.addStretch(1)
        right_layout.addLayout(remedy_row)
        right_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.step_buttons: dict[str, QPushButton] = {}
        self.letter_buttons: dict[str, QPushButton] = {}

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold;")
        return label

    def show_case(
        self,
        detail: CaseDetail,
        steps: tuple[StepOption, ...],
        letter_reasons: dict[str, str],
        proposal: str,
        today: date,
    ) -> None:
        self.detail = detail
        self.number_label.setText(f"受理编号 {detail.number}")
        self.status_label.setText(_badge(detail.status, STATUS_COLOURS.get(detail.status, "#546e7a")))
        phrase = due_phrase(detail)
        remaining = detail.deadline.remaining_working_days if detail.deadline else None
        colour = OVERDUE if detail.due_problem or (remaining is not None and remaining < 0) else NORMAL
        if remaining is not None and 0 <= remaining <= 3 and detail.is_open:
            colour = SOON
        self.due_label.setText(phrase)
        hint = provisional_hint(detail)
        self.provisional_label.setText(hint)
        self.provisional_label.setVisible(bool(hint))
        self.due_label.setStyleSheet(f"font-weight: bold; color: {colour if detail.is_open else '#546e7a'};")
        received = detail.received_on.isoformat() if detail.received_on else "待确认"
        outcome = BY_KEY.get(detail.outcome or "")
        lines = [
            f"申请人：{detail.applicant_name}（{detail.applicant_type}）"
            f"　{detail.id_type} {detail.id_number_masked}　联系方式：{detail.contact_masked}",
            f"申请方式：{detail.channel}　到达：{detail.arrived_at:%Y-%m-%d %H:%M}　收到申请之日：{received}"
            f"　承办科室：{detail.department or '未交办'}",
            f"申请内容：{detail.description[:300]}",
            f"获取方式：{detail.form_requested}",
        ]
        if outcome is not None:
            lines.append(f"办理结果：{outcome.ledger_label}（{outcome.basis}）")
        self.applicant_label.setText("\n".join(lines))
        self.timeline.clear()
        for event in detail.events:
            item = QListWidgetItem(f"{event.on_date.isoformat()}　{event.text}　— {event.who}")
            item.setToolTip(f"录入时间：{event.recorded_at:%Y-%m-%d %H:%M}")
            self.timeline.addItem(item)
        self.proposal_label.setText(proposal)
        self.proposal_label.setVisible(bool(proposal))
        self.release_button.setVisible(bool(proposal))
        self.edit_button.setToolTip(
            "更正登记时填错的信息；修改记入操作日志"
            if detail.is_open
            else "已办结的申请只有管理员可以修改，且须填写原因"
        )
        self._fill_buttons(
            self.steps_grid, self.step_buttons, [(s.kind, s.enabled, s.reason) for s in steps], True
        )
        letters = [
            (kind.value, not reason, reason) for kind, reason in ((k, letter_reasons[k]) for k in LetterKind)
        ]
        self._fill_buttons(self.letter_grid, self.letter_buttons, letters, False)
        self.letters.clear()
        for letter in detail.letters:
            item = QListWidgetItem(f"{letter.issued_on.isoformat()}　{letter.listed}")
            item.setData(Qt.ItemDataRole.UserRole, letter)
            if letter.voided:
                item.setForeground(QColor(VOIDED_GREY))
            self.letters.addItem(item)
        has_letters = bool(detail.letters)
        self.open_letter_button.setEnabled(has_letters)
        self.print_letter_button.setEnabled(has_letters)
        self.pdf_button.setEnabled(has_letters)
        self._letter_void_state()
        voided = detail.status == CaseStatus.VOIDED
        self.remove_button.setEnabled(not voided)
        self.edit_button.setEnabled(not voided)
        self.remedies.setText(
            "\n".join(
                f"{r.stage}：{r.filed_on.isoformat()} {r.body}，结果 {r.result}"
                + (f"（{r.closed_on.isoformat()} 审结）" if r.closed_on else "")
                for r in detail.remedies
            )
            or "无"
        )
        self.remedy_button.setEnabled(detail.outcome is not None and detail.status != CaseStatus.VOIDED)
        self.remedy_update_button.setEnabled(bool(detail.remedies))
        self.remedy_button.setToolTip("" if detail.outcome else "答复或办结后才可能被申请复议或起诉")

    def _fill_buttons(
        self,
        grid: QGridLayout,
        store: dict[str, QPushButton],
        items: list[tuple[str, bool, str]],
        steps: bool,
    ) -> None:
        while grid.count():
            taken = grid.takeAt(0)
            widget = taken.widget() if taken else None
            if widget is not None:
                widget.deleteLater()
        store.clear()
        for index, (kind, enabled, reason) in enumerate(items):
            button = QPushButton(kind)
            button.setEnabled(enabled)
            button.setToolTip(reason)
            signal = self.step_requested if steps else self.letter_requested
            button.clicked.connect(lambda _checked=False, k=kind, s=signal: s.emit(k))
            grid.addWidget(button, index // STEP_COLUMNS, index % STEP_COLUMNS)
            store[kind] = button
        if steps and not items:
            voided = self.detail is not None and self.detail.status == CaseStatus.VOIDED
            text = "这件申请已作废，没有待办步骤。" if voided else "这件申请已办结，没有待办步骤。"
            grid.addWidget(QLabel(text), 0, 0, 1, STEP_COLUMNS)

    def selected_letter(self) -> LetterView | None:
        item = self.letters.currentItem() or (
            self.letters.item(self.letters.count() - 1) if self.letters.count() else None
        )
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, LetterView) else None

    def _letter_void_state(self) -> None:
        """作废… only for a valid letter of a case still on file (archived or voided cases are closed)."""
        letter, detail = self.selected_letter(), self.detail
        closed = detail is None or detail.status in (CaseStatus.ARCHIVED, CaseStatus.VOIDED)
        why = ""
        if letter is None:
            why = "没有可作废的文书"
        elif letter.voided:
            why = f"{letter.number} 已作废"
        elif closed and detail is not None:
            why = f"申请{detail.status}，文书不能再作废"
        self.void_letter_button.setEnabled(not why)
        self.void_letter_button.setToolTip(why or "误出具的文书写明理由后作废；文号不再使用")

    def _emit_letter(self, signal: SignalInstance) -> None:
        letter = self.selected_letter()
        if letter is not None:
            signal.emit(letter)
